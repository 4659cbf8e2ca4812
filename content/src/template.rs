//! Page layouts. Every interpolated string goes through [`escape::html`] except HTML this crate
//! rendered itself.

use crate::{course::Course, escape::html, render::SiteOptions};

/// The site's name, in `<title>` and the header.
pub(crate) const SITE_NAME: &str = "Metal to Wasm";

/// The Content-Security-Policy every page carries: only this origin, no inline script or
/// style, and `'wasm-unsafe-eval'` so the app's WebAssembly may compile.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'";

/// Stand-alone pages linked from the sidebar, in order, with their link text.
const SIDEBAR_PAGES: [(&str, &str); 3] =
    [("playground", "Playground"), ("glossary", "Glossary"), ("instructors", "For instructors")];

struct Page<'a> {
    title: &'a str,
    description: &'a str,
    body: String,
    current: Current,
    /// The widgets on the page: they decide which bundle of the app it loads.
    widgets: &'a [&'static str],
}

/// Which sidebar entry is the current page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Current {
    None,
    Home,
    Lesson(usize),
    Page(&'static str),
}

fn layout(course: &Course, o: &SiteOptions, page: Page<'_>) -> String {
    let base = &o.base;
    let a = &o.assets;
    let title = if page.title == SITE_NAME {
        SITE_NAME.to_owned()
    } else {
        format!("{} · {SITE_NAME}", html(page.title))
    };
    format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="description" content="{description}">
<meta name="site-base" content="{base}">
<title>{title}</title>
<link rel="icon" href="{base}favicon.svg" type="image/svg+xml">
<link rel="manifest" href="{base}manifest.webmanifest">
<meta name="theme-color" content="#1d4ed8">
<link rel="stylesheet" href="{base}{css}">
{app}<script src="{base}{site_js}"></script>
</head>
<body{body_attrs}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="brand" href="{base}">{SITE_NAME}</a>
<div class="site-search" data-search hidden></div>
<button class="theme-toggle" type="button" hidden>Dark theme</button>
</header>
<div class="notices" data-notices aria-live="polite"></div>
<div class="layout">
{nav}
<main id="main" tabindex="-1">
{body}
</main>
</div>
<footer class="site-footer"><p>Runs entirely in your browser: no server, no tracking. Simulations are simplified where they say so.</p></footer>
</body>
</html>
"##,
        description = html(page.description),
        css = a.css,
        app = app_tags(o, page.widgets),
        site_js = a.site_js,
        body_attrs = body_attrs(course, page.current),
        nav = sidebar(course, base, page.current),
        body = page.body,
    )
}

/// The `<head>` tags that load the app's bundle for a page holding `widgets`: the glue and the
/// module preloaded (so both download while the boot module is parsed), then the boot module.
/// Empty when no bundle holds them all, which the build reports as an error before rendering.
fn app_tags(o: &SiteOptions, widgets: &[&str]) -> String {
    let Some(b) = o.assets.bundle_for(widgets) else { return String::new() };
    let base = &o.base;
    format!(
        "<link rel=\"modulepreload\" href=\"{base}{}\">\n\
         <link rel=\"preload\" href=\"{base}{}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
         <script type=\"module\" src=\"{base}{}\"></script>\n",
        b.app_js, b.wasm, b.boot_js
    )
}

/// `data-` attributes the app reads: which lesson this is and the tasks it holds.
fn body_attrs(course: &Course, current: Current) -> String {
    match current {
        Current::Lesson(i) => {
            let l = &course.lessons[i];
            format!(
                " data-kind=\"lesson\" data-slug=\"{}\" data-tasks=\"{}\"",
                l.meta.slug,
                html(&l.body.tasks.join(","))
            )
        }
        Current::Home => " data-kind=\"home\"".to_owned(),
        Current::Page(slug) => format!(" data-kind=\"page\" data-slug=\"{slug}\""),
        Current::None => String::new(),
    }
}

fn sidebar(course: &Course, base: &str, current: Current) -> String {
    let aria = |is: bool| if is { r#" aria-current="page""# } else { "" };
    let mut items = String::new();
    for (i, l) in course.lessons.iter().enumerate() {
        items.push_str(&format!(
            "<li><a href=\"{base}lessons/{slug}/\" data-slug=\"{slug}\" data-tasks=\"{}\"{}>{}</a></li>\n",
            html(&l.body.tasks.join(",")),
            aria(current == Current::Lesson(i)),
            html(&l.meta.title),
            slug = l.meta.slug,
        ));
    }
    let mut extra =
        format!("<li><a href=\"{base}\"{}>Overview</a></li>\n", aria(current == Current::Home));
    for (slug, label) in SIDEBAR_PAGES {
        if course.page(slug).is_some() {
            extra.push_str(&format!(
                "<li><a href=\"{base}{slug}/\"{}>{label}</a></li>\n",
                aria(current == Current::Page(slug))
            ));
        }
    }
    format!(
        "<nav class=\"sidebar\" aria-label=\"Lessons\">\n<ul class=\"site-pages\">\n{extra}</ul>\n\
         <ol class=\"lesson-list\">\n{items}</ol>\n</nav>"
    )
}

/// The home page: the overview page's text and the course at a glance.
pub(crate) fn home(course: &Course, o: &SiteOptions) -> String {
    let mut list = String::new();
    for l in &course.lessons {
        list.push_str(&format!(
            "<li><a href=\"{}lessons/{}/\">{}</a><p>{}</p></li>\n",
            o.base,
            l.meta.slug,
            html(&l.meta.title),
            html(&l.meta.summary)
        ));
    }
    let overview = course.page("overview").map(|p| p.body.html.as_str()).unwrap_or_default();
    let body = format!(
        "<article class=\"home\">\n<h1>{SITE_NAME}</h1>\n<p class=\"tagline\">How infrastructure got \
         from bare metal to Kubernetes, serverless and WebAssembly — by playing with it.</p>\n\
         {overview}<h2 id=\"lessons\">The lessons</h2>\n<ol class=\"course\">\n{list}</ol>\n</article>"
    );
    let description =
        "Interactive lessons on infrastructure history, from bare metal to WebAssembly.";
    let widgets = course.page("overview").map(|p| p.body.widgets.as_slice()).unwrap_or_default();
    layout(course, o, Page { title: SITE_NAME, description, body, current: Current::Home, widgets })
}

/// A stand-alone page such as the glossary.
pub(crate) fn page(course: &Course, p: &crate::Lesson, o: &SiteOptions) -> String {
    let body = format!(
        "<article class=\"lesson\">\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n{}</article>",
        html(&p.meta.title),
        html(&p.meta.summary),
        p.body.html
    );
    let current = SIDEBAR_PAGES
        .iter()
        .find(|(slug, _)| *slug == p.meta.slug)
        .map_or(Current::None, |(slug, _)| Current::Page(slug));
    let (title, description, widgets) = (&p.meta.title, &p.meta.summary, &p.body.widgets);
    layout(course, o, Page { title, description, body, current, widgets })
}

/// The page of lesson `i`.
pub(crate) fn lesson(course: &Course, i: usize, o: &SiteOptions) -> String {
    let l = &course.lessons[i];
    let mut toc = String::new();
    for h in &l.body.headings {
        toc.push_str(&format!(
            "<li class=\"toc-h{}\"><a href=\"#{}\">{}</a></li>\n",
            h.level,
            h.id,
            html(&h.text)
        ));
    }
    let toc = if toc.is_empty() {
        String::new()
    } else {
        format!(
            "<nav class=\"toc\" aria-label=\"On this page\">\n<h2>On this page</h2>\n<ol>\n{toc}</ol>\n</nav>\n"
        )
    };
    let link = |j: usize, rel: &str, label: &str| {
        let t = &course.lessons[j].meta;
        format!(
            "<a class=\"pager-{rel}\" rel=\"{rel}\" href=\"{}lessons/{}/\"><span>{label}</span> {}</a>",
            o.base,
            t.slug,
            html(&t.title)
        )
    };
    let prev = i.checked_sub(1).map(|j| link(j, "prev", "Previous:")).unwrap_or_default();
    let next =
        if i + 1 < course.lessons.len() { link(i + 1, "next", "Next:") } else { String::new() };
    let body = format!(
        "<article class=\"lesson\">\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n{toc}{}</article>\n\
         <nav class=\"pager\" aria-label=\"Previous and next lesson\">{prev}{next}</nav>",
        html(&l.meta.title),
        html(&l.meta.summary),
        l.body.html
    );
    layout(
        course,
        o,
        Page {
            title: &l.meta.title,
            description: &l.meta.summary,
            body,
            current: Current::Lesson(i),
            widgets: &l.body.widgets,
        },
    )
}

/// The printable handouts, one section (and printed sheet) per lesson.
pub(crate) fn handouts(course: &Course, o: &SiteOptions) -> String {
    let body = crate::handouts::body(course, &o.base);
    let description = "Printable one-page handouts for every lesson.";
    let (title, current) = ("Lesson handouts", Current::None);
    layout(course, o, Page { title, description, body, current, widgets: &[] })
}

/// The page static hosts serve for unknown paths.
pub(crate) fn not_found(course: &Course, o: &SiteOptions) -> String {
    let body = format!(
        "<article class=\"lesson\">\n<h1>Page not found</h1>\n<p>There is no page at this address. \
         Start from the <a href=\"{}\">list of lessons</a>.</p>\n</article>",
        o.base
    );
    layout(
        course,
        o,
        Page {
            title: "Page not found",
            description: "Page not found.",
            body,
            current: Current::None,
            widgets: &[],
        },
    )
}

/// A widget alone, for `<iframe>` embedding: no site chrome; its parameters come from the
/// page's URL query (the app validates them against the catalogue) and it posts its height
/// to the parent page (`app/js/site.js`).
pub(crate) fn embed(widget: &widget_spec::WidgetSpec, o: &SiteOptions) -> String {
    let base = &o.base;
    let a = &o.assets;
    let name = widget.name;
    let summary = html(widget.summary);
    let fallback = if widget.available {
        format!(
            "<p class=\"widget-fallback\">Interactive: {summary} It needs JavaScript and WebAssembly.</p>"
        )
    } else {
        format!(
            "<p class=\"widget-placeholder\" role=\"note\"><strong>Simulation coming soon.</strong> {summary}</p>"
        )
    };
    format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="robots" content="noindex">
<meta name="site-base" content="{base}">
<title>{name} · {SITE_NAME}</title>
<link rel="icon" href="{base}favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{base}{css}">
{app}<script src="{base}{site_js}"></script>
</head>
<body class="embed" data-kind="embed">
<main id="main">
<h1 class="visually-hidden">{summary}</h1>
<figure class="widget" id="widget-1" data-widget="{name}" data-embed><div class="widget-mount">{fallback}</div></figure>
<p class="embed-credit"><a href="{base}" target="_blank" rel="noopener">{SITE_NAME}</a>: interactive lessons from bare metal to WebAssembly.</p>
</main>
<div class="notices" data-notices aria-live="polite"></div>
</body>
</html>
"##,
        css = a.css,
        app = app_tags(o, &[name]),
        site_js = a.site_js,
    )
}
