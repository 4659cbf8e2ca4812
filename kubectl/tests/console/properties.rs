//! Nothing the reader types makes the console panic, and the cluster's invariants hold after
//! whatever it does.

use crate::fixture::cluster_at;
use kubectl::{Output, Session, complete, execute};
use proptest::prelude::*;
use sim_core::cluster::Sim;
use std::sync::OnceLock;

fn base() -> &'static Sim {
    static SIM: OnceLock<Sim> = OnceLock::new();
    SIM.get_or_init(|| cluster_at(240))
}

fn well_formed(out: &Output) -> Result<(), TestCaseError> {
    prop_assert!(out.exit_code == 0 || out.exit_code == 1);
    prop_assert!(out.stdout.is_empty() || out.stdout.ends_with('\n'));
    prop_assert!(out.stderr.is_empty() || out.stderr.ends_with('\n'));
    prop_assert!(out.exit_code == 0 || !out.stderr.is_empty(), "a failure says why");
    Ok(())
}

const WORDS: &[&str] = &[
    "kubectl",
    "get",
    "describe",
    "apply",
    "create",
    "delete",
    "scale",
    "set",
    "image",
    "rollout",
    "status",
    "history",
    "undo",
    "pause",
    "resume",
    "restart",
    "expose",
    "label",
    "taint",
    "cordon",
    "uncordon",
    "drain",
    "logs",
    "debug",
    "top",
    "config",
    "view",
    "set-context",
    "version",
    "help",
    "deployment",
    "pods",
    "po",
    "nodes",
    "node",
    "svc",
    "rs",
    "all",
    "events",
    "endpointslices",
    "leases",
    "deploy/web",
    "deployment/worker",
    "pod/toolbox",
    "web",
    "worker",
    "toolbox",
    "node-1",
    "node-2",
    "node-3",
    "nope",
    "-n",
    "default",
    "kube-node-lease",
    "-A",
    "-l",
    "app=web",
    "'env in (a,b)'",
    "!app",
    "-o",
    "wide",
    "yaml",
    "json",
    "name",
    "--show-labels",
    "-L",
    "--replicas=2",
    "--replicas=0",
    "--replicas=-3",
    "--replicas",
    "x",
    "--image=nginx:1.30",
    "--image=busybox:1.37",
    "--port=80",
    "--type=NodePort",
    "--force",
    "--grace-period=0",
    "--overwrite",
    "k=v:NoSchedule",
    "k:NoExecute-",
    "role=debug",
    "role-",
    "web=nginx:latest",
    "--to-revision=1",
    "--revision=1",
    "-c",
    "shell",
    "-p",
    "--tail=1",
    "-it",
    "--target=shell",
    "--containers",
    "--current",
    "--namespace=default",
    "-f",
    "editor",
    "-",
    "--",
    "'",
    "\"",
    "|",
    "\\",
    "=",
    ",",
    "--ignore-daemonsets",
    "--all",
    "-w",
    "--bogus",
    "-h",
    "--help",
];

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..8).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,120}", cursor in 0usize..130) {
        let mut sim = base().clone();
        let mut session = Session::default();
        session.editor = text.clone();
        let out = execute(&mut sim, &mut session, &text);
        well_formed(&out)?;
        let c = complete(&sim, &session, &text, cursor);
        prop_assert!(c.replace_from <= text.len());
        prop_assert!(c.candidates.iter().all(|x| x.starts_with(&c.common_prefix)));
    }

    #[test]
    fn command_sequences_keep_the_cluster_sound(lines in prop::collection::vec(line(), 1..6)) {
        let mut sim = base().clone();
        let mut session = Session::default();
        session.editor = crate::fixture::editor("shop.yaml");
        for l in &lines {
            let out = execute(&mut sim, &mut session, l);
            well_formed(&out)?;
            let c = complete(&sim, &session, l, l.len());
            prop_assert!(c.candidates.iter().all(|x| x.starts_with(&c.common_prefix)));
        }
        crate::fixture::advance(&mut sim, 30);
        let violations = sim.check_invariants();
        prop_assert!(violations.is_empty(), "{violations:?}");
    }
}
