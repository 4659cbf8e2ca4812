//! Parsing and validating one widget directive:
//!
//! ````markdown
//! ```widget quantity
//! caption: How the API server reads a quantity
//! value: 1.5Gi
//! ```
//! ````
//!
//! The info string names the widget; each body line is `key: value`. Blank lines and lines
//! starting with `#` are ignored.

use crate::catalog::{ParamKind, WidgetSpec, lookup};
use std::fmt;

/// A validated directive: the widget and its parameters in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The widget.
    pub widget: &'static WidgetSpec,
    /// `(key, value)` pairs, validated against the widget's parameters.
    pub params: Vec<(&'static str, String)>,
}

impl Directive {
    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    /// The caption (always present once validated).
    pub fn caption(&self) -> &str {
        self.get("caption").unwrap_or_default()
    }
}

/// A problem with a directive, at a line counted from the directive's first body line (0 for
/// the info string itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectiveError {
    /// Line offset within the directive: 0 is the ```` ```widget ```` line, 1 the first body line.
    pub line_offset: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DirectiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Validates the widget `name` (from the info string) with the directive `body`.
///
/// Returns every problem found, not just the first.
pub fn parse_directive(name: &str, body: &str) -> Result<Directive, Vec<DirectiveError>> {
    let err = |line_offset, message: String| DirectiveError { line_offset, message };
    let Some(widget) = lookup(name) else {
        let known: Vec<_> = crate::CATALOG.iter().map(|w| w.name).collect();
        return Err(vec![err(0, format!("unknown widget `{name}` (known: {})", known.join(", ")))]);
    };
    let mut errors = Vec::new();
    let mut params: Vec<(&'static str, String)> = Vec::new();
    for (i, raw) in body.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            errors.push(err(i + 1, format!("expected `key: value`, found `{line}`")));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        let Some(spec) = widget.param(key) else {
            let known: Vec<_> = widget.all_params().map(|p| p.name).collect();
            errors.push(err(
                i + 1,
                format!(
                    "widget `{name}` has no parameter `{key}` (it takes: {})",
                    known.join(", ")
                ),
            ));
            continue;
        };
        if !spec.repeatable && params.iter().any(|(k, _)| *k == spec.name) {
            errors.push(err(i + 1, format!("parameter `{key}` is given twice")));
            continue;
        }
        match check_value(spec.kind, value) {
            Ok(()) => params.push((spec.name, value.to_owned())),
            Err(why) => errors.push(err(i + 1, format!("parameter `{key}`: {why}"))),
        }
    }
    for p in widget.all_params().filter(|p| p.required) {
        if !params.iter().any(|(k, _)| *k == p.name) {
            errors.push(err(0, format!("widget `{name}` needs parameter `{}`", p.name)));
        }
    }
    if widget.name == "quiz" && errors.is_empty() {
        errors.extend(check_quiz(&params));
    }
    if errors.is_empty() { Ok(Directive { widget, params }) } else { Err(errors) }
}

/// A quiz is a sequence of questions, each followed by its options (exactly one `answer`,
/// at least one `choice`) and at most one `explain`.
fn check_quiz(params: &[(&'static str, String)]) -> Vec<DirectiveError> {
    let mut errors = Vec::new();
    let mut question: Option<(&str, usize, usize, usize)> = None; // (text, answers, choices, explains)
    let finish = |q: Option<(&str, usize, usize, usize)>, errors: &mut Vec<DirectiveError>| {
        if let Some((text, answers, choices, explains)) = q {
            let problem = if answers != 1 {
                Some(format!("has {answers} `answer` lines; exactly one is needed"))
            } else if choices == 0 {
                Some("needs at least one wrong `choice`".to_owned())
            } else if explains > 1 {
                Some("has more than one `explain`".to_owned())
            } else {
                None
            };
            if let Some(p) = problem {
                errors.push(DirectiveError {
                    line_offset: 0,
                    message: format!("quiz question `{text}` {p}"),
                });
            }
        }
    };
    for (key, value) in params {
        match (*key, question.as_mut()) {
            ("question", _) => {
                finish(question.take(), &mut errors);
                question = Some((value.as_str(), 0, 0, 0));
            }
            ("answer", Some(q)) => q.1 += 1,
            ("choice", Some(q)) => q.2 += 1,
            ("explain", Some(q)) => q.3 += 1,
            ("caption", _) => {}
            (other, None) => errors.push(DirectiveError {
                line_offset: 0,
                message: format!("quiz `{other}` comes before the first `question`"),
            }),
            _ => {}
        }
    }
    finish(question, &mut errors);
    errors
}

/// Checks one value against its kind.
pub fn check_value(kind: ParamKind, value: &str) -> Result<(), String> {
    match kind {
        ParamKind::Text { max_len } => {
            if value.is_empty() {
                Err("must not be empty".into())
            } else if value.len() > max_len {
                Err(format!("is {} bytes long; at most {max_len} allowed", value.len()))
            } else {
                Ok(())
            }
        }
        ParamKind::Int { min, max } => match value.parse::<i64>() {
            Ok(v) if (min..=max).contains(&v) => Ok(()),
            Ok(v) => Err(format!("{v} is outside {min}..={max}")),
            Err(_) => Err(format!("`{value}` is not an integer")),
        },
        ParamKind::Bool => match value {
            "true" | "false" => Ok(()),
            _ => Err(format!("`{value}` is not `true` or `false`")),
        },
        ParamKind::OneOf(words) => {
            if words.contains(&value) {
                Ok(())
            } else {
                Err(format!("`{value}` is not one of: {}", words.join(", ")))
            }
        }
        ParamKind::SetOf(words) => {
            let items: Vec<_> = value.split(',').map(str::trim).collect();
            match items.iter().find(|item| !words.contains(item)) {
                Some(bad) => Err(format!("`{bad}` is not one of: {}", words.join(", "))),
                None => Ok(()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_valid_directive() {
        let d =
            parse_directive("quantity", "caption: Try it\n\n# a comment\nvalue: 1.5Gi\n").unwrap();
        assert_eq!(d.widget.name, "quantity");
        assert_eq!(d.get("value"), Some("1.5Gi"));
        assert_eq!(d.caption(), "Try it");
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let errors = parse_directive("quantity", "value 3\nsize: 2\n").unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.line_offset, e.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "expected `key: value`, found `value 3`"),
                (2, "widget `quantity` has no parameter `size` (it takes: caption, value)"),
                (0, "widget `quantity` needs parameter `caption`"),
            ]
        );
    }

    #[test]
    fn unknown_widgets_name_the_known_ones() {
        let errors = parse_directive("clusterr", "").unwrap_err();
        assert!(errors[0].message.starts_with("unknown widget `clusterr` (known: "));
    }

    #[test]
    fn duplicate_and_empty_values_are_errors() {
        let errors = parse_directive("quantity", "caption: a\ncaption: b\nvalue:\n").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("twice"));
        assert!(errors[1].message.contains("must not be empty"));
    }

    #[test]
    fn quizzes_check_their_structure() {
        let good = "caption: c\nquestion: Q1?\nchoice: a\nanswer: b\nexplain: e\nquestion: Q2?\nanswer: x\nchoice: y\n";
        let d = parse_directive("quiz", good).unwrap();
        assert_eq!(d.params.iter().filter(|(k, _)| *k == "question").count(), 2);
        let bad = "caption: c\nchoice: early\nquestion: Q1?\nchoice: a\nquestion: Q2?\nanswer: x\nanswer: y\nchoice: z\n";
        let msgs: Vec<_> =
            parse_directive("quiz", bad).unwrap_err().into_iter().map(|e| e.message).collect();
        assert_eq!(
            msgs,
            [
                "quiz `choice` comes before the first `question`",
                "quiz question `Q1?` has 0 `answer` lines; exactly one is needed",
                "quiz question `Q2?` has 2 `answer` lines; exactly one is needed",
            ]
        );
    }

    #[test]
    fn value_kinds() {
        assert!(check_value(ParamKind::Int { min: 1, max: 5 }, "3").is_ok());
        assert!(check_value(ParamKind::Int { min: 1, max: 5 }, "9").is_err());
        assert!(check_value(ParamKind::Int { min: 1, max: 5 }, "x").is_err());
        assert!(check_value(ParamKind::Bool, "yes").is_err());
        assert!(check_value(ParamKind::OneOf(&["a", "b"]), "b").is_ok());
        assert!(check_value(ParamKind::SetOf(&["a", "b"]), "a, b").is_ok());
        assert!(check_value(ParamKind::SetOf(&["a", "b"]), "a,c").is_err());
    }
}
