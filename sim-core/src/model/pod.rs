//! `v1.Pod`: spec, status, containers, scheduling constraints.

use super::{
    meta::{LabelSelector, Labels, ObjectMeta},
    node::{ConditionStatus, Toleration},
    resources::ResourceList,
};
use crate::time::SimTime;
use serde::{Deserialize, Serialize};
use std::{net::Ipv4Addr, sync::Arc};

/// `v1.Pod`.
///
/// `spec` sits behind an `Arc` because the pods of one ReplicaSet share their template's spec
/// until something changes one of them (`Arc::make_mut`), which keeps 150,000 pods small.
/// For the same reason `spec.nodeName`, which every bound pod sets, lives beside the shared
/// spec in [`Pod::node_name`]; manifests read and print it as `spec.nodeName`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pod {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec` without `nodeName`.
    pub spec: Arc<PodSpec>,
    /// `spec.nodeName`: empty until the pod is bound.
    pub node_name: String,
    /// `status`.
    pub status: PodStatus,
}

/// `v1.PodSpec` (minus `nodeName`, see [`Pod`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodSpec {
    /// `initContainers`.
    pub init_containers: Vec<Container>,
    /// `containers`.
    pub containers: Vec<Container>,
    /// `ephemeralContainers`, added by `kubectl debug`.
    pub ephemeral_containers: Vec<EphemeralContainer>,
    /// `restartPolicy`.
    pub restart_policy: RestartPolicy,
    /// `terminationGracePeriodSeconds` (default 30).
    pub termination_grace_period_seconds: i64,
    /// `nodeSelector`.
    pub node_selector: Labels,
    /// `affinity` (node affinity only; see the manifest parser for what is rejected).
    pub affinity: Option<Affinity>,
    /// `tolerations`, including the two NoExecute ones the DefaultTolerationSeconds admission
    /// plugin adds.
    pub tolerations: Vec<Toleration>,
    /// `schedulerName` (default `default-scheduler`).
    pub scheduler_name: String,
    /// `priority` (resolved from `priorityClassName`; 0 by default).
    pub priority: i32,
    /// `topologySpreadConstraints`.
    pub topology_spread_constraints: Vec<TopologySpreadConstraint>,
    /// `hostNetwork`.
    pub host_network: bool,
    /// `shareProcessNamespace`.
    pub share_process_namespace: bool,
    /// `overhead`: added to the pod's requests (RuntimeClass overhead).
    pub overhead: ResourceList,
}

impl Default for PodSpec {
    fn default() -> Self {
        PodSpec {
            init_containers: Vec::new(),
            containers: Vec::new(),
            ephemeral_containers: Vec::new(),
            restart_policy: RestartPolicy::Always,
            termination_grace_period_seconds: 30,
            node_selector: Labels::new(),
            affinity: None,
            tolerations: Vec::new(),
            scheduler_name: DEFAULT_SCHEDULER_NAME.to_owned(),
            priority: 0,
            topology_spread_constraints: Vec::new(),
            host_network: false,
            share_process_namespace: false,
            overhead: ResourceList::new(),
        }
    }
}

/// The scheduler name pods get when they name none.
pub const DEFAULT_SCHEDULER_NAME: &str = "default-scheduler";

/// `v1.Container`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    /// `name`.
    pub name: String,
    /// `image`, as written (`nginx:1.27`).
    pub image: String,
    /// `imagePullPolicy`.
    pub image_pull_policy: PullPolicy,
    /// `command`.
    pub command: Vec<String>,
    /// `args`.
    pub args: Vec<String>,
    /// `ports`.
    pub ports: Vec<ContainerPort>,
    /// `resources`.
    pub resources: ResourceRequirements,
    /// `readinessProbe`.
    pub readiness_probe: Option<Probe>,
    /// `livenessProbe`.
    pub liveness_probe: Option<Probe>,
    /// `startupProbe`.
    pub startup_probe: Option<Probe>,
    /// `restartPolicy` of an init container: `Always` makes it a sidecar.
    pub restart_policy: Option<RestartPolicy>,
}

/// `v1.EphemeralContainer`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EphemeralContainer {
    /// `name`.
    pub name: String,
    /// `image`.
    pub image: String,
    /// `command`.
    pub command: Vec<String>,
    /// `targetContainerName`: whose PID namespace it joins.
    pub target_container_name: String,
}

/// `v1.PullPolicy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PullPolicy {
    /// `Always`: the default for `:latest` or untagged images.
    Always,
    /// `IfNotPresent`: the default otherwise.
    #[default]
    IfNotPresent,
    /// `Never`.
    Never,
}

/// `v1.ContainerPort`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContainerPort {
    /// `name`.
    pub name: String,
    /// `containerPort`.
    pub container_port: i32,
    /// `hostPort` (0 when unset); what the NodePorts plugin checks.
    pub host_port: i32,
    /// `hostIP` (empty when unset, meaning `0.0.0.0`).
    pub host_ip: String,
    /// `protocol`.
    pub protocol: Protocol,
}

/// `v1.Protocol`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Protocol {
    /// `TCP` (the default).
    #[default]
    TCP,
    /// `UDP`.
    UDP,
    /// `SCTP`.
    SCTP,
}

impl Protocol {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::TCP => "TCP",
            Protocol::UDP => "UDP",
            Protocol::SCTP => "SCTP",
        }
    }
}

/// `v1.ResourceRequirements`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResourceRequirements {
    /// `requests`. When a container gives only a limit, the API server copies it here, as
    /// upstream defaulting does, so the scheduler sees requests = limits.
    pub requests: ResourceList,
    /// `limits`.
    pub limits: ResourceList,
}

/// `v1.Probe` (the timing fields; the handler is kept only for display).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    /// The handler, e.g. `http-get http://:80/healthz` or `exec [cat /tmp/ready]`.
    pub handler: ProbeHandler,
    /// `initialDelaySeconds` (0).
    pub initial_delay_seconds: i32,
    /// `periodSeconds` (10).
    pub period_seconds: i32,
    /// `timeoutSeconds` (1).
    pub timeout_seconds: i32,
    /// `successThreshold` (1).
    pub success_threshold: i32,
    /// `failureThreshold` (3).
    pub failure_threshold: i32,
}

impl Default for Probe {
    fn default() -> Self {
        Probe {
            handler: ProbeHandler::TcpSocket { port: 80 },
            initial_delay_seconds: 0,
            period_seconds: 10,
            timeout_seconds: 1,
            success_threshold: 1,
            failure_threshold: 3,
        }
    }
}

/// How a probe checks the container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProbeHandler {
    /// `httpGet`.
    HttpGet {
        /// `path`.
        path: String,
        /// `port`.
        port: i32,
    },
    /// `tcpSocket`.
    TcpSocket {
        /// `port`.
        port: i32,
    },
    /// `exec`.
    Exec {
        /// `command`.
        command: Vec<String>,
    },
    /// `grpc`.
    Grpc {
        /// `port`.
        port: i32,
    },
}

/// `v1.RestartPolicy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RestartPolicy {
    /// `Always` (the default; required in Deployment and ReplicaSet templates).
    #[default]
    Always,
    /// `OnFailure`.
    OnFailure,
    /// `Never`.
    Never,
}

/// `v1.Affinity` (only `nodeAffinity` is simulated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Affinity {
    /// `nodeAffinity`.
    pub node_affinity: Option<NodeAffinity>,
}

/// `v1.NodeAffinity`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NodeAffinity {
    /// `requiredDuringSchedulingIgnoredDuringExecution`.
    pub required: Option<NodeSelector>,
    /// `preferredDuringSchedulingIgnoredDuringExecution`.
    pub preferred: Vec<PreferredSchedulingTerm>,
}

/// `v1.NodeSelector`: terms ORed together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NodeSelector {
    /// `nodeSelectorTerms`.
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

/// `v1.NodeSelectorTerm`: requirements ANDed together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NodeSelectorTerm {
    /// `matchExpressions` (against node labels).
    pub match_expressions: Vec<NodeSelectorRequirement>,
    /// `matchFields` (only `metadata.name` is valid upstream).
    pub match_fields: Vec<NodeSelectorRequirement>,
}

/// `v1.NodeSelectorRequirement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NodeSelectorRequirement {
    /// `key`.
    pub key: String,
    /// `operator`.
    pub operator: NodeSelectorOperator,
    /// `values`.
    pub values: Vec<String>,
}

/// `v1.NodeSelectorOperator`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NodeSelectorOperator {
    /// `In`.
    In,
    /// `NotIn`.
    NotIn,
    /// `Exists`.
    Exists,
    /// `DoesNotExist`.
    DoesNotExist,
    /// `Gt` (integer comparison).
    Gt,
    /// `Lt` (integer comparison).
    Lt,
}

/// `v1.PreferredSchedulingTerm`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PreferredSchedulingTerm {
    /// `weight` (1–100).
    pub weight: i32,
    /// `preference`.
    pub preference: NodeSelectorTerm,
}

/// `v1.TopologySpreadConstraint`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TopologySpreadConstraint {
    /// `maxSkew`.
    pub max_skew: i32,
    /// `topologyKey`.
    pub topology_key: String,
    /// `whenUnsatisfiable`.
    pub when_unsatisfiable: UnsatisfiableConstraintAction,
    /// `labelSelector`.
    pub label_selector: Option<LabelSelector>,
    /// `minDomains`.
    pub min_domains: Option<i32>,
}

/// `v1.UnsatisfiableConstraintAction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnsatisfiableConstraintAction {
    /// `DoNotSchedule`: a filter.
    DoNotSchedule,
    /// `ScheduleAnyway`: a score.
    ScheduleAnyway,
}

/// `v1.PodStatus`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodStatus {
    /// `phase`.
    pub phase: PodPhase,
    /// `conditions`.
    pub conditions: Vec<PodCondition>,
    /// `hostIP`.
    pub host_ip: Option<Ipv4Addr>,
    /// `podIP`.
    pub pod_ip: Option<Ipv4Addr>,
    /// `startTime`: when the kubelet accepted the pod.
    pub start_time: Option<SimTime>,
    /// `initContainerStatuses`.
    pub init_container_statuses: Vec<ContainerStatus>,
    /// `containerStatuses`.
    pub container_statuses: Vec<ContainerStatus>,
    /// `ephemeralContainerStatuses`.
    pub ephemeral_container_statuses: Vec<ContainerStatus>,
    /// `qosClass`.
    pub qos_class: QosClass,
    /// `nominatedNodeName` (set by preemption).
    pub nominated_node_name: String,
    /// `reason` (e.g. `Evicted`, `NodeLost`).
    pub reason: String,
    /// `message`.
    pub message: String,
}

impl PodStatus {
    /// The condition of type `t`, if reported.
    pub fn condition(&self, t: PodConditionType) -> Option<&PodCondition> {
        self.conditions.iter().find(|c| c.type_ == t)
    }

    /// Whether the `Ready` condition is `True`.
    pub fn is_ready(&self) -> bool {
        self.condition(PodConditionType::Ready).is_some_and(|c| c.status == ConditionStatus::True)
    }
}

/// `v1.PodPhase`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum PodPhase {
    /// `Pending`: accepted, not yet running (waiting to be scheduled, pulling images).
    #[default]
    Pending,
    /// `Running`.
    Running,
    /// `Succeeded`.
    Succeeded,
    /// `Failed`.
    Failed,
    /// `Unknown`.
    Unknown,
}

impl PodPhase {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PodPhase::Pending => "Pending",
            PodPhase::Running => "Running",
            PodPhase::Succeeded => "Succeeded",
            PodPhase::Failed => "Failed",
            PodPhase::Unknown => "Unknown",
        }
    }
}

/// `v1.PodCondition`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodCondition {
    /// `type`.
    pub type_: PodConditionType,
    /// `status`.
    pub status: ConditionStatus,
    /// `lastTransitionTime`.
    pub last_transition_time: SimTime,
    /// `reason` (e.g. `Unschedulable`, `ContainersNotReady`).
    pub reason: String,
    /// `message` (e.g. the FailedScheduling text).
    pub message: String,
}

/// `v1.PodConditionType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PodConditionType {
    /// `PodReadyToStartContainers`: the sandbox and its network are up.
    PodReadyToStartContainers,
    /// `Initialized`: init containers are done.
    Initialized,
    /// `Ready`: the pod can serve; Services route to it.
    Ready,
    /// `ContainersReady`.
    ContainersReady,
    /// `PodScheduled`.
    PodScheduled,
    /// `DisruptionTarget`: the pod is about to be deleted by a disruption (eviction, preemption).
    DisruptionTarget,
}

impl PodConditionType {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PodConditionType::PodReadyToStartContainers => "PodReadyToStartContainers",
            PodConditionType::Initialized => "Initialized",
            PodConditionType::Ready => "Ready",
            PodConditionType::ContainersReady => "ContainersReady",
            PodConditionType::PodScheduled => "PodScheduled",
            PodConditionType::DisruptionTarget => "DisruptionTarget",
        }
    }
}

/// `v1.ContainerStatus`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerStatus {
    /// `name`.
    pub name: String,
    /// `image`.
    pub image: String,
    /// `imageID` (empty until pulled).
    pub image_id: String,
    /// `containerID` (`containerd://…`; empty until created).
    pub container_id: String,
    /// `ready`.
    pub ready: bool,
    /// `started`.
    pub started: bool,
    /// `restartCount`.
    pub restart_count: i32,
    /// `state`.
    pub state: ContainerState,
    /// `lastState`.
    pub last_state: Option<ContainerState>,
}

/// `v1.ContainerState`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContainerState {
    /// `waiting`.
    Waiting {
        /// `reason`: `ContainerCreating`, `ErrImagePull`, `ImagePullBackOff`, `CrashLoopBackOff`.
        reason: String,
        /// `message`.
        message: String,
    },
    /// `running`.
    Running {
        /// `startedAt`.
        started_at: SimTime,
    },
    /// `terminated`.
    Terminated {
        /// `exitCode`.
        exit_code: i32,
        /// `reason`: `Completed`, `Error`, `OOMKilled`.
        reason: String,
        /// `message`.
        message: String,
        /// `startedAt`.
        started_at: SimTime,
        /// `finishedAt`.
        finished_at: SimTime,
    },
}

impl Default for ContainerState {
    fn default() -> Self {
        ContainerState::Waiting { reason: "ContainerCreating".into(), message: String::new() }
    }
}

/// `v1.PodQOSClass`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QosClass {
    /// `Guaranteed`.
    Guaranteed,
    /// `Burstable`.
    Burstable,
    /// `BestEffort`.
    #[default]
    BestEffort,
}

impl QosClass {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            QosClass::Guaranteed => "Guaranteed",
            QosClass::Burstable => "Burstable",
            QosClass::BestEffort => "BestEffort",
        }
    }
}
