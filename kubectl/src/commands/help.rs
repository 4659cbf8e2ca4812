//! `kubectl help [COMMAND]` and `--help`: what the simulator supports, with usage lines and
//! flags.

use super::{Command, all, find};
use crate::{
    context::{CmdResult, Ctx},
    flags::{Kind, Spec},
};

pub(crate) const COMMAND: Command = Command {
    name: "help",
    summary: "Help about any command",
    usage: "kubectl help [command]",
    flags: &[],
    run,
};

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    if let Some(name) = args.first() {
        return match find(name) {
            Some(c) => {
                ctx.print(&format!("{}.\n\n", c.summary));
                ctx.print(&usage_text(c.name, c.usage, c.flags));
                Ok(())
            }
            None => Err(super::not_supported(name)),
        };
    }
    let mut text = String::from(
        "kubectl controls the simulated Kubernetes cluster in this playground.\n\nCommands this simulator supports:\n",
    );
    for c in all() {
        text.push_str(&format!("  {:<15} {}\n", c.name, c.summary));
    }
    text.push_str("\nUsage:\n  kubectl [flags] [command]\n\nUse \"kubectl <command> --help\" for more information about a given command.");
    ctx.print(&text);
    Ok(())
}

fn flag_line(s: &Spec) -> String {
    let value = match s.kind {
        Kind::Bool => "",
        Kind::Str => "=string",
        Kind::Int(_) => "=int",
        Kind::List => "=strings",
    };
    match s.short {
        Some(c) => format!("    -{c}, --{}{value}", s.name),
        None => format!("        --{}{value}", s.name),
    }
}

/// `Usage:` and the flags a command accepts (plus `-n`).
pub(crate) fn usage_text(path: &str, usage: &str, specs: &[Spec]) -> String {
    let mut t = format!("Usage:\n  {usage}\n\nFlags (simulated):\n");
    for s in specs.iter().chain(super::GLOBAL) {
        t.push_str(&flag_line(s));
        t.push('\n');
    }
    t.push_str(&format!(
        "\nUse \"kubectl help\" to list the commands this simulator supports (this one: kubectl {path})."
    ));
    t
}
