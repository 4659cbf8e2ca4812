//! The search index, built at build time: one line per section of every page.
//!
//! Format (tab-separated, UTF-8), first line `mtw-search 1`:
//! `url \t page title \t section heading \t section text`, where `url` is relative to the site
//! root. Plain text, so the browser needs no JSON parser to read it.

use crate::course::Course;

/// The index file's first line; bump the number when the format changes.
pub const HEADER: &str = "mtw-search 1";

/// Builds the index for every lesson and page.
pub fn index(course: &Course) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    let pages = course.lessons.iter().map(|l| (format!("lessons/{}/", l.meta.slug), l));
    let others = course.pages.iter().map(|p| {
        let url =
            if p.meta.slug == "overview" { String::new() } else { format!("{}/", p.meta.slug) };
        (url, p)
    });
    for (url, item) in pages.chain(others) {
        for (anchor, heading, text) in item.body.sections() {
            let anchor = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
            out.push_str(&format!(
                "{url}{anchor}\t{}\t{}\t{}\n",
                clean(&item.meta.title),
                clean(heading),
                clean(text)
            ));
        }
    }
    out
}

/// Collapses whitespace (including tabs and newlines, which delimit the format).
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{course::from_sources, front_matter::Kind};

    #[test]
    fn one_line_per_section_with_urls() {
        let lesson = "---\ntitle: Pods\nslug: pods\norder: 1\nsummary: s\n---\nIntro\ttext.\n\n## Pause\n\nThe pause\ncontainer.\n";
        let course = from_sources(&[("a.md".into(), Kind::Lesson, lesson.into())]).unwrap();
        let idx = index(&course);
        let lines: Vec<_> = idx.lines().collect();
        assert_eq!(lines[0], HEADER);
        assert_eq!(lines[1], "lessons/pods/\tPods\t\tIntro text.");
        assert_eq!(lines[2], "lessons/pods/#pause\tPods\tPause\tPause The pause container.");
    }
}
