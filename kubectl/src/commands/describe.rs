//! `kubectl describe` for pods, nodes, Deployments and Services: exact names, name prefixes
//! (`describe pods web` describes every pod whose name starts with `web`), `-l`, `-A`, and the
//! Events section when one object is described.

use super::{Command, get::selector, objects, objects::Obj, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    flags::{Kind, Spec, long, short},
    resource::{Resource, parse_targets},
};
use sim_core::{
    cluster::Sim,
    model::{PodPhase, node::ConditionStatus},
    printers::describe,
};

const FLAGS: &[Spec] = &[
    short("all-namespaces", 'A', Kind::Bool),
    short("selector", 'l', Kind::Str),
    long("show-events", Kind::Bool),
];

pub(crate) const COMMAND: Command = Command {
    name: "describe",
    summary: "Show details of a specific resource or group of resources",
    usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [flags]",
    flags: FLAGS,
    run,
};

const DESCRIBABLE: &[Resource] =
    &[Resource::Pods, Resource::Nodes, Resource::Deployments, Resource::Services];

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "describe", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    if flags.positional.is_empty() {
        return Err(super::get::required_resource("describe"));
    }
    let targets = parse_targets(&flags.positional).map_err(error)?;
    if let Some(r) = targets.types.iter().find(|r| !DESCRIBABLE.contains(r)) {
        return Err(error(format!(
            "describing {} is not supported by this simulator (describe supports pods, nodes, deployments and services; try \"kubectl get {} -o yaml\")",
            r.plural(),
            r.plural()
        )));
    }
    let sel = selector(flags.string("selector"))?;
    let all_ns = flags.bool("all-namespaces");
    let ns = ctx.namespace(&flags);
    let store = ctx.sim.store();
    let scope = (!all_ns).then_some(ns.as_str());
    let mut found: Vec<Obj<'_>> = Vec::new();
    let mut errors = Vec::new();
    let mut matched_prefix = false;
    if targets.names.is_empty() {
        for r in &targets.types {
            found.extend(
                objects::list(store, *r, scope)
                    .into_iter()
                    .filter(|o| sel.matches(&o.meta().labels)),
            );
        }
    } else {
        for (r, name) in &targets.names {
            match objects::get(store, *r, &ns, name) {
                Some(o) => found.push(o),
                None => errors.push((*r, name.clone())),
            }
        }
        // `describe TYPE PREFIX`: kubectl falls back to every object whose name starts so.
        let prefix_form = flags.positional.len() == 2 && !flags.positional[0].contains('/');
        if prefix_form && let [(r, prefix)] = errors.as_slice() {
            let matching: Vec<Obj<'_>> = objects::list(store, *r, Some(&ns))
                .into_iter()
                .filter(|o| o.meta().name.starts_with(prefix.as_str()))
                .collect();
            if !matching.is_empty() {
                found = matching;
                errors.clear();
                matched_prefix = true;
            }
        }
    }
    let show_events = if flags.given("show-events") {
        flags.bool("show-events")
    } else {
        found.len() == 1 && errors.is_empty() && !matched_prefix
    };
    let texts: Vec<String> = found.iter().map(|o| describe_one(ctx.sim, *o, show_events)).collect();
    let none_found = found.is_empty();
    ctx.print_raw(&texts.join("\n\n"));
    if none_found && errors.is_empty() {
        ctx.eprint(&super::get::no_resources(all_ns, &ns));
    }
    if errors.is_empty() {
        return Ok(());
    }
    Err(errors.iter().map(|(r, n)| objects::not_found(*r, n)).collect::<Vec<_>>().join("\n"))
}

fn describe_one(sim: &Sim, o: Obj<'_>, show_events: bool) -> String {
    let store = sim.store();
    let now = sim.now();
    let m = o.meta();
    let events = show_events
        .then(|| describe::events_for(store, o.resource().kind(), &m.namespace, &m.name));
    let events = events.as_deref();
    match o {
        Obj::Pod(p) => describe::describe_pod(p, events, now),
        Obj::Node(n) => {
            let pods: Vec<_> = objects::list(store, Resource::Pods, None)
                .into_iter()
                .filter_map(|o| match o {
                    Obj::Pod(p)
                        if p.node_name == n.metadata.name
                            && !matches!(
                                p.status.phase,
                                PodPhase::Succeeded | PodPhase::Failed
                            ) =>
                    {
                        Some(p)
                    }
                    _ => None,
                })
                .collect();
            describe::describe_node(n, &pods, store.lease(&n.metadata.name), events, now)
        }
        Obj::Deployment(d) => {
            let (new, old) = describe::new_and_old_replica_sets(store, d);
            describe::describe_deployment(d, new, &old, events, now)
        }
        Obj::Service(s) => {
            let slices: Vec<_> =
                store.endpoint_slices_for(&s.metadata.namespace, &s.metadata.name).collect();
            describe::describe_service(s, &slices, events, now)
        }
        other => format!("{}/{}\n", other.resource().kind_group(), m.name),
    }
}

/// Whether a node's Ready condition is True (for `top` and completion).
pub(crate) fn node_ready(n: &sim_core::model::Node) -> bool {
    n.status.conditions.iter().any(|c| {
        c.type_ == sim_core::model::node::NodeConditionType::Ready
            && c.status == ConditionStatus::True
    })
}
