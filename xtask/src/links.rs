//! A link checker over a built site: every `href` and `src` that points inside the site must
//! name a file that exists, and every `#fragment` an element `id` in that file. External links
//! are not fetched (the site makes no third-party requests; lessons cite sources by URL).

use anyhow::{Result, bail};
use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

/// Checks every HTML file under `dist`, which is served at `base`. Returns the number of
/// internal links checked.
pub(crate) fn check(dist: &Path, base: &str) -> Result<usize> {
    let mut pages = BTreeMap::new();
    collect_html(dist, dist, &mut pages)?;
    let mut problems = Vec::new();
    let mut checked = 0;
    for (url_path, html) in &pages {
        for link in attribute_values(html) {
            if is_external(&link) {
                continue;
            }
            checked += 1;
            if let Err(why) = resolve(&pages, dist, base, url_path, &link) {
                problems.push(format!("{url_path}: `{link}`: {why}"));
            }
        }
    }
    if !problems.is_empty() {
        bail!("{} broken link(s):\n{}", problems.len(), problems.join("\n"));
    }
    Ok(checked)
}

/// Maps each HTML file to the URL path it is served at (relative to the base, `/`-separated).
fn collect_html(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_html(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "html") {
            let rel = path.strip_prefix(root)?.to_string_lossy().replace('\\', "/");
            let url = rel.strip_suffix("index.html").unwrap_or(&rel).to_owned();
            out.insert(url, fs::read_to_string(&path)?);
        }
    }
    Ok(())
}

/// Values of `href="…"` and `src="…"` attributes (the pages are generated with double quotes).
fn attribute_values(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

fn is_external(link: &str) -> bool {
    ["http://", "https://", "mailto:", "data:"].iter().any(|p| link.starts_with(p))
}

fn resolve(
    pages: &BTreeMap<String, String>,
    dist: &Path,
    base: &str,
    from: &str,
    link: &str,
) -> Result<(), String> {
    let (path_part, fragment) = link.split_once('#').unwrap_or((link, ""));
    let target = if path_part.is_empty() {
        from.to_owned()
    } else if let Some(abs) = path_part.strip_prefix('/') {
        let base_rel = base.trim_start_matches('/');
        abs.strip_prefix(base_rel).ok_or("absolute link outside the base path")?.to_owned()
    } else {
        join(from, path_part).ok_or("relative link climbs above the site root")?
    };
    let file: PathBuf = if target.is_empty() || target.ends_with('/') {
        dist.join(&target).join("index.html")
    } else {
        dist.join(&target)
    };
    if !file.is_file() {
        return Err(format!("no file {}", file.strip_prefix(dist).unwrap_or(&file).display()));
    }
    if !fragment.is_empty() {
        let page = pages.get(&target).ok_or("fragment on a file that is not a page")?;
        if !page.contains(&format!(" id=\"{fragment}\"")) {
            return Err(format!("no element with id `{fragment}`"));
        }
    }
    Ok(())
}

/// Resolves `rel` against the directory of page `from` (both relative to the site root).
fn join(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file name, or "" for a directory URL
    for seg in rel.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if rel.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("lessons/pods/", "../../glossary/").as_deref(), Some("glossary/"));
        assert_eq!(join("lessons/pods/", "../containers/").as_deref(), Some("lessons/containers/"));
        assert_eq!(join("", "lessons/pods/").as_deref(), Some("lessons/pods/"));
        assert_eq!(join("", "../x"), None);
    }

    #[test]
    fn finds_broken_links_and_fragments() {
        let dir = std::env::temp_dir().join(format!("xtask-links-{}", std::process::id()));
        fs::create_dir_all(dir.join("lessons/a")).unwrap();
        fs::write(
            dir.join("index.html"),
            r##"<a href="/base/lessons/a/#x">a</a> <a href="https://x.org/">ext</a>"##,
        )
        .unwrap();
        fs::write(
            dir.join("lessons/a/index.html"),
            r##"<h2 id="x">X</h2><a href="../../missing/">m</a><a href="#y">y</a>"##,
        )
        .unwrap();
        let err = check(&dir, "/base/").unwrap_err().to_string();
        assert!(err.contains("2 broken link(s)"), "{err}");
        assert!(err.contains("lessons/a/: `../../missing/`: no file missing/index.html"), "{err}");
        assert!(err.contains("lessons/a/: `#y`: no element with id `y`"), "{err}");
        fs::write(dir.join("lessons/a/index.html"), r##"<h2 id="x">X</h2><a href="#x">ok</a>"##)
            .unwrap();
        assert_eq!(check(&dir, "/base/").unwrap(), 2);
        fs::remove_dir_all(dir).unwrap();
    }
}
