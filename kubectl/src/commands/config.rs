//! `kubectl version`, `kubectl api-resources` and `kubectl config` (view, current-context,
//! get-contexts, use-context, set-context --current --namespace=NS): the playground has one
//! context, `playground`, whose namespace is [`crate::Session::namespace`].

use super::{Command, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    flags::{Kind, Spec, long},
    resource::ALL,
};
use sim_core::printers::table::Table;

/// The one context (and cluster) of the playground.
const CONTEXT: &str = "playground";
/// The kubectl version the console mimics (the simulated kubelets report the same).
const CLIENT_VERSION: &str = "v1.34.1";

pub(crate) const VERSION: Command = Command {
    name: "version",
    summary: "Print the client and server version information",
    usage: "kubectl version [--client]",
    flags: &[long("client", Kind::Bool)],
    run: version,
};

pub(crate) const API_RESOURCES: Command = Command {
    name: "api-resources",
    summary: "Print the supported API resources on the server",
    usage: "kubectl api-resources",
    flags: &[],
    run: api_resources,
};

const CONFIG_FLAGS: &[Spec] = &[long("current", Kind::Bool), long("minify", Kind::Bool)];

pub(crate) const COMMAND: Command = Command {
    name: "config",
    summary: "Show the kubeconfig and switch the current namespace",
    usage: "kubectl config (view | current-context | get-contexts | use-context playground | set-context --current --namespace=NAMESPACE)",
    flags: CONFIG_FLAGS,
    run: config,
};

fn version(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "version", VERSION.usage, VERSION.flags, args)? else {
        return Ok(());
    };
    ctx.print(&format!("Client Version: {CLIENT_VERSION}"));
    if !flags.bool("client") {
        let server = ctx
            .sim
            .store()
            .nodes()
            .map(|n| n.status.node_info.kubelet_version.clone())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| CLIENT_VERSION.to_owned());
        ctx.print(&format!("Server Version: {server}"));
    }
    Ok(())
}

fn api_resources(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(_flags) = parse(ctx, "api-resources", API_RESOURCES.usage, &[], args)? else {
        return Ok(());
    };
    let mut t = Table::new(&["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]);
    for r in ALL {
        t.rows.push(vec![
            r.plural().to_owned(),
            r.short_names().join(","),
            r.api_version(),
            r.namespaced().to_string(),
            r.kind().to_owned(),
        ]);
    }
    ctx.print_raw(&t.render());
    ctx.eprint("(the resource types this simulator serves; real clusters have many more)");
    Ok(())
}

fn config(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "config", COMMAND.usage, CONFIG_FLAGS, args)? else {
        return Ok(());
    };
    let ns = ctx.session.namespace.clone();
    match flags.positional.first().map(String::as_str) {
        Some("view") => {
            ctx.print_raw(&format!(
                "apiVersion: v1\nclusters:\n- cluster:\n    server: https://{CONTEXT}.kubesim.invalid:6443\n  name: {CONTEXT}\ncontexts:\n- context:\n    cluster: {CONTEXT}\n    namespace: {ns}\n    user: reader\n  name: {CONTEXT}\ncurrent-context: {CONTEXT}\nkind: Config\npreferences: {{}}\nusers:\n- name: reader\n  user: {{}}\n"
            ));
            Ok(())
        }
        Some("current-context") => {
            ctx.print(CONTEXT);
            Ok(())
        }
        Some("get-contexts") => {
            let mut t = Table::new(&["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]);
            t.rows.push(vec!["*".into(), CONTEXT.into(), CONTEXT.into(), "reader".into(), ns]);
            ctx.print_raw(&t.render());
            Ok(())
        }
        Some("use-context") => match flags.positional.get(1).map(String::as_str) {
            Some(CONTEXT) => {
                ctx.print(&format!("Switched to context \"{CONTEXT}\"."));
                Ok(())
            }
            Some(other) => Err(error(format!("no context exists with the name: \"{other}\""))),
            None => Err(super::usage_error("config use-context", "Unexpected args: []")),
        },
        Some("set-context") => set_context(ctx, &flags),
        Some(other) => Err(super::not_supported(&format!("config {other}"))),
        None => Err(super::usage_error(
            "config",
            "a subcommand is required: view, current-context, get-contexts, use-context or set-context",
        )),
    }
}

fn set_context(ctx: &mut Ctx<'_>, flags: &crate::flags::Parsed) -> CmdResult {
    let named = flags.positional.get(1);
    if named.is_some() == flags.bool("current") {
        return Err(error("you must specify a non-empty context name or --current"));
    }
    if let Some(n) = named.filter(|n| n.as_str() != CONTEXT) {
        return Err(error(format!(
            "this simulator has one context, \"{CONTEXT}\" (cannot create context \"{n}\")"
        )));
    }
    if let Some(ns) = flags.string("namespace") {
        ctx.session.namespace = if ns.is_empty() { "default".into() } else { ns.to_owned() };
    }
    ctx.print(&format!("Context \"{CONTEXT}\" modified."));
    Ok(())
}
