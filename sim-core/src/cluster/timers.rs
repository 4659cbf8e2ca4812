//! The event queue: tasks ordered by (time, sequence number), so ties resolve in the order
//! they were scheduled, identically on every run and target.

use super::{kubelet::KubeletTask, store::NsName, watch::Watcher};
use crate::{model::Uid, time::SimTime};
use serde::{Deserialize, Serialize};
use std::{cmp::Ordering, collections::BinaryHeap};

/// Something a component asked to be woken up for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Task {
    /// Deliver a watcher's pending object keys.
    Flush(Watcher),
    /// Run one scheduling cycle.
    SchedulerCycle,
    /// Let the scheduling queue move pods whose back-off expired.
    SchedulerTimeout,
    /// The Binding API call for `pod` to `node` completes.
    BindDone {
        /// The pod.
        pod: Uid,
        /// The node it was assumed on.
        node: String,
    },
    /// A kubelet timer; `boot` drops timers from before a crash.
    Kubelet {
        /// The node.
        node: String,
        /// The kubelet's boot count when scheduled.
        boot: u32,
        /// What to do.
        task: KubeletTask,
    },
    /// The node lifecycle controller's `monitorNodeHealth` tick.
    NodeMonitor,
    /// The rate-limited NoExecute tainting pass of the node lifecycle controller.
    NoExecuteTaintPass,
    /// The taint eviction controller re-checks a pod's tolerations deadline.
    TaintEvictionCheck(Uid),
    /// PodGC's periodic pass.
    PodGc,
    /// Expire Events older than `--event-ttl`.
    EventGc,
    /// Re-sync a ReplicaSet (minReadySeconds, expectations timeout).
    ReplicaSetResync(NsName),
    /// Re-sync a Deployment (progress deadline).
    DeploymentResync(NsName),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    time: SimTime,
    seq: u64,
    task: Task,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse so the earliest (time, seq) pops first.
        (other.time, other.seq).cmp(&(self.time, self.seq))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A min-queue of tasks.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Timers {
    heap: BinaryHeap<Entry>,
    seq: u64,
}

impl Timers {
    /// Schedules `task` at `time`.
    pub(crate) fn push(&mut self, time: SimTime, task: Task) {
        self.seq += 1;
        self.heap.push(Entry { time, seq: self.seq, task });
    }

    /// The time of the earliest task.
    pub(crate) fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|e| e.time)
    }

    /// Removes and returns the earliest task.
    pub(crate) fn pop(&mut self) -> Option<(SimTime, Task)> {
        self.heap.pop().map(|e| (e.time, e.task))
    }
}
