//! `kubectl taint nodes NODE… KEY[=VALUE]:EFFECT… [KEY[:EFFECT]-…] [--overwrite]`, with
//! kubectl's parsing, validation and result words (`tainted`, `untainted`, `modified`).

use super::{Command, parse};
use crate::{
    context::{CmdResult, Ctx, Failure, error},
    flags::{Kind, Spec, long},
    resource::{Resource, parse_targets},
    validation::{label_value_errors, qualified_name_errors},
};
use sim_core::{
    cluster::Action,
    model::{Taint, TaintEffect},
};

const FLAGS: &[Spec] = &[long("overwrite", Kind::Bool)];

pub(crate) const COMMAND: Command = Command {
    name: "taint",
    summary: "Update the taints on one or more nodes",
    usage: "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N",
    flags: FLAGS,
    run,
};

/// A taint to add, or a key (and maybe effect) to remove.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Change {
    key: String,
    value: String,
    effect: Option<TaintEffect>,
}

fn spelled(key: &str, value: &str, effect: Option<TaintEffect>) -> String {
    let mut s = key.to_owned();
    if !value.is_empty() {
        s.push('=');
        s.push_str(value);
    }
    if let Some(e) = effect {
        s.push(':');
        s.push_str(e.as_str());
    }
    s
}

fn parse_effect(s: &str) -> Result<TaintEffect, Failure> {
    match s {
        "NoSchedule" => Ok(TaintEffect::NoSchedule),
        "PreferNoSchedule" => Ok(TaintEffect::PreferNoSchedule),
        "NoExecute" => Ok(TaintEffect::NoExecute),
        _ => Err(error(format!("invalid taint effect: {s}, unsupported taint effect"))),
    }
}

/// `parseTaint`: `key=value:Effect`, `key:Effect` or `key`.
fn parse_taint(spec: &str) -> Result<Change, Failure> {
    let invalid = |extra: Option<String>| match extra {
        Some(why) => error(format!("invalid taint spec: {spec}, {why}")),
        None => error(format!("invalid taint spec: {spec}")),
    };
    let parts: Vec<&str> = spec.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => (*key, "", None),
        [kv, effect] => {
            let effect = parse_effect(effect)?;
            let kv: Vec<&str> = kv.split('=').collect();
            match kv.as_slice() {
                [key] => (*key, "", Some(effect)),
                [key, value] => {
                    let errs = label_value_errors(value);
                    if !errs.is_empty() {
                        return Err(invalid(Some(errs.join("; "))));
                    }
                    (*key, *value, Some(effect))
                }
                _ => return Err(invalid(None)),
            }
        }
        _ => return Err(invalid(None)),
    };
    let errs = qualified_name_errors(key);
    if !errs.is_empty() {
        return Err(invalid(Some(errs.join("; "))));
    }
    Ok(Change { key: key.to_owned(), value: value.to_owned(), effect })
}

/// Splits the arguments into resources and taint changes (`parseTaints`).
/// Resource arguments, taints to add, taints to remove.
type TaintArgs = (Vec<String>, Vec<Change>, Vec<Change>);

fn split_args(args: &[String]) -> Result<TaintArgs, Failure> {
    let is_spec = |a: &str| a.contains('=') || a.contains(':') || a.ends_with('-');
    let mut resources = Vec::new();
    let mut add: Vec<Change> = Vec::new();
    let mut remove = Vec::new();
    for a in args {
        if !is_spec(a) || (resources.is_empty() && a.contains('/') && !a.contains(':')) {
            if !add.is_empty() || !remove.is_empty() {
                return Err(error(format!(
                    "all resources must be specified before taint changes: {a}"
                )));
            }
            resources.push(a.clone());
            continue;
        }
        if let Some(r) = a.strip_suffix('-') {
            remove.push(parse_taint(r)?);
        } else {
            let t = parse_taint(a)?;
            if t.effect.is_none() {
                return Err(error(format!("invalid taint spec: {a}")));
            }
            if add.iter().any(|x| x.key == t.key && x.effect == t.effect) {
                return Err(error(format!("duplicated taints with the same key and effect: {a}")));
            }
            add.push(t);
        }
    }
    Ok((resources, add, remove))
}

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "taint", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    let (resources, add, remove) = split_args(&flags.positional)?;
    if resources.len() < 2 && !resources.first().is_some_and(|r| r.contains('/')) {
        return Err(super::usage_error(
            "taint",
            "one or more resources must be specified as <resource> <name>",
        ));
    }
    if add.is_empty() && remove.is_empty() {
        return Err(super::usage_error("taint", "at least one taint update is required"));
    }
    let conflicts: Vec<String> = add
        .iter()
        .filter(|a| {
            remove.iter().any(|r| r.key == a.key && r.effect.is_none_or(|e| Some(e) == a.effect))
        })
        .map(|a| spelled(&a.key, "", a.effect))
        .collect();
    if !conflicts.is_empty() {
        return Err(error(format!(
            "can not both modify and remove the following taint(s) in the same command: {}",
            conflicts.join(", ")
        )));
    }
    let targets = parse_targets(&resources).map_err(error)?;
    let mut failed = Vec::new();
    for (r, node) in &targets.names {
        if *r != Resource::Nodes {
            failed.push(error(format!(
                "invalid resource type {}, only node types are supported",
                r.plural()
            )));
            continue;
        }
        match taint_node(ctx, node, &add, &remove, flags.bool("overwrite")) {
            Ok(word) => ctx.print(&format!("node/{node} {word}")),
            Err(e) => failed.push(e),
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(failed.join("\n")) }
}

/// Checks the changes against the node (`updateTaints`), applies them, returns the word.
fn taint_node(
    ctx: &mut Ctx<'_>,
    node: &str,
    add: &[Change],
    remove: &[Change],
    overwrite: bool,
) -> Result<&'static str, Failure> {
    let Some(n) = ctx.sim.store().node(node) else {
        return Err(super::objects::not_found(Resource::Nodes, node));
    };
    let current: Vec<Taint> = n.spec.taints.clone();
    let same = |t: &Taint, c: &Change| t.key == c.key && Some(t.effect) == c.effect;
    if !overwrite {
        let exists: Vec<&str> = add
            .iter()
            .filter(|c| current.iter().any(|t| same(t, c)))
            .map(|c| c.key.as_str())
            .collect();
        if !exists.is_empty() {
            return Err(error(format!(
                "node {node} already has {} taint(s) with same effect(s) and --overwrite is false",
                exists.join(",")
            )));
        }
    }
    let missing: Vec<String> = remove
        .iter()
        .filter(|c| {
            !current.iter().any(|t| t.key == c.key && c.effect.is_none_or(|e| e == t.effect))
        })
        .map(|c| format!("taint {:?} not found", spelled(&c.key, "", c.effect)))
        .collect();
    if !missing.is_empty() {
        return Err(error(missing.join(", ")));
    }
    let added = add.iter().any(|c| !current.iter().any(|t| same(t, c)));
    for c in add {
        let Some(effect) = c.effect else { continue };
        let taint = Taint { value: c.value.clone(), ..Taint::new(&c.key, effect) };
        ctx.apply(Action::Taint { node: node.to_owned(), taint }).map_err(|e| e.to_string())?;
    }
    for c in remove {
        let action =
            Action::Untaint { node: node.to_owned(), key: c.key.clone(), effect: c.effect };
        ctx.apply(action).map_err(|e| e.to_string())?;
    }
    Ok(match (added, !remove.is_empty()) {
        (true, true) => "modified",
        _ if overwrite => "modified",
        (true, false) => "tainted",
        _ => "untainted",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taint_specs() {
        let t = parse_taint("dedicated=infra:NoSchedule").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (t.key.as_str(), t.value.as_str(), t.effect),
            ("dedicated", "infra", Some(TaintEffect::NoSchedule))
        );
        assert_eq!(
            parse_taint("gpu:NoExecute").map(|t| t.effect),
            Ok(Some(TaintEffect::NoExecute))
        );
        assert_eq!(
            parse_taint("k:Sometimes"),
            Err("error: invalid taint effect: Sometimes, unsupported taint effect".into())
        );
        assert_eq!(
            parse_taint("a=b=c:NoSchedule"),
            Err("error: invalid taint spec: a=b=c:NoSchedule".into())
        );
        assert!(parse_taint("bad key:NoSchedule").is_err());
    }
}
