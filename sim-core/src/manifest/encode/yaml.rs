//! `kubectl get -o yaml`: the object goes through JSON into a generic map and is printed by
//! go-yaml v2 (libyaml's emitter). This reproduces that printer:
//! - keys sorted with go-yaml's "natural" order (runs of digits compare as numbers, a
//!   non-letter sorts before a letter);
//! - two-space indentation, sequences inside mappings not indented (`- ` under the key);
//! - empty mappings and sequences as `{}` and `[]`;
//! - a string is written plain unless it would read back as something else (`"true"`, `"8"`,
//!   `"2026-01-01T00:00:00Z"`, `""`) or contains YAML indicators (then single- or
//!   double-quoted), multi-line strings as `|` blocks;
//! - plain and quoted strings are folded at spaces once a line passes 80 columns.

use super::Value;
use crate::manifest::resolve::{Resolved, is_base60_float, resolve_plain};

/// libyaml's `best_width`.
const BEST_WIDTH: usize = 80;
/// libyaml's limit on a simple (inline) key's length.
const MAX_SIMPLE_KEY_BYTES: usize = 128;

/// Prints `v` as go-yaml v2 would.
pub(crate) fn print(v: &Value) -> String {
    let mut e = Emitter { out: String::new(), column: 0 };
    match v {
        Value::Object(entries) if !entries.is_empty() => e.map(entries, 0, true),
        Value::Array(items) if !items.is_empty() => e.seq(items, 0, true),
        other => e.scalar(other, 0, false),
    }
    if e.column != 0 {
        e.out.push('\n');
    }
    e.out
}

struct Emitter {
    out: String,
    /// The current column, in characters.
    column: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

impl Emitter {
    fn put(&mut self, s: &str) {
        self.out.push_str(s);
        self.column += s.chars().count();
    }

    fn put_char(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    /// libyaml's `write_indent`: a new line (unless already at the start of one), then spaces.
    fn line(&mut self, indent: usize) {
        let at_line_start = self.column == 0 && self.out.ends_with('\n');
        if !self.out.is_empty() && !at_line_start {
            self.out.push('\n');
        }
        self.column = 0;
        for _ in 0..indent {
            self.put_char(' ');
        }
    }

    fn map(&mut self, entries: &[(String, Value)], indent: usize, inline_first: bool) {
        let mut sorted: Vec<&(String, Value)> = entries.iter().collect();
        merge_sort_by(&mut sorted, |a, b| key_less(&a.0, &b.0));
        for (i, (k, v)) in sorted.into_iter().enumerate() {
            if i > 0 || !inline_first {
                self.line(indent);
            }
            let simple = k.len() <= MAX_SIMPLE_KEY_BYTES
                && !k.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']);
            if simple {
                self.string(k, indent, true);
                self.put_char(':');
            } else {
                self.put("? ");
                self.string(k, indent + 2, false);
                self.line(indent);
                self.put_char(':');
            }
            match v {
                Value::Object(m) if !m.is_empty() => self.map(m, indent + 2, false),
                Value::Array(a) if !a.is_empty() => self.seq(a, indent, false),
                _ => {
                    self.put_char(' ');
                    self.scalar(v, indent + 2, false);
                }
            }
        }
    }

    fn seq(&mut self, items: &[Value], indent: usize, inline_first: bool) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 || !inline_first {
                self.line(indent);
            }
            self.put("- ");
            match item {
                Value::Object(m) if !m.is_empty() => self.map(m, indent + 2, true),
                Value::Array(a) if !a.is_empty() => self.seq(a, indent + 2, true),
                _ => self.scalar(item, indent + 2, false),
            }
        }
    }

    /// A scalar or an empty collection; `indent` is where continuation lines start.
    fn scalar(&mut self, v: &Value, indent: usize, key: bool) {
        match v {
            Value::Null => self.put("null"),
            Value::Bool(b) => self.put(if *b { "true" } else { "false" }),
            Value::Int(i) => self.put(&i.to_string()),
            Value::String(s) => self.string(s, indent, key),
            Value::Object(_) => self.put("{}"),
            Value::Array(_) => self.put("[]"),
        }
    }

    fn string(&mut self, s: &str, indent: usize, key: bool) {
        match choose_style(s, key) {
            Style::Plain => self.plain(s, indent, !key),
            Style::Single => self.single(s, indent, !key),
            Style::Double => self.double(s, indent, !key),
            Style::Literal => self.literal(s, indent),
        }
    }

    fn plain(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > BEST_WIDTH && !next_space {
                    self.line(indent);
                } else {
                    self.put_char(' ');
                }
                spaces = true;
            } else {
                self.put_char(c);
                spaces = false;
            }
        }
    }

    fn single(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        let chars: Vec<char> = s.chars().collect();
        self.put_char('\'');
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i != 0
                    && i + 1 != chars.len()
                    && !next_space
                {
                    self.line(indent);
                } else {
                    self.put_char(' ');
                }
                spaces = true;
            } else {
                self.put_char(c);
                if c == '\'' {
                    self.put_char('\'');
                }
                spaces = false;
            }
        }
        self.put_char('\'');
    }

    fn double(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        let chars: Vec<char> = s.chars().collect();
        self.put_char('"');
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{feff}' || is_break(c) || c == '"' || c == '\\' {
                self.put(&escape(c));
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i != 0
                    && i + 1 != chars.len()
                {
                    self.line(indent);
                    if chars.get(i + 1) == Some(&' ') {
                        self.put_char('\\');
                    }
                } else {
                    self.put_char(' ');
                }
                spaces = true;
            } else {
                self.put_char(c);
                spaces = false;
            }
        }
        self.put_char('"');
    }

    fn literal(&mut self, s: &str, indent: usize) {
        self.put_char('|');
        if s.starts_with([' ', '\n']) {
            self.put("2");
        }
        let trailing = s.chars().rev().take_while(|c| *c == '\n').count();
        if trailing == 0 {
            self.put_char('-');
        } else if trailing > 1 || s == "\n" {
            self.put_char('+');
        }
        self.out.push('\n');
        self.column = 0;
        let mut at_line_start = true;
        for c in s.chars() {
            if c == '\n' {
                self.out.push('\n');
                self.column = 0;
                at_line_start = true;
            } else {
                if at_line_start {
                    for _ in 0..indent {
                        self.put_char(' ');
                    }
                    at_line_start = false;
                }
                self.put_char(c);
            }
        }
    }
}

/// libyaml's `is_printable` as go-yaml v2 implements it (characters above U+FFFF count as
/// unprintable and are escaped).
fn is_printable(c: char) -> bool {
    let u = u32::from(c);
    u == 0x0A
        || (0x20..=0x7E).contains(&u)
        || (0xA0..=0xD7FF).contains(&u)
        || ((0xE000..=0xFFFD).contains(&u) && u != 0xFEFF)
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank_or_end(c: Option<&char>) -> bool {
    match c {
        None => true,
        Some(c) => *c == ' ' || *c == '\t' || is_break(*c),
    }
}

fn escape(c: char) -> String {
    match c {
        '\0' => "\\0".into(),
        '\u{7}' => "\\a".into(),
        '\u{8}' => "\\b".into(),
        '\t' => "\\t".into(),
        '\n' => "\\n".into(),
        '\u{b}' => "\\v".into(),
        '\u{c}' => "\\f".into(),
        '\r' => "\\r".into(),
        '\u{1b}' => "\\e".into(),
        '"' => "\\\"".into(),
        '\\' => "\\\\".into(),
        '\u{85}' => "\\N".into(),
        '\u{a0}' => "\\_".into(),
        '\u{2028}' => "\\L".into(),
        '\u{2029}' => "\\P".into(),
        c if u32::from(c) <= 0xFF => format!("\\x{:02X}", u32::from(c)),
        c if u32::from(c) <= 0xFFFF => format!("\\u{:04X}", u32::from(c)),
        c => format!("\\U{:08X}", u32::from(c)),
    }
}

/// What libyaml's `analyze_scalar` allows for a string.
struct Allowed {
    block_plain: bool,
    single: bool,
    block: bool,
    multiline: bool,
}

fn analyze(s: &str) -> Allowed {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return Allowed { block_plain: true, single: true, block: false, multiline: false };
    }
    let (mut flow_ind, mut block_ind) = (
        s.starts_with("---") || s.starts_with("..."),
        s.starts_with("---") || s.starts_with("..."),
    );
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break, mut prev_space, mut prev_break) =
        (false, false, false, false);
    let mut preceded_by_ws = true;
    let last = chars.len() - 1;
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_ws = is_blank_or_end(chars.get(i + 1));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    flow_ind = true;
                    block_ind = true;
                }
                '?' | ':' => {
                    flow_ind = true;
                    block_ind |= followed_by_ws;
                }
                '-' if followed_by_ws => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        } else {
            match c {
                ',' | '?' | '[' | ']' | '{' | '}' => flow_ind = true,
                ':' => {
                    flow_ind = true;
                    block_ind |= followed_by_ws;
                }
                '#' if preceded_by_ws => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= i == last;
            break_space |= prev_break;
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            leading_break |= i == 0;
            trailing_break |= i == last;
            space_break |= prev_space;
            prev_break = true;
            prev_space = false;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = c == ' ' || c == '\t' || is_break(c);
    }
    let mut a = Allowed { block_plain: true, single: true, block: true, multiline: line_breaks };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain = false;
    }
    if trailing_space {
        a.block = false;
    }
    if break_space {
        a.block_plain = false;
        a.single = false;
    }
    if space_break || special {
        a = Allowed { block_plain: false, single: false, block: false, multiline: a.multiline };
    }
    if line_breaks || block_ind {
        a.block_plain = false;
    }
    let _ = flow_ind;
    a
}

/// go-yaml v2's choice (`encoder.stringv`) refined by libyaml's `select_scalar_style`.
fn choose_style(s: &str, key: bool) -> Style {
    let resolves_to_string = resolve_plain(s) == Resolved::Str && !is_base60_float(s);
    let mut style = if s.contains('\n') {
        Style::Literal
    } else if resolves_to_string {
        Style::Plain
    } else {
        Style::Double
    };
    let a = analyze(s);
    if key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain && (!a.block_plain || (s.is_empty() && key)) {
        style = Style::Single;
    }
    if style == Style::Single && !a.single {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block || key) {
        style = Style::Double;
    }
    style
}

/// go-yaml v2's `keyList.Less`.
fn key_less(a: &str, b: &str) -> bool {
    let (ar, br): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let is_digit = |c: char| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric());
    let digit = |c: char| i64::from(c.to_digit(10).unwrap_or(0));
    for i in 0..ar.len().min(br.len()) {
        if ar[i] == br[i] {
            continue;
        }
        let (al, bl) = (ar[i].is_alphabetic(), br[i].is_alphabetic());
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn) = (0i64, 0i64);
        if ar[i] == '0' || br[i] == '0' {
            for j in (0..i).rev() {
                if !is_digit(ar[j]) {
                    break;
                }
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && is_digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(digit(ar[ai]));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(digit(br[bi]));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// A stable merge sort that tolerates a comparator that is not a total order (go-yaml's key
/// order is not one in every corner), where `slice::sort_by` may panic.
fn merge_sort_by<T: Copy>(v: &mut Vec<T>, less: impl Fn(&T, &T) -> bool) {
    let n = v.len();
    let mut buf = v.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if less(&v[j], &v[i]) {
                    buf[k] = v[j];
                    j += 1;
                } else {
                    buf[k] = v[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&v[i..mid]);
            k += mid - i;
            buf[k..k + (end - j)].copy_from_slice(&v[j..end]);
            start = end;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::encode::value::Obj;

    #[test]
    fn quotes_what_would_read_back_differently() {
        let cases = [
            ("nginx", "nginx"),
            ("8", "\"8\""),
            ("true", "\"true\""),
            ("yes", "\"yes\""),
            ("", "\"\""),
            ("2026-01-01T00:00:00Z", "\"2026-01-01T00:00:00Z\""),
            ("500m", "500m"),
            ("1:20", "\"1:20\""),
            ("a: b", "'a: b'"),
            ("*", "'*'"),
            ("- x", "'- x'"),
            ("it's", "it's"),
            ("#x", "'#x'"),
            (" lead", "' lead'"),
            ("tab\there", "\"tab\\there\""),
            ("{x}", "'{x}'"),
            ("10.244.1.0/24", "10.244.1.0/24"),
        ];
        for (s, want) in cases {
            let v = Obj::new().put("k", s).build();
            assert_eq!(print(&v), format!("k: {want}\n"), "{s:?}");
        }
    }

    #[test]
    fn layout_follows_go_yaml() {
        let v = Obj::new()
            .put(
                "spec",
                Obj::new()
                    .put(
                        "containers",
                        Value::Array(vec![
                            Obj::new()
                                .put("name", "web")
                                .put("image", "nginx")
                                .put("resources", Obj::new().build())
                                .build(),
                        ]),
                    )
                    .build(),
            )
            .put("apiVersion", "v1")
            .put(
                "list",
                Value::Array(vec![
                    Value::from("a"),
                    Value::Array(vec![Value::from("b"), Value::from("c")]),
                ]),
            )
            .build();
        let want = "apiVersion: v1\nlist:\n- a\n- - b\n  - c\nspec:\n  containers:\n  - image: nginx\n    name: web\n    resources: {}\n";
        assert_eq!(print(&v), want);
    }

    #[test]
    fn literal_blocks_and_folding() {
        let v = Obj::new()
            .put("a", "line1\nline2\n")
            .put("b", "x\n\n")
            .put("c", "no newline\nend")
            .build();
        assert_eq!(print(&v), "a: |\n  line1\n  line2\nb: |+\n  x\n\nc: |-\n  no newline\n  end\n");
        let long = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.";
        let v = Obj::new().put("message", long).build();
        let out = print(&v);
        assert!(out.starts_with("message: '0/3 nodes are available"), "{out}");
        assert!(
            out.lines().count() == 2 && out.lines().nth(1).is_some_and(|l| l.starts_with("  ")),
            "{out}"
        );
    }

    #[test]
    fn natural_key_order() {
        let mut keys = vec!["node-10", "node-9", "b", "a.b", "a", "A", "a-b", "a_b", "a1"];
        merge_sort_by(&mut keys, |a, b| key_less(a, b));
        assert_eq!(keys, ["A", "a", "a-b", "a.b", "a_b", "a1", "b", "node-9", "node-10"]);
    }
}
