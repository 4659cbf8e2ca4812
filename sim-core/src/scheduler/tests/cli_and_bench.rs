//! The library side of `kubesim schedule` and `kubesim bench`.

use crate::model::TaintEffect;
use crate::scheduler::{
    bench::{Workload, run},
    cli::{Objects, schedule},
    testing::{NodeBuilder, PodBuilder},
};

#[test]
fn schedule_lines_serialize_exactly() {
    let objects = Objects {
        nodes: vec![
            NodeBuilder::new("node-1").cpu("4").memory("8Gi").build(),
            NodeBuilder::new("node-2")
                .cpu("4")
                .memory("8Gi")
                .taint("gpu", "", TaintEffect::NoSchedule)
                .build(),
            NodeBuilder::new("node-3").cpu("1").memory("8Gi").build(),
        ],
        pods: vec![
            PodBuilder::new("running").cpu("1").memory("2Gi").on_node("node-1").build(),
            PodBuilder::new("web-1").cpu("500m").memory("1Gi").build(),
            PodBuilder::new("web-2").cpu("4").build(),
        ],
        ..Objects::default()
    };
    let lines: Vec<String> =
        schedule(&objects, 1).iter().map(|l| serde_json::to_string(l).unwrap()).collect();
    assert_eq!(
        lines,
        [
            // node-1: fit (2500*100/4000=62, 5Gi/8Gi -> 62) -> 62; balanced 100; taints 100.
            // node-3: 1 cpu: fit cpu (1000-500)*100/1000 = 50, memory 87 -> 68; balanced
            // |0.5 - 0.125|/2 = 0.1875 -> 81. Totals 462 and 449.
            r#"{"pod":"default/web-1","node":"node-1","message":null,"feasibleNodes":2,"nodes":{"node-1":{"feasible":true,"scores":{"TaintToleration":100,"NodeResourcesFit":62,"NodeResourcesBalancedAllocation":100,"ImageLocality":0},"total":462},"node-2":{"feasible":false,"status":"UnschedulableAndUnresolvable","reasons":["node(s) had untolerated taint(s)"]},"node-3":{"feasible":true,"scores":{"TaintToleration":100,"NodeResourcesFit":68,"NodeResourcesBalancedAllocation":81,"ImageLocality":0},"total":449}}}"#,
            r#"{"pod":"default/web-2","node":null,"message":"0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.","feasibleNodes":0,"nodes":{"node-1":{"feasible":false,"status":"Unschedulable","reasons":["Insufficient cpu"]},"node-2":{"feasible":false,"status":"UnschedulableAndUnresolvable","reasons":["node(s) had untolerated taint(s)"]},"node-3":{"feasible":false,"status":"Unschedulable","reasons":["Insufficient cpu"]}}}"#,
        ]
    );
}

#[test]
fn short_bench_schedules_everything_deterministically() {
    let w = Workload::short();
    let a = run(&w, 7);
    assert_eq!(a.pods_scheduled, w.pods as u64);
    assert_eq!(a.unschedulable, 0);
    assert_eq!(run(&w, 7), a, "same seed, same checksum");
    assert_ne!(run(&w, 8).checksum, a.checksum, "another seed breaks ties differently");
}
