//! The HTML a widget directive becomes: a `<figure data-widget>` placeholder whose fallback is
//! what readers without WASM (and printers) see, and which the app mounts into.

use crate::escape::html;
use widget_spec::Directive;

/// The figure for directive `d`, the `n`th widget on its page; `task` is the "Try it" task id
/// the widget completes (the quiz's comes from its position on the page).
pub(crate) fn render(d: &Directive, n: usize, task: Option<&str>) -> String {
    let name = d.widget.name;
    let caption = html(d.caption());
    if name == "quiz" {
        return format!(
            "<figure class=\"widget quiz\" id=\"widget-{n}\" data-widget=\"quiz\" data-task=\"{}\">\
             <div class=\"widget-mount\">{}</div><figcaption>{caption}</figcaption></figure>\n",
            html(task.unwrap_or_default()),
            quiz(d)
        );
    }
    let mut attrs = String::new();
    for (k, v) in d.params.iter().filter(|(k, _)| *k != "caption") {
        attrs.push_str(&format!(" data-{k}=\"{}\"", html(v)));
    }
    let summary = html(d.widget.summary);
    let fallback = if d.widget.available {
        format!(
            "<p class=\"widget-fallback\">Interactive: {summary} It needs JavaScript and \
             WebAssembly; it starts once the page has loaded.</p>"
        )
    } else {
        format!(
            "<p class=\"widget-placeholder\" role=\"note\"><strong>Simulation coming soon.</strong> \
             {summary}</p>"
        )
    };
    format!(
        "<figure class=\"widget\" id=\"widget-{n}\" data-widget=\"{name}\"{attrs}>\
         <div class=\"widget-mount\">{fallback}</div><figcaption>{caption}</figcaption></figure>\n"
    )
}

/// A quiz as static, readable markup: each question with its options, and the answer behind a
/// disclosure. The app turns the same markup into an interactive quiz.
fn quiz(d: &Directive) -> String {
    let mut out = String::from("<ol class=\"quiz-questions\">");
    let mut open = false;
    let mut answer = String::new();
    let mut explain = String::new();
    let close = |out: &mut String, answer: &str, explain: &str| {
        out.push_str(&format!(
            "</ul><details class=\"quiz-reveal\"><summary>Show the answer</summary><p><strong class=\"quiz-answer\">{}</strong> \
             <span class=\"quiz-explain\">{}</span></p></details></li>",
            html(answer),
            html(explain)
        ));
    };
    for (key, value) in &d.params {
        match *key {
            "question" => {
                if open {
                    close(&mut out, &answer, &explain);
                }
                open = true;
                explain.clear();
                out.push_str(&format!(
                    "<li class=\"quiz-question\"><p class=\"quiz-prompt\">{}</p><ul class=\"quiz-options\">",
                    html(value)
                ));
            }
            "choice" => out.push_str(&format!("<li>{}</li>", html(value))),
            "answer" => {
                answer = value.clone();
                out.push_str(&format!("<li data-answer=\"\">{}</li>", html(value)));
            }
            "explain" => explain = value.clone(),
            _ => {}
        }
    }
    if open {
        close(&mut out, &answer, &explain);
    }
    out.push_str("</ol>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use widget_spec::parse_directive;

    #[test]
    fn quizzes_render_readable_static_markup() {
        let d = parse_directive(
            "quiz",
            "caption: Check\nquestion: Q <1>?\nchoice: a\nanswer: b\nexplain: because\n",
        )
        .unwrap();
        let h = render(&d, 2, Some("quiz-1"));
        assert!(
            h.starts_with("<figure class=\"widget quiz\" id=\"widget-2\" data-widget=\"quiz\" data-task=\"quiz-1\">"),
            "{h}"
        );
        assert!(h.contains("<p class=\"quiz-prompt\">Q &lt;1&gt;?</p>"));
        assert!(h.contains("<li>a</li><li data-answer=\"\">b</li></ul>"));
        assert!(h.contains("<span class=\"quiz-explain\">because</span>"));
        assert!(h.ends_with("<figcaption>Check</figcaption></figure>\n"));
    }

    #[test]
    fn parameters_become_escaped_data_attributes() {
        let d = parse_directive("quantity", "caption: c\nvalue: 1\"Gi\n").unwrap();
        assert!(render(&d, 1, None).contains("data-value=\"1&quot;Gi\""));
    }
}
