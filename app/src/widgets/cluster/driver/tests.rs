use super::*;
use crate::widgets::cluster::presets::{PRESETS, find};
use sim_core::{
    cluster::{Kind, log::KubeEvent},
    printers::pod::get_pods,
};

fn load(name: &str) -> Driver {
    Driver::load(find(name), None).expect("preset loads")
}

/// Runs to `t` with an unlimited budget, in slices, as the page does.
fn run_to(d: &mut Driver, t: u64) {
    for _ in 0..1_000_000 {
        if d.advance(SimTime::from_secs(t), &mut Chunks(64)) == Progress::Reached {
            return;
        }
    }
    panic!("did not reach {t}s");
}

fn action(a: Action) -> Command {
    Command::Action(Box::new(a))
}

fn scale(replicas: i32) -> Command {
    action(Action::Scale {
        kind: Kind::Deployment,
        namespace: "default".into(),
        name: "web".into(),
        replicas,
    })
}

fn pods_table(d: &Driver) -> String {
    get_pods(d.sim().store().pods(), d.now(), true)
}

fn kube_events<'a>(
    d: &'a Driver,
    reason: &'a str,
) -> impl Iterator<Item = (SimTime, &'a KubeEvent)> {
    d.sim().events_since(0).iter().filter_map(move |e| match &e.event {
        SimEvent::Kube(k) if k.reason == reason => Some((e.time, k)),
        _ => None,
    })
}

#[test]
fn every_preset_starts_and_runs_a_minute() {
    for p in PRESETS.iter().filter(|p| p.name != "large") {
        let mut d = load(p.name);
        run_to(&mut d, 60);
        assert_eq!(d.now(), SimTime::from_secs(60), "{}", p.name);
        assert!(d.sim().store().nodes().count() >= 2, "{}", p.name);
    }
}

#[test]
fn the_large_preset_has_200_nodes_and_5000_pods() {
    let d = load("large");
    assert_eq!(d.sim().store().nodes().count(), 200);
    let replicas: i32 = d.sim().store().deployments().map(|x| x.spec.replicas).sum();
    assert_eq!(replicas, 5000);
}

/// A large cluster takes no periodic snapshots (each would block the page for a long time)
/// and still scrubs back, by replaying from the start; the lesson clusters keep theirs.
#[test]
fn a_large_cluster_skips_periodic_snapshots_and_still_rewinds() {
    let mut d = load("large");
    // Past the first periodic snapshot's time (30 s).
    run_to(&mut d, 40);
    assert!(d.sim().store().pod_count() > MAX_SNAPSHOT_PODS);
    assert_eq!(d.snapshot_count(), 1, "only the one from the start");
    let table = pods_table(&d);
    d.rewind(SimTime::from_secs(20));
    assert!(d.in_the_past());
    run_to(&mut d, 40);
    assert_eq!(pods_table(&d), table);

    for p in PRESETS.iter().filter(|p| p.name != "large") {
        let mut d = load(p.name);
        run_to(&mut d, 120);
        assert!(d.snapshot_count() >= 2, "{}: {} snapshots", p.name, d.snapshot_count());
        assert!(d.last_snapshot_bytes() <= MAX_SNAPSHOT_BYTES, "{}", p.name);
    }
}

#[test]
fn a_budget_stops_a_slice_and_the_next_one_continues() {
    let mut d = load("deployment");
    assert!(matches!(d.advance(SimTime::from_secs(30), &mut Chunks(0)), Progress::Budget { .. }));
    assert_eq!(d.now(), SimTime::ZERO);
    run_to(&mut d, 30);
    assert_eq!(d.now(), SimTime::from_secs(30));
}

/// Same preset, same inputs at the same points: the same log, byte for byte.
#[test]
fn scrubbing_back_replays_the_same_history() {
    let mut d = load("node-failure");
    run_to(&mut d, 20);
    assert!(d.perform(scale(3)).success());
    run_to(&mut d, 45);
    assert!(d.perform(action(Action::CrashNode { node: "node-2".into() })).success());
    run_to(&mut d, 420);
    let (hash, table) = (d.sim().log_hash(), pods_table(&d));
    assert!(d.snapshot_count() > 3);

    d.rewind(SimTime::from_secs(30));
    assert!(d.now() <= SimTime::from_secs(30));
    assert!(d.in_the_past());
    run_to(&mut d, 420);
    assert_eq!(d.sim().log_hash(), hash);
    assert_eq!(pods_table(&d), table);

    // All the way back to the start, past every input.
    d.rewind(SimTime::ZERO);
    run_to(&mut d, 420);
    assert_eq!(d.sim().log_hash(), hash);
}

#[test]
fn acting_in_the_past_starts_a_new_branch_but_keeps_the_script() {
    let mut d = load("deployment");
    run_to(&mut d, 10);
    d.perform(scale(5));
    run_to(&mut d, 60);
    d.rewind(SimTime::from_secs(5));
    run_to(&mut d, 5);
    d.perform(scale(1));
    assert_eq!(d.horizon(), d.now(), "the old future is gone");
    let user_inputs = d.inputs().iter().filter(|i| i.after_tasks.is_some()).count();
    assert_eq!(user_inputs, 1);
    run_to(&mut d, 60);
    assert_eq!(d.sim().store().deployment("default", "web").map(|w| w.spec.replicas), Some(1));
}

#[test]
fn scripted_timeline_entries_apply_at_their_time() {
    let scenario = sim_core::cluster::scenario::parse_scenario(
        "apiVersion: kubesim.dev/v1\nkind: Scenario\nmetadata:\n  name: t\ntimeline:\n- at: 30s\n  cordon: node-1\n",
    )
    .expect("parses");
    let mut d = Driver::from_scenario(scenario, None);
    run_to(&mut d, 29);
    assert!(!d.sim().store().node("node-1").is_some_and(|n| n.spec.unschedulable));
    run_to(&mut d, 31);
    assert!(d.sim().store().node("node-1").is_some_and(|n| n.spec.unschedulable));
    // Scrubbing back before it undoes it; playing on does it again.
    d.rewind(SimTime::from_secs(10));
    run_to(&mut d, 10);
    assert!(!d.sim().store().node("node-1").is_some_and(|n| n.spec.unschedulable));
    run_to(&mut d, 40);
    assert!(d.sim().store().node("node-1").is_some_and(|n| n.spec.unschedulable));
}

#[test]
fn stepping_finds_the_next_thing_that_happens() {
    let mut d = load("apply-journey");
    let manifests = sim_core::manifest::parse_manifests(find("apply-journey").editor)
        .into_result()
        .expect("web.yaml parses");
    let mut m = manifests.into_iter().next().expect("one object");
    m.fill_namespace("default");
    let sim_core::manifest::Object::Deployment(web) = m.object else { panic!("a Deployment") };
    let out = d.perform(action(Action::Apply(sim_core::cluster::ApiObject::Deployment(web))));
    assert_eq!(out.stdout, "deployment.apps/web created");
    let before = d.sim().log_len();
    assert!(d.step_to_next_event());
    let new = d.sim().events_since(before);
    assert!(new.iter().any(|e| !is_routine(e)), "{new:?}");
    // Stepping on reaches the pods being created, scheduled and started.
    for _ in 0..400 {
        if kube_events(&d, "Started").count() >= 2 {
            break;
        }
        assert!(d.step_to_next_event(), "{}", pods_table(&d));
    }
    assert!(kube_events(&d, "Started").count() >= 2, "{}", pods_table(&d));
}

/// The upstream timeline at maximum speed: NotReady about 50 s after the crash (the grace
/// period plus up to one 5 s monitor period), eviction 300 s after the taint, replacements
/// scheduled on the surviving nodes.
#[test]
fn a_crashed_node_is_noticed_then_its_pods_are_replaced() {
    let mut d = load("deployment");
    run_to(&mut d, 60);
    let victims: Vec<String> = d
        .sim()
        .store()
        .pods()
        .filter(|p| p.node_name == "node-2")
        .map(|p| p.metadata.name.clone())
        .collect();
    assert!(!victims.is_empty(), "{}", pods_table(&d));
    d.perform(action(Action::CrashNode { node: "node-2".into() }));
    run_to(&mut d, 60 + 420);
    let (not_ready, _) = kube_events(&d, "NodeNotReady").next().expect("NodeNotReady");
    let since_crash = not_ready.millis_since(SimTime::from_secs(60));
    assert!((40_000..=60_000).contains(&since_crash), "NotReady after {since_crash} ms");
    let (evicted, _) = kube_events(&d, "TaintManagerEviction").next().expect("eviction");
    let after_taint = evicted.millis_since(not_ready);
    assert!((300_000..=305_000).contains(&after_taint), "evicted {after_taint} ms after");
    let web = d.sim().store().deployment("default", "web").expect("web");
    assert_eq!(web.status.available_replicas, 3, "{}", pods_table(&d));
    for p in d.sim().store().pods().filter(|p| p.metadata.deletion_timestamp.is_none()) {
        assert_ne!(p.node_name, "node-2", "{}", pods_table(&d));
    }
}

#[test]
fn kubectl_reads_leave_history_alone_and_writes_replay() {
    let mut d = load("node-failure");
    let mut session = kubectl::Session::default();
    run_to(&mut d, 30);
    let out = d.kubectl(&mut session, "kubectl scale deployment web --replicas=5");
    assert!(out.success(), "{}", out.stderr);
    assert_eq!(out.stdout, "deployment.apps/web scaled\n");
    let recorded = d.inputs().len();
    run_to(&mut d, 90);
    let (hash, table) = (d.sim().log_hash(), pods_table(&d));
    // A read while scrubbed back keeps the later history.
    d.rewind(SimTime::from_secs(40));
    run_to(&mut d, 40);
    let read = d.kubectl(&mut session, "get pods -o wide");
    assert!(read.success() && read.actions.is_empty(), "{}", read.stderr);
    assert_eq!(d.inputs().len(), recorded);
    run_to(&mut d, 90);
    assert_eq!(pods_table(&d), table, "the scale replays to the same pods");
    assert_eq!(d.sim().log_hash(), hash);
    // An error changes nothing and prints kubectl's words.
    let bad = d.kubectl(&mut session, "kubectl get pod nope");
    assert_eq!(bad.stderr, "Error from server (NotFound): pods \"nope\" not found\n");
    assert_eq!(d.inputs().len(), recorded);
}
