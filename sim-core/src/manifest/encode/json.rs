//! `kubectl get -o json`: Go's `json.MarshalIndent(obj, "", "    ")` of a generic map, so keys
//! are sorted bytewise and strings are escaped as Go escapes them (HTML-safe: `<`, `>`, `&`
//! become `\u003c`, `\u003e`, `\u0026`).

use super::Value;
use std::fmt::Write;

/// Prints `v` with four-space indentation and a trailing newline.
pub(crate) fn print(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, 0);
    out.push('\n');
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn write_value(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                indent(out, level + 1);
                write_value(out, item, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push(']');
        }
        Value::Object(entries) if entries.is_empty() => out.push_str("{}"),
        Value::Object(entries) => {
            let mut sorted: Vec<&(String, Value)> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                indent(out, level + 1);
                write_string(out, k);
                out.push_str(": ");
                write_value(out, v, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push('}');
        }
    }
}

/// Go's `encoding/json` string encoding with HTML escaping on.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::encode::value::Obj;

    #[test]
    fn prints_like_marshal_indent() {
        let v = Obj::new()
            .put("kind", "Pod")
            .put("apiVersion", "v1")
            .put("items", Value::Array(vec![Value::Int(1), Value::Object(vec![])]))
            .put("empty", Value::Array(vec![]))
            .put("html", "<a&b>")
            .build();
        let want = "{\n    \"apiVersion\": \"v1\",\n    \"empty\": [],\n    \"html\": \"\\u003ca\\u0026b\\u003e\",\n    \"items\": [\n        1,\n        {}\n    ],\n    \"kind\": \"Pod\"\n}\n";
        assert_eq!(print(&v), want);
    }
}
