//! `kubectl debug POD -it --image=IMAGE [--target=CONTAINER] [-c NAME]`: kubectl's checks and
//! messages for adding an ephemeral debug container.
//!
//! Simplified: the simulator's API has no `ephemeralcontainers` subresource, so the debug
//! container is not added to the simulated pod and no shell starts; the console says so
//! after kubectl's own lines.

use super::{Command, objects, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    flags::{Kind, Spec, long, short},
    resource::{Resource, parse_targets},
};

const FLAGS: &[Spec] = &[
    short("stdin", 'i', Kind::Bool),
    short("tty", 't', Kind::Bool),
    long("image", Kind::Str),
    long("target", Kind::Str),
    short("container", 'c', Kind::Str),
    short("quiet", 'q', Kind::Bool),
];

pub(crate) const COMMAND: Command = Command {
    name: "debug",
    summary: "Create a debugging session for a pod (ephemeral container; the shell is simulated)",
    usage: "kubectl debug (POD | TYPE/NAME) -it --image=image [--target=CONTAINER] [-c NAME]",
    flags: FLAGS,
    run,
};

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "debug", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    let Some(target) = flags.positional.first() else {
        return Err(error("NAME or filename is required for debug"));
    };
    let image = flags.string("image").unwrap_or("");
    if image.is_empty() {
        return Err(error("you must specify --image when not using --copy-to."));
    }
    if flags.bool("tty") && !flags.bool("stdin") {
        return Err(error("-i/--stdin is required for containers with -t/--tty=true"));
    }
    let args: Vec<String> = if target.contains('/') {
        vec![target.clone()]
    } else {
        vec!["pods".into(), target.clone()]
    };
    let targets = parse_targets(&args).map_err(error)?;
    let Some((r, name)) = targets.names.first() else {
        return Err(error("NAME or filename is required for debug"));
    };
    if *r != Resource::Pods {
        return Err(error(format!(
            "debugging {} is not supported by this simulator (debug works on pods)",
            r.plural()
        )));
    }
    let ns = ctx.namespace(&flags);
    let Some(objects::Obj::Pod(pod)) = objects::get(ctx.sim.store(), *r, &ns, name) else {
        return Err(objects::not_found(*r, name));
    };
    let containers: Vec<String> = pod
        .spec
        .containers
        .iter()
        .chain(&pod.spec.init_containers)
        .map(|c| c.name.clone())
        .chain(pod.spec.ephemeral_containers.iter().map(|c| c.name.clone()))
        .collect();
    let target_container = flags.string("target").filter(|t| !t.is_empty()).map(str::to_owned);
    if let Some(t) = &target_container
        && !pod.spec.containers.iter().any(|c| &c.name == t)
    {
        return Err(format!(
            "The Pod \"{name}\" is invalid: spec.ephemeralContainers[{}].targetContainerName: Not found: {t:?}",
            pod.spec.ephemeral_containers.len()
        ));
    }
    let quiet = flags.bool("quiet");
    let mut lines = Vec::new();
    if let (Some(t), false) = (&target_container, quiet) {
        lines.push(format!("Targeting container \"{t}\". If you don't see processes from this container it may be because the container runtime doesn't support this feature."));
    }
    let debugger = match flags.string("container").filter(|c| !c.is_empty()) {
        Some(c) => c.to_owned(),
        None => {
            ctx.session.debug_count += 1;
            let mut n = ctx.session.debug_count;
            let mut cn = format!("debugger-{}", super::create::suffix(name, n));
            while containers.contains(&cn) {
                n += 1;
                cn = format!("debugger-{}", super::create::suffix(name, n));
            }
            if !quiet {
                lines.push(format!("Defaulting debug container name to {cn}."));
            }
            cn
        }
    };
    for l in lines {
        ctx.print(&l);
    }
    if flags.bool("stdin") && !quiet {
        ctx.eprint("If you don't see a command prompt, try pressing enter.");
    }
    ctx.eprint(&format!(
        "(simulated: ephemeral container {debugger} ({image}) is not added to the simulated pod and no interactive shell runs in this playground; in a real cluster you would now be in a shell inside {name}{})",
        target_container.map(|t| format!(", sharing {t}'s process namespace")).unwrap_or_default()
    ));
    Ok(())
}
