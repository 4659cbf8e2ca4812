//! Invariants a test can check after every step (TigerBeetle's VOPR style).

use super::{Sim, kubelet::KubeletHealth};
use crate::model::{PodPhase, ResourceList, ResourceName};

impl Sim {
    /// Checks cross-cutting invariants; returns every violation found.
    ///
    /// - no node's non-terminal pods request more than its allocatable (cpu, memory, pods and
    ///   extended resources) — true for pods the scheduler placed and the kubelet admitted;
    /// - the store's node and owner indexes agree with the pods;
    /// - a connected kubelet runs only pods the API binds to its node;
    /// - every pod IP on a node is unique.
    pub fn check_invariants(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let store = &self.api.store;
        for node in store.nodes() {
            let name = &node.metadata.name;
            let mut used = ResourceList::new();
            let mut count = 0i64;
            let mut ips = std::collections::BTreeSet::new();
            for uid in store.pods_on_node(name) {
                let Some(p) = store.pod(uid) else {
                    errors.push(format!("index: pod {uid} on {name} is not stored"));
                    continue;
                };
                if p.node_name != *name {
                    errors.push(format!(
                        "index: pod {} listed on {name} but bound to {}",
                        p.metadata.name, p.node_name
                    ));
                }
                if matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed) {
                    continue;
                }
                count += 1;
                super::kubelet::add_requests(&mut used, &p.spec);
                if let Some(ip) = p.status.pod_ip
                    && !ips.insert(ip)
                {
                    errors.push(format!("pod IP {ip} used twice on {name}"));
                }
            }
            let alloc = &node.status.allocatable;
            if count > alloc.get(&ResourceName::Pods).map_or(i64::MAX, |q| q.value()) {
                errors.push(format!("{name}: {count} pods exceed allocatable pods"));
            }
            for (r, q) in used.iter() {
                let have = alloc.get(r).map_or(0, |a| a.milli_value());
                if q.milli_value() > have {
                    errors.push(format!(
                        "{name}: {r} requests {} exceed allocatable {}",
                        q,
                        alloc.get(r).map_or_else(|| "0".into(), |a| a.to_string())
                    ));
                }
            }
        }
        for p in store.pods() {
            if let Some(owner) = p.metadata.controller_ref()
                && !store.pods_owned_by(owner.uid).any(|u| u == p.metadata.uid)
            {
                errors
                    .push(format!("index: pod {} missing from its owner's index", p.metadata.name));
            }
        }
        for (name, k) in &self.kubelets {
            if k.health != KubeletHealth::Up {
                continue;
            }
            for uid in k.workers.keys() {
                let bound_here = store.pod(*uid).is_some_and(|p| p.node_name == *name);
                if !bound_here {
                    errors.push(format!(
                        "kubelet {name} runs pod {uid}, which the API does not bind there"
                    ));
                }
            }
        }
        errors
    }
}
