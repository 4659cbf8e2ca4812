use super::*;
use crate::execute;
use sim_core::cluster::ClusterConfig;

fn cluster() -> (Sim, Session) {
    let mut sim = Sim::new(3, ClusterConfig::default());
    let mut session = Session::default();
    for line in [
        "create deployment web --image=nginx:1.30 --replicas=2 --port=80",
        "create deployment api --image=nginx:1.30",
        "expose deployment web --port=80",
        "create deployment other -n shop --image=busybox:1.37",
    ] {
        let out = execute(&mut sim, &mut session, line);
        assert!(out.success(), "{line}: {}", out.stderr);
    }
    (sim, session)
}

fn at_end(sim: &Sim, s: &Session, line: &str) -> Completion {
    complete(sim, s, line, line.len())
}

#[test]
fn completion_table() {
    let (sim, s) = cluster();
    let cases: &[(&str, &[&str])] = &[
        ("kubectl ge", &["get"]),
        ("kubectl de", &["debug", "delete", "describe"]),
        ("k", &["kubectl"]),
        ("kubectl get po", &["po", "pods"]),
        ("kubectl get deploy", &["deploy", "deployments"]),
        ("kubectl get deploy w", &["web"]),
        ("kubectl get deployment/", &["deployment/api", "deployment/web"]),
        ("kubectl get deploy -n shop ", &["other"]),
        ("kubectl describe svc ", &["web"]),
        ("kubectl get nodes node-", &["node-1", "node-2", "node-3"]),
        ("kubectl cordon node-2", &["node-2"]),
        ("kubectl scale deployment/w", &["deployment/web"]),
        ("kubectl rollout ", &["history", "pause", "restart", "resume", "status", "undo"]),
        ("kubectl rollout undo deployment/a", &["deployment/api"]),
        ("kubectl set image deployment/web ", &["nginx="]),
        ("kubectl get pods -o ", &["json", "name", "wide", "yaml"]),
        ("kubectl get pods --output=y", &["yaml"]),
        ("kubectl get pods -n s", &["shop"]),
        ("kubectl expose deploy web --type=N", &["NodePort"]),
        ("kubectl get pods --sh", &["--show-kind", "--show-labels"]),
        ("kubectl top ", &["node", "pod"]),
        ("kubectl create ", &["deployment"]),
        ("kubectl bogus ", &[]),
        ("kubectl taint nodes node-1 ", &[]),
    ];
    for (line, want) in cases {
        let c = at_end(&sim, &s, line);
        assert_eq!(c.candidates, *want, "{line:?}");
    }
}

#[test]
fn replace_range_and_common_prefix() {
    let (sim, s) = cluster();
    let c = at_end(&sim, &s, "kubectl get deployment/w");
    assert_eq!(c.replace_from, "kubectl get ".len());
    assert_eq!(c.common_prefix, "deployment/web");
    let c = at_end(&sim, &s, "kubectl get pods --output=ya");
    assert_eq!(c.replace_from, "kubectl get pods --output=".len());
    assert_eq!(c.candidates, ["yaml"]);
    let c = at_end(&sim, &s, "kubectl describe ");
    assert_eq!(c.replace_from, "kubectl describe ".len());
    assert_eq!(c.common_prefix, "");
    let c = at_end(&sim, &s, "kubectl get deploy");
    assert_eq!(c.common_prefix, "deploy");
    // The cursor in the middle of the line completes the word before it.
    let c = complete(&sim, &s, "kubectl ge pods", "kubectl ge".len());
    assert_eq!((c.replace_from, c.candidates.as_slice()), (8, &["get".to_owned()][..]));
}

#[test]
fn never_panics_at_odd_cursors() {
    let (sim, s) = cluster();
    for line in ["", "é", "kubectl 'get", "get pods -l \"a", "名前 po", "--", "-", "get --=x"] {
        for cursor in 0..=line.len() + 2 {
            let c = complete(&sim, &s, line, cursor);
            assert!(c.replace_from <= line.len());
            assert!(c.candidates.iter().all(|x| x.starts_with(&c.common_prefix)));
        }
    }
}
