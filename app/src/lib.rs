//! The browser app. Lesson pages arrive pre-rendered; this crate adds what needs a program:
//! it mounts a Leptos component into every widget placeholder the Markdown declared
//! (`<figure data-widget="…">`), runs site search, and keeps the reader's progress.
//!
//! Components stay thin: what a widget computes lives in plain Rust next to it (and in
//! `sim-core`), covered by native tests.
//!
//! **Invariant:** this is the only crate that knows about the DOM.

pub mod embed;
mod embed_ui;
mod mount;
pub mod notices;
pub mod page;
pub mod progress;
pub mod search;
pub mod widgets;

pub use mount::mount_widgets;

/// Starts everything on the current page.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let page = page::PageInfo::read(&document);
    progress::start(&page);
    // Components are built before `mount_to` (which would set the executor up) and some
    // create effects at once; an error only means it was already set up.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    search::mount(&page.base);
    mount_widgets(&page.base);
}
