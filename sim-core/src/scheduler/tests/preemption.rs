//! DefaultPreemption: victims, candidate choice, and the messages when it cannot help.

use super::harness::*;
use crate::{
    model::Uid,
    rng::SimRng,
    scheduler::{
        Outcome,
        config::Profile,
        testing::{NodeBuilder, PodBuilder},
    },
    time::SimTime,
};

fn uid(name: &str) -> Uid {
    crate::scheduler::testing::uid_for("default", name)
}

#[test]
fn evicts_the_fewest_least_important_pods() {
    let nodes = [NodeBuilder::new("n").cpu("4").memory("8Gi").build()];
    let existing = [
        PodBuilder::new("old").cpu("1").started_at(SimTime::from_secs(1)).on_node("n").build(),
        PodBuilder::new("mid").cpu("1").started_at(SimTime::from_secs(2)).on_node("n").build(),
        PodBuilder::new("new").cpu("1").started_at(SimTime::from_secs(3)).on_node("n").build(),
        PodBuilder::new("vip").cpu("1").priority(500).on_node("n").build(),
    ];
    let pod = PodBuilder::new("urgent").cpu("1500m").priority(100).build();
    let a = attempt(Profile::default(), &nodes, &existing, &pod);
    assert_eq!(a.outcome, Outcome::Unschedulable);
    assert_eq!(a.nominated_node.as_deref(), Some("n"));
    // Two low-priority pods must go; the earliest started one is reprieved first.
    let mut victims = a.victims.clone();
    victims.sort();
    let mut want = vec![uid("mid"), uid("new")];
    want.sort();
    assert_eq!(victims, want);
    assert_eq!(a.message.as_deref(), Some("0/1 nodes are available: 1 Insufficient cpu."));
}

#[test]
fn prefers_the_node_whose_victims_matter_least() {
    let nodes = [
        NodeBuilder::new("a").cpu("2").memory("8Gi").build(),
        NodeBuilder::new("b").cpu("2").memory("8Gi").build(),
    ];
    let existing = [
        PodBuilder::new("on-a").cpu("1500m").priority(50).on_node("a").build(),
        PodBuilder::new("on-b").cpu("1500m").priority(10).on_node("b").build(),
    ];
    let pod = PodBuilder::new("urgent").cpu("1").priority(100).build();
    let a = attempt(Profile::default(), &nodes, &existing, &pod);
    assert_eq!(a.nominated_node.as_deref(), Some("b"));
    assert_eq!(a.victims, [uid("on-b")]);
}

#[test]
fn equal_priority_cannot_preempt() {
    let nodes = [NodeBuilder::new("n").cpu("1").memory("8Gi").build()];
    let existing = [PodBuilder::new("r").cpu("1").on_node("n").build()];
    let a = attempt(Profile::default(), &nodes, &existing, &PodBuilder::new("p").cpu("1").build());
    assert!(a.nominated_node.is_none());
    assert_eq!(
        a.message.as_deref(),
        Some(
            "0/1 nodes are available: 1 Insufficient cpu. \
             preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
        )
    );
}

#[test]
fn removing_everyone_must_be_enough() {
    let nodes = [NodeBuilder::new("n").cpu("1").memory("8Gi").build()];
    let existing = [PodBuilder::new("r").cpu("500m").on_node("n").build()];
    let a = attempt(
        Profile::default(),
        &nodes,
        &existing,
        &PodBuilder::new("p").cpu("2").priority(9).build(),
    );
    assert_eq!(
        a.message.as_deref(),
        Some(
            "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu."
        )
    );
}

#[test]
fn a_nominated_pod_reserves_its_node_against_lower_priorities() {
    let nodes = [NodeBuilder::new("n").cpu("2").memory("8Gi").build()];
    let existing = [PodBuilder::new("victim").cpu("2").on_node("n").build()];
    let mut s = cluster(Profile::default(), &nodes, &existing);
    let urgent = PodBuilder::new("urgent").cpu("2").priority(100).build();
    s.add_pod(&urgent, SimTime::ZERO);
    let mut rng = SimRng::new(1);
    assert_eq!(s.pop(SimTime::ZERO), Some(urgent.metadata.uid));
    let a = s.schedule_one(&urgent, SimTime::ZERO, &mut rng);
    assert_eq!(a.victims, [uid("victim")]);
    // The engine evicts the victim and records the nomination.
    s.remove_pod(&existing[0], SimTime::from_secs(1));
    let mut nominated = urgent.clone();
    nominated.status.nominated_node_name = "n".into();
    s.update_pod(&urgent, &nominated, SimTime::from_secs(1));
    // A lower-priority newcomer does not take the freed room...
    let sneaky = PodBuilder::new("sneaky").cpu("1").build();
    assert_eq!(
        s.clone().schedule_one(&sneaky, SimTime::from_secs(2), &mut rng).outcome,
        Outcome::Unschedulable
    );
    // ...and the nominated pod lands there, trying its node first.
    let b = s.schedule_one(&nominated, SimTime::from_secs(2), &mut rng);
    assert_eq!(b.node.as_deref(), Some("n"));
    assert_eq!(b.nodes().len(), 1);
}
