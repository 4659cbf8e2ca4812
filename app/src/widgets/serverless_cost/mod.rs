//! The `serverless-cost` widget: a traffic pattern and a request rate in; one simulated day of
//! execution environments, cold starts and latency, and the monthly bills of per-request
//! pricing and always-on servers, with the break-even rate, out.

pub mod model;
mod view;

use leptos::prelude::*;
use model::{found_break_even, pos_from_rate, rate_from_pos};
use sim_core::eras::serverless::{Fleet, Pattern, Scenario, WORKLOADS, run};

/// The rate the widget starts at: the lesson's 10 million requests a month.
pub const START_RPS: f64 = 3.8;

/// The widget.
#[component]
pub fn ServerlessCost(
    /// The pattern shown first (`steady`, `bursty`, ...); steady if unknown.
    pattern: String,
    /// The Try it task id (`find-break-even`) or empty.
    task: String,
    /// A name unique on the page, for form controls.
    id: String,
) -> impl IntoView {
    let pattern = RwSignal::new(Pattern::from_key(&pattern).unwrap_or(Pattern::Steady));
    let pos = RwSignal::new(pos_from_rate(START_RPS));
    let workload = RwSignal::new(0usize);
    let fleet = RwSignal::new(Fleet::OneVm);
    let free_tier = RwSignal::new(false);
    let seed = RwSignal::new(1u64);
    let task = StoredValue::new(task);
    let done = RwSignal::new(task.with_value(|t| !t.is_empty() && crate::progress::is_done(t)));

    let scenario = Memo::new(move |_| Scenario {
        pattern: pattern.get(),
        mean_rps: rate_from_pos(pos.get()),
        workload: WORKLOADS.get(workload.get()).copied().unwrap_or(WORKLOADS[0]),
        fleet: fleet.get(),
        free_tier: free_tier.get(),
        seed: seed.get(),
    });
    let report = Memo::new(move |_| run(&scenario.get()).map_err(|e| e.to_string()));
    Effect::new(move |_| {
        let be = report.with(|r| r.as_ref().ok().and_then(|r| r.break_even.map(|b| b.rps)));
        let hit = found_break_even(pattern.get(), rate_from_pos(pos.get()), be);
        task.with_value(|t| {
            if t == "find-break-even" && hit && !done.get_untracked() {
                crate::progress::complete(t);
                done.set(true);
            }
        });
    });

    let pattern_radios = Pattern::ALL
        .into_iter()
        .map(|p| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=format!("{id}-pattern")
                        prop:checked=move || pattern.get() == p
                        on:change=move |_| pattern.set(p)
                    />
                    {p.name()}
                </label>
            }
        })
        .collect_view();
    let fleet_radio = |f: Fleet, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name=format!("{id}-fleet")
                    prop:checked=move || fleet.get() == f
                    on:change=move |_| fleet.set(f)
                />
                {label}
            </label>
        }
    };
    let workload_options = WORKLOADS
        .iter()
        .enumerate()
        .map(|(i, w)| view! { <option value=i.to_string() selected=i == 0>{w.name}</option> })
        .collect_view();
    let rate_id = format!("{id}-rate");
    let task_note = move || {
        (task.with_value(|t| t == "find-break-even")).then(|| {
            if done.get() {
                view! { <p class="task-done" role="status">"Task complete: you found where the two bills cross for steady traffic."</p> }.into_any()
            } else {
                view! { <p class="task-hint">"Try it: with steady traffic, move the rate until the two monthly bills are equal (within 5 %)."</p> }.into_any()
            }
        })
    };

    view! {
        <div class="serverless">
            <div class="sl-controls">
                <fieldset class="segmented">
                    <legend>"Traffic pattern"</legend>
                    {pattern_radios}
                </fieldset>
                <p class="sl-pattern-note">{move || pattern.get().description()}</p>
                <div class="sl-rate">
                    <label for=rate_id.clone()>"Mean request rate"</label>
                    <input
                        id=rate_id
                        type="range"
                        min="0"
                        max=model::RATE_STEPS.to_string()
                        step="1"
                        prop:value=move || pos.get().to_string()
                        aria-valuetext=move || model::rate_text(rate_from_pos(pos.get()))
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                                pos.set(v);
                            }
                        }
                    />
                    <output class="sl-rate-value">
                        {move || {
                            let r = rate_from_pos(pos.get());
                            format!(
                                "{} ≈ {} requests a month",
                                model::rate_text(r),
                                model::monthly_text(r * sim_core::eras::serverless::pricing::seconds_per_month())
                            )
                        }}
                    </output>
                </div>
                <label class="field sl-workload">
                    <span>"Workload"</span>
                    <select on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            workload.set(i);
                        }
                    }>{workload_options}</select>
                </label>
                <fieldset class="segmented">
                    <legend>"Always-on alternative"</legend>
                    {fleet_radio(Fleet::OneVm, "m5.large VMs (at least one)")}
                    {fleet_radio(Fleet::SmallCluster, "A three-node cluster")}
                </fieldset>
                <label class="choice">
                    <input type="checkbox" prop:checked=free_tier on:change=move |_| free_tier.update(|f| *f = !*f) />
                    "Apply Lambda's monthly free tier"
                </label>
                <button type="button" class="sl-new-day" on:click=move |_| seed.update(|s| *s += 1)>
                    "Simulate another day"
                </button>
            </div>
            {task_note}
            {move || match report.get() {
                Ok(r) => view::results(r, scenario.get()).into_any(),
                Err(e) => view! { <p class="error">{e}</p> }.into_any(),
            }}
        </div>
    }
}
