//! Command dispatch: the `kubectl` prefix, the command word, per-command flags with pflag's
//! errors, `--help`, and the not-supported answer.

mod apply;
mod config;
mod create;
mod debug;
mod delete;
mod describe;
mod expose;
mod get;
mod help;
mod label;
mod logs;
mod nodes;
pub(crate) mod objects;
mod rollout;
mod scale;
mod set;
mod taint;
mod top;

pub(crate) use describe::node_ready;
pub(crate) use rollout::subcommands as rollout_subcommands;

use crate::{
    SUPPORTED,
    context::{CmdResult, Ctx, Failure, error},
    flags::{self, Kind, Parsed, Spec},
};

/// One command: its name, usage line, a summary, its flags and its entry point.
pub(crate) struct Command {
    /// The word after `kubectl`.
    pub(crate) name: &'static str,
    /// One line of what it does.
    pub(crate) summary: &'static str,
    /// `kubectl get [flags] TYPE [NAME]…`.
    pub(crate) usage: &'static str,
    /// Flags besides the global ones.
    pub(crate) flags: &'static [Spec],
    /// Runs it on the arguments after the command word.
    pub(crate) run: fn(&mut Ctx<'_>, &[String]) -> CmdResult,
}

/// Flags every command accepts.
pub(crate) const GLOBAL: &[Spec] =
    &[flags::short("namespace", 'n', Kind::Str), flags::short("help", 'h', Kind::Bool)];

/// Every command, in [`SUPPORTED`] order.
pub(crate) fn all() -> [&'static Command; 21] {
    [
        &get::COMMAND,
        &describe::COMMAND,
        &apply::COMMAND,
        &create::COMMAND,
        &delete::COMMAND,
        &scale::COMMAND,
        &set::COMMAND,
        &rollout::COMMAND,
        &expose::COMMAND,
        &label::COMMAND,
        &taint::COMMAND,
        &nodes::CORDON,
        &nodes::UNCORDON,
        &nodes::DRAIN,
        &logs::COMMAND,
        &debug::COMMAND,
        &top::COMMAND,
        &config::API_RESOURCES,
        &config::COMMAND,
        &config::VERSION,
        &help::COMMAND,
    ]
}

/// Looks a command up by name.
pub(crate) fn find(name: &str) -> Option<&'static Command> {
    all().into_iter().find(|c| c.name == name)
}

/// Real kubectl commands the simulator does not implement.
const REAL_COMMANDS: &[&str] = &[
    "annotate",
    "attach",
    "auth",
    "autoscale",
    "certificate",
    "cluster-info",
    "completion",
    "cp",
    "diff",
    "edit",
    "events",
    "exec",
    "explain",
    "kustomize",
    "patch",
    "plugin",
    "port-forward",
    "proxy",
    "replace",
    "run",
    "wait",
    "alpha",
    "api-versions",
    "options",
];

/// Runs a tokenized command line.
pub(crate) fn run(ctx: &mut Ctx<'_>, words: &[String]) -> CmdResult {
    let before = words.len();
    let words = match words.first().map(String::as_str) {
        Some("kubectl" | "k") => &words[1..],
        _ => words,
    };
    let Some(name) = words.first() else {
        // A bare `kubectl` prints help, as kubectl does; an empty line prints nothing.
        return if words.len() == before { Ok(()) } else { (help::COMMAND.run)(ctx, &[]) };
    };
    if name.starts_with('-') {
        return top_level_flag(ctx, words);
    }
    match find(name) {
        Some(cmd) => (cmd.run)(ctx, &words[1..]),
        None => Err(not_supported(name)),
    }
}

/// `kubectl --help`, `kubectl -n x get …` (global flags before the command).
fn top_level_flag(ctx: &mut Ctx<'_>, words: &[String]) -> CmdResult {
    // Global flags may precede the command: move them after it.
    let mut i = 0;
    let mut leading = Vec::new();
    while let Some(w) = words.get(i) {
        if !w.starts_with('-') {
            break;
        }
        leading.push(w.clone());
        i += 1;
        let takes_value = matches!(w.as_str(), "-n" | "--namespace");
        if takes_value && let Some(v) = words.get(i) {
            leading.push(v.clone());
            i += 1;
        }
    }
    match words.get(i) {
        None => {
            let parsed = flags::parse(&leading, GLOBAL).map_err(|e| flag_error("", &e))?;
            if parsed.bool("help") {
                return (help::COMMAND.run)(ctx, &[]);
            }
            Err(error("a command is required (try \"kubectl help\")"))
        }
        Some(name) => {
            let mut rest: Vec<String> = vec![name.clone()];
            rest.extend(words[i + 1..].iter().cloned());
            rest.extend(leading);
            run(ctx, &rest)
        }
    }
}

/// The answer for a command the console does not run.
pub(crate) fn not_supported(name: &str) -> Failure {
    let list = SUPPORTED.join(", ");
    let mut msg =
        format!("error: \"kubectl {name}\" is not supported by this simulator (supported: {list})");
    if !REAL_COMMANDS.contains(&name)
        && let Some(near) = SUPPORTED.iter().find(|s| edit_distance(s, name) <= 2)
    {
        msg.push_str(&format!("\n\nDid you mean this?\n\t{near}"));
    }
    msg
}

/// Levenshtein distance, for "Did you mean this?" (bounded by short command names).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if b.len() > 32 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// pflag's error followed by kubectl's hint.
pub(crate) fn flag_error(path: &str, e: &flags::FlagError) -> Failure {
    let cmd = if path.is_empty() { "kubectl".to_owned() } else { format!("kubectl {path}") };
    format!("error: {e}\nSee '{cmd} --help' for usage.")
}

/// Parses a command's flags (plus the global ones). `Ok(None)` means `--help` was printed.
pub(crate) fn parse(
    ctx: &mut Ctx<'_>,
    path: &str,
    usage: &str,
    specs: &[Spec],
    args: &[String],
) -> Result<Option<Parsed>, Failure> {
    let mut all: Vec<Spec> = specs.to_vec();
    all.extend_from_slice(GLOBAL);
    let parsed = flags::parse(args, &all).map_err(|e| flag_error(path, &e))?;
    if parsed.bool("help") {
        ctx.print(&help::usage_text(path, usage, specs));
        return Ok(None);
    }
    Ok(Some(parsed))
}

/// `error: {msg}` plus kubectl's usage hint.
pub(crate) fn usage_error(path: &str, msg: &str) -> Failure {
    format!("error: {msg}\nSee 'kubectl {path} -h' for help and examples")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_supported_command_has_an_entry() {
        let names: Vec<&str> = all().iter().map(|c| c.name).collect();
        assert_eq!(names, SUPPORTED);
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("get", "gte"), 2);
        assert_eq!(edit_distance("describe", "describ"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
