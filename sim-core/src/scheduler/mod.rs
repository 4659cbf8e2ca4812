//! kube-scheduler: the scheduling framework, its default plugins, the scheduling queue and the
//! scheduler's own cache of nodes.
//!
//! # Contract
//! - **Sans-IO.** The engine feeds informer events in (`add_node`, `update_pod`, …) right after
//!   its API store commits them, drives time with [`Scheduler::next_timeout`] /
//!   [`Scheduler::handle_timeout`], takes pods with [`Scheduler::pop`], runs a cycle with
//!   [`Scheduler::schedule_one`] and reports the binding with [`Scheduler::binding_finished`].
//! - **Deterministic.** No clock, no ambient randomness (tie-breaks and preemption offsets draw
//!   from the caller's [`SimRng`]), no hash-map iteration.
//! - **Explains itself.** Every cycle returns an [`Attempt`]: per evaluated node, the filter
//!   verdict or each plugin's normalized score and the weighted total; the choice and the
//!   tied nodes; the `FailedScheduling` text on failure.
//! - **Faithful.** Formulas, reason strings and the order of operations follow upstream
//!   (`pkg/scheduler`); every departure is documented with `Simplified:`.
//!
//! # Call order
//! ```text
//! add_node/update_node/remove_node, add_pod/update_pod/remove_pod,
//! upsert_service/upsert_replica_set     (any time, as the API store changes)
//! loop {
//!     if next_timeout() <= now { handle_timeout(now) }
//!     let uid = pop(now)?;                 // engine looks the pod up
//!     let a = schedule_one(&pod, now, rng); // on success the pod is assumed on a.node
//!     ... engine binds (or evicts a.victims and nominates) ...
//!     binding_finished(uid, ok, now);
//! }
//! ```
//!
//! Simplified (whole scheduler): no InterPodAffinity, volume plugins, DynamicResources,
//! scheduling gates, extenders, Permit waits or PodDisruptionBudgets; one profile.

pub mod attempt;
pub mod bench;
pub(crate) mod cache;
pub mod cli;
pub mod config;
mod cycle_state;
mod event_handlers;
mod fit_error;
pub mod framework;
mod fused;
pub mod plugins;
mod pod_info;
mod profile;
mod queue;
mod schedule_one;
mod serde_pairs;
pub mod testing;

pub use attempt::{Attempt, AttemptRecord, NodeRecord, NodeResult, Outcome};
pub use framework::{Code, Reason, ResourceKey, Status};
pub use pod_info::{DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST};
pub use profile::{
    MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, MIN_FEASIBLE_NODES_TO_FIND, num_feasible_nodes_to_find,
};
pub use queue::{MAX_IN_UNSCHEDULABLE_MS, QueueCounts, UNSCHEDULABLE_FLUSH_PERIOD_MS};

use self::{cache::Cache, plugins::pod_topology_spread::SpreadOwners, profile::Compiled};
use crate::{model::Uid, rng::SimRng, time::SimTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A pod the scheduler has nominated to a node after preemption (upstream's nominator).
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Nomination {
    slot: u32,
    info: cache::PodInfo,
}

/// One scheduler profile with its queue and cache.
///
/// Cloning and serde give simulation snapshots; per-cycle scratch space is not part of them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Scheduler {
    profile: config::Profile,
    compiled: Compiled,
    cache: Cache,
    queue: queue::SchedulingQueue,
    owners: SpreadOwners,
    /// Memoized default spreading selectors: (group, controlling ReplicaSet) →
    /// (owners generation, selector).
    #[serde(with = "serde_pairs")]
    default_selectors: BTreeMap<(u32, String), (u64, Option<u32>)>,
    #[serde(with = "serde_pairs")]
    nominated: BTreeMap<Uid, Nomination>,
    /// `nextStartNodeIndex`: where the next cycle's node walk begins.
    next_start_node_index: usize,
    /// Scheduling cycles run so far.
    cycle: u64,
    /// Whether attempts carry per-node records (see [`Scheduler::set_explanations`]).
    #[serde(skip, default = "explain_default")]
    explain: bool,
    /// Whether common pods take the fused walk (`fused.rs`); tests turn it off to compare
    /// against the general path.
    #[serde(skip, default = "explain_default")]
    fused: bool,
    /// Buffers the fused walk reuses between cycles.
    #[serde(skip)]
    scratch: fused::Scratch,
}

fn explain_default() -> bool {
    true
}

impl Scheduler {
    /// A scheduler for `profile`, with no nodes and an empty queue.
    pub fn new(profile: config::Profile) -> Self {
        let mut cache = Cache::new();
        let compiled = Compiled::new(&profile, &mut cache.scalars);
        let queue = queue::SchedulingQueue::new(
            u64::from(profile.pod_initial_backoff_seconds) * 1000,
            u64::from(profile.pod_max_backoff_seconds) * 1000,
        );
        Scheduler {
            profile,
            compiled,
            cache,
            queue,
            owners: SpreadOwners::default(),
            default_selectors: BTreeMap::new(),
            nominated: BTreeMap::new(),
            next_start_node_index: 0,
            cycle: 0,
            explain: true,
            fused: true,
            scratch: fused::Scratch::default(),
        }
    }

    /// Turns per-node explanations on (the default) or off.
    ///
    /// Off, a scheduled [`Attempt`] carries only its outcome, chosen node, feasible-node count
    /// and whether scoring ran: no per-node records ([`Attempt::nodes`] is empty) and no tie
    /// candidates. Decisions, random draws and failed attempts (which always explain
    /// themselves) are unchanged. kube-scheduler keeps no per-node record either; turn them
    /// off when nobody will read them (a benchmark, an engine that keeps no attempts).
    /// Not part of snapshots: a restored scheduler explains.
    pub fn set_explanations(&mut self, on: bool) {
        self.explain = on;
    }

    /// Whether attempts carry per-node explanations.
    pub fn explanations(&self) -> bool {
        self.explain
    }

    /// Turns the fused walk off, so every pod takes the general path (to compare them).
    #[cfg(test)]
    pub(crate) fn set_fused(&mut self, on: bool) {
        self.fused = on;
    }

    /// The profile this scheduler runs.
    pub fn profile(&self) -> &config::Profile {
        &self.profile
    }

    /// The earliest time at which [`Scheduler::handle_timeout`] has work: a backoff that
    /// completes, or the periodic flush of pods unschedulable for over 5 minutes.
    pub fn next_timeout(&self) -> Option<SimTime> {
        self.queue.next_timeout()
    }

    /// Moves pods whose backoff completed to activeQ and flushes long-unschedulable pods.
    pub fn handle_timeout(&mut self, now: SimTime) {
        self.queue.handle_timeout(now);
    }

    /// The next pod to schedule from activeQ (highest priority, then longest waiting).
    pub fn pop(&mut self, now: SimTime) -> Option<Uid> {
        self.queue.pop(now, self.cycle + 1)
    }

    /// Pending pods per queue part.
    pub fn pending_counts(&self) -> QueueCounts {
        self.queue.counts()
    }

    /// Scheduling cycles run so far.
    pub fn cycles(&self) -> u64 {
        self.cycle
    }

    /// Runs one full scheduling cycle for `pod`: PreFilter, Filter over the node walk,
    /// PostFilter (preemption) when nothing fits, PreScore/Score/NormalizeScore, weighted
    /// totals, a seeded uniform pick among the top nodes. On success the pod is assumed on the
    /// chosen node at once; on failure it goes back to the queue (if it came from it).
    pub fn schedule_one(
        &mut self,
        pod: &crate::model::Pod,
        now: SimTime,
        rng: &mut SimRng,
    ) -> Attempt {
        schedule_one::run(self, pod, now, rng)
    }
}

#[cfg(test)]
mod tests;
