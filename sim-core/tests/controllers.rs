//! Controller behaviour through the whole engine: Deployment strategies, history and
//! rollback, progress deadline, proportional scaling, zone disruption, Services.

mod common;
use common::*;
use sim_core::{
    cluster::{
        Action, ApiObject, ClusterConfig, ConnectError, Kind, NodePool, PoolKind, Sim, SimEvent,
    },
    model::{PodPhase, workload::DeploymentStrategy},
    time::SimTime,
};

fn count(sim: &Sim, reason: &str) -> usize {
    sim.events_since(0)
        .iter()
        .filter(|e| matches!(&e.event, SimEvent::Kube(k) if k.reason == reason))
        .count()
}

fn set_image(sim: &mut Sim, image: &str) {
    sim.apply(Action::SetImage {
        namespace: "default".into(),
        deployment: "web".into(),
        container: "web".into(),
        image: image.into(),
    })
    .expect("set image");
}

fn images_running(sim: &Sim) -> Vec<String> {
    let mut v: Vec<String> = sim
        .store()
        .pods()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .map(|p| p.spec.containers[0].image.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn recreate_never_runs_old_and_new_together() {
    let mut sim = cluster(21);
    let mut d = deployment("web", 4, container("web", "nginx:1.30", 100, 64));
    d.spec.strategy = DeploymentStrategy::Recreate;
    apply_deployment(&mut sim, d);
    run_checked(&mut sim, 30);
    set_image(&mut sim, "nginx:latest");
    let until = SimTime::from_secs(120);
    while sim.next_event_time().is_some_and(|t| t <= until) {
        sim.step();
        let running: Vec<&str> = sim
            .store()
            .pods()
            .filter(|p| !matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed))
            .map(|p| p.spec.containers[0].image.as_str())
            .collect();
        let both = running.contains(&"nginx:1.30") && running.contains(&"nginx:latest");
        assert!(!both, "old and new pods overlap at {:?}", sim.now());
    }
    assert_eq!(images_running(&sim), ["nginx:latest"]);
    assert_eq!(sim.deployment_views()[0].available, 4);
}

#[test]
fn rollback_restores_the_previous_template_and_history_is_pruned() {
    let mut sim = cluster(22);
    let mut d = deployment("web", 2, container("web", "nginx:1.30", 100, 64));
    d.spec.revision_history_limit = 2;
    apply_deployment(&mut sim, d);
    run_checked(&mut sim, 30);
    // `kubectl rollout restart` changes the template each time: revisions 2..5.
    for i in 0..4 {
        sim.apply(Action::RolloutRestart { namespace: "default".into(), deployment: "web".into() })
            .unwrap();
        run_checked(&mut sim, 60 + 40 * i);
    }
    // Revisions 1..5 existed; the limit keeps 2 old ReplicaSets beside the current one.
    assert_eq!(sim.store().replica_sets().count(), 3);
    let out = sim
        .apply(Action::RolloutUndo {
            namespace: "default".into(),
            deployment: "web".into(),
            to_revision: None,
        })
        .unwrap();
    assert_eq!(out.message, "deployment.apps/web rolled back");
    run_checked(&mut sim, 320);
    let restarted = |sim: &Sim| {
        let mut v: Vec<String> = sim
            .store()
            .pods()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .filter_map(|p| {
                p.metadata.annotations.get("kubectl.kubernetes.io/restartedAt").map(str::to_owned)
            })
            .collect();
        v.dedup();
        v
    };
    // Back to revision 4's template: restarted at the third restart (t = 100 s).
    assert_eq!(restarted(&sim), ["2026-01-01T00:01:40Z"]);
    let revision = sim.deployment_views()[0].revision.to_owned();
    assert_eq!(revision, "6", "a rollback is a new revision");
    let err = sim
        .apply(Action::RolloutUndo {
            namespace: "default".into(),
            deployment: "web".into(),
            to_revision: Some(1),
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "error: unable to find specified revision 1 in history");
    let err = sim
        .apply(Action::Scale {
            kind: Kind::Deployment,
            namespace: "default".into(),
            name: "nope".into(),
            replicas: 1,
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Error from server (NotFound): deployments.apps \"nope\" not found"
    );
}

#[test]
fn a_bad_image_hits_the_progress_deadline() {
    let mut sim = cluster(23);
    let mut d = deployment("web", 2, container("web", "nginx:1.30", 100, 64));
    d.spec.progress_deadline_seconds = 60;
    apply_deployment(&mut sim, d);
    run_checked(&mut sim, 30);
    set_image(&mut sim, "ngnix:1.30");
    run_checked(&mut sim, 200);
    let d = sim.store().deployment("default", "web").unwrap();
    let p = d.status.conditions.iter().find(|c| c.type_ == "Progressing").unwrap();
    assert_eq!(p.reason, "ProgressDeadlineExceeded");
    assert!(p.message.ends_with("has timed out progressing."), "{}", p.message);
    // The old pods keep serving: maxUnavailable 25% of 2 rounds down to 0.
    assert_eq!(d.status.available_replicas, 2);
    assert!(count(&sim, "Failed") > 0);
}

#[test]
fn paused_deployments_do_not_roll_and_resume_does() {
    let mut sim = cluster(24);
    apply_deployment(&mut sim, deployment("web", 3, container("web", "nginx:1.30", 100, 64)));
    run_checked(&mut sim, 30);
    let pause = |sim: &mut Sim, paused| {
        sim.apply(Action::RolloutPause {
            namespace: "default".into(),
            deployment: "web".into(),
            paused,
        })
    };
    pause(&mut sim, true).unwrap();
    set_image(&mut sim, "nginx:latest");
    run_checked(&mut sim, 90);
    assert_eq!(images_running(&sim), ["nginx:1.30"]);
    pause(&mut sim, false).unwrap();
    run_checked(&mut sim, 180);
    assert_eq!(images_running(&sim), ["nginx:latest"]);
}

#[test]
fn scaling_mid_rollout_is_proportional() {
    let mut sim = cluster(25);
    let mut d = deployment("web", 10, container("web", "nginx:1.30", 100, 64));
    // Readiness gated on a slow probe so the rollout is caught half-way.
    let spec = std::sync::Arc::make_mut(&mut d.spec.template.spec);
    spec.containers[0].readiness_probe =
        Some(sim_core::model::pod::Probe { initial_delay_seconds: 60, ..Default::default() });
    apply_deployment(&mut sim, d);
    run_checked(&mut sim, 120);
    set_image(&mut sim, "nginx:latest");
    run_checked(&mut sim, 130);
    let sizes = |sim: &Sim| {
        let mut v: Vec<i32> = sim.store().replica_sets().map(|r| r.spec.replicas).collect();
        v.sort();
        v
    };
    assert_eq!(sizes(&sim), [5, 8], "surge 3 mid-rollout");
    sim.apply(Action::Scale {
        kind: Kind::Deployment,
        namespace: "default".into(),
        name: "web".into(),
        replicas: 15,
    })
    .unwrap();
    run_checked(&mut sim, 131);
    // maxSurge is now ceil(25% × 15) = 4, so 19 are allowed: +6 shared in proportion to the
    // sizes (old 8 × 19/13 → 12, new 5 × 19/13 → 7).
    assert_eq!(sizes(&sim), [7, 12]);
}

#[test]
fn a_small_cluster_with_most_nodes_down_stops_evicting() {
    let pool = NodePool::new("node", PoolKind::Cpu, 5);
    let mut sim = Sim::new(26, ClusterConfig { pools: vec![pool], ..ClusterConfig::default() });
    apply_deployment(&mut sim, deployment("web", 5, container("web", "nginx:1.30", 100, 64)));
    run_checked(&mut sim, 30);
    for n in ["node-1", "node-2", "node-3"] {
        sim.apply(Action::CrashNode { node: n.into() }).unwrap();
    }
    run_checked(&mut sim, 600);
    // 3 of 5 unhealthy (60 % ≥ 55 %, more than 2): partial disruption; with at most 50 nodes
    // the eviction rate drops to 0, so no NoExecute taint and no eviction.
    assert_eq!(count(&sim, "TaintManagerEviction"), 0);
    assert!(sim.zone_states().iter().any(|(_, s)| format!("{s:?}") == "PartialDisruption"));
    let tainted = sim
        .store()
        .nodes()
        .filter(|n| {
            n.spec.taints.iter().any(|t| t.effect == sim_core::model::TaintEffect::NoExecute)
        })
        .count();
    assert_eq!(tainted, 0);
}

#[test]
fn one_node_down_of_three_is_tainted_and_evicted() {
    let mut sim = cluster(27);
    apply_deployment(&mut sim, deployment("web", 3, container("web", "nginx:1.30", 100, 64)));
    run_checked(&mut sim, 30);
    sim.apply(Action::CrashNode { node: "node-3".into() }).unwrap();
    run_checked(&mut sim, 120);
    let n = sim.store().node("node-3").unwrap();
    let mut keys: Vec<String> =
        n.spec.taints.iter().map(|t| format!("{}:{}", t.key, t.effect.as_str())).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule"]
    );
}

#[test]
fn services_route_only_to_ready_endpoints_and_time_out_on_dead_nodes() {
    let mut sim = cluster(28);
    apply_deployment(&mut sim, deployment("web", 3, container("web", "nginx:1.30", 100, 64)));
    sim.apply(Action::Apply(ApiObject::Service(service("web")))).unwrap();
    assert_eq!(sim.connect("default", "web"), Err(ConnectError::NoEndpoints));
    run_checked(&mut sim, 30);
    let view = sim.service_views()[0].clone();
    assert_eq!((view.ready_endpoints, view.endpoints), (3, 3));
    assert!(view.cluster_ip.is_some());
    let mut hits = std::collections::BTreeMap::new();
    for _ in 0..3000 {
        let c = sim.connect("default", "web").expect("served");
        *hits.entry(c.pod).or_insert(0) += 1;
    }
    assert_eq!(hits.len(), 3);
    assert!(hits.values().all(|n| (850..=1150).contains(n)), "uniform: {hits:?}");

    // A crashed node's endpoint stays "ready" until NotReady: some connections time out.
    let victim = sim
        .store()
        .pods()
        .find(|p| p.node_name == "node-2")
        .map(|p| p.metadata.name.clone())
        .unwrap();
    sim.apply(Action::CrashNode { node: "node-2".into() }).unwrap();
    run_checked(&mut sim, 40);
    let timeouts = (0..300)
        .filter(|_| matches!(sim.connect("default", "web"), Err(ConnectError::Timeout { .. })))
        .count();
    assert!(timeouts > 50, "{timeouts} of 300 timed out");
    run_checked(&mut sim, 100);
    assert!(
        (0..300).all(|_| sim.connect("default", "web").is_ok()),
        "after NotReady only live pods get traffic"
    );
    let slice = sim.store().endpoint_slices().next().unwrap();
    let ep = slice.endpoints.iter().find(|e| e.target_ref.name == victim).unwrap();
    assert!(!ep.ready && !ep.serving && !ep.terminating);
    assert_eq!(sim.connect("default", "nope"), Err(ConnectError::NoSuchService("nope".into())));
}

#[test]
fn drain_evicts_and_refuses_bare_pods_without_force() {
    let mut sim = cluster(29);
    apply_deployment(&mut sim, deployment("web", 3, container("web", "nginx:1.30", 100, 64)));
    let bare = sim_core::model::Pod {
        metadata: sim_core::model::ObjectMeta::named("default", "bare"),
        node_name: "node-1".into(),
        spec: std::sync::Arc::new(sim_core::model::PodSpec {
            containers: vec![container("c", "nginx:1.30", 10, 8)],
            ..Default::default()
        }),
        ..Default::default()
    };
    sim.apply(Action::Apply(ApiObject::Pod(bare))).unwrap();
    run_checked(&mut sim, 30);
    let err = sim.apply(Action::Drain { node: "node-1".into(), force: false }).unwrap_err();
    assert!(
        err.to_string().contains(
            "cannot delete Pods that declare no controller (use --force to override): default/bare"
        ),
        "{err}"
    );
    let out = sim.apply(Action::Drain { node: "node-1".into(), force: true }).unwrap();
    assert!(out.message.starts_with("node/node-1 cordoned\n"), "{}", out.message);
    assert!(out.message.ends_with("node/node-1 drained"));
    run_checked(&mut sim, 90);
    assert_eq!(sim.store().pods_on_node("node-1").count(), 0);
    assert_eq!(sim.deployment_views()[0].available, 3);
    assert!(count(&sim, "NodeNotSchedulable") >= 1);
}
