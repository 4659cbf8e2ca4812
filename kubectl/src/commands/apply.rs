//! `kubectl apply -f editor` (and `create -f editor`): the playground editor's manifests through
//! sim-core's strict parser, then to the API one object at a time.
//!
//! `-f editor` and `-f -` read [`crate::Session::editor`] (the editor plays stdin); any other
//! path does not exist in the playground. A YAML syntax error rejects the whole input, as
//! kubectl does when it cannot read the file; a field error rejects only its document, as the
//! API server does, and the other objects are still applied.

use super::{Command, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    flags::{Kind, Spec, short},
};
use sim_core::{
    cluster::{Action, ApiObject},
    manifest::{Diagnostic, Manifest, Object, parse_manifests},
};

const FLAGS: &[Spec] = &[short("filename", 'f', Kind::List)];

pub(crate) const COMMAND: Command = Command {
    name: "apply",
    summary: "Apply a configuration to a resource by file name or stdin (here: the editor)",
    usage: "kubectl apply -f editor",
    flags: FLAGS,
    run,
};

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "apply", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    if !flags.positional.is_empty() {
        return Err(super::usage_error(
            "apply",
            &format!("Unexpected args: {:?}", flags.positional),
        ));
    }
    let files = flags.list("filename");
    if files.is_empty() {
        return Err(super::usage_error("apply", "must specify one of -f and -k"));
    }
    let explicit_ns = flags.string("namespace").map(str::to_owned);
    for f in &files {
        from_editor(ctx, f, explicit_ns.as_deref(), &flags, Mode::Apply)?;
    }
    Ok(())
}

/// Apply or create.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Apply,
    Create,
}

/// The editor's name in messages: kubectl calls stdin `STDIN`.
fn source_name(file: &str) -> &str {
    if file == "-" { "STDIN" } else { file }
}

/// Reads `file` (`editor` or `-`) and applies or creates every object in it.
pub(crate) fn from_editor(
    ctx: &mut Ctx<'_>,
    file: &str,
    explicit_ns: Option<&str>,
    flags: &crate::flags::Parsed,
    mode: Mode,
) -> CmdResult {
    if file != "editor" && file != "-" {
        return Err(error(format!(
            "the path \"{file}\" does not exist (this console reads manifests from the playground editor: use -f editor)"
        )));
    }
    let name = source_name(file);
    let text = ctx.session.editor.clone();
    if text.trim().is_empty() {
        return Err(error(format!(
            "no objects passed to {}",
            if mode == Mode::Apply { "apply" } else { "create" }
        )));
    }
    let parsed = parse_manifests(&text);
    let syntax: Vec<&Diagnostic> =
        parsed.errors().filter(|d| d.message.starts_with("YAML syntax error")).collect();
    if let Some(d) = syntax.first() {
        return Err(error(format!("error parsing {name}: {d}")));
    }
    for w in parsed.warnings() {
        ctx.eprint(&format!("Warning: {name}: line {}: {}", w.line, w.message));
    }
    let ns = ctx.namespace(flags);
    let mut failed = false;
    // Objects and errors in reading order, so output follows the file.
    let mut items: Vec<(u32, Result<&Manifest, &Diagnostic>)> =
        parsed.manifests.iter().map(|m| (m.line, Ok(m))).collect();
    items.extend(parsed.errors().map(|d| (d.line, Err(d))));
    items.sort_by_key(|(line, _)| *line);
    for (_, item) in items {
        match item {
            Err(d) => {
                ctx.eprint(&format!("error: error validating \"{name}\": {d}"));
                failed = true;
            }
            Ok(m) => {
                if let Err(e) = one(ctx, m, name, &ns, explicit_ns, mode) {
                    ctx.eprint(&e);
                    failed = true;
                }
            }
        }
    }
    if failed { Err(String::new()) } else { Ok(()) }
}

fn one(
    ctx: &mut Ctx<'_>,
    m: &Manifest,
    source: &str,
    ns: &str,
    explicit_ns: Option<&str>,
    mode: Mode,
) -> CmdResult {
    let mut m = m.clone();
    let declared = match &m.object {
        Object::Pod(o) => Some(o.metadata.namespace.clone()),
        Object::Deployment(o) => Some(o.metadata.namespace.clone()),
        Object::ReplicaSet(o) => Some(o.metadata.namespace.clone()),
        Object::Service(o) => Some(o.metadata.namespace.clone()),
        Object::Node(_) | Object::SchedulerConfiguration(_) => None,
    };
    if let (Some(declared), Some(asked)) = (&declared, explicit_ns)
        && !declared.is_empty()
        && declared != asked
    {
        return Err(error(format!(
            "the namespace from the provided object \"{declared}\" does not match the namespace \"{asked}\". You must pass '--namespace={declared}' to perform this operation."
        )));
    }
    m.fill_namespace(ns);
    let object = match m.object {
        Object::Pod(o) => ApiObject::Pod(o),
        Object::Deployment(o) => ApiObject::Deployment(o),
        Object::ReplicaSet(o) => ApiObject::ReplicaSet(o),
        Object::Service(o) => ApiObject::Service(o),
        Object::Node(o) => ApiObject::Node(o),
        Object::SchedulerConfiguration(_) => {
            return Err(error(format!(
                "resource mapping not found for name: \"\" namespace: \"\" from \"{source}\": no matches for kind \"KubeSchedulerConfiguration\" in version \"kubescheduler.config.k8s.io/v1\"\nensure CRDs are installed first"
            )));
        }
    };
    let action = if mode == Mode::Apply { Action::Apply(object) } else { Action::Create(object) };
    match ctx.apply(action) {
        Ok(out) => {
            ctx.print(&out.message);
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    }
}
