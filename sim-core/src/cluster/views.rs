//! Cheap read views for rendering: nodes with allocation sums, pods with kubectl's STATUS,
//! Deployments, Services and control-plane activity.

use super::{ApiCounters, Sim, kubelet::KubeletHealth};
use crate::{
    model::{
        ResourceName, Taint, Uid,
        node::{ConditionStatus, NodeConditionType},
    },
    printers::pod::pod_status,
    scheduler::QueueCounts,
    time::SimTime,
};

/// One node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView<'a> {
    /// Name.
    pub name: &'a str,
    /// Ready condition (`None` before the kubelet first reported).
    pub ready: Option<ConditionStatus>,
    /// `spec.unschedulable` (cordoned).
    pub unschedulable: bool,
    /// Taints.
    pub taints: &'a [Taint],
    /// `kubernetes.io/arch`.
    pub arch: &'a str,
    /// Node pool label.
    pub pool: &'a str,
    /// Zone label.
    pub zone: &'a str,
    /// Allocatable CPU (millicores) and memory (bytes).
    pub cpu_allocatable_millis: i64,
    /// Allocatable memory.
    pub memory_allocatable_bytes: i64,
    /// Requests of the non-terminal pods bound here.
    pub cpu_requested_millis: i64,
    /// Memory requests.
    pub memory_requested_bytes: i64,
    /// `pods` allocatable.
    pub max_pods: i64,
    /// UIDs of the pods bound here.
    pub pods: Vec<Uid>,
    /// What the machine is doing (`None` for a Node object without a kubelet).
    pub kubelet: Option<KubeletHealth>,
}

/// One pod, as a table row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodView<'a> {
    /// UID.
    pub uid: Uid,
    /// Namespace.
    pub namespace: &'a str,
    /// Name.
    pub name: &'a str,
    /// kubectl's STATUS column (`Running`, `CrashLoopBackOff`, `Terminating`, …).
    pub status: String,
    /// Ready containers.
    pub ready: usize,
    /// Containers.
    pub containers: usize,
    /// Restarts (sum over containers).
    pub restarts: i32,
    /// The node, if bound.
    pub node: Option<&'a str>,
    /// Pod IP.
    pub ip: Option<std::net::Ipv4Addr>,
    /// The controller (`ReplicaSet`, name).
    pub owner: Option<(&'a str, &'a str)>,
    /// `creationTimestamp`.
    pub created: SimTime,
}

/// One Deployment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentView<'a> {
    /// Namespace.
    pub namespace: &'a str,
    /// Name.
    pub name: &'a str,
    /// `spec.replicas`.
    pub desired: i32,
    /// `status.updatedReplicas`.
    pub updated: i32,
    /// `status.readyReplicas`.
    pub ready: i32,
    /// `status.availableReplicas`.
    pub available: i32,
    /// The current revision.
    pub revision: &'a str,
    /// `spec.paused`.
    pub paused: bool,
    /// The Progressing condition's reason.
    pub progressing: Option<&'a str>,
}

/// One Service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceView<'a> {
    /// Namespace.
    pub namespace: &'a str,
    /// Name.
    pub name: &'a str,
    /// Type.
    pub type_: &'static str,
    /// ClusterIP.
    pub cluster_ip: Option<std::net::Ipv4Addr>,
    /// Ports as `80:30080/TCP`.
    pub ports: Vec<String>,
    /// Ready endpoints.
    pub ready_endpoints: usize,
    /// All endpoints.
    pub endpoints: usize,
}

/// Control-plane activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlPlaneView<'a> {
    /// API write requests and per-controller reconciles.
    pub counters: &'a ApiCounters,
    /// Objects in etcd.
    pub etcd_objects: usize,
    /// The scheduling queue.
    pub scheduler_queue: QueueCounts,
    /// Scheduling cycles run.
    pub scheduling_cycles: u64,
}

impl Sim {
    /// Every node.
    pub fn node_views(&self) -> Vec<NodeView<'_>> {
        let store = &self.api.store;
        store
            .nodes()
            .map(|n| {
                let pods: Vec<Uid> = store.pods_on_node(&n.metadata.name).collect();
                let mut cpu = 0;
                let mut mem = 0;
                for p in pods.iter().filter_map(|u| store.pod(*u)) {
                    if matches!(
                        p.status.phase,
                        crate::model::PodPhase::Succeeded | crate::model::PodPhase::Failed
                    ) {
                        continue;
                    }
                    let mut r = crate::model::ResourceList::new();
                    super::kubelet::add_requests(&mut r, &p.spec);
                    cpu += r.cpu_millis();
                    mem += r.get(&ResourceName::Memory).map_or(0, |q| q.milli_value() / 1000);
                }
                let label = |k| n.metadata.labels.get(k).unwrap_or("");
                NodeView {
                    name: &n.metadata.name,
                    ready: n
                        .status
                        .conditions
                        .iter()
                        .find(|c| c.type_ == NodeConditionType::Ready)
                        .map(|c| c.status),
                    unschedulable: n.spec.unschedulable,
                    taints: &n.spec.taints,
                    arch: label(crate::model::meta::LABEL_ARCH),
                    pool: label(crate::model::meta::LABEL_NODE_POOL),
                    zone: label(crate::model::meta::LABEL_ZONE),
                    cpu_allocatable_millis: n.status.allocatable.cpu_millis(),
                    memory_allocatable_bytes: n.status.allocatable.memory_bytes(),
                    cpu_requested_millis: cpu,
                    memory_requested_bytes: mem,
                    max_pods: n
                        .status
                        .allocatable
                        .get(&ResourceName::Pods)
                        .map_or(0, |q| q.value()),
                    pods,
                    kubelet: self.kubelets.get(&n.metadata.name).map(|k| k.health),
                }
            })
            .collect()
    }

    /// Every pod, by namespace and name.
    pub fn pod_views(&self) -> Vec<PodView<'_>> {
        let now = self.api.now;
        let store = &self.api.store;
        let mut v: Vec<PodView<'_>> = store
            .pods()
            .map(|p| PodView {
                uid: p.metadata.uid,
                namespace: &p.metadata.namespace,
                name: &p.metadata.name,
                status: pod_status(p, now),
                ready: p.status.container_statuses.iter().filter(|c| c.ready).count(),
                containers: p.spec.containers.len(),
                restarts: p.status.container_statuses.iter().map(|c| c.restart_count).sum(),
                node: (!p.node_name.is_empty()).then_some(p.node_name.as_str()),
                ip: p.status.pod_ip,
                owner: p.metadata.controller_ref().map(|o| (o.kind.as_str(), o.name.as_str())),
                created: p.metadata.creation_timestamp,
            })
            .collect();
        v.sort_by(|a, b| (a.namespace, a.name).cmp(&(b.namespace, b.name)));
        v
    }

    /// Every Deployment.
    pub fn deployment_views(&self) -> Vec<DeploymentView<'_>> {
        self.api
            .store
            .deployments()
            .map(|d| DeploymentView {
                namespace: &d.metadata.namespace,
                name: &d.metadata.name,
                desired: d.spec.replicas,
                updated: d.status.updated_replicas,
                ready: d.status.ready_replicas,
                available: d.status.available_replicas,
                revision: d
                    .metadata
                    .annotations
                    .get(crate::model::meta::ANNOTATION_REVISION)
                    .unwrap_or(""),
                paused: d.spec.paused,
                progressing: d
                    .status
                    .conditions
                    .iter()
                    .find(|c| c.type_ == "Progressing")
                    .map(|c| c.reason.as_str()),
            })
            .collect()
    }

    /// Every Service.
    pub fn service_views(&self) -> Vec<ServiceView<'_>> {
        let store = &self.api.store;
        store
            .services()
            .map(|s| {
                let eps: Vec<_> = store
                    .endpoint_slices_for(&s.metadata.namespace, &s.metadata.name)
                    .flat_map(|sl| &sl.endpoints)
                    .collect();
                ServiceView {
                    namespace: &s.metadata.namespace,
                    name: &s.metadata.name,
                    type_: s.spec.type_.as_str(),
                    cluster_ip: s.spec.cluster_ip,
                    ports: s
                        .spec
                        .ports
                        .iter()
                        .map(|p| match p.node_port {
                            Some(np) => format!("{}:{np}/{}", p.port, p.protocol.as_str()),
                            None => format!("{}/{}", p.port, p.protocol.as_str()),
                        })
                        .collect(),
                    ready_endpoints: eps.iter().filter(|e| e.ready).count(),
                    endpoints: eps.len(),
                }
            })
            .collect()
    }

    /// Control-plane counters.
    pub fn control_plane(&self) -> ControlPlaneView<'_> {
        ControlPlaneView {
            counters: &self.api.counters,
            etcd_objects: self.api.store.object_count(),
            scheduler_queue: self.api.sched.counts(),
            scheduling_cycles: self.api.sched.scheduler.cycles(),
        }
    }

    /// The zones the node lifecycle controller tracks and their state.
    pub fn zone_states(&self) -> Vec<(&str, super::controllers::node_lifecycle::ZoneState)> {
        self.controllers.node_lifecycle.zone_states().collect()
    }

    /// A node's kubelet health.
    pub fn kubelet_health(&self, node: &str) -> Option<KubeletHealth> {
        self.kubelets.get(node).map(|k| k.health)
    }

    /// Images cached on a node, with sizes.
    pub fn node_images(&self, node: &str) -> Vec<(&str, i64)> {
        self.kubelets.get(node).map(|k| k.cached_images().collect()).unwrap_or_default()
    }
}
