//! Incrementally kept pod counts for PodTopologySpread.
//!
//! Upstream recounts matching pods on every node in every cycle (`countPodsMatchSelector`
//! over `nodeInfo.Pods`). The simulator keeps, for each label selector any pod has needed so
//! far, the number of matching, non-terminating pods per node and per zone, updated as pods
//! come and go. The counts are the same; only the work moves from the cycle to the event.

use crate::model::LabelSelector;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An interned `(namespace, selector)`.
pub(crate) type SelectorId = u32;

/// One selector's counts.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct SpreadSelector {
    /// Namespace id: only pods of this namespace count (`countPodsMatchSelector`).
    pub(crate) ns: u32,
    pub(crate) selector: LabelSelector,
    /// Matching pods per node slot.
    pub(crate) node_counts: Vec<u32>,
    /// Matching pods per zone id, over present nodes only.
    pub(crate) zone_counts: Vec<u32>,
}

impl SpreadSelector {
    pub(crate) fn on_node(&self, slot: u32) -> u32 {
        self.node_counts.get(slot as usize).copied().unwrap_or(0)
    }

    pub(crate) fn in_zone(&self, zone: u32) -> u32 {
        self.zone_counts.get(zone as usize).copied().unwrap_or(0)
    }

    /// Adds `delta` pods on `slot` (in `zone` when the node is present).
    pub(crate) fn bump(&mut self, slot: u32, zone: Option<u32>, delta: i32) {
        bump(&mut self.node_counts, slot, delta);
        if let Some(z) = zone {
            bump(&mut self.zone_counts, z, delta);
        }
    }

    /// Adds `delta` to a zone bucket only (a node joining or leaving a zone).
    pub(crate) fn bump_zone(&mut self, zone: u32, delta: i32) {
        bump(&mut self.zone_counts, zone, delta);
    }
}

fn bump(v: &mut Vec<u32>, i: u32, delta: i32) {
    let i = i as usize;
    if v.len() <= i {
        v.resize(i + 1, 0);
    }
    if let Some(c) = v.get_mut(i) {
        *c = c.saturating_add_signed(delta);
    }
}

/// All selectors registered so far. Selectors are never dropped: a workload's selector tends
/// to be needed again, and each costs only a counter per node.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct SpreadIndex {
    by_key: BTreeMap<String, SelectorId>,
    pub(crate) sels: Vec<SpreadSelector>,
}

impl SpreadIndex {
    /// The canonical key of a selector in a namespace.
    pub(crate) fn key(ns: u32, selector: &LabelSelector) -> String {
        let mut k = format!("{ns}\0");
        for (key, v) in selector.match_labels.iter() {
            k.push_str(key);
            k.push('=');
            k.push_str(v);
            k.push('\0');
        }
        for r in &selector.match_expressions {
            k.push_str(&format!("{}\u{1}{:?}\u{1}{}\0", r.key, r.operator, r.values.join("\u{1}")));
        }
        k
    }

    pub(crate) fn lookup(&self, key: &str) -> Option<SelectorId> {
        self.by_key.get(key).copied()
    }

    /// Adds an empty selector; the caller fills its counts.
    pub(crate) fn insert(&mut self, key: String, ns: u32, selector: LabelSelector) -> SelectorId {
        let id = SelectorId::try_from(self.sels.len()).unwrap_or(SelectorId::MAX);
        self.by_key.insert(key, id);
        self.sels.push(SpreadSelector {
            ns,
            selector,
            node_counts: Vec::new(),
            zone_counts: Vec::new(),
        });
        id
    }

    pub(crate) fn get(&self, id: SelectorId) -> Option<&SpreadSelector> {
        self.sels.get(id as usize)
    }
}
