//! The course: every lesson and page, loaded, rendered and cross-checked.

use crate::{
    diagnostics::{Diagnostic, Diagnostics},
    front_matter::{self, FrontMatter, Kind},
    markdown::{self, LinkTarget, Rendered},
};
use std::path::{Path, PathBuf};

/// One rendered Markdown file: a lesson or a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The source file.
    pub file: PathBuf,
    /// Front matter.
    pub meta: FrontMatter,
    /// The rendered body.
    pub body: Rendered,
}

impl Lesson {
    /// Words in the body (for the closing notes and reading-time hints).
    pub fn word_count(&self) -> usize {
        self.body.text.split_whitespace().count()
    }
}

/// Every lesson in course order, and the stand-alone pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Course {
    /// The lessons sorted by `order`.
    pub lessons: Vec<Lesson>,
    /// Pages from `content/pages/` (`overview`, `glossary`), sorted by slug.
    pub pages: Vec<Lesson>,
}

impl Course {
    /// The page with `slug`, if any.
    pub fn page(&self, slug: &str) -> Option<&Lesson> {
        self.pages.iter().find(|p| p.meta.slug == slug)
    }
}

/// A source file: its path, whether it is a lesson or a page, and its text.
pub type Source = (PathBuf, Kind, String);

/// Loads and renders `content_root/lessons/*.md` and `content_root/pages/*.md`.
///
/// Fails with every problem found, each with its file and line.
pub fn load(content_root: &Path) -> Result<Course, Diagnostics> {
    let mut sources = read_dir(&content_root.join("lessons"), Kind::Lesson)?;
    let pages = content_root.join("pages");
    if pages.is_dir() {
        sources.extend(read_dir(&pages, Kind::Page)?);
    }
    from_sources(&sources)
}

fn read_dir(dir: &Path, kind: Kind) -> Result<Vec<Source>, Diagnostics> {
    let io_error = |file: &Path, e: std::io::Error| {
        Diagnostics(vec![Diagnostic { file: file.to_owned(), line: 1, message: e.to_string() }])
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io_error(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).map_err(|e| io_error(&file, e))?;
            Ok((file, kind, text))
        })
        .collect()
}

/// Renders the given sources: [`load`] without the file system.
pub fn from_sources(sources: &[Source]) -> Result<Course, Diagnostics> {
    let mut problems = Vec::new();
    let mut course = Course::default();
    for (file, kind, text) in sources {
        let at = |line, message| Diagnostic { file: file.clone(), line, message };
        let (meta, body, first_line) = match front_matter::split(text, *kind) {
            Ok(parts) => parts,
            Err(errors) => {
                problems.extend(errors.into_iter().map(|e| at(e.line, e.message)));
                continue;
            }
        };
        let root = match kind {
            Kind::Lesson => "../../",
            Kind::Page if meta.slug == "overview" => "",
            Kind::Page => "../",
        };
        match markdown::render(body, first_line, root) {
            Ok(body) => {
                let item = Lesson { file: file.clone(), meta, body };
                match kind {
                    Kind::Lesson => course.lessons.push(item),
                    Kind::Page => course.pages.push(item),
                }
            }
            Err(errors) => problems.extend(errors.into_iter().map(|e| at(e.line, e.message))),
        }
    }
    course.lessons.sort_by_key(|l| l.meta.order);
    course.pages.sort_by(|a, b| a.meta.slug.cmp(&b.meta.slug));
    check_unique(&course, &mut problems);
    check_links(&course, &mut problems);
    if problems.is_empty() { Ok(course) } else { Err(Diagnostics(problems)) }
}

fn check_unique(course: &Course, problems: &mut Vec<Diagnostic>) {
    for pair in course.lessons.windows(2) {
        let [a, b] = pair else { continue };
        if a.meta.order == b.meta.order {
            problems.push(Diagnostic {
                file: b.file.clone(),
                line: 1,
                message: format!(
                    "order {} is also used by {}",
                    b.meta.order.unwrap_or_default(),
                    a.file.display()
                ),
            });
        }
    }
    let all: Vec<&Lesson> = course.lessons.iter().chain(&course.pages).collect();
    for (i, a) in all.iter().enumerate() {
        if let Some(b) = all[..i].iter().find(|b| b.meta.slug == a.meta.slug) {
            problems.push(Diagnostic {
                file: a.file.clone(),
                line: 1,
                message: format!("slug `{}` is also used by {}", a.meta.slug, b.file.display()),
            });
        }
    }
}

/// Every `lesson:`, `glossary:` and `#anchor` link must land on an existing page and heading.
fn check_links(course: &Course, problems: &mut Vec<Diagnostic>) {
    let glossary = course.page("glossary");
    for item in course.lessons.iter().chain(&course.pages) {
        for link in &item.body.links {
            let problem = match &link.target {
                LinkTarget::Lesson { slug, anchor } => {
                    match course.lessons.iter().find(|l| &l.meta.slug == slug) {
                        None => Some(format!("`lesson:{slug}`: there is no lesson with that slug")),
                        Some(l) => anchor
                            .as_ref()
                            .filter(|a| !l.body.anchors.contains(a))
                            .map(|a| format!("`lesson:{slug}#{a}`: that lesson has no heading with this anchor")),
                    }
                }
                LinkTarget::Page { slug, anchor } => {
                    // `handouts` is generated from the lessons rather than written.
                    match course.pages.iter().find(|p| &p.meta.slug == slug) {
                        None if slug == "handouts" && anchor.is_none() => None,
                        None => Some(format!("`page:{slug}`: there is no page with that slug")),
                        Some(p) => {
                            anchor.as_ref().filter(|a| !p.body.anchors.contains(a)).map(|a| {
                                format!(
                                    "`page:{slug}#{a}`: that page has no heading with this anchor"
                                )
                            })
                        }
                    }
                }
                LinkTarget::Glossary { term } => match glossary {
                    None => Some(format!("`glossary:{term}`: there is no glossary page yet")),
                    Some(g) if !g.body.anchors.contains(term) => Some(format!(
                        "`glossary:{term}`: the glossary has no term heading with this anchor"
                    )),
                    Some(_) => None,
                },
                LinkTarget::SamePage { anchor } => (!item.body.anchors.contains(anchor)
                    && !anchor.starts_with("fn-")
                    && anchor != "main")
                    .then(|| format!("`#{anchor}`: no heading on this page has this anchor")),
            };
            if let Some(message) = problem {
                problems.push(Diagnostic { file: item.file.clone(), line: link.line, message });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, order: u32, slug: &str, body: &str) -> Source {
        (
            name.into(),
            Kind::Lesson,
            format!("---\ntitle: {name}\nslug: {slug}\norder: {order}\nsummary: s\n---\n{body}"),
        )
    }

    fn page(slug: &str, body: &str) -> Source {
        (
            format!("{slug}.md").into(),
            Kind::Page,
            format!("---\ntitle: {slug}\nslug: {slug}\nsummary: s\n---\n{body}"),
        )
    }

    #[test]
    fn sorts_by_order() {
        let course = from_sources(&[src("b.md", 2, "b", ""), src("a.md", 1, "a", "")]).unwrap();
        let slugs: Vec<_> = course.lessons.iter().map(|l| l.meta.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b"]);
    }

    #[test]
    fn duplicate_orders_and_slugs_fail() {
        let err = from_sources(&[src("a.md", 1, "x", ""), src("b.md", 1, "x", "")]).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("b.md:1: order 1 is also used by a.md"), "{text}");
        assert!(text.contains("b.md:1: slug `x` is also used by a.md"), "{text}");
    }

    #[test]
    fn widget_errors_carry_file_and_line() {
        let err =
            from_sources(&[src("a.md", 1, "a", "text\n\n```widget nope\n```\n")]).unwrap_err();
        assert!(err.to_string().starts_with("a.md:9: unknown widget `nope`"), "{err}");
    }

    #[test]
    fn broken_internal_links_fail_with_their_line() {
        let a = src(
            "a.md",
            1,
            "a",
            "## Intro\n\n[b](lesson:b#intro) [x](lesson:x) [g](glossary:pod) [h](#nope) [i](#intro)\n",
        );
        let b = src("b.md", 2, "b", "## Other\n");
        let g = page("glossary", "### Node\n\nA machine.\n");
        let text = from_sources(&[a, b, g]).unwrap_err().to_string();
        assert!(
            text.contains("a.md:9: `lesson:b#intro`: that lesson has no heading with this anchor"),
            "{text}"
        );
        assert!(text.contains("a.md:9: `lesson:x`: there is no lesson with that slug"), "{text}");
        assert!(
            text.contains("a.md:9: `glossary:pod`: the glossary has no term heading"),
            "{text}"
        );
        assert!(text.contains("a.md:9: `#nope`: no heading on this page"), "{text}");
        assert_eq!(text.matches("a.md:").count(), 4, "{text}");
    }

    #[test]
    fn valid_links_pass() {
        let a = src("a.md", 1, "a", "## Intro\n\n[b](lesson:b#other) and [node](glossary:node)\n");
        let b = src("b.md", 2, "b", "## Other\n");
        let g = page("glossary", "### Node\n\nA machine.\n");
        let course = from_sources(&[a, b, g]).unwrap();
        assert_eq!(course.pages.len(), 1);
    }
}
