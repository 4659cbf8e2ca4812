//! Same cluster + same command lines → same output; and the actions `execute` reports replay
//! to the same cluster without the console.

use crate::fixture::{advance, cluster_at, run_to, transcript};
use kubectl::{Session, execute};
use sim_core::cluster::Action;

const SCRIPT: &[&str] = &[
    "kubectl create deployment shop --image=nginx:1.30 --replicas=3 --port=80",
    "kubectl expose deployment shop --port=80 --type=NodePort",
    "@advance 20",
    "kubectl scale deploy/shop --replicas=5",
    "kubectl set image deployment/web web=nginx:latest",
    "kubectl label node node-2 disk=ssd",
    "kubectl taint nodes node-3 dedicated=infra:NoExecute",
    "@advance 40",
    "kubectl drain node-1 --ignore-daemonsets --force",
    "kubectl rollout undo deployment/web",
    "kubectl delete pod toolbox --force --grace-period=0",
    "kubectl debug deploy/web -it --image=busybox",
    "@advance 90",
    "kubectl get pods -o wide",
    "kubectl top nodes",
    "kubectl describe deployment web",
];

#[test]
fn same_inputs_same_outputs() {
    let run = || {
        let mut sim = cluster_at(60);
        let text = transcript(&mut sim, &mut Session::default(), SCRIPT);
        (text, sim.log_hash())
    };
    let (a, b) = (run(), run());
    assert_eq!(a.0, b.0);
    assert_eq!(a.1, b.1);
}

#[test]
fn reported_actions_replay_to_the_same_cluster() {
    let mut live = cluster_at(60);
    let mut session = Session::default();
    // (seconds to advance first, actions applied)
    let mut recorded: Vec<(u64, Vec<Action>)> = Vec::new();
    let mut pending_advance = 0;
    for line in SCRIPT {
        if let Some(secs) = line.strip_prefix("@advance ") {
            let secs: u64 = secs.parse().unwrap_or(0);
            advance(&mut live, secs);
            pending_advance += secs;
            continue;
        }
        let out = execute(&mut live, &mut session, line);
        recorded.push((std::mem::take(&mut pending_advance), out.actions));
    }
    let mut replay = cluster_at(60);
    for (secs, actions) in recorded {
        advance(&mut replay, secs);
        for a in actions {
            let _ = replay.apply(a);
        }
    }
    let end = live.now();
    run_to(&mut replay, end);
    assert_eq!(replay.log_hash(), live.log_hash());
    let view = |sim: &mut sim_core::cluster::Sim| {
        execute(sim, &mut Session::default(), "get pods -o wide").stdout
    };
    assert_eq!(view(&mut replay), view(&mut live));
}

#[test]
fn reads_change_nothing() {
    let mut sim = cluster_at(240);
    let before = sim.log_hash();
    let len = sim.log_len();
    let mut session = Session::default();
    for line in [
        "get all -A -o wide",
        "describe nodes",
        "describe pods",
        "get events -o yaml",
        "logs deploy/worker",
        "top pods -A",
        "rollout status deploy/web",
        "rollout history deploy/web",
        "config view",
    ] {
        let out = execute(&mut sim, &mut session, line);
        assert!(out.actions.is_empty(), "{line}");
    }
    assert_eq!((sim.log_hash(), sim.log_len()), (before, len));
}
