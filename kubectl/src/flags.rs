//! Command-line flags as kubectl's flag library (spf13/pflag) reads them: `--name=value`,
//! `--name value`, `-n value`, `-nvalue`, `-n=value`, boolean groups (`-it`), `--` ending the
//! flags, flags anywhere among the arguments, and pflag's error messages.

use std::{collections::BTreeMap, fmt};

/// What a flag holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A switch: `--force`, `--force=false`.
    Bool,
    /// A string; the last occurrence wins.
    Str,
    /// A Go `int` (`bits` 64) or `int32` (`bits` 32), parsed with `strconv.ParseInt(s, 0, bits)`.
    Int(u32),
    /// A comma-separated list; occurrences accumulate (`-f a -f b`, `-L a,b`).
    List,
}

/// One flag a command accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spec {
    /// Long name, without dashes.
    pub(crate) name: &'static str,
    /// One-letter shorthand.
    pub(crate) short: Option<char>,
    /// Value type.
    pub(crate) kind: Kind,
}

/// A flag with a long name only.
pub(crate) const fn long(name: &'static str, kind: Kind) -> Spec {
    Spec { name, short: None, kind }
}

/// A flag with a shorthand.
pub(crate) const fn short(name: &'static str, short: char, kind: Kind) -> Spec {
    Spec { name, short: Some(short), kind }
}

/// Flags kubectl has that this simulator does not: reported as unsupported rather than
/// unknown, so the reader knows the flag is real.
const REAL_BUT_UNSUPPORTED: &[&str] = &[
    "dry-run",
    "field-selector",
    "sort-by",
    "template",
    "context",
    "kubeconfig",
    "cluster",
    "user",
    "server",
    "token",
    "as",
    "request-timeout",
    "recursive",
    "kustomize",
    "server-side",
    "force-conflicts",
    "field-manager",
    "prune",
    "chunk-size",
    "output-watch-events",
    "watch-only",
    "raw",
    "record",
    "since",
    "since-time",
    "limit-bytes",
    "prefix",
    "copy-to",
    "share-processes",
    "profile",
    "cascade",
    "pod-selector",
    "disable-eviction",
    "skip-wait-for-delete-timeout",
    "current-replicas",
    "resource-version",
    "subresource",
    "validate",
    "v",
];

/// A flag problem, worded as pflag words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlagError {
    /// `unknown flag: --bogus`.
    Unknown(String),
    /// `unknown shorthand flag: 'x' in -x`.
    UnknownShorthand(char, String),
    /// `flag needs an argument: --namespace` or `'n' in -n`.
    NeedsArgument(String),
    /// `invalid argument "x" for "--replicas" flag: …`.
    Invalid {
        /// The value given.
        value: String,
        /// `--name` or `-s, --name`.
        flag: String,
        /// The parse error.
        reason: String,
    },
    /// `bad flag syntax: ---x`.
    BadSyntax(String),
    /// A real kubectl flag the simulator does not implement.
    Unsupported(String),
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlagError::Unknown(n) => write!(f, "unknown flag: --{n}"),
            FlagError::UnknownShorthand(c, group) => {
                write!(f, "unknown shorthand flag: '{c}' in {group}")
            }
            FlagError::NeedsArgument(n) => write!(f, "flag needs an argument: {n}"),
            FlagError::Invalid { value, flag, reason } => {
                write!(f, "invalid argument {value:?} for {flag:?} flag: {reason}")
            }
            FlagError::BadSyntax(s) => write!(f, "bad flag syntax: {s}"),
            FlagError::Unsupported(n) => {
                write!(f, "flag --{n} is a kubectl flag this simulator does not support")
            }
        }
    }
}

/// Parsed arguments: positional words and flag values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// Arguments that are not flags, in order.
    pub(crate) positional: Vec<String>,
    values: BTreeMap<&'static str, Vec<String>>,
}

impl Parsed {
    /// Whether the flag appeared.
    pub(crate) fn given(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// A boolean flag (validated at parse time; absent is false).
    pub(crate) fn bool(&self, name: &str) -> bool {
        self.values.get(name).and_then(|v| v.last()).is_some_and(|s| parse_bool(s).unwrap_or(false))
    }

    /// A string flag's last value.
    pub(crate) fn string(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.last()).map(String::as_str)
    }

    /// An integer flag (validated at parse time).
    pub(crate) fn int(&self, name: &str) -> Option<i64> {
        self.string(name).and_then(|s| parse_int(s, 64).ok())
    }

    /// A list flag's items, comma-split, across occurrences.
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        self.values
            .get(name)
            .into_iter()
            .flatten()
            .flat_map(|v| v.split(',').map(str::to_owned).collect::<Vec<_>>())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// `strconv.ParseBool`.
pub(crate) fn parse_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(format!("strconv.ParseBool: parsing {s:?}: invalid syntax")),
    }
}

/// `strconv.ParseInt(s, 0, bits)`: decimal, `0x`, `0o`, `0b` or leading-zero octal, with
/// Go's error text.
pub(crate) fn parse_int(s: &str, bits: u32) -> Result<i64, String> {
    let syntax = || format!("strconv.ParseInt: parsing {s:?}: invalid syntax");
    let range = || format!("strconv.ParseInt: parsing {s:?}: value out of range");
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits, prefixed) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d.to_owned(), true)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d.to_owned(), true)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d.to_owned(), true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_owned(), true)
    } else {
        (10, lower.clone(), false)
    };
    // Base-prefixed literals may use `_` between digits, as Go allows with base 0.
    let digits = if prefixed && !digits.starts_with('_') && !digits.ends_with('_') {
        digits.replace('_', "")
    } else {
        digits
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(syntax());
    }
    let magnitude = u128::from_str_radix(&digits, radix).map_err(|_| range())?;
    let limit: u128 = 1 << (bits - 1);
    if (!negative && magnitude >= limit) || (negative && magnitude > limit) {
        return Err(range());
    }
    let v = magnitude as i128;
    Ok((if negative { -v } else { v }) as i64)
}

fn find_long<'a>(specs: &'a [Spec], name: &str) -> Option<&'a Spec> {
    specs.iter().find(|s| s.name == name)
}

fn flag_label(spec: &Spec) -> String {
    match spec.short {
        Some(c) => format!("-{c}, --{}", spec.name),
        None => format!("--{}", spec.name),
    }
}

fn check(spec: &Spec, value: &str) -> Result<(), FlagError> {
    let invalid =
        |reason| FlagError::Invalid { value: value.to_owned(), flag: flag_label(spec), reason };
    match spec.kind {
        Kind::Bool => parse_bool(value).map(|_| ()).map_err(invalid),
        Kind::Int(bits) => parse_int(value, bits).map(|_| ()).map_err(invalid),
        Kind::Str | Kind::List => Ok(()),
    }
}

/// Parses `args` against `specs`.
pub(crate) fn parse(args: &[String], specs: &[Spec]) -> Result<Parsed, FlagError> {
    let mut out = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            out.positional.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(rest) = a.strip_prefix("--") {
            let (name, inline) = match rest.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (rest, None),
            };
            if name.is_empty() || name.starts_with(['-', '=']) {
                return Err(FlagError::BadSyntax(a.clone()));
            }
            let Some(spec) = find_long(specs, name) else {
                if REAL_BUT_UNSUPPORTED.contains(&name) {
                    return Err(FlagError::Unsupported(name.to_owned()));
                }
                return Err(FlagError::Unknown(name.to_owned()));
            };
            let value = match (inline, spec.kind) {
                (Some(v), _) => v.to_owned(),
                (None, Kind::Bool) => "true".to_owned(),
                (None, _) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => return Err(FlagError::NeedsArgument(format!("--{name}"))),
                },
            };
            check(spec, &value)?;
            out.values.entry(spec.name).or_default().push(value);
        } else if a.len() > 1 && a.starts_with('-') {
            i = shorthand_group(a, args, i, specs, &mut out)?;
        } else {
            out.positional.push(a.clone());
        }
    }
    Ok(out)
}

/// Reads `-abc`, `-nvalue`, `-n value`, `-n=value`; returns the next argument index.
fn shorthand_group(
    group: &str,
    args: &[String],
    mut next: usize,
    specs: &[Spec],
    out: &mut Parsed,
) -> Result<usize, FlagError> {
    let chars: Vec<(usize, char)> = group.char_indices().skip(1).collect();
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        let Some(spec) = specs.iter().find(|s| s.short == Some(c)) else {
            return Err(FlagError::UnknownShorthand(c, group.to_owned()));
        };
        let after = &group[pos + c.len_utf8()..];
        let value = if let Some(v) = after.strip_prefix('=') {
            k = chars.len();
            v.to_owned()
        } else if spec.kind == Kind::Bool {
            k += 1;
            "true".to_owned()
        } else if !after.is_empty() {
            k = chars.len();
            after.to_owned()
        } else {
            k = chars.len();
            match args.get(next) {
                Some(v) => {
                    next += 1;
                    v.clone()
                }
                None => return Err(FlagError::NeedsArgument(format!("'{c}' in -{c}"))),
            }
        };
        check(spec, &value)?;
        out.values.entry(spec.name).or_default().push(value);
    }
    Ok(next)
}

#[cfg(test)]
mod tests;
