//! The scheduling queue (upstream's `PriorityQueue`): three parts and the rules that move pods
//! between them.
//!
//! - **activeQ**, ordered by `PrioritySort`: higher `priority` first, then earlier timestamp
//!   (then arrival order, where upstream's heap leaves ties unspecified).
//! - **backoffQ**: pods waiting out their backoff, `initial × 2^(attempts-1)` capped at the
//!   maximum (1 s doubling to 10 s by default), counted from the last failure.
//! - **unschedulable pool**: pods that failed because no node fitted. A cluster event that may
//!   help (decided per rejecting plugin by the caller's hint) moves them to activeQ, or to
//!   backoffQ if still backing off; those left for more than 5 minutes are flushed anyway by a
//!   periodic check that runs every 30 s.
//!
//! A pod that failed while a move request arrived during its cycle, or that failed for a reason
//! no plugin owns (an error, a failed binding), goes straight to backoff/active.
//!
//! Simplified: upstream moves completed backoffs to activeQ on a 1 s tick; here they move at
//! their exact expiry. The v1.33+ `SchedulerPopFromBackoffQ` behaviour (popping backing-off
//! pods when activeQ is empty) is not modelled.

use crate::{
    model::{PodSpec, Uid},
    time::SimTime,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::{BTreeMap, BTreeSet},
    sync::Arc,
};

/// `DefaultPodMaxInUnschedulablePodsDuration`: 5 minutes.
pub const MAX_IN_UNSCHEDULABLE_MS: u64 = 5 * 60 * 1000;
/// How often upstream's `flushUnschedulablePodsLeftover` runs: every 30 s.
pub const UNSCHEDULABLE_FLUSH_PERIOD_MS: u64 = 30 * 1000;

/// Pods waiting to be scheduled, per queue part (for the UI).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCounts {
    /// In activeQ, ready to be popped.
    pub active: usize,
    /// In backoffQ.
    pub backoff: usize,
    /// In the unschedulable pool.
    pub unschedulable: usize,
    /// Popped and being scheduled, or assumed and waiting for their binding.
    pub in_flight: usize,
}

/// Where a queued pod is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Place {
    Active,
    Backoff,
    Unschedulable,
    InFlight,
}

/// A pending pod (`QueuedPodInfo`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct QueuedPod {
    pub(crate) uid: Uid,
    pub(crate) priority: i32,
    /// The pod's spec, for the requeue hints.
    pub(crate) spec: Arc<PodSpec>,
    /// When the pod was last added or failed.
    pub(crate) timestamp: SimTime,
    /// Scheduling attempts so far.
    pub(crate) attempts: u32,
    seq: u64,
    pub(crate) place: Place,
    /// Bit set of the plugins (by `PluginName as u32`) that rejected it last time.
    pub(crate) rejected_by: u32,
    popped_cycle: u64,
}

type ActiveKey = (i64, SimTime, u64, Uid);
type TimedKey = (SimTime, u64, Uid);

/// The queue.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct SchedulingQueue {
    #[serde(with = "crate::scheduler::serde_pairs")]
    pods: BTreeMap<Uid, QueuedPod>,
    active: BTreeSet<ActiveKey>,
    /// (backoff expiry, seq, uid).
    backoff: BTreeSet<TimedKey>,
    /// (timestamp, seq, uid).
    unschedulable: BTreeSet<TimedKey>,
    in_flight: usize,
    seq: u64,
    move_request_cycle: u64,
    initial_backoff_ms: u64,
    max_backoff_ms: u64,
}

impl SchedulingQueue {
    pub(crate) fn new(initial_backoff_ms: u64, max_backoff_ms: u64) -> Self {
        SchedulingQueue { initial_backoff_ms, max_backoff_ms, ..Default::default() }
    }

    pub(crate) fn contains(&self, uid: Uid) -> bool {
        self.pods.contains_key(&uid)
    }

    pub(crate) fn get(&self, uid: Uid) -> Option<&QueuedPod> {
        self.pods.get(&uid)
    }

    pub(crate) fn counts(&self) -> QueueCounts {
        QueueCounts {
            active: self.active.len(),
            backoff: self.backoff.len(),
            unschedulable: self.unschedulable.len(),
            in_flight: self.in_flight,
        }
    }

    pub(crate) fn unschedulable_len(&self) -> usize {
        self.unschedulable.len()
    }

    /// `calculateBackoffDuration`.
    pub(crate) fn backoff_ms(&self, attempts: u32) -> u64 {
        if attempts == 0 {
            return 0;
        }
        let mut d = self.initial_backoff_ms;
        for _ in 1..attempts {
            if d > self.max_backoff_ms.saturating_sub(d) {
                return self.max_backoff_ms;
            }
            d += d;
        }
        d
    }

    fn backoff_expiry(&self, p: &QueuedPod) -> SimTime {
        p.timestamp.plus_millis(self.backoff_ms(p.attempts))
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Takes the pod out of whichever part holds it.
    fn detach(&mut self, uid: Uid) {
        let Some(p) = self.pods.get(&uid) else { return };
        match p.place {
            Place::Active => {
                self.active.remove(&(-i64::from(p.priority), p.timestamp, p.seq, uid));
            }
            Place::Backoff => {
                let expiry = self.backoff_expiry(p);
                self.backoff.remove(&(expiry, p.seq, uid));
            }
            Place::Unschedulable => {
                self.unschedulable.remove(&(p.timestamp, p.seq, uid));
            }
            Place::InFlight => self.in_flight = self.in_flight.saturating_sub(1),
        }
    }

    fn attach(&mut self, uid: Uid, place: Place) {
        let seq = self.next_seq();
        let Some(p) = self.pods.get_mut(&uid) else { return };
        p.place = place;
        p.seq = seq;
        let p = p.clone();
        match place {
            Place::Active => {
                self.active.insert((-i64::from(p.priority), p.timestamp, seq, uid));
            }
            Place::Backoff => {
                let expiry = self.backoff_expiry(&p);
                self.backoff.insert((expiry, seq, uid));
            }
            Place::Unschedulable => {
                self.unschedulable.insert((p.timestamp, seq, uid));
            }
            Place::InFlight => self.in_flight += 1,
        }
    }

    /// A new pending pod goes to activeQ.
    pub(crate) fn add(&mut self, uid: Uid, priority: i32, spec: Arc<PodSpec>, now: SimTime) {
        if self.pods.contains_key(&uid) {
            return;
        }
        self.pods.insert(
            uid,
            QueuedPod {
                uid,
                priority,
                spec,
                timestamp: now,
                attempts: 0,
                seq: 0,
                place: Place::Active,
                rejected_by: 0,
                popped_cycle: 0,
            },
        );
        self.attach(uid, Place::Active);
    }

    /// A pending pod changed. If it waits in the unschedulable pool and its spec changed, it
    /// is retried (the change may be what it needed).
    pub(crate) fn update(&mut self, uid: Uid, priority: i32, spec: Arc<PodSpec>, now: SimTime) {
        let Some(p) = self.pods.get(&uid) else { return };
        let spec_changed = !Arc::ptr_eq(&p.spec, &spec) && *p.spec != *spec;
        let place = p.place;
        if p.priority == priority && !spec_changed {
            return;
        }
        self.detach(uid);
        if let Some(p) = self.pods.get_mut(&uid) {
            p.priority = priority;
            p.spec = spec;
        }
        let target = match place {
            Place::Unschedulable if spec_changed => self.requeue_target(uid, now),
            other => other,
        };
        self.attach(uid, target);
    }

    pub(crate) fn delete(&mut self, uid: Uid) {
        self.detach(uid);
        self.pods.remove(&uid);
    }

    /// Moves backoffs that completed by `now` to activeQ.
    fn flush_backoff(&mut self, now: SimTime) {
        while let Some(&(expiry, _, uid)) = self.backoff.first() {
            if expiry > now {
                break;
            }
            self.detach(uid);
            self.attach(uid, Place::Active);
        }
    }

    /// The next pod to schedule; it is in flight until [`SchedulingQueue::requeue_failed`]
    /// or [`SchedulingQueue::done`].
    pub(crate) fn pop(&mut self, now: SimTime, cycle: u64) -> Option<Uid> {
        self.flush_backoff(now);
        let &(_, _, _, uid) = self.active.first()?;
        self.begin(uid, cycle);
        Some(uid)
    }

    /// Marks a pod as being attempted (popped, or scheduled directly by the caller).
    pub(crate) fn begin(&mut self, uid: Uid, cycle: u64) {
        if !self.pods.contains_key(&uid) {
            return;
        }
        self.detach(uid);
        if let Some(p) = self.pods.get_mut(&uid) {
            p.attempts += 1;
            p.popped_cycle = cycle;
        }
        self.attach(uid, Place::InFlight);
    }

    /// The pod is scheduled and bound: it leaves the queue.
    pub(crate) fn done(&mut self, uid: Uid) {
        self.delete(uid);
    }

    /// Whether the pod is still backing off at `now`.
    fn backing_off(&self, uid: Uid, now: SimTime) -> bool {
        self.pods.get(&uid).is_some_and(|p| self.backoff_expiry(p) > now)
    }

    fn requeue_target(&self, uid: Uid, now: SimTime) -> Place {
        if self.backing_off(uid, now) { Place::Backoff } else { Place::Active }
    }

    /// `AddUnschedulableIfNotPresent`: after a failed attempt. `rejected_by` empty means the
    /// failure was not a plugin's (an error, a failed binding).
    pub(crate) fn requeue_failed(&mut self, uid: Uid, rejected_by: u32, now: SimTime) {
        let Some(p) = self.pods.get(&uid) else { return };
        let popped_cycle = p.popped_cycle;
        self.detach(uid);
        if let Some(p) = self.pods.get_mut(&uid) {
            p.timestamp = now;
            p.rejected_by = rejected_by;
        }
        let target = if rejected_by == 0 || self.move_request_cycle >= popped_cycle {
            self.requeue_target(uid, now)
        } else {
            Place::Unschedulable
        };
        self.attach(uid, target);
    }

    /// A cluster event: moves the unschedulable pods for which `helps` says the event may make
    /// them schedulable (`MoveAllToActiveOrBackoffQueue`). Returns how many moved.
    pub(crate) fn on_event(
        &mut self,
        now: SimTime,
        cycle: u64,
        mut helps: impl FnMut(&QueuedPod) -> bool,
    ) -> usize {
        self.move_request_cycle = cycle;
        let candidates: Vec<Uid> = self
            .unschedulable
            .iter()
            .map(|(_, _, uid)| *uid)
            .filter(|uid| self.pods.get(uid).is_some_and(&mut helps))
            .collect();
        for &uid in &candidates {
            self.detach(uid);
            let target = self.requeue_target(uid, now);
            self.attach(uid, target);
        }
        candidates.len()
    }

    /// The next time [`SchedulingQueue::handle_timeout`] has work.
    pub(crate) fn next_timeout(&self) -> Option<SimTime> {
        let backoff = self.backoff.first().map(|(t, _, _)| *t);
        let flush = self.unschedulable.first().map(|(ts, _, _)| Self::flush_tick_after(*ts));
        match (backoff, flush) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The first 30 s tick at which a pod that entered the pool at `ts` has been there for
    /// more than 5 minutes.
    fn flush_tick_after(ts: SimTime) -> SimTime {
        let due = ts.as_millis().saturating_add(MAX_IN_UNSCHEDULABLE_MS + 1);
        let period = UNSCHEDULABLE_FLUSH_PERIOD_MS;
        SimTime::from_millis(due.div_ceil(period).saturating_mul(period))
    }

    /// Completes backoffs and runs the periodic unschedulable flush if a tick is due.
    pub(crate) fn handle_timeout(&mut self, now: SimTime) {
        self.flush_backoff(now);
        let stale: Vec<Uid> = self
            .unschedulable
            .iter()
            .take_while(|(ts, _, _)| Self::flush_tick_after(*ts) <= now)
            .map(|(_, _, uid)| *uid)
            .collect();
        for uid in stale {
            self.detach(uid);
            let target = self.requeue_target(uid, now);
            self.attach(uid, target);
        }
    }
}

#[cfg(test)]
mod tests;
