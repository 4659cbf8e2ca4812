//! Build-time syntax highlighting for the languages lessons show: YAML, shell sessions, Rust and
//! JSON. A small hand-written lexer per language, emitting `<span class="tok-…">`, so no
//! highlighter ships to the browser and the colours live in the stylesheet.
//!
//! The lexers are deliberately shallow (line-oriented, no nesting): they colour what a reader
//! scans for — keys, strings, numbers, comments, keywords, prompts — and never reject input.

use crate::escape::html;

/// HTML for `code` in `lang`, or escaped plain text for languages it does not know.
pub fn highlight(lang: &str, code: &str) -> String {
    match lang {
        "yaml" | "yml" => lines(code, yaml_line),
        "sh" | "shell" | "bash" | "console" => lines(code, shell_line),
        "rust" | "rs" => lines(code, |l| words(l, RUST_KEYWORDS, "//")),
        "json" => lines(code, |l| words(l, &["true", "false", "null"], "")),
        _ => html(code),
    }
}

fn lines(code: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    for (i, line) in code.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&f(line));
    }
    out
}

fn span(class: &str, text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("<span class=\"tok-{class}\">{}</span>", html(text))
    }
}

/// `key: value  # comment`, `- item`, `---`.
fn yaml_line(line: &str) -> String {
    let (body, comment) = split_comment(line, '#');
    let trimmed = body.trim_start();
    let indent = &body[..body.len() - trimmed.len()];
    let (dash, rest) = match trimmed.strip_prefix("- ") {
        Some(r) => ("- ", r),
        None => ("", trimmed),
    };
    let mut out = html(indent);
    out.push_str(&span("punct", dash));
    if rest.trim() == "---" {
        out.push_str(&span("punct", rest));
    } else if let Some((key, value)) = rest.split_once(':').filter(|(k, _)| is_yaml_key(k)) {
        out.push_str(&span("key", key));
        out.push_str(&span("punct", ":"));
        out.push_str(&scalar(value));
    } else {
        out.push_str(&scalar(rest));
    }
    out.push_str(&span("comment", comment));
    out
}

fn is_yaml_key(k: &str) -> bool {
    !k.is_empty() && !k.contains(' ') && !k.starts_with(['"', '\'', '{', '['])
}

fn scalar(value: &str) -> String {
    let v = value.trim();
    let lead = &value[..value.len() - value.trim_start().len()];
    let trail = &value[lead.len() + v.len()..];
    let class = if v.starts_with(['"', '\'']) {
        "string"
    } else if !v.is_empty() && v.parse::<f64>().is_ok() {
        "number"
    } else if matches!(v, "true" | "false" | "null" | "~") {
        "keyword"
    } else {
        "value"
    };
    format!("{}{}{}", html(lead), span(class, v), html(trail))
}

/// `$ kubectl get pods  # comment`; lines without a prompt are output.
fn shell_line(line: &str) -> String {
    let Some(command) = line.strip_prefix("$ ") else {
        return if line.trim_start().starts_with('#') {
            span("comment", line)
        } else {
            span("output", line)
        };
    };
    let (body, comment) = split_comment(command, '#');
    let mut out = span("prompt", "$ ");
    let mut first = true;
    for (i, word) in body.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let class = if first && !word.is_empty() {
            first = false;
            "command"
        } else if word.starts_with('-') {
            "flag"
        } else if word.starts_with(['"', '\'']) {
            "string"
        } else {
            "value"
        };
        out.push_str(&span(class, word));
    }
    out.push_str(&span("comment", comment));
    out
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "const", "crate", "else", "enum", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "return", "self", "Self", "static",
    "struct", "trait", "true", "false", "type", "use", "where", "while",
];

/// Keywords, strings and numbers in a C-like line, with `comment` (if not empty) starting a
/// line comment outside strings.
fn words(line: &str, keywords: &[&str], comment: &str) -> String {
    let body = line;
    let mut out = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !comment.is_empty() && body[start..].starts_with(comment) {
            out.push_str(&span("comment", &body[start..]));
            return out;
        }
        if c == '"' {
            let mut end = body.len();
            let mut escaped = false;
            for (i, d) in chars.by_ref() {
                if d == '"' && !escaped {
                    end = i + 1;
                    break;
                }
                escaped = d == '\\' && !escaped;
            }
            out.push_str(&span("string", &body[start..end]));
        } else if c.is_alphanumeric() || c == '_' {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_alphanumeric() || d == '_' || d == '.') {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let word = &body[start..end];
            if keywords.contains(&word) {
                out.push_str(&span("keyword", word));
            } else if word.starts_with(|d: char| d.is_ascii_digit()) {
                out.push_str(&span("number", word));
            } else {
                out.push_str(&html(word));
            }
        } else {
            out.push_str(&html(&body[start..start + c.len_utf8()]));
        }
    }
    out
}

/// Splits a line at a comment marker that is not inside quotes and starts a word.
fn split_comment(line: &str, marker: char) -> (&str, &str) {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c == marker && prev.is_whitespace() => return (&line[..i], &line[i..]),
            _ => {}
        }
        prev = c;
    }
    (line, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_keys_values_and_comments() {
        let h = highlight("yaml", "spec:\n  replicas: 3 # three\n  - name: \"web\"");
        assert!(h.contains("<span class=\"tok-key\">spec</span>"), "{h}");
        assert!(h.contains("<span class=\"tok-number\">3</span>"), "{h}");
        assert!(h.contains("<span class=\"tok-comment\"># three</span>"), "{h}");
        assert!(h.contains("<span class=\"tok-string\">&quot;web&quot;</span>"), "{h}");
    }

    #[test]
    fn shell_prompts_commands_and_output() {
        let h = highlight("console", "$ kubectl get pods -o wide\nNAME   READY");
        assert!(
            h.starts_with(
                "<span class=\"tok-prompt\">$ </span><span class=\"tok-command\">kubectl</span>"
            ),
            "{h}"
        );
        assert!(h.contains("<span class=\"tok-flag\">-o</span>"));
        assert!(h.contains("<span class=\"tok-output\">NAME   READY</span>"));
    }

    #[test]
    fn rust_keywords_strings_comments() {
        let h = highlight("rust", "let s = \"a // b\"; // note");
        assert!(h.contains("<span class=\"tok-keyword\">let</span>"), "{h}");
        assert!(h.contains("<span class=\"tok-string\">&quot;a // b&quot;</span>"), "{h}");
        assert!(h.contains("<span class=\"tok-comment\">// note</span>"), "{h}");
    }

    #[test]
    fn unknown_languages_and_markup_are_escaped() {
        assert_eq!(highlight("text", "<b>"), "&lt;b&gt;");
        assert!(!highlight("yaml", "a: <script>").contains("<script>"));
        assert!(!highlight("console", "$ echo <x>").contains("<x>"));
    }

    #[test]
    fn hash_inside_quotes_is_not_a_comment() {
        let h = highlight("yaml", "color: \"#fff\"");
        assert!(!h.contains("tok-comment"), "{h}");
    }
}
