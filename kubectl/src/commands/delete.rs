//! `kubectl delete (TYPE NAME… | TYPE/NAME… | TYPE -l sel | TYPE --all) [--force]
//! [--grace-period=N] [--now]` for pods, Deployments, ReplicaSets, Services and nodes.

use super::{Command, get::selector, objects, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    flags::{Kind, Spec, long, short},
    resource::{Resource, parse_targets},
};
use sim_core::cluster::{Action, Kind as SimKind};

const FLAGS: &[Spec] = &[
    short("selector", 'l', Kind::Str),
    long("all", Kind::Bool),
    long("force", Kind::Bool),
    long("grace-period", Kind::Int(64)),
    long("now", Kind::Bool),
    long("wait", Kind::Bool),
    long("ignore-not-found", Kind::Bool),
    short("output", 'o', Kind::Str),
];

pub(crate) const COMMAND: Command = Command {
    name: "delete",
    summary: "Delete resources by names or by label selector",
    usage: "kubectl delete (TYPE [(NAME | -l label | --all)] | TYPE/NAME) [--force --grace-period=0] [flags]",
    flags: FLAGS,
    run,
};

const WARNING: &str = "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.";

fn sim_kind(r: Resource) -> Option<SimKind> {
    Some(match r {
        Resource::Pods => SimKind::Pod,
        Resource::Deployments => SimKind::Deployment,
        Resource::ReplicaSets => SimKind::ReplicaSet,
        Resource::Services => SimKind::Service,
        Resource::Nodes => SimKind::Node,
        _ => return None,
    })
}

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "delete", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    if let Some(o) = flags.string("output").filter(|o| *o != "name") {
        return Err(error(format!("unexpected -o output mode: {o}. We only support '-o name'")));
    }
    let by_name_output = flags.string("output") == Some("name");
    if flags.positional.is_empty() {
        return Err(error(
            "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        ));
    }
    let targets = parse_targets(&flags.positional).map_err(error)?;
    if let Some(r) = targets.types.iter().find(|r| sim_kind(**r).is_none()) {
        return Err(error(format!(
            "deleting {} is not supported by this simulator (delete works on pods, deployments, replicasets, services and nodes)",
            r.plural()
        )));
    }
    let all = flags.bool("all");
    let sel_text = flags.string("selector");
    if all && sel_text.is_some() {
        return Err(error("cannot set --all and --selector at the same time"));
    }
    let sel = selector(sel_text)?;
    let grace = grace_period(&flags)?;
    let force = flags.bool("force");
    if force && grace == 0 {
        ctx.eprint(WARNING);
    }
    let ns = ctx.namespace(&flags);
    let mut victims: Vec<(Resource, String)> = Vec::new();
    if targets.names.is_empty() {
        if !all && sel.is_empty() {
            return Err(error("resource(s) were provided, but no name was specified"));
        }
        for r in &targets.types {
            let matching = objects::list(ctx.sim.store(), *r, Some(&ns));
            victims.extend(
                matching
                    .into_iter()
                    .filter(|o| sel.matches(&o.meta().labels))
                    .map(|o| (*r, o.meta().name.clone())),
            );
        }
        if victims.is_empty() {
            ctx.print("No resources found");
            return Ok(());
        }
    } else {
        if !sel.is_empty() {
            return Err(error("name cannot be provided when a selector is specified"));
        }
        victims = targets.names.clone();
    }
    let ignore_missing = flags.bool("ignore-not-found");
    let mut failed = Vec::new();
    for (r, name) in victims {
        let Some(kind) = sim_kind(r) else { continue };
        let action = Action::Delete {
            kind,
            namespace: ns.clone(),
            name: name.clone(),
            grace_period_seconds: (grace >= 0).then_some(grace),
            force: force && grace == 0,
        };
        match ctx.apply(action) {
            Ok(_) if by_name_output => ctx.print(&format!("{}/{name}", r.kind_group())),
            Ok(_) => {
                let mut word = if force && grace == 0 {
                    "force deleted".to_owned()
                } else {
                    "deleted".to_owned()
                };
                if r.namespaced() {
                    word.push_str(&format!(" from {ns} namespace"));
                }
                ctx.print(&format!("{} \"{name}\" {word}", r.kind_group()));
            }
            Err(e)
                if ignore_missing && matches!(e, sim_core::cluster::ApiError::NotFound { .. }) => {}
            Err(e) => failed.push(e.to_string()),
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(failed.join("\n")) }
}

/// kubectl's grace period rules: `--now` is 1, `0` without `--force` becomes 1, `--force`
/// alone is 0; -1 means the object's own.
fn grace_period(flags: &crate::flags::Parsed) -> Result<i64, String> {
    let mut grace = flags.int("grace-period").unwrap_or(-1);
    if flags.bool("now") {
        if grace != -1 {
            return Err(error("--now and --grace-period cannot be specified together"));
        }
        grace = 1;
    }
    let force = flags.bool("force");
    if grace == 0 && !force {
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    if force && grace > 0 {
        return Err(error(
            "--force and --grace-period greater than 0 cannot be specified together",
        ));
    }
    Ok(grace)
}
