//! Label selectors as `kubectl -l` reads them (apimachinery's `labels.Parse`): equality
//! (`app=web`, `app==web`, `tier!=db`), sets (`env in (a,b)`, `env notin (c)`), existence
//! (`canary`, `!canary`) and integer comparisons (`rank>2`, `rank<5`), comma-separated and
//! ANDed, with apimachinery's error wording.

use crate::validation::{label_value_errors, qualified_name_errors};
use sim_core::model::Labels;
use std::fmt;

/// A selector operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `=` or `==`.
    Equals,
    /// `!=`.
    NotEquals,
    /// `in (…)`.
    In,
    /// `notin (…)`.
    NotIn,
    /// `key`.
    Exists,
    /// `!key`.
    DoesNotExist,
    /// `key>N`.
    GreaterThan,
    /// `key<N`.
    LessThan,
}

/// One requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// Label key.
    pub key: String,
    /// Operator.
    pub op: Op,
    /// Values, sorted and deduplicated.
    pub values: Vec<String>,
}

/// A parsed selector: requirements ANDed; empty matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector {
    /// Requirements in the order written.
    pub requirements: Vec<Requirement>,
}

/// A selector that does not parse, worded as apimachinery words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError(pub String);

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Requirement {
    /// Whether `labels` satisfy this requirement (`Requirement.Matches`).
    pub fn matches(&self, labels: &Labels) -> bool {
        let value = labels.get(&self.key);
        let in_set = || value.is_some_and(|v| self.values.iter().any(|x| x == v));
        let compare = |f: fn(i64, i64) -> bool| {
            let (Some(v), Some(bound)) = (value, self.values.first()) else { return false };
            match (v.parse::<i64>(), bound.parse::<i64>()) {
                (Ok(v), Ok(b)) => f(v, b),
                _ => false,
            }
        };
        match self.op {
            Op::Equals | Op::In => in_set(),
            Op::NotEquals | Op::NotIn => !in_set(),
            Op::Exists => value.is_some(),
            Op::DoesNotExist => value.is_none(),
            Op::GreaterThan => compare(|v, b| v > b),
            Op::LessThan => compare(|v, b| v < b),
        }
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = self.values.first().map_or("", String::as_str);
        match self.op {
            Op::Equals => write!(f, "{}={first}", self.key),
            Op::NotEquals => write!(f, "{}!={first}", self.key),
            Op::In => write!(f, "{} in ({})", self.key, self.values.join(",")),
            Op::NotIn => write!(f, "{} notin ({})", self.key, self.values.join(",")),
            Op::Exists => write!(f, "{}", self.key),
            Op::DoesNotExist => write!(f, "!{}", self.key),
            Op::GreaterThan => write!(f, "{}>{first}", self.key),
            Op::LessThan => write!(f, "{}<{first}", self.key),
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.requirements.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join(","))
    }
}

impl Selector {
    /// Parses a selector; whitespace around tokens is ignored.
    pub fn parse(s: &str) -> Result<Selector, SelectorError> {
        let tokens = lex(s);
        let mut p = Parser { tokens: &tokens, pos: 0 };
        p.selector().map_err(SelectorError)
    }

    /// Whether the selector has no requirements (matches everything).
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    /// Whether `labels` satisfy every requirement.
    pub fn matches(&self, labels: &Labels) -> bool {
        self.requirements.iter().all(|r| r.matches(labels))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Bang,
    Eq,
    EqEq,
    NotEq,
    Gt,
    Lt,
    Open,
    Close,
    Comma,
    In,
    NotIn,
    Error(String),
    End,
}

impl Tok {
    fn literal(&self) -> String {
        match self {
            Tok::Ident(s) | Tok::Error(s) => s.clone(),
            Tok::Bang => "!".into(),
            Tok::Eq => "=".into(),
            Tok::EqEq => "==".into(),
            Tok::NotEq => "!=".into(),
            Tok::Gt => ">".into(),
            Tok::Lt => "<".into(),
            Tok::Open => "(".into(),
            Tok::Close => ")".into(),
            Tok::Comma => ",".into(),
            Tok::In => "in".into(),
            Tok::NotIn => "notin".into(),
            Tok::End => String::new(),
        }
    }
}

fn is_special(c: char) -> bool {
    matches!(c, '=' | '!' | '(' | ')' | ',' | '>' | '<')
}

fn symbol(s: &str) -> Option<Tok> {
    Some(match s {
        "!" => Tok::Bang,
        "=" => Tok::Eq,
        "==" => Tok::EqEq,
        "!=" => Tok::NotEq,
        ">" => Tok::Gt,
        "<" => Tok::Lt,
        "(" => Tok::Open,
        ")" => Tok::Close,
        "," => Tok::Comma,
        _ => return None,
    })
}

/// apimachinery's lexer: identifiers run to whitespace or a special symbol; symbols are read
/// greedily while the text so far is still a symbol.
fn lex(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if is_special(c) {
            let mut buf = String::new();
            let mut last: Option<(Tok, usize)> = None;
            let mut j = i;
            while j < chars.len() && is_special(chars[j]) {
                buf.push(chars[j]);
                j += 1;
                match symbol(&buf) {
                    Some(t) => last = Some((t, j)),
                    None if last.is_some() => break,
                    None => {}
                }
            }
            match last {
                Some((t, end)) => {
                    out.push(t);
                    i = end;
                }
                None => {
                    out.push(Tok::Error(format!("error expected: keyword found '{buf}'")));
                    return out;
                }
            }
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !is_special(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push(match word.as_str() {
                "in" => Tok::In,
                "notin" => Tok::NotIn,
                _ => Tok::Ident(word),
            });
        }
    }
    out.push(Tok::End);
    out
}

struct Parser<'a> {
    tokens: &'a [Tok],
    pos: usize,
}

/// Whether the parser reads values (where `in`/`notin` are plain identifiers) or operators.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Values,
    Operator,
}

impl Parser<'_> {
    fn peek(&self, mode: Mode) -> Tok {
        let t = self.tokens.get(self.pos).cloned().unwrap_or(Tok::End);
        match (mode, t) {
            (Mode::Values, Tok::In) => Tok::Ident("in".into()),
            (Mode::Values, Tok::NotIn) => Tok::Ident("notin".into()),
            (_, t) => t,
        }
    }

    fn next(&mut self, mode: Mode) -> Tok {
        let t = self.peek(mode);
        self.pos = (self.pos + 1).min(self.tokens.len());
        t
    }

    fn selector(&mut self) -> Result<Selector, String> {
        let mut requirements = Vec::new();
        loop {
            match self.peek(Mode::Values) {
                Tok::Ident(_) | Tok::Bang => {
                    let r = self
                        .requirement()
                        .map_err(|e| format!("unable to parse requirement: {e}"))?;
                    requirements.push(r);
                    match self.next(Mode::Values) {
                        Tok::End => break,
                        Tok::Comma => match self.peek(Mode::Values) {
                            Tok::Ident(_) | Tok::Bang => {}
                            t => {
                                return Err(format!(
                                    "found '{}', expected: identifier after ','",
                                    t.literal()
                                ));
                            }
                        },
                        t => {
                            return Err(format!(
                                "found '{}', expected: ',' or 'end of string'",
                                t.literal()
                            ));
                        }
                    }
                }
                Tok::End => break,
                t => {
                    return Err(format!(
                        "found '{}', expected: !, identifier, or 'end of string'",
                        t.literal()
                    ));
                }
            }
        }
        Ok(Selector { requirements })
    }

    fn requirement(&mut self) -> Result<Requirement, String> {
        let mut op = None;
        let mut t = self.next(Mode::Values);
        if t == Tok::Bang {
            op = Some(Op::DoesNotExist);
            t = self.next(Mode::Values);
        }
        let Tok::Ident(key) = t else {
            return Err(format!("found '{}', expected: identifier", t.literal()));
        };
        let errs = qualified_name_errors(&key);
        if !errs.is_empty() {
            return Err(format!(": Invalid value: {key:?}: {}", errs.join("; ")));
        }
        if matches!(self.peek(Mode::Values), Tok::End | Tok::Comma) && op.is_none() {
            op = Some(Op::Exists);
        }
        if let Some(op) = op {
            return Ok(Requirement { key, op, values: Vec::new() });
        }
        let op = match self.next(Mode::Operator) {
            Tok::In => Op::In,
            Tok::NotIn => Op::NotIn,
            Tok::Eq | Tok::EqEq => Op::Equals,
            Tok::NotEq => Op::NotEquals,
            Tok::Gt => Op::GreaterThan,
            Tok::Lt => Op::LessThan,
            t => {
                return Err(format!(
                    "found '{}', expected: in, notin, =, ==, !=, gt, lt",
                    t.literal()
                ));
            }
        };
        let mut values = match op {
            Op::In | Op::NotIn => self.set_values()?,
            _ => vec![self.exact_value()?],
        };
        values.sort();
        values.dedup();
        validate(&key, op, &values)?;
        Ok(Requirement { key, op, values })
    }

    fn exact_value(&mut self) -> Result<String, String> {
        match self.peek(Mode::Values) {
            Tok::End | Tok::Comma => Ok(String::new()),
            _ => match self.next(Mode::Values) {
                Tok::Ident(v) => Ok(v),
                t => Err(format!("found '{}', expected: identifier", t.literal())),
            },
        }
    }

    fn set_values(&mut self) -> Result<Vec<String>, String> {
        let t = self.next(Mode::Values);
        if t != Tok::Open {
            return Err(format!("found '{}' expected: '('", t.literal()));
        }
        match self.peek(Mode::Values) {
            Tok::Ident(_) | Tok::Comma => {
                let values = self.identifiers()?;
                match self.next(Mode::Values) {
                    Tok::Close => Ok(values),
                    t => Err(format!("found '{}', expected: ')'", t.literal())),
                }
            }
            Tok::Close => {
                self.next(Mode::Values);
                Ok(vec![String::new()])
            }
            t => Err(format!("found '{}', expected: ',', ')' or identifier", t.literal())),
        }
    }

    fn identifiers(&mut self) -> Result<Vec<String>, String> {
        let mut values: Vec<String> = Vec::new();
        loop {
            match self.next(Mode::Values) {
                Tok::Ident(v) => {
                    values.push(v);
                    match self.peek(Mode::Values) {
                        Tok::Comma => {}
                        Tok::Close => return Ok(values),
                        t => return Err(format!("found '{}', expected: ',' or ')'", t.literal())),
                    }
                }
                Tok::Comma => {
                    if values.is_empty() {
                        values.push(String::new());
                    }
                    match self.peek(Mode::Values) {
                        Tok::Close => {
                            values.push(String::new());
                            return Ok(values);
                        }
                        Tok::Comma => {
                            self.next(Mode::Values);
                            values.push(String::new());
                        }
                        _ => {}
                    }
                }
                t => return Err(format!("found '{}', expected: ',', or identifier", t.literal())),
            }
        }
    }
}

/// `NewRequirement`'s checks on the values.
fn validate(key: &str, op: Op, values: &[String]) -> Result<(), String> {
    if matches!(op, Op::GreaterThan | Op::LessThan)
        && values.iter().any(|v| v.parse::<i64>().is_err())
    {
        return Err(format!(
            "values[0]: Invalid value: {values:?}: for 'Gt', 'Lt' operators, the value must be an integer"
        ));
    }
    for (i, v) in values.iter().enumerate() {
        let errs = label_value_errors(v);
        if !errs.is_empty() {
            return Err(format!("values[{i}][{key}]: Invalid value: {v:?}: {}", errs.join("; ")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
