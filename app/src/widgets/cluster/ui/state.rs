//! The widget's state: the simulation with its history (not reactive, kept in a local
//! `StoredValue`) and a handful of signals the panels subscribe to.

use super::super::{
    challenges::{ChallengeDef, Checker, Verdict},
    driver::{Command, Driver, Outcome},
    feed::Announcer,
    presets::Preset,
    vm,
};
use leptos::prelude::*;
use sim_core::{model::Uid, time::SimTime};

/// How fast simulated time runs against the wall clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Speed {
    /// Real time.
    X1,
    /// Ten simulated seconds per second.
    X10,
    /// A simulated minute per second.
    X60,
    /// As fast as the page allows (bounded slices per frame).
    Max,
}

impl Speed {
    pub(crate) const ALL: [Speed; 4] = [Speed::X1, Speed::X10, Speed::X60, Speed::Max];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Speed::X1 => "1×",
            Speed::X10 => "10×",
            Speed::X60 => "60×",
            Speed::Max => "Max",
        }
    }

    pub(crate) fn description(self) -> &'static str {
        match self {
            Speed::X1 => "real time",
            Speed::X10 => "ten times real time",
            Speed::X60 => "sixty times real time",
            Speed::Max => "as fast as possible",
        }
    }

    /// Simulated milliseconds per wall millisecond (`None`: unbounded).
    pub(crate) fn factor(self) -> Option<f64> {
        match self {
            Speed::X1 => Some(1.0),
            Speed::X10 => Some(10.0),
            Speed::X60 => Some(60.0),
            Speed::Max => None,
        }
    }
}

/// What the reader selected in the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Selection {
    /// A pod.
    Pod(Uid),
    /// A node.
    Node(String),
}

/// A moment worth jumping back to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) time: SimTime,
    pub(crate) text: String,
}

/// The simulation and everything derived from it that is not a signal.
pub(crate) struct Playground {
    pub(crate) preset: &'static Preset,
    pub(crate) challenge: Option<&'static ChallengeDef>,
    pub(crate) driver: Driver,
    pub(crate) builder: vm::Builder,
    pub(crate) frame: vm::Frame,
    pub(crate) announcer: Announcer,
    pub(crate) renderers: super::looper::Renderers,
    pub(crate) clock: super::looper::Clock,
    /// The YAML editor's text (also what `kubectl apply -f editor` reads).
    pub(crate) editor: String,
    /// The console's session (namespace, the editor's text for `apply -f editor`).
    pub(crate) session: kubectl::Session,
    /// The console's command history (kept across a reset).
    pub(crate) history: kubectl::History,
    /// Log entries already turned into marks.
    pub(crate) marks_seen: usize,
    pub(crate) marks: Vec<Mark>,
    /// Whether this run's success was saved to progress.
    pub(crate) saved: bool,
}

impl Playground {
    pub(crate) fn new(
        preset: &'static Preset,
        challenge: Option<&'static ChallengeDef>,
    ) -> Result<Playground, String> {
        let checker = challenge.and_then(|c| Checker::new(c.id));
        let driver = Driver::load(preset, checker)?;
        let mut announcer = Announcer::default();
        announcer.reset(driver.sim());
        let mut builder = vm::Builder::default();
        let frame = builder.build(driver.sim());
        Ok(Playground {
            preset,
            challenge,
            driver,
            builder,
            frame,
            announcer,
            renderers: super::looper::Renderers::default(),
            clock: super::looper::Clock::new(!preset.start_paused),
            editor: preset.editor.to_owned(),
            session: kubectl::Session::default(),
            history: kubectl::History::default(),
            marks_seen: 0,
            marks: Vec::new(),
            saved: false,
        })
    }

    /// Starts the same preset and challenge over.
    pub(crate) fn reset(&mut self) {
        if let Ok(fresh) = Playground::new(self.preset, self.challenge) {
            let renderers = std::mem::take(&mut self.renderers);
            let editor = std::mem::take(&mut self.editor);
            let history = std::mem::take(&mut self.history);
            *self = fresh;
            self.history = history;
            self.renderers = renderers;
            self.renderers.clear();
            self.editor = editor;
        }
    }

    /// Switches to another preset (the playground page's picker).
    pub(crate) fn switch(&mut self, preset: &'static Preset) {
        self.preset = preset;
        self.challenge = None;
        let editor = preset.editor.to_owned();
        self.reset();
        self.editor = editor;
        // The panels are built again, so are their renderers.
        self.renderers = super::looper::Renderers::default();
    }

    pub(crate) fn verdict(&self) -> Option<Verdict> {
        self.driver.checker().map(|c| c.verdict().clone())
    }
}

/// Signals and handles the panels share. `Copy`, so closures capture it freely.
#[derive(Clone, Copy)]
pub(crate) struct Ui {
    pub(crate) pg: StoredValue<Playground, LocalStorage>,
    /// Bumped whenever the simulation visibly changed.
    pub(crate) tick: RwSignal<u64>,
    /// Bumped at most a few times a second (tables, explanations).
    pub(crate) slow: RwSignal<u64>,
    pub(crate) playing: RwSignal<bool>,
    pub(crate) speed: RwSignal<Speed>,
    pub(crate) seeking: RwSignal<bool>,
    pub(crate) selection: RwSignal<Option<Selection>>,
    /// The polite live region's text.
    pub(crate) live: RwSignal<String>,
    pub(crate) verdict: RwSignal<Option<Verdict>>,
    /// The last action's output, shown under the view.
    pub(crate) last_output: RwSignal<Option<Outcome>>,
    pub(crate) view_ref: NodeRef<leptos::html::Div>,
    pub(crate) events_ref: NodeRef<leptos::html::Ol>,
    pub(crate) strip_ref: NodeRef<leptos::html::Div>,
    /// A prefix for element ids unique on the page.
    pub(crate) id: StoredValue<String>,
}

impl Ui {
    /// Reads the playground (a default when it is busy, which cannot happen on one thread
    /// unless a panel reads while an action writes).
    pub(crate) fn read<T>(self, f: impl FnOnce(&Playground) -> T) -> Option<T> {
        self.pg.try_with_value(f)
    }

    /// Gives a command now, shows its effect at once, and returns what it printed.
    pub(crate) fn perform(self, command: Command) -> Outcome {
        let outcome =
            self.pg.try_update_value(|p| p.driver.perform(command)).unwrap_or_else(|| Outcome {
                stdout: String::new(),
                stderr: "the playground is busy".into(),
                exit_code: 1,
            });
        super::looper::refresh(self, true);
        outcome
    }

    /// An element id unique on the page.
    pub(crate) fn dom_id(self, suffix: &str) -> String {
        format!("{}-{suffix}", self.id.get_value())
    }
}
