//! The cache under informer events: nodes relabelled, removed and re-added, pods bound to
//! nodes the scheduler has not seen, terminating pods and spread counts.

use super::harness::*;
use crate::{
    model::LabelSelector,
    scheduler::{
        config::Profile,
        testing::{NodeBuilder, PodBuilder},
    },
    time::SimTime,
};

fn web(name: &str, node: &str) -> crate::model::Pod {
    PodBuilder::new(name).cpu("100m").label("app", "web").on_node(node).build()
}

#[test]
fn zone_changes_move_spread_counts() {
    let nodes =
        [NodeBuilder::new("n1").zone("a").build(), NodeBuilder::new("n2").zone("b").build()];
    let mut s = cluster(Profile::default(), &nodes, &[web("w1", "n1"), web("w2", "n1")]);
    let ns = s.cache.namespaces.intern("default");
    let sel = s
        .cache
        .selector_id(ns, &LabelSelector::from_labels([("app", "web")].into_iter().collect()));
    let zone = |s: &crate::scheduler::Scheduler, z: &str| {
        let id = s.cache.zones.intern_existing(z);
        s.cache.spread.get(sel).map_or(0, |x| x.in_zone(id))
    };
    assert_eq!((zone(&s, "a"), zone(&s, "b")), (2, 0));
    s.update_node(&NodeBuilder::new("n1").zone("b").build(), SimTime::ZERO);
    assert_eq!((zone(&s, "a"), zone(&s, "b")), (0, 2));
    s.remove_node("n1", SimTime::ZERO);
    assert_eq!(zone(&s, "b"), 0, "a removed node's pods leave the zone totals");
    assert_eq!(
        s.cache.spread.get(sel).unwrap().on_node(s.cache.slot("n1").unwrap()),
        2,
        "but stay on the node"
    );
    s.add_node(&NodeBuilder::new("n1").zone("a").build(), SimTime::ZERO);
    assert_eq!((zone(&s, "a"), zone(&s, "b")), (2, 0));
    s.cache.check_invariants().unwrap();
}

#[test]
fn terminating_pods_hold_resources_but_stop_counting_for_spread() {
    let nodes = [NodeBuilder::new("n1").cpu("1").zone("a").build()];
    let running = web("w1", "n1");
    let mut s = cluster(Profile::default(), &nodes, std::slice::from_ref(&running));
    let ns = s.cache.namespaces.intern("default");
    let sel = s
        .cache
        .selector_id(ns, &LabelSelector::from_labels([("app", "web")].into_iter().collect()));
    let slot = s.cache.slot("n1").unwrap();
    assert_eq!(s.cache.spread.get(sel).unwrap().on_node(slot), 1);
    let mut deleting = running.clone();
    deleting.metadata.deletion_timestamp = Some(SimTime::from_secs(5));
    s.update_pod(&running, &deleting, SimTime::from_secs(5));
    assert_eq!(s.cache.spread.get(sel).unwrap().on_node(slot), 0);
    assert_eq!(s.cache.hot[slot as usize].req_cpu, 100, "still holds its requests");
    s.remove_pod(&deleting, SimTime::from_secs(35));
    assert_eq!(s.cache.hot[slot as usize].req_cpu, 0);
    s.cache.check_invariants().unwrap();
}

#[test]
fn pods_bound_to_an_unknown_node_are_counted_once_it_appears() {
    let mut s = cluster(
        Profile::default(),
        &[],
        &[PodBuilder::new("early").cpu("700m").on_node("late").build()],
    );
    s.add_node(&NodeBuilder::new("late").cpu("1").memory("1Gi").build(), SimTime::ZERO);
    let a = s.schedule_one(
        &PodBuilder::new("p").cpu("500m").build(),
        SimTime::ZERO,
        &mut crate::rng::SimRng::new(1),
    );
    assert_eq!(
        a.message.as_deref().map(|m| m.starts_with("0/1 nodes are available: 1 Insufficient cpu.")),
        Some(true)
    );
    s.cache.check_invariants().unwrap();
}

#[test]
fn removing_an_empty_node_frees_its_slot_for_reuse() {
    let mut s = cluster(
        Profile::default(),
        &[NodeBuilder::new("a").build(), NodeBuilder::new("b").build()],
        &[],
    );
    s.remove_node("a", SimTime::ZERO);
    s.add_node(&NodeBuilder::new("c").build(), SimTime::ZERO);
    assert_eq!(s.cache.hot.len(), 2, "slot reused");
    let a = s.schedule_one(
        &PodBuilder::new("p").build(),
        SimTime::ZERO,
        &mut crate::rng::SimRng::new(1),
    );
    let mut names: Vec<&str> = a.nodes().map(|n| n.name).collect();
    names.sort_unstable();
    assert_eq!(names, ["b", "c"]);
}
