//! Table-driven plugin tests, in the manner of upstream's `*_test.go` tables (our own cases
//! and arithmetic; each expected score is worked out in a comment). Every case runs a real
//! cycle through a profile holding only the plugin under test.

use super::harness::*;
use crate::{
    model::{
        TaintEffect,
        pod::{NodeSelectorOperator as Op, UnsatisfiableConstraintAction as When},
    },
    scheduler::{
        Code,
        config::{PluginName as P, Profile, ResourceSpec, ScoringStrategyType},
        plugins::{
            balanced_allocation, default_preemption, image_locality, node_affinity, node_name,
            node_ports, node_resources_fit, node_unschedulable, pod_topology_spread,
            taint_toleration,
        },
        testing::{NodeBuilder, PodBuilder},
    },
};

fn only_filter(p: P) -> Profile {
    profile_with(&[p], &[(P::NodeResourcesFit, 1)])
}

fn only_score(p: P) -> Profile {
    profile_with(&[], &[(p, 1)])
}

#[test]
fn plugin_names_match_upstream() {
    let pairs = [
        (node_unschedulable::NAME, P::NodeUnschedulable),
        (node_name::NAME, P::NodeName),
        (taint_toleration::NAME, P::TaintToleration),
        (node_affinity::NAME, P::NodeAffinity),
        (node_ports::NAME, P::NodePorts),
        (node_resources_fit::NAME, P::NodeResourcesFit),
        (pod_topology_spread::NAME, P::PodTopologySpread),
        (default_preemption::NAME, P::DefaultPreemption),
        (balanced_allocation::NAME, P::NodeResourcesBalancedAllocation),
        (image_locality::NAME, P::ImageLocality),
    ];
    for (name, plugin) in pairs {
        assert_eq!(name, plugin.as_str());
    }
}

#[test]
fn node_resources_fit_filter_table() {
    let node =
        || NodeBuilder::new("n").cpu("2").memory("4Gi").pods(3).resource("nvidia.com/gpu", "1");
    let running =
        |name: &str, cpu: &str| PodBuilder::new(name).cpu(cpu).memory("1Gi").on_node("n").build();
    let cases: Vec<(&str, Vec<_>, _, &str)> = vec![
        ("fits", vec![], PodBuilder::new("p").cpu("1").memory("1Gi"), ""),
        (
            "insufficient cpu",
            vec![running("r1", "1500m")],
            PodBuilder::new("p").cpu("1"),
            "Insufficient cpu",
        ),
        (
            "all failing resources are reported",
            vec![running("r1", "1500m")],
            PodBuilder::new("p").cpu("1").memory("4Gi"),
            "Insufficient cpu, Insufficient memory",
        ),
        (
            "too many pods comes first",
            vec![running("r1", "100m"), running("r2", "100m"), running("r3", "100m")],
            PodBuilder::new("p").cpu("1"),
            "Too many pods",
        ),
        (
            "a pod asking nothing only needs a pod slot",
            vec![running("r1", "2")],
            PodBuilder::new("p"),
            "",
        ),
        (
            "extended resources count",
            vec![],
            PodBuilder::new("p").request("nvidia.com/gpu", "2"),
            "Insufficient nvidia.com/gpu",
        ),
        (
            "init containers: the largest one, not the sum",
            vec![],
            PodBuilder::new("p")
                .cpu("1")
                .init_container("i1", "busybox", &[("cpu", "2")], false)
                .init_container("i2", "busybox", &[("cpu", "2")], false),
            "",
        ),
        (
            "sidecars add to the app containers",
            vec![],
            PodBuilder::new("p").cpu("1500m").init_container("s", "envoy", &[("cpu", "1")], true),
            "Insufficient cpu",
        ),
        (
            "overhead counts",
            vec![],
            PodBuilder::new("p").cpu("1900m").overhead("cpu", "200m"),
            "Insufficient cpu",
        ),
    ];
    for (name, existing, pod, want) in cases {
        let a =
            attempt(only_filter(P::NodeResourcesFit), &[node().build()], &existing, &pod.build());
        assert_eq!(verdicts(&a), [("n".to_owned(), want.to_owned())], "{name}");
        if !want.is_empty() {
            let n = a.nodes().next().unwrap();
            assert_eq!(n.code, Code::Unschedulable, "{name}");
            assert_eq!(n.plugin, Some(P::NodeResourcesFit), "{name}");
        }
    }
}

#[test]
fn node_resources_fit_ignores_configured_extended_resources() {
    let mut profile = only_filter(P::NodeResourcesFit);
    profile.node_resources_fit.ignored_resource_groups = vec!["example.com".into()];
    let node = NodeBuilder::new("n").cpu("2").memory("4Gi").build();
    let pod = PodBuilder::new("p")
        .request("example.com/widget", "3")
        .request("nvidia.com/gpu", "1")
        .build();
    let a = attempt(profile, &[node], &[], &pod);
    assert_eq!(verdicts(&a)[0].1, "Insufficient nvidia.com/gpu");
}

fn score_case(
    profile: Profile,
    nodes: &[crate::model::Node],
    existing: &[crate::model::Pod],
    pod: crate::model::Pod,
    plugin: P,
) -> Vec<(String, Option<i64>)> {
    sorted(scores(&attempt(profile, nodes, existing, &pod), plugin))
}

/// Two nodes of 4 cpu / 10000Mi; `busy` runs 1 cpu / 2000Mi. The pod asks 1 cpu / 1000Mi.
fn two_nodes() -> (Vec<crate::model::Node>, Vec<crate::model::Pod>, crate::model::Pod) {
    let nodes = vec![
        NodeBuilder::new("busy").cpu("4").memory("10000Mi").build(),
        NodeBuilder::new("idle").cpu("4").memory("10000Mi").build(),
    ];
    let existing = vec![PodBuilder::new("r").cpu("1").memory("2000Mi").on_node("busy").build()];
    (nodes, existing, PodBuilder::new("p").cpu("1").memory("1000Mi").build())
}

#[test]
fn least_allocated_scores() {
    let (nodes, existing, pod) = two_nodes();
    // busy: cpu (4000-2000)*100/4000 = 50, memory (10000-3000)*100/10000 = 70 -> 60.
    // idle: cpu 3000*100/4000 = 75, memory 9000*100/10000 = 90 -> 82 (165/2).
    let got =
        score_case(only_score(P::NodeResourcesFit), &nodes, &existing, pod, P::NodeResourcesFit);
    assert_eq!(got, [("busy".into(), Some(60)), ("idle".into(), Some(82))]);
}

#[test]
fn least_allocated_uses_non_zero_defaults_for_scoring_only() {
    // A pod without requests counts as 100m / 200Mi when scoring:
    // cpu (4000-100)*100/4000 = 97, memory (10000-200)*100/10000 = 98 -> 97.
    let nodes = [
        NodeBuilder::new("n1").cpu("4").memory("10000Mi").build(),
        NodeBuilder::new("n2").cpu("4").memory("10000Mi").build(),
    ];
    let got = score_case(
        only_score(P::NodeResourcesFit),
        &nodes,
        &[],
        PodBuilder::new("p").build(),
        P::NodeResourcesFit,
    );
    assert_eq!(got, [("n1".into(), Some(97)), ("n2".into(), Some(97))]);
    // ...and an existing request-less pod counts the same on its node: cpu 3800 -> 95,
    // memory 9600 -> 96 -> 95.
    let existing = [PodBuilder::new("r").on_node("n1").build()];
    let got = score_case(
        only_score(P::NodeResourcesFit),
        &nodes,
        &existing,
        PodBuilder::new("p").build(),
        P::NodeResourcesFit,
    );
    assert_eq!(got, [("n1".into(), Some(95)), ("n2".into(), Some(97))]);
}

#[test]
fn most_allocated_scores() {
    let (nodes, existing, pod) = two_nodes();
    let mut profile = only_score(P::NodeResourcesFit);
    profile.node_resources_fit.strategy = ScoringStrategyType::MostAllocated;
    // busy: cpu 2000*100/4000 = 50, memory 3000*100/10000 = 30 -> 40.
    // idle: cpu 25, memory 10 -> 17 (35/2).
    assert_eq!(
        score_case(profile, &nodes, &existing, pod, P::NodeResourcesFit),
        [("busy".into(), Some(40)), ("idle".into(), Some(17))]
    );
}

#[test]
fn requested_to_capacity_ratio_scores() {
    let (nodes, existing, pod) = two_nodes();
    let mut profile = only_score(P::NodeResourcesFit);
    // Bin-packing shape: utilization 0 -> 0, 100 -> 10 (scaled to 100).
    profile.node_resources_fit.strategy =
        ScoringStrategyType::RequestedToCapacityRatio { shape: vec![(0, 0), (100, 10)] };
    // busy: cpu 50, memory 30 -> round(80/2) = 40. idle: 25, 10 -> round(17.5) = 18.
    assert_eq!(
        score_case(profile.clone(), &nodes, &existing, pod.clone(), P::NodeResourcesFit),
        [("busy".into(), Some(40)), ("idle".into(), Some(18))]
    );
    // Spreading shape with weights cpu 3, memory 1: busy: cpu 100-50 = 50, memory 70 ->
    // round((150+70)/4) = 55; idle: cpu 75, memory 90 -> round(315/4 = 78.75) = 79.
    profile.node_resources_fit.strategy =
        ScoringStrategyType::RequestedToCapacityRatio { shape: vec![(0, 10), (100, 0)] };
    profile.node_resources_fit.resources = vec![
        ResourceSpec { name: crate::model::ResourceName::Cpu, weight: 3 },
        ResourceSpec { name: crate::model::ResourceName::Memory, weight: 1 },
    ];
    assert_eq!(
        score_case(profile, &nodes, &existing, pod, P::NodeResourcesFit),
        [("busy".into(), Some(55)), ("idle".into(), Some(79))]
    );
}

#[test]
fn balanced_allocation_scores() {
    let nodes = [
        NodeBuilder::new("a").cpu("4").memory("8Gi").resource("nvidia.com/gpu", "2").build(),
        NodeBuilder::new("b").cpu("4").memory("8Gi").build(),
    ];
    let existing = [PodBuilder::new("r").cpu("1").memory("1Gi").on_node("a").build()];
    let pod = PodBuilder::new("p").cpu("1").memory("1Gi").build();
    // a: cpu 2/4 = 0.5, memory 2/8 = 0.25 -> std 0.125 -> 87. b: 0.25, 0.125 -> 93.
    let got = score_case(
        only_score(P::NodeResourcesBalancedAllocation),
        &nodes,
        &existing,
        pod,
        P::NodeResourcesBalancedAllocation,
    );
    assert_eq!(got, [("a".into(), Some(87)), ("b".into(), Some(93))]);
    // A best-effort pod: PreScore skips, so the plugin is absent.
    let got = score_case(
        only_score(P::NodeResourcesBalancedAllocation),
        &nodes,
        &existing,
        PodBuilder::new("be").build(),
        P::NodeResourcesBalancedAllocation,
    );
    assert_eq!(got, [("a".into(), None), ("b".into(), None)]);
}

#[test]
fn balanced_allocation_with_three_resources_uses_the_standard_deviation() {
    let mut profile = only_score(P::NodeResourcesBalancedAllocation);
    profile.balanced_allocation.resources = vec![
        ResourceSpec { name: crate::model::ResourceName::Cpu, weight: 1 },
        ResourceSpec { name: crate::model::ResourceName::Memory, weight: 1 },
        ResourceSpec { name: crate::model::ResourceName::from_name("nvidia.com/gpu"), weight: 1 },
    ];
    let nodes = [
        NodeBuilder::new("a").cpu("4").memory("8Gi").resource("nvidia.com/gpu", "1").build(),
        NodeBuilder::new("b").cpu("4").memory("8Gi").resource("nvidia.com/gpu", "1").build(),
    ];
    let pod = PodBuilder::new("p").cpu("2").memory("2Gi").request("nvidia.com/gpu", "1").build();
    // Fractions 0.5, 0.25, 1.0: mean 7/12, variance 0.0972.., std 0.3118 -> 68.
    let got = score_case(profile, &nodes, &[], pod, P::NodeResourcesBalancedAllocation);
    assert_eq!(got, [("a".into(), Some(68)), ("b".into(), Some(68))]);
}

#[test]
fn image_locality_scores() {
    let mib = 1024 * 1024;
    let nodes = [
        NodeBuilder::new("a").image("app:1", 500 * mib).image("tool:latest", 300 * mib).build(),
        NodeBuilder::new("b").image("app:1", 500 * mib).build(),
        NodeBuilder::new("c").build(),
    ];
    // app:1 is on 2 of 3 nodes: 500 MiB * 2/3 = 349525333 B; (349525333 - 23 MiB) * 100 /
    // (1000 MiB - 23 MiB) = 31.
    let got = score_case(
        only_score(P::ImageLocality),
        &nodes,
        &[],
        PodBuilder::new("p").image("app:1").build(),
        P::ImageLocality,
    );
    assert_eq!(got, [("a".into(), Some(31)), ("b".into(), Some(31)), ("c".into(), Some(0))]);
    // Two containers, the second image untagged (looked up as :latest): on a, 349525333 +
    // 300 MiB/3 = 454382933; max threshold 2000 MiB: (454382933 - 23 MiB) * 100 / 1977 MiB = 20.
    let pod = PodBuilder::new("p").image("app:1").container("t", "tool", &[]).build();
    let got = score_case(only_score(P::ImageLocality), &nodes, &[], pod, P::ImageLocality);
    assert_eq!(got, [("a".into(), Some(20)), ("b".into(), Some(15)), ("c".into(), Some(0))]);
    // Below the 23 MiB threshold an image makes no difference.
    let small =
        [NodeBuilder::new("a").image("tiny:1", 10 * mib).build(), NodeBuilder::new("b").build()];
    let got = score_case(
        only_score(P::ImageLocality),
        &small,
        &[],
        PodBuilder::new("p").image("tiny:1").build(),
        P::ImageLocality,
    );
    assert_eq!(got, [("a".into(), Some(0)), ("b".into(), Some(0))]);
}

#[test]
fn normalized_image_names() {
    use crate::scheduler::pod_info::normalized_image_name as n;
    assert_eq!(n("nginx"), "nginx:latest");
    assert_eq!(n("nginx:1.27"), "nginx:1.27");
    assert_eq!(n("registry:5000/app"), "registry:5000/app:latest");
    assert_eq!(n("registry:5000/app:v2"), "registry:5000/app:v2");
}

#[test]
fn taint_toleration_filter_and_score() {
    let nodes = [
        NodeBuilder::new("clean").build(),
        NodeBuilder::new("no-schedule").taint("k", "v", TaintEffect::NoSchedule).build(),
        NodeBuilder::new("no-execute").taint("k", "v", TaintEffect::NoExecute).build(),
        NodeBuilder::new("prefer-1").taint("p1", "", TaintEffect::PreferNoSchedule).build(),
        NodeBuilder::new("prefer-2")
            .taint("p1", "", TaintEffect::PreferNoSchedule)
            .taint("p2", "", TaintEffect::PreferNoSchedule)
            .build(),
    ];
    let profile = profile_with(&[P::TaintToleration], &[(P::TaintToleration, 1)]);
    let a = attempt(profile.clone(), &nodes, &[], &PodBuilder::new("p").build());
    let rejected: Vec<_> =
        sorted(verdicts(&a)).into_iter().filter(|(_, r)| !r.is_empty()).collect();
    assert_eq!(
        rejected,
        [
            ("no-execute".to_owned(), "node(s) had untolerated taint(s)".to_owned()),
            ("no-schedule".to_owned(), "node(s) had untolerated taint(s)".to_owned()),
        ]
    );
    assert_eq!(a.node_result("no-schedule").unwrap().code, Code::UnschedulableAndUnresolvable);
    // Raw intolerable PreferNoSchedule counts 0, 1, 2, reverse-normalized: 100, 50, 0.
    let got: Vec<_> =
        sorted(scores(&a, P::TaintToleration)).into_iter().filter(|(_, s)| s.is_some()).collect();
    assert_eq!(
        got,
        [("clean".into(), Some(100)), ("prefer-1".into(), Some(50)), ("prefer-2".into(), Some(0))]
    );
    // Tolerating p1 (any effect) leaves one intolerable taint on prefer-2 only.
    let pod = PodBuilder::new("p")
        .tolerate("p1", None)
        .tolerate("k", Some(TaintEffect::NoSchedule))
        .build();
    let a = attempt(profile, &nodes, &[], &pod);
    assert!(a.node_result("no-schedule").unwrap().feasible());
    assert!(!a.node_result("no-execute").unwrap().feasible());
    assert_eq!(a.node_result("prefer-1").unwrap().score(P::TaintToleration), Some(100));
    assert_eq!(a.node_result("prefer-2").unwrap().score(P::TaintToleration), Some(0));
}

#[test]
fn node_unschedulable_filter() {
    let nodes =
        [NodeBuilder::new("cordoned").unschedulable().build(), NodeBuilder::new("ok").build()];
    let profile = profile_with(&[P::NodeUnschedulable], &[(P::NodeResourcesFit, 1)]);
    let a = attempt(profile.clone(), &nodes, &[], &PodBuilder::new("p").build());
    assert_eq!(sorted(verdicts(&a))[0], ("cordoned".into(), "node(s) were unschedulable".into()));
    let tolerant = PodBuilder::new("ds")
        .tolerate("node.kubernetes.io/unschedulable", Some(TaintEffect::NoSchedule))
        .build();
    let a = attempt(profile, &nodes, &[], &tolerant);
    assert!(a.node_result("cordoned").unwrap().feasible());
}

#[test]
fn node_name_filter() {
    use crate::scheduler::{cache::Cache, plugins::NodeRef};
    let mut cache = Cache::new();
    let slot = cache.add_node(&NodeBuilder::new("n1").build());
    let node = NodeRef { slot, name: "n1", hot: &cache.hot[0], cold: &cache.cold[0], adjust: None };
    let mut out = Vec::new();
    assert_eq!(node_name::filter("", node, &mut out), Code::Success);
    assert_eq!(node_name::filter("n1", node, &mut out), Code::Success);
    assert_eq!(node_name::filter("n2", node, &mut out), Code::UnschedulableAndUnresolvable);
    assert_eq!(out[0].to_string(), "node(s) didn't match the requested node name");
}

#[test]
fn node_affinity_operators() {
    let node = NodeBuilder::new("n").label("zone", "a").label("gen", "5").label("ssd", "").build();
    let cases: &[(&str, &str, Op, &[&str], bool)] = &[
        ("In match", "zone", Op::In, &["a", "b"], true),
        ("In miss", "zone", Op::In, &["b"], false),
        ("In without values is invalid", "zone", Op::In, &[], false),
        ("NotIn", "zone", Op::NotIn, &["b"], true),
        ("NotIn miss", "zone", Op::NotIn, &["a"], false),
        ("NotIn on an absent label", "rack", Op::NotIn, &["x"], true),
        ("Exists", "ssd", Op::Exists, &[], true),
        ("Exists absent", "rack", Op::Exists, &[], false),
        ("DoesNotExist", "rack", Op::DoesNotExist, &[], true),
        ("DoesNotExist present", "zone", Op::DoesNotExist, &[], false),
        ("Gt", "gen", Op::Gt, &["4"], true),
        ("Gt equal is false", "gen", Op::Gt, &["5"], false),
        ("Lt", "gen", Op::Lt, &["6"], true),
        ("Lt false", "gen", Op::Lt, &["5"], false),
        ("Gt on a non-integer label", "zone", Op::Gt, &["1"], false),
        ("Gt with a non-integer value", "gen", Op::Gt, &["x"], false),
        ("Gt with two values is invalid", "gen", Op::Gt, &["1", "2"], false),
    ];
    let profile = profile_with(&[P::NodeAffinity], &[(P::NodeResourcesFit, 1)]);
    for (name, key, op, values, want) in cases {
        let pod = PodBuilder::new("p").required_term(key, *op, values).build();
        let a = attempt(profile.clone(), std::slice::from_ref(&node), &[], &pod);
        let n = a.nodes().next().unwrap();
        assert_eq!(n.feasible(), *want, "{name}");
        if !want {
            assert_eq!(
                n.reasons[0].to_string(),
                "node(s) didn't match Pod's node affinity/selector",
                "{name}"
            );
            assert_eq!(n.code, Code::UnschedulableAndUnresolvable);
        }
    }
}

#[test]
fn node_affinity_terms_are_ored_and_node_selector_anded() {
    let nodes = [
        NodeBuilder::new("a").label("zone", "a").label("disk", "ssd").build(),
        NodeBuilder::new("b").label("zone", "b").label("disk", "ssd").build(),
        NodeBuilder::new("c").label("zone", "c").build(),
    ];
    let profile = profile_with(&[P::NodeAffinity], &[(P::NodeResourcesFit, 1)]);
    let pod = PodBuilder::new("p")
        .required_term("zone", Op::In, &["a"])
        .required_term("zone", Op::In, &["c"])
        .node_selector("disk", "ssd")
        .build();
    let a = attempt(profile, &nodes, &[], &pod);
    let feasible: Vec<_> = a.nodes().filter(|n| n.feasible()).map(|n| n.name).collect();
    assert_eq!(feasible, ["a"], "c matches a term but not the nodeSelector");
}

#[test]
fn node_affinity_match_fields_narrows_the_candidates() {
    let nodes: Vec<_> = ["n1", "n2", "n3"]
        .iter()
        .map(|n| NodeBuilder::new(n).cpu("1").memory("1Gi").build())
        .collect();
    let pod = PodBuilder::new("p").cpu("2").required_node_names(&["n2"]).build();
    let a = attempt(Profile::default(), &nodes, &[], &pod);
    assert_eq!(
        a.nodes().map(|n| n.name).collect::<Vec<_>>(),
        ["n2"],
        "only the named node is filtered"
    );
    assert_eq!(
        a.message.as_deref().unwrap(),
        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. \
         preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, \
         2 Preemption is not helpful for scheduling."
    );
    // Two terms naming disjoint nodes are ORed; one term with two disjoint matchFields conflicts.
    let mut conflicting = PodBuilder::new("q").build();
    let spec = std::sync::Arc::make_mut(&mut conflicting.spec);
    let term = crate::model::pod::NodeSelectorTerm {
        match_expressions: Vec::new(),
        match_fields: ["n1", "n2"]
            .iter()
            .map(|n| crate::model::pod::NodeSelectorRequirement {
                key: "metadata.name".into(),
                operator: Op::In,
                values: vec![(*n).into()],
            })
            .collect(),
    };
    spec.affinity = Some(crate::model::pod::Affinity {
        node_affinity: Some(crate::model::pod::NodeAffinity {
            required: Some(crate::model::pod::NodeSelector { node_selector_terms: vec![term] }),
            preferred: Vec::new(),
        }),
    });
    let a = attempt(Profile::default(), &nodes, &[], &conflicting);
    assert_eq!(
        a.message.as_deref().unwrap(),
        "0/3 nodes are available: pod affinity terms conflict. \
         preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
    assert_eq!(a.nodes().len(), 0);
}

#[test]
fn node_affinity_preferred_scores() {
    let nodes = [
        NodeBuilder::new("a").label("zone", "a").label("disk", "ssd").build(),
        NodeBuilder::new("b").label("zone", "a").build(),
        NodeBuilder::new("c").build(),
    ];
    let pod = PodBuilder::new("p")
        .preferred_term(2, "zone", Op::In, &["a"])
        .preferred_term(8, "disk", Op::Exists, &[])
        .build();
    // Raw 10, 2, 0 -> 100, 20, 0.
    let got = score_case(only_score(P::NodeAffinity), &nodes, &[], pod, P::NodeAffinity);
    assert_eq!(got, [("a".into(), Some(100)), ("b".into(), Some(20)), ("c".into(), Some(0))]);
}

#[test]
fn node_ports_filter() {
    let nodes = [NodeBuilder::new("busy").build(), NodeBuilder::new("free").build()];
    let existing = [PodBuilder::new("web").host_port(8080).on_node("busy").build()];
    let profile = profile_with(&[P::NodePorts], &[(P::NodeResourcesFit, 1)]);
    let a =
        attempt(profile.clone(), &nodes, &existing, &PodBuilder::new("p").host_port(8080).build());
    assert_eq!(
        sorted(verdicts(&a)),
        [
            (
                "busy".to_owned(),
                "node(s) didn't have free ports for the requested pod ports".to_owned()
            ),
            ("free".to_owned(), String::new())
        ]
    );
    // Another port, or UDP on the same number, does not conflict.
    let a =
        attempt(profile.clone(), &nodes, &existing, &PodBuilder::new("p").host_port(9090).build());
    assert!(a.nodes().all(|n| n.feasible()));
    let mut udp = PodBuilder::new("u").host_port(8080).build();
    std::sync::Arc::make_mut(&mut udp.spec).containers[0].ports[0].protocol =
        crate::model::pod::Protocol::UDP;
    let a = attempt(profile, &nodes, &existing, &udp);
    assert!(a.nodes().all(|n| n.feasible()));
}

#[test]
fn host_port_wildcard_conflicts() {
    use crate::{model::pod::Protocol, scheduler::pod_info::HostPort};
    let p = |ip: &str, port| HostPort { ip: ip.into(), protocol: Protocol::TCP, port };
    assert!(p("0.0.0.0", 80).conflicts_with(&p("10.0.0.1", 80)));
    assert!(p("10.0.0.1", 80).conflicts_with(&p("0.0.0.0", 80)));
    assert!(!p("10.0.0.1", 80).conflicts_with(&p("10.0.0.2", 80)));
    assert!(!p("0.0.0.0", 80).conflicts_with(&p("0.0.0.0", 81)));
}

/// Zones a (n1, n2) and b (n3); running `app=web` pods: 2 on n1, 1 on n2.
fn spread_cluster() -> (Vec<crate::model::Node>, Vec<crate::model::Pod>) {
    let nodes = vec![
        NodeBuilder::new("n1").cpu("8").memory("8Gi").zone("a").build(),
        NodeBuilder::new("n2").cpu("8").memory("8Gi").zone("a").build(),
        NodeBuilder::new("n3").cpu("8").memory("8Gi").zone("b").build(),
    ];
    let web = |name: &str, node: &str| {
        PodBuilder::new(name)
            .label("app", "web")
            .owned_by_replica_set("web-1")
            .on_node(node)
            .build()
    };
    (nodes, vec![web("w1", "n1"), web("w2", "n1"), web("w3", "n2")])
}

#[test]
fn pod_topology_spread_filter() {
    let (mut nodes, existing) = spread_cluster();
    nodes.push(NodeBuilder::new("unlabelled").cpu("8").memory("8Gi").build());
    let pod = PodBuilder::new("p")
        .label("app", "web")
        .spread(1, "topology.kubernetes.io/zone", When::DoNotSchedule, &[("app", "web")])
        .build();
    let profile = profile_with(&[P::PodTopologySpread], &[(P::NodeResourcesFit, 1)]);
    let a = attempt(profile, &nodes, &existing, &pod);
    // Zone a holds 3 matching pods, b none: 3 + 1 - 0 > 1 in a; 0 + 1 - 0 = 1 in b.
    assert_eq!(
        sorted(verdicts(&a)),
        [
            ("n1".to_owned(), "node(s) didn't match pod topology spread constraints".to_owned()),
            ("n2".to_owned(), "node(s) didn't match pod topology spread constraints".to_owned()),
            ("n3".to_owned(), String::new()),
            (
                "unlabelled".to_owned(),
                "node(s) didn't match pod topology spread constraints (missing required label)"
                    .to_owned()
            ),
        ]
    );
    assert_eq!(a.node_result("n1").unwrap().code, Code::Unschedulable);
    assert_eq!(a.node_result("unlabelled").unwrap().code, Code::UnschedulableAndUnresolvable);
}

#[test]
fn pod_topology_spread_system_defaults_score() {
    let (nodes, existing) = spread_cluster();
    let mut s = cluster(only_score(P::PodTopologySpread), &nodes, &existing);
    let pod = PodBuilder::new("p").label("app", "web").owned_by_replica_set("web-1").build();
    // No Service or ReplicaSet known: no default selector, so PreScore skips.
    let a =
        s.clone().schedule_one(&pod, crate::time::SimTime::ZERO, &mut crate::rng::SimRng::new(1));
    assert!(a.nodes().all(|n| n.score(P::PodTopologySpread).is_none()));
    // With the ReplicaSet: hostname (maxSkew 3, 3 nodes: w = ln 5) and zone (maxSkew 5,
    // 2 zones: w = ln 4) constraints.
    // n1: 2·ln5 + 2 + 3·ln4 + 4 = 13.38 -> 13; n2: ln5 + 2 + 3·ln4 + 4 = 11.77 -> 12;
    // n3: 0 + 2 + 0 + 4 = 6. Normalized 100·(13 + 6 - s)/13: 46, 53, 100.
    s.upsert_replica_set(&crate::model::ReplicaSet {
        metadata: crate::model::ObjectMeta::named("default", "web-1"),
        spec: crate::model::workload::ReplicaSetSpec {
            selector: crate::model::LabelSelector::from_labels(
                [("app", "web")].into_iter().collect(),
            ),
            ..Default::default()
        },
        ..Default::default()
    });
    let a = s.schedule_one(&pod, crate::time::SimTime::ZERO, &mut crate::rng::SimRng::new(1));
    assert_eq!(
        sorted(scores(&a, P::PodTopologySpread)),
        [("n1".into(), Some(46)), ("n2".into(), Some(53)), ("n3".into(), Some(100))]
    );
    assert_eq!(a.node.as_deref(), Some("n3"));
}

#[test]
fn pod_topology_spread_schedule_anyway_ignores_nodes_without_the_key() {
    let (mut nodes, existing) = spread_cluster();
    nodes.push(NodeBuilder::new("bare").cpu("8").memory("8Gi").build());
    let pod = PodBuilder::new("p")
        .label("app", "web")
        .spread(1, "topology.kubernetes.io/zone", When::ScheduleAnyway, &[("app", "web")])
        .build();
    // Zones a (3 pods) and b (0) among the nodes with the key: w = ln 4.
    // n1, n2: 3·ln4 + 0 = 4.16 -> 4; n3: 0. Normalized 100·(4 + 0 - s)/4: 0, 0, 100;
    // "bare" lacks the key: 0 and left out of the min/max.
    let got =
        score_case(only_score(P::PodTopologySpread), &nodes, &existing, pod, P::PodTopologySpread);
    assert_eq!(
        got,
        [
            ("bare".into(), Some(0)),
            ("n1".into(), Some(0)),
            ("n2".into(), Some(0)),
            ("n3".into(), Some(100))
        ]
    );
}

#[test]
fn deterministic_ln_matches_std_closely() {
    for n in 2..6000u32 {
        let x = f64::from(n);
        let ours = pod_topology_spread::ln(x);
        assert!((ours - x.ln()).abs() < 1e-13, "ln({n}): {ours} vs {}", x.ln());
    }
}
