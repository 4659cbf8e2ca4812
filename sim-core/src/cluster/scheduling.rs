//! The link between the engine and kube-scheduler: informer notifications in, scheduling
//! cycles and bindings out, attempts kept for the UI.
//!
//! Simplified: one scheduling cycle takes a fixed `scheduling_cycle_ms` of simulated time and
//! the Binding call a fixed `bind_latency_ms`; upstream's binding cycles run concurrently in
//! goroutines, which the simulator serializes.

use super::timers::Task;
use crate::{
    model::{Node, Pod, ReplicaSet, Service, Uid},
    rng::SimRng,
    scheduler::{Attempt, QueueCounts, Scheduler, config::Profile},
    time::SimTime,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// The scheduler plus the engine's bookkeeping around it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct SchedulerLink {
    pub(crate) scheduler: Scheduler,
    pub(crate) rng: SimRng,
    cycle_queued: bool,
    timeout_at: Option<SimTime>,
    attempts: VecDeque<(u64, Attempt)>,
    keep: usize,
    next_attempt_id: u64,
    last_attempt: BTreeMap<Uid, u64>,
}

impl SchedulerLink {
    pub(crate) fn new(profile: Profile, rng: SimRng, keep: usize) -> Self {
        SchedulerLink {
            scheduler: Scheduler::new(profile),
            rng,
            cycle_queued: false,
            timeout_at: None,
            attempts: VecDeque::new(),
            keep,
            next_attempt_id: 0,
            last_attempt: BTreeMap::new(),
        }
    }

    pub(crate) fn pod_changed(&mut self, old: Option<&Pod>, new: Option<&Pod>, now: SimTime) {
        match (old, new) {
            (None, Some(n)) => self.scheduler.add_pod(n, now),
            (Some(o), Some(n)) => self.scheduler.update_pod(o, n, now),
            (Some(o), None) => {
                self.last_attempt.remove(&o.metadata.uid);
                self.scheduler.remove_pod(o, now);
            }
            (None, None) => {}
        }
    }

    pub(crate) fn node_added(&mut self, node: &Node, now: SimTime) {
        self.scheduler.add_node(node, now);
    }

    pub(crate) fn node_updated(&mut self, node: &Node, now: SimTime) {
        self.scheduler.update_node(node, now);
    }

    pub(crate) fn node_removed(&mut self, name: &str, now: SimTime) {
        self.scheduler.remove_node(name, now);
    }

    pub(crate) fn replica_set_changed(
        &mut self,
        new: Option<&ReplicaSet>,
        old: Option<&ReplicaSet>,
    ) {
        match (new, old) {
            (Some(rs), _) => self.scheduler.upsert_replica_set(rs),
            (None, Some(rs)) => {
                self.scheduler.remove_replica_set(&rs.metadata.namespace, &rs.metadata.name)
            }
            (None, None) => {}
        }
    }

    pub(crate) fn service_changed(&mut self, new: Option<&Service>, old: Option<&Service>) {
        match (new, old) {
            (Some(s), _) => self.scheduler.upsert_service(s),
            (None, Some(s)) => {
                self.scheduler.remove_service(&s.metadata.namespace, &s.metadata.name)
            }
            (None, None) => {}
        }
    }

    /// Timers the scheduler needs now: a cycle when activeQ has pods, a timeout for backoffs.
    pub(crate) fn wakeups(&mut self, now: SimTime, out: &mut Vec<(SimTime, Task)>) {
        if !self.cycle_queued && self.scheduler.pending_counts().active > 0 {
            self.cycle_queued = true;
            out.push((now, Task::SchedulerCycle));
        }
        if let Some(t) = self.scheduler.next_timeout() {
            let t = t.max(now);
            if self.timeout_at.is_none_or(|q| t < q || q < now) {
                self.timeout_at = Some(t);
                out.push((t, Task::SchedulerTimeout));
            }
        }
    }

    /// A queued cycle runs now.
    pub(crate) fn cycle_started(&mut self) {
        self.cycle_queued = false;
    }

    /// The engine queued the next cycle itself.
    pub(crate) fn mark_cycle_queued(&mut self) {
        self.cycle_queued = true;
    }

    /// A queued timeout fired.
    pub(crate) fn timeout_fired(&mut self, now: SimTime) {
        if self.timeout_at.is_some_and(|t| t <= now) {
            self.timeout_at = None;
        }
        self.scheduler.handle_timeout(now);
    }

    /// Keeps `attempt` (bounded) and returns its id.
    pub(crate) fn keep_attempt(&mut self, attempt: Attempt) -> u64 {
        self.next_attempt_id += 1;
        let id = self.next_attempt_id;
        self.last_attempt.insert(attempt.uid, id);
        if self.keep > 0 {
            if self.attempts.len() >= self.keep {
                self.attempts.pop_front();
            }
            self.attempts.push_back((id, attempt));
        }
        id
    }

    /// A kept attempt.
    pub(crate) fn attempt(&self, id: u64) -> Option<&Attempt> {
        let first = self.attempts.front()?.0;
        let i = usize::try_from(id.checked_sub(first)?).ok()?;
        self.attempts.get(i).map(|(_, a)| a).filter(|_| self.attempts[i].0 == id)
    }

    /// The id of the latest attempt for a pod.
    pub(crate) fn last_attempt_of(&self, pod: Uid) -> Option<u64> {
        self.last_attempt.get(&pod).copied()
    }

    /// Pending pods per queue part.
    pub(crate) fn counts(&self) -> QueueCounts {
        self.scheduler.pending_counts()
    }
}
