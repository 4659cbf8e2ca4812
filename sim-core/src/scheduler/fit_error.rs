//! The text of a `FailedScheduling` event (`framework.FitError.Error()`).
//!
//! `0/N nodes are available:` then either the PreFilter message or a histogram of the filter
//! reasons (`"<count> <reason>"` strings sorted as strings, so `"10 …"` sorts before `"2 …"`),
//! joined with `", "` and closed with a period; then the PostFilter message (preemption's own
//! `0/N nodes are available: …` text prefixed with `preemption: `), also closed with a period.
//! Older releases printed a doubled period after the preemption part; current ones print one.
//!
//! Simplified: with DynamicResources enabled (v1.34+ default) upstream's PostFilter part starts
//! with `no new claims to deallocate, ` before `preemption: …`; the simulator has no
//! DynamicResources plugin and prints only the preemption part.

use super::framework::Reason;
use std::collections::BTreeMap;

/// `NoNodeAvailableMsg`.
fn header(num_all_nodes: usize) -> String {
    format!("0/{num_all_nodes} nodes are available:")
}

/// Builds the message. `node_reasons` yields each rejected node's reasons; `absent` counts
/// nodes that have no explicit status but share one (those a PreFilter result excluded).
pub(crate) fn message<'r>(
    num_all_nodes: usize,
    pre_filter_msg: Option<&str>,
    node_reasons: impl Iterator<Item = &'r [Reason]>,
    absent: Option<(usize, &Reason)>,
    post_filter_msg: Option<&str>,
) -> String {
    let mut msg = header(num_all_nodes);
    match pre_filter_msg {
        Some(m) if !m.is_empty() => {
            msg.push(' ');
            msg.push_str(m);
            msg.push('.');
        }
        _ => {
            let histogram = histogram(node_reasons, absent);
            if !histogram.is_empty() {
                msg.push(' ');
                msg.push_str(&histogram);
                msg.push('.');
            }
        }
    }
    if let Some(m) = post_filter_msg.filter(|m| !m.is_empty()) {
        msg.push(' ');
        msg.push_str(m.strip_suffix('.').unwrap_or(m));
        msg.push('.');
    }
    msg
}

/// `"<count> <reason>"` per distinct reason, sorted as strings, joined with `", "`.
pub(crate) fn histogram<'r>(
    node_reasons: impl Iterator<Item = &'r [Reason]>,
    absent: Option<(usize, &Reason)>,
) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for reasons in node_reasons {
        for r in reasons {
            *counts.entry(r.to_string()).or_default() += 1;
        }
    }
    if let Some((n, r)) = absent.filter(|(n, _)| *n > 0) {
        *counts.entry(r.to_string()).or_default() += n;
    }
    let mut parts: Vec<String> = counts.into_iter().map(|(r, n)| format!("{n} {r}")).collect();
    parts.sort();
    parts.join(", ")
}

/// The preemption part: `preemption: 0/N nodes are available: <histogram>.`
pub(crate) fn preemption_message<'r>(
    num_all_nodes: usize,
    node_reasons: impl Iterator<Item = &'r [Reason]>,
) -> String {
    format!("preemption: {}", message(num_all_nodes, None, node_reasons, None, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::framework::ResourceKey;

    #[test]
    fn matches_the_issue_example() {
        let cpu = [Reason::Insufficient(ResourceKey::Cpu)];
        let taint = [Reason::UntoleratedTaint];
        let nodes: Vec<&[Reason]> = vec![&taint, &cpu, &taint];
        let not_helpful = [Reason::PreemptionNotHelpful];
        let pre = preemption_message(3, [&not_helpful[..]; 3].into_iter());
        let msg = message(3, None, nodes.into_iter(), None, Some(&pre));
        assert_eq!(
            msg,
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint(s). \
             preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
        );
    }

    #[test]
    fn histogram_sorts_as_strings_like_go() {
        let a = [Reason::Insufficient(ResourceKey::Cpu)];
        let b = [Reason::UntoleratedTaint];
        let c = [Reason::NodeAffinity];
        let mut nodes: Vec<&[Reason]> = vec![&a];
        nodes.extend(std::iter::repeat_n(&b[..], 34));
        nodes.extend(std::iter::repeat_n(&c[..], 4));
        assert_eq!(
            histogram(nodes.into_iter(), None),
            "1 Insufficient cpu, 34 node(s) had untolerated taint(s), \
             4 node(s) didn't match Pod's node affinity/selector"
        );
    }

    #[test]
    fn pre_filter_message_replaces_histogram() {
        let r = [Reason::NodeAffinity];
        let msg = message(2, Some("pod affinity terms conflict"), [&r[..]].into_iter(), None, None);
        assert_eq!(msg, "0/2 nodes are available: pod affinity terms conflict.");
    }

    #[test]
    fn a_node_with_two_reasons_counts_both() {
        let r = [Reason::Insufficient(ResourceKey::Cpu), Reason::Insufficient(ResourceKey::Memory)];
        let msg = message(1, None, [&r[..]].into_iter(), None, None);
        assert_eq!(msg, "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.");
    }

    #[test]
    fn absent_nodes_share_a_reason() {
        let r = [Reason::Insufficient(ResourceKey::Cpu)];
        let absent =
            Reason::not_in_prefilter_result(&[crate::scheduler::config::PluginName::NodeAffinity]);
        let msg = message(5, None, [&r[..]].into_iter(), Some((4, &absent)), None);
        assert_eq!(
            msg,
            "0/5 nodes are available: 1 Insufficient cpu, 4 node(s) didn't satisfy plugin(s) [NodeAffinity]."
        );
    }
}
