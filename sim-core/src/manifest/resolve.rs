//! What an unquoted YAML scalar means, the way Kubernetes reads it.
//!
//! kubectl and the API server read YAML with go-yaml v2 (through `sigs.k8s.io/yaml`), which
//! follows YAML 1.1: `yes`, `no`, `on`, `off`, `y` and `n` are booleans, `0x1F` and `017` are
//! integers, `1_000` is 1000. A manifest that says `version: 1.0` or `enabled: yes` where a
//! string belongs is therefore rejected upstream (`cannot unmarshal number into Go struct field
//! ... of type string`), and so it is here. The printer uses the same table in reverse: a string
//! that would read back as anything but a string is quoted.

/// The type of an unquoted scalar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Resolved {
    /// `~`, `null`, `Null`, `NULL` or nothing.
    Null,
    /// A YAML 1.1 boolean.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// Any other number (a fraction, an exponent, `.inf`, an integer beyond `i64`).
    Float,
    /// A date or date-time (`2026-01-01`, `2026-01-01T00:00:00Z`). go-yaml v2 hands these to
    /// `sigs.k8s.io/yaml` as strings, so the decoder treats them as strings; the printer still
    /// quotes them, as go-yaml does.
    Timestamp,
    /// A string.
    Str,
}

/// Resolves an unquoted scalar as go-yaml v2's `resolve` does.
pub(crate) fn resolve_plain(s: &str) -> Resolved {
    if let Some(r) = resolve_word(s) {
        return r;
    }
    match s.as_bytes().first() {
        Some(b'.') if is_yaml_float(s) => Resolved::Float,
        Some(b'0'..=b'9' | b'+' | b'-') => resolve_number(s),
        _ => Resolved::Str,
    }
}

fn resolve_word(s: &str) -> Option<Resolved> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Resolved::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Resolved::Bool(false)
        }
        "" | "~" | "null" | "Null" | "NULL" => Resolved::Null,
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF"
        | "-.inf" | "-.Inf" | "-.INF" => Resolved::Float,
        _ => return None,
    })
}

fn resolve_number(s: &str) -> Resolved {
    if is_timestamp(s) {
        return Resolved::Timestamp;
    }
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(v) = parse_go_int(&plain) {
        return match i64::try_from(v) {
            Ok(v) => Resolved::Int(v),
            Err(_) => Resolved::Float,
        };
    }
    if is_yaml_float(&plain) {
        return Resolved::Float;
    }
    Resolved::Str
}

/// `strconv.ParseInt(s, 0, 64)` / `ParseUint`: optional sign, then decimal, `0x` hex, `0o` or
/// leading-`0` octal, or `0b` binary. Returns the value as `i128` so `u64` values fit.
fn parse_go_int(s: &str) -> Option<i128> {
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || digits.len() > 70 || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    let v = i128::from(magnitude);
    if negative { (v <= i128::from(i64::MAX) + 1).then_some(-v) } else { Some(v) }
}

/// go-yaml v2's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// go-yaml v2's timestamp test: `YYYY-M-D`, optionally followed by `T`/`t`/space and
/// `H:M:S[.frac]`, with a `Z` or `±HH:MM` zone after `T`/`t` (Go layouts with short fields).
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let number = |i: &mut usize, min: usize, max: usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - start < max {
            *i += 1;
        }
        (min..=max).contains(&(*i - start))
    };
    let sep = |i: &mut usize, c: u8| {
        let ok = b.get(*i) == Some(&c);
        *i += usize::from(ok);
        ok
    };
    let date = number(&mut i, 4, 4)
        && sep(&mut i, b'-')
        && number(&mut i, 1, 2)
        && sep(&mut i, b'-')
        && number(&mut i, 1, 2);
    if !date {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zoned = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    if !(number(&mut i, 1, 2)
        && sep(&mut i, b':')
        && number(&mut i, 1, 2)
        && sep(&mut i, b':')
        && number(&mut i, 1, 2))
    {
        return false;
    }
    if sep(&mut i, b'.') && !number(&mut i, 1, 9) {
        return false;
    }
    if !zoned {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i += 1;
            number(&mut i, 2, 2) && sep(&mut i, b':') && number(&mut i, 2, 2) && i == b.len()
        }
        _ => false,
    }
}

/// go-yaml v2 also quotes sexagesimal numbers (`1:20`), which YAML 1.1 readers take as base 60.
pub(crate) fn is_base60_float(s: &str) -> bool {
    // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        let group = &b[start..i];
        let ok = match group {
            [d] => d.is_ascii_digit(),
            [a, d] => (b'0'..=b'5').contains(a) && d.is_ascii_digit(),
            _ => false,
        };
        if !ok {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::{Resolved::*, *};

    #[test]
    fn resolves_like_go_yaml_v2() {
        let cases = [
            ("yes", Bool(true)),
            ("Off", Bool(false)),
            ("y", Bool(true)),
            ("true", Bool(true)),
            ("~", Null),
            ("", Null),
            ("3", Int(3)),
            ("-3", Int(-3)),
            ("+3", Int(3)),
            ("0x1F", Int(31)),
            ("017", Int(15)),
            ("0o17", Int(15)),
            ("0b101", Int(5)),
            ("1_000", Int(1000)),
            ("1.0", Float),
            ("1e3", Float),
            (".5", Float),
            ("08", Float),
            ("-.inf", Float),
            ("99999999999999999999", Float),
            ("2026-01-01", Timestamp),
            ("2026-01-01T00:05:03Z", Timestamp),
            ("2026-1-1t1:2:3.5+01:00", Timestamp),
            ("2026-01-01 10:00:00", Timestamp),
            ("2026-01-01T10:00:00", Str),
            ("500m", Str),
            ("1Gi", Str),
            ("nginx", Str),
            ("-", Str),
            ("inf", Str),
            ("-inf", Str),
            ("1.2.3", Str),
        ];
        for (s, want) in cases {
            assert_eq!(resolve_plain(s), want, "{s:?}");
        }
    }

    #[test]
    fn base60() {
        assert!(is_base60_float("1:20"));
        assert!(is_base60_float("190:20:30.15"));
        assert!(!is_base60_float("1:2a"));
        assert!(!is_base60_float("1:60"));
        assert!(!is_base60_float("12"));
    }
}
