use super::*;
use crate::scheduler::testing::PodBuilder;

fn reqs(pod: &crate::model::Pod, non_missing: bool) -> (i64, i64) {
    let mut names = ScalarNames::default();
    let r = pod_requests(&pod.spec, &mut names, non_missing);
    (r.cpu, r.mem)
}

#[test]
fn effective_requests_follow_resource_pod_requests() {
    let mib = 1024 * 1024;
    // Upstream's doc example: init 2 cpu/1G and 2 cpu/3G, app 2+1 cpu, 1G+1G -> 3 cpu, 3G.
    let pod = PodBuilder::new("p")
        .no_containers()
        .init_container("i1", "x", &[("cpu", "2"), ("memory", "1000Mi")], false)
        .init_container("i2", "x", &[("cpu", "2"), ("memory", "3000Mi")], false)
        .container("c1", "x", &[("cpu", "2"), ("memory", "1000Mi")])
        .container("c2", "x", &[("cpu", "1"), ("memory", "1000Mi")])
        .build();
    assert_eq!(reqs(&pod, false), (3000, 3000 * mib));
    // A sidecar runs beside everything after it.
    let pod = PodBuilder::new("p")
        .no_containers()
        .init_container("side", "x", &[("cpu", "500m")], true)
        .init_container("init", "x", &[("cpu", "2")], false)
        .container("c", "x", &[("cpu", "1")])
        .build();
    // max(app 1 + sidecar 0.5, init 2 + sidecar 0.5) = 2.5.
    assert_eq!(reqs(&pod, false).0, 2500);
}

#[test]
fn non_missing_defaults_apply_per_container_and_only_when_missing() {
    let mib = 1024 * 1024;
    let pod = PodBuilder::new("p")
        .no_containers()
        .container("a", "x", &[])
        .container("b", "x", &[("cpu", "0")])
        .build();
    assert_eq!(reqs(&pod, false), (0, 0));
    // a: 100m + 200Mi; b: cpu explicitly 0 stays 0, memory missing -> 200Mi.
    assert_eq!(reqs(&pod, true), (100, 400 * mib));
}

#[test]
fn scalar_resources_are_interned_and_summed() {
    let mut names = ScalarNames::default();
    let pod = PodBuilder::new("p")
        .no_containers()
        .container("a", "x", &[("nvidia.com/gpu", "1")])
        .container("b", "x", &[("nvidia.com/gpu", "2")])
        .build();
    let r = pod_requests(&pod.spec, &mut names, false);
    let gpu = names.intern("nvidia.com/gpu");
    assert_eq!(r.scalar(gpu), 3);
    assert!(!r.is_zero());
}
