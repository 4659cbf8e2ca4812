//! The browser app. Lesson pages arrive pre-rendered; this crate finds the widget placeholders
//! the Markdown declared (`<figure data-widget="…">`) and mounts a Leptos component into each.
//!
//! Components stay thin: what a widget computes lives in plain Rust next to it (and in
//! `sim-core`), covered by native tests.
//!
//! **Invariant:** this is the only crate that knows about the DOM.

mod mount;
pub mod widgets;

pub use mount::mount_widgets;
