//! A pod's scheduling constraints: node affinity, tolerations, topology spread constraints.

use super::{cx::Cx, meta, names};
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        tree::Node,
    },
    model::{
        TaintEffect, Toleration, TolerationOperator,
        pod::{
            Affinity, NodeAffinity, NodeSelector, NodeSelectorOperator, NodeSelectorRequirement,
            NodeSelectorTerm, PreferredSchedulingTerm, TopologySpreadConstraint,
            UnsatisfiableConstraintAction,
        },
    },
};

pub(crate) const EFFECTS: [(&str, TaintEffect); 3] = [
    ("NoSchedule", TaintEffect::NoSchedule),
    ("PreferNoSchedule", TaintEffect::PreferNoSchedule),
    ("NoExecute", TaintEffect::NoExecute),
];

/// `spec.affinity`. Only node affinity is simulated; inter-pod affinity would change where pods
/// land, so it is refused rather than ignored.
pub(crate) fn affinity(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Option<Affinity> {
    let entries = cx.map(node, path)?;
    let mut out = Affinity::default();
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            "nodeAffinity" => out.node_affinity = node_affinity(cx, &e.value, &p),
            "podAffinity" | "podAntiAffinity" if e.value.is_null() => {}
            "podAffinity" | "podAntiAffinity" => cx.not_simulated(
                e.key_pos,
                &p,
                "inter-pod affinity is not simulated (the InterPodAffinity plugin is absent); use nodeAffinity or topologySpreadConstraints",
            ),
            _ => cx.unknown(e, path),
        }
    }
    Some(out)
}

fn node_affinity(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Option<NodeAffinity> {
    let entries = cx.map(node, path)?;
    let mut out = NodeAffinity::default();
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            "requiredDuringSchedulingIgnoredDuringExecution" => {
                out.required = node_selector(cx, &e.value, &p);
            }
            "preferredDuringSchedulingIgnoredDuringExecution" => {
                out.preferred = preferred_terms(cx, &e.value, &p);
            }
            _ => cx.unknown(e, path),
        }
    }
    Some(out)
}

fn node_selector(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Option<NodeSelector> {
    let entries = cx.map(node, path)?;
    let mut out = NodeSelector::default();
    let tp = path.field("nodeSelectorTerms");
    let mut has_terms = false;
    for e in entries {
        match &*e.key {
            "nodeSelectorTerms" => {
                let items = cx.seq(&e.value, &tp).unwrap_or_default();
                has_terms = !items.is_empty();
                for (i, item) in items.iter().enumerate() {
                    if let Some(t) = term(cx, item, &tp.index(i)) {
                        out.node_selector_terms.push(t);
                    }
                }
            }
            _ => cx.unknown(e, path),
        }
    }
    if !has_terms {
        cx.required_because(node.pos, &tp, "must have at least one node selector term");
    }
    Some(out)
}

fn preferred_terms(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Vec<PreferredSchedulingTerm> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let (mut weight, mut preference) = (None, None);
        for e in entries {
            let fp = p.field(&e.key);
            match &*e.key {
                "weight" => weight = cx.i32(&e.value, &fp),
                "preference" => preference = term(cx, &e.value, &fp),
                _ => cx.unknown(e, &p),
            }
        }
        let weight = weight.unwrap_or(0);
        if !(1..=100).contains(&weight) {
            cx.invalid(item.pos, &p.field("weight"), weight, "must be in the range 1-100");
        }
        match preference {
            Some(preference) => out.push(PreferredSchedulingTerm { weight, preference }),
            None => cx.required(item.pos, &p.field("preference")),
        }
    }
    out
}

fn term(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Option<NodeSelectorTerm> {
    let entries = cx.map(node, path)?;
    let mut out = NodeSelectorTerm::default();
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            "matchExpressions" => out.match_expressions = requirements(cx, &e.value, &p, false),
            "matchFields" => out.match_fields = requirements(cx, &e.value, &p, true),
            _ => cx.unknown(e, path),
        }
    }
    Some(out)
}

const NODE_SELECTOR_OPERATORS: [(&str, NodeSelectorOperator); 6] = [
    ("In", NodeSelectorOperator::In),
    ("NotIn", NodeSelectorOperator::NotIn),
    ("Exists", NodeSelectorOperator::Exists),
    ("DoesNotExist", NodeSelectorOperator::DoesNotExist),
    ("Gt", NodeSelectorOperator::Gt),
    ("Lt", NodeSelectorOperator::Lt),
];

fn requirements(
    cx: &mut Cx<'_>,
    node: &Node,
    path: &Path<'_>,
    fields: bool,
) -> Vec<NodeSelectorRequirement> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let (mut key, mut op, mut values, mut op_seen) = (String::new(), None, Vec::new(), false);
        for e in entries {
            let fp = p.field(&e.key);
            match &*e.key {
                "key" => key = cx.string(&e.value, &fp).unwrap_or_default(),
                "operator" => {
                    op_seen = !e.value.is_null();
                    if let Some(s) = cx.string(&e.value, &fp) {
                        op = NODE_SELECTOR_OPERATORS.iter().find(|(n, _)| *n == s).map(|(_, o)| *o);
                        if op.is_none() {
                            cx.invalid(
                                e.value.pos,
                                &fp,
                                quote(&s),
                                "not a valid selector operator",
                            );
                        }
                    }
                }
                "values" => values = cx.strings(&e.value, &fp),
                _ => cx.unknown(e, &p),
            }
        }
        if !op_seen {
            cx.required(item.pos, &p.field("operator"));
        }
        check_requirement(cx, item.pos, &p, &key, op, &values, fields);
        if let Some(operator) = op {
            out.push(NodeSelectorRequirement { key, operator, values });
        }
    }
    out
}

/// `ValidateNodeSelectorRequirement` and `ValidateNodeFieldSelectorRequirement`.
fn check_requirement(
    cx: &mut Cx<'_>,
    pos: Pos,
    p: &Path<'_>,
    key: &str,
    op: Option<NodeSelectorOperator>,
    values: &[String],
    fields: bool,
) {
    use NodeSelectorOperator::*;
    let vp = p.field("values");
    if fields {
        if key != "metadata.name" {
            cx.invalid(pos, &p.field("key"), quote(key), "not a valid field selector key");
        }
        match op {
            Some(In | NotIn) if values.len() != 1 => {
                cx.required_because(pos, &vp, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
            }
            Some(In | NotIn) | None => {}
            Some(_) => cx.invalid(
                pos,
                &p.field("operator"),
                quote(op_name(op)),
                "not a valid selector operator",
            ),
        }
        return;
    }
    if key.is_empty() {
        cx.required(pos, &p.field("key"));
    } else {
        for m in names::qualified_name(key) {
            cx.invalid(pos, &p.field("key"), quote(key), m);
        }
    }
    match op {
        Some(In | NotIn) if values.is_empty() => {
            cx.required_because(pos, &vp, "must be specified when `operator` is 'In' or 'NotIn'");
        }
        Some(Exists | DoesNotExist) if !values.is_empty() => {
            cx.forbidden(
                pos,
                &vp,
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            );
        }
        Some(Gt | Lt) if values.len() != 1 => {
            cx.required_because(
                pos,
                &vp,
                "must be specified single value when `operator` is 'Lt' or 'Gt'",
            );
        }
        Some(Gt | Lt) => {
            if values[0].parse::<i64>().is_err() {
                cx.invalid(pos, &vp.index(0), quote(&values[0]), "must be an integer");
            }
        }
        _ => {
            for (j, v) in values.iter().enumerate() {
                for m in names::label_value(v) {
                    cx.invalid(pos, &vp.index(j), quote(v), m);
                }
            }
        }
    }
}

fn op_name(op: Option<NodeSelectorOperator>) -> &'static str {
    NODE_SELECTOR_OPERATORS.iter().find(|(_, o)| Some(*o) == op).map_or("", |(n, _)| n)
}

/// `spec.tolerations`.
pub(crate) fn tolerations(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Vec<Toleration> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let mut t = Toleration::default();
        for e in entries {
            let fp = p.field(&e.key);
            let v = &e.value;
            match &*e.key {
                "key" => t.key = cx.string(v, &fp).unwrap_or_default(),
                "operator" => {
                    t.operator = cx
                        .one_of(
                            v,
                            &fp,
                            &[
                                ("Equal", TolerationOperator::Equal),
                                ("Exists", TolerationOperator::Exists),
                            ],
                        )
                        .unwrap_or_default();
                }
                "value" => t.value = cx.string(v, &fp).unwrap_or_default(),
                "effect" => {
                    // An empty effect matches every effect.
                    if let Some(s) = cx.string(v, &fp).filter(|s| !s.is_empty()) {
                        t.effect = cx.pick(v.pos, &fp, &s, &EFFECTS);
                    }
                }
                "tolerationSeconds" => t.toleration_seconds = cx.int(v, &fp),
                _ => cx.unknown(e, &p),
            }
        }
        check_toleration(cx, item.pos, &p, &t);
        out.push(t);
    }
    out
}

/// `validateTolerations`.
fn check_toleration(cx: &mut Cx<'_>, pos: Pos, p: &Path<'_>, t: &Toleration) {
    if t.key.is_empty() {
        if t.operator != TolerationOperator::Exists {
            cx.invalid(
                pos,
                &p.field("operator"),
                quote("Equal"),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
    } else {
        for m in names::qualified_name(&t.key) {
            cx.invalid(pos, &p.field("key"), quote(&t.key), m);
        }
    }
    if t.toleration_seconds.is_some() && t.effect != Some(TaintEffect::NoExecute) {
        let effect = t.effect.map_or("", TaintEffect::as_str);
        cx.invalid(
            pos,
            &p.field("effect"),
            quote(effect),
            "effect must be 'NoExecute' when `tolerationSeconds` is set",
        );
    }
    match t.operator {
        TolerationOperator::Exists if !t.value.is_empty() => {
            cx.invalid(
                pos,
                &p.field("value"),
                quote(&t.value),
                "value must be empty when `operator` is 'Exists'",
            );
        }
        TolerationOperator::Equal => {
            for m in names::label_value(&t.value) {
                cx.invalid(pos, &p.field("value"), quote(&t.value), m);
            }
        }
        TolerationOperator::Exists => {}
    }
}

/// `spec.topologySpreadConstraints`.
pub(crate) fn topology_spread(
    cx: &mut Cx<'_>,
    node: &Node,
    path: &Path<'_>,
) -> Vec<TopologySpreadConstraint> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out: Vec<TopologySpreadConstraint> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(c) = spread_constraint(cx, item, &p) else { continue };
        if out.iter().any(|o| {
            o.topology_key == c.topology_key && o.when_unsatisfiable == c.when_unsatisfiable
        }) {
            let when = match c.when_unsatisfiable {
                UnsatisfiableConstraintAction::DoNotSchedule => "DoNotSchedule",
                UnsatisfiableConstraintAction::ScheduleAnyway => "ScheduleAnyway",
            };
            cx.duplicate(
                item.pos,
                &p,
                format_args!("{{{}, {}}}", quote(&c.topology_key), quote(when)),
            );
        }
        out.push(c);
    }
    out
}

fn spread_constraint(
    cx: &mut Cx<'_>,
    node: &Node,
    p: &Path<'_>,
) -> Option<TopologySpreadConstraint> {
    let entries = cx.map(node, p)?;
    let (mut max_skew, mut key, mut when, mut selector, mut min_domains) =
        (None, String::new(), None, None, None);
    let mut when_seen = false;
    for e in entries {
        let fp = p.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "maxSkew" => max_skew = cx.i32(v, &fp),
            "topologyKey" => key = cx.string(v, &fp).unwrap_or_default(),
            "whenUnsatisfiable" => {
                when_seen = !v.is_null();
                when = cx.one_of(
                    v,
                    &fp,
                    &[
                        ("DoNotSchedule", UnsatisfiableConstraintAction::DoNotSchedule),
                        ("ScheduleAnyway", UnsatisfiableConstraintAction::ScheduleAnyway),
                    ],
                );
            }
            "labelSelector" => selector = (!v.is_null()).then(|| meta::label_selector(cx, v, &fp)),
            "minDomains" => min_domains = cx.i32(v, &fp),
            "nodeAffinityPolicy" => {
                if cx.one_of(v, &fp, &[("Honor", true), ("Ignore", false)]) == Some(false) {
                    cx.not_simulated(v.pos, &fp, "only the default policy Honor is simulated");
                }
            }
            "nodeTaintsPolicy" => {
                if cx.one_of(v, &fp, &[("Ignore", true), ("Honor", false)]) == Some(false) {
                    cx.not_simulated(v.pos, &fp, "only the default policy Ignore is simulated");
                }
            }
            "matchLabelKeys" if v.is_null() => {}
            "matchLabelKeys" => cx.not_simulated(
                e.key_pos,
                &fp,
                "matchLabelKeys; list the labels in labelSelector instead",
            ),
            _ => cx.unknown(e, p),
        }
    }
    let max_skew = max_skew.unwrap_or(0);
    if max_skew <= 0 {
        cx.invalid(node.pos, &p.field("maxSkew"), max_skew, "must be greater than zero");
    }
    if key.is_empty() {
        cx.required_because(node.pos, &p.field("topologyKey"), "can not be empty");
    } else {
        for m in names::qualified_name(&key) {
            cx.invalid(node.pos, &p.field("topologyKey"), quote(&key), m);
        }
    }
    let Some(when_unsatisfiable) = when else {
        if !when_seen {
            cx.unsupported_value(
                node.pos,
                &p.field("whenUnsatisfiable"),
                "",
                &["DoNotSchedule", "ScheduleAnyway"],
            );
        }
        return None;
    };
    if let Some(d) = min_domains {
        if d <= 0 {
            cx.invalid(node.pos, &p.field("minDomains"), d, "must be greater than zero");
        } else if when_unsatisfiable != UnsatisfiableConstraintAction::DoNotSchedule {
            cx.invalid(
                node.pos,
                &p.field("minDomains"),
                d,
                "can only use minDomains if whenUnsatisfiable=DoNotSchedule",
            );
        }
    }
    Some(TopologySpreadConstraint {
        max_skew,
        topology_key: key,
        when_unsatisfiable,
        label_selector: selector,
        min_domains,
    })
}
