//! The informer side (upstream's `eventhandlers.go`): the engine reports every committed
//! change to nodes, pods, Services and ReplicaSets; the scheduler updates its cache and queue,
//! and moves unschedulable pods that the change may help (queueing hints, per rejecting
//! plugin).
//!
//! Simplified: the queueing hints are coarser than upstream's for PodTopologySpread (any
//! change to an assigned pod, or to node labels, requeues pods it rejected).

use super::{
    Nomination, Scheduler,
    cache::{Cache, CachedPod, NodeFacts},
    config::PluginName,
    plugins::{node_affinity::Required, node_resources_fit},
    pod_info::{is_terminal, pod_requests},
    queue::QueuedPod,
    schedule_one::plugin_bit,
};
use crate::{
    model::{Node, Pod, ReplicaSet, Service, TaintEffect, Uid},
    time::SimTime,
};

/// A cluster change, as the requeue hints see it.
enum ClusterEvent<'e> {
    NodeAdd(&'e NodeFacts),
    NodeUpdate(&'e NodeFacts, &'e NodeFacts),
    AssignedPodDelete(&'e CachedPod),
    AssignedPodChange,
}

fn untolerated(spec: &crate::model::PodSpec, node: &NodeFacts) -> bool {
    node.taints.iter().any(|taint| {
        matches!(taint.effect, TaintEffect::NoSchedule | TaintEffect::NoExecute)
            && !spec.tolerations.iter().any(|t| t.tolerates(taint))
    })
}

fn schedulable(spec: &crate::model::PodSpec, node: &NodeFacts) -> bool {
    !node.unschedulable || super::plugins::node_unschedulable::tolerates_unschedulable(spec)
}

/// `QueueingHintFn` of plugin `p` for pod `qp` and `ev`: may the event make the pod fit?
fn hint(cache: &mut Cache, qp: &QueuedPod, p: PluginName, ev: &ClusterEvent<'_>) -> bool {
    let spec = &qp.spec;
    let required = Required::of(spec);
    match (p, ev) {
        (PluginName::NodeUnschedulable, ClusterEvent::NodeAdd(n)) => schedulable(spec, n),
        (PluginName::NodeUnschedulable, ClusterEvent::NodeUpdate(o, n)) => {
            !schedulable(spec, o) && schedulable(spec, n)
        }
        (PluginName::NodeName, ClusterEvent::NodeAdd(_)) => true,
        (PluginName::TaintToleration, ClusterEvent::NodeAdd(n)) => !untolerated(spec, n),
        (PluginName::TaintToleration, ClusterEvent::NodeUpdate(o, n)) => {
            untolerated(spec, o) && !untolerated(spec, n)
        }
        (PluginName::NodeAffinity, ClusterEvent::NodeAdd(n)) => {
            required.matches(&n.labels, &n.name)
        }
        (PluginName::NodeAffinity, ClusterEvent::NodeUpdate(o, n)) => {
            !required.matches(&o.labels, &o.name) && required.matches(&n.labels, &n.name)
        }
        (PluginName::NodePorts, ClusterEvent::NodeAdd(_)) => true,
        (PluginName::NodePorts, ClusterEvent::AssignedPodDelete(deleted)) => {
            let wanted = super::pod_info::host_ports(spec);
            deleted.info.ports.iter().any(|d| wanted.iter().any(|w| w.conflicts_with(d)))
        }
        (PluginName::NodeResourcesFit, ClusterEvent::AssignedPodDelete(_)) => true,
        (PluginName::NodeResourcesFit, ClusterEvent::NodeAdd(n)) => fits_empty(cache, spec, n),
        (PluginName::NodeResourcesFit, ClusterEvent::NodeUpdate(o, n)) => {
            fits_empty(cache, spec, n) && allocatable_grew(cache, spec, o, n)
        }
        (PluginName::PodTopologySpread, ClusterEvent::NodeAdd(_))
        | (PluginName::PodTopologySpread, ClusterEvent::AssignedPodDelete(_))
        | (PluginName::PodTopologySpread, ClusterEvent::AssignedPodChange) => true,
        (PluginName::PodTopologySpread, ClusterEvent::NodeUpdate(o, n)) => o.labels != n.labels,
        _ => false,
    }
}

fn fits_empty(cache: &mut Cache, spec: &crate::model::PodSpec, n: &NodeFacts) -> bool {
    let req = pod_requests(spec, &mut cache.scalars, false);
    let info = super::cache::PodInfo {
        uid: Uid::default(),
        ns: 0,
        group: 0,
        priority: 0,
        req,
        nz_cpu: 0,
        nz_mem: 0,
        ports: Vec::new(),
    };
    node_resources_fit::fits_empty_node(&info, &n.alloc, n.alloc_pods)
}

/// `haveAnyRequestedResourcesIncreased`.
fn allocatable_grew(
    cache: &mut Cache,
    spec: &crate::model::PodSpec,
    o: &NodeFacts,
    n: &NodeFacts,
) -> bool {
    if n.alloc_pods > o.alloc_pods {
        return true;
    }
    let r = pod_requests(spec, &mut cache.scalars, false);
    (r.cpu > 0 && n.alloc.cpu > o.alloc.cpu)
        || (r.mem > 0 && n.alloc.mem > o.alloc.mem)
        || (r.eph > 0 && n.alloc.eph > o.alloc.eph)
        || r.scalars.iter().any(|(id, q)| *q > 0 && n.alloc.scalar(*id) > o.alloc.scalar(*id))
}

impl Scheduler {
    /// Requeues the unschedulable pods `ev` may help.
    fn on_event(&mut self, now: SimTime, ev: ClusterEvent<'_>) {
        let cycle = self.cycle;
        let cache = &mut self.cache;
        self.queue.on_event(now, cycle, |qp| {
            PluginName::ALL
                .into_iter()
                .filter(|p| qp.rejected_by & plugin_bit(*p) != 0)
                .any(|p| hint(cache, qp, p, &ev))
        });
    }

    /// A node was created.
    pub fn add_node(&mut self, node: &Node, now: SimTime) {
        if self.cache.slot(&node.metadata.name).is_some_and(|s| self.cache.is_present(s)) {
            self.update_node(node, now);
            return;
        }
        let slot = self.cache.add_node(node);
        if self.queue.unschedulable_len() > 0
            && let Some(facts) = self.cache.facts(slot)
        {
            self.on_event(now, ClusterEvent::NodeAdd(&facts));
        }
    }

    /// A node changed (labels, taints, `unschedulable`, allocatable, images, conditions).
    pub fn update_node(&mut self, node: &Node, now: SimTime) {
        let Some(slot) = self.cache.slot(&node.metadata.name).filter(|s| self.cache.is_present(*s))
        else {
            self.add_node(node, now);
            return;
        };
        let watching = self.queue.unschedulable_len() > 0;
        let old = if watching { self.cache.facts(slot) } else { None };
        self.cache.update_node(node);
        if let Some(old) = old
            && let Some(new) = self.cache.facts(slot)
        {
            self.on_event(now, ClusterEvent::NodeUpdate(&old, &new));
        }
    }

    /// A node was deleted. Pods bound to it stay accounted until they are deleted too.
    pub fn remove_node(&mut self, name: &str, _now: SimTime) {
        if let Some(slot) = self.cache.remove_node(name) {
            self.nominated.retain(|_, n| n.slot != slot);
        }
    }

    /// A pod was created: queued if it is pending and ours, accounted on its node if bound.
    pub fn add_pod(&mut self, pod: &Pod, now: SimTime) {
        if is_terminal(pod) {
            return;
        }
        if !pod.node_name.is_empty() {
            self.place_bound(pod);
            self.on_event(now, ClusterEvent::AssignedPodChange);
            return;
        }
        if pod.spec.scheduler_name != self.profile.scheduler_name
            || pod.metadata.deletion_timestamp.is_some()
        {
            return;
        }
        let uid = pod.metadata.uid;
        if self.cache.pod(uid).is_none() {
            self.queue.add(uid, pod.spec.priority, pod.spec.clone(), now);
        }
        self.track_nomination(pod);
    }

    /// A pod changed: bound (binding observed), relabelled, being deleted, finished…
    pub fn update_pod(&mut self, old: &Pod, new: &Pod, now: SimTime) {
        let uid = new.metadata.uid;
        if is_terminal(new) {
            // The informer stops seeing finished pods: they free their resources.
            self.remove_pod(new, now);
            return;
        }
        if !new.node_name.is_empty() {
            self.queue.delete(uid);
            self.nominated.remove(&uid);
            let same_place = self.cache.pod(uid).is_some_and(|c| {
                Some(c.node) == self.cache.slot(&new.node_name)
                    && old.metadata.labels == new.metadata.labels
                    && old.spec == new.spec
            });
            if same_place {
                self.cache.confirm(uid);
                self.cache.set_terminating(uid, new.metadata.deletion_timestamp.is_some());
                self.cache.set_start_time(uid, new.status.start_time);
            } else {
                self.place_bound(new);
            }
            self.on_event(now, ClusterEvent::AssignedPodChange);
            return;
        }
        if new.metadata.deletion_timestamp.is_some()
            || new.spec.scheduler_name != self.profile.scheduler_name
        {
            self.queue.delete(uid);
            self.nominated.remove(&uid);
            return;
        }
        if self.queue.contains(uid) {
            self.queue.update(uid, new.spec.priority, new.spec.clone(), now);
        } else if self.cache.pod(uid).is_none() {
            self.queue.add(uid, new.spec.priority, new.spec.clone(), now);
        }
        self.track_nomination(new);
    }

    /// A pod was deleted.
    pub fn remove_pod(&mut self, pod: &Pod, now: SimTime) {
        let uid = pod.metadata.uid;
        self.queue.delete(uid);
        self.nominated.remove(&uid);
        if let Some(cached) = self.cache.unplace(uid) {
            self.on_event(now, ClusterEvent::AssignedPodDelete(&cached));
        }
    }

    /// The engine finished binding a pod this scheduler assumed. On failure the assumption is
    /// forgotten and the pod backs off.
    pub fn binding_finished(&mut self, pod: Uid, ok: bool, now: SimTime) {
        if ok {
            self.cache.confirm(pod);
            self.queue.done(pod);
            return;
        }
        if self.cache.pod(pod).is_some_and(|c| c.assumed)
            && let Some(cached) = self.cache.unplace(pod)
        {
            self.queue.requeue_failed(pod, 0, now);
            self.on_event(now, ClusterEvent::AssignedPodDelete(&cached));
        }
    }

    /// A Service was created or changed; its selector feeds the default spreading selector.
    pub fn upsert_service(&mut self, svc: &Service) {
        let key = (svc.metadata.namespace.clone(), svc.metadata.name.clone());
        self.owners.services.insert(key, svc.spec.selector.clone());
        self.owners.generation += 1;
    }

    /// A Service was deleted.
    pub fn remove_service(&mut self, namespace: &str, name: &str) {
        if self.owners.services.remove(&(namespace.to_owned(), name.to_owned())).is_some() {
            self.owners.generation += 1;
        }
    }

    /// A ReplicaSet was created or changed; its selector feeds the default spreading
    /// selector of the pods it controls.
    pub fn upsert_replica_set(&mut self, rs: &ReplicaSet) {
        let key = (rs.metadata.namespace.clone(), rs.metadata.name.clone());
        if self.owners.replica_sets.get(&key) != Some(&rs.spec.selector) {
            self.owners.replica_sets.insert(key, rs.spec.selector.clone());
            self.owners.generation += 1;
        }
    }

    /// A ReplicaSet was deleted.
    pub fn remove_replica_set(&mut self, namespace: &str, name: &str) {
        if self.owners.replica_sets.remove(&(namespace.to_owned(), name.to_owned())).is_some() {
            self.owners.generation += 1;
        }
    }

    /// Accounts a bound pod on its node (replacing an earlier placement or assumption).
    fn place_bound(&mut self, pod: &Pod) {
        let Some(slot) = self.cache.slot(&pod.node_name).or_else(|| {
            // A pod bound to a node the scheduler has not seen: keep it on a placeholder slot
            // so it is counted once the node appears (upstream keeps an imaginary NodeInfo).
            self.cache.reserve_slot(&pod.node_name)
        }) else {
            return;
        };
        let info = self.cache.pod_info(pod);
        let uid = info.uid;
        self.queue.delete(uid);
        self.nominated.remove(&uid);
        self.cache.place(CachedPod {
            info,
            node: slot,
            start_time: pod.status.start_time,
            terminating: pod.metadata.deletion_timestamp.is_some(),
            assumed: false,
        });
    }

    /// Mirrors `status.nominatedNodeName` of a pending pod.
    fn track_nomination(&mut self, pod: &Pod) {
        let uid = pod.metadata.uid;
        let nominated = &pod.status.nominated_node_name;
        match self.cache.slot(nominated).filter(|_| !nominated.is_empty()) {
            Some(slot) => {
                let info = self.cache.pod_info(pod);
                self.nominated.insert(uid, Nomination { slot, info });
            }
            None => {
                self.nominated.remove(&uid);
            }
        }
    }
}
