//! The canonical timelines, as insta snapshots of the event log, with invariants checked
//! after every simulated task.

mod common;
use common::*;
use sim_core::{
    cluster::{Action, ApiObject, Kind, Sim, SimEvent},
    model::{PodPhase, pod::PodConditionType},
    printers::pod::get_pods,
    time::SimTime,
};

/// Kube events after `mark`, excluding node registration noise.
fn timeline(sim: &Sim, mark: usize) -> String {
    kube_events(sim, mark, |_| true)
}

fn count_reason(sim: &Sim, from: usize, reason: &str) -> usize {
    sim.events_since(from)
        .iter()
        .filter(|e| matches!(&e.event, SimEvent::Kube(k) if k.reason == reason))
        .count()
}

fn first_time(sim: &Sim, from: usize, reason: &str) -> Option<SimTime> {
    sim.events_since(from).iter().find_map(|e| match &e.event {
        SimEvent::Kube(k) if k.reason == reason => Some(e.time),
        _ => None,
    })
}

#[test]
fn node_crash_evicts_after_300s_and_replaces_pods() {
    let mut sim = cluster(7);
    apply_deployment(&mut sim, deployment("web", 3, container("web", "nginx:1.30", 100, 64)));
    run_checked(&mut sim, 60);
    let victims: Vec<String> = sim
        .store()
        .pods()
        .filter(|p| p.node_name == "node-2")
        .map(|p| p.metadata.name.clone())
        .collect();
    assert!(!victims.is_empty(), "the default spread puts a pod on node-2");
    let mark = sim.log_len();
    sim.apply(Action::CrashNode { node: "node-2".into() }).unwrap();
    run_checked(&mut sim, 480);

    let not_ready = first_time(&sim, mark, "NodeNotReady").expect("NodeNotReady");
    let crash = SimTime::from_secs(60);
    let detect = not_ready.millis_since(crash);
    assert!((40_000..=55_000).contains(&detect), "NotReady {detect} ms after the crash");
    let evicted = first_time(&sim, mark, "TaintManagerEviction").expect("eviction");
    let after_taint = evicted.millis_since(not_ready);
    assert!((300_000..=300_100).contains(&after_taint), "evicted {after_taint} ms after NotReady");

    // Replacements run elsewhere; the old pods stay Terminating on the dead node.
    let running_elsewhere = sim
        .store()
        .pods()
        .filter(|p| {
            p.node_name != "node-2" && p.status.phase == PodPhase::Running && p.status.is_ready()
        })
        .count();
    assert_eq!(running_elsewhere, 3);
    for v in &victims {
        let p = sim.store().pod_by_name("default", v).expect("old pod object persists");
        assert!(p.metadata.deletion_timestamp.is_some());
    }
    insta::assert_snapshot!(
        "node_crash",
        format!("{}\n{}", timeline(&sim, mark), get_pods(sim.store().pods(), sim.now(), true))
    );

    // The node comes back: the kubelet finishes the deletions.
    let mark = sim.log_len();
    sim.apply(Action::RecoverNode { node: "node-2".into() }).unwrap();
    run_checked(&mut sim, 540);
    for v in &victims {
        assert!(sim.store().pod_by_name("default", v).is_none(), "{v} is gone after recovery");
    }
    insta::assert_snapshot!("node_recovery", timeline(&sim, mark));
}

/// (pods counted by ReplicaSets' spec, active pods, available pods) of a Deployment.
fn rollout_counts(sim: &Sim) -> (i32, usize, usize) {
    let spec: i32 = sim.store().replica_sets().map(|r| r.spec.replicas).sum();
    let active: Vec<_> = sim
        .store()
        .pods()
        .filter(|p| {
            p.metadata.deletion_timestamp.is_none()
                && !matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed)
        })
        .collect();
    let available = active.iter().filter(|p| p.status.is_ready()).count();
    (spec, active.len(), available)
}

#[test]
fn rolling_update_of_ten_keeps_between_eight_and_thirteen() {
    let mut sim = cluster(11);
    apply_deployment(&mut sim, deployment("web", 10, container("web", "nginx:1.30", 100, 64)));
    run_checked(&mut sim, 60);
    assert_eq!(rollout_counts(&sim), (10, 10, 10));
    let mark = sim.log_len();
    sim.apply(Action::SetImage {
        namespace: "default".into(),
        deployment: "web".into(),
        container: "web".into(),
        image: "nginx:latest".into(),
    })
    .unwrap();
    let until = SimTime::from_secs(240);
    let (mut max_pods, mut min_available) = (0, usize::MAX);
    while let Some(t) = sim.next_event_time().filter(|t| *t <= until) {
        let _ = t;
        sim.step();
        assert!(sim.check_invariants().is_empty());
        let (spec, active, available) = rollout_counts(&sim);
        assert!(spec <= 13, "ReplicaSets want {spec} pods");
        assert!(active <= 13, "{active} active pods");
        assert!(available >= 8, "only {available} available at {:?}", sim.now());
        max_pods = max_pods.max(active);
        min_available = min_available.min(available);
    }
    assert_eq!((max_pods, min_available), (13, 8), "the fenceposts are reached");
    let d = sim.store().deployment("default", "web").unwrap();
    assert_eq!((d.status.updated_replicas, d.status.available_replicas), (10, 10));
    let progressing = d.status.conditions.iter().find(|c| c.type_ == "Progressing").unwrap();
    assert_eq!(progressing.reason, "NewReplicaSetAvailable");
    let scaling = kube_events(&sim, mark, |k| k.reason == "ScalingReplicaSet");
    insta::assert_snapshot!("rolling_update", scaling);
}

#[test]
fn crash_loop_back_off_doubles_to_five_minutes_and_resets() {
    let mut sim = cluster(3);
    let mut c = container("app", "busybox:1.37", 50, 16);
    c.command = vec!["sh".into(), "-c".into(), "sleep 1; exit 1".into()];
    apply_deployment(&mut sim, deployment("crasher", 1, c));
    run_checked(&mut sim, 1500);
    let starts: Vec<u64> = sim
        .events_since(0)
        .iter()
        .filter_map(|e| match &e.event {
            SimEvent::Kube(k) if k.reason == "Started" => Some(e.time.as_millis()),
            _ => None,
        })
        .collect();
    // Each run lasts 1 s; the gap between a start and the next is 1 s + back-off
    // (+ create/start latency under 0.4 s).
    let waits: Vec<u64> = starts.windows(2).map(|w| (w[1] - w[0] - 1000) / 1000).collect();
    assert_eq!(&waits[..8], &[0, 10, 20, 40, 80, 160, 300, 300], "{waits:?}");
    let pod = sim.store().pods().next().unwrap();
    let listing = get_pods([pod], sim.now(), false);
    assert!(
        listing.contains("CrashLoopBackOff")
            || listing.contains("Error")
            || listing.contains("Running")
    );
    let backoffs = kube_events(&sim, 0, |k| k.reason == "BackOff" || k.reason == "Started");
    insta::assert_snapshot!("crash_loop", backoffs);
}

#[test]
fn ten_minutes_of_clean_running_resets_the_back_off() {
    let mut sim = cluster(5);
    apply_deployment(&mut sim, deployment("web", 1, container("web", "nginx:1.30", 50, 16)));
    run_checked(&mut sim, 30);
    let pod = sim.store().pods().next().unwrap().metadata.name.clone();
    let crash = |sim: &mut Sim| {
        sim.apply(Action::CrashContainer {
            namespace: "default".into(),
            pod: pod.clone(),
            container: None,
            exit_code: 1,
        })
    };
    let mark = sim.log_len();
    crash(&mut sim).unwrap(); // restarts at once, back-off now 10 s
    run_checked(&mut sim, 31);
    crash(&mut sim).unwrap(); // waits 10 s
    run_checked(&mut sim, 60);
    assert_eq!(count_reason(&sim, mark, "BackOff"), 1);
    run_checked(&mut sim, 60 + 660); // 11 minutes of clean running
    let mark = sim.log_len();
    crash(&mut sim).unwrap();
    run_checked(&mut sim, 725);
    assert_eq!(count_reason(&sim, mark, "BackOff"), 0, "restart was immediate");
    let p = sim.store().pod_by_name("default", &pod).unwrap();
    assert_eq!(p.status.container_statuses[0].restart_count, 3);
}

#[test]
fn pending_pod_reports_failed_scheduling() {
    let mut sim = cluster(2);
    run_checked(&mut sim, 1);
    let mark = sim.log_len();
    apply_deployment(&mut sim, deployment("big", 1, container("big", "nginx:1.30", 8000, 64)));
    run_checked(&mut sim, 30);
    let pod = sim.store().pods().next().unwrap();
    assert_eq!(pod.status.phase, PodPhase::Pending);
    let cond = pod.status.condition(PodConditionType::PodScheduled).unwrap();
    assert_eq!(cond.reason, "Unschedulable");
    assert!(
        cond.message.starts_with("0/3 nodes are available: 3 Insufficient cpu."),
        "{}",
        cond.message
    );
    let attempt = sim.last_attempt_for(pod.metadata.uid).expect("attempt kept");
    assert!(attempt.node.is_none());
    insta::assert_snapshot!(
        "failed_scheduling",
        format!("{}\n{}", timeline(&sim, mark), get_pods(sim.store().pods(), sim.now(), true))
    );
}

#[test]
fn same_seed_same_log_and_snapshots_resume_identically() {
    let run = |seed| {
        let mut sim = cluster(seed);
        apply_deployment(&mut sim, deployment("web", 4, container("web", "nginx:1.30", 100, 64)));
        sim.apply(Action::Apply(ApiObject::Service(service("web")))).unwrap();
        sim.advance_to(SimTime::from_secs(30), 1_000_000);
        sim.apply(Action::CrashNode { node: "node-1".into() }).unwrap();
        sim.advance_to(SimTime::from_secs(200), 1_000_000);
        sim
    };
    let (a, b) = (run(42), run(42));
    assert_eq!(a.log_hash(), b.log_hash());
    assert_eq!(a.events_since(0), b.events_since(0));
    assert_ne!(a.log_hash(), run(43).log_hash());

    let mut original = a;
    let mut restored = Sim::restore(&original.snapshot()).expect("restore");
    for sim in [&mut original, &mut restored] {
        sim.apply(Action::Scale {
            kind: Kind::Deployment,
            namespace: "default".into(),
            name: "web".into(),
            replicas: 6,
        })
        .unwrap();
        sim.advance_to(SimTime::from_secs(500), 1_000_000);
    }
    assert_eq!(original.log_hash(), restored.log_hash());
}
