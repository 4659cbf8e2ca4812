//! `kubectl cordon NODE`, `kubectl uncordon NODE`, `kubectl drain NODE [--ignore-daemonsets]
//! [--delete-emptydir-data] [--force]`.
//!
//! Simplified: `drain` evicts and returns at once; kubectl waits until each pod is gone and
//! prints `pod/NAME evicted` for it. The simulator has no DaemonSets and no emptyDir volumes, so
//! `--ignore-daemonsets` and `--delete-emptydir-data` are accepted and change nothing.

use super::{Command, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    flags::{Kind, Spec, long},
    resource::{Resource, parse_targets},
};
use sim_core::cluster::Action;

pub(crate) const CORDON: Command = Command {
    name: "cordon",
    summary: "Mark node as unschedulable",
    usage: "kubectl cordon NODE",
    flags: &[],
    run: cordon,
};

pub(crate) const UNCORDON: Command = Command {
    name: "uncordon",
    summary: "Mark node as schedulable",
    usage: "kubectl uncordon NODE",
    flags: &[],
    run: uncordon,
};

const DRAIN_FLAGS: &[Spec] = &[
    long("ignore-daemonsets", Kind::Bool),
    long("delete-emptydir-data", Kind::Bool),
    long("force", Kind::Bool),
    long("grace-period", Kind::Int(64)),
    long("timeout", Kind::Str),
];

pub(crate) const DRAIN: Command = Command {
    name: "drain",
    summary: "Drain node in preparation for maintenance",
    usage: "kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force]",
    flags: DRAIN_FLAGS,
    run: drain,
};

/// The node names from `NODE…` or `node/NODE…`.
fn node_names(path: &str, positional: &[String]) -> Result<Vec<String>, String> {
    if positional.is_empty() {
        return Err(super::usage_error(path, &format!("USAGE: {path} NODE [flags]")));
    }
    let args: Vec<String> = if positional[0].contains('/') {
        positional.to_vec()
    } else {
        std::iter::once("nodes".to_owned()).chain(positional.iter().cloned()).collect()
    };
    let targets = parse_targets(&args).map_err(error)?;
    targets
        .names
        .into_iter()
        .map(|(r, n)| {
            if r == Resource::Nodes {
                Ok(n)
            } else {
                Err(error(format!("expected resource of type node, got {:?}", r.plural())))
            }
        })
        .collect()
}

fn cordon(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    set_unschedulable(ctx, args, "cordon", true)
}

fn uncordon(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    set_unschedulable(ctx, args, "uncordon", false)
}

fn set_unschedulable(ctx: &mut Ctx<'_>, args: &[String], path: &str, on: bool) -> CmdResult {
    let Some(flags) = parse(ctx, path, &format!("kubectl {path} NODE"), &[], args)? else {
        return Ok(());
    };
    let mut failed = Vec::new();
    for node in node_names(path, &flags.positional)? {
        match ctx.apply(Action::Cordon { node, unschedulable: on }) {
            Ok(out) => ctx.print(&out.message),
            Err(e) => failed.push(e.to_string()),
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(failed.join("\n")) }
}

fn drain(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "drain", DRAIN.usage, DRAIN_FLAGS, args)? else { return Ok(()) };
    let force = flags.bool("force");
    let mut failed = false;
    for node in node_names("drain", &flags.positional)? {
        if ctx.sim.store().node(&node).is_none() {
            ctx.eprint(&super::objects::not_found(Resource::Nodes, &node));
            failed = true;
            continue;
        }
        let bare = bare_pods(ctx, &node);
        if !bare.is_empty() && !force {
            // kubectl cordons first, then finds pods it may not delete.
            if let Ok(out) = ctx.apply(Action::Cordon { node: node.clone(), unschedulable: true }) {
                ctx.print(&out.message);
            }
            let why = format!(
                "cannot delete Pods that declare no controller (use --force to override): {}",
                bare.join(", ")
            );
            ctx.eprint(&format!(
                "error: unable to drain node \"{node}\" due to error: {why}, continuing command..."
            ));
            ctx.eprint(&format!("There are pending nodes to be drained:\n {node}\n{why}"));
            failed = true;
            continue;
        }
        if !bare.is_empty() {
            ctx.eprint(&format!(
                "Warning: deleting Pods that declare no controller: {}",
                bare.join(", ")
            ));
        }
        match ctx.apply(Action::Drain { node: node.clone(), force }) {
            Ok(out) => ctx.print(&out.message),
            Err(e) => {
                ctx.eprint(&e.to_string());
                failed = true;
            }
        }
    }
    if failed { Err(String::new()) } else { Ok(()) }
}

/// Pods on `node` with no controller that drain would delete (`namespace/name`).
fn bare_pods(ctx: &Ctx<'_>, node: &str) -> Vec<String> {
    let store = ctx.sim.store();
    let mut v: Vec<String> = store
        .pods_on_node(node)
        .filter_map(|u| store.pod(u))
        .filter(|p| {
            p.metadata.deletion_timestamp.is_none()
                && p.metadata.controller_ref().is_none()
                && !matches!(
                    p.status.phase,
                    sim_core::model::PodPhase::Succeeded | sim_core::model::PodPhase::Failed
                )
        })
        .map(|p| format!("{}/{}", p.metadata.namespace, p.metadata.name))
        .collect();
    v.sort();
    v
}
