//! The challenge card: the goal, what the simulation sees right now, hints on request, the
//! success state (saved to the reader's progress) and a reset.

use super::{
    super::challenges::{ChallengeDef, Verdict},
    looper,
    state::Ui,
};
use leptos::prelude::*;

/// The card.
#[component]
pub(crate) fn ChallengeCard(ui: Ui, def: &'static ChallengeDef) -> impl IntoView {
    let heading = ui.dom_id("challenge");
    let done_before = crate::progress::is_done(def.id);
    let hints_shown = RwSignal::new(0usize);
    let status = move || match ui.verdict.get() {
        Some(Verdict::Done(s)) => ("done", format!("Done: {s}")),
        Some(Verdict::Failed(s)) => ("failed", format!("Not this time: {s}")),
        Some(Verdict::Working(s)) if !s.is_empty() => ("working", s),
        _ => ("working", "Watching the cluster…".to_owned()),
    };
    let traffic = move || {
        ui.slow.get();
        ui.read(|p| p.driver.checker().map(|c| c.traffic()))
            .flatten()
            .filter(|t| t.ok + t.failed > 0)
            .map(|t| {
                view! {
                    <p class="traffic">
                        {format!("Live traffic: {} requests answered, {} failed.", t.ok, t.failed)}
                    </p>
                }
            })
    };
    let hints = move || {
        def.hints.iter().take(hints_shown.get()).map(|h| view! { <li>{*h}</li> }).collect_view()
    };
    // Outside `view!`: its parser reads the `>` of `>=` in an attribute as the end of the tag.
    let no_more_hints = move || hints_shown.get() >= def.hints.len();
    view! {
        <div
            role="group"
            class="panel challenge"
            class:done=move || matches!(ui.verdict.get(), Some(Verdict::Done(_)))
            aria-labelledby=heading.clone()
        >
            <h3 class="panel-title" id=heading.clone()>"Challenge: "{def.title}</h3>
            <p class="goal">{def.goal}</p>
            {done_before.then_some(view! { <p class="done-before">"You completed this before."</p> })}
            <p class=move || format!("status {}", status().0) role="status">{move || status().1}</p>
            {traffic}
            <ol class="hints">{hints}</ol>
            <div class="challenge-actions">
                <button
                    type="button"
                    on:click=move |_| hints_shown.update(|n| *n = (*n + 1).min(def.hints.len()))
                    disabled=no_more_hints
                >
                    {move || if hints_shown.get() == 0 { "Show a hint" } else { "Another hint" }}
                </button>
                <button type="button" on:click=move |_| looper::reset(ui)>
                    "Start over"
                </button>
            </div>
        </div>
    }
}
