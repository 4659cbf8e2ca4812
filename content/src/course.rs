//! The course: every lesson file, loaded, checked and rendered.

use crate::{
    diagnostics::{Diagnostic, Diagnostics},
    front_matter::{self, FrontMatter},
    markdown::{self, Rendered},
};
use std::path::{Path, PathBuf};

/// One lesson, rendered.
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

/// Every lesson, in course order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Course {
    /// The lessons sorted by `order`.
    pub lessons: Vec<Lesson>,
}

/// Loads and renders every `*.md` file in `dir`.
///
/// Fails with every problem found, each with its file and line.
pub fn load(dir: &Path) -> Result<Course, Diagnostics> {
    let io_error = |file: &Path, e: std::io::Error| {
        Diagnostics(vec![Diagnostic { file: file.to_owned(), line: 1, message: e.to_string() }])
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io_error(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut sources = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| io_error(&file, e))?;
        sources.push((file, text));
    }
    from_sources(&sources)
}

/// Renders lessons given as `(file name, text)` pairs: [`load`] without the file system.
pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<Course, Diagnostics> {
    let mut problems = Vec::new();
    let mut lessons = Vec::new();
    for (file, text) in sources {
        let at = |line, message| Diagnostic { file: file.clone(), line, message };
        match front_matter::split(text) {
            Err(errors) => problems.extend(errors.into_iter().map(|e| at(e.line, e.message))),
            Ok((meta, body, first_line)) => match markdown::render(body, first_line) {
                Ok(body) => lessons.push(Lesson { file: file.clone(), meta, body }),
                Err(errors) => problems.extend(errors.into_iter().map(|e| at(e.line, e.message))),
            },
        }
    }
    lessons.sort_by_key(|l| l.meta.order);
    for pair in lessons.windows(2) {
        let [a, b] = pair else { continue };
        if a.meta.order == b.meta.order {
            problems.push(Diagnostic {
                file: b.file.clone(),
                line: 1,
                message: format!("order {} is also used by {}", b.meta.order, a.file.display()),
            });
        }
    }
    for (i, a) in lessons.iter().enumerate() {
        if let Some(b) = lessons[..i].iter().find(|b| b.meta.slug == a.meta.slug) {
            problems.push(Diagnostic {
                file: a.file.clone(),
                line: 1,
                message: format!("slug `{}` is also used by {}", a.meta.slug, b.file.display()),
            });
        }
    }
    if problems.is_empty() { Ok(Course { lessons }) } else { Err(Diagnostics(problems)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, order: u32, slug: &str, body: &str) -> (PathBuf, String) {
        (
            name.into(),
            format!("---\ntitle: {name}\nslug: {slug}\norder: {order}\nsummary: s\n---\n{body}"),
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
}
