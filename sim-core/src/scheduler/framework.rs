//! The scheduling framework's vocabulary, as upstream's `pkg/scheduler/framework` defines it:
//! status codes, filter reasons, the score range and `DefaultNormalizeScore`.
//!
//! A scheduling cycle runs the extension points in this order (see `schedule_one.rs`):
//! PreFilter → Filter (per node) → PostFilter (only when no node is feasible) → PreScore →
//! Score (per feasible node) → NormalizeScore → weighting → host selection → Reserve/assume.
//! Binding happens outside the scheduler (the engine calls back with
//! [`Scheduler::binding_finished`](super::Scheduler::binding_finished)).
//!
//! Plugins are a closed set ([`PluginName`]); each extension point dispatches with a `match`
//! rather than through trait objects, which keeps the wasm binary small and lets the compiler
//! inline the hot filter and score loops.
//!
//! Failure is data: a plugin answers with a [`Code`] and [`Reason`]s, never with a Rust error.

use super::config::PluginName;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::{fmt, sync::Arc};

/// `framework.MaxNodeScore`: the top of the normalized score range.
pub const MAX_NODE_SCORE: i64 = 100;
/// `framework.MinNodeScore`.
pub const MIN_NODE_SCORE: i64 = 0;

/// A plugin's verdict (`framework.Code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Code {
    /// The plugin ran and found nothing wrong.
    Success,
    /// An internal error; the pod goes to the backoff queue.
    Error,
    /// The node does not fit now, but preemption might make room.
    Unschedulable,
    /// The node does not fit and preemption cannot change that (a taint, a label mismatch).
    UnschedulableAndUnresolvable,
    /// The plugin has nothing to do for this pod (returned by PreFilter or PreScore); its later
    /// extension points are skipped for the whole cycle.
    Skip,
}

impl Code {
    /// The name as upstream spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Success => "Success",
            Code::Error => "Error",
            Code::Unschedulable => "Unschedulable",
            Code::UnschedulableAndUnresolvable => "UnschedulableAndUnresolvable",
            Code::Skip => "Skip",
        }
    }

    /// Whether the code rejects the pod (`Status.IsRejected`).
    pub fn is_rejected(self) -> bool {
        matches!(self, Code::Unschedulable | Code::UnschedulableAndUnresolvable)
    }
}

/// Reason strings, exactly as kube-scheduler prints them in `FailedScheduling` events.
pub mod reasons {
    /// NodeUnschedulable (`ErrReasonUnschedulable`).
    pub const NODE_UNSCHEDULABLE: &str = "node(s) were unschedulable";
    /// NodeName (`ErrReason`).
    pub const NODE_NAME: &str = "node(s) didn't match the requested node name";
    /// TaintToleration. Current upstream prints this fixed text; releases before v1.34 printed
    /// the first untolerated taint (`node(s) had untolerated taint {key: value}`).
    pub const UNTOLERATED_TAINT: &str = "node(s) had untolerated taint(s)";
    /// NodeAffinity (`ErrReasonPod`).
    pub const NODE_AFFINITY: &str = "node(s) didn't match Pod's node affinity/selector";
    /// NodeAffinity PreFilter (`errReasonConflict`): `matchFields` terms name no common node.
    pub const AFFINITY_CONFLICT: &str = "pod affinity terms conflict";
    /// NodePorts (`ErrReason`).
    pub const NODE_PORTS: &str = "node(s) didn't have free ports for the requested pod ports";
    /// NodeResourcesFit: the node's `pods` allocatable is used up.
    pub const TOO_MANY_PODS: &str = "Too many pods";
    /// NodeResourcesFit prefix; the resource name follows (`Insufficient cpu`).
    pub const INSUFFICIENT_PREFIX: &str = "Insufficient ";
    /// PodTopologySpread (`ErrReasonConstraintsNotMatch`).
    pub const SPREAD_CONSTRAINTS: &str = "node(s) didn't match pod topology spread constraints";
    /// PodTopologySpread (`ErrReasonNodeLabelNotMatch`).
    pub const SPREAD_MISSING_LABEL: &str =
        "node(s) didn't match pod topology spread constraints (missing required label)";
    /// DefaultPreemption: the node was rejected as UnschedulableAndUnresolvable.
    pub const PREEMPTION_NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
    /// DefaultPreemption: no lower-priority pod runs on the node.
    pub const NO_PREEMPTION_VICTIMS: &str = "No preemption victims found for incoming pod";
    /// The whole cycle: the cluster has no nodes (`ErrNoNodesAvailable`).
    pub const NO_NODES_AVAILABLE: &str = "no nodes available to schedule pods";
}

/// A resource named in an `Insufficient …` reason.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourceKey {
    /// `cpu`.
    Cpu,
    /// `memory`.
    Memory,
    /// `ephemeral-storage`.
    EphemeralStorage,
    /// An extended or other scalar resource (`nvidia.com/gpu`, `hugepages-2Mi`).
    Scalar(Arc<str>),
}

impl ResourceKey {
    /// The resource name as Kubernetes spells it.
    pub fn as_str(&self) -> &str {
        match self {
            ResourceKey::Cpu => "cpu",
            ResourceKey::Memory => "memory",
            ResourceKey::EphemeralStorage => "ephemeral-storage",
            ResourceKey::Scalar(s) => s,
        }
    }
}

/// Why a plugin rejected a node (or a pod, at PreFilter). Displays as upstream's text.
///
/// Variants instead of strings keep the filter loop free of allocation; the text is produced
/// only when an explanation is printed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// [`reasons::NODE_UNSCHEDULABLE`].
    NodeUnschedulable,
    /// [`reasons::NODE_NAME`].
    NodeName,
    /// [`reasons::UNTOLERATED_TAINT`].
    UntoleratedTaint,
    /// [`reasons::NODE_AFFINITY`].
    NodeAffinity,
    /// [`reasons::AFFINITY_CONFLICT`].
    AffinityConflict,
    /// [`reasons::NODE_PORTS`].
    NodePorts,
    /// [`reasons::TOO_MANY_PODS`].
    TooManyPods,
    /// `Insufficient <resource>`.
    Insufficient(ResourceKey),
    /// [`reasons::SPREAD_CONSTRAINTS`].
    SpreadConstraints,
    /// [`reasons::SPREAD_MISSING_LABEL`].
    SpreadMissingLabel,
    /// [`reasons::PREEMPTION_NOT_HELPFUL`].
    PreemptionNotHelpful,
    /// [`reasons::NO_PREEMPTION_VICTIMS`].
    NoPreemptionVictims,
    /// Any other text (`node(s) didn't satisfy plugin(s) [NodeAffinity]`, or a reason read back
    /// from a serialized attempt).
    Other(Arc<str>),
}

impl Reason {
    /// The reason for a node whose slot a PreFilter result excluded.
    pub fn not_in_prefilter_result(plugins: &[PluginName]) -> Reason {
        let names: Vec<&str> = plugins.iter().map(|p| p.as_str()).collect();
        Reason::Other(format!("node(s) didn't satisfy plugin(s) [{}]", names.join(" ")).into())
    }

    /// Parses upstream text back into a reason (the inverse of `Display`).
    pub fn from_text(s: &str) -> Reason {
        use reasons::*;
        match s {
            NODE_UNSCHEDULABLE => Reason::NodeUnschedulable,
            NODE_NAME => Reason::NodeName,
            UNTOLERATED_TAINT => Reason::UntoleratedTaint,
            NODE_AFFINITY => Reason::NodeAffinity,
            AFFINITY_CONFLICT => Reason::AffinityConflict,
            NODE_PORTS => Reason::NodePorts,
            TOO_MANY_PODS => Reason::TooManyPods,
            SPREAD_CONSTRAINTS => Reason::SpreadConstraints,
            SPREAD_MISSING_LABEL => Reason::SpreadMissingLabel,
            PREEMPTION_NOT_HELPFUL => Reason::PreemptionNotHelpful,
            NO_PREEMPTION_VICTIMS => Reason::NoPreemptionVictims,
            other => match other.strip_prefix(INSUFFICIENT_PREFIX) {
                Some("cpu") => Reason::Insufficient(ResourceKey::Cpu),
                Some("memory") => Reason::Insufficient(ResourceKey::Memory),
                Some("ephemeral-storage") => Reason::Insufficient(ResourceKey::EphemeralStorage),
                Some(name) => Reason::Insufficient(ResourceKey::Scalar(name.into())),
                None => Reason::Other(other.into()),
            },
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use reasons::*;
        let s = match self {
            Reason::NodeUnschedulable => NODE_UNSCHEDULABLE,
            Reason::NodeName => NODE_NAME,
            Reason::UntoleratedTaint => UNTOLERATED_TAINT,
            Reason::NodeAffinity => NODE_AFFINITY,
            Reason::AffinityConflict => AFFINITY_CONFLICT,
            Reason::NodePorts => NODE_PORTS,
            Reason::TooManyPods => TOO_MANY_PODS,
            Reason::Insufficient(r) => return write!(f, "{INSUFFICIENT_PREFIX}{}", r.as_str()),
            Reason::SpreadConstraints => SPREAD_CONSTRAINTS,
            Reason::SpreadMissingLabel => SPREAD_MISSING_LABEL,
            Reason::PreemptionNotHelpful => PREEMPTION_NOT_HELPFUL,
            Reason::NoPreemptionVictims => NO_PREEMPTION_VICTIMS,
            Reason::Other(s) => s,
        };
        f.write_str(s)
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Reason::from_text(&s))
    }
}

/// A plugin's answer with its reasons (`framework.Status`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The verdict.
    pub code: Code,
    /// The plugin that answered (`Status.Plugin()`), if any.
    pub plugin: Option<PluginName>,
    /// The reasons, in the order the plugin gave them.
    pub reasons: Vec<Reason>,
}

impl Status {
    /// A status from `plugin` with one reason.
    pub fn new(code: Code, plugin: PluginName, reason: Reason) -> Self {
        Status { code, plugin: Some(plugin), reasons: vec![reason] }
    }

    /// The reasons joined with `", "` (`Status.Message()`).
    pub fn message(&self) -> String {
        let parts: Vec<String> = self.reasons.iter().map(ToString::to_string).collect();
        parts.join(", ")
    }
}

/// `helper.DefaultNormalizeScore`: scales raw scores to `0..=max_priority` by the largest raw
/// score, with integer division; `reverse` turns high raw scores into low ones.
///
/// If every raw score is 0, the scores stay 0, or all become `max_priority` when `reverse`.
pub fn default_normalize_score(max_priority: i64, reverse: bool, scores: &mut [i64]) {
    let max_count = scores.iter().copied().fold(0, i64::max);
    if max_count == 0 {
        if reverse {
            scores.fill(max_priority);
        }
        return;
    }
    for s in scores.iter_mut() {
        let scaled = max_priority * *s / max_count;
        *s = if reverse { max_priority - scaled } else { scaled };
    }
}

#[cfg(test)]
mod tests;
