//! `kubectl rollout status|history|undo|restart|pause|resume deployment/NAME`.
//!
//! Simplified: `rollout status` cannot wait in a simulation whose clock the reader runs, so it
//! prints the line kubectl would print at this instant (and says on stderr that it did not
//! wait) instead of watching until the rollout finishes.

use super::{Command, objects, parse};
use crate::{
    context::{CmdResult, Ctx, Failure, error},
    flags::{Kind, Spec, long, short},
    resource::{Resource, parse_targets},
};
use sim_core::{
    cluster::{Action, controllers::deployment_util::revision},
    model::Deployment,
    printers::describe::describe_pod_template,
    printers::tabwriter,
};

const FLAGS: &[Spec] = &[
    long("to-revision", Kind::Int(64)),
    long("revision", Kind::Int(64)),
    short("watch", 'w', Kind::Bool),
    long("timeout", Kind::Str),
];

pub(crate) const COMMAND: Command = Command {
    name: "rollout",
    summary: "Manage the rollout of a deployment",
    usage: "kubectl rollout (status|history|undo|restart|pause|resume) (TYPE NAME | TYPE/NAME) [--to-revision=N] [--revision=N]",
    flags: FLAGS,
    run,
};

const SUBCOMMANDS: &[&str] = &["history", "pause", "restart", "resume", "status", "undo"];

/// Subcommand names, for completion.
pub(crate) fn subcommands() -> &'static [&'static str] {
    SUBCOMMANDS
}

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(sub) = args.first().filter(|a| !a.starts_with('-')) else {
        let Some(_flags) = parse(ctx, "rollout", COMMAND.usage, FLAGS, args)? else {
            return Ok(());
        };
        return Err(super::usage_error(
            "rollout",
            "a subcommand is required: history, pause, restart, resume, status or undo",
        ));
    };
    if !SUBCOMMANDS.contains(&sub.as_str()) {
        return Err(super::not_supported(&format!("rollout {sub}")));
    }
    let path = format!("rollout {sub}");
    let Some(flags) = parse(ctx, &path, COMMAND.usage, FLAGS, &args[1..])? else { return Ok(()) };
    if flags.positional.is_empty() {
        return Err(super::get::required_resource(&path));
    }
    let targets = parse_targets(&flags.positional).map_err(error)?;
    if targets.names.is_empty() {
        return Err(error("resource(s) were provided, but no name was specified"));
    }
    let ns = ctx.namespace(&flags);
    let mut failed = Vec::new();
    for (r, name) in &targets.names {
        if *r != Resource::Deployments {
            failed.push(error(format!(
                "no rollout for {} in this simulator: rollouts are simulated for deployments",
                r.plural()
            )));
            continue;
        }
        let result = match sub.as_str() {
            "status" => status(ctx, &ns, name),
            "history" => history(ctx, &ns, name, flags.int("revision").unwrap_or(0)),
            "undo" => simple(
                ctx,
                Action::RolloutUndo {
                    namespace: ns.clone(),
                    deployment: name.clone(),
                    to_revision: flags.int("to-revision").filter(|r| *r != 0),
                },
            ),
            "restart" => simple(
                ctx,
                Action::RolloutRestart { namespace: ns.clone(), deployment: name.clone() },
            ),
            _ => pause(ctx, &ns, name, sub == "pause"),
        };
        if let Err(e) = result {
            failed.push(e);
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(failed.join("\n")) }
}

fn deployment<'a>(ctx: &'a Ctx<'_>, ns: &str, name: &str) -> Result<&'a Deployment, Failure> {
    ctx.sim
        .store()
        .deployment(ns, name)
        .ok_or_else(|| objects::not_found(Resource::Deployments, name))
}

fn simple(ctx: &mut Ctx<'_>, action: Action) -> CmdResult {
    let out = ctx.apply(action).map_err(|e| e.to_string())?;
    ctx.print(&out.message);
    Ok(())
}

/// `DeploymentStatusViewer.Status`: the line kubectl prints while watching.
pub(crate) fn status_line(d: &Deployment) -> Result<(String, bool), Failure> {
    let name = &d.metadata.name;
    let st = &d.status;
    if d.metadata.generation > st.observed_generation {
        return Ok(("Waiting for deployment spec update to be observed...".into(), false));
    }
    let timed_out = st
        .conditions
        .iter()
        .any(|c| c.type_ == "Progressing" && c.reason == "ProgressDeadlineExceeded");
    if timed_out {
        return Err(error(format!("deployment \"{name}\" exceeded its progress deadline")));
    }
    if st.updated_replicas < d.spec.replicas {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} out of {} new replicas have been updated...",
                st.updated_replicas, d.spec.replicas
            ),
            false,
        ));
    }
    if st.replicas > st.updated_replicas {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...",
                st.replicas - st.updated_replicas
            ),
            false,
        ));
    }
    if st.available_replicas < st.updated_replicas {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} of {} updated replicas are available...",
                st.available_replicas, st.updated_replicas
            ),
            false,
        ));
    }
    Ok((format!("deployment \"{name}\" successfully rolled out"), true))
}

fn status(ctx: &mut Ctx<'_>, ns: &str, name: &str) -> CmdResult {
    let (line, done) = status_line(deployment(ctx, ns, name)?)?;
    ctx.print(&line);
    if !done {
        ctx.eprint("(simulated: kubectl would keep watching; advance the clock and run rollout status again)");
    }
    Ok(())
}

fn history(ctx: &mut Ctx<'_>, ns: &str, name: &str, wanted: i64) -> CmdResult {
    let d = deployment(ctx, ns, name)?;
    let store = ctx.sim.store();
    let mut revisions: Vec<(i64, &sim_core::model::ReplicaSet)> = store
        .replica_sets_owned_by(d.metadata.uid)
        .map(|rs| (revision(rs), rs))
        .filter(|(r, _)| *r > 0)
        .collect();
    revisions.sort_by_key(|(r, _)| *r);
    let text = if revisions.is_empty() {
        "No rollout history found.".to_owned()
    } else if wanted > 0 {
        let Some((_, rs)) = revisions.iter().find(|(r, _)| *r == wanted) else {
            return Err(error("unable to find the specified revision"));
        };
        describe_pod_template(&rs.spec.template)
    } else {
        let mut t = String::from("REVISION\tCHANGE-CAUSE\n");
        for (r, rs) in &revisions {
            let cause =
                rs.metadata.annotations.get("kubernetes.io/change-cause").unwrap_or("<none>");
            t.push_str(&format!("{r}\t{cause}\n"));
        }
        tabwriter::align(&t, 0, 2)
    };
    // kubectl's name printer: `kind/name OPERATION`, where the operation is the revision
    // heading (empty without --revision, hence the trailing space) and the history.
    let heading = if wanted > 0 { format!("with revision #{wanted}") } else { String::new() };
    ctx.print_raw(&format!("deployment.apps/{name} {heading}\n{text}\n"));
    Ok(())
}

fn pause(ctx: &mut Ctx<'_>, ns: &str, name: &str, paused: bool) -> CmdResult {
    let d = deployment(ctx, ns, name)?;
    if d.spec.paused == paused {
        let state = if paused { "is already paused" } else { "is not paused" };
        return Err(format!("error: deployments.apps \"{name}\" {state}"));
    }
    simple(
        ctx,
        Action::RolloutPause { namespace: ns.to_owned(), deployment: name.to_owned(), paused },
    )
}
