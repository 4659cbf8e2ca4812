//! A YAML document as a tree of positioned nodes, built from `saphyr-parser` events.
//!
//! The loader is iterative (an explicit stack, no recursion), so nesting depth costs heap, not
//! stack, and is capped anyway. It rejects duplicate keys (the API server's strict decoding does
//! too), expands aliases against a node budget and applies `<<` merge keys as go-yaml v2 does.

use super::{
    diagnostic::Pos,
    limits::{MAX_DEPTH, MAX_DOCUMENTS, MAX_NODES, MAX_STRING_BYTES},
};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::{collections::BTreeMap, rc::Rc};

/// A YAML node and where it starts.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub(crate) pos: Pos,
    pub(crate) kind: NodeKind,
}

/// What a node holds.
#[derive(Clone, Debug)]
pub(crate) enum NodeKind {
    /// A scalar: its text and whether it was quoted (quoted scalars are always strings).
    Scalar(Scalar),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order, keys unique.
    Map(Vec<Entry>),
}

/// A scalar's text and how it was written.
#[derive(Clone, Debug)]
pub(crate) struct Scalar {
    /// The text, shared so that alias copies are cheap.
    pub(crate) text: Rc<str>,
    /// Whether the text was written unquoted (and so is resolved as YAML 1.1 does).
    pub(crate) plain: bool,
    /// An explicit core-schema tag (`!!str`), if any.
    pub(crate) tag: Option<CoreTag>,
}

/// The core-schema tags a manifest may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CoreTag {
    /// `!!str`.
    Str,
    /// `!!int`.
    Int,
    /// `!!float`.
    Float,
    /// `!!bool`.
    Bool,
    /// `!!null`.
    Null,
}

/// One `key: value` of a mapping.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) key: Rc<str>,
    pub(crate) key_pos: Pos,
    pub(crate) value: Node,
}

impl Node {
    /// Whether this node is `null` (or empty), which Kubernetes treats as "absent".
    pub(crate) fn is_null(&self) -> bool {
        match &self.kind {
            NodeKind::Scalar(s) => match s.tag {
                Some(CoreTag::Null) => true,
                Some(_) => false,
                None => s.plain && matches!(&*s.text, "" | "~" | "null" | "Null" | "NULL"),
            },
            _ => false,
        }
    }

    /// Where the value at `keys` (a path of mapping keys under this node) starts, if present.
    pub(crate) fn pos_at(&self, keys: &[&str]) -> Option<Pos> {
        let mut node = self;
        for k in keys {
            node = &node.get(k)?.value;
        }
        Some(node.pos)
    }

    /// The mapping entry for `key`, if this is a mapping that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().find(|e| &*e.key == key),
            _ => None,
        }
    }
}

/// A problem that stops loading: a YAML syntax error or a limit.
#[derive(Clone, Debug)]
pub(crate) struct LoadError {
    pub(crate) pos: Pos,
    pub(crate) message: String,
    pub(crate) path: String,
}

/// The documents of a YAML stream. Documents complete before a fatal error are kept; `error`
/// says why loading stopped early, if it did. Duplicate keys are reported in `duplicates`
/// (position and dotted key path) without stopping the load.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) documents: Vec<Document>,
    pub(crate) error: Option<LoadError>,
}

/// One YAML document.
#[derive(Debug)]
pub(crate) struct Document {
    /// The root node; `None` for an empty document.
    pub(crate) root: Option<Node>,
    /// Keys that appeared twice in one mapping: where the second one is, and its path.
    pub(crate) duplicates: Vec<(Pos, String)>,
}

/// Loads every document of `text`.
pub(crate) fn load(text: &str) -> Loaded {
    let mut loader = Loader::default();
    let mut parser = Parser::new_from_str(text);
    let mut out = Loaded::default();
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let m = e.marker();
                out.error = Some(LoadError {
                    pos: Pos { line: m.line() as u32, col: m.col() as u32 + 1 },
                    message: format!("YAML syntax error: {}", e.info()),
                    path: String::new(),
                });
                break;
            }
        };
        match loader.on_event(event, span) {
            Ok(Some(doc)) => {
                if out.documents.len() == MAX_DOCUMENTS {
                    out.error = Some(LoadError {
                        pos: doc.root.as_ref().map_or_else(|| pos_of(span), |r| r.pos),
                        message: format!(
                            "too many documents: at most {MAX_DOCUMENTS} are accepted in one input"
                        ),
                        path: String::new(),
                    });
                    break;
                }
                out.documents.push(doc);
            }
            Ok(None) => {}
            Err(e) => {
                out.error = Some(e);
                break;
            }
        }
    }
    out
}

fn pos_of(span: Span) -> Pos {
    Pos { line: span.start.line() as u32, col: span.start.col() as u32 + 1 }
}

/// A mapping or sequence under construction.
#[derive(Debug)]
enum Frame {
    Seq { pos: Pos, anchor: usize, items: Vec<Node> },
    Map { pos: Pos, anchor: usize, entries: Vec<Entry>, key: Option<(Rc<str>, Pos)> },
}

#[derive(Debug, Default)]
struct Loader {
    stack: Vec<Frame>,
    /// Anchored nodes of the current document, with their size in nodes.
    anchors: BTreeMap<usize, (Node, usize)>,
    /// Nodes created so far, counting alias copies.
    nodes: usize,
    root: Option<Node>,
    duplicates: Vec<(Pos, String)>,
}

impl Loader {
    /// Feeds one event; returns a document when one is complete.
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<Option<Document>, LoadError> {
        let pos = pos_of(span);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => Ok(None),
            Event::DocumentStart(_) => {
                self.anchors.clear();
                self.root = None;
                self.duplicates.clear();
                Ok(None)
            }
            Event::DocumentEnd => Ok(Some(Document {
                root: self.root.take(),
                duplicates: std::mem::take(&mut self.duplicates),
            })),
            Event::Scalar(text, style, anchor, tag) => {
                let node = self.scalar(pos, &text, style, tag.as_deref())?;
                self.count(1, pos)?;
                self.remember(anchor, &node, 1);
                self.add(node)?;
                Ok(None)
            }
            Event::SequenceStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "seq", pos)?;
                self.open(Frame::Seq { pos, anchor, items: Vec::new() }, pos)?;
                Ok(None)
            }
            Event::MappingStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "map", pos)?;
                self.open(Frame::Map { pos, anchor, entries: Vec::new(), key: None }, pos)?;
                Ok(None)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.close()?;
                Ok(None)
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id).cloned() else {
                    return Err(err(pos, "unknown anchor".into()));
                };
                self.count(size, pos)?;
                let node = Node { pos: node.pos, kind: node.kind };
                self.add(node)?;
                Ok(None)
            }
        }
    }

    fn scalar(
        &self,
        pos: Pos,
        text: &str,
        style: ScalarStyle,
        tag: Option<&saphyr_parser::Tag>,
    ) -> Result<Node, LoadError> {
        if text.len() > MAX_STRING_BYTES {
            return Err(err(
                pos,
                format!("string too long: at most {MAX_STRING_BYTES} bytes are accepted"),
            ));
        }
        let tag = match tag {
            None => None,
            Some(t) if t.is_yaml_core_schema() => Some(match t.suffix.as_str() {
                "str" => CoreTag::Str,
                "int" => CoreTag::Int,
                "float" => CoreTag::Float,
                "bool" => CoreTag::Bool,
                "null" => CoreTag::Null,
                other => return Err(unsupported_tag(pos, &format!("!!{other}"))),
            }),
            // A lone `!` forces a string, as the YAML spec's non-specific tag does.
            Some(t) if t.handle == "!" && t.suffix.is_empty() => Some(CoreTag::Str),
            Some(t) => return Err(unsupported_tag(pos, &t.to_string())),
        };
        let plain = style == ScalarStyle::Plain;
        Ok(Node { pos, kind: NodeKind::Scalar(Scalar { text: Rc::from(text), plain, tag }) })
    }

    fn count(&mut self, n: usize, pos: Pos) -> Result<(), LoadError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(err(
                pos,
                format!(
                    "input too large: more than {MAX_NODES} YAML nodes (counting alias expansions)"
                ),
            ));
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, node: &Node, size: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), LoadError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(err(pos, format!("nesting too deep: at most {MAX_DEPTH} levels")));
        }
        self.count(1, pos)?;
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self) -> Result<(), LoadError> {
        let Some(frame) = self.stack.pop() else { return Ok(()) };
        let (node, anchor) = match frame {
            Frame::Seq { pos, anchor, items } => (Node { pos, kind: NodeKind::Seq(items) }, anchor),
            Frame::Map { pos, anchor, entries, .. } => {
                let entries = merge_keys(entries);
                (Node { pos, kind: NodeKind::Map(entries) }, anchor)
            }
        };
        if anchor != 0 {
            let size = node_count(&node);
            self.remember(anchor, &node, size);
        }
        self.add(node)
    }

    /// Attaches a finished node to its parent (or makes it the document root).
    fn add(&mut self, node: Node) -> Result<(), LoadError> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let text = key_text(&node)?;
                    *key = Some((text, node.pos));
                }
                Some((k, key_pos)) => {
                    if entries.iter().any(|e| e.key == k) {
                        let path = self.key_path(&k);
                        self.duplicates.push((key_pos, path));
                    } else {
                        entries.push(Entry { key: k, key_pos, value: node });
                    }
                }
            },
        }
        Ok(())
    }

    /// The dotted path of `key` in the innermost open mapping, for duplicate-key errors.
    fn key_path(&self, key: &str) -> String {
        let mut path = String::new();
        let depth = self.stack.len();
        for (i, frame) in self.stack.iter().enumerate() {
            let segment = match frame {
                Frame::Map { .. } if i + 1 == depth => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    continue;
                }
                Frame::Map { key: Some((k, _)), .. } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    k.to_string()
                }
                Frame::Map { .. } => String::new(),
                Frame::Seq { items, .. } => format!("[{}]", items.len()),
            };
            path.push_str(&segment);
        }
        path
    }
}

fn err(pos: Pos, message: String) -> LoadError {
    LoadError { pos, message, path: String::new() }
}

fn unsupported_tag(pos: Pos, tag: &str) -> LoadError {
    err(
        pos,
        format!(
            "unsupported YAML tag {tag}: only !!str, !!int, !!float, !!bool and !!null are accepted"
        ),
    )
}

fn check_collection_tag(
    tag: Option<&saphyr_parser::Tag>,
    expected: &str,
    pos: Pos,
) -> Result<(), LoadError> {
    match tag {
        None => Ok(()),
        Some(t) if t.is_yaml_core_schema() && t.suffix == expected => Ok(()),
        Some(t) => Err(unsupported_tag(pos, &t.to_string())),
    }
}

/// A mapping key's text. Kubernetes' YAML-to-JSON step turns scalar keys into JSON strings and
/// rejects anything else.
fn key_text(node: &Node) -> Result<Rc<str>, LoadError> {
    match &node.kind {
        NodeKind::Scalar(s) => Ok(s.text.clone()),
        _ => Err(err(node.pos, "mapping keys must be strings, not mappings or sequences".into())),
    }
}

/// Applies `<<: *anchor` (and `<<: [*a, *b]`) merge keys: the merged mappings' entries are
/// added unless the mapping already has the key, earlier merges winning over later ones.
fn merge_keys(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(is_merge) {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(is_merge);
    for merge in merges {
        let sources: Vec<&Node> = match &merge.value.kind {
            NodeKind::Map(_) => vec![&merge.value],
            NodeKind::Seq(items) => items.iter().collect(),
            NodeKind::Scalar(_) => Vec::new(),
        };
        for source in sources {
            if let NodeKind::Map(src) = &source.kind {
                for e in src {
                    if !own.iter().any(|o| o.key == e.key) {
                        own.push(e.clone());
                    }
                }
            }
        }
    }
    own
}

fn is_merge(e: &Entry) -> bool {
    &*e.key == "<<"
}

/// Nodes in a subtree, for the alias budget.
fn node_count(node: &Node) -> usize {
    let mut count = 0usize;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        count += 1;
        match &n.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items.iter()),
            NodeKind::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        let loaded = load(text);
        assert!(loaded.error.is_none(), "{:?}", loaded.error);
        loaded.documents.into_iter().next().and_then(|d| d.root).expect("a root node")
    }

    #[test]
    fn positions_are_one_based() {
        let n = root("a: 1\nb:\n  c: x\n");
        let b = n.get("b").expect("b");
        assert_eq!(b.key_pos, Pos { line: 2, col: 1 });
        let c = b.value.get("c").expect("c");
        assert_eq!(c.value.pos, Pos { line: 3, col: 6 });
    }

    #[test]
    fn duplicate_keys_are_reported_with_their_path() {
        let loaded = load("spec:\n  replicas: 1\n  replicas: 2\n");
        let doc = &loaded.documents[0];
        assert_eq!(doc.duplicates, vec![(Pos { line: 3, col: 3 }, "spec.replicas".to_string())]);
    }

    #[test]
    fn aliases_and_merge_keys_expand() {
        let n = root("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n");
        let d = &n.get("derived").expect("derived").value;
        let keys: Vec<&str> = match &d.kind {
            NodeKind::Map(e) => e.iter().map(|e| &*e.key).collect(),
            _ => vec![],
        };
        assert_eq!(keys, ["y", "x"]);
    }

    #[test]
    fn billion_laughs_hits_the_node_budget() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let loaded = load(&text);
        let e = loaded.error.expect("limit error");
        assert!(e.message.starts_with("input too large"), "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        let flow = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let mut block = String::new();
        for i in 0..100 {
            block.push_str(&" ".repeat(i));
            block.push_str("a:\n");
        }
        for text in [flow, block] {
            let e = load(&text).error.expect("depth error");
            assert!(e.message.starts_with("nesting too deep"), "{}", e.message);
        }
        // Beyond the scanner's own flow limit, its error comes first; either way it stops.
        let e = load(&"[".repeat(10_000)).error.expect("an error");
        assert!(e.message.starts_with("YAML syntax error"), "{}", e.message);
    }

    #[test]
    fn syntax_errors_keep_earlier_documents() {
        let loaded = load("a: 1\n---\nb: [\n");
        assert_eq!(loaded.documents.len(), 1);
        let e = loaded.error.expect("syntax error");
        assert!(e.message.starts_with("YAML syntax error"), "{}", e.message);
    }
}
