//! `kubectl set image (deployment/NAME | deployment NAME) CONTAINER=IMAGE… [*=IMAGE]`.

use super::{Command, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    resource::{Resource, parse_targets},
};
use sim_core::cluster::Action;

pub(crate) const COMMAND: Command = Command {
    name: "set",
    summary: "Set specific features on objects (here: set image)",
    usage: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N",
    flags: &[],
    run,
};

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    match args.first().map(String::as_str) {
        Some("image") => image(ctx, &args[1..]),
        Some("-h" | "--help") | None => {
            ctx.print("Configure application resources.\n\nAvailable Commands (simulated):\n  image   Update the image of a pod template");
            Ok(())
        }
        Some(other) => Err(super::not_supported(&format!("set {other}"))),
    }
}

fn image(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let path = "set image";
    let Some(flags) = parse(ctx, path, COMMAND.usage, &[], args)? else { return Ok(()) };
    let (pairs, resources): (Vec<&String>, Vec<&String>) =
        flags.positional.iter().partition(|a| a.contains('='));
    if pairs.is_empty() {
        return Err(error("at least one image update is required"));
    }
    let resources: Vec<String> = resources.into_iter().cloned().collect();
    let targets = parse_targets(&resources).map_err(error)?;
    if targets.names.is_empty() {
        return Err(error(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    let ns = ctx.namespace(&flags);
    let mut failed = Vec::new();
    for (r, name) in &targets.names {
        if *r != Resource::Deployments {
            failed.push(error(format!(
                "setting images on {} is not supported by this simulator (set image works on deployments)",
                r.plural()
            )));
            continue;
        }
        match set_images(ctx, &ns, name, &pairs) {
            Ok(()) => ctx.print(&format!("deployment.apps/{name} image updated")),
            Err(e) => failed.push(e),
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(failed.join("\n")) }
}

fn set_images(ctx: &mut Ctx<'_>, ns: &str, name: &str, pairs: &[&String]) -> CmdResult {
    let Some(d) = ctx.sim.store().deployment(ns, name) else {
        return Err(super::objects::not_found(Resource::Deployments, name));
    };
    let containers: Vec<String> =
        d.spec.template.spec.containers.iter().map(|c| c.name.clone()).collect();
    let mut updates = Vec::new();
    for pair in pairs {
        let Some((container, image)) = pair.split_once('=') else { continue };
        if image.is_empty() {
            return Err(error(format!("invalid image value: {pair:?}")));
        }
        if container == "*" {
            updates.extend(containers.iter().map(|c| (c.clone(), image.to_owned())));
        } else {
            updates.push((container.to_owned(), image.to_owned()));
        }
    }
    for (container, image) in updates {
        let action = Action::SetImage {
            namespace: ns.to_owned(),
            deployment: name.to_owned(),
            container,
            image,
        };
        ctx.apply(action).map_err(|e| e.to_string())?;
    }
    Ok(())
}
