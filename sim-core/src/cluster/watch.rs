//! Watch delivery: which component hears about which write, and when.
//!
//! Each watcher keeps a set of pending object keys, deduplicated like a controller
//! workqueue. The first key added schedules a flush one watch latency later; at the flush
//! the component reconciles every pending key against the store.
//!
//! Simplified: a component reads the store as it is at delivery time rather than replaying
//! each intermediate version, which is what a level-triggered controller reading its
//! informer cache does anyway. The scheduler is notified synchronously at write time (zero
//! watch latency), because its cache needs the old and new object of every update.

use super::store::NsName;
use crate::{model::Uid, time::SimTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A component with a watch.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Watcher {
    /// ReplicaSet controller (ReplicaSets, their pods).
    ReplicaSets,
    /// Deployment controller (Deployments, their ReplicaSets, pod deletions).
    Deployments,
    /// EndpointSlice controller (Services, pods).
    Endpoints,
    /// Taint eviction controller (node taints, pods bound to nodes).
    TaintEviction,
    /// The node lifecycle controller (node spec changes: cordon).
    NodeLifecycle,
    /// A node's kubelet (pods bound to it, its Node object).
    Kubelet(String),
}

/// Keys waiting for one watcher.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Pending<K: Ord> {
    pub(crate) keys: BTreeSet<K>,
    pub(crate) flush_scheduled: bool,
}

impl<K: Ord> Default for Pending<K> {
    fn default() -> Self {
        Pending { keys: BTreeSet::new(), flush_scheduled: false }
    }
}

impl<K: Ord> Pending<K> {
    /// Adds `key`; returns true when a flush must be scheduled.
    fn add(&mut self, key: K) -> bool {
        self.keys.insert(key);
        !std::mem::replace(&mut self.flush_scheduled, true)
    }

    /// Takes every pending key and clears the flush flag.
    pub(crate) fn take(&mut self) -> BTreeSet<K> {
        self.flush_scheduled = false;
        std::mem::take(&mut self.keys)
    }
}

/// What the taint eviction controller must look at.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum TaintKey {
    /// A node whose taints changed.
    Node(String),
    /// A pod that was bound or changed.
    Pod(Uid),
}

/// A pod creation or deletion the ReplicaSet controller's expectations count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Observed {
    /// A pod owned by the ReplicaSet appeared.
    Created(NsName),
    /// A pod owned by the ReplicaSet got a deletionTimestamp or vanished.
    Deleted(NsName, Uid),
}

/// Every watcher's pending keys.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct WatchHub {
    pub(crate) replica_sets: Pending<NsName>,
    pub(crate) deployments: Pending<NsName>,
    pub(crate) endpoints: Pending<NsName>,
    pub(crate) taints: Pending<TaintKey>,
    pub(crate) nodes: Pending<String>,
    pub(crate) kubelets: BTreeMap<String, Pending<Uid>>,
    /// Pods created without a controller, candidates for adoption.
    pub(crate) orphans: BTreeSet<Uid>,
    /// Creations and deletions for ReplicaSet expectations, in write order.
    pub(crate) observed: Vec<Observed>,
    /// Flushes to schedule, drained by the API after each write.
    pub(crate) to_schedule: Vec<Watcher>,
}

impl WatchHub {
    pub(crate) fn replica_set(&mut self, k: NsName) {
        if self.replica_sets.add(k) {
            self.to_schedule.push(Watcher::ReplicaSets);
        }
    }

    pub(crate) fn deployment(&mut self, k: NsName) {
        if self.deployments.add(k) {
            self.to_schedule.push(Watcher::Deployments);
        }
    }

    pub(crate) fn service(&mut self, k: NsName) {
        if self.endpoints.add(k) {
            self.to_schedule.push(Watcher::Endpoints);
        }
    }

    pub(crate) fn taint(&mut self, k: TaintKey) {
        if self.taints.add(k) {
            self.to_schedule.push(Watcher::TaintEviction);
        }
    }

    pub(crate) fn node(&mut self, name: &str) {
        if self.nodes.add(name.to_owned()) {
            self.to_schedule.push(Watcher::NodeLifecycle);
        }
    }

    pub(crate) fn kubelet(&mut self, node: &str, pod: Uid) {
        if self.kubelets.entry(node.to_owned()).or_default().add(pod) {
            self.to_schedule.push(Watcher::Kubelet(node.to_owned()));
        }
    }

    /// The time a flush scheduled now happens.
    pub(crate) fn flush_time(now: SimTime, latency_ms: u64) -> SimTime {
        now.plus_millis(latency_ms)
    }
}
