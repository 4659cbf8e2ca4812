//! `apps/v1` Deployment and ReplicaSet.

use super::{
    cx::Cx,
    meta::{self, NameRule, Scope},
    names,
    pod::{self, status_ignored},
};
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        tree::{Entry, Node},
    },
    model::{
        IntOrString, LabelSelector,
        pod::RestartPolicy,
        workload::{
            Deployment, DeploymentSpec, DeploymentStrategy, PodTemplateSpec, ReplicaSet,
            ReplicaSetSpec,
        },
    },
};

/// The parts of a Deployment or ReplicaSet spec they share.
struct Common<'n> {
    selector: Option<(LabelSelector, Pos)>,
    /// `selector` was written (even if it could not be read): no "Required value" then.
    selector_seen: bool,
    template_node: Option<&'n Node>,
}

/// Decodes a Deployment document's fields.
pub(crate) fn deployment(cx: &mut Cx<'_>, entries: &[Entry], pos: Pos) -> Deployment {
    let root = Path::ROOT;
    let (metadata, spec_node) = top_level(cx, entries);
    let metadata = meta::object_meta(cx, metadata, pos, NameRule::Subdomain, Scope::Namespaced);
    let path = root.field("spec");
    let mut spec = DeploymentSpec::default();
    let mut common = Common { selector: None, selector_seen: false, template_node: None };
    let mut strategy_node = None;
    let spec_pos = spec_node.map_or(pos, |n| n.pos);
    for e in spec_node.and_then(|n| cx.map(n, &path)).unwrap_or_default() {
        let p = path.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "replicas" => spec.replicas = cx.i32_at_least(v, &p, 0).unwrap_or(1),
            "minReadySeconds" => spec.min_ready_seconds = cx.i32_at_least(v, &p, 0).unwrap_or(0),
            "revisionHistoryLimit" => {
                spec.revision_history_limit = cx.i32_at_least(v, &p, 0).unwrap_or(10)
            }
            "progressDeadlineSeconds" => {
                spec.progress_deadline_seconds = cx.i32_at_least(v, &p, 0).unwrap_or(600);
            }
            "paused" => spec.paused = cx.bool(v, &p).unwrap_or(false),
            "strategy" => strategy_node = Some(v),
            "selector" | "template" => shared_field(cx, e, &path, &mut common),
            _ => cx.unknown(e, &path),
        }
    }
    if let Some(n) = strategy_node {
        spec.strategy = strategy(cx, n, &path.field("strategy"));
    }
    if spec.progress_deadline_seconds <= spec.min_ready_seconds {
        cx.invalid(
            spec_pos,
            &path.field("progressDeadlineSeconds"),
            spec.progress_deadline_seconds,
            "must be greater than minReadySeconds",
        );
    }
    let (selector, template) = selector_and_template(cx, common, &path, spec_pos);
    spec.selector = selector;
    spec.template = template;
    Deployment { metadata, spec, status: Default::default() }
}

/// Decodes a ReplicaSet document's fields.
pub(crate) fn replica_set(cx: &mut Cx<'_>, entries: &[Entry], pos: Pos) -> ReplicaSet {
    let root = Path::ROOT;
    let (metadata, spec_node) = top_level(cx, entries);
    let metadata = meta::object_meta(cx, metadata, pos, NameRule::Subdomain, Scope::Namespaced);
    let path = root.field("spec");
    let mut spec = ReplicaSetSpec { replicas: 1, ..Default::default() };
    let mut common = Common { selector: None, selector_seen: false, template_node: None };
    let spec_pos = spec_node.map_or(pos, |n| n.pos);
    for e in spec_node.and_then(|n| cx.map(n, &path)).unwrap_or_default() {
        let p = path.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "replicas" => spec.replicas = cx.i32_at_least(v, &p, 0).unwrap_or(1),
            "minReadySeconds" => spec.min_ready_seconds = cx.i32_at_least(v, &p, 0).unwrap_or(0),
            "selector" | "template" => shared_field(cx, e, &path, &mut common),
            _ => cx.unknown(e, &path),
        }
    }
    let (selector, template) = selector_and_template(cx, common, &path, spec_pos);
    spec.selector = selector;
    spec.template = template;
    ReplicaSet { metadata, spec, status: Default::default() }
}

fn top_level<'n>(cx: &mut Cx<'_>, entries: &'n [Entry]) -> (Option<&'n Node>, Option<&'n Node>) {
    let (mut metadata, mut spec) = (None, None);
    for e in entries {
        match &*e.key {
            "apiVersion" | "kind" => {}
            "metadata" => metadata = Some(&e.value),
            "spec" => spec = Some(&e.value),
            "status" => status_ignored(cx, e),
            _ => cx.unknown(e, &Path::ROOT),
        }
    }
    (metadata, spec)
}

fn shared_field<'n>(cx: &mut Cx<'_>, e: &'n Entry, path: &Path<'_>, common: &mut Common<'n>) {
    let p = path.field(&e.key);
    if &*e.key == "selector" {
        common.selector_seen = !e.value.is_null();
        if cx.map(&e.value, &p).is_some() {
            common.selector = Some((meta::label_selector(cx, &e.value, &p), e.value.pos));
        }
    } else {
        common.template_node = Some(&e.value);
    }
}

/// Decodes the template and checks what `ValidateDeploymentSpec` / `ValidateReplicaSetSpec`
/// check: a non-empty selector that matches the template's labels, and `restartPolicy: Always`.
fn selector_and_template(
    cx: &mut Cx<'_>,
    common: Common<'_>,
    path: &Path<'_>,
    spec_pos: Pos,
) -> (LabelSelector, PodTemplateSpec) {
    let tp = path.field("template");
    let template = pod::template(cx, common.template_node, &tp, spec_pos);
    let selector = match common.selector {
        None => {
            if !common.selector_seen {
                cx.required(spec_pos, &path.field("selector"));
            }
            LabelSelector::default()
        }
        Some((sel, pos)) => {
            if sel.is_empty() {
                cx.invalid(
                    pos,
                    &path.field("selector"),
                    "{}",
                    "empty selector is invalid for deployment",
                );
            } else if !sel.matches(&template.metadata.labels) {
                let at = common
                    .template_node
                    .map(|n| n.pos_at(&["metadata", "labels"]).unwrap_or(n.pos))
                    .unwrap_or(spec_pos);
                let mp = tp.field("metadata");
                cx.invalid(
                    at,
                    &mp.field("labels"),
                    meta::go_map_literal(&template.metadata.labels),
                    "`selector` does not match template `labels`",
                );
            }
            sel
        }
    };
    if template.spec.restart_policy != RestartPolicy::Always {
        let at = common
            .template_node
            .and_then(|n| n.pos_at(&["spec", "restartPolicy"]))
            .unwrap_or(spec_pos);
        let sp = tp.field("spec");
        let policy = match template.spec.restart_policy {
            RestartPolicy::OnFailure => "OnFailure",
            _ => "Never",
        };
        cx.unsupported_value(at, &sp.field("restartPolicy"), policy, &["Always"]);
    }
    (selector, template)
}

/// `spec.strategy`, with RollingUpdate 25%/25% as the default.
fn strategy(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> DeploymentStrategy {
    let Some(entries) = cx.map(node, path) else { return DeploymentStrategy::default() };
    let mut kind = None;
    let mut rolling: Option<&Entry> = None;
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            "type" => {
                kind = cx.one_of(&e.value, &p, &[("RollingUpdate", true), ("Recreate", false)])
            }
            "rollingUpdate" => rolling = (!e.value.is_null()).then_some(e),
            _ => cx.unknown(e, path),
        }
    }
    if kind == Some(false) {
        if let Some(e) = rolling {
            cx.forbidden(
                e.key_pos,
                &path.field("rollingUpdate"),
                "may not be specified when strategy `type` is 'Recreate'",
            );
        }
        return DeploymentStrategy::Recreate;
    }
    let (mut max_surge, mut max_unavailable) = (None, None);
    let rp = path.field("rollingUpdate");
    if let Some(e) = rolling {
        for f in cx.map(&e.value, &rp).unwrap_or_default() {
            let p = rp.field(&f.key);
            match &*f.key {
                "maxSurge" => max_surge = cx.int_or_string(&f.value, &p).map(|v| (v, f.value.pos)),
                "maxUnavailable" => {
                    max_unavailable = cx.int_or_string(&f.value, &p).map(|v| (v, f.value.pos));
                }
                _ => cx.unknown(f, &rp),
            }
        }
    }
    let pct = || IntOrString::String("25%".into());
    for (v, field) in [(&max_surge, "maxSurge"), (&max_unavailable, "maxUnavailable")] {
        if let Some((v, pos)) = v {
            check_int_or_percent(cx, *pos, &rp.field(field), v, field == "maxUnavailable");
        }
    }
    if let (Some((s, _)), Some((u, pos))) = (&max_surge, &max_unavailable)
        && is_zero(s)
        && is_zero(u)
    {
        cx.invalid(
            *pos,
            &rp.field("maxUnavailable"),
            int_or_string_text(u),
            "may not be 0 when `maxSurge` is 0",
        );
    }
    DeploymentStrategy::RollingUpdate {
        max_surge: max_surge.map_or_else(pct, |(v, _)| v),
        max_unavailable: max_unavailable.map_or_else(pct, |(v, _)| v),
    }
}

fn int_or_string_text(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => quote(s),
    }
}

fn is_zero(v: &IntOrString) -> bool {
    match v {
        IntOrString::Int(i) => *i == 0,
        IntOrString::String(s) => s.strip_suffix('%').is_some_and(|d| d.parse::<u64>() == Ok(0)),
    }
}

/// `ValidatePositiveIntOrPercent`, and `IsNotMoreThan100Percent` for maxUnavailable.
fn check_int_or_percent(
    cx: &mut Cx<'_>,
    pos: Pos,
    p: &Path<'_>,
    v: &IntOrString,
    at_most_100: bool,
) {
    match v {
        IntOrString::Int(i) if *i < 0 => cx.invalid(pos, p, i, "must be greater than or equal to 0"),
        IntOrString::Int(_) => {}
        IntOrString::String(s) if !names::is_percent(s) => cx.invalid(
            pos,
            p,
            quote(s),
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        ),
        IntOrString::String(s) => {
            let n: u64 = s.trim_end_matches('%').parse().unwrap_or(u64::MAX);
            if at_most_100 && n > 100 {
                cx.invalid(pos, p, quote(s), "must not be greater than 100%");
            }
        }
    }
}
