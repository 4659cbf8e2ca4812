//! `kubectl scale (deployment/NAME | deployment NAME | rs NAME) --replicas=N`.

use super::{Command, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    flags::{Kind, Spec, long},
    resource::{Resource, parse_targets},
};
use sim_core::cluster::{Action, Kind as SimKind};

const FLAGS: &[Spec] = &[long("replicas", Kind::Int(64))];

pub(crate) const COMMAND: Command = Command {
    name: "scale",
    summary: "Set a new size for a deployment or replica set",
    usage: "kubectl scale --replicas=COUNT (TYPE NAME | TYPE/NAME)",
    flags: FLAGS,
    run,
};

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "scale", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    let Some(replicas) = flags.int("replicas") else {
        return Err(error("required flag(s) \"replicas\" not set"));
    };
    if flags.positional.is_empty() {
        return Err(super::get::required_resource("scale"));
    }
    let targets = parse_targets(&flags.positional).map_err(error)?;
    if targets.names.is_empty() {
        return Err(error("resource(s) were provided, but no name was specified"));
    }
    let replicas = i32::try_from(replicas)
        .map_err(|_| error(format!("invalid replicas value {replicas}: out of range")))?;
    let ns = ctx.namespace(&flags);
    let mut failed = Vec::new();
    for (r, name) in &targets.names {
        let kind = match r {
            Resource::Deployments => SimKind::Deployment,
            Resource::ReplicaSets => SimKind::ReplicaSet,
            other => {
                failed.push(error(format!(
                    "{} cannot be scaled: this simulator scales deployments and replicasets",
                    other.plural()
                )));
                continue;
            }
        };
        let action = Action::Scale { kind, namespace: ns.clone(), name: name.clone(), replicas };
        match ctx.apply(action) {
            Ok(out) => ctx.print(&out.message),
            Err(e) => failed.push(e.to_string()),
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(failed.join("\n")) }
}
