//! `CycleState`: what PreFilter works out once for the pod and Filter reads for every node.
//! It lives for one cycle and is never shared between pods.

use super::{
    cache::PodInfo,
    config::PluginName,
    plugins::{Adjust, node_affinity::Required, node_resources_fit::FitState, pod_topology_spread},
};
use crate::model::Pod;
use std::collections::BTreeSet;

/// The per-cycle scratchpad.
pub(crate) struct CycleState<'a> {
    pub(crate) pod: &'a Pod,
    pub(crate) info: PodInfo,
    /// Filter plugins to run: the profile's, minus those whose PreFilter returned Skip.
    pub(crate) filters: Vec<PluginName>,
    /// NodeUnschedulable: the pod tolerates cordoned nodes.
    pub(crate) tolerates_unschedulable: bool,
    /// NodeAffinity: nodeSelector + required affinity.
    pub(crate) required: Required<'a>,
    /// NodeResourcesFit: scalar requests to check.
    pub(crate) fit: FitState,
    /// PodTopologySpread: DoNotSchedule counts.
    pub(crate) spread: Option<pod_topology_spread::FilterState>,
    /// Nominated pods (of at least this pod's priority) that filters must count on their
    /// nodes, by slot.
    pub(crate) nominated: Vec<(u32, Adjust)>,
    /// A PreFilter result: only these node names, and the plugins that narrowed them.
    pub(crate) only_nodes: Option<(BTreeSet<String>, Vec<PluginName>)>,
    /// Set when every remaining filter can be decided from a node's hot fields.
    pub(crate) fast: Option<FastFilter>,
}

/// A shortcut for the common pod (no affinity, ports, hard spreading, scalar requests or
/// nominated pods to account): a node passes every filter when none of `reject_flags` is set
/// on it and (if NodeResourcesFit runs) its requests fit. Any other node goes through the
/// general path, which also produces the reasons.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FastFilter {
    pub(crate) reject_flags: u16,
    pub(crate) fit: bool,
}

impl FastFilter {
    /// The shortcut for `cs`, if its filters allow one.
    pub(crate) fn of(cs: &CycleState<'_>) -> Option<Self> {
        if !cs.nominated.is_empty() || !cs.fit.scalars.is_empty() {
            return None;
        }
        let mut f = FastFilter { reject_flags: 0, fit: false };
        for p in &cs.filters {
            match p {
                PluginName::NodeUnschedulable if !cs.tolerates_unschedulable => {
                    f.reject_flags |= super::cache::flags::UNSCHEDULABLE;
                }
                PluginName::NodeUnschedulable => {}
                PluginName::TaintToleration => f.reject_flags |= super::cache::flags::HARD_TAINTS,
                PluginName::NodeResourcesFit => f.fit = true,
                _ => return None,
            }
        }
        Some(f)
    }
}

impl<'a> CycleState<'a> {
    pub(crate) fn new(pod: &'a Pod, info: PodInfo) -> Self {
        CycleState {
            pod,
            info,
            filters: Vec::new(),
            tolerates_unschedulable: false,
            required: Required::of(&pod.spec),
            fit: FitState::default(),
            spread: None,
            nominated: Vec::new(),
            only_nodes: None,
            fast: None,
        }
    }

    /// The adjustment for nominated pods on `slot`, if any.
    pub(crate) fn nominated_on(&self, slot: u32) -> Option<&Adjust> {
        if self.nominated.is_empty() {
            return None;
        }
        self.nominated.iter().find(|(s, _)| *s == slot).map(|(_, a)| a)
    }
}
