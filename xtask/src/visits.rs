//! What a first visit to each page transfers: the page itself plus every file its `<head>`
//! references (stylesheet, scripts, the bundle's glue and module, icon, manifest), read from
//! the built HTML, so the figure is what a browser fetches and not what we think it should.

use crate::sizes::{self, Row};

/// One page's first visit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Visit {
    /// The page, relative to the site root.
    pub(crate) page: String,
    /// The app bundle it loads (`-` if none).
    pub(crate) bundle: String,
    /// Whether it holds a cluster playground (which has its own budget).
    pub(crate) playground: bool,
    /// The files fetched, the page first.
    pub(crate) files: Vec<Row>,
    /// Their sum.
    pub(crate) total: Row,
}

/// The first visit to every HTML page in `shipped` (sizes from `rows`).
pub(crate) fn every_page(shipped: &[(String, Vec<u8>)], rows: &[Row], base: &str) -> Vec<Visit> {
    shipped
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| visit(path, &String::from_utf8_lossy(bytes), rows, base))
        .collect()
}

fn visit(page: &str, html: &str, rows: &[Row], base: &str) -> Visit {
    let mut paths = vec![page.to_owned()];
    for r in head_refs(html, base) {
        if !paths.contains(&r) {
            paths.push(r);
        }
    }
    let files: Vec<Row> =
        paths.iter().filter_map(|p| rows.iter().find(|r| r.path == *p).cloned()).collect();
    let bundle = paths
        .iter()
        .find_map(|p| p.strip_prefix("assets/boot-"))
        .and_then(|rest| rest.rsplit_once('-'))
        .map_or("-", |(name, _)| name)
        .to_owned();
    Visit {
        page: page.to_owned(),
        bundle,
        playground: html.contains("data-widget=\"cluster\""),
        total: sizes::total(page, &files),
        files,
    }
}

/// Site-root-relative paths of the `href` and `src` attributes in the `<head>` that point into
/// this site (`base`-prefixed).
fn head_refs(html: &str, base: &str) -> Vec<String> {
    let head = html.find("</head>").map_or(html, |end| &html[..end]);
    let mut refs = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in head.match_indices(attr) {
            let value = &head[at + attr.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            if let Some(path) = value.strip_prefix(base).filter(|p| !p.is_empty()) {
                refs.push(path.to_owned());
            }
        }
    }
    refs
}

/// The largest first visit among pages with (`true`) or without a playground.
pub(crate) fn largest(visits: &[Visit], playground: bool) -> Option<&Visit> {
    visits.iter().filter(|v| v.playground == playground).max_by_key(|v| v.total.brotli)
}

/// Prints one row per page, then the files of the largest visit of each kind.
pub(crate) fn print(visits: &[Visit], rows: &[Row]) {
    let per_page: Vec<Row> = visits
        .iter()
        .map(|v| Row { path: format!("{} [{}]", v.page, v.bundle), ..v.total.clone() })
        .collect();
    sizes::print_table("First visit to each page [bundle it loads]", &per_page);
    for (playground, what) in [(false, "without"), (true, "with")] {
        if let Some(v) = largest(visits, playground) {
            let mut files = v.files.clone();
            files.push(sizes::total("total", &v.files));
            sizes::print_table(&format!("Largest first visit {what} a playground"), &files);
        }
    }
    let site = sizes::total("", rows.iter().filter(|r| r.path != "total"));
    println!(
        "\nAfter a page has loaded, the service worker fetches the rest of the site for offline \
         use in the background: {} files, {} brotli in all.",
        rows.iter().filter(|r| r.path != "total").count(),
        sizes::kb(site.brotli)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(path: &str, brotli: u64) -> Row {
        Row { path: path.into(), raw: brotli * 3, gzip: brotli * 2, brotli }
    }

    const PAGE: &str = "<html><head><link rel=\"stylesheet\" href=\"/c/assets/style-1.css\">\
        <link rel=\"modulepreload\" href=\"/c/assets/eras-2.js\">\
        <script type=\"module\" src=\"/c/assets/boot-eras-3.js\"></script>\
        <link rel=\"icon\" href=\"/c/favicon.svg\"></head><body>\
        <a href=\"/c/lessons/x/\">not fetched</a><img src=\"/c/big.png\"></body></html>";

    #[test]
    fn a_visit_counts_the_page_and_what_its_head_references_once() {
        let rows = [
            row("lessons/a/index.html", 5),
            row("assets/style-1.css", 8),
            row("assets/eras-2.js", 7),
            row("assets/boot-eras-3.js", 1),
            row("favicon.svg", 1),
            row("big.png", 500),
        ];
        let v = visit(
            "lessons/a/index.html",
            &PAGE.replace("</head>", "<link href=\"/c/favicon.svg\"></head>"),
            &rows,
            "/c/",
        );
        assert_eq!(v.files.len(), 5, "{:?}", v.files);
        assert_eq!(v.total.brotli, 22);
        assert_eq!(v.bundle, "eras");
        assert!(!v.playground);
    }

    #[test]
    fn playground_pages_are_told_apart_and_the_largest_found() {
        let rows = [row("a.html", 5), row("b.html", 9), row("assets/style-1.css", 8)];
        let shipped = vec![
            ("a.html".to_owned(), PAGE.as_bytes().to_vec()),
            ("b.html".to_owned(), format!("{PAGE}<figure data-widget=\"cluster\">").into_bytes()),
        ];
        let visits = every_page(&shipped, &rows, "/c/");
        assert_eq!(largest(&visits, false).map(|v| v.page.as_str()), Some("a.html"));
        assert_eq!(largest(&visits, true).map(|v| v.total.brotli), Some(17));
    }
}
