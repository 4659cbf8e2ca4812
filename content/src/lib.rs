//! The build-time half of the site: loads the Markdown lessons in `content/lessons/`, renders
//! them with pulldown-cmark into complete HTML pages (text, headings, code and tables are in the
//! HTML, so a lesson reads with JavaScript off, prints, and is indexable), and turns widget
//! directives into placeholders the browser app mounts into.
//!
//! Pipeline, mdBook style: [`course::load`] → [`render::render_site`] → files on disk
//! (written by `xtask`).
//!
//! **Invariants:** this is the only crate that depends on `pulldown-cmark` (it never ships in
//! the WASM bundle); it does no I/O except reading the lesson directory in [`course::load`].

pub mod course;
pub mod diagnostics;
mod escape;
pub mod front_matter;
mod handouts;
pub mod highlight;
pub mod markdown;
pub mod render;
pub mod search;
mod template;
mod widget_html;

pub use course::{Course, Lesson, load};
pub use diagnostics::{Diagnostic, Diagnostics};
pub use render::{
    Assets, Bundle, OutputFile, SiteOptions, render_site, uncovered_pages, widget_pages,
};
