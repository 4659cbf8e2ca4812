//! The `era-timeline` widget: one tab per era (arrow keys, Home and End move between them),
//! and a panel with the era's dated milestones, its sourced figures and a link to its lesson.

use super::{lesson_href, site_base};
use crate::widgets::sources::source_link;
use leptos::prelude::*;
use sim_core::eras::timeline::{ERAS, Era};
use wasm_bindgen::JsCast;

/// The tab a key moves to from `current` among `len` tabs (wrapping), or `None` for other
/// keys.
pub fn next_tab(current: usize, key: &str, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    match key {
        "ArrowRight" | "ArrowDown" => Some((current + 1) % len),
        "ArrowLeft" | "ArrowUp" => Some((current + len - 1) % len),
        "Home" => Some(0),
        "End" => Some(len - 1),
        _ => None,
    }
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.focus().ok();
    }
}

/// The widget.
#[component]
pub fn EraTimeline(
    /// A name unique on the page, for element ids.
    id: String,
) -> impl IntoView {
    let selected = RwSignal::new(0usize);
    let tab_id = move |i: usize| format!("{id}-era-{i}");
    let panel_id = format!("{}-panel", tab_id(0));
    let base = site_base();
    let tabs = ERAS
        .iter()
        .enumerate()
        .map(|(i, era)| {
            let tab_id = tab_id.clone();
            let me = tab_id(i);
            let on_key = move |ev: web_sys::KeyboardEvent| {
                if let Some(next) = next_tab(i, &ev.key(), ERAS.len()) {
                    ev.prevent_default();
                    selected.set(next);
                    focus(&tab_id(next));
                }
            };
            view! {
                <button
                    type="button"
                    role="tab"
                    id=me
                    class="era-tab"
                    aria-controls=panel_id.clone()
                    aria-selected=move || (selected.get() == i).to_string()
                    tabindex=move || if selected.get() == i { "0" } else { "-1" }
                    on:click=move |_| selected.set(i)
                    on:keydown=on_key
                >
                    <span class="era-years">{era.years()}</span>
                    <span class="era-name">{era.name}</span>
                </button>
            }
        })
        .collect_view();
    let labelled_by = move || tab_id(selected.get());
    view! {
        <div class="era-timeline">
            <div class="era-tabs" role="tablist" aria-label="Eras, from bare metal to WebAssembly">
                {tabs}
            </div>
            <div class="era-panel" role="tabpanel" id=panel_id aria-labelledby=labelled_by tabindex="0">
                {move || ERAS.get(selected.get()).map(|era| panel(era, &base))}
            </div>
        </div>
    }
}

fn panel(era: &'static Era, base: &str) -> impl IntoView + use<> {
    let milestones = era
        .milestones
        .iter()
        .map(|m| {
            view! {
                <li>
                    <span class="milestone-date">{m.date()}</span>
                    " — "
                    {m.event}
                    " "
                    <span class="milestone-source">"("{source_link(m.source)}")"</span>
                </li>
            }
        })
        .collect_view();
    let figures = era
        .figures()
        .map(|(_, f)| {
            let r = f.range();
            view! {
                <li>
                    {f.label}": "<strong class="fig-value">{f.text()}</strong>
                    " "<span class="fig-source">"("{source_link(r.source)}")"</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2 class="era-title">{era.name}" "<span class="era-span">{era.years()}</span></h2>
        <p>{era.summary}</p>
        <h3>"Milestones"</h3>
        <ol class="milestones">{milestones}</ol>
        <h3>"Figures"</h3>
        <ul class="era-figures">{figures}</ul>
        <p>
            <a href=lesson_href(base, era.lesson)>{format!("Read the lesson on {}", era.name.to_lowercase())}</a>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(next_tab(0, "ArrowLeft", 7), Some(6));
        assert_eq!(next_tab(6, "ArrowRight", 7), Some(0));
        assert_eq!(next_tab(3, "Home", 7), Some(0));
        assert_eq!(next_tab(3, "End", 7), Some(6));
        assert_eq!(next_tab(3, "Enter", 7), None);
        assert_eq!(next_tab(0, "ArrowRight", 0), None);
    }
}
