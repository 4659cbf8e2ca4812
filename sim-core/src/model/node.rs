//! `v1.Node`, taints and tolerations.

use super::{meta::ObjectMeta, resources::ResourceList};
use crate::time::SimTime;
use serde::{Deserialize, Serialize};

/// `v1.Node`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// `metadata` (cluster-scoped: `namespace` is empty).
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: NodeSpec,
    /// `status`.
    pub status: NodeStatus,
}

/// `v1.NodeSpec`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeSpec {
    /// `unschedulable`: set by `kubectl cordon`.
    pub unschedulable: bool,
    /// `taints`.
    pub taints: Vec<Taint>,
    /// `podCIDR`: the range this node's pod IPs come from (`10.244.N.0/24`).
    pub pod_cidr: String,
}

/// `v1.NodeStatus`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeStatus {
    /// `capacity`.
    pub capacity: ResourceList,
    /// `allocatable`: capacity minus system reservations; what the scheduler fits against.
    pub allocatable: ResourceList,
    /// `conditions`, in the order the kubelet reports them.
    pub conditions: Vec<NodeCondition>,
    /// `addresses`.
    pub addresses: Vec<NodeAddress>,
    /// `nodeInfo`.
    pub node_info: NodeSystemInfo,
    /// `images`: the images in this node's cache, which the ImageLocality plugin scores.
    pub images: Vec<ContainerImage>,
}

/// `v1.NodeCondition`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeCondition {
    /// `type`.
    pub type_: NodeConditionType,
    /// `status`.
    pub status: ConditionStatus,
    /// `lastHeartbeatTime`.
    pub last_heartbeat_time: SimTime,
    /// `lastTransitionTime`.
    pub last_transition_time: SimTime,
    /// `reason` (e.g. `KubeletReady`, `NodeStatusUnknown`).
    pub reason: String,
    /// `message`.
    pub message: String,
}

/// `v1.NodeConditionType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NodeConditionType {
    /// `Ready`.
    Ready,
    /// `MemoryPressure`.
    MemoryPressure,
    /// `DiskPressure`.
    DiskPressure,
    /// `PIDPressure`.
    PIDPressure,
    /// `NetworkUnavailable`.
    NetworkUnavailable,
}

impl NodeConditionType {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeConditionType::Ready => "Ready",
            NodeConditionType::MemoryPressure => "MemoryPressure",
            NodeConditionType::DiskPressure => "DiskPressure",
            NodeConditionType::PIDPressure => "PIDPressure",
            NodeConditionType::NetworkUnavailable => "NetworkUnavailable",
        }
    }
}

/// `v1.ConditionStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ConditionStatus {
    /// `True`.
    True,
    /// `False`.
    False,
    /// `Unknown`.
    Unknown,
}

impl ConditionStatus {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionStatus::True => "True",
            ConditionStatus::False => "False",
            ConditionStatus::Unknown => "Unknown",
        }
    }
}

/// `v1.NodeAddress`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeAddress {
    /// `type`: `InternalIP` or `Hostname`.
    pub type_: String,
    /// `address`.
    pub address: String,
}

/// `v1.NodeSystemInfo` (the fields kubectl shows).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeSystemInfo {
    /// `architecture`: `amd64` or `arm64`.
    pub architecture: String,
    /// `operatingSystem`: `linux`.
    pub operating_system: String,
    /// `osImage`, e.g. `Debian GNU/Linux 12 (bookworm)`.
    pub os_image: String,
    /// `kernelVersion`.
    pub kernel_version: String,
    /// `kubeletVersion`, e.g. `v1.34.1`.
    pub kubelet_version: String,
    /// `containerRuntimeVersion`, e.g. `containerd://2.1.4`.
    pub container_runtime_version: String,
}

/// `v1.ContainerImage`: an image in a node's cache.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerImage {
    /// `names`: references for this image (normalized, e.g. `docker.io/library/nginx:1.27`).
    pub names: Vec<String>,
    /// `sizeBytes`.
    pub size_bytes: i64,
}

/// `v1.TaintEffect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TaintEffect {
    /// `NoSchedule`: new pods that do not tolerate it are not scheduled here.
    NoSchedule,
    /// `PreferNoSchedule`: the scheduler avoids the node (TaintToleration score).
    PreferNoSchedule,
    /// `NoExecute`: running pods that do not tolerate it are evicted.
    NoExecute,
}

impl TaintEffect {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            TaintEffect::NoSchedule => "NoSchedule",
            TaintEffect::PreferNoSchedule => "PreferNoSchedule",
            TaintEffect::NoExecute => "NoExecute",
        }
    }
}

/// `v1.Taint`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Taint {
    /// `key`.
    pub key: String,
    /// `value` (empty when absent).
    pub value: String,
    /// `effect`.
    pub effect: TaintEffect,
    /// `timeAdded`: set for NoExecute taints; eviction deadlines count from it.
    pub time_added: Option<SimTime>,
}

impl Taint {
    /// A taint with no value and no `timeAdded`.
    pub fn new(key: &str, effect: TaintEffect) -> Self {
        Taint { key: key.to_owned(), value: String::new(), effect, time_added: None }
    }
}

/// `v1.TolerationOperator`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TolerationOperator {
    /// `Equal` (the default): key and value must match.
    #[default]
    Equal,
    /// `Exists`: any value matches.
    Exists,
}

/// `v1.Toleration`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Toleration {
    /// `key`; empty with `Exists` tolerates every taint.
    pub key: String,
    /// `operator`.
    pub operator: TolerationOperator,
    /// `value`.
    pub value: String,
    /// `effect`; `None` matches every effect.
    pub effect: Option<TaintEffect>,
    /// `tolerationSeconds`: for NoExecute, how long the pod stays after the taint appears.
    pub toleration_seconds: Option<i64>,
}

impl Toleration {
    /// Whether this toleration tolerates `taint`, by upstream's `ToleratesTaint` rules.
    pub fn tolerates(&self, taint: &Taint) -> bool {
        if self.effect.is_some_and(|e| e != taint.effect) {
            return false;
        }
        if !self.key.is_empty() && self.key != taint.key {
            return false;
        }
        match self.operator {
            TolerationOperator::Exists => true,
            TolerationOperator::Equal => self.value == taint.value,
        }
    }
}

/// Well-known taint keys the control plane manages.
pub mod taint_keys {
    /// Ready=False.
    pub const NOT_READY: &str = "node.kubernetes.io/not-ready";
    /// Ready=Unknown.
    pub const UNREACHABLE: &str = "node.kubernetes.io/unreachable";
    /// `spec.unschedulable` (cordon).
    pub const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
    /// MemoryPressure=True.
    pub const MEMORY_PRESSURE: &str = "node.kubernetes.io/memory-pressure";
    /// DiskPressure=True.
    pub const DISK_PRESSURE: &str = "node.kubernetes.io/disk-pressure";
    /// PIDPressure=True.
    pub const PID_PRESSURE: &str = "node.kubernetes.io/pid-pressure";
    /// NetworkUnavailable=True.
    pub const NETWORK_UNAVAILABLE: &str = "node.kubernetes.io/network-unavailable";
    /// Out-of-service: PodGC force-deletes terminating pods on such a node.
    pub const OUT_OF_SERVICE: &str = "node.kubernetes.io/out-of-service";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tol(
        key: &str,
        op: TolerationOperator,
        value: &str,
        effect: Option<TaintEffect>,
    ) -> Toleration {
        Toleration {
            key: key.into(),
            operator: op,
            value: value.into(),
            effect,
            toleration_seconds: None,
        }
    }

    #[test]
    fn toleration_rules_follow_the_docs() {
        let taint = Taint {
            key: "gpu".into(),
            value: "true".into(),
            effect: TaintEffect::NoSchedule,
            time_added: None,
        };
        use TolerationOperator::*;
        assert!(tol("gpu", Equal, "true", Some(TaintEffect::NoSchedule)).tolerates(&taint));
        assert!(!tol("gpu", Equal, "false", None).tolerates(&taint));
        assert!(tol("gpu", Exists, "", None).tolerates(&taint));
        assert!(tol("", Exists, "", None).tolerates(&taint), "empty key + Exists tolerates all");
        assert!(!tol("gpu", Exists, "", Some(TaintEffect::NoExecute)).tolerates(&taint));
        assert!(!tol("other", Exists, "", None).tolerates(&taint));
    }
}
