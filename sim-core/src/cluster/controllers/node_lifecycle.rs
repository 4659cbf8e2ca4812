//! The node lifecycle controller (`pkg/controller/nodelifecycle`).
//!
//! Every `--node-monitor-period` (5 s) `monitorNodeHealth` looks at each node's last
//! heartbeat (Lease `renewTime` or Ready `lastHeartbeatTime`, whichever it saw change last).
//! Past `--node-monitor-grace-period` (50 s; 60 s startup grace for a node that never
//! reported) every condition becomes `Unknown` (`NodeStatusUnknown`, "Kubelet stopped
//! posting node status."), pods on the node are marked not Ready (`MarkPodsNotReady`) and
//! the node gets `unreachable` taints: NoSchedule at once (taint-nodes-by-condition) and
//! NoExecute through a per-zone rate limiter (`--node-eviction-rate` 0.1/s; the secondary
//! 0.01/s — or 0 in clusters of at most 50 nodes — once 55 % of a zone is unhealthy; all
//! evictions stop when every zone is fully disrupted).
//!
//! Simplified: the rate-limited NoExecute tainting pass runs on each monitor tick and when
//! the zone's token bucket next allows one, instead of every 100 ms; the NoSchedule
//! (taint-nodes-by-condition) pass runs on monitor ticks and on `spec.unschedulable` changes.

use super::super::{
    api::Api,
    log::{Component, ObjRef},
    timers::Task,
};
use crate::{
    model::{
        EventType, Node, Taint, TaintEffect,
        meta::LABEL_ZONE,
        node::{ConditionStatus, NodeConditionType, taint_keys},
        pod::PodConditionType,
    },
    time::SimTime,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

const ME: Component = Component::NodeLifecycleController;

/// A zone's health (`ZoneState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ZoneState {
    /// Few unhealthy nodes: the normal eviction rate.
    Normal,
    /// More than 2 and at least 55 % unhealthy.
    PartialDisruption,
    /// Every node unhealthy.
    FullDisruption,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Health {
    probe_time: SimTime,
    lease_renew: Option<SimTime>,
    ready_heartbeat: Option<SimTime>,
    ready: Option<ConditionStatus>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Zone {
    state: ZoneState,
    /// Eviction rate in milli-nodes per second (0 stops tainting).
    rate_millis: u64,
    last_taint: Option<SimTime>,
    queue: VecDeque<String>,
}

/// The controller's state.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct NodeLifecycleController {
    health: BTreeMap<String, Health>,
    zones: BTreeMap<String, Zone>,
    full_disruption: bool,
    pass_scheduled: Option<SimTime>,
}

fn zone_of(n: &Node) -> String {
    n.metadata.labels.get(LABEL_ZONE).unwrap_or("").to_owned()
}

fn ready_status(n: &Node) -> Option<ConditionStatus> {
    n.status.conditions.iter().find(|c| c.type_ == NodeConditionType::Ready).map(|c| c.status)
}

/// `ComputeZoneState`.
pub fn compute_zone_state(ready: usize, not_ready: usize, threshold_percent: u64) -> ZoneState {
    if ready == 0 && not_ready > 0 {
        ZoneState::FullDisruption
    } else if not_ready > 2
        && (not_ready as u64) * 100 >= threshold_percent * (ready + not_ready) as u64
    {
        ZoneState::PartialDisruption
    } else {
        ZoneState::Normal
    }
}

impl NodeLifecycleController {
    /// `monitorNodeHealth`, then `handleDisruption`, then a tainting pass.
    pub(crate) fn monitor(&mut self, api: &mut Api) {
        let names: Vec<String> = api.store.nodes().map(|n| n.metadata.name.clone()).collect();
        self.health.retain(|n, _| names.contains(n));
        for name in &names {
            self.check_node(api, name);
        }
        self.handle_disruption(api, &names);
        self.no_execute_pass(api);
        api.after(api.timings.node_monitor_period_ms, Task::NodeMonitor);
    }

    fn check_node(&mut self, api: &mut Api, name: &str) {
        let now = api.now;
        let Some(node) = api.store.node(name) else { return };
        let lease = api.store.lease(name).map(|l| l.renew_time);
        let heartbeat = node
            .status
            .conditions
            .iter()
            .find(|c| c.type_ == NodeConditionType::Ready)
            .map(|c| c.last_heartbeat_time);
        let observed_ready = ready_status(node);
        if !self.health.contains_key(name) {
            let uid = node.metadata.uid;
            let msg = format!("Node {name} event: Registered Node {name} in Controller");
            api.event(
                &ME,
                EventType::Normal,
                "RegisteredNode",
                ObjRef::new("Node", "", name),
                uid,
                msg,
            );
        }
        let h = self.health.entry(name.to_owned()).or_insert(Health {
            probe_time: now,
            lease_renew: lease,
            ready_heartbeat: heartbeat,
            ready: observed_ready,
        });
        if h.lease_renew != lease || h.ready_heartbeat != heartbeat {
            h.probe_time = now;
            h.lease_renew = lease;
            h.ready_heartbeat = heartbeat;
        }
        let grace = if observed_ready.is_none() {
            api.timings.node_startup_grace_ms
        } else {
            api.timings.node_monitor_grace_ms
        };
        let was_ready = h.ready == Some(ConditionStatus::True);
        let mut current = observed_ready;
        if now.millis_since(h.probe_time) > grace
            && observed_ready != Some(ConditionStatus::Unknown)
        {
            mark_unknown(api, name);
            current = Some(ConditionStatus::Unknown);
            if let Some(h) = self.health.get_mut(name) {
                h.ready_heartbeat = api.store.node(name).and_then(|n| {
                    n.status
                        .conditions
                        .iter()
                        .find(|c| c.type_ == NodeConditionType::Ready)
                        .map(|c| c.last_heartbeat_time)
                });
            }
        }
        if let Some(h) = self.health.get_mut(name) {
            h.ready = current;
        }
        if was_ready && current != Some(ConditionStatus::True) {
            let uid = api.store.node(name).map(|n| n.metadata.uid).unwrap_or_default();
            let msg = format!("Node {name} status is now: NodeNotReady");
            api.event(
                &ME,
                EventType::Normal,
                "NodeNotReady",
                ObjRef::new("Node", "", name),
                uid,
                msg,
            );
            mark_pods_not_ready(api, name);
        }
        self.no_schedule_pass(api, name);
        self.process_taint_based_eviction(api, name, current);
    }

    /// `processTaintBaseEviction`: queue NoExecute tainting, or lift it for a Ready node.
    fn process_taint_based_eviction(
        &mut self,
        api: &mut Api,
        name: &str,
        ready: Option<ConditionStatus>,
    ) {
        let Some(node) = api.store.node(name) else { return };
        let zone = zone_of(node);
        match ready {
            Some(ConditionStatus::True) | None => {
                let has = node.spec.taints.iter().any(is_lifecycle_no_execute);
                for z in self.zones.values_mut() {
                    z.queue.retain(|n| n != name);
                }
                if has {
                    api.update_node(&ME, name, "nodes", |n| {
                        n.spec.taints.retain(|t| !is_lifecycle_no_execute(t))
                    });
                }
            }
            Some(status) => {
                let want = if status == ConditionStatus::False {
                    taint_keys::NOT_READY
                } else {
                    taint_keys::UNREACHABLE
                };
                let has_right = node
                    .spec
                    .taints
                    .iter()
                    .any(|t| t.key == want && t.effect == TaintEffect::NoExecute);
                let has_wrong =
                    node.spec.taints.iter().any(|t| is_lifecycle_no_execute(t) && t.key != want);
                if has_wrong {
                    // The condition flipped between False and Unknown: swap the taint at once.
                    let now = api.now;
                    api.update_node(&ME, name, "nodes", |n| {
                        n.spec.taints.retain(|t| !is_lifecycle_no_execute(t));
                        n.spec.taints.push(Taint {
                            time_added: Some(now),
                            ..Taint::new(want, TaintEffect::NoExecute)
                        });
                    });
                } else if !has_right {
                    let z = self.zones.entry(zone).or_insert_with(|| Zone {
                        state: ZoneState::Normal,
                        rate_millis: api.timings.node_eviction_rate_millis,
                        last_taint: None,
                        queue: VecDeque::new(),
                    });
                    if !z.queue.iter().any(|n| n == name) {
                        z.queue.push_back(name.to_owned());
                    }
                }
            }
        }
    }

    /// Taint-nodes-by-condition: NoSchedule taints mirror Ready and `spec.unschedulable`.
    pub(crate) fn no_schedule_pass(&mut self, api: &mut Api, name: &str) {
        let Some(node) = api.store.node(name) else { return };
        let managed = [taint_keys::NOT_READY, taint_keys::UNREACHABLE, taint_keys::UNSCHEDULABLE];
        // Fast path for the common case: a Ready, schedulable node without managed taints.
        if ready_status(node) == Some(ConditionStatus::True)
            && !node.spec.unschedulable
            && !node.spec.taints.iter().any(|t| managed.contains(&t.key.as_str()))
        {
            return;
        }
        let mut want: BTreeSet<&str> = BTreeSet::new();
        match ready_status(node) {
            Some(ConditionStatus::False) => {
                want.insert(taint_keys::NOT_READY);
            }
            Some(ConditionStatus::Unknown) => {
                want.insert(taint_keys::UNREACHABLE);
            }
            _ => {}
        }
        if node.spec.unschedulable {
            want.insert(taint_keys::UNSCHEDULABLE);
        }
        let have: BTreeSet<&str> = node
            .spec
            .taints
            .iter()
            .filter(|t| t.effect == TaintEffect::NoSchedule && managed.contains(&t.key.as_str()))
            .map(|t| t.key.as_str())
            .collect();
        if have == want {
            return;
        }
        let want: Vec<String> = want.into_iter().map(str::to_owned).collect();
        let now = api.now;
        api.update_node(&ME, name, "nodes", |n| {
            n.spec.taints.retain(|t| {
                !(t.effect == TaintEffect::NoSchedule && managed.contains(&t.key.as_str()))
            });
            for key in want {
                n.spec.taints.push(Taint {
                    time_added: Some(now),
                    ..Taint::new(&key, TaintEffect::NoSchedule)
                });
            }
        });
    }

    /// `handleDisruption`: zone states and eviction rates.
    fn handle_disruption(&mut self, api: &mut Api, names: &[String]) {
        let mut by_zone: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for name in names {
            let Some(node) = api.store.node(name) else { continue };
            let zone = node.metadata.labels.get(LABEL_ZONE).unwrap_or("");
            let entry = by_zone.entry(zone).or_default();
            if ready_status(node) == Some(ConditionStatus::True) {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
        let counts: BTreeMap<String, (usize, usize)> =
            by_zone.into_iter().map(|(z, c)| (z.to_owned(), c)).collect();
        let threshold = api.timings.unhealthy_zone_threshold_percent;
        let states: BTreeMap<String, ZoneState> = counts
            .iter()
            .map(|(z, (r, nr))| (z.clone(), compute_zone_state(*r, *nr, threshold)))
            .collect();
        let all_full =
            !states.is_empty() && states.values().all(|s| *s == ZoneState::FullDisruption);
        if all_full && !self.full_disruption {
            // "Controller detected that all Nodes are not-Ready. Entering master disruption
            // mode": lift NoExecute taints and stop evicting.
            for name in names {
                let has = api
                    .store
                    .node(name)
                    .is_some_and(|n| n.spec.taints.iter().any(is_lifecycle_no_execute));
                if has {
                    api.update_node(&ME, name, "nodes", |n| {
                        n.spec.taints.retain(|t| !is_lifecycle_no_execute(t))
                    });
                }
            }
        }
        self.full_disruption = all_full;
        for (zone, state) in states {
            let size = counts.get(&zone).map_or(0, |c| c.0 + c.1);
            let rate = if all_full {
                0
            } else {
                match state {
                    ZoneState::Normal | ZoneState::FullDisruption => {
                        api.timings.node_eviction_rate_millis
                    }
                    ZoneState::PartialDisruption
                        if size > api.timings.large_cluster_size_threshold =>
                    {
                        api.timings.secondary_node_eviction_rate_millis
                    }
                    ZoneState::PartialDisruption => 0,
                }
            };
            let z = self.zones.entry(zone).or_insert_with(|| Zone {
                state,
                rate_millis: rate,
                last_taint: None,
                queue: VecDeque::new(),
            });
            if z.rate_millis != rate {
                // Upstream swaps in a fresh token bucket (full) when the rate changes.
                z.last_taint = None;
            }
            z.state = state;
            z.rate_millis = rate;
        }
    }

    /// `doNoExecuteTaintingPass`: taint queued nodes as the zone's token bucket allows.
    pub(crate) fn no_execute_pass(&mut self, api: &mut Api) {
        let now = api.now;
        let mut next: Option<SimTime> = None;
        let mut to_taint = Vec::new();
        for z in self.zones.values_mut() {
            while !z.queue.is_empty() && z.rate_millis > 0 {
                let interval = 1_000_000 / z.rate_millis;
                let ready_at = z.last_taint.map_or(now, |t| t.plus_millis(interval));
                if ready_at > now {
                    next = Some(next.map_or(ready_at, |n| n.min(ready_at)));
                    break;
                }
                if let Some(name) = z.queue.pop_front() {
                    z.last_taint = Some(now);
                    to_taint.push(name);
                }
            }
        }
        for name in to_taint {
            let Some(node) = api.store.node(&name) else { continue };
            let key = match ready_status(node) {
                Some(ConditionStatus::False) => taint_keys::NOT_READY,
                Some(ConditionStatus::Unknown) => taint_keys::UNREACHABLE,
                _ => continue,
            };
            api.update_node(&ME, &name, "nodes", |n| {
                n.spec.taints.retain(|t| !is_lifecycle_no_execute(t));
                n.spec.taints.push(Taint {
                    time_added: Some(now),
                    ..Taint::new(key, TaintEffect::NoExecute)
                });
            });
        }
        if let Some(t) = next
            && self.pass_scheduled.is_none_or(|p| p <= now || t < p)
        {
            self.pass_scheduled = Some(t);
            api.timers.push(t, Task::NoExecuteTaintPass);
        }
    }

    /// Zone states, for views.
    pub(crate) fn zone_states(&self) -> impl Iterator<Item = (&str, ZoneState)> {
        self.zones.iter().map(|(k, z)| (k.as_str(), z.state))
    }
}

fn is_lifecycle_no_execute(t: &Taint) -> bool {
    t.effect == TaintEffect::NoExecute
        && (t.key == taint_keys::NOT_READY || t.key == taint_keys::UNREACHABLE)
}

/// Sets every node condition to Unknown (`NodeStatusUnknown`).
fn mark_unknown(api: &mut Api, name: &str) {
    let now = api.now;
    api.update_node(&ME, name, "nodes/status", |n| {
        for c in &mut n.status.conditions {
            c.status = ConditionStatus::Unknown;
            c.reason = "NodeStatusUnknown".into();
            c.message = "Kubelet stopped posting node status.".into();
            c.last_transition_time = now;
        }
    });
}

/// `MarkPodsNotReady`: Ready=False on every pod of the node, with a `NodeNotReady` event.
fn mark_pods_not_ready(api: &mut Api, node: &str) {
    let now = api.now;
    let uids: Vec<_> = api.store.pods_on_node(node).collect();
    for uid in uids {
        let Some(pod) = api.store.pod(uid) else { continue };
        let ready = pod
            .status
            .condition(PodConditionType::Ready)
            .is_some_and(|c| c.status == ConditionStatus::True);
        if !ready {
            continue;
        }
        let r = ObjRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
        api.update_pod(&ME, uid, "pods/status", |p| {
            for c in &mut p.status.conditions {
                if c.type_ == PodConditionType::Ready {
                    c.status = ConditionStatus::False;
                    c.last_transition_time = now;
                }
            }
        });
        api.event(&ME, EventType::Warning, "NodeNotReady", r, uid, "Node is not ready".into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_states_follow_compute_zone_state() {
        let cases = [
            ((3, 0), ZoneState::Normal),
            ((0, 3), ZoneState::FullDisruption),
            ((1, 2), ZoneState::Normal), // at most 2 unhealthy is always Normal
            ((2, 3), ZoneState::PartialDisruption), // 60 % ≥ 55 %
            ((5, 5), ZoneState::Normal), // 50 %
            ((45, 55), ZoneState::PartialDisruption),
            ((46, 54), ZoneState::Normal),
            ((0, 0), ZoneState::Normal),
        ];
        for ((r, nr), want) in cases {
            assert_eq!(compute_zone_state(r, nr, 55), want, "{r} ready, {nr} not");
        }
    }
}
