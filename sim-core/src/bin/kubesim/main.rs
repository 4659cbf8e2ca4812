//! `kubesim`: the simulator on the command line.
//!
//! ```text
//! kubesim run [--seed N] [--until 10m] [--json] SCENARIO
//! kubesim schedule [--seed N] FILE...
//! kubesim bench [--nodes 5000] [--pods 150000] [--seed N] [--runs N]
//! kubesim bench --crash [--nodes 1000] [--pods 30000] [--seed N]
//! ```
//!
//! Exit status: 0 on success, 2 on bad input (`error: FILE:LINE: what is wrong` on stderr).

mod args;
mod bench;
mod run;
mod schedule;

use std::process::ExitCode;

/// A failure to report: the message (already `FILE:LINE: …` where a place is known).
pub(crate) struct Failure(pub(crate) String);

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let result = match argv.first().map(String::as_str) {
        Some("run") => run::main(&argv[1..]),
        Some("schedule") => schedule::main(&argv[1..]),
        Some("bench") => bench::main(&argv[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{}", args::USAGE);
            Ok(())
        }
        Some(other) => Err(Failure(format!("unknown command {other:?}\n{}", args::USAGE))),
        None => Err(Failure(args::USAGE.to_owned())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}
