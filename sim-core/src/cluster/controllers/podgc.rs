//! The pod garbage collector (`pkg/controller/podgc`), every 20 s (`gcCheckPeriod`):
//! - orphans: pods bound to a Node object that no longer exists are marked Failed and
//!   force-deleted;
//! - out-of-service: terminating pods on a not-ready node tainted
//!   `node.kubernetes.io/out-of-service` are force-deleted;
//! - unscheduled terminating pods are force-deleted;
//! - terminated pods beyond `--terminated-pod-gc-threshold` (12,500) go, oldest first.
//!
//! Simplified: upstream waits a 40 s quarantine before deleting orphans of a node it has
//! not seen deleted; here the deleted Node is authoritative at once.

use super::{
    super::{api::Api, log::Component, timers::Task},
    taint_eviction::add_disruption_target,
};
use crate::model::{
    PodPhase, Uid,
    node::{ConditionStatus, NodeConditionType, taint_keys},
};

const ME: Component = Component::PodGc;

/// One PodGC pass.
pub(crate) fn run(api: &mut Api) {
    let gone: Vec<String> = api
        .store
        .nodes_with_pods()
        .filter(|n| api.store.node(n).is_none())
        .map(str::to_owned)
        .collect();
    for node in gone {
        let uids: Vec<Uid> = api.store.pods_on_node(&node).collect();
        for uid in uids {
            add_disruption_target(api, &ME, uid, "DeletionByPodGC", "PodGC: node no longer exists");
            api.update_pod(&ME, uid, "pods/status", |p| {
                if !matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed) {
                    p.status.phase = PodPhase::Failed;
                }
            });
            api.remove_pod(&ME, uid);
        }
    }
    let out_of_service: Vec<String> = api
        .store
        .nodes()
        .filter(|n| {
            n.spec.taints.iter().any(|t| t.key == taint_keys::OUT_OF_SERVICE)
                && !n.status.conditions.iter().any(|c| {
                    c.type_ == NodeConditionType::Ready && c.status == ConditionStatus::True
                })
        })
        .map(|n| n.metadata.name.clone())
        .collect();
    for node in out_of_service {
        let uids: Vec<Uid> = api
            .store
            .pods_on_node(&node)
            .filter(|u| api.store.pod(*u).is_some_and(|p| p.metadata.deletion_timestamp.is_some()))
            .collect();
        for uid in uids {
            add_disruption_target(
                api,
                &ME,
                uid,
                "DeletionByPodGC",
                "PodGC: node is out of service",
            );
            api.remove_pod(&ME, uid);
        }
    }
    let mut terminated: Vec<(crate::time::SimTime, Uid)> = Vec::new();
    let mut unscheduled_terminating = Vec::new();
    for p in api.store.pods() {
        if matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed) {
            terminated.push((p.metadata.creation_timestamp, p.metadata.uid));
        }
        if p.node_name.is_empty() && p.metadata.deletion_timestamp.is_some() {
            unscheduled_terminating.push(p.metadata.uid);
        }
    }
    for uid in unscheduled_terminating {
        api.remove_pod(&ME, uid);
    }
    let threshold = api.timings.terminated_pod_gc_threshold;
    if terminated.len() > threshold {
        terminated.sort();
        let excess = terminated.len() - threshold;
        for (_, uid) in terminated.into_iter().take(excess) {
            api.remove_pod(&ME, uid);
        }
    }
    api.after(api.timings.pod_gc_period_ms, Task::PodGc);
}
