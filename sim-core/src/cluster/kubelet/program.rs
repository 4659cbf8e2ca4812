//! What a started container does: a tiny, honest interpretation of `command` and `args`.
//!
//! Understood:
//! - no command: the image's default process (a server runs; a shell exits 0 at once);
//! - `sleep N` / `sleep infinity`, `true`, `false`, `tail -f /dev/null`;
//! - `sh -c "<script>"` (also `/bin/sh`, `bash`, `ash`), where the script is statements
//!   separated by `;`, `&&` or newlines: `sleep N`, `exit N`, `echo …`, `true`, `false`,
//!   `while true; do …; done` (runs forever).
//!
//! Anything else is assumed to be a long-running server (the usual reason to override a
//! command is to start one); an unknown statement in the middle of a script is assumed to
//! succeed instantly. Shells and `sleep` run as PID 1 ignore SIGTERM (PID 1 gets no default
//! signal handlers), so such containers are killed at the end of the grace period — the
//! classic "why does my pod take 30 s to stop".

use super::super::images::{CatalogImage, DefaultProcess};
use crate::model::Container;
use serde::{Deserialize, Serialize};

/// The behaviour of one container run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    /// `Some((ms, code))`: exits with `code` this long after starting; `None`: runs forever.
    pub exit_after: Option<(u64, i32)>,
    /// Whether SIGTERM makes it exit (with 0) promptly.
    pub exits_on_term: bool,
}

const FOREVER: Program = Program { exit_after: None, exits_on_term: true };

/// Interprets `container` started from `image` (`None` if unknown; then it never starts).
pub fn interpret(container: &Container, image: Option<&CatalogImage>) -> Program {
    let argv: Vec<&str> =
        container.command.iter().chain(&container.args).map(String::as_str).collect();
    if argv.is_empty() {
        return match image.map(|i| i.process) {
            Some(DefaultProcess::ExitsImmediately) => {
                Program { exit_after: Some((0, 0)), exits_on_term: true }
            }
            _ => FOREVER,
        };
    }
    let prog = argv[0].rsplit('/').next().unwrap_or("");
    if matches!(prog, "sh" | "bash" | "ash" | "dash") {
        return match (argv.get(1), argv.get(2)) {
            (Some(&"-c"), Some(script)) => script_program(script),
            // `sh` with no script reads EOF from the empty stdin and exits.
            (None, _) => Program { exit_after: Some((0, 0)), exits_on_term: false },
            _ => FOREVER,
        };
    }
    match statement(&argv) {
        Step::Wait(ms) => Program { exit_after: Some((ms, 0)), exits_on_term: false },
        Step::Status(code) => Program { exit_after: Some((0, code)), exits_on_term: false },
        Step::Forever => {
            Program { exit_after: None, exits_on_term: prog != "sleep" && prog != "tail" }
        }
        Step::Exit(code) => Program { exit_after: Some((0, code)), exits_on_term: false },
        Step::Unknown => FOREVER,
    }
}

enum Step {
    /// Takes this long, then succeeds.
    Wait(u64),
    /// Finishes at once with this status.
    Status(i32),
    /// Never finishes.
    Forever,
    /// `exit N`.
    Exit(i32),
    /// Not understood.
    Unknown,
}

fn statement(words: &[&str]) -> Step {
    match words {
        ["sleep", "infinity"] => Step::Forever,
        ["sleep", n] | ["/bin/sleep", n] => parse_secs(n).map_or(Step::Unknown, Step::Wait),
        ["true"] | [":"] => Step::Status(0),
        ["false"] => Step::Status(1),
        ["exit"] => Step::Exit(0),
        ["exit", n] => n.parse().map_or(Step::Unknown, Step::Exit),
        ["echo", ..] | ["printf", ..] | ["date"] | ["hostname"] => Step::Status(0),
        ["tail", "-f", ..] => Step::Forever,
        _ => Step::Unknown,
    }
}

/// `sleep` takes seconds with an optional fraction or `s`/`m`/`h` suffix.
fn parse_secs(s: &str) -> Option<u64> {
    let (num, mult) = match s.as_bytes().last()? {
        b's' => (&s[..s.len() - 1], 1000.0),
        b'm' => (&s[..s.len() - 1], 60_000.0),
        b'h' => (&s[..s.len() - 1], 3_600_000.0),
        _ => (s, 1000.0),
    };
    let v: f64 = num.parse().ok()?;
    (v.is_finite() && v >= 0.0).then(|| (v * mult).round() as u64)
}

fn script_program(script: &str) -> Program {
    let compact = script.split_whitespace().collect::<Vec<_>>().join(" ");
    if compact.starts_with("while true") || compact.starts_with("while :") {
        return Program { exit_after: None, exits_on_term: false };
    }
    let mut elapsed = 0u64;
    let mut status = 0;
    // Split on `;` and newlines; `&&` chains stop at the first failure.
    for part in script.split([';', '\n']) {
        for (i, cmd) in part.split("&&").enumerate() {
            if i > 0 && status != 0 {
                break;
            }
            let words: Vec<&str> = cmd.split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            match statement(&words) {
                Step::Wait(ms) => {
                    elapsed += ms;
                    status = 0;
                }
                Step::Status(code) => status = code,
                Step::Exit(code) => {
                    return Program { exit_after: Some((elapsed, code)), exits_on_term: false };
                }
                Step::Forever => return Program { exit_after: None, exits_on_term: false },
                Step::Unknown => status = 0,
            }
        }
    }
    Program { exit_after: Some((elapsed, status)), exits_on_term: false }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::images::lookup;

    fn run(command: &[&str], args: &[&str], image: &str) -> Program {
        let c = Container {
            command: command.iter().map(|s| s.to_string()).collect(),
            args: args.iter().map(|s| s.to_string()).collect(),
            image: image.into(),
            ..Default::default()
        };
        interpret(&c, lookup(image))
    }

    #[test]
    fn table() {
        let exits = |ms, code| Program { exit_after: Some((ms, code)), exits_on_term: false };
        let cases = [
            (run(&[], &[], "nginx:1.30"), FOREVER),
            (
                run(&[], &[], "busybox:1.37"),
                Program { exit_after: Some((0, 0)), exits_on_term: true },
            ),
            (run(&["sh", "-c", "sleep 5; exit 1"], &[], "busybox"), exits(5000, 1)),
            (run(&["sh"], &["-c", "echo hi && sleep 2.5"], "busybox"), exits(2500, 0)),
            (run(&["/bin/sh", "-c", "false && sleep 9"], &[], "busybox"), exits(0, 1)),
            (run(&["sleep", "3600"], &[], "busybox"), exits(3_600_000, 0)),
            (
                run(&["sh", "-c", "while true; do sleep 1; done"], &[], "busybox"),
                Program { exit_after: None, exits_on_term: false },
            ),
            (
                run(&["sleep", "infinity"], &[], "busybox"),
                Program { exit_after: None, exits_on_term: false },
            ),
            (run(&["nginx", "-g", "daemon off;"], &[], "nginx"), FOREVER),
            (run(&["sh", "-c", "sleep 1m; exit 3"], &[], "busybox"), exits(60_000, 3)),
        ];
        for (i, (got, want)) in cases.into_iter().enumerate() {
            assert_eq!(got, want, "case {i}");
        }
    }
}
