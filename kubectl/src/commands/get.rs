//! `kubectl get`: tables (`-o wide`, `--show-labels`, `-L`, `--no-headers`), `-o yaml|json|name`,
//! `-l`, `-n`, `-A`, several types (`pods,svc`, `all`) and `type/name` arguments.

use super::{Command, objects, objects::Obj, parse, usage_error};
use crate::{
    context::{CmdResult, Ctx, Failure, error},
    flags::{Kind, Spec, long, short},
    resource::{Resource, parse_targets},
    selector::Selector,
};
use sim_core::{
    manifest::{Value, to_json, to_yaml},
    printers::{labels::format_labels, table::Table},
};

const FLAGS: &[Spec] = &[
    short("all-namespaces", 'A', Kind::Bool),
    short("selector", 'l', Kind::Str),
    short("output", 'o', Kind::Str),
    long("show-labels", Kind::Bool),
    short("label-columns", 'L', Kind::List),
    short("watch", 'w', Kind::Bool),
    long("no-headers", Kind::Bool),
    long("ignore-not-found", Kind::Bool),
    long("show-kind", Kind::Bool),
];

pub(crate) const COMMAND: Command = Command {
    name: "get",
    summary: "Display one or many resources",
    usage: "kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]",
    flags: FLAGS,
    run,
};

const NO_TYPE: &str = "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples";

/// How objects are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Table { wide: bool },
    Yaml,
    Json,
    Name,
}

/// `-o`: the formats the simulator prints, or kubectl's error.
pub(crate) fn output_format(o: Option<&str>) -> Result<Format, Failure> {
    match o {
        None | Some("") => Ok(Format::Table { wide: false }),
        Some("wide") => Ok(Format::Table { wide: true }),
        Some("yaml") => Ok(Format::Yaml),
        Some("json") => Ok(Format::Json),
        Some("name") => Ok(Format::Name),
        Some(other) => Err(error(format!(
            "unable to match a printer suitable for the output format {other:?}, allowed formats are: json,name,wide,yaml"
        ))),
    }
}

/// `-l`: a parsed selector (empty when absent).
pub(crate) fn selector(flag: Option<&str>) -> Result<Selector, Failure> {
    flag.map_or(Ok(Selector::default()), |s| Selector::parse(s).map_err(error))
}

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "get", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    if flags.bool("watch") {
        return Err(error(
            "--watch is not supported by this simulator console: advance the clock and run the command again, or follow the playground's event list",
        ));
    }
    let format = output_format(flags.string("output"))?;
    if flags.positional.is_empty() {
        return Err(NO_TYPE.into());
    }
    let targets = parse_targets(&flags.positional).map_err(error)?;
    let sel = selector(flags.string("selector"))?;
    if !targets.names.is_empty() && !sel.is_empty() {
        return Err(error("name cannot be provided when a selector is specified"));
    }
    let all_ns = flags.bool("all-namespaces");
    if all_ns && !targets.names.is_empty() {
        return Err(error("a resource cannot be retrieved by name across all namespaces"));
    }
    let ns = ctx.namespace(&flags);
    let store = ctx.sim.store();
    let mut found: Vec<Obj<'_>> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    if targets.names.is_empty() {
        for r in &targets.types {
            let scope = (!all_ns).then_some(ns.as_str());
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
                None if flags.bool("ignore-not-found") => {}
                None => errors.push(objects::not_found(*r, name)),
            }
        }
    }
    let single = targets.names.len() == 1 && !targets.multiple_types;
    let view = View {
        format,
        all_ns,
        with_kind: targets.multiple_types || flags.bool("show-kind"),
        show_labels: flags.bool("show-labels"),
        label_columns: flags.list("label-columns"),
        headers: !flags.bool("no-headers"),
    };
    let now = ctx.sim.now();
    let nothing_named = found.is_empty() && !targets.names.is_empty();
    let text = if nothing_named { String::new() } else { view.render(&found, single, now) };
    let cluster_scoped = targets.types.iter().all(|r| !r.namespaced());
    let empty_message = (found.is_empty()
        && errors.is_empty()
        && view.format != Format::Yaml
        && view.format != Format::Json)
        .then(|| no_resources(all_ns || cluster_scoped, &ns));
    ctx.print_raw(&text);
    if let Some(m) = empty_message {
        ctx.eprint(&m);
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(errors.join("\n")),
    }
}

/// kubectl's message when nothing matched.
pub(crate) fn no_resources(cluster_wide: bool, ns: &str) -> String {
    if cluster_wide {
        "No resources found".into()
    } else {
        format!("No resources found in {ns} namespace.")
    }
}

/// How to lay out the objects found.
pub(crate) struct View {
    pub(crate) format: Format,
    pub(crate) all_ns: bool,
    pub(crate) with_kind: bool,
    pub(crate) show_labels: bool,
    pub(crate) label_columns: Vec<String>,
    pub(crate) headers: bool,
}

impl View {
    /// The text for `found` (`single`: one object asked for by name prints without a List).
    pub(crate) fn render(
        &self,
        found: &[Obj<'_>],
        single: bool,
        now: sim_core::time::SimTime,
    ) -> String {
        match self.format {
            Format::Name => found.iter().map(|o| format!("{}\n", o.slash_name())).collect(),
            Format::Yaml | Format::Json => {
                let value = match (single, found) {
                    (true, [one]) => one.wire(),
                    _ => Value::list(found.iter().map(Obj::wire).collect()),
                };
                if self.format == Format::Yaml { to_yaml(&value) } else { to_json(&value) }
            }
            Format::Table { wide } => self.tables(found, wide, now),
        }
    }

    /// One table per run of objects of the same type, separated by blank lines.
    fn tables(&self, found: &[Obj<'_>], wide: bool, now: sim_core::time::SimTime) -> String {
        let mut out = String::new();
        let mut start = 0;
        while start < found.len() {
            let r = found[start].resource();
            let end = found[start..]
                .iter()
                .position(|o| o.resource() != r)
                .map_or(found.len(), |i| start + i);
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&self.table(r, &found[start..end], wide, now).render_with(self.headers));
            start = end;
        }
        out
    }

    fn table(
        &self,
        r: Resource,
        objs: &[Obj<'_>],
        wide: bool,
        now: sim_core::time::SimTime,
    ) -> Table {
        let with_ns = self.all_ns && r.namespaced();
        let mut header: Vec<String> = Vec::new();
        if with_ns {
            header.push("NAMESPACE".into());
        }
        header.extend(objects::header(r, wide).into_iter().map(str::to_owned));
        for key in &self.label_columns {
            header.push(key.rsplit('/').next().unwrap_or(key).to_ascii_uppercase());
        }
        if self.show_labels {
            header.push("LABELS".into());
        }
        let rows = objs
            .iter()
            .map(|o| {
                let mut row = Vec::new();
                if with_ns {
                    row.push(o.meta().namespace.clone());
                }
                let mut cells = o.row(now, wide);
                if self.with_kind
                    && r != Resource::Events
                    && let Some(name) = cells.first_mut()
                {
                    *name = format!("{}/{}", r.kind_group(), name);
                }
                row.extend(cells);
                for key in &self.label_columns {
                    row.push(o.meta().labels.get(key).unwrap_or("").to_owned());
                }
                if self.show_labels {
                    row.push(format_labels(&o.meta().labels));
                }
                row
            })
            .collect();
        Table { header, rows }
    }
}

/// `error: Required resource not specified.` with kubectl's guidance.
pub(crate) fn required_resource(path: &str) -> Failure {
    usage_error(path, "Required resource not specified.")
}
