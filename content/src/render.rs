//! The course to a set of static files.

use crate::{course::Course, template};

/// The hashed asset file names a page links to, relative to the site root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    /// The stylesheet.
    pub css: String,
    /// The boot module that instantiates the app.
    pub boot_js: String,
    /// wasm-bindgen's JS glue (preloaded).
    pub app_js: String,
    /// The WebAssembly module (preloaded).
    pub wasm: String,
    /// The small blocking script: applies the saved theme before first paint, registers the
    /// service worker.
    pub site_js: String,
}

/// Site-wide build options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteOptions {
    /// The URL path the site is served under: `/` or `/some/path/` (leading and trailing `/`).
    pub base: String,
    /// Asset names.
    pub assets: Assets,
}

/// One file to write, relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators (`lessons/bare-metal/index.html`).
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// Renders every page of the site.
pub fn render_site(course: &Course, options: &SiteOptions) -> Vec<OutputFile> {
    let mut files =
        vec![OutputFile { path: "index.html".into(), contents: template::home(course, options) }];
    for page in course.pages.iter().filter(|p| p.meta.slug != "overview") {
        files.push(OutputFile {
            path: format!("{}/index.html", page.meta.slug),
            contents: template::page(course, page, options),
        });
    }
    for (i, lesson) in course.lessons.iter().enumerate() {
        files.push(OutputFile {
            path: format!("lessons/{}/index.html", lesson.meta.slug),
            contents: template::lesson(course, i, options),
        });
    }
    files.push(OutputFile {
        path: "search-index.tsv".into(),
        contents: crate::search::index(course),
    });
    for widget in widget_spec::CATALOG.iter().filter(|w| w.embeddable()) {
        files.push(OutputFile {
            path: format!("embed/{}/index.html", widget.name),
            contents: template::embed(widget, options),
        });
    }
    files.push(OutputFile {
        path: "handouts/index.html".into(),
        contents: template::handouts(course, options),
    });
    files.push(OutputFile {
        path: "404.html".into(),
        contents: template::not_found(course, options),
    });
    files
}
