//! The frame loop: on each animation frame, advance the simulation by the elapsed wall time
//! times the speed, in slices that stop after a few milliseconds (so the page never blocks),
//! then update what changed. The loop only runs while the clock plays, a scrub replays, or
//! the view still has rendering left; a paused widget costs nothing.

use super::{
    super::{
        activity,
        driver::{Budget, CHUNK_TASKS},
        feed,
    },
    control_plane, events,
    state::{Mark, Selection, Speed, Ui},
    view,
};
use leptos::prelude::*;
use sim_core::{
    cluster::{Progress, SimEvent},
    time::SimTime,
};
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::{JsCast, closure::Closure};

/// Wall milliseconds a frame may spend simulating, at most and at least: within these, what
/// the last frame's drawing left of [`FRAME_WORK_MS`].
const SIM_BUDGET_MS: f64 = 7.0;
const MIN_SIM_BUDGET_MS: f64 = 2.0;
/// Wall milliseconds of work a frame aims at (simulating plus drawing), leaving the rest of
/// the 16.7 ms to the browser's style, layout and paint.
const FRAME_WORK_MS: f64 = 11.0;
/// Wall milliseconds one chunk of engine tasks should take: the deadline is only checked
/// between chunks.
const CHUNK_MS: f64 = 1.0;
/// Wall milliseconds a frame may spend creating view elements.
pub(crate) const RENDER_BUDGET_MS: f64 = 6.0;
/// A frame after a long pause (a background tab) advances at most this much wall time.
const MAX_FRAME_MS: f64 = 100.0;
/// How far "as fast as possible" aims per frame (the budget stops it long before).
const MAX_SPEED_STRIDE_MS: u64 = 3_600_000;
/// After a view-model build that took `t` ms, the next waits `t` times this (unless an action
/// forces it), so rebuilding the view of thousands of changing pods takes at most an eighth
/// of the page's time; a cheap build still happens on every frame.
const BUILD_SPACING: f64 = 8.0;
/// The slow signal's period.
const SLOW_MS: f64 = 250.0;
/// Timeline marks kept.
const MAX_MARKS: usize = 12;

/// Play state.
pub(crate) struct Clock {
    pub(crate) playing: bool,
    pub(crate) speed: Speed,
    pub(crate) seek: Option<SimTime>,
    last_frame: Option<f64>,
    last_slow: f64,
    scheduled: bool,
    /// Log index up to which pulses and events were rendered.
    pub(crate) seen: usize,
    /// Engine tasks per deadline check, adapted to how long tasks take.
    tasks_per_check: usize,
    /// Wall milliseconds the last frame spent bringing the panels up to date.
    draw_ms: f64,
    /// `performance.now()` before which the view model is not rebuilt.
    next_build: f64,
}

impl Clock {
    pub(crate) fn new(playing: bool) -> Self {
        Clock {
            playing,
            speed: Speed::X1,
            seek: None,
            last_frame: None,
            last_slow: 0.0,
            scheduled: false,
            seen: 0,
            tasks_per_check: CHUNK_TASKS,
            draw_ms: 0.0,
            next_build: 0.0,
        }
    }
}

/// The imperative renderers of the hot panels.
#[derive(Default)]
pub(crate) struct Renderers {
    pub(crate) view: Option<view::Renderer>,
    pub(crate) events: Option<events::Renderer>,
    pub(crate) strip: Option<control_plane::Renderer>,
}

impl Renderers {
    pub(crate) fn clear(&mut self) {
        if let Some(v) = &mut self.view {
            v.clear();
        }
        if let Some(e) = &mut self.events {
            e.clear();
        }
        if let Some(s) = &mut self.strip {
            s.clear();
        }
    }
}

/// `performance.now()`, or 0 where there is none.
pub(crate) fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Stops a slice at a wall-clock deadline, and sizes the chunks between checks so that one
/// takes about [`CHUNK_MS`] (halving after a slow one, doubling after a quick one).
struct Deadline {
    end: f64,
    last: f64,
    tasks: usize,
}

impl Budget for Deadline {
    fn exhausted(&mut self) -> bool {
        let now = now_ms();
        let took = now - self.last;
        self.last = now;
        if took > 2.0 * CHUNK_MS {
            self.tasks = (self.tasks / 2).max(1);
        } else if took < CHUNK_MS / 2.0 {
            self.tasks = (self.tasks * 2).min(CHUNK_TASKS);
        }
        now >= self.end
    }

    fn tasks_per_check(&self) -> usize {
        self.tasks
    }
}

/// Makes sure a frame is coming.
pub(crate) fn wake(ui: Ui) {
    let already =
        ui.pg.try_update_value(|p| std::mem::replace(&mut p.clock.scheduled, true)).unwrap_or(true);
    if already {
        return;
    }
    type Slot = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;
    let slot: Slot = Rc::new(RefCell::new(None));
    let keep = slot.clone();
    *slot.borrow_mut() = Some(Closure::new(move |ts: f64| {
        // Drop the closure after this call: each frame schedules a fresh one.
        let _closure = keep.borrow_mut().take();
        let _ = ui.pg.try_update_value(|p| p.clock.scheduled = false);
        if frame(ui, ts) {
            wake(ui);
        }
    }));
    let request = web_sys::window().and_then(|w| {
        let cb = slot.borrow();
        let f = cb.as_ref()?;
        w.request_animation_frame(f.as_ref().unchecked_ref()).ok()
    });
    if request.is_none() {
        let _ = ui.pg.try_update_value(|p| p.clock.scheduled = false);
    }
}

/// One animation frame; returns whether another is needed.
fn frame(ui: Ui, ts: f64) -> bool {
    let start = now_ms();
    // Playing refreshes the slow panels on their own period; a finished scrub refreshes them
    // at once, since no frame may follow it.
    let seek_done = ui
        .pg
        .try_update_value(|p| {
            let dt = p.clock.last_frame.map_or(0.0, |last| (ts - last).clamp(0.0, MAX_FRAME_MS));
            p.clock.last_frame = Some(ts);
            let sim_ms = (FRAME_WORK_MS - p.clock.draw_ms).clamp(MIN_SIM_BUDGET_MS, SIM_BUDGET_MS);
            let mut budget =
                Deadline { end: start + sim_ms, last: start, tasks: p.clock.tasks_per_check };
            let mut reached = false;
            if let Some(target) = p.clock.seek {
                reached = p.driver.advance(target, &mut budget) == Progress::Reached;
                if reached {
                    p.clock.seek = None;
                }
            } else if p.clock.playing {
                let now = p.driver.now();
                let target = match p.clock.speed.factor() {
                    Some(f) => now.plus_millis((dt * f).round() as u64),
                    None => now.plus_millis(MAX_SPEED_STRIDE_MS),
                };
                p.driver.advance(target, &mut budget);
            }
            p.clock.tasks_per_check = budget.tasks;
            reached
        })
        .unwrap_or(false);
    let drawing = now_ms();
    let more_to_draw = refresh(ui, seek_done);
    let draw_ms = now_ms() - drawing;
    let _ = ui.pg.try_update_value(|p| p.clock.draw_ms = draw_ms);
    ui.read(|p| p.clock.playing || p.clock.seek.is_some()).unwrap_or(false) || more_to_draw
}

/// Brings every panel up to date with the simulation; `changed` also refreshes the slow
/// panels (tables, explanations) now instead of on their period. Returns
/// whether the view still has elements to create (it creates them in bounded slices).
pub(crate) fn refresh(ui: Ui, changed: bool) -> bool {
    let ts = now_ms();
    let mut out = Refreshed::default();
    let _ = ui.pg.try_update_value(|p| {
        // A rewind shortens the log: start the derived views over.
        if p.clock.seen > p.driver.sim().log_len() {
            p.clock.seen = 0;
            p.marks_seen = 0;
            p.marks.clear();
            p.announcer.reset(p.driver.sim());
            p.renderers.clear();
            p.builder.reset();
        }
        if p.builder.is_stale(p.driver.sim()) {
            if changed || ts >= p.clock.next_build {
                p.frame = p.builder.build(p.driver.sim());
                let end = now_ms();
                p.clock.next_build = end + (end - ts) * BUILD_SPACING;
            } else {
                out.stale = true;
            }
        }
        let start = p.clock.seen;
        let entries = p.driver.sim().events_since(start);
        out.pulses = activity::pulses(entries, start);
        out.lines = feed::event_lines(entries, start);
        p.clock.seen = p.driver.sim().log_len();
        collect_marks(p);
        out.announcement = p.announcer.announce(p.driver.sim());
        out.verdict = p.verdict();
        out.playing = p.clock.playing;
        out.seeking = p.clock.seek.is_some();
        if ts - p.clock.last_slow >= SLOW_MS || changed {
            p.clock.last_slow = ts;
            out.slow = true;
        }
    });
    draw(ui, &out)
}

#[derive(Default)]
struct Refreshed {
    pulses: Vec<activity::Pulse>,
    lines: Vec<feed::EventLine>,
    announcement: Option<String>,
    verdict: Option<super::super::challenges::Verdict>,
    playing: bool,
    seeking: bool,
    slow: bool,
    /// The view model is behind the simulation (its rebuild was put off).
    stale: bool,
}

fn draw(ui: Ui, out: &Refreshed) -> bool {
    let selected = ui.selection.get_untracked();
    let deadline = now_ms() + RENDER_BUDGET_MS;
    let more = ui
        .pg
        .try_update_value(|p| {
            let Some(sim_now) = Some(p.driver.now()) else { return false };
            let mut more = false;
            if let Some(el) = ui.view_ref.get_untracked() {
                let r = p.renderers.view.get_or_insert_with(|| view::Renderer::new(el.into()));
                more = !r.render(&p.frame, &p.builder, selected.as_ref(), deadline);
            }
            if let Some(el) = ui.events_ref.get_untracked() {
                let r = p.renderers.events.get_or_insert_with(|| events::Renderer::new(el.into()));
                r.append(&out.lines);
            }
            if let Some(el) = ui.strip_ref.get_untracked() {
                let r = p
                    .renderers
                    .strip
                    .get_or_insert_with(|| control_plane::Renderer::new(el.into()));
                r.show(&out.pulses, p.driver.sim(), sim_now);
            }
            more
        })
        .unwrap_or(false);
    if let Some(text) = &out.announcement {
        ui.live.set(text.clone());
    }
    if ui.verdict.get_untracked() != out.verdict {
        if let Some(super::super::challenges::Verdict::Done(_)) = &out.verdict {
            save_success(ui);
        }
        ui.verdict.set(out.verdict.clone());
    }
    if ui.playing.get_untracked() != out.playing {
        ui.playing.set(out.playing);
    }
    if ui.seeking.get_untracked() != out.seeking {
        ui.seeking.set(out.seeking);
    }
    // A selected pod that is gone (replaced, rewound away) is unselected.
    if let Some(Selection::Pod(uid)) = &selected {
        let exists = ui.read(|p| p.driver.sim().store().pod(*uid).is_some()).unwrap_or(false);
        if !exists {
            ui.selection.set(None);
        }
    }
    ui.tick.update(|t| *t += 1);
    if out.slow {
        ui.slow.update(|t| *t += 1);
    }
    more || out.stale
}

fn save_success(ui: Ui) {
    let id = ui
        .pg
        .try_update_value(|p| {
            let first = !p.saved;
            p.saved = true;
            first.then_some(p.challenge.map(|c| c.id)).flatten()
        })
        .flatten();
    if let Some(id) = id {
        crate::progress::complete(id);
    }
}

/// Turns notable log entries into timeline marks.
fn collect_marks(p: &mut super::state::Playground) {
    let start = p.marks_seen;
    for e in p.driver.sim().events_since(start) {
        let text = match &e.event {
            SimEvent::Action { description } => description.lines().next().map(str::to_owned),
            SimEvent::Kube(k) => match (k.reason.as_str(), k.object.kind.as_str()) {
                ("NodeNotReady", "Node") => Some(format!("{} NotReady", k.object.name)),
                ("NodeReady", "Node") => Some(format!("{} Ready", k.object.name)),
                ("TaintManagerEviction", _) if k.message.starts_with("Marking") => {
                    Some(format!("evicted {}", k.object.name))
                }
                ("FailedScheduling", _) if k.count == 1 => {
                    Some(format!("{} unschedulable", k.object.name))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(text) = text {
            // Several evictions at once make one mark.
            if let Some(last) = p.marks.last_mut().filter(|m| m.time == e.time) {
                if !last.text.ends_with(" …") {
                    last.text.push_str(" …");
                }
                continue;
            }
            p.marks.push(Mark { time: e.time, text });
        }
    }
    p.marks_seen = p.driver.sim().log_len();
    let excess = p.marks.len().saturating_sub(MAX_MARKS);
    p.marks.drain(..excess);
}

/// Starts or stops the clock.
pub(crate) fn set_playing(ui: Ui, playing: bool) {
    let _ = ui.pg.try_update_value(|p| {
        p.clock.playing = playing;
        p.clock.last_frame = None;
    });
    ui.playing.set(playing);
    if playing {
        wake(ui);
    } else {
        // The slow panels may be up to a period behind the clock that just stopped.
        refresh(ui, true);
    }
}

/// Changes the speed.
pub(crate) fn set_speed(ui: Ui, speed: Speed) {
    let _ = ui.pg.try_update_value(|p| p.clock.speed = speed);
    ui.speed.set(speed);
}

/// Scrubs to `t` (back: from the newest snapshot before it; forward: replaying the inputs).
pub(crate) fn seek(ui: Ui, t: SimTime) {
    let _ = ui.pg.try_update_value(|p| {
        let t = t.min(p.driver.horizon());
        p.driver.rewind(t);
        p.clock.seek = Some(t);
        p.clock.last_frame = None;
    });
    ui.seeking.set(true);
    refresh(ui, true);
    wake(ui);
}

/// Runs to the next thing worth seeing, then pauses.
pub(crate) fn step(ui: Ui) {
    set_playing(ui, false);
    let _ = ui.pg.try_update_value(|p| {
        p.clock.seek = None;
        p.driver.step_to_next_event();
    });
    refresh(ui, true);
}

/// Starts the preset over.
pub(crate) fn reset(ui: Ui) {
    let _ = ui.pg.try_update_value(|p| p.reset());
    ui.selection.set(None);
    ui.last_output.set(None);
    ui.live.set(String::new());
    let playing = ui.read(|p| p.clock.playing).unwrap_or(false);
    ui.playing.set(playing);
    ui.speed.set(Speed::X1);
    refresh(ui, true);
    wake(ui);
}
