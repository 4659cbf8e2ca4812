//! One scheduling attempt, explained: per evaluated node the filter verdict or the normalized
//! score of each score plugin and the weighted total; the chosen node and the nodes it was
//! tied with; and, on failure, the `FailedScheduling` message kube-scheduler would print.
//!
//! The in-memory form is compact (node slots and small integers, node names shared with the
//! scheduler) because an attempt is produced for every pod, on every cycle; the serialized form
//! ([`AttemptRecord`]) spells everything out with names.

use super::{
    config::PluginName,
    framework::{Code, Reason},
};
use crate::model::Uid;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How many score plugins an attempt can record (the simulator implements six).
pub const MAX_SCORE_PLUGINS: usize = 8;
/// A score slot whose plugin skipped (or did not run).
const ABSENT: u8 = u8::MAX;

/// How an attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// A node was chosen and the pod is assumed on it; binding is up to the caller.
    Scheduled,
    /// No node fits (FailedScheduling); the pod waits in the unschedulable pool or backoff.
    Unschedulable,
    /// An internal error; the pod goes to the backoff queue.
    Error,
    /// The pod was not attempted (being deleted, another scheduler's, already bound).
    Skipped,
}

/// One evaluated node, compactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NodeEval {
    pub(crate) slot: u32,
    /// `Success` for a feasible node, else the rejecting code.
    pub(crate) code: Code,
    /// The rejecting plugin.
    pub(crate) plugin: Option<PluginName>,
    pub(crate) reasons_start: u32,
    pub(crate) reasons_len: u16,
    /// Normalized score per score slot, [`ABSENT`] when the plugin skipped.
    pub(crate) scores: [u8; MAX_SCORE_PLUGINS],
    pub(crate) total: u32,
}

impl NodeEval {
    pub(crate) fn feasible(slot: u32) -> Self {
        NodeEval {
            slot,
            code: Code::Success,
            plugin: None,
            reasons_start: 0,
            reasons_len: 0,
            scores: [ABSENT; MAX_SCORE_PLUGINS],
            total: 0,
        }
    }

    pub(crate) fn set_score(&mut self, score_slot: usize, score: i64) {
        if let Some(s) = self.scores.get_mut(score_slot) {
            *s = u8::try_from(score.clamp(0, 100)).unwrap_or(0);
        }
    }
}

/// The result of [`Scheduler::schedule_one`](super::Scheduler::schedule_one).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(into = "AttemptRecord", from = "AttemptRecord")]
pub struct Attempt {
    /// `namespace/name` of the pod.
    pub pod: String,
    /// The pod's uid.
    pub uid: Uid,
    /// How the attempt ended.
    pub outcome: Outcome,
    /// The chosen node.
    pub node: Option<String>,
    /// The `FailedScheduling` message when no node was chosen.
    pub message: Option<String>,
    /// Feasible nodes found (the search stops early per `percentageOfNodesToScore`).
    pub feasible_nodes: u32,
    /// Nodes in the cluster when the attempt ran.
    pub num_all_nodes: u32,
    /// Whether scoring ran (it does not when exactly one node is feasible).
    pub scored: bool,
    /// The node preemption nominated: the caller evicts [`Attempt::victims`] and sets
    /// `status.nominatedNodeName`.
    pub nominated_node: Option<String>,
    /// Pods to evict so the pod fits on the nominated node.
    pub victims: Vec<Uid>,
    /// Plugins that rejected the pod on some node (what a cluster event must change).
    pub unschedulable_plugins: Vec<PluginName>,
    pub(crate) evals: Vec<NodeEval>,
    pub(crate) reasons: Vec<Reason>,
    pub(crate) names: Arc<Vec<Arc<str>>>,
    pub(crate) score_plugins: [Option<PluginName>; MAX_SCORE_PLUGINS],
    pub(crate) ties: Vec<u32>,
}

/// Attempts compare by what they say (their [`AttemptRecord`]), not by internal slots.
impl PartialEq for Attempt {
    fn eq(&self, other: &Self) -> bool {
        AttemptRecord::from(self.clone()) == AttemptRecord::from(other.clone())
    }
}

impl Eq for Attempt {}

/// One evaluated node of an [`Attempt`].
#[derive(Clone, Copy, Debug)]
pub struct NodeResult<'a> {
    /// The node's name.
    pub name: &'a str,
    /// `Success` if the node passed every filter, else the rejecting code.
    pub code: Code,
    /// The plugin that rejected the node.
    pub plugin: Option<PluginName>,
    /// The rejection reasons, as upstream words them.
    pub reasons: &'a [Reason],
    /// The weighted total score (0 when not feasible or not scored).
    pub total: i64,
    eval: &'a NodeEval,
    plugins: &'a [Option<PluginName>; MAX_SCORE_PLUGINS],
}

impl<'a> NodeResult<'a> {
    /// Whether the node passed every filter.
    pub fn feasible(&self) -> bool {
        self.code == Code::Success
    }

    /// Each score plugin's normalized score (0–100, before its weight), in profile order;
    /// plugins that skipped are absent.
    pub fn scores(&self) -> impl Iterator<Item = (PluginName, i64)> + 'a {
        let eval = self.eval;
        self.plugins.iter().enumerate().filter_map(move |(i, p)| {
            let score = *eval.scores.get(i)?;
            if score == ABSENT { None } else { Some(((*p)?, i64::from(score))) }
        })
    }

    /// One plugin's normalized score.
    pub fn score(&self, plugin: PluginName) -> Option<i64> {
        self.scores().find(|(p, _)| *p == plugin).map(|(_, s)| s)
    }
}

impl Attempt {
    pub(crate) fn empty(pod: String, uid: Uid, names: Arc<Vec<Arc<str>>>) -> Self {
        Attempt {
            pod,
            uid,
            outcome: Outcome::Skipped,
            node: None,
            message: None,
            feasible_nodes: 0,
            num_all_nodes: 0,
            scored: false,
            nominated_node: None,
            victims: Vec::new(),
            unschedulable_plugins: Vec::new(),
            evals: Vec::new(),
            reasons: Vec::new(),
            names,
            score_plugins: [None; MAX_SCORE_PLUGINS],
            ties: Vec::new(),
        }
    }

    fn name_of(&self, slot: u32) -> &str {
        self.names.get(slot as usize).map_or("", |n| n)
    }

    /// The evaluated nodes, in evaluation order.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = NodeResult<'_>> {
        self.evals.iter().map(move |e| {
            let start = e.reasons_start as usize;
            let end = start + usize::from(e.reasons_len);
            NodeResult {
                name: self.name_of(e.slot),
                code: e.code,
                plugin: e.plugin,
                reasons: self.reasons.get(start..end).unwrap_or(&[]),
                total: i64::from(e.total),
                eval: e,
                plugins: &self.score_plugins,
            }
        })
    }

    /// The result for the node called `name`, if it was evaluated.
    pub fn node_result(&self, name: &str) -> Option<NodeResult<'_>> {
        self.nodes().find(|n| n.name == name)
    }

    /// The nodes that shared the top total score, in evaluation order (the chosen node is
    /// one of them; a single entry means there was no tie).
    pub fn tie_candidates(&self) -> impl Iterator<Item = &str> {
        self.ties.iter().map(|s| self.name_of(*s))
    }
}

/// The serialized form of an [`Attempt`], with node names spelled out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttemptRecord {
    /// See [`Attempt::pod`].
    pub pod: String,
    /// See [`Attempt::uid`].
    pub uid: Uid,
    /// See [`Attempt::outcome`].
    pub outcome: Outcome,
    /// See [`Attempt::node`].
    pub node: Option<String>,
    /// See [`Attempt::message`].
    pub message: Option<String>,
    /// See [`Attempt::feasible_nodes`].
    pub feasible_nodes: u32,
    /// See [`Attempt::num_all_nodes`].
    pub num_all_nodes: u32,
    /// See [`Attempt::scored`].
    pub scored: bool,
    /// The evaluated nodes in evaluation order.
    pub nodes: Vec<NodeRecord>,
    /// See [`Attempt::tie_candidates`].
    pub tie_candidates: Vec<String>,
    /// See [`Attempt::nominated_node`].
    pub nominated_node: Option<String>,
    /// See [`Attempt::victims`].
    pub victims: Vec<Uid>,
    /// See [`Attempt::unschedulable_plugins`].
    pub unschedulable_plugins: Vec<PluginName>,
}

/// One node of an [`AttemptRecord`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeRecord {
    /// The node.
    pub name: String,
    /// The verdict (`Success` when feasible).
    pub code: Code,
    /// The rejecting plugin.
    pub plugin: Option<PluginName>,
    /// Rejection reasons.
    pub reasons: Vec<Reason>,
    /// Normalized scores of the plugins that scored, in profile order.
    pub scores: Vec<(PluginName, i64)>,
    /// Weighted total.
    pub total: i64,
}

impl From<Attempt> for AttemptRecord {
    fn from(a: Attempt) -> Self {
        let nodes = a
            .nodes()
            .map(|n| NodeRecord {
                name: n.name.to_owned(),
                code: n.code,
                plugin: n.plugin,
                reasons: n.reasons.to_vec(),
                scores: n.scores().collect(),
                total: n.total,
            })
            .collect();
        let tie_candidates = a.tie_candidates().map(str::to_owned).collect();
        AttemptRecord {
            pod: a.pod,
            uid: a.uid,
            outcome: a.outcome,
            node: a.node,
            message: a.message,
            feasible_nodes: a.feasible_nodes,
            num_all_nodes: a.num_all_nodes,
            scored: a.scored,
            nodes,
            tie_candidates,
            nominated_node: a.nominated_node,
            victims: a.victims,
            unschedulable_plugins: a.unschedulable_plugins,
        }
    }
}

impl From<AttemptRecord> for Attempt {
    fn from(r: AttemptRecord) -> Self {
        let mut names: Vec<Arc<str>> = Vec::new();
        let slot_of = |name: &str, names: &mut Vec<Arc<str>>| -> u32 {
            let i = names.iter().position(|n| &**n == name).unwrap_or_else(|| {
                names.push(name.into());
                names.len() - 1
            });
            u32::try_from(i).unwrap_or(u32::MAX)
        };
        let mut score_plugins = [None; MAX_SCORE_PLUGINS];
        let mut evals = Vec::with_capacity(r.nodes.len());
        let mut reasons = Vec::new();
        for n in &r.nodes {
            let mut e = NodeEval::feasible(slot_of(&n.name, &mut names));
            e.code = n.code;
            e.plugin = n.plugin;
            e.reasons_start = u32::try_from(reasons.len()).unwrap_or(u32::MAX);
            e.reasons_len = u16::try_from(n.reasons.len()).unwrap_or(u16::MAX);
            reasons.extend(n.reasons.iter().cloned());
            e.total = u32::try_from(n.total).unwrap_or(0);
            for (p, s) in &n.scores {
                let idx = match score_plugins.iter().position(|q| *q == Some(*p)) {
                    Some(i) => Some(i),
                    None => score_plugins.iter().position(Option::is_none).inspect(|&i| {
                        if let Some(q) = score_plugins.get_mut(i) {
                            *q = Some(*p);
                        }
                    }),
                };
                if let Some(i) = idx {
                    e.set_score(i, *s);
                }
            }
            evals.push(e);
        }
        let ties = r.tie_candidates.iter().map(|t| slot_of(t, &mut names)).collect();
        Attempt {
            pod: r.pod,
            uid: r.uid,
            outcome: r.outcome,
            node: r.node,
            message: r.message,
            feasible_nodes: r.feasible_nodes,
            num_all_nodes: r.num_all_nodes,
            scored: r.scored,
            nominated_node: r.nominated_node,
            victims: r.victims,
            unschedulable_plugins: r.unschedulable_plugins,
            evals,
            reasons,
            names: Arc::new(names),
            score_plugins,
            ties,
        }
    }
}
