//! `kubectl label (TYPE NAME | TYPE/NAME) KEY=VALUE… [KEY-…] [--overwrite]` for pods, nodes,
//! Deployments, ReplicaSets and Services.

use super::{Command, objects, parse};
use crate::{
    context::{CmdResult, Ctx, Failure, error},
    flags::{Kind, Spec, long},
    resource::{Resource, parse_targets},
    validation::{label_value_errors, qualified_name_errors},
};
use sim_core::cluster::{Action, Kind as SimKind};

const FLAGS: &[Spec] = &[long("overwrite", Kind::Bool)];

pub(crate) const COMMAND: Command = Command {
    name: "label",
    summary: "Update the labels on a resource",
    usage: "kubectl label [--overwrite] (TYPE NAME | TYPE/NAME) KEY_1=VAL_1 ... KEY_N=VAL_N",
    flags: FLAGS,
    run,
};

fn sim_kind(r: Resource) -> Option<SimKind> {
    Some(match r {
        Resource::Pods => SimKind::Pod,
        Resource::Nodes => SimKind::Node,
        Resource::Deployments => SimKind::Deployment,
        Resource::ReplicaSets => SimKind::ReplicaSet,
        Resource::Services => SimKind::Service,
        _ => return None,
    })
}

/// `parseLabels`: additions and removals.
/// Labels to set and keys to remove.
type LabelChanges = (Vec<(String, String)>, Vec<String>);

fn parse_labels(specs: &[String]) -> Result<LabelChanges, Failure> {
    let mut add: Vec<(String, String)> = Vec::new();
    let mut remove = Vec::new();
    for spec in specs {
        if spec.contains('=') {
            let parts: Vec<&str> = spec.split('=').collect();
            let [k, v] = parts.as_slice() else {
                return Err(error(format!("invalid label spec: {spec}")));
            };
            let errs = label_value_errors(v);
            if !errs.is_empty() {
                return Err(error(format!("invalid label value: {spec:?}: {}", errs.join(";"))));
            }
            let key_errs = qualified_name_errors(k);
            if !key_errs.is_empty() {
                return Err(error(format!(
                    "metadata.labels: Invalid value: {k:?}: {}",
                    key_errs.join("; ")
                )));
            }
            add.retain(|(key, _)| key != k);
            add.push(((*k).to_owned(), (*v).to_owned()));
        } else if let Some(k) = spec.strip_suffix('-') {
            remove.push(k.to_owned());
        } else {
            return Err(error(format!("unknown label spec: {spec}")));
        }
    }
    if remove.iter().any(|r| add.iter().any(|(k, _)| k == r)) {
        return Err(error("can not both modify and remove a label in the same command"));
    }
    Ok((add, remove))
}

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "label", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    let (specs, resources): (Vec<String>, Vec<String>) = flags
        .positional
        .iter()
        .cloned()
        .partition(|a| a.contains('=') || (a.ends_with('-') && !a.contains('/')));
    // A bare name ending in '-' right after the type is a name, not a removal.
    if resources.is_empty() {
        return Err(error(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    if specs.is_empty() {
        return Err(error("at least one label update is required"));
    }
    let (add, remove) = parse_labels(&specs)?;
    let targets = parse_targets(&resources).map_err(error)?;
    if targets.names.is_empty() {
        return Err(error("resource(s) were provided, but no name was specified"));
    }
    let ns = ctx.namespace(&flags);
    let mut failed = Vec::new();
    for (r, name) in &targets.names {
        match label_one(ctx, *r, &ns, name, &add, &remove, flags.bool("overwrite")) {
            Ok(word) => ctx.print(&format!("{}/{name} {word}", r.kind_group())),
            Err(e) => failed.push(e),
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(failed.join("\n")) }
}

fn label_one(
    ctx: &mut Ctx<'_>,
    r: Resource,
    ns: &str,
    name: &str,
    add: &[(String, String)],
    remove: &[String],
    overwrite: bool,
) -> Result<&'static str, Failure> {
    let Some(kind) = sim_kind(r) else {
        return Err(error(format!(
            "labelling {} is not supported by this simulator (label works on pods, nodes, deployments, replicasets and services)",
            r.plural()
        )));
    };
    let Some(obj) = objects::get(ctx.sim.store(), r, ns, name) else {
        return Err(objects::not_found(r, name));
    };
    let labels = obj.meta().labels.clone();
    if !overwrite {
        let clashes: Vec<String> = add
            .iter()
            .filter_map(|(k, v)| match labels.get(k) {
                Some(cur) if cur != v => {
                    Some(format!("'{k}' already has a value ({cur}), and --overwrite is false"))
                }
                _ => None,
            })
            .collect();
        if !clashes.is_empty() {
            return Err(error(clashes.join(", ")));
        }
    }
    let added: Vec<&(String, String)> =
        add.iter().filter(|(k, v)| labels.get(k) != Some(v.as_str())).collect();
    let removed: Vec<&String> = remove.iter().filter(|k| labels.contains_key(k)).collect();
    let label = |key: &str, value: Option<String>| Action::Label {
        kind,
        namespace: ns.to_owned(),
        name: name.to_owned(),
        key: key.to_owned(),
        value,
    };
    for (k, v) in &added {
        ctx.apply(label(k, Some(v.clone()))).map_err(|e| e.to_string())?;
    }
    for k in &removed {
        ctx.apply(label(k, None)).map_err(|e| e.to_string())?;
    }
    Ok(match (added.is_empty(), removed.is_empty()) {
        (false, false) => "modified",
        (false, true) => "labeled",
        (true, false) => "unlabeled",
        (true, true) => "not labeled",
    })
}
