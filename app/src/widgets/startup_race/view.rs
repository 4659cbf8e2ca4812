//! The race's pieces of view: the lanes on their axis, the replay, the text summary and the
//! table of numbers with their sources.

use super::{
    REPLAY_MS,
    chart::{Axis, ScaleKind},
    measure::{Live, LiveState},
};
use crate::widgets::sources::{confidence_class, confidence_text, source_block};
use leptos::prelude::*;
use sim_core::eras::{
    sourced::Range,
    startup::{Arch, LaneRun, Outcome, Portability, Race, figures},
    timeline::format_ms,
};

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Sweeps the axis from the left over [`REPLAY_MS`]; at once when the reader prefers reduced
/// motion. A newer replay cancels an older one.
pub(super) fn replay(progress: RwSignal<f64>, anim: StoredValue<u64>) {
    anim.update_value(|n| *n = n.wrapping_add(1));
    let token = anim.get_value();
    if reduced_motion() {
        progress.set(1.0);
        return;
    }
    progress.set(0.0);
    frame(progress, anim, token, now_ms());
}

fn frame(progress: RwSignal<f64>, anim: StoredValue<u64>, token: u64, start_ms: f64) {
    request_animation_frame(move || {
        if anim.try_get_value() != Some(token) {
            return;
        }
        let p = ((now_ms() - start_ms) / REPLAY_MS).clamp(0.0, 1.0);
        progress.set(p);
        if p < 1.0 {
            frame(progress, anim, token, start_ms);
        }
    });
}

fn ns_text(ns: u64) -> String {
    format_ms(ns as f64 / 1e6)
}

fn range_text(r: &Range) -> String {
    if r.low == r.high {
        format_ms(r.typical)
    } else {
        format!("{} – {} – {}", format_ms(r.low), format_ms(r.typical), format_ms(r.high))
    }
}

/// One line per lane in finishing order: the chart's text equivalent.
pub fn summary(r: &Race, progress: f64) -> String {
    if progress < 1.0 {
        return "Racing…".to_owned();
    }
    let mut ready: Vec<&LaneRun> = r.lanes.iter().filter(|l| l.outcome == Outcome::Ready).collect();
    ready.sort_by_key(|l| l.end_ns);
    let order: Vec<String> =
        ready.iter().map(|l| format!("{} {}", l.lane.lane().name, ns_text(l.end_ns))).collect();
    let mut text =
        format!("Seed {} on {}. Finish order: {}.", r.seed, r.host.key(), order.join(", "));
    for l in r.lanes.iter() {
        if let Outcome::Failed { error } = l.outcome {
            text.push_str(&format!(
                " {} failed after {}: {error}.",
                l.lane.lane().name,
                ns_text(l.end_ns)
            ));
        }
    }
    text
}

/// What the host architecture did, when it is not amd64.
pub(super) fn arch_note(r: &Race) -> Option<impl IntoView + use<>> {
    if r.host != Arch::Arm64 {
        return None;
    }
    let failed = r.lanes.iter().filter(|l| matches!(l.outcome, Outcome::Failed { .. })).count();
    let portable = r
        .lanes
        .iter()
        .filter(|l| l.lane.lane().portability == Portability::Portable)
        .map(|l| l.lane.lane().name)
        .collect::<Vec<_>>()
        .join(", ");
    Some(view! {
        <p class="arch-note" role="note">
            "Every native artifact here was built for amd64 only. On this arm64 host "
            {failed}
            " lane(s) fail: the kernel cannot execute amd64 machine code. "
            {(!portable.is_empty()).then(|| format!("Unchanged on arm64: {portable}."))}
        </p>
    })
}

/// The lanes on their axis; bars grow with the replay.
pub(super) fn chart(
    r: Race,
    kind: ScaleKind,
    progress: RwSignal<f64>,
    live: Option<RwSignal<LiveState>>,
    live_done: Option<Live>,
) -> impl IntoView {
    let mut shortest = r.lanes.iter().map(|l| l.end_ns).filter(|e| *e > 0).min().unwrap_or(1_000);
    if live.is_some() {
        let live_ns = live_done.as_ref().map_or(1_000.0, |l| l.instantiate.p10_us * 1_000.0);
        shortest = shortest.min(live_ns.max(1.0) as u64);
    }
    let longest = r.lanes.iter().map(|l| l.end_ns).max().unwrap_or(1_000);
    let axis = Axis::fit(kind, shortest, longest);
    let ticks = axis
        .ticks()
        .into_iter()
        .map(|(x, label)| view! { <span class="tick" style:left=format!("{:.3}%", x * 100.0)>{label}</span> })
        .collect_view();
    let lanes = r.lanes.into_iter().map(|l| lane_row(l, axis, progress)).collect_view();
    let live_lane = live.map(|s| live_row(s, live_done, axis, progress));
    view! {
        <div class="race-chart">
            <div class="race-axis" aria-hidden="true">{ticks}</div>
            <ol class="race-lanes">{lanes} {live_lane}</ol>
        </div>
    }
}

fn pct(v: f64) -> String {
    format!("{:.3}%", v * 100.0)
}

fn lane_row(l: LaneRun, axis: Axis, progress: RwSignal<f64>) -> impl IntoView {
    let lane = l.lane.lane();
    let end_x = axis.x(l.end_ns as f64);
    let finished = move || progress.get() >= end_x;
    let failed = matches!(l.outcome, Outcome::Failed { .. });
    let total = match l.outcome {
        Outcome::Ready => format!("{} to {}", ns_text(l.end_ns), lane.ready_when),
        Outcome::Failed { error } => format!("failed after {}: {error}", ns_text(l.end_ns)),
    };
    let bars = l
        .phases
        .iter()
        .map(|p| {
            let (start, end) = (p.start_ns, p.end_ns());
            let name = lane.phases.get(p.phase).map_or("", |ph| ph.name);
            let shown = move || axis.revealed(start, end, progress.get());
            view! {
                <span
                    class=format!("bar phase-{}", p.phase % 6)
                    title=format!("{name}: {}", ns_text(p.duration_ns))
                    style:left=move || pct(shown().map_or(0.0, |s| s.0))
                    style:width=move || pct(shown().map_or(0.0, |s| s.1))
                ></span>
            }
        })
        .collect_view();
    let legend = lane
        .phases
        .iter()
        .enumerate()
        .take(l.phases.len())
        .map(|(i, ph)| view! { <li><span class=format!("swatch phase-{}", i % 6)></span>{ph.name}</li> })
        .collect_view();
    view! {
        <li class="lane" class:failed=failed>
            <div class="lane-head">
                <span class="lane-name">{lane.name}</span>
                <span class="lane-kind modelled">"modelled from sources"</span>
                <span class="lane-total">{move || if finished() { total.clone() } else { "…".to_owned() }}</span>
            </div>
            <div class="lane-track" aria-hidden="true">
                {bars}
                {failed.then(|| view! {
                    <span class="fail-mark" style:left=pct(end_x) class:shown=finished>"✗"</span>
                })}
            </div>
            <ul class="lane-legend" aria-hidden="true">{legend}</ul>
        </li>
    }
}

fn live_row(
    state: RwSignal<LiveState>,
    done: Option<Live>,
    axis: Axis,
    progress: RwSignal<f64>,
) -> impl IntoView {
    let status = move || {
        match state.get() {
        LiveState::Idle => view! { <span class="lane-total">"not measured yet: press “Measure in this browser”"</span> }.into_any(),
        LiveState::Running(done, total) => {
            view! { <span class="lane-total">{format!("measuring… {done} of {total} samples")}</span> }.into_any()
        }
        LiveState::Done(l) => view! {
            <span class="lane-total race-live-median" data-median-us=format!("{:.3}", l.instantiate.median_us)>
                {format!(
                    "median {} to instantiate (spread {}–{})",
                    format_ms(l.instantiate.median_us / 1e3),
                    format_ms(l.instantiate.p10_us / 1e3),
                    format_ms(l.instantiate.p90_us / 1e3)
                )}
            </span>
        }
        .into_any(),
        LiveState::Failed(e) => view! { <span class="lane-total error">{format!("could not measure: {e}")}</span> }.into_any(),
    }
    };
    let track = done.map(|l| {
        let median_ns = (l.instantiate.median_us * 1_000.0) as u64;
        let (lo, hi) =
            (axis.x(l.instantiate.p10_us * 1_000.0), axis.x(l.instantiate.p90_us * 1_000.0));
        let shown = move || axis.revealed(0, median_ns, progress.get());
        view! {
            <span
                class="bar live-bar"
                style:left=move || pct(shown().map_or(0.0, |s| s.0))
                style:width=move || pct(shown().map_or(0.0, |s| s.1))
            ></span>
            <span class="whisker" style:left=pct(lo) style:width=pct((hi - lo).max(0.002))></span>
        }
    });
    view! {
        <li class="lane live">
            <div class="lane-head">
                <span class="lane-name">"Your browser: instantiate the race module"</span>
                <span class="lane-kind measured">"measured here"</span>
                {status}
            </div>
            <div class="lane-track" aria-hidden="true">{track}</div>
        </li>
    }
}

/// Every phase of this run and the previous one, with its range and source.
pub(super) fn table(r: &Race, previous: Option<&Race>) -> impl IntoView + use<> {
    let mut rows = Vec::new();
    for l in &r.lanes {
        let lane = l.lane.lane();
        let before = previous.and_then(|p| p.lanes.iter().find(|x| x.lane == l.lane));
        for (i, phase) in lane.phases.iter().enumerate() {
            let now = l
                .phases
                .get(i)
                .map_or_else(|| "not reached".to_owned(), |p| ns_text(p.duration_ns));
            let then = before
                .and_then(|b| b.phases.get(i))
                .map_or_else(|| "—".to_owned(), |p| ns_text(p.duration_ns));
            let source = phase.duration_ms.source;
            rows.push(
                view! {
                    <tr>
                        <th scope="row">{(i == 0).then_some(lane.name)}</th>
                        <td>{phase.name}<span class="phase-detail">{phase.detail}</span></td>
                        <td class="num">{now}</td>
                        <td class="num">{then}</td>
                        <td class="num">{range_text(&phase.duration_ms)}</td>
                        <td>{source_block(source)}</td>
                    </tr>
                }
                .into_any(),
            );
        }
        if let Outcome::Failed { error } = l.outcome {
            rows.push(
                view! {
                    <tr class="failed-row">
                        <th scope="row"></th>
                        <td colspan="5">"✗ "<code>{error}</code></td>
                    </tr>
                }
                .into_any(),
            );
        }
    }
    view! {
        <div class="table-scroll" role="region" aria-label="Start-up phases and their sources" tabindex="0">
            <table class="race-table">
                <caption>{format!("Each phase in this run (seed {}) and the one before, with its sourced range", r.seed)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Lane"</th>
                        <th scope="col">"Phase"</th>
                        <th scope="col">"This run"</th>
                        <th scope="col">"Previous run"</th>
                        <th scope="col">"Range (low – typical – high)"</th>
                        <th scope="col">"Source"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// How the live lane measured, and how it compares with the modelled figures.
pub(super) fn live_details(done: Option<Live>) -> impl IntoView + use<> {
    let Some(l) = done else {
        return view! { <p class="live-details">"The live lane has not been measured yet."</p> }
            .into_any();
    };
    let wasm = figures::WASM_INSTANTIATE_MS;
    let container = figures::DOCKER_RUN_CACHED_MS;
    let ratio = container.typical * 1_000.0 / l.instantiate.median_us.max(1e-9);
    let clock = if l.isolated {
        "This page is cross-origin isolated, so the clock is fine-grained"
    } else {
        "This page is not cross-origin isolated, so the browser coarsens performance.now()"
    };
    view! {
        <div class="live-details">
            <h3>"Measured here"</h3>
            <ul>
                <li>{format!(
                    "Instantiate: median {}; 10th–90th percentile {}–{}; fastest {}, slowest {} ({} samples of {} instantiations each).",
                    format_ms(l.instantiate.median_us / 1e3), format_ms(l.instantiate.p10_us / 1e3),
                    format_ms(l.instantiate.p90_us / 1e3), format_ms(l.instantiate.min_us / 1e3),
                    format_ms(l.instantiate.max_us / 1e3), l.instantiate.samples, l.instantiate_batch
                )}</li>
                <li>{format!(
                    "Compile (new bytes each time): median {}; 10th–90th percentile {}–{} ({} samples of {}).",
                    format_ms(l.compile.median_us / 1e3), format_ms(l.compile.p10_us / 1e3),
                    format_ms(l.compile.p90_us / 1e3), l.compile.samples, l.compile_batch
                )}</li>
                <li>{format!(
                    "{clock}: its smallest step here was {}. Each sample times a whole batch spanning at least 20 steps and divides by the batch size.",
                    format_ms(l.clock_step_ms)
                )}</li>
                <li
                    class="live-slice"
                    data-longest-slice-ms=format!("{:.1}", l.longest_slice_ms)
                    data-median-slice-ms=format!("{:.1}", l.median_slice_ms)
                >{format!(
                    "The work ran in slices of about {} per animation frame so the page stays responsive: the median slice took {}, the longest {} (a garbage collection or a busy machine can stretch one).",
                    format_ms(super::measure::FRAME_BUDGET_MS), format_ms(l.median_slice_ms), format_ms(l.longest_slice_ms)
                )}</li>
                <li>{format!(
                    "The module is {} bytes: one function, a data segment and one 64 KiB memory it imports (made once and shared, as a pooling runtime reuses memory slots); checksum returned {} as expected.",
                    l.module_bytes, l.checksum
                )}</li>
            </ul>
            <h3>"Modelled from sources"</h3>
            <ul>
                <li>
                    {format!("Wasmtime instantiation: typical {} ({}–{}). ", format_ms(wasm.typical), format_ms(wasm.low), format_ms(wasm.high))}
                    {source_block(wasm.source)}
                </li>
                <li>
                    {format!(
                        "A container start (docker run, image cached): typical {} — about {} times this browser's median instantiation. ",
                        format_ms(container.typical), sim_core::eras::timeline::format_count(ratio)
                    )}
                    {source_block(container.source)}
                </li>
            </ul>
            <p class="conf-legend">
                <span class=confidence_class(wasm.source.confidence)>{confidence_text(wasm.source.confidence)}</span>
                ": read in the paper, documentation or repository itself."
            </p>
        </div>
    }
    .into_any()
}
