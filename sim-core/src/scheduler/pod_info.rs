//! What the scheduler derives from a pod once, so the per-node loops never walk containers:
//! effective requests (real and non-zero-defaulted), host ports and normalized image names.
//!
//! The request arithmetic follows upstream's `resource.PodRequests`: app containers add up,
//! init containers run one at a time so the pod needs the largest of them, restartable init
//! containers (sidecars) keep running and so add to both, and `overhead` comes on top.

use super::cache::interner::{ScalarId, ScalarNames};
use crate::model::{
    Pod, PodSpec, ResourceList, ResourceName,
    pod::{Protocol, RestartPolicy},
};
use serde::{Deserialize, Serialize};

/// `schedutil.DefaultMilliCPURequest`: 100m, assumed for scoring when a container asks for no
/// cpu.
pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
/// `schedutil.DefaultMemoryRequest`: 200 MiB, assumed for scoring when a container asks for
/// no memory.
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;

/// A pod's or node's resource amounts in the scheduler's units: millicores for cpu, whole
/// units (bytes, devices) for everything else.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ResVec {
    pub(crate) cpu: i64,
    pub(crate) mem: i64,
    pub(crate) eph: i64,
    /// Scalar (extended, hugepages) resources, sorted by id, never zero-valued.
    pub(crate) scalars: Vec<(ScalarId, i64)>,
}

impl ResVec {
    /// Whether every amount is zero (upstream's "pod requests nothing" shortcut).
    pub(crate) fn is_zero(&self) -> bool {
        self.cpu == 0 && self.mem == 0 && self.eph == 0 && self.scalars.is_empty()
    }

    pub(crate) fn scalar(&self, id: ScalarId) -> i64 {
        self.scalars.iter().find(|(s, _)| *s == id).map_or(0, |(_, v)| *v)
    }

    fn combine(&mut self, other: &ResVec, f: fn(i64, i64) -> i64) {
        self.cpu = f(self.cpu, other.cpu);
        self.mem = f(self.mem, other.mem);
        self.eph = f(self.eph, other.eph);
        for &(id, v) in &other.scalars {
            match self.scalars.binary_search_by_key(&id, |(s, _)| *s) {
                Ok(i) => self.scalars[i].1 = f(self.scalars[i].1, v),
                Err(i) => self.scalars.insert(i, (id, f(0, v))),
            }
        }
        self.scalars.retain(|(_, v)| *v != 0);
    }

    pub(crate) fn add(&mut self, other: &ResVec) {
        self.combine(other, i64::saturating_add);
    }

    pub(crate) fn sub(&mut self, other: &ResVec) {
        self.combine(other, i64::saturating_sub);
    }

    fn max(&mut self, other: &ResVec) {
        self.combine(other, i64::max);
    }

    /// Reads a `ResourceList` (requests, allocatable). `defaults` fills a missing cpu or memory
    /// entry, as `NonMissingContainerRequests` does; an explicit `0` stays 0.
    pub(crate) fn from_list(list: &ResourceList, names: &mut ScalarNames, defaults: bool) -> Self {
        let mut v = ResVec::default();
        let mut saw_cpu = false;
        let mut saw_mem = false;
        for (name, q) in list.iter() {
            match name {
                ResourceName::Cpu => {
                    v.cpu = q.milli_value();
                    saw_cpu = true;
                }
                ResourceName::Memory => {
                    v.mem = q.value();
                    saw_mem = true;
                }
                ResourceName::EphemeralStorage => v.eph = q.value(),
                ResourceName::Pods => {}
                ResourceName::Extended(s) => {
                    let amount = q.value();
                    if amount != 0 {
                        let id = names.intern(s);
                        match v.scalars.binary_search_by_key(&id, |(s, _)| *s) {
                            Ok(i) => v.scalars[i].1 = amount,
                            Err(i) => v.scalars.insert(i, (id, amount)),
                        }
                    }
                }
            }
        }
        if defaults {
            if !saw_cpu {
                v.cpu = DEFAULT_MILLI_CPU_REQUEST;
            }
            if !saw_mem {
                v.mem = DEFAULT_MEMORY_REQUEST;
            }
        }
        v
    }
}

/// `resource.PodRequests`: the pod's effective requests. With `non_missing`, containers that
/// name no cpu or memory request count 100m / 200Mi (the scoring view).
pub(crate) fn pod_requests(spec: &PodSpec, names: &mut ScalarNames, non_missing: bool) -> ResVec {
    let mut reqs = ResVec::default();
    for c in &spec.containers {
        reqs.add(&ResVec::from_list(&c.resources.requests, names, non_missing));
    }
    let mut sidecars = ResVec::default();
    let mut init_max = ResVec::default();
    for c in &spec.init_containers {
        let own = ResVec::from_list(&c.resources.requests, names, non_missing);
        let running = if c.restart_policy == Some(RestartPolicy::Always) {
            // A sidecar keeps running beside the app containers and the later init containers.
            reqs.add(&own);
            sidecars.add(&own);
            sidecars.clone()
        } else {
            let mut with_sidecars = own;
            with_sidecars.add(&sidecars);
            with_sidecars
        };
        init_max.max(&running);
    }
    reqs.max(&init_max);
    reqs.add(&ResVec::from_list(&spec.overhead, names, false));
    reqs
}

/// A `(hostIP, protocol, hostPort)` a container binds on its node.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct HostPort {
    /// `hostIP`, `0.0.0.0` when unset.
    pub(crate) ip: String,
    pub(crate) protocol: Protocol,
    pub(crate) port: i32,
}

/// The bind-all address upstream substitutes for an empty `hostIP`.
pub(crate) const BIND_ALL_HOST_IP: &str = "0.0.0.0";

impl HostPort {
    /// `HostPortInfo.CheckConflict`: a wildcard IP conflicts with every IP for the same
    /// protocol and port; a specific IP conflicts with itself and with the wildcard.
    pub(crate) fn conflicts_with(&self, other: &HostPort) -> bool {
        self.port == other.port
            && self.protocol == other.protocol
            && (self.ip == other.ip || self.ip == BIND_ALL_HOST_IP || other.ip == BIND_ALL_HOST_IP)
    }
}

/// The host ports a pod's app containers ask for (upstream's `getContainerPorts`).
///
/// Simplified: sidecar init containers' ports are not included.
pub(crate) fn host_ports(spec: &PodSpec) -> Vec<HostPort> {
    let mut ports: Vec<HostPort> = spec
        .containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .filter(|p| p.host_port > 0)
        .map(|p| HostPort {
            ip: if p.host_ip.is_empty() { BIND_ALL_HOST_IP.to_owned() } else { p.host_ip.clone() },
            protocol: p.protocol,
            port: p.host_port,
        })
        .collect();
    ports.sort();
    ports
}

/// `normalizedImageName`: an image reference without a tag gets `:latest`.
pub(crate) fn normalized_image_name(name: &str) -> std::borrow::Cow<'_, str> {
    let last_colon = name.rfind(':');
    let last_slash = name.rfind('/');
    // Upstream compares indexes with -1 for "absent": no colon, or a colon before the last
    // slash (a registry port), means there is no tag.
    let has_tag = match (last_colon, last_slash) {
        (Some(c), Some(s)) => c > s,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if has_tag { name.into() } else { format!("{name}:latest").into() }
}

/// The `namespace/name` key the scheduler prints for a pod.
pub(crate) fn pod_key(pod: &Pod) -> String {
    // Not `format!`: this runs once per scheduling attempt, and the formatting machinery
    // costs more than the copy.
    let (ns, name) = (&pod.metadata.namespace, &pod.metadata.name);
    let mut key = String::with_capacity(ns.len() + 1 + name.len());
    key.push_str(ns);
    key.push('/');
    key.push_str(name);
    key
}

/// Whether a pod has finished (`Succeeded` or `Failed`): the scheduler's informer drops such
/// pods, so they neither take resources nor wait in the queue.
pub(crate) fn is_terminal(pod: &Pod) -> bool {
    use crate::model::PodPhase;
    matches!(pod.status.phase, PodPhase::Succeeded | PodPhase::Failed)
}

#[cfg(test)]
mod tests;
