use super::*;
use crate::widgets::cluster::{
    driver::{Chunks, Command, Driver},
    presets,
};
use sim_core::{
    cluster::{Action, Progress},
    time::SimTime,
};

fn at(name: &str, secs: u64) -> Driver {
    let mut d = Driver::load(presets::find(name), None).expect("loads");
    while d.advance(SimTime::from_secs(secs), &mut Chunks(1000)) != Progress::Reached {}
    d
}

fn pod_named(d: &Driver, prefix: &str) -> Uid {
    d.sim()
        .store()
        .pods()
        .find(|p| p.metadata.name.starts_with(prefix) && p.metadata.deletion_timestamp.is_none())
        .map(|p| p.metadata.uid)
        .expect("pod exists")
}

#[test]
fn a_pending_pod_names_the_scheduler_message_and_each_nodes_reason() {
    let d = at("pending-pod", 30);
    let e = pod(d.sim(), pod_named(&d, "report-")).expect("explained");
    assert_eq!(e.status, "Pending");
    let Placement::Pending { message: Some(message), attempt: Some(t) } = e.placement else {
        panic!("{:?}", e.placement)
    };
    assert!(
        message.starts_with(
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu."
        ),
        "{message}"
    );
    let verdict = |n: &str| t.rows.iter().find(|r| r.node == n).map(|r| r.verdict.clone());
    assert_eq!(verdict("node-1").as_deref(), Some("NodeResourcesFit: Insufficient cpu"));
    assert_eq!(verdict("node-2").as_deref(), Some("NodeResourcesFit: Insufficient cpu"));
    assert_eq!(
        verdict("gpu-1").as_deref(),
        Some("TaintToleration: node(s) had untolerated taint(s)")
    );
    assert!(t.rows.iter().all(|r| !r.feasible && !r.chosen));
    assert_eq!(e.requests, "cpu 5, memory 2Gi");
}

#[test]
fn a_scheduled_pod_shows_scores_weights_and_the_winner() {
    let d = at("deployment", 30);
    let e = pod(d.sim(), pod_named(&d, "web-")).expect("explained");
    let Placement::Scheduled { node, attempt: Some(t) } = e.placement else {
        panic!("{:?}", e.placement)
    };
    assert!(t.columns.iter().any(|c| c == "TaintToleration ×3"), "{:?}", t.columns);
    assert!(t.columns.iter().any(|c| c == "NodeResourcesFit ×1"), "{:?}", t.columns);
    let chosen: Vec<&NodeRow> = t.rows.iter().filter(|r| r.chosen).collect();
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].node, node);
    let best = t.rows.iter().map(|r| r.total).max().unwrap_or(0);
    assert_eq!(chosen[0].total, best, "the winner has the highest total");
    assert_eq!(t.rows.len(), 3);
    assert!(t.summary.starts_with("3 of 3 nodes feasible"), "{}", t.summary);
}

#[test]
fn a_tie_on_identical_empty_nodes_is_explained() {
    let mut d = at("three-nodes", 5);
    let yaml = presets::find("three-nodes").editor.replace("replicas: 2", "replicas: 1");
    let mut m = sim_core::manifest::parse_manifests(&yaml).into_result().expect("valid");
    let mut m = m.remove(0);
    m.fill_namespace("default");
    let sim_core::manifest::Object::Deployment(web) = m.object else { panic!("Deployment") };
    d.perform(Command::Action(Box::new(Action::Apply(sim_core::cluster::ApiObject::Deployment(
        web,
    )))));
    while d.advance(SimTime::from_secs(20), &mut Chunks(1000)) != Progress::Reached {}
    let e = pod(d.sim(), pod_named(&d, "web-")).expect("explained");
    let Placement::Scheduled { node, attempt: Some(t) } = e.placement else {
        panic!("{:?}", e.placement)
    };
    let tie = t.tie_break.expect("three identical nodes tie");
    assert!(tie.starts_with("node-1, node-2, node-3 tied"), "{tie}");
    assert!(tie.contains(&format!("picked {node} at random")), "{tie}");
}

#[test]
fn a_node_lists_conditions_taints_pods_and_machine_state() {
    let mut d = at("node-pools", 60);
    d.perform(Command::Action(Box::new(Action::CrashNode { node: "node-1".into() })));
    let mut b = vm::Builder::default();
    let frame = b.build(d.sim());
    let gpu = node(d.sim(), &frame, &b, "gpu-1").expect("gpu-1");
    assert_eq!(gpu.card.taints, ["nvidia.com/gpu=present:NoSchedule"]);
    assert!(gpu.labels.iter().any(|l| l == "kubernetes.io/arch=amd64"));
    assert!(gpu.conditions.iter().any(|c| c.0 == "Ready" && c.1 == "True"));
    let n1 = node(d.sim(), &frame, &b, "node-1").expect("node-1");
    assert!(n1.machine.starts_with("Crashed"));
    assert!(!n1.pods.is_empty());
    assert!(node(d.sim(), &frame, &b, "nope").is_none());
}
