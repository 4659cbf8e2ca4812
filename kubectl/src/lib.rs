//! The playground's kubectl console: command lines in, kubectl's output out, against a
//! simulated cluster ([`sim_core::cluster::Sim`]).
//!
//! # Contract
//! - [`execute`] runs one command line: real kubectl syntax (`kubectl` prefix optional,
//!   shell-like quoting), kubectl's output formats and kubectl's error wording. Commands the
//!   simulator does not implement say so plainly ([`SUPPORTED`] lists the ones it does).
//! - Every change to the cluster goes through [`Sim::apply`]; the [`Action`]s are returned in
//!   [`Output::actions`], in order, so a caller that records inputs for deterministic replay
//!   records those (replaying them at the same simulated instant reproduces the state without
//!   re-parsing the command).
//! - Reads are pure. `execute` never advances simulated time: commands that would block in a
//!   real cluster (`rollout status`, `drain`) report the state at this instant.
//! - Nothing panics, whatever the input; parsing is bounded by the line's length.
//! - Plain Rust, no I/O, no clock: it runs natively (tests) and in `wasm32-unknown-unknown`.
//!
//! Simulated output is labelled where it stands in for something the simulator does not have:
//! `logs` (no real containers), `top` (no metrics-server), `debug` (no shell).
//!
//! ```
//! use kubectl::{Session, execute};
//! use sim_core::cluster::{ClusterConfig, Sim};
//!
//! let mut sim = Sim::new(1, ClusterConfig::default());
//! let mut session = Session::default();
//! let out = execute(&mut sim, &mut session, "kubectl create deployment web --image=nginx:1.30");
//! assert_eq!(out.stdout, "deployment.apps/web created\n");
//! let out = execute(&mut sim, &mut session, "kubectl get pod nope");
//! assert_eq!(out.stderr, "Error from server (NotFound): pods \"nope\" not found\n");
//! assert_eq!(out.exit_code, 1);
//! ```

mod commands;
mod complete;
mod context;
mod flags;
mod history;
mod logs;
mod metrics;
mod resource;
mod selector;
mod session;
mod tokenize;
mod validation;

pub use complete::{Completion, complete};
pub use flags::FlagError;
pub use history::History;
pub use resource::Resource;
pub use selector::{Selector, SelectorError};
pub use session::Session;
pub use tokenize::{TokenizeError, tokenize};

use sim_core::cluster::{Action, Sim};

/// The commands the console implements (for `kubectl help` and the UI's hint).
pub const SUPPORTED: &[&str] = &[
    "get",
    "describe",
    "apply",
    "create",
    "delete",
    "scale",
    "set",
    "rollout",
    "expose",
    "label",
    "taint",
    "cordon",
    "uncordon",
    "drain",
    "logs",
    "debug",
    "top",
    "api-resources",
    "config",
    "version",
    "help",
];

/// What a command printed, and what it did to the cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output (each line ends in `\n`).
    pub stdout: String,
    /// Standard error: errors, warnings and notes.
    pub stderr: String,
    /// 0 on success, 1 on error (kubectl's codes).
    pub exit_code: i32,
    /// The actions applied to the simulation, in order (see the crate documentation).
    pub actions: Vec<Action>,
}

impl Output {
    /// Whether the command succeeded.
    pub fn success(&self) -> bool {
        self.exit_code == 0
    }
}

/// Runs one command line against `sim` (see the crate documentation).
pub fn execute(sim: &mut Sim, session: &mut Session, line: &str) -> Output {
    let mut ctx = context::Ctx::new(sim, session);
    let result = match tokenize(line) {
        Ok(words) => commands::run(&mut ctx, &words),
        Err(e) => Err(format!("error: {e}")),
    };
    ctx.finish(result)
}
