//! The playground's clock and history: a [`Sim`] advanced in bounded slices, every input the
//! reader gave recorded with the exact point it was given, and periodic snapshots, so any
//! earlier moment can be replayed deterministically (same seed + same inputs → same state).
//!
//! # Replay
//! An input records the simulated time and the number of engine tasks run when it was given.
//! Replaying runs exactly that many tasks, sets the clock, and applies the input again; the
//! engine being deterministic, the state is byte-for-byte the one the reader saw. Scripted
//! inputs from the preset's timeline carry no task count: like `kubesim run`, they apply once
//! every task due at their time has run.
//!
//! Scrubbing back restores the newest snapshot at or before the target and replays forward
//! from it. A snapshot serializes the whole simulation in one go, which in a large cluster
//! blocks the page far longer than a frame (about 300 ms for 5,000 pods in Chromium); so no
//! periodic snapshot is taken while the cluster has more than [`MAX_SNAPSHOT_PODS`] pods or
//! the last snapshot was over [`MAX_SNAPSHOT_BYTES`], and such a cluster rewinds by
//! replaying (in bounded slices, like playing) from the last snapshot it has, at worst the
//! one from the start.
//! Giving a new input while in the past drops the reader's later inputs (a new
//! branch); the preset's script stays.
//!
//! Everything here is pure and bounded: [`Driver::advance`] stops when its [`Budget`] says so
//! and reports where it got to.

use super::{challenges::Checker, presets::Preset};
use sim_core::{
    cluster::{
        Action, Progress, Sim, SimEvent,
        log::Logged,
        scenario::{Scenario, TimelineEntry},
    },
    time::SimTime,
};

/// Something the reader (or the preset's script) did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// A simulator action (a button, a form, the editor's Apply).
    Action(Box<Action>),
    /// Entry `n` of the preset's timeline.
    Scripted(usize),
}

/// A recorded input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Simulated time it was given at.
    pub at: SimTime,
    /// Engine tasks run before it; `None` for scripted inputs (after every task due at `at`).
    pub after_tasks: Option<u64>,
    /// What it was.
    pub command: Command,
}

/// What a command printed: kubectl-style output or an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error (empty on success).
    pub stderr: String,
    /// Exit code.
    pub exit_code: i32,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Outcome { stdout, stderr: String::new(), exit_code: 0 }
    }

    fn error(stderr: String) -> Self {
        Outcome { stdout: String::new(), stderr, exit_code: 1 }
    }

    /// Whether the command succeeded.
    pub fn success(&self) -> bool {
        self.exit_code == 0
    }
}

/// Decides when a slice of work must stop (wall-clock time in the browser, a count in tests).
pub trait Budget {
    /// Whether the slice should stop now.
    fn exhausted(&mut self) -> bool;

    /// Most engine tasks to run before asking again (a wall-clock budget shrinks this when
    /// tasks are slow, so one chunk cannot overrun the frame by much).
    fn tasks_per_check(&self) -> usize {
        CHUNK_TASKS
    }
}

/// A budget of `n` checks: each chunk of tasks costs one.
#[derive(Clone, Copy, Debug)]
pub struct Chunks(pub u32);

impl Budget for Chunks {
    fn exhausted(&mut self) -> bool {
        if self.0 == 0 {
            return true;
        }
        self.0 -= 1;
        false
    }
}

struct Snapshot {
    at: SimTime,
    tasks: u64,
    applied: usize,
    bytes: Vec<u8>,
    checker: Option<Checker>,
}

/// Most snapshots kept; beyond it every other one is dropped and the interval doubles.
const MAX_SNAPSHOTS: usize = 40;
/// No periodic snapshot with more pods than this (see the module docs); the lesson clusters
/// have a few dozen.
pub const MAX_SNAPSHOT_PODS: usize = 1_000;
/// Nor after a snapshot larger than this (the event log grows with time, too).
pub const MAX_SNAPSHOT_BYTES: usize = 1024 * 1024;
/// Most tasks per chunk between budget checks (one when a challenge watches every step).
pub const CHUNK_TASKS: usize = 128;
/// Most tasks "step to the next event" runs looking for one.
const MAX_STEP_TASKS: u32 = 20_000;

/// The simulation with its recorded history.
pub struct Driver {
    sim: Sim,
    timeline: Vec<TimelineEntry>,
    inputs: Vec<Input>,
    applied: usize,
    snapshots: Vec<Snapshot>,
    snapshot_every_ms: u64,
    horizon: SimTime,
    checker: Option<Checker>,
}

impl Driver {
    /// Starts `preset` at time zero; `checker` observes every step from then on.
    pub fn load(preset: &Preset, checker: Option<Checker>) -> Result<Driver, String> {
        let scenario = preset.parse().map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(|e| format!("line {e}")).collect();
            format!("preset {}: {}", preset.name, lines.join("; "))
        })?;
        Ok(Driver::from_scenario(scenario, checker))
    }

    /// Starts a parsed scenario at time zero.
    pub fn from_scenario(scenario: Scenario, checker: Option<Checker>) -> Driver {
        let Scenario { config, objects, timeline, seed, .. } = scenario;
        let mut sim = Sim::new(seed.unwrap_or(0), config);
        for (_, object) in objects {
            // A preset's objects are checked by the preset tests; a refusal still leaves a
            // usable cluster, so it is not fatal here.
            let _ = sim.apply(Action::Apply(object));
        }
        let inputs = timeline
            .iter()
            .enumerate()
            .map(|(i, e)| Input { at: e.at, after_tasks: None, command: Command::Scripted(i) })
            .collect();
        let mut driver = Driver {
            sim,
            timeline,
            inputs,
            applied: 0,
            snapshots: Vec::new(),
            snapshot_every_ms: 30_000,
            horizon: SimTime::ZERO,
            checker,
        };
        driver.observe();
        driver.take_snapshot();
        driver
    }

    /// The simulation.
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    /// The challenge's checker, if the widget has a challenge.
    pub fn checker(&self) -> Option<&Checker> {
        self.checker.as_ref()
    }

    fn observe(&mut self) {
        if let Some(c) = &mut self.checker {
            c.observe(&mut self.sim);
        }
    }

    /// The simulated clock.
    pub fn now(&self) -> SimTime {
        self.sim.now()
    }

    /// The furthest time this history reaches (what the timeline can scrub over).
    pub fn horizon(&self) -> SimTime {
        self.horizon.max(self.sim.now())
    }

    /// Every recorded input, in the order applied.
    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// Whether recorded inputs lie ahead of the clock (the reader scrubbed back).
    pub fn in_the_past(&self) -> bool {
        self.sim.now() < self.horizon
            || self.inputs[self.applied..].iter().any(|i| i.after_tasks.is_some())
    }

    /// Gives `command` now: drops the reader's inputs after this point, applies it and
    /// records it.
    pub fn perform(&mut self, command: Command) -> Outcome {
        self.forget_future();
        let input = Input {
            at: self.sim.now(),
            after_tasks: Some(self.sim.tasks_run()),
            command: command.clone(),
        };
        let outcome = self.execute(&command);
        self.inputs.insert(self.applied, input);
        self.applied += 1;
        self.observe();
        outcome
    }

    /// Runs a kubectl command line now. Reads change nothing (a read while scrubbed back
    /// keeps the later history); a command that changed the cluster drops the reader's later
    /// inputs and records the [`Action`]s it applied, in order, at this exact point, so a
    /// replay reproduces them without parsing the line again.
    pub fn kubectl(&mut self, session: &mut kubectl::Session, line: &str) -> kubectl::Output {
        let (at, tasks) = (self.sim.now(), self.sim.tasks_run());
        let output = kubectl::execute(&mut self.sim, session, line);
        if output.actions.is_empty() {
            return output;
        }
        self.forget_future();
        for action in &output.actions {
            let command = Command::Action(Box::new(action.clone()));
            let input = Input { at, after_tasks: Some(tasks), command };
            self.inputs.insert(self.applied, input);
            self.applied += 1;
        }
        self.observe();
        output
    }

    /// Puts back a shared history on a freshly loaded driver: `inputs` must hold the preset's
    /// script entries, each once and in order, among the reader's inputs. The caller then
    /// [`advance`](Self::advance)s to the shared time.
    pub fn replace_inputs(&mut self, inputs: Vec<Input>) -> Result<(), String> {
        if self.applied != 0 || self.sim.now() != SimTime::ZERO {
            return Err("a shared history loads only into a fresh scenario".into());
        }
        let script: Vec<usize> = inputs
            .iter()
            .filter_map(|i| match i.command {
                Command::Scripted(n) => Some(n),
                Command::Action(_) => None,
            })
            .collect();
        if !script.iter().copied().eq(0..self.timeline.len()) {
            return Err("the link's scripted events do not match this scenario".into());
        }
        self.inputs = inputs;
        Ok(())
    }

    fn forget_future(&mut self) {
        let future = self.inputs.split_off(self.applied);
        self.inputs.extend(future.into_iter().filter(|i| i.after_tasks.is_none()));
        let (tasks, applied) = (self.sim.tasks_run(), self.applied);
        self.snapshots.retain(|s| s.tasks <= tasks && s.applied <= applied);
        self.horizon = self.sim.now();
    }

    fn execute(&mut self, command: &Command) -> Outcome {
        match command {
            Command::Action(action) => match self.sim.apply((**action).clone()) {
                Ok(out) => Outcome::ok(out.message),
                Err(e) => Outcome::error(format!("Error from server: {e}")),
            },
            Command::Scripted(i) => match self.timeline.get(*i) {
                Some(entry) => match self.sim.apply_step(&entry.step) {
                    Ok(out) => Outcome::ok(out.message),
                    Err(e) => Outcome::error(e.to_string()),
                },
                None => Outcome::error(format!("no timeline entry {i}")),
            },
        }
    }

    fn chunk(&self) -> usize {
        if self.checker.as_ref().is_some_and(Checker::every_step) { 1 } else { CHUNK_TASKS }
    }

    /// Runs towards `target`, replaying recorded inputs on the way, until the budget runs out.
    pub fn advance(&mut self, target: SimTime, budget: &mut dyn Budget) -> Progress {
        loop {
            if budget.exhausted() {
                return Progress::Budget { now: self.sim.now() };
            }
            let chunk = self.chunk().min(budget.tasks_per_check().max(1));
            let next = self.inputs.get(self.applied).filter(|i| i.at <= target).cloned();
            match next {
                Some(input) => self.approach(&input, chunk),
                None => {
                    let progress = self.sim.advance_to(target, chunk);
                    self.after_chunk();
                    if progress == Progress::Reached {
                        return Progress::Reached;
                    }
                }
            }
        }
    }

    /// Moves towards the point `input` was given at, applying it once there.
    fn approach(&mut self, input: &Input, chunk: usize) {
        match input.after_tasks {
            Some(n) if self.sim.tasks_run() < n => {
                let left = usize::try_from(n - self.sim.tasks_run()).unwrap_or(usize::MAX);
                self.sim.advance_to(input.at, chunk.min(left));
                self.after_chunk();
                // A history that does not replay (it cannot happen with a deterministic
                // engine) must not loop: the input then applies where the clock is.
                if self.sim.next_event_time().is_none_or(|t| t > input.at) {
                    self.apply_recorded(input);
                }
            }
            Some(_) => {
                self.sim.advance_to(input.at, 0);
                self.apply_recorded(input);
            }
            None => {
                if self.sim.advance_to(input.at, chunk) == Progress::Reached {
                    self.apply_recorded(input);
                }
                self.after_chunk();
            }
        }
    }

    fn apply_recorded(&mut self, input: &Input) {
        let _ = self.execute(&input.command);
        self.applied += 1;
        self.observe();
    }

    fn after_chunk(&mut self) {
        self.observe();
        let frontier = self.sim.now() >= self.horizon;
        if frontier {
            self.horizon = self.sim.now();
        }
        let (last, small) = self
            .snapshots
            .last()
            .map_or((SimTime::ZERO, true), |s| (s.at, s.bytes.len() <= MAX_SNAPSHOT_BYTES));
        let cheap = small && self.sim.store().pod_count() <= MAX_SNAPSHOT_PODS;
        if frontier && cheap && self.sim.now().millis_since(last) >= self.snapshot_every_ms {
            self.take_snapshot();
        }
    }

    fn take_snapshot(&mut self) {
        self.snapshots.push(Snapshot {
            at: self.sim.now(),
            tasks: self.sim.tasks_run(),
            applied: self.applied,
            bytes: self.sim.snapshot(),
            checker: self.checker.clone(),
        });
        if self.snapshots.len() > MAX_SNAPSHOTS {
            let mut i = 0;
            self.snapshots.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.snapshot_every_ms = self.snapshot_every_ms.saturating_mul(2);
        }
    }

    /// Goes back to the newest snapshot at or before `t` if `t` is in the past; the caller
    /// then [`advance`](Self::advance)s to `t`.
    pub fn rewind(&mut self, t: SimTime) {
        if t >= self.sim.now() {
            return;
        }
        let Some(snap) = self.snapshots.iter().rev().find(|s| s.at <= t) else { return };
        // A snapshot that does not read back (it cannot: this build wrote it) is skipped.
        if let Ok(sim) = Sim::restore(&snap.bytes) {
            self.sim = sim;
            self.applied = snap.applied;
            self.checker = snap.checker.clone();
        }
    }

    /// Runs until the log shows something worth seeing (not a routine heartbeat), or until
    /// nothing is left to do. Returns whether something was found.
    pub fn step_to_next_event(&mut self) -> bool {
        let start = self.sim.log_len();
        for _ in 0..MAX_STEP_TASKS {
            let next_task = self.sim.next_event_time();
            let next_input = self.inputs.get(self.applied).map(|i| i.at);
            let Some(t) = [next_task, next_input].into_iter().flatten().min() else {
                return false;
            };
            self.advance(t, &mut OneChunk(false));
            if self.sim.events_since(start).iter().any(|e| !is_routine(e)) {
                return true;
            }
        }
        false
    }

    /// The size of the newest snapshot in bytes (for tests and diagnostics).
    pub fn last_snapshot_bytes(&self) -> usize {
        self.snapshots.last().map_or(0, |s| s.bytes.len())
    }

    /// How many snapshots are kept (for tests and diagnostics).
    pub fn snapshot_count(&self) -> usize {
        self.snapshots.len()
    }
}

/// A budget of exactly one chunk.
struct OneChunk(bool);

impl Budget for OneChunk {
    fn exhausted(&mut self) -> bool {
        std::mem::replace(&mut self.0, true)
    }
}

/// Heartbeats and empty deliveries: what "step to the next event" skips over.
pub fn is_routine(e: &Logged) -> bool {
    match &e.event {
        SimEvent::ApiRequest { resource, .. } => resource == "leases" || resource == "nodes/status",
        SimEvent::WatchDelivery { objects, .. } => *objects == 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
