//! Markdown to HTML: the one place that decides which pulldown-cmark extensions are on, heading
//! anchors, and widget directives.

use crate::escape;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use widget_spec::parse_directive;

/// The parser every lesson goes through. Tables, footnotes, strikethrough and smart
/// punctuation are on; nothing else.
pub fn new_cmark_parser(text: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    Parser::new_ext(text, options)
}

/// A heading, for the table of contents and anchors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 2 for `##`, 3 for `###`, ...
    pub level: u8,
    /// The anchor (`id` attribute).
    pub id: String,
    /// The heading's text.
    pub text: String,
    /// Where this heading's section starts in [`Rendered::text`].
    pub text_offset: usize,
}

/// Where an internal link points; checked once every page is rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// `lesson:slug` or `lesson:slug#anchor`.
    Lesson {
        /// The lesson's slug.
        slug: String,
        /// A heading anchor in it.
        anchor: Option<String>,
    },
    /// `glossary:term`: the anchor of a glossary heading.
    Glossary {
        /// The term's anchor.
        term: String,
    },
    /// `page:slug` or `page:slug#anchor`: a stand-alone page (glossary, handouts, playground…).
    Page {
        /// The page's slug.
        slug: String,
        /// A heading anchor in it.
        anchor: Option<String>,
    },
    /// `#anchor` on the same page.
    SamePage {
        /// The anchor.
        anchor: String,
    },
}

/// An internal link and the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InternalLink {
    /// 1-based line in the file.
    pub line: usize,
    /// Where it points.
    pub target: LinkTarget,
}

/// A rendered lesson body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings of level 2 and 3, in order.
    pub headings: Vec<Heading>,
    /// The widgets the body embeds, in order.
    pub widgets: Vec<&'static str>,
    /// The plain text, for the search index and word counts.
    pub text: String,
    /// Every heading anchor on the page, in order.
    pub anchors: Vec<String>,
    /// Internal links, to be checked against the other pages.
    pub links: Vec<InternalLink>,
    /// Number of footnote definitions (the lesson's sources).
    pub footnotes: usize,
    /// The "Try it" tasks the page's widgets verify: a widget's `task` or `challenge`, and
    /// `quiz-N` for the page's Nth quiz.
    pub tasks: Vec<String>,
}

impl Rendered {
    /// The page's text split at its `##`/`###` headings: `(anchor, heading, text)`, starting
    /// with the text before the first heading (empty anchor and heading).
    pub fn sections(&self) -> Vec<(&str, &str, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut current: (&str, &str) = ("", "");
        for h in &self.headings {
            out.push((current.0, current.1, &self.text[start..h.text_offset]));
            start = h.text_offset;
            current = (&h.id, &h.text);
        }
        out.push((current.0, current.1, &self.text[start..]));
        out.retain(|(_, heading, text)| !heading.is_empty() || !text.trim().is_empty());
        out
    }
}

/// A problem at a 1-based line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Renders `body`, whose first line is line `first_line` of its file. `root` is the relative
/// path from the page to the site root (`../../` for a lesson), which internal links are
/// rewritten against, so pages work under any base path.
pub fn render(body: &str, first_line: usize, root: &str) -> Result<Rendered, Vec<LineError>> {
    let line_of = |offset: usize| first_line + body[..offset.min(body.len())].matches('\n').count();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut out = Rendered::default();
    let mut errors = Vec::new();
    let mut ids = Vec::<String>::new();
    let mut widget_count = 0usize;
    let mut in_footnote = false;
    let mut table_count = 0usize;
    let mut parser = new_cmark_parser(body).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_widget(&info) => {
                let name = info.trim().trim_start_matches("widget").trim().to_owned();
                let mut directive_body = String::new();
                for (inner, _) in parser.by_ref() {
                    match inner {
                        Event::Text(t) => directive_body.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                match parse_directive(&name, &directive_body) {
                    Ok(d) => {
                        widget_count += 1;
                        out.widgets.push(d.widget.name);
                        let task = if d.widget.name == "quiz" {
                            let n = out.widgets.iter().filter(|w| **w == "quiz").count();
                            Some(format!("quiz-{n}"))
                        } else {
                            d.get("task").or_else(|| d.get("challenge")).map(str::to_owned)
                        };
                        let html = crate::widget_html::render(&d, widget_count, task.as_deref());
                        out.tasks.extend(task);
                        events.push(Event::Html(CowStr::from(html)));
                    }
                    Err(list) => errors.extend(list.into_iter().map(|e| LineError {
                        line: line_of(range.start) + e.line_offset,
                        message: e.message,
                    })),
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for (inner, _) in parser.by_ref() {
                    match inner {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                out.text.push_str(&code);
                let code = code.strip_suffix('\n').unwrap_or(&code);
                let class = if lang.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"language-{}\"", escape::html(&lang))
                };
                let body = crate::highlight::highlight(&lang, code);
                // Focusable so keyboard users can scroll a long line sideways (WCAG 2.1.1).
                events.push(Event::Html(CowStr::from(format!(
                    "<pre tabindex=\"0\"><code{class}>{body}</code></pre>\n"
                ))));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let mut inner = Vec::new();
                let mut text = String::new();
                for (e, _) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    if let Event::Text(t) | Event::Code(t) = &e {
                        text.push_str(t);
                    }
                    inner.push(e);
                }
                let anchor = id
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| unique_id(&slugify(&text), &mut ids));
                out.anchors.push(anchor.clone());
                if level == HeadingLevel::H1 {
                    errors.push(LineError {
                        line: line_of(range.start),
                        message:
                            "use `##` and below in lessons: the page title is the only `#` heading"
                                .into(),
                    });
                }
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    let level = if level == HeadingLevel::H2 { 2 } else { 3 };
                    out.headings.push(Heading {
                        level,
                        id: anchor.clone(),
                        text: text.clone(),
                        text_offset: out.text.len(),
                    });
                }
                out.text.push_str(&text);
                out.text.push('\n');
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(anchor.into()),
                    classes,
                    attrs,
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let line = line_of(range.start);
                match rewrite_link(&dest_url, root) {
                    Ok((url, target)) => {
                        if let Some(target) = target {
                            out.links.push(InternalLink { line, target });
                        }
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: url.into(),
                            title,
                            id,
                        }));
                    }
                    Err(message) => errors.push(LineError { line, message }),
                }
            }
            // Wide tables scroll inside a focusable region instead of widening the page.
            Event::Start(Tag::Table(_)) => {
                table_count += 1;
                // Landmark names must be unique on a page, hence the number.
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"Table {table_count}\" tabindex=\"0\">"
                ))));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Start(Tag::FootnoteDefinition(_)) => {
                out.footnotes += 1;
                in_footnote = true;
                events.push(event);
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_footnote = false;
                events.push(event);
            }
            // Sources are not lesson text: keep them out of word counts and the search index.
            Event::Text(_) | Event::Code(_) if in_footnote => events.push(event),
            Event::Text(ref t) | Event::Code(ref t) => {
                out.text.push_str(t);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                out.text.push(' ');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    Ok(out)
}

/// Rewrites `lesson:` and `glossary:` links to relative URLs and records them; passes web
/// links through; rejects anything else, so every link on the site is either checked or
/// external.
fn rewrite_link(dest: &str, root: &str) -> Result<(String, Option<LinkTarget>), String> {
    let split_anchor = |s: &str| match s.split_once('#') {
        Some((a, b)) => (a.to_owned(), Some(b.to_owned())),
        None => (s.to_owned(), None),
    };
    if let Some(rest) = dest.strip_prefix("lesson:") {
        let (slug, anchor) = split_anchor(rest);
        let url = format!(
            "{root}lessons/{slug}/{}",
            anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default()
        );
        Ok((url, Some(LinkTarget::Lesson { slug, anchor })))
    } else if let Some(rest) = dest.strip_prefix("page:") {
        let (slug, anchor) = split_anchor(rest);
        // The overview is the home page, so it lives at the site root, not in a folder.
        let dir = if slug == "overview" { String::new() } else { format!("{slug}/") };
        let url =
            format!("{root}{dir}{}", anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default());
        Ok((url, Some(LinkTarget::Page { slug, anchor })))
    } else if let Some(term) = dest.strip_prefix("glossary:") {
        Ok((
            format!("{root}glossary/#{term}"),
            Some(LinkTarget::Glossary { term: term.to_owned() }),
        ))
    } else if let Some(anchor) = dest.strip_prefix('#') {
        Ok((dest.to_owned(), Some(LinkTarget::SamePage { anchor: anchor.to_owned() })))
    } else if dest.starts_with("https://")
        || dest.starts_with("http://")
        || dest.starts_with("mailto:")
    {
        Ok((dest.to_owned(), None))
    } else {
        Err(format!(
            "link `{dest}`: use `lesson:slug[#anchor]`, `page:slug[#anchor]` or `glossary:term` for pages of this site, or a full https:// URL"
        ))
    }
}

fn is_widget(info: &str) -> bool {
    let info = info.trim();
    info == "widget" || info.starts_with("widget ")
}

/// An anchor from heading text: lowercase ASCII letters and digits, words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "section".to_owned() } else { slug }
}

fn unique_id(base: &str, taken: &mut Vec<String>) -> String {
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_anchors() {
        let r =
            render("## Why it matters\n\ntext\n\n## Why it matters\n\n### A `code` bit\n", 1, "")
                .unwrap();
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["why-it-matters", "why-it-matters-2", "a-code-bit"]);
        assert!(r.html.contains("<h2 id=\"why-it-matters\">"));
    }

    #[test]
    fn widget_directives_become_placeholders() {
        let md = "Intro.\n\n```widget quantity\ncaption: A <b>caption</b>\nvalue: 1Gi\n```\n";
        let r = render(md, 1, "../../").unwrap();
        assert_eq!(r.widgets, ["quantity"]);
        assert!(r.html.contains("data-widget=\"quantity\" data-value=\"1Gi\""), "{}", r.html);
        assert!(r.html.contains("<figcaption>A &lt;b&gt;caption&lt;/b&gt;</figcaption>"));
    }

    #[test]
    fn bad_directives_report_file_lines() {
        let md = "# Title\n\ntext\n\n```widget quantity\nvalue: 1Gi\nbogus: 1\n```\n\n```widget nope\n```\n";
        let errors = render(md, 10, "../../").unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            got[0],
            (10, "use `##` and below in lessons: the page title is the only `#` heading")
        );
        assert_eq!(got[1].0, 16, "bogus is on the 7th body line");
        assert!(got[1].1.contains("no parameter `bogus`"));
        assert_eq!(got[2], (14, "widget `quantity` needs parameter `caption`"));
        assert_eq!(got[3].0, 19);
        assert!(got[3].1.starts_with("unknown widget `nope`"));
    }

    #[test]
    fn code_blocks_are_highlighted_at_build_time() {
        let r = render("```yaml\nkind: Pod\n```\n\n    indented <b>\n", 1, "").unwrap();
        assert!(r.html.contains("<pre tabindex=\"0\"><code class=\"language-yaml\"><span class=\"tok-key\">kind</span>"), "{}", r.html);
        assert!(
            r.html.contains("<pre tabindex=\"0\"><code>indented &lt;b&gt;</code></pre>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn sections_and_tasks() {
        let md = "Intro words.\n\n## First\n\nOne.\n\n### Sub\n\nTwo.\n\n```widget quiz\ncaption: c\nquestion: q\nchoice: a\nanswer: b\n```\n";
        let r = render(md, 1, "").unwrap();
        let s = r.sections();
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].0, s[0].1), ("", ""));
        assert!(s[0].2.contains("Intro words."));
        assert_eq!((s[1].0, s[1].1), ("first", "First"));
        assert!(s[1].2.contains("One.") && !s[1].2.contains("Two."));
        assert_eq!(s[2].1, "Sub");
        assert_eq!(r.tasks, ["quiz-1"]);
    }

    #[test]
    fn plain_text_is_collected_for_search() {
        let r = render("## Heading\n\nSome *text* and `code`.\n", 1, "../../").unwrap();
        assert!(r.text.contains("Heading"));
        assert!(r.text.contains("Some text and code."));
    }

    #[test]
    fn internal_links_are_rewritten_and_recorded() {
        let md = "See [pods](lesson:pods#the-pause-container), a [cgroup](glossary:cgroup), [up](#top) and [k8s](https://kubernetes.io/).\n";
        let r = render(md, 3, "../../").unwrap();
        assert!(r.html.contains("href=\"../../lessons/pods/#the-pause-container\""), "{}", r.html);
        assert!(r.html.contains("href=\"../../glossary/#cgroup\""));
        assert!(r.html.contains("href=\"https://kubernetes.io/\""));
        assert_eq!(r.links.len(), 3);
        assert_eq!(
            r.links[0],
            InternalLink {
                line: 3,
                target: LinkTarget::Lesson {
                    slug: "pods".into(),
                    anchor: Some("the-pause-container".into())
                }
            }
        );
    }

    #[test]
    fn page_links_point_into_folders_but_the_overview_is_the_root() {
        let r =
            render("[a](page:glossary#pod) [b](page:overview) [c](page:overview#eras)\n", 1, "../")
                .unwrap();
        assert!(r.html.contains("href=\"../glossary/#pod\""), "{}", r.html);
        assert!(r.html.contains("href=\"../\""), "{}", r.html);
        assert!(r.html.contains("href=\"../#eras\""), "{}", r.html);
    }

    #[test]
    fn relative_links_are_rejected() {
        let errors = render("text\n\n[x](../pods/)\n", 1, "../../").unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert!(errors[0].message.starts_with("link `../pods/`: use `lesson:slug[#anchor]`"));
    }

    #[test]
    fn footnotes_are_counted() {
        let r =
            render("Claim.[^a]\n\n## Sources\n\n[^a]: Somewhere, https://example.org/\n", 1, "")
                .unwrap();
        assert_eq!(r.footnotes, 1);
    }

    #[test]
    fn slugify_rules() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("  ?? "), "section");
        assert_eq!(slugify("kubectl get pods -o wide"), "kubectl-get-pods-o-wide");
    }
}
