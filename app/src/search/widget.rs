//! The search box: a combobox with a listbox of results, fully usable by keyboard
//! (`/` to focus, arrows to move, Enter to open, Escape to close).

use super::index::{Hit, Index};
use leptos::{ev, html, mount::mount_to, prelude::*, task::spawn_local};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How many results to show.
const LIMIT: usize = 8;

#[derive(Clone)]
enum Load {
    Idle,
    Loading,
    Ready(Arc<Index>),
    Failed,
}

/// Replaces the header's `[data-search]` placeholder with the search box.
pub fn mount(base: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(target) = document
        .query_selector("[data-search]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    target.set_hidden(false);
    let base = base.to_owned();
    mount_to(target, move || view! { <SearchBox base=base/> }).forget();
}

#[component]
fn SearchBox(base: String) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let (active, set_active) = signal(0usize);
    let (open, set_open) = signal(false);
    let load = RwSignal::new(Load::Idle);
    let input_ref = NodeRef::<html::Input>::new();
    let url = format!("{base}search-index.tsv");
    let ensure_loaded = move || {
        if matches!(load.get_untracked(), Load::Idle) {
            load.set(Load::Loading);
            let url = url.clone();
            spawn_local(async move {
                load.set(
                    fetch_index(&url).await.map_or(Load::Failed, |i| Load::Ready(Arc::new(i))),
                );
            });
        }
    };
    let results = Memo::new(move |_| match load.get() {
        Load::Ready(index) => {
            let hits = index.search(&query.get(), LIMIT);
            Some((index, hits))
        }
        _ => None,
    });
    let count = move || results.with(|r| r.as_ref().map_or(0, |(_, h)| h.len()));
    let base_for_go = base.clone();
    let go = move |i: usize| {
        let target = results.with_untracked(|r| {
            r.as_ref()
                .and_then(|(index, hits)| hits.get(i).map(|h| index.entries[h.entry].url.clone()))
        });
        if let (Some(url), Some(window)) = (target, web_sys::window()) {
            window.location().set_href(&format!("{base_for_go}{url}")).ok();
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            set_open.set(true);
            let n = count();
            if n > 0 {
                set_active.update(|a| *a = (*a + 1) % n);
            }
        }
        "ArrowUp" => {
            ev.prevent_default();
            let n = count();
            if n > 0 {
                set_active.update(|a| *a = (*a + n - 1) % n);
            }
        }
        "Enter" => {
            ev.prevent_default();
            go(active.get_untracked());
        }
        "Escape" => {
            set_open.set(false);
            set_query.set(String::new());
        }
        _ => {}
    };
    // `/` anywhere outside a text field focuses the search box.
    let handle = window_event_listener(ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/"
            && !typing
            && !ev.ctrl_key()
            && !ev.meta_key()
            && let Some(input) = input_ref.get()
        {
            ev.prevent_default();
            input.focus().ok();
        }
    });
    on_cleanup(move || handle.remove());
    let status = move || match load.get() {
        Load::Failed => "Search is unavailable: the index could not be loaded.".to_owned(),
        Load::Loading => "Loading the search index…".to_owned(),
        _ if query.with(|q| q.trim().is_empty()) => String::new(),
        _ => match count() {
            0 => "No results.".to_owned(),
            1 => "1 result.".to_owned(),
            n => format!("{n} results."),
        },
    };
    let showing = move || open.get() && !query.with(|q| q.trim().is_empty());
    view! {
        <div class="search-box">
            <label for="site-search-input" class="visually-hidden">"Search the lessons"</label>
            <input
                id="site-search-input"
                node_ref=input_ref
                type="search"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                placeholder="Search (press /)"
                aria-autocomplete="list"
                aria-controls="site-search-results"
                aria-expanded=move || showing().to_string()
                aria-activedescendant=move || {
                    if showing() && count() > 0 { format!("search-hit-{}", active.get()) } else { String::new() }
                }
                prop:value=query
                on:focus=move |_| ensure_loaded()
                on:input=move |ev| {
                    set_query.set(event_target_value(&ev));
                    set_active.set(0);
                    set_open.set(true);
                }
                on:keydown=on_keydown
                on:blur=move |_| set_open.set(false)
            />
            <ul id="site-search-results" class="search-results" role="listbox" aria-label="Search results" hidden=move || !showing()>
                {move || {
                    results
                        .get()
                        .map(|(index, hits)| {
                            hits.into_iter()
                                .enumerate()
                                .map(|(i, hit)| result_item(&index, hit, i, active, &base))
                                .collect_view()
                        })
                }}
            </ul>
            <p class="visually-hidden" aria-live="polite">{status}</p>
        </div>
    }
}

fn result_item(
    index: &Index,
    hit: Hit,
    i: usize,
    active: ReadSignal<usize>,
    base: &str,
) -> impl IntoView + use<> {
    let entry = &index.entries[hit.entry];
    let title = if entry.heading.is_empty() {
        entry.page.clone()
    } else {
        format!("{} › {}", entry.page, entry.heading)
    };
    let href = format!("{base}{}", entry.url);
    let (before, matched, after) = hit.snippet;
    view! {
        <li
            role="option"
            id=format!("search-hit-{i}")
            aria-selected=move || (active.get() == i).to_string()
            class:active=move || active.get() == i
        >
            // Navigating on mousedown keeps the click from being lost to the input's blur.
            <a href=href.clone() tabindex="-1" on:mousedown=move |ev| {
                ev.prevent_default();
                if let Some(w) = web_sys::window() {
                    w.location().set_href(&href).ok();
                }
            }>
                <span class="hit-title">{title}</span>
                <span class="hit-snippet">{before}<mark>{matched}</mark>{after}</span>
            </a>
        </li>
    }
}

async fn fetch_index(url: &str) -> Option<Index> {
    let window = web_sys::window()?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    Index::parse(&text)
}
