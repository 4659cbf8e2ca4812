//! Renders a fixture course and snapshots the pages, zola style.

use content::{
    Assets, Bundle, SiteOptions, course::from_sources, front_matter::Kind, render_site,
    uncovered_pages,
};

fn bundle(name: &str, widgets: &[&str]) -> Bundle {
    Bundle {
        name: name.into(),
        widgets: widgets.iter().map(|w| (*w).to_owned()).collect(),
        boot_js: format!("boot-{name}.js"),
        app_js: format!("{name}-0.js"),
        wasm: format!("{name}-0.wasm"),
    }
}

/// Two bundles: a small one with the quiz only, and one with every widget.
fn options(base: &str) -> SiteOptions {
    let every: Vec<_> = widget_spec::CATALOG.iter().map(|w| w.name).collect();
    SiteOptions {
        base: base.into(),
        assets: Assets {
            css: "style-0.css".into(),
            site_js: "site-0.js".into(),
            bundles: vec![bundle("read", &["quiz"]), bundle("full", &every)],
        },
    }
}

/// The `src` of the page's boot module.
fn boot_of(html: &str) -> &str {
    let needle = "<script type=\"module\" src=\"";
    let at = html.find(needle).map_or(0, |i| i + needle.len());
    &html[at..at + html[at..].find('"').unwrap_or(0)]
}

#[test]
fn each_page_loads_the_first_bundle_that_holds_its_widgets() {
    let files = render_site(&fixture(), &options("/c/"));
    let boot = |path: &str| {
        boot_of(&files.iter().find(|f| f.path == path).expect("page exists").contents).to_owned()
    };
    assert_eq!(boot("lessons/first/index.html"), "/c/boot-full.js", "the quantity widget");
    assert_eq!(boot("lessons/second/index.html"), "/c/boot-read.js", "no widgets");
    assert_eq!(boot("glossary/index.html"), "/c/boot-read.js");
    assert_eq!(boot("embed/cluster/index.html"), "/c/boot-full.js");
    let first =
        &files.iter().find(|f| f.path == "lessons/first/index.html").expect("page").contents;
    assert!(first.contains("<link rel=\"preload\" href=\"/c/full-0.wasm\""), "{first}");
    assert!(!first.contains("read-0"), "one bundle per page");
}

#[test]
fn a_page_no_bundle_can_serve_is_reported() {
    let mut o = options("/");
    assert!(uncovered_pages(&fixture(), &o.assets).is_empty());
    o.assets.bundles.pop();
    let uncovered = uncovered_pages(&fixture(), &o.assets);
    assert!(uncovered.contains(&"lessons/first/index.html: quantity".to_owned()), "{uncovered:?}");
    assert!(uncovered.iter().any(|p| p.starts_with("embed/cluster/")), "{uncovered:?}");
}

fn fixture() -> content::Course {
    let a = "---\ntitle: First & foremost\nslug: first\norder: 1\nsummary: The <first> one.\n---\n\
             Intro paragraph.\n\n## A section\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
             ```widget quantity\ncaption: Try a quantity\nvalue: 1.5Gi\n```\n";
    let b = "---\ntitle: Second\nslug: second\norder: 2\nsummary: The second one.\n---\n\
             Body with a [link back](lesson:first#a-section) and a [term](glossary:node).\n";
    let g = "---\ntitle: Glossary\nslug: glossary\nsummary: Terms.\n---\n### Node\n\nA machine.\n";
    let o = "---\ntitle: Overview\nslug: overview\nsummary: All at once.\n---\nSee [the first](lesson:first).\n";
    from_sources(&[
        ("a.md".into(), Kind::Lesson, a.into()),
        ("b.md".into(), Kind::Lesson, b.into()),
        ("glossary.md".into(), Kind::Page, g.into()),
        ("overview.md".into(), Kind::Page, o.into()),
    ])
    .expect("fixture renders")
}

#[test]
fn lesson_page_snapshot() {
    let files = render_site(&fixture(), &options("/"));
    let paths: Vec<_> =
        files.iter().map(|f| f.path.as_str()).filter(|p| !p.starts_with("embed/")).collect();
    assert_eq!(
        paths,
        [
            "index.html",
            "glossary/index.html",
            "lessons/first/index.html",
            "lessons/second/index.html",
            "search-index.tsv",
            "handouts/index.html",
            "404.html"
        ]
    );
    insta::assert_snapshot!(files[2].contents);
}

#[test]
fn every_link_carries_the_base() {
    let files = render_site(&fixture(), &options("/course/v1/"));
    for f in &files {
        for attr in ["href=\"", "src=\""] {
            for (i, _) in f.contents.match_indices(attr) {
                let url = &f.contents[i + attr.len()..];
                assert!(
                    url.starts_with("/course/v1/") || !url.starts_with('/'),
                    "{}: link without base: {}",
                    f.path,
                    &url[..url.find('"').unwrap_or(url.len())]
                );
            }
        }
    }
}

#[test]
fn text_is_escaped_everywhere() {
    let files = render_site(&fixture(), &options("/"));
    assert!(files[2].contents.contains("<title>First &amp; foremost · Metal to Wasm</title>"));
    assert!(files[2].contents.contains("The &lt;first&gt; one."));
    assert!(!files[2].contents.contains("<first>"));
}

#[test]
fn internal_links_resolve_relative_to_each_page() {
    let files = render_site(&fixture(), &options("/"));
    let second = &files[3].contents;
    assert!(second.contains("href=\"../../lessons/first/#a-section\""), "{second}");
    assert!(second.contains("href=\"../../glossary/#node\""));
    assert!(files[0].contents.contains("href=\"lessons/first/\""), "overview links from the root");
    assert!(files[1].contents.contains("<h3 id=\"node\">Node</h3>"));
}

#[test]
fn every_embeddable_widget_gets_a_chrome_less_page() {
    let files = render_site(&fixture(), &options("/c/"));
    let embeds: Vec<_> = files.iter().filter(|f| f.path.starts_with("embed/")).collect();
    let expected = widget_spec::CATALOG.iter().filter(|w| w.embeddable()).count();
    assert_eq!(embeds.len(), expected);
    assert!(!embeds.iter().any(|f| f.path == "embed/quiz/index.html"));
    let quantity =
        embeds.iter().find(|f| f.path == "embed/quantity/index.html").expect("quantity embed");
    assert!(quantity.contents.contains("<body class=\"embed\" data-kind=\"embed\">"));
    assert!(quantity.contents.contains("data-widget=\"quantity\" data-embed"));
    assert!(!quantity.contents.contains("class=\"sidebar\""), "no site chrome");
}
