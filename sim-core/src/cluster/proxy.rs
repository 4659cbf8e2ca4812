//! kube-proxy in iptables mode: a new connection to a Service goes to a uniformly random
//! endpoint among the ready ones (`-m statistic --mode random --probability 1/(n-i)`, which
//! is uniform), and fails if that backend is not actually serving.
//!
//! Simplified: every node's kube-proxy sees the EndpointSlices as the API has them (no
//! `minSyncPeriod` delay), and connections are not logged (the UI may open many per second;
//! they draw from their own RNG stream, so they never change the rest of the run).

use super::{Sim, kubelet::KubeletHealth};
use crate::model::PodPhase;
use std::{fmt, net::Ipv4Addr};

/// A connection that reached a pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod that answered.
    pub pod: String,
    /// Its IP.
    pub ip: Ipv4Addr,
    /// Its node.
    pub node: String,
    /// How many ready endpoints there were to choose from.
    pub ready_endpoints: usize,
}

/// Why a connection failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectError {
    /// `services "x" not found`.
    NoSuchService(String),
    /// No ready endpoint: iptables REJECTs, the client sees "connection refused".
    NoEndpoints,
    /// The chosen endpoint is listed as ready but its pod is gone or its node is down: the
    /// packet goes nowhere and the client times out.
    Timeout {
        /// The endpoint's pod.
        pod: String,
    },
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectError::NoSuchService(s) => write!(f, "services \"{s}\" not found"),
            ConnectError::NoEndpoints => f.write_str("connection refused (no ready endpoints)"),
            ConnectError::Timeout { pod } => {
                write!(f, "connection timed out (endpoint {pod} not responding)")
            }
        }
    }
}

impl std::error::Error for ConnectError {}

impl Sim {
    /// Opens one connection to Service `namespace/name` as kube-proxy would route it.
    pub fn connect(&mut self, namespace: &str, name: &str) -> Result<Connection, ConnectError> {
        let store = &self.api.store;
        if store.service(namespace, name).is_none() {
            return Err(ConnectError::NoSuchService(name.to_owned()));
        }
        let ready: Vec<_> = store
            .endpoint_slices_for(namespace, name)
            .flat_map(|s| &s.endpoints)
            .filter(|e| e.ready)
            .collect();
        if ready.is_empty() {
            return Err(ConnectError::NoEndpoints);
        }
        let pick = ready[self.proxy_rng.below(ready.len() as u64) as usize];
        let pod_name = pick.target_ref.name.clone();
        let serving = store.pod(pick.target_ref.uid).is_some_and(|p| {
            let node_up =
                self.kubelets.get(&p.node_name).is_some_and(|k| k.health != KubeletHealth::Crashed);
            let running = self
                .kubelets
                .get(&p.node_name)
                .and_then(|k| k.workers.get(&p.metadata.uid))
                .is_some_and(|w| {
                    w.main
                        .iter()
                        .all(|c| matches!(c.state, super::kubelet::worker::CState::Running { .. }))
                });
            node_up && running && p.status.phase == PodPhase::Running
        });
        if !serving {
            return Err(ConnectError::Timeout { pod: pod_name });
        }
        Ok(Connection {
            namespace: namespace.to_owned(),
            pod: pod_name,
            ip: pick.addresses.first().copied().unwrap_or(Ipv4Addr::UNSPECIFIED),
            node: pick.node_name.clone(),
            ready_endpoints: ready.len(),
        })
    }
}
