//! The simulated cluster: API store, controllers, kubelets, faults and the event loop.
//!
//! # Contract
//! [`Sim`] is sans-IO, in the quinn-proto style: commands ([`Sim::apply`]) and time
//! ([`Sim::advance_to`], [`Sim::step`]) go in, the event log ([`Sim::events_since`]) and read
//! views come out. Simulated time is integer milliseconds; the event queue is ordered by
//! (time, sequence); all randomness comes from one seeded [`SimRng`] forked per component
//! (UIDs and names, scheduler, each kubelet, kube-proxy). Same seed + same commands give a
//! byte-identical log ([`Sim::log_hash`]).
//!
//! # Call order
//! ```text
//! let mut sim = Sim::new(seed, ClusterConfig::default());
//! sim.apply(Action::Apply(ApiObject::Deployment(d)))?;   // at sim.now()
//! loop {
//!     match sim.advance_to(target, 10_000) {               // bounded
//!         Progress::Reached => break,
//!         Progress::Budget { .. } => { /* yield to the UI, continue next frame */ }
//!     }
//! }
//! for e in sim.events_since(seen) { /* render */ }
//! ```
//!
//! Every loop is bounded: `advance_to` stops after `max_events` tasks and reports that it
//! did not finish.
//!
//! Simplified: the nodes of the initial pools all register at time zero (their Lease phases
//! are randomized); there is no authentication, RBAC or API priority and fairness, and no
//! etcd latency: a write is visible at the instant it is made.

pub mod actions;
pub(crate) mod admission;
pub(crate) mod api;
pub mod config;
pub mod controllers;
pub mod errors;
pub mod images;
pub mod invariants;
pub mod kubelet;
pub mod log;
pub mod proxy;
pub mod reference;
pub mod scenario;
pub(crate) mod scheduling;
pub mod store;
pub(crate) mod timers;
pub mod views;
pub(crate) mod watch;

pub use actions::{Action, ActionOutcome, ApiObject, Kind};
pub use api::ApiCounters;
pub use config::{ClusterConfig, NodePool, NodeShape, PoolKind, Timings};
pub use errors::ApiError;
pub use kubelet::KubeletHealth;
pub use log::{Component, KubeEvent, Logged, ObjRef, SimEvent, Verb};
pub use proxy::{ConnectError, Connection};
pub use store::Store;

use crate::{
    model::{EventType, Taint, TaintEffect, node::ConditionStatus},
    rng::SimRng,
    scheduler::{Attempt, Outcome},
    time::SimTime,
};
use api::Api;
use controllers::{Controllers, endpointslice, podgc};
use kubelet::Kubelet;
use log::EventLog;
use scheduling::SchedulerLink;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use timers::Task;
use watch::Watcher;

/// Whether a bounded run reached its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Simulated time reached the target (or nothing is left to do).
    Reached,
    /// The event budget ran out first; simulated time is `now`.
    Budget {
        /// Where time stopped.
        now: SimTime,
    },
}

/// A simulated Kubernetes cluster.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Sim {
    pub(crate) api: Api,
    pub(crate) kubelets: BTreeMap<String, Kubelet>,
    pub(crate) controllers: Controllers,
    pub(crate) config: ClusterConfig,
    rng: SimRng,
    pub(crate) proxy_rng: SimRng,
    next_node_index: u32,
    pool_counts: BTreeMap<String, u32>,
    tasks_run: u64,
}

impl Sim {
    /// A cluster at time zero with the configured node pools registering.
    pub fn new(seed: u64, config: ClusterConfig) -> Self {
        let rng = SimRng::new(seed);
        let log = EventLog::new(config.record_activity);
        let sched =
            SchedulerLink::new(config.profile.clone(), rng.fork("scheduler"), config.attempts_kept);
        let api = Api::new(config.timings.clone(), sched, rng.fork("apiserver"), log);
        let mut sim = Sim {
            api,
            kubelets: BTreeMap::new(),
            controllers: Controllers::default(),
            proxy_rng: rng.fork("kube-proxy"),
            rng,
            config: config.clone(),
            next_node_index: 0,
            pool_counts: BTreeMap::new(),
            tasks_run: 0,
        };
        for pool in &config.pools {
            sim.add_pool_nodes(pool);
        }
        sim.api.timers.push(SimTime::ZERO, Task::NodeMonitor);
        sim.api.after(sim.api.timings.pod_gc_period_ms, Task::PodGc);
        sim.api.after(60_000, Task::EventGc);
        sim.api.schedule_flushes();
        sim
    }

    /// Creates `pool.count` more nodes of `pool` and boots their kubelets; returns the names.
    pub(crate) fn add_pool_nodes(&mut self, pool: &NodePool) -> Vec<String> {
        let mut names = Vec::new();
        let start = self.pool_counts.get(&pool.name).copied().unwrap_or(0);
        for i in 0..pool.count {
            let n = start + i + 1;
            let name = format!("{}-{n}", pool.name_prefix);
            if self.kubelets.contains_key(&name) || self.api.store.node(&name).is_some() {
                continue;
            }
            let zone = pool
                .zones
                .get(((n - 1) as usize) % pool.zones.len().max(1))
                .cloned()
                .unwrap_or_default();
            let index = self.next_node_index;
            self.next_node_index += 1;
            let mut kubelet = Kubelet::new(&name, index, pool.shape.clone(), self.rng.fork(&name));
            let taints = pool
                .kind
                .default_taints()
                .into_iter()
                .map(|(k, v, e)| Taint { value: v, ..Taint::new(&k, e) })
                .collect();
            let node = kubelet.node_object(&pool.name, &zone, taints);
            let me = Component::Kubelet(name.clone());
            if self.api.create_node(&me, node).is_ok() {
                kubelet.start(&mut self.api);
                self.kubelets.insert(name.clone(), kubelet);
                names.push(name);
            }
        }
        self.pool_counts.insert(pool.name.clone(), start + pool.count);
        names
    }

    // ---- time ----

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.api.now
    }

    /// When the next task is due.
    pub fn next_event_time(&self) -> Option<SimTime> {
        self.api.timers.peek_time()
    }

    /// Runs the next task; returns its time, or `None` if nothing is queued.
    pub fn step(&mut self) -> Option<SimTime> {
        let (t, task) = self.api.timers.pop()?;
        self.api.now = self.api.now.max(t);
        self.tasks_run += 1;
        self.run_task(task);
        self.api.schedule_flushes();
        Some(t)
    }

    /// Runs every task due up to `t` (at most `max_events` of them), then sets the clock to
    /// `t` if it got there.
    pub fn advance_to(&mut self, t: SimTime, max_events: usize) -> Progress {
        for _ in 0..max_events {
            match self.next_event_time() {
                Some(next) if next <= t => {
                    self.step();
                }
                _ => {
                    self.api.now = self.api.now.max(t);
                    return Progress::Reached;
                }
            }
        }
        if self.next_event_time().is_some_and(|n| n <= t) {
            Progress::Budget { now: self.api.now }
        } else {
            self.api.now = self.api.now.max(t);
            Progress::Reached
        }
    }

    /// [`Sim::advance_to`] `ms` milliseconds from now.
    pub fn advance_by(&mut self, ms: u64, max_events: usize) -> Progress {
        self.advance_to(self.now().plus_millis(ms), max_events)
    }

    /// Tasks run so far.
    pub fn tasks_run(&self) -> u64 {
        self.tasks_run
    }

    fn run_task(&mut self, task: Task) {
        match task {
            Task::Flush(w) => self.flush(w),
            Task::SchedulerCycle => self.scheduler_cycle(),
            Task::SchedulerTimeout => {
                let now = self.api.now;
                self.api.sched.timeout_fired(now);
            }
            Task::BindDone { pod, node } => self.bind_done(pod, &node),
            Task::Kubelet { node, boot, task } => {
                if let Some(k) = self.kubelets.get_mut(&node) {
                    k.handle(&mut self.api, boot, task);
                }
            }
            Task::NodeMonitor => self.controllers.node_lifecycle.monitor(&mut self.api),
            Task::NoExecuteTaintPass => {
                self.controllers.node_lifecycle.no_execute_pass(&mut self.api)
            }
            Task::TaintEvictionCheck(uid) => {
                self.controllers.taint_eviction.fire(&mut self.api, uid)
            }
            Task::PodGc => podgc::run(&mut self.api),
            Task::EventGc => {
                self.api.expire_events();
                self.api.after(60_000, Task::EventGc);
            }
            Task::ReplicaSetResync(k) => self.controllers.replica_sets.sync(&mut self.api, [k]),
            Task::DeploymentResync(k) => self.controllers.deployments.sync(&mut self.api, [k]),
        }
    }

    fn delivered(&mut self, component: Component, objects: usize) {
        if self.api.log.records_activity() {
            let objects = u32::try_from(objects).unwrap_or(u32::MAX);
            self.api.log.push(self.api.now, SimEvent::WatchDelivery { component, objects });
        }
    }

    fn flush(&mut self, w: Watcher) {
        match w {
            Watcher::ReplicaSets => {
                let keys = self.api.watch.replica_sets.take();
                let observed = std::mem::take(&mut self.api.watch.observed);
                self.delivered(Component::ReplicaSetController, keys.len());
                self.controllers.replica_sets.observe(observed);
                self.controllers.replica_sets.sync(&mut self.api, keys);
            }
            Watcher::Deployments => {
                let keys = self.api.watch.deployments.take();
                self.delivered(Component::DeploymentController, keys.len());
                self.controllers.deployments.sync(&mut self.api, keys);
            }
            Watcher::Endpoints => {
                let keys = self.api.watch.endpoints.take();
                self.delivered(Component::EndpointSliceController, keys.len());
                endpointslice::sync(&mut self.api, keys);
            }
            Watcher::TaintEviction => {
                let keys = self.api.watch.taints.take();
                self.delivered(Component::TaintEvictionController, keys.len());
                self.controllers.taint_eviction.handle(&mut self.api, keys);
            }
            Watcher::NodeLifecycle => {
                let keys = self.api.watch.nodes.take();
                self.delivered(Component::NodeLifecycleController, keys.len());
                for name in keys {
                    self.controllers.node_lifecycle.no_schedule_pass(&mut self.api, &name);
                }
            }
            Watcher::Kubelet(node) => {
                let keys = self
                    .api
                    .watch
                    .kubelets
                    .get_mut(&node)
                    .map(watch::Pending::take)
                    .unwrap_or_default();
                let Some(k) = self.kubelets.get_mut(&node) else { return };
                if k.health != KubeletHealth::Up {
                    return;
                }
                self.delivered(Component::Kubelet(node.clone()), keys.len());
                if let Some(k) = self.kubelets.get_mut(&node) {
                    k.pods_changed(&mut self.api, keys);
                }
            }
        }
    }

    // ---- scheduling ----

    fn scheduler_cycle(&mut self) {
        let now = self.api.now;
        self.api.sched.cycle_started();
        if self.api.sched.scheduler.next_timeout().is_some_and(|t| t <= now) {
            self.api.sched.timeout_fired(now);
        }
        let Some(uid) = self.api.sched.scheduler.pop(now) else { return };
        let attempt = {
            let api = &mut self.api;
            let Some(pod) = api.store.pod(uid) else {
                api.sched.scheduler.binding_finished(uid, false, now);
                return;
            };
            let link = &mut api.sched;
            link.scheduler.schedule_one(pod, now, &mut link.rng)
        };
        self.after_attempt(uid, attempt);
        // The next pod waits for this cycle's simulated duration.
        let cycle_ms = self.api.timings.scheduling_cycle_ms;
        if self.api.sched.counts().active > 0 {
            self.api.sched.cycle_started();
            self.api.after(cycle_ms, Task::SchedulerCycle);
            self.api.sched.mark_cycle_queued();
        }
    }

    fn after_attempt(&mut self, uid: crate::model::Uid, attempt: Attempt) {
        let Some(pod) = self.api.store.pod(uid) else { return };
        let pod_ref = ObjRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
        let (outcome, node, message) =
            (attempt.outcome, attempt.node.clone(), attempt.message.clone());
        let (nominated, victims) = (attempt.nominated_node.clone(), attempt.victims.clone());
        let id = self.api.sched.keep_attempt(attempt);
        if outcome == Outcome::Skipped {
            return;
        }
        if self.api.log.records_activity() {
            let ev = SimEvent::SchedulingAttempt {
                pod: pod_ref.clone(),
                node: node.clone(),
                message: message.clone(),
                attempt_id: id,
            };
            self.api.log.push(self.api.now, ev);
        }
        let me = Component::Scheduler;
        match (outcome, node) {
            (Outcome::Scheduled, Some(node)) => {
                self.api.after(self.api.timings.bind_latency_ms, Task::BindDone { pod: uid, node });
            }
            _ => {
                let msg = message.unwrap_or_default();
                self.api.event(
                    &me,
                    EventType::Warning,
                    "FailedScheduling",
                    pod_ref,
                    uid,
                    msg.clone(),
                );
                let now = self.api.now;
                self.api.update_pod(&me, uid, "pods/status", |p| {
                    set_pod_scheduled(p, ConditionStatus::False, "Unschedulable", &msg, now);
                    if let Some(n) = &nominated {
                        p.status.nominated_node_name = n.clone();
                    }
                });
                for v in victims {
                    self.preempt(v, uid, nominated.as_deref().unwrap_or(""));
                }
            }
        }
    }

    fn preempt(&mut self, victim: crate::model::Uid, preemptor: crate::model::Uid, node: &str) {
        let Some(p) = self.api.store.pod(victim) else { return };
        let r = ObjRef::new("Pod", &p.metadata.namespace, &p.metadata.name);
        let me = Component::Scheduler;
        let msg = format!("Preempted by pod {preemptor} on node {node}");
        self.api.event(&me, EventType::Normal, "Preempted", r, victim, msg);
        controllers::taint_eviction::add_disruption_target(
            &mut self.api,
            &me,
            victim,
            "PreemptionByScheduler",
            "default-scheduler: preempting to accommodate a higher priority pod",
        );
        self.api.delete_pod(&me, victim, None);
    }

    fn bind_done(&mut self, uid: crate::model::Uid, node: &str) {
        let now = self.api.now;
        let ok = self
            .api
            .store
            .pod(uid)
            .is_some_and(|p| p.node_name.is_empty() && p.metadata.deletion_timestamp.is_none())
            && self.api.store.node(node).is_some();
        if !ok {
            self.api.sched.scheduler.binding_finished(uid, false, now);
            return;
        }
        let me = Component::Scheduler;
        let node_owned = node.to_owned();
        self.api.update_pod(&me, uid, "pods/binding", |p| {
            p.node_name = node_owned;
            p.status.nominated_node_name.clear();
            set_pod_scheduled(p, ConditionStatus::True, "", "", now);
        });
        self.api.sched.scheduler.binding_finished(uid, true, now);
        if let Some(p) = self.api.store.pod(uid) {
            let r = ObjRef::new("Pod", &p.metadata.namespace, &p.metadata.name);
            let msg = format!(
                "Successfully assigned {}/{} to {node}",
                p.metadata.namespace, p.metadata.name
            );
            self.api.event(&me, EventType::Normal, "Scheduled", r, uid, msg);
        }
    }

    // ---- reading ----

    /// The API server's objects.
    pub fn store(&self) -> &Store {
        &self.api.store
    }

    /// Log entries from `index` on.
    pub fn events_since(&self, index: usize) -> &[Logged] {
        self.api.log.since(index)
    }

    /// Number of log entries.
    pub fn log_len(&self) -> usize {
        self.api.log.len()
    }

    /// FNV-1a fingerprint of the whole log.
    pub fn log_hash(&self) -> u64 {
        self.api.log.hash()
    }

    /// A scheduling attempt kept for explanations (the last `attempts_kept`).
    pub fn attempt(&self, id: u64) -> Option<&Attempt> {
        self.api.sched.attempt(id)
    }

    /// The latest scheduling attempt for a pod, if still kept.
    pub fn last_attempt_for(&self, pod: crate::model::Uid) -> Option<&Attempt> {
        self.api.sched.last_attempt_of(pod).and_then(|id| self.api.sched.attempt(id))
    }

    /// The configuration the cluster started with.
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// Serializes the whole simulation (postcard; works in wasm).
    pub fn snapshot(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// Restores a simulation from [`Sim::snapshot`] bytes.
    pub fn restore(bytes: &[u8]) -> Result<Sim, SnapshotError> {
        postcard::from_bytes(bytes).map_err(|e| SnapshotError(e.to_string()))
    }
}

/// A snapshot could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotError(pub String);

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid snapshot: {}", self.0)
    }
}

impl std::error::Error for SnapshotError {}

/// Sets the `PodScheduled` condition.
fn set_pod_scheduled(
    p: &mut crate::model::Pod,
    status: ConditionStatus,
    reason: &str,
    message: &str,
    now: SimTime,
) {
    use crate::model::pod::{PodCondition, PodConditionType};
    let since = p
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == PodConditionType::PodScheduled && c.status == status)
        .map_or(now, |c| c.last_transition_time);
    p.status.conditions.retain(|c| c.type_ != PodConditionType::PodScheduled);
    p.status.conditions.push(PodCondition {
        type_: PodConditionType::PodScheduled,
        status,
        last_transition_time: since,
        reason: reason.to_owned(),
        message: message.to_owned(),
    });
}

/// A NoSchedule taint `key=value`.
pub fn no_schedule(key: &str, value: &str) -> Taint {
    Taint { value: value.to_owned(), ..Taint::new(key, TaintEffect::NoSchedule) }
}
