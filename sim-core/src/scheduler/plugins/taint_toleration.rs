//! `TaintToleration`: NoSchedule and NoExecute taints the pod does not tolerate reject the
//! node; each PreferNoSchedule taint it does not tolerate lowers the node's score.
//!
//! Score: the raw score is the number of intolerable PreferNoSchedule taints, normalized with
//! `DefaultNormalizeScore(100, reverse = true)`: no such taint anywhere gives every node 100.

use super::NodeRef;
use crate::{
    model::{PodSpec, TaintEffect, Toleration},
    scheduler::{
        cache::flags,
        framework::{Code, MAX_NODE_SCORE, Reason, default_normalize_score},
    },
};

/// The plugin's name.
pub const NAME: &str = "TaintToleration";

/// Filter (`FindMatchingUntoleratedTaint` over NoSchedule and NoExecute taints).
pub(crate) fn filter(spec: &PodSpec, node: NodeRef<'_>, out: &mut Vec<Reason>) -> Code {
    if !node.hot.has(flags::HARD_TAINTS) {
        return Code::Success;
    }
    let untolerated = node.cold.taints.iter().any(|taint| {
        matches!(taint.effect, TaintEffect::NoSchedule | TaintEffect::NoExecute)
            && !spec.tolerations.iter().any(|t| t.tolerates(taint))
    });
    if untolerated {
        out.push(Reason::UntoleratedTaint);
        return Code::UnschedulableAndUnresolvable;
    }
    Code::Success
}

/// PreScore: the tolerations that can tolerate a PreferNoSchedule taint (effect
/// PreferNoSchedule or empty).
pub(crate) fn pre_score(spec: &PodSpec) -> Vec<&Toleration> {
    spec.tolerations
        .iter()
        .filter(|t| t.effect.is_none_or(|e| e == TaintEffect::PreferNoSchedule))
        .collect()
}

/// Score: intolerable PreferNoSchedule taints on the node.
pub(crate) fn score(tolerations: &[&Toleration], node: NodeRef<'_>) -> i64 {
    if node.hot.pns_taints == 0 {
        return 0;
    }
    let count = node
        .cold
        .taints
        .iter()
        .filter(|taint| taint.effect == TaintEffect::PreferNoSchedule)
        .filter(|taint| !tolerations.iter().any(|t| t.tolerates(taint)))
        .count();
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// NormalizeScore.
pub(crate) fn normalize(scores: &mut [i64]) {
    default_normalize_score(MAX_NODE_SCORE, true, scores);
}
