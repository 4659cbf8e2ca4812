//! Printable one-page handouts, one per lesson, for workshops: the lesson's summary, its
//! outline, its "Try it" task and its key terms. Generated from the lessons themselves, so a
//! handout never disagrees with the page it summarises.

use crate::{
    course::{Course, Lesson},
    escape::html,
    markdown::LinkTarget,
};

/// The body of the handouts page (one `<section class="handout">` per lesson).
pub(crate) fn body(course: &Course, base: &str) -> String {
    let mut out = String::from(
        "<article class=\"lesson handouts\">\n<h1>Lesson handouts</h1>\n<p class=\"summary\">One page per \
         lesson for workshops: print this page (each lesson starts on a new sheet) or a single lesson's \
         section.</p>\n",
    );
    for lesson in &course.lessons {
        out.push_str(&handout(course, lesson, base));
    }
    out.push_str("</article>");
    out
}

fn handout(course: &Course, l: &Lesson, base: &str) -> String {
    let slug = &l.meta.slug;
    let outline: String = l
        .body
        .headings
        .iter()
        .filter(|h| h.level == 2 && !matches!(h.id.as_str(), "sources" | "try-it"))
        .map(|h| format!("<li>{}</li>", html(&h.text)))
        .collect();
    let try_it = l
        .body
        .sections()
        .into_iter()
        .find(|(anchor, _, _)| *anchor == "try-it")
        .map(|(_, _, text)| text.trim_start_matches("Try it").trim().to_owned())
        .unwrap_or_default();
    let terms = key_terms(course, l);
    format!(
        "<section class=\"handout\" id=\"handout-{slug}\" aria-labelledby=\"handout-{slug}-title\">\n\
         <h2 id=\"handout-{slug}-title\">{order}. {title}</h2>\n<p class=\"handout-summary\">{summary}</p>\n\
         <h3>In this lesson</h3>\n<ol>{outline}</ol>\n<h3>Try it</h3>\n<p>{try_it}</p>\n\
         <h3>Key terms</h3>\n<p>{terms}</p>\n<p class=\"handout-link\">Online: <a href=\"{base}lessons/{slug}/\">{base}lessons/{slug}/</a></p>\n\
         </section>\n",
        order = l.meta.order.unwrap_or_default(),
        title = html(&l.meta.title),
        summary = html(&l.meta.summary),
        try_it = html(&try_it),
    )
}

/// The glossary terms the lesson links to, in first-link order, by their glossary heading.
fn key_terms(course: &Course, l: &Lesson) -> String {
    let glossary = course.page("glossary");
    let mut seen: Vec<&str> = Vec::new();
    for link in &l.body.links {
        if let LinkTarget::Glossary { term } = &link.target
            && !seen.contains(&term.as_str())
        {
            seen.push(term);
        }
    }
    let names: Vec<String> = seen
        .iter()
        .map(|anchor| {
            glossary
                .and_then(|g| g.body.headings.iter().find(|h| h.id == *anchor))
                .map_or_else(|| anchor.replace('-', " "), |h| h.text.clone())
        })
        .map(|t| html(&t))
        .collect();
    names.join(" · ")
}

#[cfg(test)]
mod tests {
    use crate::{course::from_sources, front_matter::Kind};

    #[test]
    fn a_handout_has_outline_task_and_terms() {
        let lesson = "---\ntitle: Pods\nslug: pods\norder: 5\nsummary: Groups of containers.\n---\n\
                      A [pod](glossary:pod) shares a [namespace](glossary:namespace).\n\n## Why pods\n\ntext\n\n\
                      ## Try it\n\nShare the processes of two containers.\n\n## Sources\n\n- x\n";
        let glossary = "---\ntitle: Glossary\nslug: glossary\nsummary: s\n---\n## Pod\n\nx\n\n## Namespace\n\ny\n";
        let course = from_sources(&[
            ("a.md".into(), Kind::Lesson, lesson.into()),
            ("g.md".into(), Kind::Page, glossary.into()),
        ])
        .unwrap();
        let h = super::body(&course, "/");
        assert!(h.contains("<h2 id=\"handout-pods-title\">5. Pods</h2>"), "{h}");
        assert!(h.contains("<ol><li>Why pods</li></ol>"), "{h}");
        assert!(h.contains("<p>Share the processes of two containers.</p>"), "{h}");
        assert!(h.contains("<p>Pod · Namespace</p>"), "{h}");
    }
}
