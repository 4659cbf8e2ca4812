//! Whole-cycle scenarios: the reference's worked example, the FailedScheduling text, the
//! node walk, tie-breaks.

use super::harness::*;
use crate::{
    model::TaintEffect,
    rng::SimRng,
    scheduler::{
        Outcome, Scheduler,
        config::{PluginName, Profile},
        testing::{NodeBuilder, PodBuilder},
    },
    time::SimTime,
};

#[test]
fn reference_worked_example_a_462_b_412() {
    let nodes = [
        NodeBuilder::new("a").cpu("4").memory("8Gi").build(),
        NodeBuilder::new("b").cpu("4").memory("8Gi").build(),
    ];
    let existing = [
        PodBuilder::new("on-a").cpu("1").memory("2Gi").on_node("a").build(),
        PodBuilder::new("on-b").cpu("3").memory("2Gi").on_node("b").build(),
    ];
    let pod = PodBuilder::new("web-1").cpu("500m").memory("1Gi").build();
    let a = attempt(Profile::default(), &nodes, &existing, &pod);
    assert_eq!(a.outcome, Outcome::Scheduled);
    assert_eq!(a.node.as_deref(), Some("a"));
    let na = a.node_result("a").unwrap();
    let nb = a.node_result("b").unwrap();
    assert_eq!(na.total, 462);
    assert_eq!(nb.total, 412);
    assert_eq!(na.score(PluginName::NodeResourcesFit), Some(62));
    assert_eq!(nb.score(PluginName::NodeResourcesFit), Some(37));
    assert_eq!(na.score(PluginName::NodeResourcesBalancedAllocation), Some(100));
    assert_eq!(nb.score(PluginName::NodeResourcesBalancedAllocation), Some(75));
    assert_eq!(na.score(PluginName::TaintToleration), Some(100));
    assert_eq!(na.score(PluginName::ImageLocality), Some(0));
    assert_eq!(na.score(PluginName::NodeAffinity), None, "PreScore skips without preferred terms");
    assert_eq!(na.score(PluginName::PodTopologySpread), None, "no Service/ReplicaSet: skip");
    assert_eq!(a.tie_candidates().collect::<Vec<_>>(), ["a"]);
    assert_eq!(a.feasible_nodes, 2);
}

#[test]
fn failed_scheduling_message_matches_kube_scheduler() {
    let nodes = [
        NodeBuilder::new("node-1").cpu("1").memory("8Gi").build(),
        NodeBuilder::new("node-2")
            .cpu("8")
            .memory("8Gi")
            .taint("gpu", "true", TaintEffect::NoSchedule)
            .build(),
        NodeBuilder::new("node-3")
            .cpu("8")
            .memory("8Gi")
            .taint("gpu", "true", TaintEffect::NoExecute)
            .build(),
    ];
    let pod = PodBuilder::new("web-1").cpu("2").build();
    let a = attempt(Profile::default(), &nodes, &[], &pod);
    assert_eq!(a.outcome, Outcome::Unschedulable);
    assert_eq!(
        a.message.as_deref(),
        Some(
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint(s). \
             preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, \
             2 Preemption is not helpful for scheduling."
        )
    );
    assert_eq!(a.feasible_nodes, 0);
    assert_eq!(
        a.unschedulable_plugins,
        [PluginName::TaintToleration, PluginName::NodeResourcesFit]
    );
}

#[test]
fn no_nodes_message() {
    let a = attempt(Profile::default(), &[], &[], &PodBuilder::new("p").build());
    assert_eq!(a.message.as_deref(), Some("no nodes available to schedule pods"));
}

#[test]
fn single_feasible_node_is_taken_without_scoring() {
    let nodes = [
        NodeBuilder::new("small").cpu("1").memory("1Gi").build(),
        NodeBuilder::new("big").cpu("8").memory("8Gi").build(),
    ];
    let a = attempt(Profile::default(), &nodes, &[], &PodBuilder::new("p").cpu("2").build());
    assert_eq!(a.node.as_deref(), Some("big"));
    assert!(!a.scored);
    assert_eq!(a.node_result("big").unwrap().scores().count(), 0);
}

fn many_nodes(n: usize, zones: usize) -> Scheduler {
    let mut s = Scheduler::new(Profile::default());
    for i in 0..n {
        s.add_node(
            &NodeBuilder::new(&format!("n{i:04}"))
                .cpu("8")
                .memory("32Gi")
                .zone(&format!("z{}", i % zones))
                .build(),
            SimTime::ZERO,
        );
    }
    s
}

#[test]
fn percentage_of_nodes_to_score_stops_the_walk_and_round_robins() {
    let mut s = many_nodes(5000, 1);
    let mut rng = SimRng::new(3);
    let a = s.schedule_one(&PodBuilder::new("p1").cpu("100m").build(), SimTime::ZERO, &mut rng);
    assert_eq!(a.feasible_nodes, 500);
    assert_eq!(a.nodes().len(), 500);
    assert_eq!(a.nodes().next().unwrap().name, "n0000");
    let b = s.schedule_one(&PodBuilder::new("p2").cpu("100m").build(), SimTime::ZERO, &mut rng);
    assert_eq!(b.nodes().next().unwrap().name, "n0500", "nextStartNodeIndex advanced by 500");
}

#[test]
fn node_walk_interleaves_zones() {
    let mut s = Scheduler::new(Profile::default());
    for (name, zone) in
        [("1", "z1"), ("2", "z1"), ("3", "z1"), ("4", "z1"), ("5", "z2"), ("6", "z2")]
    {
        s.add_node(
            &NodeBuilder::new(name).cpu("1").memory("1Gi").zone(zone).build(),
            SimTime::ZERO,
        );
    }
    let a = s.schedule_one(&PodBuilder::new("p").build(), SimTime::ZERO, &mut SimRng::new(1));
    let order: Vec<&str> = a.nodes().map(|n| n.name).collect();
    assert_eq!(order, ["1", "5", "2", "6", "3", "4"]);
}

#[test]
fn ties_break_uniformly_and_reproducibly() {
    let nodes: Vec<_> =
        (0..4).map(|i| NodeBuilder::new(&format!("n{i}")).cpu("4").memory("8Gi").build()).collect();
    let pod = PodBuilder::new("p").cpu("1").memory("1Gi").build();
    let mut counts = std::collections::BTreeMap::new();
    let mut rng = SimRng::new(42);
    let mut s = cluster(Profile::default(), &nodes, &[]);
    for _ in 0..4000 {
        let a = s.clone().schedule_one(&pod, SimTime::ZERO, &mut rng);
        assert_eq!(a.tie_candidates().count(), 4);
        *counts.entry(a.node.unwrap()).or_insert(0u32) += 1;
    }
    assert_eq!(counts.len(), 4);
    for (node, c) in &counts {
        // Each node should get ~1000 of 4000; 5 standard deviations is about ±137.
        assert!((860..=1140).contains(c), "{node}: {c} of 4000");
    }
    // Same seed, same choices.
    let pick = |seed| {
        let mut r = SimRng::new(seed);
        (0..20)
            .map(|_| s.clone().schedule_one(&pod, SimTime::ZERO, &mut r).node.unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(pick(7), pick(7));
    s.schedule_one(&pod, SimTime::ZERO, &mut SimRng::new(1));
}

#[test]
fn assumed_pods_count_for_the_next_pod() {
    let nodes = [NodeBuilder::new("only").cpu("1").memory("1Gi").build()];
    let mut s = cluster(Profile::default(), &nodes, &[]);
    let mut rng = SimRng::new(1);
    let a = s.schedule_one(&PodBuilder::new("p1").cpu("600m").build(), SimTime::ZERO, &mut rng);
    assert_eq!(a.node.as_deref(), Some("only"));
    let b = s.schedule_one(&PodBuilder::new("p2").cpu("600m").build(), SimTime::ZERO, &mut rng);
    assert_eq!(b.outcome, Outcome::Unschedulable);
    assert!(b.message.unwrap().starts_with("0/1 nodes are available: 1 Insufficient cpu."));
}

#[test]
fn attempts_round_trip_through_serde() {
    let nodes = [
        NodeBuilder::new("a").cpu("4").memory("8Gi").build(),
        NodeBuilder::new("b").cpu("1").memory("8Gi").build(),
        NodeBuilder::new("c").cpu("4").memory("8Gi").build(),
    ];
    let a = attempt(Profile::default(), &nodes, &[], &PodBuilder::new("p").cpu("2").build());
    let json = serde_json::to_string(&a).unwrap();
    let back: crate::scheduler::Attempt = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}

#[test]
fn fast_below_draws_exactly_like_simrng_below() {
    let (mut a, mut b) = (SimRng::new(99), SimRng::new(99));
    for n in (1..2000u64).chain([u64::MAX, u64::MAX / 3 + 1, 1 << 63]) {
        assert_eq!(crate::scheduler::schedule_one::below(&mut a, n), b.below(n), "n={n}");
    }
    assert_eq!(a, b, "same number of draws consumed");
}

#[test]
fn fast_and_general_score_paths_agree() {
    use crate::{
        model::pod::NodeSelectorOperator,
        scheduler::bench::{Workload, prepare},
    };
    // The same cluster scheduled twice in lockstep: plain pods take the hot-field fast path;
    // pods with a preferred term that matches no node (NodeAffinity scores 0 everywhere, so
    // totals do not change) force the general path for every plugin.
    let w = Workload::sized("agree", 120, 600);
    let fast = prepare(&w, 3);
    let mut a = fast.scheduler().clone();
    let mut b = fast.scheduler().clone();
    let (mut ra, mut rb) = (SimRng::new(5), SimRng::new(5));
    for pod in crate::scheduler::bench::pods(&w).iter().take(300) {
        let mut general = pod.clone();
        let spec = std::sync::Arc::make_mut(&mut general.spec);
        let term = PodBuilder::new("x")
            .preferred_term(1, "no-such-label", NodeSelectorOperator::Exists, &[])
            .build();
        spec.affinity = term.spec.affinity.clone();
        let x = a.schedule_one(pod, SimTime::ZERO, &mut ra);
        let y = b.schedule_one(&general, SimTime::ZERO, &mut rb);
        assert_eq!(x.node, y.node, "{}", pod.metadata.name);
        for (nx, ny) in x.nodes().zip(y.nodes()) {
            assert_eq!(nx.total, ny.total, "{} on {}", pod.metadata.name, nx.name);
            for (p, s) in nx.scores() {
                assert_eq!(ny.score(p), Some(s), "{} {p:?} on {}", pod.metadata.name, nx.name);
            }
        }
    }
}
