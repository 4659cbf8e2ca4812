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
        if params.iter().any(|(k, _)| *k == spec.name) {
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
    if errors.is_empty() { Ok(Directive { widget, params }) } else { Err(errors) }
}

/// Checks one value against its kind.
pub(crate) fn check_value(kind: ParamKind, value: &str) -> Result<(), String> {
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
