//! The reader's progress, kept in `localStorage`: lessons visited and tasks done, shown in the
//! sidebar. A stored value this version cannot read is discarded with a notice, never fatal.

pub mod model;

use crate::page::{PageInfo, split_list};
use model::{DecodeError, Progress};
use std::cell::RefCell;

const KEY: &str = "mtw-progress";

thread_local! {
    static STATE: RefCell<Option<(Progress, String)>> = const { RefCell::new(None) };
}

/// Loads progress, records a visit if this is a lesson, and marks the sidebar.
pub fn start(page: &PageInfo) {
    let mut progress = load();
    if page.is_lesson() && progress.visit(&page.slug) {
        save(&progress);
    }
    STATE.with(|s| *s.borrow_mut() = Some((progress, page.slug.clone())));
    mark_sidebar();
}

/// Records that `task` of the current lesson is done and updates the sidebar.
pub fn complete(task: &str) {
    let changed = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let Some((progress, slug)) = s.as_mut() else { return false };
        // The playground's bundle keeps its own copy: start from what is stored now, so
        // neither bundle overwrites what the other saved.
        *progress = load();
        let changed = progress.complete(slug, task);
        if changed {
            save(progress);
        }
        changed
    });
    if changed {
        mark_sidebar();
    }
}

/// Whether `task` of the current lesson is already done.
pub fn is_done(task: &str) -> bool {
    STATE.with(|s| s.borrow().as_ref().is_some_and(|(p, slug)| p.is_done(slug, task)))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load() -> Progress {
    let Some(raw) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return Progress::default();
    };
    match Progress::decode(&raw) {
        Ok(p) => p,
        Err(e) => {
            if let Some(s) = storage() {
                s.remove_item(KEY).ok();
            }
            let why = match e {
                DecodeError::Foreign => "was written by another version of this site",
                DecodeError::Corrupt(_) => "was damaged",
            };
            crate::notices::show(&format!("Your saved progress {why}, so it has been reset."));
            Progress::default()
        }
    }
}

fn save(progress: &Progress) {
    if let Some(s) = storage() {
        // Storage can be full or disabled; progress then lasts for this page only.
        s.set_item(KEY, &progress.encode()).ok();
    }
}

/// Sets `data-visited` / `data-done` on sidebar links, with text for screen readers.
fn mark_sidebar() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(links) = document.query_selector_all(".lesson-list a[data-slug]") else { return };
    STATE.with(|s| {
        let s = s.borrow();
        let Some((progress, _)) = s.as_ref() else { return };
        for i in 0..links.length() {
            let Some(link) = links
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            else {
                continue;
            };
            let slug = link.get_attribute("data-slug").unwrap_or_default();
            let tasks = split_list(&link.get_attribute("data-tasks").unwrap_or_default());
            let tasks: Vec<&str> = tasks.iter().map(String::as_str).collect();
            let done = progress.all_done(&slug, &tasks);
            let visited = progress.visited.contains(&slug);
            set_flag(&link, "data-done", done);
            set_flag(&link, "data-visited", visited);
            let label = if done {
                " (tasks done)"
            } else if visited {
                " (visited)"
            } else {
                ""
            };
            set_status_text(&document, &link, label);
        }
    });
}

fn set_flag(el: &web_sys::Element, name: &str, on: bool) {
    if on {
        el.set_attribute(name, "").ok();
    } else {
        el.remove_attribute(name).ok();
    }
}

fn set_status_text(document: &web_sys::Document, link: &web_sys::Element, label: &str) {
    let existing = link.query_selector(".visually-hidden").ok().flatten();
    let span = match existing {
        Some(span) => span,
        None => {
            let Ok(span) = document.create_element("span") else { return };
            span.set_class_name("visually-hidden");
            link.append_child(&span).ok();
            span
        }
    };
    span.set_text_content(Some(label));
}
