//! `NodeAffinity`: `spec.nodeSelector` and `requiredDuringSchedulingIgnoredDuringExecution`
//! filter nodes; `preferredDuringSchedulingIgnoredDuringExecution` scores them.
//!
//! Semantics (component-helpers `nodeaffinity`): every nodeSelector label must match; the
//! required `nodeSelectorTerms` are ORed and the requirements inside a term ANDed; a term with
//! no requirements matches nothing; a term with an invalid requirement (`Gt` with a non-integer
//! value, `In` with no values, `matchFields` on anything but `metadata.name`) matches nothing.
//! PreFilter turns `matchFields` `metadata.name In` terms into a node-name shortlist.
//! Score: the sum of the weights of matching preferred terms, normalized with
//! `DefaultNormalizeScore(100, reverse = false)`; PreScore skips pods without preferred terms.

use super::NodeRef;
use crate::{
    model::{
        Labels, PodSpec,
        pod::{
            NodeSelector, NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm,
            PreferredSchedulingTerm,
        },
    },
    scheduler::framework::{Code, MAX_NODE_SCORE, Reason, default_normalize_score},
};
use std::collections::BTreeSet;

/// The plugin's name.
pub const NAME: &str = "NodeAffinity";

/// The only field `matchFields` may name.
const OBJECT_NAME_FIELD: &str = "metadata.name";

/// `nodeaffinity.RequiredNodeAffinity`: nodeSelector plus the required node selector.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Required<'a> {
    pub(crate) node_selector: &'a Labels,
    pub(crate) terms: Option<&'a NodeSelector>,
}

impl<'a> Required<'a> {
    pub(crate) fn of(spec: &'a PodSpec) -> Self {
        let terms = spec
            .affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
            .and_then(|n| n.required.as_ref());
        Required { node_selector: &spec.node_selector, terms }
    }

    /// Whether there is anything to check.
    pub(crate) fn is_empty(&self) -> bool {
        self.node_selector.is_empty() && self.terms.is_none()
    }

    /// `RequiredNodeAffinity.Match`.
    pub(crate) fn matches(&self, labels: &Labels, node_name: &str) -> bool {
        if !self.node_selector.is_subset_of(labels) {
            return false;
        }
        match self.terms {
            None => true,
            Some(sel) => sel.node_selector_terms.iter().any(|t| term_matches(t, labels, node_name)),
        }
    }
}

/// Whether one `NodeSelectorTerm` matches a node.
pub(crate) fn term_matches(term: &NodeSelectorTerm, labels: &Labels, node_name: &str) -> bool {
    if term.match_expressions.is_empty() && term.match_fields.is_empty() {
        return false;
    }
    term.match_expressions.iter().all(|r| expression_matches(r, labels))
        && term.match_fields.iter().all(|r| field_matches(r, node_name))
}

/// A `matchExpressions` requirement against node labels.
pub(crate) fn expression_matches(r: &NodeSelectorRequirement, labels: &Labels) -> bool {
    use NodeSelectorOperator::*;
    let value = labels.get(&r.key);
    match r.operator {
        In => !r.values.is_empty() && value.is_some_and(|v| r.values.iter().any(|x| x == v)),
        NotIn => !r.values.is_empty() && !value.is_some_and(|v| r.values.iter().any(|x| x == v)),
        Exists => r.values.is_empty() && value.is_some(),
        DoesNotExist => r.values.is_empty() && value.is_none(),
        Gt | Lt => {
            let [bound] = r.values.as_slice() else { return false };
            let (Ok(bound), Some(Ok(actual))) =
                (bound.parse::<i64>(), value.map(str::parse::<i64>))
            else {
                return false;
            };
            if r.operator == Gt { actual > bound } else { actual < bound }
        }
    }
}

/// A `matchFields` requirement: only `metadata.name` with `In`/`NotIn` and one value is valid.
fn field_matches(r: &NodeSelectorRequirement, node_name: &str) -> bool {
    if r.key != OBJECT_NAME_FIELD {
        return false;
    }
    let [v] = r.values.as_slice() else { return false };
    match r.operator {
        NodeSelectorOperator::In => v == node_name,
        NodeSelectorOperator::NotIn => v != node_name,
        _ => false,
    }
}

/// What PreFilter decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PreFilter {
    /// Nothing to check: no nodeSelector, no required affinity.
    Skip,
    /// Check every node.
    AllNodes,
    /// Only these nodes can match (`PreFilterResult.NodeNames`).
    Nodes(BTreeSet<String>),
    /// The `matchFields` terms contradict each other.
    Conflict,
}

/// PreFilter.
pub(crate) fn pre_filter(req: &Required<'_>) -> PreFilter {
    if req.is_empty() {
        return PreFilter::Skip;
    }
    let Some(sel) = req.terms else { return PreFilter::AllNodes };
    if sel.node_selector_terms.is_empty() {
        return PreFilter::AllNodes;
    }
    let mut names: Option<BTreeSet<String>> = None;
    for term in &sel.node_selector_terms {
        let mut term_names: Option<BTreeSet<String>> = None;
        for r in &term.match_fields {
            if r.key == OBJECT_NAME_FIELD && r.operator == NodeSelectorOperator::In {
                let s: BTreeSet<String> = r.values.iter().cloned().collect();
                term_names = Some(match term_names {
                    None => s,
                    Some(t) => t.intersection(&s).cloned().collect(),
                });
            }
        }
        // A term without a name requirement admits every node: the terms are ORed.
        let Some(t) = term_names else { return PreFilter::AllNodes };
        names.get_or_insert_with(BTreeSet::new).extend(t);
    }
    match names {
        Some(n) if n.is_empty() => PreFilter::Conflict,
        Some(n) => PreFilter::Nodes(n),
        None => PreFilter::AllNodes,
    }
}

/// Filter.
pub(crate) fn filter(req: &Required<'_>, node: NodeRef<'_>, out: &mut Vec<Reason>) -> Code {
    if req.matches(&node.cold.labels, node.name) {
        return Code::Success;
    }
    out.push(Reason::NodeAffinity);
    Code::UnschedulableAndUnresolvable
}

/// PreScore: the preferred terms, or `None` (Skip) when there are none.
pub(crate) fn pre_score(spec: &PodSpec) -> Option<&[PreferredSchedulingTerm]> {
    let terms = &spec.affinity.as_ref()?.node_affinity.as_ref()?.preferred;
    if terms.is_empty() { None } else { Some(terms) }
}

/// Score: the summed weights of the matching preferred terms (zero-weight and empty terms
/// are ignored, as `NewPreferredSchedulingTerms` drops them).
pub(crate) fn score(terms: &[PreferredSchedulingTerm], node: NodeRef<'_>) -> i64 {
    terms
        .iter()
        .filter(|t| t.weight != 0 && term_matches(&t.preference, &node.cold.labels, node.name))
        .map(|t| i64::from(t.weight))
        .sum()
}

/// NormalizeScore.
pub(crate) fn normalize(scores: &mut [i64]) {
    default_normalize_score(MAX_NODE_SCORE, false, scores);
}
