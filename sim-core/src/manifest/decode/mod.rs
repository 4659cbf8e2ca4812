//! From a YAML document tree to model objects: dispatch on `apiVersion` and `kind`, then strict,
//! defaulting, validating decoders per kind.

mod container;
pub(crate) mod cx;
mod meta;
mod names;
mod node;
pub(crate) mod plugins;
mod pod;
mod scheduler_config;
mod scheduling;
mod service;
mod workload;

pub(crate) use pod::priority_class_name;
pub use pod::qos_class;

use super::{
    Manifest, Object,
    diagnostic::{Path, Pos, quote},
    tree::{Entry, Node, NodeKind},
};
use cx::Cx;

/// The kinds this simulator reads, as `(apiVersion, kind)`.
pub(crate) const SUPPORTED: [(&str, &str); 6] = [
    ("v1", "Node"),
    ("v1", "Pod"),
    ("v1", "Service"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "ReplicaSet"),
    ("kubescheduler.config.k8s.io/v1", "KubeSchedulerConfiguration"),
];

/// Decodes one YAML document (which may be a `v1` `List`) and appends the objects that decoded
/// without errors to `out`.
pub(crate) fn document(cx: &mut Cx<'_>, root: &Node, out: &mut Vec<Manifest>, budget: &mut usize) {
    cx.sink.start_document();
    let Some(entries) = object_entries(cx, root) else { return };
    let Some((api_version, kind)) = type_meta(cx, root, entries) else { return };
    if (api_version.as_str(), kind.as_str()) == ("v1", "List") {
        list(cx, root, entries, out, budget);
        return;
    }
    let before = cx.sink.document_errors();
    if let Some(object) = decode_kind(cx, &api_version, &kind, entries, root.pos)
        && cx.sink.document_errors() == before
    {
        out.push(Manifest { line: root.pos.line, object });
    }
}

fn list(
    cx: &mut Cx<'_>,
    root: &Node,
    entries: &[Entry],
    out: &mut Vec<Manifest>,
    budget: &mut usize,
) {
    let root_path = Path::ROOT;
    let mut items = None;
    for e in entries {
        match &*e.key {
            "apiVersion" | "kind" | "metadata" => {}
            "items" => items = cx.seq(&e.value, &root_path.field("items")),
            _ => cx.unknown(e, &root_path),
        }
    }
    for item in items.unwrap_or_default() {
        if *budget == 0 {
            cx.sink.error(
                item.pos,
                String::new(),
                format!(
                    "too many objects: at most {} are accepted in one input",
                    super::limits::MAX_DOCUMENTS
                ),
            );
            return;
        }
        *budget -= 1;
        cx.sink.start_document();
        let Some(item_entries) = object_entries(cx, item) else { continue };
        let Some((api_version, kind)) = type_meta(cx, item, item_entries) else { continue };
        if kind == "List" {
            cx.sink.error(item.pos, String::new(), "a List may not contain another List".into());
            continue;
        }
        let before = cx.sink.document_errors();
        if let Some(object) = decode_kind(cx, &api_version, &kind, item_entries, item.pos)
            && cx.sink.document_errors() == before
        {
            out.push(Manifest { line: item.pos.line, object });
        }
    }
    if root.get("items").is_none() {
        cx.required(root.pos, &root_path.field("items"));
    }
}

fn object_entries<'n>(cx: &mut Cx<'_>, node: &'n Node) -> Option<&'n [Entry]> {
    match &node.kind {
        NodeKind::Map(entries) => Some(entries),
        _ => {
            let what = match &node.kind {
                NodeKind::Seq(_) => "a sequence",
                _ => "a scalar",
            };
            cx.sink.error(
                node.pos,
                String::new(),
                format!(
                    "expected a Kubernetes object (a mapping with apiVersion and kind), got {what}"
                ),
            );
            None
        }
    }
}

/// `apiVersion` and `kind`, both required.
fn type_meta(cx: &mut Cx<'_>, node: &Node, entries: &[Entry]) -> Option<(String, String)> {
    let root = Path::ROOT;
    let mut read = |field: &str| {
        let e = entries.iter().find(|e| &*e.key == field)?;
        cx.string(&e.value, &root.field(field)).filter(|s| !s.is_empty())
    };
    let (api_version, kind) = (read("apiVersion"), read("kind"));
    let mut missing = Vec::new();
    if api_version.is_none() {
        missing.push("apiVersion not set");
    }
    if kind.is_none() {
        missing.push("kind not set");
    }
    if !missing.is_empty() {
        cx.sink.error(
            node.pos,
            String::new(),
            format!("error validating data: [{}]", missing.join(", ")),
        );
        return None;
    }
    Some((api_version?, kind?))
}

fn decode_kind(
    cx: &mut Cx<'_>,
    api_version: &str,
    kind: &str,
    entries: &[Entry],
    pos: Pos,
) -> Option<Object> {
    Some(match (api_version, kind) {
        ("v1", "Node") => Object::Node(node::node(cx, entries, pos)),
        ("v1", "Pod") => Object::Pod(pod::pod(cx, entries, pos)),
        ("v1", "Service") => Object::Service(service::service(cx, entries, pos)),
        ("apps/v1", "Deployment") => Object::Deployment(workload::deployment(cx, entries, pos)),
        ("apps/v1", "ReplicaSet") => Object::ReplicaSet(workload::replica_set(cx, entries, pos)),
        ("kubescheduler.config.k8s.io/v1", "KubeSchedulerConfiguration") => {
            Object::SchedulerConfiguration(scheduler_config::configuration(cx, entries, pos))
        }
        _ => {
            unsupported_kind(cx, api_version, kind, pos);
            return None;
        }
    })
}

fn unsupported_kind(cx: &mut Cx<'_>, api_version: &str, kind: &str, pos: Pos) {
    let supported: Vec<String> = SUPPORTED.iter().map(|(v, k)| format!("{v} {k}")).collect();
    let message = match SUPPORTED.iter().find(|(_, k)| *k == kind) {
        Some((right, _)) => format!(
            "no matches for kind {} in version {} ({kind} is {right})",
            quote(kind),
            quote(api_version)
        ),
        None => format!(
            "kind {} (apiVersion {}) is not supported by this simulator; supported: {}, and v1 List",
            quote(kind),
            quote(api_version),
            supported.join(", ")
        ),
    };
    cx.sink.error(pos, String::new(), message);
}
