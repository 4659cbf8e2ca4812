//! `metadata` (ObjectMeta), label maps and label selectors.

use super::{
    cx::{Cx, labels_of},
    names,
};
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        timestamp,
        tree::Node,
    },
    model::{
        Labels, ObjectMeta, OwnerReference, Uid,
        meta::{LabelSelector, LabelSelectorOperator, LabelSelectorRequirement},
    },
    time::SimTime,
};

/// How an object's name is validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameRule {
    /// DNS-1123 subdomain (Pod, Deployment, ReplicaSet, Node).
    Subdomain,
    /// DNS-1035 label (Service).
    Dns1035,
}

/// Whether the kind lives in a namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Pods, workloads, Services.
    Namespaced,
    /// Nodes.
    Cluster,
}

/// The annotations' total size limit (`TotalAnnotationSizeLimitB`).
const MAX_ANNOTATION_BYTES: usize = 256 * 1024;

/// Decodes an object's `metadata`; `pos` locates the object for "Required value" errors.
pub(crate) fn object_meta(
    cx: &mut Cx<'_>,
    node: Option<&Node>,
    pos: Pos,
    rule: NameRule,
    scope: Scope,
) -> ObjectMeta {
    let root = Path::ROOT;
    let path = root.field("metadata");
    let meta = node.map(|n| fields(cx, n, &path)).unwrap_or_default();
    let at = node.map_or(pos, |n| n.pos);
    let at_field = |f: &str| node.and_then(|n| n.pos_at(&[f])).unwrap_or(at);
    if meta.name.is_empty() && meta.generate_name.is_empty() {
        cx.required_because(at, &path.field("name"), "name or generateName is required");
    }
    let check = |s: &str| match rule {
        NameRule::Subdomain => names::dns1123_subdomain(s),
        NameRule::Dns1035 => names::dns1035_label(s),
    };
    if !meta.name.is_empty() {
        for m in check(&meta.name) {
            cx.invalid(at_field("name"), &path.field("name"), quote(&meta.name), m);
        }
    }
    if !meta.generate_name.is_empty() {
        // A generateName prefix may end in '-': validate it as if a suffix followed.
        let masked = match meta.generate_name.strip_suffix('-') {
            Some(p) => format!("{p}a"),
            None => meta.generate_name.clone(),
        };
        for m in check(&masked) {
            cx.invalid(
                at_field("generateName"),
                &path.field("generateName"),
                quote(&meta.generate_name),
                m,
            );
        }
    }
    match scope {
        Scope::Namespaced if !meta.namespace.is_empty() => {
            for m in names::dns1123_label(&meta.namespace) {
                cx.invalid(
                    at_field("namespace"),
                    &path.field("namespace"),
                    quote(&meta.namespace),
                    m,
                );
            }
        }
        Scope::Cluster if !meta.namespace.is_empty() => {
            cx.forbidden(
                at_field("namespace"),
                &path.field("namespace"),
                "not allowed on this type",
            );
        }
        _ => {}
    }
    meta
}

/// Decodes a pod template's `metadata`: labels and annotations matter; a name is not needed.
pub(crate) fn template_meta(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> ObjectMeta {
    fields(cx, node, path)
}

fn fields(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> ObjectMeta {
    let mut meta = ObjectMeta::default();
    let Some(entries) = cx.map(node, path) else { return meta };
    for e in entries {
        let p = path.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "name" => meta.name = cx.string(v, &p).unwrap_or_default(),
            "generateName" => meta.generate_name = cx.string(v, &p).unwrap_or_default(),
            "namespace" => meta.namespace = cx.string(v, &p).unwrap_or_default(),
            "uid" => meta.uid = uid(cx, v, &p).unwrap_or_default(),
            "resourceVersion" => meta.resource_version = resource_version(cx, v, &p).unwrap_or(0),
            "generation" => {
                meta.generation = cx.int(v, &p).and_then(|g| u64::try_from(g).ok()).unwrap_or(0);
            }
            "creationTimestamp" => {
                meta.creation_timestamp = time(cx, v, &p).unwrap_or_default();
            }
            "deletionTimestamp" => meta.deletion_timestamp = time(cx, v, &p),
            "deletionGracePeriodSeconds" => meta.deletion_grace_period_seconds = cx.int(v, &p),
            "labels" => meta.labels = labels(cx, v, &p),
            "annotations" => meta.annotations = annotations(cx, v, &p),
            "ownerReferences" => meta.owner_references = owner_references(cx, v, &p),
            "finalizers" => cx.ignored(e, path, "finalizers are not simulated"),
            "managedFields" => {
                cx.ignored(e, path, "server-side apply field ownership is not simulated")
            }
            "selfLink" => cx.ignored(e, path, "selfLink is no longer set by Kubernetes"),
            _ => cx.unknown(e, path),
        }
    }
    meta
}

/// A label map (`metadata.labels`, `nodeSelector`, a Service `selector`) with its keys and
/// values validated; errors name the map, as `ValidateLabels` does.
pub(crate) fn labels(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Labels {
    let entries = cx.string_map(node, path);
    for (k, v, pos) in &entries {
        for m in names::qualified_name(k) {
            cx.invalid(*pos, path, quote(k), m);
        }
        for m in names::label_value(v) {
            cx.invalid(*pos, path, quote(v), m);
        }
    }
    labels_of(&entries)
}

fn annotations(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Labels {
    let entries = cx.string_map(node, path);
    let mut total = 0usize;
    for (k, v, pos) in &entries {
        for m in names::qualified_name(&k.to_ascii_lowercase()) {
            cx.invalid(*pos, path, quote(k), m);
        }
        total += k.len() + v.len();
    }
    if total > MAX_ANNOTATION_BYTES {
        cx.sink.field_error(
            node.pos,
            path,
            format_args!("Too long: may not be more than {MAX_ANNOTATION_BYTES} bytes"),
        );
    }
    labels_of(&entries)
}

/// A `metav1.Time` string.
pub(crate) fn time(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Option<SimTime> {
    let s = cx.string(node, path)?;
    match timestamp::parse(&s) {
        Some(p) => {
            if p.clamped {
                cx.sink.field_warning(
                    node.pos,
                    path,
                    format_args!(
                        "{} is before the simulation's clock starts ({}); using the start instead",
                        quote(&s),
                        timestamp::format(SimTime::ZERO)
                    ),
                );
            }
            Some(p.time)
        }
        None => {
            cx.invalid(
                node.pos,
                path,
                quote(&s),
                "must be an RFC 3339 time such as \"2026-01-01T00:00:00Z\"",
            );
            None
        }
    }
}

fn uid(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Option<Uid> {
    let s = cx.string(node, path)?;
    let parsed = parse_uuid(&s);
    if parsed.is_none() {
        cx.invalid(
            node.pos,
            path,
            quote(&s),
            "must be a UUID such as \"0b5e7a8c-3f1d-4c2a-9e6b-1d2f3a4b5c6d\"",
        );
    }
    parsed
}

/// `8-4-4-4-12` hexadecimal digits.
pub(crate) fn parse_uuid(s: &str) -> Option<Uid> {
    let groups: Vec<&str> = s.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    if groups.len() != 5 || groups.iter().zip(lens).any(|(g, n)| g.len() != n) {
        return None;
    }
    let hex: String = groups.concat();
    if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u128::from_str_radix(&hex, 16).ok().map(Uid)
}

fn resource_version(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Option<u64> {
    let s = cx.string(node, path)?;
    if s.is_empty() {
        return Some(0);
    }
    let parsed = s.parse::<u64>().ok().filter(|_| s.bytes().all(|c| c.is_ascii_digit()));
    if parsed.is_none() {
        cx.invalid(node.pos, path, quote(&s), "must be a decimal number in this simulator");
    }
    parsed
}

fn owner_references(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Vec<OwnerReference> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let mut r = OwnerReference {
            api_version: String::new(),
            kind: String::new(),
            name: String::new(),
            uid: Uid::default(),
            controller: false,
            block_owner_deletion: false,
        };
        let mut has_uid = false;
        for e in entries {
            let fp = p.field(&e.key);
            let v = &e.value;
            match &*e.key {
                "apiVersion" => r.api_version = cx.string(v, &fp).unwrap_or_default(),
                "kind" => r.kind = cx.string(v, &fp).unwrap_or_default(),
                "name" => r.name = cx.string(v, &fp).unwrap_or_default(),
                "uid" => {
                    if let Some(u) = uid(cx, v, &fp) {
                        r.uid = u;
                        has_uid = true;
                    }
                }
                "controller" => r.controller = cx.bool(v, &fp).unwrap_or(false),
                "blockOwnerDeletion" => r.block_owner_deletion = cx.bool(v, &fp).unwrap_or(false),
                _ => cx.unknown(e, &p),
            }
        }
        for (field, missing) in [
            ("apiVersion", r.api_version.is_empty()),
            ("kind", r.kind.is_empty()),
            ("name", r.name.is_empty()),
            ("uid", !has_uid),
        ] {
            if missing {
                cx.required(item.pos, &p.field(field));
            }
        }
        out.push(r);
    }
    out
}

/// A `metav1.LabelSelector`.
pub(crate) fn label_selector(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> LabelSelector {
    let mut sel = LabelSelector::default();
    let Some(entries) = cx.map(node, path) else { return sel };
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            "matchLabels" => sel.match_labels = labels(cx, &e.value, &p),
            "matchExpressions" => sel.match_expressions = requirements(cx, &e.value, &p),
            _ => cx.unknown(e, path),
        }
    }
    sel
}

fn requirements(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Vec<LabelSelectorRequirement> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let (mut key, mut op, mut values) = (None, None, Vec::new());
        let mut op_text = None;
        for e in entries {
            let fp = p.field(&e.key);
            match &*e.key {
                "key" => key = cx.string(&e.value, &fp),
                "operator" => {
                    op_text = cx.string(&e.value, &fp).map(|s| (s, e.value.pos));
                }
                "values" => values = cx.strings(&e.value, &fp),
                _ => cx.unknown(e, &p),
            }
        }
        match op_text {
            None => cx.required(item.pos, &p.field("operator")),
            Some((s, pos)) => {
                op = match s.as_str() {
                    "In" => Some(LabelSelectorOperator::In),
                    "NotIn" => Some(LabelSelectorOperator::NotIn),
                    "Exists" => Some(LabelSelectorOperator::Exists),
                    "DoesNotExist" => Some(LabelSelectorOperator::DoesNotExist),
                    _ => {
                        cx.invalid(
                            pos,
                            &p.field("operator"),
                            quote(&s),
                            "not a valid selector operator",
                        );
                        None
                    }
                };
            }
        }
        let key = key.unwrap_or_default();
        if key.is_empty() {
            cx.required(item.pos, &p.field("key"));
        }
        for m in names::qualified_name(&key).into_iter().filter(|_| !key.is_empty()) {
            cx.invalid(item.pos, &p.field("key"), quote(&key), m);
        }
        let Some(operator) = op else { continue };
        check_values(cx, item.pos, &p, operator, &values);
        out.push(LabelSelectorRequirement { key, operator, values });
    }
    out
}

fn check_values(
    cx: &mut Cx<'_>,
    pos: Pos,
    p: &Path<'_>,
    op: LabelSelectorOperator,
    values: &[String],
) {
    use LabelSelectorOperator::*;
    match op {
        In | NotIn if values.is_empty() => cx.required_because(
            pos,
            &p.field("values"),
            "must be specified when `operator` is 'In' or 'NotIn'",
        ),
        Exists | DoesNotExist if !values.is_empty() => cx.forbidden(
            pos,
            &p.field("values"),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        ),
        _ => {}
    }
    for (j, v) in values.iter().enumerate() {
        for m in names::label_value(v) {
            cx.invalid(pos, &p.field("values").index(j), quote(v), m);
        }
    }
}

/// The Go `%#v` rendering of a label map that upstream puts in selector-mismatch errors
/// (`map[string]string{"app":"web"}`).
pub(crate) fn go_map_literal(labels: &Labels) -> String {
    let body: Vec<String> =
        labels.iter().map(|(k, v)| format!("{}:{}", quote(k), quote(v))).collect();
    format!("map[string]string{{{}}}", body.join(", "))
}
