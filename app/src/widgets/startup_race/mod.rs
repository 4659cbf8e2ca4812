//! The `startup-race` widget: modelled lanes (every phase sampled from its sourced range with
//! a seeded generator) on one linear or logarithmic time axis, replayable, re-sampled with a
//! new seed on demand, on an amd64 or arm64 host; plus a live lane measured in this browser.

pub mod chart;
pub mod measure;
pub mod module;
pub mod stats;
mod view;

use crate::widgets::sources;
use chart::ScaleKind;
use leptos::prelude::*;
use measure::LiveState;
use sim_core::eras::startup::{Arch, LaneId, Race, race};
pub use view::summary;

/// The seed of the first run, so the first view is the same for every reader.
pub const FIRST_SEED: u64 = 1;
/// How long a replay sweeps the axis, milliseconds.
pub const REPLAY_MS: f64 = 4_000.0;

/// The lanes named in `param` (`container-cached, wasm`), in the given order; every lane if
/// it names none.
pub fn parse_lanes(param: Option<&str>) -> Vec<LaneId> {
    let lanes: Vec<LaneId> =
        param.unwrap_or_default().split(',').filter_map(|k| LaneId::from_key(k.trim())).collect();
    if lanes.is_empty() { LaneId::ALL.to_vec() } else { lanes }
}

/// Which Try it task a state satisfies, given the task id the lesson asked for.
pub fn task_met(task: &str, runs: u32, raced_amd64: bool, raced_arm64: bool) -> bool {
    match task {
        "run-twice" => runs >= 2,
        "arch-mismatch" => raced_amd64 && raced_arm64,
        _ => false,
    }
}

/// The widget.
#[component]
pub fn StartupRace(
    /// The lanes to race.
    lanes: Vec<LaneId>,
    /// Whether to offer the live lane.
    live: bool,
    /// The Try it task id (`run-twice`, `arch-mismatch`) or empty.
    task: String,
    /// A name unique on the page, for the radio groups.
    id: String,
) -> impl IntoView {
    let (scale_group, host_group) = (format!("{id}-scale"), format!("{id}-host"));
    let lanes = StoredValue::new(lanes);
    let current = RwSignal::new(lanes.with_value(|l| race(l, Arch::Amd64, FIRST_SEED)));
    let previous = RwSignal::new(None::<Race>);
    let progress = RwSignal::new(1.0);
    let scale = RwSignal::new(ScaleKind::Log);
    let runs = RwSignal::new(1u32);
    let raced = RwSignal::new((true, false));
    let live_state = RwSignal::new(LiveState::Idle);
    // The chart redraws when a measurement finishes, not at every progress step.
    let live_done = Memo::new(move |_| match live_state.get() {
        LiveState::Done(l) => Some(l),
        _ => None,
    });
    let anim = StoredValue::new(0u64);
    let task = StoredValue::new(task);
    let done = RwSignal::new(task.with_value(|t| !t.is_empty() && crate::progress::is_done(t)));

    let run = move |seed: u64, host: Arch| {
        let next = lanes.with_value(|l| race(l, host, seed));
        previous.set(Some(current.get_untracked()));
        current.set(next);
        runs.update(|n| *n += 1);
        raced.update(|(amd, arm)| match host {
            Arch::Amd64 => *amd = true,
            Arch::Arm64 => *arm = true,
        });
        view::replay(progress, anim);
        let (amd, arm) = raced.get_untracked();
        task.with_value(|t| {
            if task_met(t, runs.get_untracked(), amd, arm) && !done.get_untracked() {
                crate::progress::complete(t);
                done.set(true);
            }
        });
    };
    let again = move |_| {
        let r = current.get_untracked();
        run(r.seed.wrapping_add(1), r.host);
    };
    let set_host = move |host: Arch| {
        let r = current.get_untracked();
        if r.host != host {
            run(r.seed, host);
        }
    };

    let scale_radio = move |kind: ScaleKind, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name=scale_group.clone()
                    prop:checked=move || scale.get() == kind
                    on:change=move |_| scale.set(kind)
                />
                {label}
            </label>
        }
    };
    let host_radio = move |host: Arch, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name=host_group.clone()
                    prop:checked=move || current.with(|r| r.host == host)
                    on:change=move |_| set_host(host)
                />
                {label}
            </label>
        }
    };
    let task_note = move || {
        let t = task.get_value();
        let text = match t.as_str() {
            "run-twice" => "Try it: run the race again and compare the phases.",
            "arch-mismatch" => "Try it: race on amd64, then switch the host to arm64.",
            _ => return None,
        };
        Some(if done.get() {
            view! { <p class="task-done" role="status">"Task complete. "{text}</p> }.into_any()
        } else {
            view! { <p class="task-hint">{text}</p> }.into_any()
        })
    };

    view! {
        <div class="race">
            <div class="race-controls">
                <fieldset class="segmented">
                    <legend>"Time axis"</legend>
                    {scale_radio(ScaleKind::Log, "Log")}
                    {scale_radio(ScaleKind::Linear, "Linear")}
                </fieldset>
                <fieldset class="segmented">
                    <legend>"Host CPU"</legend>
                    {host_radio(Arch::Amd64, "amd64 server")}
                    {host_radio(Arch::Arm64, "arm64 (Raspberry Pi)")}
                </fieldset>
                <div class="race-buttons">
                    <button type="button" class="race-replay" on:click=move |_| view::replay(progress, anim)>
                        "Replay"
                    </button>
                    <button type="button" class="race-again" on:click=again>
                        "Run it again"
                    </button>
                    {live.then(|| view! {
                        <button
                            type="button"
                            class="race-measure"
                            prop:disabled=move || matches!(live_state.get(), LiveState::Running(..))
                            on:click=move |_| measure::start(live_state)
                        >
                            "Measure in this browser"
                        </button>
                    })}
                </div>
            </div>
            <p class="race-meta">
                {move || current.with(|r| format!(
                    "Run {} · seed {} · host {} · modelled lanes draw every phase from its sourced range.",
                    runs.get(), r.seed, r.host.key()
                ))}
            </p>
            {move || view::arch_note(&current.get())}
            {move || view::chart(current.get(), scale.get(), progress, live.then_some(live_state), live_done.get())}
            <p class="race-status" aria-live="polite">{move || summary(&current.get(), progress.get())}</p>
            {task_note}
            <details class="race-details">
                <summary>"Numbers and sources"</summary>
                {move || view::table(&current.get(), previous.get().as_ref())}
                {live.then(|| view! { {move || view::live_details(live_done.get())} })}
            </details>
            <p class="race-sources-note">
                "Phase splits marked "
                <span class=sources::confidence_class(sim_core::eras::sourced::Confidence::Estimate)>"estimate"</span>
                " divide a sourced total in proportions this course chose; the totals are sourced."
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_parse_in_order_and_default_to_all() {
        assert_eq!(
            parse_lanes(Some("wasm, container-cached")),
            [LaneId::Wasm, LaneId::ContainerCached]
        );
        assert_eq!(parse_lanes(Some("nope")).len(), 10);
        assert_eq!(parse_lanes(None).len(), 10);
    }

    #[test]
    fn tasks_need_what_the_lessons_ask() {
        assert!(!task_met("run-twice", 1, true, false));
        assert!(task_met("run-twice", 2, true, false));
        assert!(!task_met("arch-mismatch", 3, true, false));
        assert!(task_met("arch-mismatch", 2, true, true));
        assert!(!task_met("", 5, true, true));
    }
}
