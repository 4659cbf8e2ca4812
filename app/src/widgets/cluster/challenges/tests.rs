//! Each challenge solved the way its lesson asks, and failed the way a reader might.

use super::*;
use crate::widgets::cluster::{
    driver::{Chunks, Command, Driver},
    presets,
};
use sim_core::{
    cluster::{Action, ApiObject, Kind, Progress},
    manifest::{Object, parse_manifests},
};

fn start(id: &str) -> Driver {
    let def = find(id).expect("challenge exists");
    Driver::load(presets::find(def.preset), Checker::new(id)).expect("preset loads")
}

fn run_to(d: &mut Driver, secs: u64) {
    for _ in 0..1_000_000 {
        if d.advance(SimTime::from_secs(secs), &mut Chunks(64)) == Progress::Reached {
            return;
        }
    }
    panic!("did not reach {secs}s");
}

fn act(d: &mut Driver, a: Action) {
    let out = d.perform(Command::Action(Box::new(a)));
    assert!(out.success(), "{out:?}");
}

fn apply_yaml(d: &mut Driver, yaml: &str) {
    for mut m in parse_manifests(yaml).into_result().expect("valid manifest") {
        m.fill_namespace("default");
        let o = match m.object {
            Object::Pod(p) => ApiObject::Pod(p),
            Object::Deployment(x) => ApiObject::Deployment(x),
            Object::Service(s) => ApiObject::Service(s),
            other => panic!("unexpected {}", other.kind()),
        };
        act(d, Action::Apply(o));
    }
}

fn verdict(d: &Driver) -> Verdict {
    d.checker().expect("checker").verdict().clone()
}

fn assert_done(d: &Driver) {
    assert!(matches!(verdict(d), Verdict::Done(_)), "{:?}", verdict(d));
}

fn assert_failed(d: &Driver) {
    assert!(matches!(verdict(d), Verdict::Failed(_)), "{:?}", verdict(d));
}

fn set_image(d: &mut Driver, deployment: &str, container: &str, image: &str) {
    act(
        d,
        Action::SetImage {
            namespace: "default".into(),
            deployment: deployment.into(),
            container: container.into(),
            image: image.into(),
        },
    );
}

fn scale(d: &mut Driver, replicas: i32) {
    act(
        d,
        Action::Scale {
            kind: Kind::Deployment,
            namespace: "default".into(),
            name: "web".into(),
            replicas,
        },
    );
}

#[test]
fn every_lesson_challenge_has_a_checker_and_a_catalogued_id() {
    let spec = widget_spec::lookup("cluster").expect("catalogued");
    let widget_spec::ParamKind::OneOf(ids) = spec.param("challenge").expect("param").kind else {
        panic!("OneOf")
    };
    assert_eq!(ids.len(), CHALLENGES.len());
    for id in ids {
        assert!(Checker::new(id).is_some(), "{id}");
        let def = find(id).expect("defined");
        assert!(presets::PRESETS.iter().any(|p| p.name == def.preset), "{id}");
        assert!(def.hints.len() >= 2, "{id}");
    }
}

#[test]
fn schedule_pending_by_lowering_the_request() {
    let mut d = start("schedule-pending");
    run_to(&mut d, 30);
    assert!(matches!(verdict(&d), Verdict::Working(_)));
    apply_yaml(&mut d, &presets::find("pending-pod").editor.replace("cpu: \"5\"", "cpu: \"3\""));
    run_to(&mut d, 120);
    assert_done(&d);
}

#[test]
fn schedule_pending_by_tolerating_the_gpu_taint() {
    let mut d = start("schedule-pending");
    run_to(&mut d, 10);
    let tolerant = presets::find("pending-pod").editor.replace(
        "      containers:\n",
        "      tolerations:\n      - key: nvidia.com/gpu\n        operator: Exists\n        effect: NoSchedule\n      containers:\n",
    );
    apply_yaml(&mut d, &tolerant);
    run_to(&mut d, 120);
    assert_done(&d);
}

#[test]
fn schedule_pending_refuses_deleting() {
    let mut d = start("schedule-pending");
    run_to(&mut d, 20);
    act(
        &mut d,
        Action::Delete {
            kind: Kind::Deployment,
            namespace: "default".into(),
            name: "web".into(),
            grace_period_seconds: None,
            force: false,
        },
    );
    run_to(&mut d, 30);
    assert_failed(&d);
}

const GPU_FIX: &str = "    resources:
      requests:
        cpu: \"1\"
        memory: 2Gi
      limits:
        nvidia.com/gpu: 1
  tolerations:
  - key: nvidia.com/gpu
    operator: Exists
    effect: NoSchedule
";

#[test]
fn use_gpu_pool_needs_the_request_and_the_toleration() {
    let job = presets::find("node-pools").editor;
    let mut d = start("use-gpu-pool");
    run_to(&mut d, 5);
    apply_yaml(&mut d, job);
    run_to(&mut d, 90);
    let Verdict::Working(why) = verdict(&d) else { panic!("{:?}", verdict(&d)) };
    assert!(why.contains("CPU node"), "{why}");

    let mut d = start("use-gpu-pool");
    run_to(&mut d, 5);
    let fixed = job.replace(
        "    resources:\n      requests:\n        cpu: \"1\"\n        memory: 2Gi\n",
        GPU_FIX,
    );
    assert_ne!(fixed, job);
    apply_yaml(&mut d, &fixed);
    run_to(&mut d, 120);
    assert_done(&d);
}

#[test]
fn rollout_with_the_default_budget_breaks_the_limit() {
    let mut d = start("rollout-one-unavailable");
    run_to(&mut d, 60);
    set_image(&mut d, "web", "web", "nginx:latest");
    run_to(&mut d, 240);
    let Verdict::Failed(why) = verdict(&d) else { panic!("{:?}", verdict(&d)) };
    assert!(why.contains("of 10 replicas"), "{why}");
}

#[test]
fn rollout_with_max_unavailable_one_succeeds() {
    let mut d = start("rollout-one-unavailable");
    run_to(&mut d, 60);
    let yaml = presets::find("rolling-update")
        .editor
        .replace("maxUnavailable: 25%", "maxUnavailable: 1")
        .replace("image: nginx:1.30", "image: nginx:latest");
    apply_yaml(&mut d, &yaml);
    run_to(&mut d, 400);
    assert_done(&d);
}

#[test]
fn rollback_bad_image_needs_the_stall_and_the_undo() {
    let mut d = start("rollback-bad-image");
    run_to(&mut d, 60);
    set_image(&mut d, "web", "web", "nginx:9.99");
    run_to(&mut d, 120);
    let Verdict::Working(why) = verdict(&d) else { panic!("{:?}", verdict(&d)) };
    assert!(why.contains("stuck"), "{why}");
    act(
        &mut d,
        Action::RolloutUndo {
            namespace: "default".into(),
            deployment: "web".into(),
            to_revision: None,
        },
    );
    run_to(&mut d, 300);
    assert_done(&d);
}

#[test]
fn draining_with_three_replicas_drops_below_three() {
    let mut d = start("drain-keep-serving");
    run_to(&mut d, 60);
    act(&mut d, Action::Drain { node: "node-2".into(), force: false });
    run_to(&mut d, 120);
    assert_failed(&d);
}

#[test]
fn cordon_scale_then_drain_keeps_serving() {
    let mut d = start("drain-keep-serving");
    run_to(&mut d, 60);
    act(&mut d, Action::Cordon { node: "node-2".into(), unschedulable: true });
    scale(&mut d, 4);
    run_to(&mut d, 120);
    act(&mut d, Action::Drain { node: "node-2".into(), force: false });
    run_to(&mut d, 240);
    assert_done(&d);
    let traffic = d.checker().expect("checker").traffic();
    assert!(traffic.ok > 0 && traffic.failed == 0, "{traffic:?}");
}

fn node_of_a_web_pod(d: &Driver) -> String {
    d.sim()
        .store()
        .pods()
        .find(|p| p.metadata.labels.get("app") == Some("web") && !p.node_name.is_empty())
        .map(|p| p.node_name.clone())
        .expect("a bound web pod")
}

#[test]
fn crashing_the_only_replica_is_downtime() {
    let mut d = start("survive-crash");
    run_to(&mut d, 30);
    let node = node_of_a_web_pod(&d);
    act(&mut d, Action::CrashNode { node });
    run_to(&mut d, 40);
    assert_failed(&d);
}

#[test]
fn spread_replicas_survive_a_crash() {
    let mut d = start("survive-crash");
    run_to(&mut d, 10);
    scale(&mut d, 3);
    run_to(&mut d, 60);
    let node = node_of_a_web_pod(&d);
    act(&mut d, Action::CrashNode { node });
    run_to(&mut d, 60 + 420);
    assert_done(&d);
}

#[test]
fn scrubbing_back_before_a_mistake_undoes_its_verdict() {
    let mut d = start("survive-crash");
    run_to(&mut d, 40);
    let node = node_of_a_web_pod(&d);
    act(&mut d, Action::CrashNode { node });
    run_to(&mut d, 50);
    assert_failed(&d);
    d.rewind(SimTime::from_secs(35));
    run_to(&mut d, 35);
    assert!(matches!(verdict(&d), Verdict::Working(_)), "{:?}", verdict(&d));
}

#[test]
fn fix_arch_with_the_multi_arch_image() {
    let mut d = start("fix-arch");
    run_to(&mut d, 90);
    let Verdict::Working(why) = verdict(&d) else { panic!("{:?}", verdict(&d)) };
    assert!(why.contains("CrashLoopBackOff"), "{why}");
    set_image(&mut d, "legacy", "api", "registry.example.com/shop/legacy-api:1.1");
    run_to(&mut d, 400);
    assert_done(&d);
}

#[test]
fn schedule_pending_by_adding_a_bigger_node() {
    let mut d = start("schedule-pending");
    run_to(&mut d, 20);
    let mut pool = sim_core::cluster::NodePool::new("big", sim_core::cluster::PoolKind::Cpu, 1);
    pool.shape.cpu_millis = 8000;
    act(&mut d, Action::AddNodes(pool));
    run_to(&mut d, 200);
    let Verdict::Done(why) = verdict(&d) else { panic!("{:?}", verdict(&d)) };
    assert!(why.contains("bound to big-1"), "{why}");
}

#[test]
fn rollout_with_surge_one_and_none_unavailable_succeeds() {
    let mut d = start("rollout-one-unavailable");
    run_to(&mut d, 60);
    let yaml = presets::find("rolling-update")
        .editor
        .replace("maxUnavailable: 25%", "maxUnavailable: 0")
        .replace("maxSurge: 25%", "maxSurge: 1")
        .replace("image: nginx:1.30", "image: nginx:latest");
    apply_yaml(&mut d, &yaml);
    run_to(&mut d, 600);
    assert_done(&d);
}

#[test]
fn a_node_recovered_before_the_eviction_is_a_fresh_start_not_a_stuck_one() {
    let mut d = start("survive-crash");
    run_to(&mut d, 10);
    scale(&mut d, 3);
    run_to(&mut d, 60);
    let first = node_of_a_web_pod(&d);
    act(&mut d, Action::CrashNode { node: first.clone() });
    run_to(&mut d, 100);
    act(&mut d, Action::RecoverNode { node: first.clone() });
    run_to(&mut d, 600);
    // The pods restarted on the recovered node: the status must not say it is still down.
    let Verdict::Working(why) = verdict(&d) else { panic!("{:?}", verdict(&d)) };
    assert!(why.contains(&format!("{first} came back")), "{why}");

    // Crashing another node with a replica now counts, and completes once it is replaced.
    let second = d
        .sim()
        .store()
        .pods()
        .find(|p| p.metadata.labels.get("app") == Some("web") && p.node_name != first)
        .map(|p| p.node_name.clone())
        .expect("a replica on another node");
    act(&mut d, Action::CrashNode { node: second.clone() });
    run_to(&mut d, 600 + 420);
    let Verdict::Done(why) = verdict(&d) else { panic!("{:?}", verdict(&d)) };
    assert!(why.starts_with(&format!("{second} crashed")), "{why}");
}
