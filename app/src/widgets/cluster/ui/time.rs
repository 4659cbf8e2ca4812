//! Time controls: play and pause, step to the next event, speed, the simulated clock, and a
//! timeline to scrub back through (replayed from the recorded inputs).

use super::{
    super::text,
    looper,
    state::{Speed, Ui},
};
use leptos::prelude::*;
use sim_core::time::SimTime;

/// The panel.
#[component]
pub(crate) fn TimePanel(ui: Ui) -> impl IntoView {
    let heading = ui.dom_id("time");
    let speed_name = ui.dom_id("speed");
    let now = move || {
        ui.tick.get();
        ui.read(|p| p.driver.now()).unwrap_or_default()
    };
    let horizon = move || {
        ui.tick.get();
        ui.read(|p| p.driver.horizon()).unwrap_or_default()
    };
    let toggle = move |_| looper::set_playing(ui, !ui.playing.get_untracked());
    let speeds = Speed::ALL
        .into_iter()
        .map(|s| {
            let id = format!("{speed_name}-{}", s.label().trim_end_matches('×'));
            view! {
                <span class="speed">
                    <input
                        type="radio"
                        id=id.clone()
                        name=speed_name.clone()
                        prop:checked=move || ui.speed.get() == s
                        on:change=move |_| looper::set_speed(ui, s)
                    />
                    <label for=id title=s.description()>{s.label()}</label>
                </span>
            }
        })
        .collect_view();
    let scrub = move |ev: leptos::ev::Event| {
        let secs: f64 = event_target_value(&ev).parse().unwrap_or(0.0);
        looper::seek(ui, SimTime::from_millis((secs * 1000.0).max(0.0) as u64));
    };
    let marks = move || {
        ui.slow.get();
        ui.read(|p| p.marks.clone()).unwrap_or_default()
    };
    view! {
        <div role="group" class="panel time-panel" aria-labelledby=heading.clone()>
            <h3 class="panel-title" id=heading.clone()>"Time"</h3>
            <div class="time-controls">
                <button
                    type="button"
                    class="play"
                    aria-pressed=move || if ui.playing.get() { "true" } else { "false" }
                    on:click=toggle
                >
                    {move || if ui.playing.get() { "Pause" } else { "Play" }}
                </button>
                <button
                    type="button"
                    on:click=move |_| looper::step(ui)
                    title="Run until the next event, then pause"
                >
                    "Step"
                </button>
                <fieldset class="speeds">
                    <legend>"Speed"</legend>
                    {speeds}
                </fieldset>
                <p class="clock">
                    <span class="clock-label">"Simulated time "</span>
                    <output class="clock-value">{move || text::clock(now())}</output>
                    {move || ui.seeking.get().then_some(view! { <span class="replaying">" replaying…"</span> })}
                </p>
            </div>
            <label class="scrubber">
                <span>"Timeline"</span>
                <input
                    type="range"
                    min="0"
                    step="1"
                    prop:max=move || (horizon().as_millis() / 1000).max(1).to_string()
                    prop:value=move || (now().as_millis() / 1000).to_string()
                    aria-valuetext=move || format!("{} of {}", text::when(now()), text::when(horizon()))
                    on:change=scrub
                />
            </label>
            <ul class="marks" aria-label="Jump to a moment">
                <For
                    each=marks
                    key=|m| (m.time, m.text.clone())
                    children=move |m| {
                        let t = m.time;
                        view! {
                            <li>
                                <button type="button" on:click=move |_| looper::seek(ui, t)>
                                    <span class="mark-time">{text::clock(t)}</span>
                                    " "
                                    {m.text.clone()}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </div>
    }
}
