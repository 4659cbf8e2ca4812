//! The decoding context: typed reads of YAML nodes that report what is wrong, where, in the
//! API server's words.
//!
//! Every read treats `null` (and an empty value) as absent, as Go's JSON decoding does for the
//! pointers, slices and maps Kubernetes uses for optional fields.

use crate::{
    manifest::{
        diagnostic::{Path, Pos, Sink, quote},
        resolve::{Resolved, resolve_plain},
        tree::{CoreTag, Entry, Node, NodeKind, Scalar},
    },
    model::{IntOrString, Labels, Quantity, ResourceList, ResourceName},
};
use std::fmt;

/// The context every decoder function receives.
pub(crate) struct Cx<'s> {
    pub(crate) sink: &'s mut Sink,
}

/// What a scalar is, once tags and YAML 1.1 resolution are applied.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Typed {
    Null,
    Bool(bool),
    Int(i64),
    Float,
    Str,
}

fn typed(s: &Scalar) -> Typed {
    match s.tag {
        Some(CoreTag::Str) => return Typed::Str,
        Some(CoreTag::Null) => return Typed::Null,
        _ => {}
    }
    if !s.plain && s.tag.is_none() {
        return Typed::Str;
    }
    match resolve_plain(&s.text) {
        Resolved::Null => Typed::Null,
        Resolved::Bool(b) => Typed::Bool(b),
        Resolved::Int(i) => Typed::Int(i),
        Resolved::Float => Typed::Float,
        Resolved::Timestamp | Resolved::Str => Typed::Str,
    }
}

/// How a node reads in a "got ..." message.
struct Got<'a>(&'a Node);

impl fmt::Display for Got<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.kind {
            NodeKind::Map(_) => f.write_str("object"),
            NodeKind::Seq(_) => f.write_str("array"),
            NodeKind::Scalar(s) => match typed(s) {
                Typed::Null => f.write_str("null"),
                Typed::Bool(_) => write!(f, "boolean {}", s.text),
                Typed::Int(_) | Typed::Float => write!(f, "number {}", s.text),
                Typed::Str => write!(f, "string {}", quote(&s.text)),
            },
        }
    }
}

impl Cx<'_> {
    // ---- diagnostics -------------------------------------------------------------------------

    /// `path: Required value`.
    pub(crate) fn required(&mut self, pos: Pos, path: &Path<'_>) {
        self.sink.field_error(pos, path, "Required value");
    }

    /// `path: Required value: detail`.
    pub(crate) fn required_because(&mut self, pos: Pos, path: &Path<'_>, detail: &str) {
        self.sink.field_error(pos, path, format_args!("Required value: {detail}"));
    }

    /// `path: Invalid value: <value>: detail`; `value` is already formatted (quoted strings).
    pub(crate) fn invalid(
        &mut self,
        pos: Pos,
        path: &Path<'_>,
        value: impl fmt::Display,
        detail: impl fmt::Display,
    ) {
        self.sink.field_error(pos, path, format_args!("Invalid value: {value}: {detail}"));
    }

    /// `path: Unsupported value: "v": supported values: "a", "b"`.
    pub(crate) fn unsupported_value(
        &mut self,
        pos: Pos,
        path: &Path<'_>,
        value: &str,
        supported: &[&str],
    ) {
        let list: Vec<String> = supported.iter().map(|s| quote(s)).collect();
        self.sink.field_error(
            pos,
            path,
            format_args!(
                "Unsupported value: {}: supported values: {}",
                quote(value),
                list.join(", ")
            ),
        );
    }

    /// `path: Forbidden: detail`.
    pub(crate) fn forbidden(&mut self, pos: Pos, path: &Path<'_>, detail: &str) {
        self.sink.field_error(pos, path, format_args!("Forbidden: {detail}"));
    }

    /// `path: Duplicate value: <value>`.
    pub(crate) fn duplicate(&mut self, pos: Pos, path: &Path<'_>, value: impl fmt::Display) {
        self.sink.field_error(pos, path, format_args!("Duplicate value: {value}"));
    }

    /// A field Kubernetes has but this simulator does not simulate, where ignoring it would
    /// change what happens (scheduling, routing): an error naming what is missing.
    pub(crate) fn not_simulated(&mut self, pos: Pos, path: &Path<'_>, detail: &str) {
        self.sink.field_error(pos, path, format_args!("not supported by this simulator: {detail}"));
    }

    /// A field that is accepted and has no effect here.
    pub(crate) fn ignored(&mut self, e: &Entry, parent: &Path<'_>, detail: &str) {
        let path = parent.field(&e.key);
        self.sink.field_warning(e.key_pos, &path, format_args!("ignored: {detail}"));
    }

    /// An ignored field whose value is the one the API server fills in (what `kubectl get -o
    /// yaml` prints): accepted silently; any other value is ignored with a warning.
    pub(crate) fn ignored_unless_default(
        &mut self,
        e: &Entry,
        parent: &Path<'_>,
        default: &str,
        detail: &str,
    ) {
        let is_default = match &e.value.kind {
            NodeKind::Scalar(s) => &*s.text == default,
            NodeKind::Map(entries) => entries.is_empty() && default == "{}",
            NodeKind::Seq(items) => items.is_empty() && default == "[]",
        };
        if !is_default && !e.value.is_null() {
            self.ignored(e, parent, detail);
        }
    }

    /// `strict decoding error: unknown field "path.key"`.
    pub(crate) fn unknown(&mut self, e: &Entry, parent: &Path<'_>) {
        let path = parent.field(&e.key).to_string();
        let message = format!("strict decoding error: unknown field {}", quote(&path));
        self.sink.error(e.key_pos, path, message);
    }

    fn type_error(&mut self, node: &Node, path: &Path<'_>, expected: &str) {
        let hint = match (&node.kind, expected) {
            (NodeKind::Scalar(s), "string") => format!(" (quote it: {})", quote(&s.text)),
            _ => String::new(),
        };
        self.sink.field_error(
            node.pos,
            path,
            format_args!("expected {expected}, got {}{hint}", Got(node)),
        );
    }

    // ---- typed reads -------------------------------------------------------------------------

    /// The entries of a mapping, or `None` (with an error unless the node is null).
    pub(crate) fn map<'n>(&mut self, node: &'n Node, path: &Path<'_>) -> Option<&'n [Entry]> {
        match &node.kind {
            NodeKind::Map(entries) => Some(entries),
            _ if node.is_null() => None,
            _ => {
                self.type_error(node, path, "object");
                None
            }
        }
    }

    /// The items of a sequence, or `None` (with an error unless the node is null).
    pub(crate) fn seq<'n>(&mut self, node: &'n Node, path: &Path<'_>) -> Option<&'n [Node]> {
        match &node.kind {
            NodeKind::Seq(items) => Some(items),
            _ if node.is_null() => None,
            _ => {
                self.type_error(node, path, "array");
                None
            }
        }
    }

    /// A string. Unquoted numbers and YAML 1.1 booleans are not strings, as upstream.
    pub(crate) fn string(&mut self, node: &Node, path: &Path<'_>) -> Option<String> {
        match &node.kind {
            NodeKind::Scalar(s) => match typed(s) {
                Typed::Str => Some(s.text.to_string()),
                Typed::Null => None,
                _ => {
                    self.type_error(node, path, "string");
                    None
                }
            },
            _ => {
                self.type_error(node, path, "string");
                None
            }
        }
    }

    /// A boolean (`true`, `false`, and YAML 1.1's `yes`, `no`, `on`, `off`).
    pub(crate) fn bool(&mut self, node: &Node, path: &Path<'_>) -> Option<bool> {
        match &node.kind {
            NodeKind::Scalar(s) => match typed(s) {
                Typed::Bool(b) => Some(b),
                Typed::Null => None,
                _ => {
                    self.type_error(node, path, "boolean");
                    None
                }
            },
            _ => {
                self.type_error(node, path, "boolean");
                None
            }
        }
    }

    /// An integer in `i64`. A whole-number float (`3.0`) is accepted, as Go's JSON decoder
    /// does once YAML has been turned into JSON.
    pub(crate) fn int(&mut self, node: &Node, path: &Path<'_>) -> Option<i64> {
        if let NodeKind::Scalar(s) = &node.kind {
            match typed(s) {
                Typed::Int(i) => return Some(i),
                Typed::Null => return None,
                Typed::Float => {
                    if let Some(i) = whole_float(&s.text) {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
        self.type_error(node, path, "integer");
        None
    }

    /// An `int32`.
    pub(crate) fn i32(&mut self, node: &Node, path: &Path<'_>) -> Option<i32> {
        let v = self.int(node, path)?;
        match i32::try_from(v) {
            Ok(v) => Some(v),
            Err(_) => {
                self.invalid(node.pos, path, v, "must fit in a 32-bit integer");
                None
            }
        }
    }

    /// An `int32` that must be at least `min` (`must be greater than or equal to 0`).
    pub(crate) fn i32_at_least(&mut self, node: &Node, path: &Path<'_>, min: i32) -> Option<i32> {
        let v = self.i32(node, path)?;
        if v < min {
            self.invalid(node.pos, path, v, format_args!("must be greater than or equal to {min}"));
            return None;
        }
        Some(v)
    }

    /// A `resource.Quantity`, written as a string or a number.
    pub(crate) fn quantity(&mut self, node: &Node, path: &Path<'_>) -> Option<Quantity> {
        let NodeKind::Scalar(s) = &node.kind else {
            self.type_error(node, path, "quantity (a string such as \"500m\" or a number)");
            return None;
        };
        let text = match typed(s) {
            Typed::Null => return None,
            Typed::Bool(_) => {
                self.type_error(node, path, "quantity (a string such as \"500m\" or a number)");
                return None;
            }
            // An unquoted integer reaches the API server as a JSON number in canonical form.
            Typed::Int(i) => i.to_string(),
            Typed::Float => s.text.replace('_', ""),
            Typed::Str => s.text.to_string(),
        };
        match Quantity::parse(&text) {
            Ok(q) => Some(q),
            Err(e) => {
                self.invalid(node.pos, path, quote(&s.text), e);
                None
            }
        }
    }

    /// An `intstr.IntOrString`: an unquoted integer, or a string.
    pub(crate) fn int_or_string(&mut self, node: &Node, path: &Path<'_>) -> Option<IntOrString> {
        if let NodeKind::Scalar(s) = &node.kind {
            match typed(s) {
                Typed::Int(i) => {
                    return match i32::try_from(i) {
                        Ok(i) => Some(IntOrString::Int(i)),
                        Err(_) => {
                            self.invalid(node.pos, path, i, "must fit in a 32-bit integer");
                            None
                        }
                    };
                }
                Typed::Str => return Some(IntOrString::String(s.text.to_string())),
                Typed::Null => return None,
                _ => {}
            }
        }
        self.type_error(node, path, "integer or string");
        None
    }

    /// A list of strings.
    pub(crate) fn strings(&mut self, node: &Node, path: &Path<'_>) -> Vec<String> {
        let Some(items) = self.seq(node, path) else { return Vec::new() };
        items.iter().enumerate().filter_map(|(i, item)| self.string(item, &path.index(i))).collect()
    }

    /// A `map[string]string` (labels, annotations, nodeSelector). Entries keep their key
    /// positions for the validator, which reports bad keys at their line.
    pub(crate) fn string_map(
        &mut self,
        node: &Node,
        path: &Path<'_>,
    ) -> Vec<(String, String, Pos)> {
        let Some(entries) = self.map(node, path) else { return Vec::new() };
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            // A null value in a string map decodes to "" upstream.
            let value = if e.value.is_null() {
                Some(String::new())
            } else {
                self.string(&e.value, &path.field(&e.key))
            };
            if let Some(v) = value {
                out.push((e.key.to_string(), v, e.key_pos));
            }
        }
        out
    }

    /// A `ResourceList` (`cpu: 500m`, `memory: 1Gi`, `nvidia.com/gpu: 1`).
    pub(crate) fn resource_list(&mut self, node: &Node, path: &Path<'_>) -> ResourceList {
        let Some(entries) = self.map(node, path) else { return ResourceList::new() };
        let mut list = ResourceList::new();
        for e in entries {
            if let Some(q) = self.quantity(&e.value, &path.field(&e.key)) {
                list.set(ResourceName::from_name(&e.key), q);
            }
        }
        list
    }

    /// One value of a closed set of strings (`restartPolicy: Always`), or an `Unsupported value`
    /// error listing the set.
    pub(crate) fn one_of<T: Copy>(
        &mut self,
        node: &Node,
        path: &Path<'_>,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let s = self.string(node, path)?;
        self.pick(node.pos, path, &s, choices)
    }

    /// The value named `s` in `choices`, or an `Unsupported value` error listing them.
    pub(crate) fn pick<T: Copy>(
        &mut self,
        pos: Pos,
        path: &Path<'_>,
        s: &str,
        choices: &[(&str, T)],
    ) -> Option<T> {
        match choices.iter().find(|(name, _)| *name == s) {
            Some((_, v)) => Some(*v),
            None => {
                let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
                self.unsupported_value(pos, path, s, &names);
                None
            }
        }
    }
}

/// `3.0` → 3; `3.5`, `1e400` → `None`.
fn whole_float(text: &str) -> Option<i64> {
    let v: f64 = text.replace('_', "").parse().ok()?;
    // 2^63 is exactly representable; anything at or beyond it does not fit.
    let in_range = v.is_finite()
        && v.fract() == 0.0
        && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&v);
    #[allow(clippy::cast_possible_truncation, reason = "range and wholeness checked above")]
    in_range.then_some(v as i64)
}

/// Labels from decoded `(key, value, pos)` triples.
pub(crate) fn labels_of(entries: &[(String, String, Pos)]) -> Labels {
    entries.iter().map(|(k, v, _)| (k.as_str(), v.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::tree::load;

    fn with_value<T>(yaml: &str, f: impl FnOnce(&mut Cx<'_>, &Node) -> T) -> (T, Vec<String>) {
        let loaded = load(yaml);
        let root = loaded.documents.into_iter().next().and_then(|d| d.root).expect("root");
        let v = &root.get("v").expect("v").value;
        let mut sink = Sink::default();
        let out = f(&mut Cx { sink: &mut sink }, v);
        (out, sink.into_vec().into_iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn type_errors_name_what_was_found() {
        let p = Path::ROOT;
        let (v, errs) = with_value("v: three\n", |cx, n| cx.i32(n, &p.field("replicas")));
        assert_eq!(v, None);
        assert_eq!(errs, ["line 1: replicas: expected integer, got string \"three\""]);
        let (_, errs) = with_value("v: 1.0\n", |cx, n| cx.string(n, &p.field("version")));
        assert_eq!(errs, ["line 1: version: expected string, got number 1.0 (quote it: \"1.0\")"]);
        let (_, errs) = with_value("v: yes\n", |cx, n| cx.string(n, &p.field("x")));
        assert_eq!(errs, ["line 1: x: expected string, got boolean yes (quote it: \"yes\")"]);
    }

    #[test]
    fn numbers_and_strings_read_as_upstream() {
        let p = Path::ROOT;
        assert_eq!(with_value("v: 3.0\n", |cx, n| cx.i32(n, &p)).0, Some(3));
        assert_eq!(with_value("v: '3'\n", |cx, n| cx.string(n, &p)).0, Some("3".into()));
        assert_eq!(with_value("v: !!str 3\n", |cx, n| cx.string(n, &p)).0, Some("3".into()));
        assert_eq!(
            with_value("v: 2026-01-01\n", |cx, n| cx.string(n, &p)).0,
            Some("2026-01-01".into())
        );
        assert_eq!(
            with_value("v: 0.5\n", |cx, n| cx.quantity(n, &p)).0,
            Some(Quantity::from_millis(500))
        );
        assert_eq!(
            with_value("v: 1e3\n", |cx, n| cx.quantity(n, &p)).0,
            Some(Quantity::from_units(1000))
        );
        assert_eq!(
            with_value("v: 25%\n", |cx, n| cx.int_or_string(n, &p)).0,
            Some(IntOrString::String("25%".into()))
        );
        assert_eq!(
            with_value("v: 3\n", |cx, n| cx.int_or_string(n, &p)).0,
            Some(IntOrString::Int(3))
        );
        assert_eq!(with_value("v: off\n", |cx, n| cx.bool(n, &p)).0, Some(false));
        assert_eq!(with_value("v:\n", |cx, n| cx.i32(n, &p)), (None, vec![]));
    }

    #[test]
    fn quantity_errors_quote_the_regular_expression() {
        let root = Path::ROOT;
        let p = root.field("cpu");
        let (_, errs) = with_value("v: 1x\n", |cx, n| cx.quantity(n, &p));
        assert_eq!(
            errs,
            [
                "line 1: cpu: Invalid value: \"1x\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            ]
        );
    }
}
