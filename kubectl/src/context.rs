//! The state one command runs with: the simulation, the session, and what it printed.

use crate::{Output, Session, flags::Parsed};
use sim_core::cluster::{Action, ActionOutcome, ApiError, Sim};

/// A command's environment.
pub(crate) struct Ctx<'a> {
    pub(crate) sim: &'a mut Sim,
    pub(crate) session: &'a mut Session,
    out: Output,
}

/// A failed command: the full text for stderr (`error: …`, `Error from server …`).
pub(crate) type Failure = String;

/// What commands return.
pub(crate) type CmdResult = Result<(), Failure>;

/// `error: {msg}`, unless `msg` already starts so (kubectl's `CheckErr`).
pub(crate) fn error(msg: impl std::fmt::Display) -> Failure {
    let msg = msg.to_string();
    if msg.starts_with("error: ") { msg } else { format!("error: {msg}") }
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(sim: &'a mut Sim, session: &'a mut Session) -> Self {
        Ctx { sim, session, out: Output::default() }
    }

    /// Applies `action`, recording it for replay.
    pub(crate) fn apply(&mut self, action: Action) -> Result<ActionOutcome, ApiError> {
        self.out.actions.push(action.clone());
        self.sim.apply(action)
    }

    /// Appends a line (a newline is added if missing) to stdout.
    pub(crate) fn print(&mut self, text: &str) {
        push_line(&mut self.out.stdout, text);
    }

    /// Appends raw text to stdout.
    pub(crate) fn print_raw(&mut self, text: &str) {
        self.out.stdout.push_str(text);
    }

    /// Appends a line to stderr (warnings, notes, errors that do not stop the command).
    pub(crate) fn eprint(&mut self, text: &str) {
        push_line(&mut self.out.stderr, text);
    }

    /// The namespace for this command: `-n`, else the session's.
    pub(crate) fn namespace(&self, flags: &Parsed) -> String {
        match flags.string("namespace") {
            Some(ns) if !ns.is_empty() => ns.to_owned(),
            _ => self.session.namespace.clone(),
        }
    }

    /// The final output.
    pub(crate) fn finish(mut self, result: CmdResult) -> Output {
        if let Err(text) = result {
            // An empty failure means the command already printed its errors.
            if !text.is_empty() {
                push_line(&mut self.out.stderr, &text);
            }
            self.out.exit_code = 1;
        }
        self.out
    }
}

fn push_line(buf: &mut String, text: &str) {
    buf.push_str(text);
    if !text.ends_with('\n') {
        buf.push('\n');
    }
}
