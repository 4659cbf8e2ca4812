//! Diagnostics: what is wrong, at which line and column, under which field path.

use super::limits::{MAX_DIAGNOSTICS, MAX_ERRORS_PER_DOCUMENT, MAX_QUOTED_VALUE_CHARS};
use std::fmt;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The document is rejected, as the API server would reject it.
    Error,
    /// The document is accepted, but part of it is ignored or was adjusted.
    Warning,
}

/// One problem found in a manifest.
///
/// `Display` prints `line 14: <message>` for errors and `line 14: warning: <message>` for
/// warnings; `message` already names the field path where there is one, in the API server's
/// wording (`spec.replicas: Invalid value: -1: must be greater than or equal to 0`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// 1-based line in the input.
    pub line: u32,
    /// 1-based column (in characters) in the input.
    pub column: u32,
    /// The field path (`spec.template.spec.containers[0].image`), empty when the problem is not
    /// about one field (a YAML syntax error, an unsupported kind).
    pub path: String,
    /// What is wrong, including the path.
    pub message: String,
}

impl Diagnostic {
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "line {}: {}", self.line, self.message),
            Severity::Warning => write!(f, "line {}: warning: {}", self.line, self.message),
        }
    }
}

/// A position in the input: 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    pub(crate) line: u32,
    pub(crate) col: u32,
}

/// A field path, built on the stack as the decoder descends (`spec` → `spec.template` → ...),
/// so nothing is allocated unless a diagnostic is reported.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Seg<'a> {
    Root,
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

impl<'a> Path<'a> {
    /// The empty path (the object itself).
    pub(crate) const ROOT: Path<'static> = Path { parent: None, seg: Seg::Root };

    /// `self.name`.
    pub(crate) fn field(&'a self, name: &'a str) -> Path<'a> {
        Path { parent: Some(self), seg: Seg::Field(name) }
    }

    /// `self[i]`.
    pub(crate) fn index(&'a self, i: usize) -> Path<'a> {
        Path { parent: Some(self), seg: Seg::Index(i) }
    }

    /// `self[key]`, the API server's notation for map entries in validation errors
    /// (`resources.requests[cpu]`).
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path { parent: Some(self), seg: Seg::Key(key) }
    }

    fn write(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write(out);
        }
        match self.seg {
            Seg::Root => {}
            Seg::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Seg::Key(k) => {
                out.push('[');
                out.push_str(k);
                out.push(']');
            }
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write(&mut s);
        f.write_str(&s)
    }
}

/// Quotes a string as Go's `%q` does for printable text, shortened to a readable length.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_QUOTED_VALUE_CHARS) + 2);
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i == MAX_QUOTED_VALUE_CHARS {
            out.push_str("...");
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Collects diagnostics, capping errors per document and diagnostics overall.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    out: Vec<Diagnostic>,
    document_errors: usize,
    overflowed: bool,
}

impl Sink {
    /// Starts counting errors for a new document.
    pub(crate) fn start_document(&mut self) {
        self.document_errors = 0;
    }

    /// Errors reported for the current document so far.
    pub(crate) fn document_errors(&self) -> usize {
        self.document_errors
    }

    /// Reports an error about the field at `path`. `message` is the text after the path.
    pub(crate) fn field_error(&mut self, pos: Pos, path: &Path<'_>, message: impl fmt::Display) {
        let path = path.to_string();
        let message =
            if path.is_empty() { message.to_string() } else { format!("{path}: {message}") };
        self.error(pos, path, message);
    }

    /// Reports an error with a complete message.
    pub(crate) fn error(&mut self, pos: Pos, path: String, message: String) {
        self.document_errors += 1;
        if self.document_errors == MAX_ERRORS_PER_DOCUMENT + 1 {
            let message = format!(
                "too many errors in this document; only the first {MAX_ERRORS_PER_DOCUMENT} are shown"
            );
            self.push(Severity::Error, pos, String::new(), message);
        }
        if self.document_errors <= MAX_ERRORS_PER_DOCUMENT {
            self.push(Severity::Error, pos, path, message);
        }
    }

    /// Reports a warning about the field at `path`.
    pub(crate) fn field_warning(&mut self, pos: Pos, path: &Path<'_>, message: impl fmt::Display) {
        let path = path.to_string();
        let message =
            if path.is_empty() { message.to_string() } else { format!("{path}: {message}") };
        self.push(Severity::Warning, pos, path, message);
    }

    fn push(&mut self, severity: Severity, pos: Pos, path: String, message: String) {
        if self.out.len() >= MAX_DIAGNOSTICS {
            if !self.overflowed {
                self.overflowed = true;
                self.out.push(Diagnostic {
                    severity: Severity::Error,
                    line: pos.line,
                    column: pos.col,
                    path: String::new(),
                    message: format!(
                        "too many diagnostics; only the first {MAX_DIAGNOSTICS} are shown"
                    ),
                });
            }
            return;
        }
        self.out.push(Diagnostic { severity, line: pos.line, column: pos.col, path, message });
    }

    /// The diagnostics, in the order they were found.
    pub(crate) fn into_vec(self) -> Vec<Diagnostic> {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_the_api_server() {
        let root = Path::ROOT;
        let spec = root.field("spec");
        let containers = spec.field("containers");
        let c0 = containers.index(0);
        let res = c0.field("resources");
        let req = res.field("requests");
        assert_eq!(req.key("cpu").to_string(), "spec.containers[0].resources.requests[cpu]");
        assert_eq!(Path::ROOT.to_string(), "");
    }

    #[test]
    fn quote_escapes_and_shortens() {
        assert_eq!(quote("a\"b"), r#""a\"b""#);
        let long = "x".repeat(200);
        assert_eq!(quote(&long).len(), MAX_QUOTED_VALUE_CHARS + 5);
    }

    #[test]
    fn errors_are_capped_per_document() {
        let mut sink = Sink::default();
        sink.start_document();
        for _ in 0..(MAX_ERRORS_PER_DOCUMENT + 10) {
            sink.field_error(Pos { line: 1, col: 1 }, &Path::ROOT, "bad");
        }
        let out = sink.into_vec();
        assert_eq!(out.len(), MAX_ERRORS_PER_DOCUMENT + 1);
        assert!(out[MAX_ERRORS_PER_DOCUMENT].message.starts_with("too many errors"));
    }
}
