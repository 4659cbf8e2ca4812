//! `metadata`, label maps and selectors on the wire.

use super::value::{Obj, Value};
use crate::{
    manifest::timestamp,
    model::{
        Labels, ObjectMeta, Uid,
        meta::{LabelSelector, LabelSelectorOperator},
    },
    time::SimTime,
};

/// A `map[string]string`.
pub(crate) fn labels(l: &Labels) -> Value {
    Value::Object(l.iter().map(|(k, v)| (k.to_owned(), Value::from(v))).collect())
}

/// `ObjectMeta`. `creationTimestamp` is printed for objects the API store has created (those
/// with a `uid`) and whenever it is set; an object that was only decoded usually has none, and
/// upstream omits the zero time.
pub(crate) fn object_meta(m: &ObjectMeta) -> Value {
    let stored = m.uid != Uid::default();
    let owners: Vec<Value> = m
        .owner_references
        .iter()
        .map(|o| {
            Obj::new()
                .put("apiVersion", &o.api_version)
                .put("kind", &o.kind)
                .put("name", &o.name)
                .put("uid", o.uid.to_string())
                .opt("controller", o.controller.then_some(true))
                .opt("blockOwnerDeletion", o.block_owner_deletion.then_some(true))
                .build()
        })
        .collect();
    Obj::new()
        .str("name", &m.name)
        .str("generateName", &m.generate_name)
        .str("namespace", &m.namespace)
        .opt("uid", stored.then(|| m.uid.to_string()))
        .opt("resourceVersion", (m.resource_version != 0).then(|| m.resource_version.to_string()))
        .int("generation", i64::try_from(m.generation).unwrap_or(i64::MAX))
        .opt(
            "creationTimestamp",
            (stored || m.creation_timestamp != SimTime::ZERO)
                .then(|| timestamp::format(m.creation_timestamp)),
        )
        .opt("deletionTimestamp", m.deletion_timestamp.map(timestamp::format))
        .opt("deletionGracePeriodSeconds", m.deletion_grace_period_seconds)
        .coll("labels", labels(&m.labels))
        .coll("annotations", labels(&m.annotations))
        .coll("ownerReferences", Value::Array(owners))
        .build()
}

/// A template's metadata: the same fields as any object's (usually only labels and
/// annotations are set).
pub(crate) fn template_meta(m: &ObjectMeta) -> Value {
    object_meta(m)
}

/// `metav1.LabelSelector`.
pub(crate) fn label_selector(s: &LabelSelector) -> Value {
    let exprs: Vec<Value> = s
        .match_expressions
        .iter()
        .map(|r| {
            let op = match r.operator {
                LabelSelectorOperator::In => "In",
                LabelSelectorOperator::NotIn => "NotIn",
                LabelSelectorOperator::Exists => "Exists",
                LabelSelectorOperator::DoesNotExist => "DoesNotExist",
            };
            Obj::new()
                .put("key", &r.key)
                .put("operator", op)
                .coll("values", strings(&r.values))
                .build()
        })
        .collect();
    Obj::new()
        .coll("matchLabels", labels(&s.match_labels))
        .coll("matchExpressions", Value::Array(exprs))
        .build()
}

/// A `[]string`.
pub(crate) fn strings(v: &[String]) -> Value {
    Value::Array(v.iter().map(Value::from).collect())
}

/// `apiVersion`, `kind` and `metadata`, the start of every object.
pub(crate) fn header(api_version: &str, kind: &str, m: &ObjectMeta) -> Obj {
    Obj::new().put("apiVersion", api_version).put("kind", kind).put("metadata", object_meta(m))
}
