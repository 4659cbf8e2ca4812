//! The course to a set of static files.

use crate::{course::Course, template};

/// The hashed asset file names a page links to, relative to the site root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    /// The stylesheet.
    pub css: String,
    /// The small blocking script: applies the saved theme before first paint, registers the
    /// service worker.
    pub site_js: String,
    /// The app's bundles, in order of preference (smallest first): each page loads the first
    /// one that holds every widget on it, and only that one.
    pub bundles: Vec<Bundle>,
}

/// One build of the browser app and the files that load it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// The bundle's name (`read`, `cluster`, ...).
    pub name: String,
    /// The widgets it can mount, by catalogue name.
    pub widgets: Vec<String>,
    /// The boot module that instantiates it.
    pub boot_js: String,
    /// wasm-bindgen's JS glue (preloaded).
    pub app_js: String,
    /// The WebAssembly module (preloaded).
    pub wasm: String,
}

impl Assets {
    /// The bundle a page holding `widgets` loads: the first that has them all.
    pub fn bundle_for(&self, widgets: &[&str]) -> Option<&Bundle> {
        self.bundles.iter().find(|b| widgets.iter().all(|w| b.widgets.iter().any(|h| h == w)))
    }
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

/// Every page that will show widgets, with their names: the lessons, the stand-alone pages
/// (the overview is the home page) and one embed page per embeddable widget.
pub fn widget_pages(course: &Course) -> Vec<(String, Vec<&'static str>)> {
    let mut pages = Vec::new();
    for p in &course.pages {
        let path = if p.meta.slug == "overview" {
            "index.html".to_owned()
        } else {
            format!("{}/index.html", p.meta.slug)
        };
        pages.push((path, p.body.widgets.clone()));
    }
    for l in &course.lessons {
        pages.push((format!("lessons/{}/index.html", l.meta.slug), l.body.widgets.clone()));
    }
    for w in widget_spec::CATALOG.iter().filter(|w| w.embeddable()) {
        pages.push((format!("embed/{}/index.html", w.name), vec![w.name]));
    }
    pages
}

/// Pages whose widgets no single bundle holds, as `path: widgets` lines (empty when every page
/// is covered). The build fails on any: such a page would lose a widget.
pub fn uncovered_pages(course: &Course, assets: &Assets) -> Vec<String> {
    widget_pages(course)
        .into_iter()
        .filter(|(_, widgets)| assets.bundle_for(widgets).is_none())
        .map(|(path, widgets)| format!("{path}: {}", widgets.join(", ")))
        .collect()
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
