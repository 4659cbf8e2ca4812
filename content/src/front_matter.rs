//! Lesson front matter: a `---` fenced block of `key: value` lines at the top of the file.
//!
//! ```text
//! ---
//! title: Bare metal
//! slug: bare-metal
//! order: 1
//! summary: One application per physical server, and why that was wasteful.
//! ---
//! ```

/// The parsed front matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title`: the page heading and `<title>`.
    pub title: String,
    /// `slug`: the URL segment (`lessons/<slug>/`).
    pub slug: String,
    /// `order`: position in the course (lessons only; pages have none).
    pub order: Option<u32>,
    /// `summary`: one sentence for the lesson list, search results and `<meta description>`.
    pub summary: String,
}

/// A front-matter problem at a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Whether a file is a lesson (which needs an `order`) or a stand-alone page (which has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A lesson in `content/lessons/`.
    Lesson,
    /// A page in `content/pages/` (overview, glossary).
    Page,
}

/// Splits `text` into front matter and the Markdown body.
///
/// Returns the front matter, the body, and the 1-based line the body starts on.
pub fn split(text: &str, kind: Kind) -> Result<(FrontMatter, &str, usize), Vec<FrontMatterError>> {
    let err = |line, message: &str| vec![FrontMatterError { line, message: message.to_owned() }];
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(err(1, "a lesson must start with a `---` front-matter block"));
    };
    let Some(end) =
        rest.find("\n---\n").map(|i| i + 1).or_else(|| rest.strip_prefix("---\n").map(|_| 0))
    else {
        return Err(err(1, "front matter is not closed by a `---` line"));
    };
    let header = &rest[..end];
    let body = &rest[end + 4..];
    let body_line = 2 + header.lines().count() + 1;
    Ok((parse(header, kind)?, body, body_line))
}

fn parse(header: &str, kind: Kind) -> Result<FrontMatter, Vec<FrontMatterError>> {
    let mut errors = Vec::new();
    let (mut title, mut slug, mut order, mut summary) = (None, None, None, None);
    for (i, raw) in header.lines().enumerate() {
        let line_no = i + 2;
        let mut fail = |message: String| errors.push(FrontMatterError { line: line_no, message });
        if raw.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = raw.split_once(':') else {
            fail(format!("expected `key: value`, found `{raw}`"));
            continue;
        };
        let value = value.trim().to_owned();
        if value.is_empty() {
            fail(format!("`{}` is empty", key.trim()));
            continue;
        }
        let slot = match key.trim() {
            "title" => &mut title,
            "slug" => &mut slug,
            "summary" => &mut summary,
            "order" => match value.parse::<u32>() {
                Ok(n) => {
                    order = Some((n, line_no));
                    continue;
                }
                Err(_) => {
                    fail(format!("`order` must be a whole number, found `{value}`"));
                    continue;
                }
            },
            other => {
                fail(format!(
                    "unknown front-matter key `{other}` (expected title, slug, order, summary)"
                ));
                continue;
            }
        };
        if slot.replace(value).is_some() {
            fail(format!("`{}` is given twice", key.trim()));
        }
    }
    if let Some(s) = &slug
        && (s.is_empty()
            || !s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
    {
        errors.push(FrontMatterError {
            line: 1,
            message: format!("slug `{s}` must be lowercase letters, digits and `-`"),
        });
    }
    if kind == Kind::Page
        && let Some((_, line)) = order
    {
        errors.push(FrontMatterError {
            line,
            message: "pages have no `order`; only lessons do".into(),
        });
    }
    let missing: Vec<_> = [
        ("title", title.is_none()),
        ("slug", slug.is_none()),
        ("order", kind == Kind::Lesson && order.is_none()),
        ("summary", summary.is_none()),
    ]
    .into_iter()
    .filter_map(|(k, absent)| absent.then_some(k))
    .collect();
    if !missing.is_empty() {
        errors.push(FrontMatterError {
            line: 1,
            message: format!("front matter lacks: {}", missing.join(", ")),
        });
    }
    match (title, slug, summary) {
        (Some(title), Some(slug), Some(summary)) if errors.is_empty() => {
            Ok(FrontMatter { title, slug, order: order.map(|(n, _)| n), summary })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_header_and_body_with_line_numbers() {
        let text = "---\ntitle: T\nslug: t\norder: 2\nsummary: S\n---\n# Body\n";
        let (fm, body, line) = split(text, Kind::Lesson).unwrap();
        assert_eq!(
            fm,
            FrontMatter {
                title: "T".into(),
                slug: "t".into(),
                order: Some(2),
                summary: "S".into()
            }
        );
        assert_eq!(body, "# Body\n");
        assert_eq!(line, 7);
    }

    #[test]
    fn reports_problems_with_lines() {
        let text = "---\ntitle: T\nslug: Bad Slug\norder: two\ncolour: red\n---\n";
        let errors = split(text, Kind::Lesson).unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (4, "`order` must be a whole number, found `two`"),
                (5, "unknown front-matter key `colour` (expected title, slug, order, summary)"),
                (1, "slug `Bad Slug` must be lowercase letters, digits and `-`"),
                (1, "front matter lacks: order, summary"),
            ]
        );
    }

    #[test]
    fn requires_the_fence() {
        assert_eq!(split("# no front matter", Kind::Lesson).unwrap_err()[0].line, 1);
        assert!(split("---\ntitle: x\n", Kind::Lesson).is_err());
    }

    #[test]
    fn pages_have_no_order() {
        let page = "---\ntitle: G\nslug: glossary\nsummary: S\n---\n";
        assert_eq!(split(page, Kind::Page).unwrap().0.order, None);
        let bad = "---\ntitle: G\nslug: g\norder: 3\nsummary: S\n---\n";
        assert_eq!(
            split(bad, Kind::Page).unwrap_err()[0].message,
            "pages have no `order`; only lessons do"
        );
    }
}
