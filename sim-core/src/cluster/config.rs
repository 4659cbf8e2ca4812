//! Cluster configuration: node pools, control-plane timings and the simulator's own latencies.
//!
//! Every default here is an upstream default (see `shared/reference/kubernetes.md`) unless
//! its doc comment says it is a simulator parameter.

use crate::{model::resources::RESOURCE_NVIDIA_GPU, scheduler::config::Profile};
use serde::{Deserialize, Serialize};

/// The shape of a machine in a node pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeShape {
    /// CPU capacity in millicores.
    pub cpu_millis: i64,
    /// Memory capacity in bytes.
    pub memory_bytes: i64,
    /// `kubernetes.io/arch`: `amd64` or `arm64`.
    pub arch: String,
    /// `nvidia.com/gpu` capacity (0 for none).
    pub gpus: i64,
    /// kubelet `maxPods` (110 by default).
    pub max_pods: i64,
    /// Image download bandwidth in bytes per second (a simulator parameter: pull time is
    /// `size / bandwidth` plus registry round trips).
    pub pull_bandwidth_bytes_per_sec: i64,
}

impl NodeShape {
    /// A general-purpose amd64 VM: 4 vCPU, 16 GiB (an `m5.xlarge`-like machine).
    pub fn cpu() -> Self {
        NodeShape {
            cpu_millis: 4000,
            memory_bytes: 16 << 30,
            arch: "amd64".into(),
            gpus: 0,
            max_pods: 110,
            pull_bandwidth_bytes_per_sec: 25_000_000,
        }
    }

    /// A GPU machine: 8 vCPU, 32 GiB, one `nvidia.com/gpu`.
    pub fn gpu() -> Self {
        NodeShape { cpu_millis: 8000, memory_bytes: 32 << 30, gpus: 1, ..NodeShape::cpu() }
    }

    /// A Raspberry Pi 4: arm64, 4 cores, 4 GiB, a slow network.
    pub fn raspberry_pi() -> Self {
        NodeShape {
            cpu_millis: 4000,
            memory_bytes: 4 << 30,
            arch: "arm64".into(),
            gpus: 0,
            max_pods: 110,
            pull_bandwidth_bytes_per_sec: 5_000_000,
        }
    }
}

/// Which preset a pool uses; decides its default taints as well as its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PoolKind {
    /// General-purpose amd64 nodes.
    Cpu,
    /// GPU nodes: `nvidia.com/gpu` capacity and a `nvidia.com/gpu=present:NoSchedule` taint,
    /// as GKE and AKS put on GPU pools so ordinary pods stay off them.
    Gpu,
    /// Raspberry Pi arm64 nodes with little memory.
    Pi,
}

impl PoolKind {
    /// The preset shape.
    pub fn shape(self) -> NodeShape {
        match self {
            PoolKind::Cpu => NodeShape::cpu(),
            PoolKind::Gpu => NodeShape::gpu(),
            PoolKind::Pi => NodeShape::raspberry_pi(),
        }
    }

    /// The name as scenario files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            PoolKind::Cpu => "cpu",
            PoolKind::Gpu => "gpu",
            PoolKind::Pi => "pi",
        }
    }

    /// Parses `cpu`, `gpu` or `pi`.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "cpu" => Some(PoolKind::Cpu),
            "gpu" => Some(PoolKind::Gpu),
            "pi" => Some(PoolKind::Pi),
            _ => None,
        }
    }

    /// Taints every node of such a pool starts with.
    pub fn default_taints(self) -> Vec<(String, String, crate::model::TaintEffect)> {
        match self {
            PoolKind::Gpu => vec![(
                RESOURCE_NVIDIA_GPU.to_owned(),
                "present".to_owned(),
                crate::model::TaintEffect::NoSchedule,
            )],
            PoolKind::Cpu | PoolKind::Pi => Vec::new(),
        }
    }
}

/// A group of identical nodes (`node-1`, `node-2`, … or `<pool>-1`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodePool {
    /// Pool name, put in the `node.kubernetes.io/pool` label.
    pub name: String,
    /// How many nodes.
    pub count: u32,
    /// Preset.
    pub kind: PoolKind,
    /// The machine shape (starts as the preset's).
    pub shape: NodeShape,
    /// Zones the nodes are spread over round-robin (`topology.kubernetes.io/zone`).
    pub zones: Vec<String>,
    /// Node name prefix; nodes are `<prefix>-<n>`.
    pub name_prefix: String,
}

impl NodePool {
    /// A pool of `count` nodes of `kind`, all in zone `zone-a`, named `<name>-<n>`.
    pub fn new(name: &str, kind: PoolKind, count: u32) -> Self {
        NodePool {
            name: name.to_owned(),
            count,
            kind,
            shape: kind.shape(),
            zones: vec!["zone-a".to_owned()],
            name_prefix: name.to_owned(),
        }
    }
}

/// Control-plane and kubelet timings. Upstream defaults unless noted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    /// kubelet Lease renew interval: 0.25 × 40 s.
    pub lease_renew_ms: u64,
    /// kubelet `nodeStatusUpdateFrequency`.
    pub node_status_update_ms: u64,
    /// kubelet `nodeStatusReportFrequency`: a status is written at least this often.
    pub node_status_report_ms: u64,
    /// kube-controller-manager `--node-monitor-period`.
    pub node_monitor_period_ms: u64,
    /// `--node-monitor-grace-period` (50 s since v1.32).
    pub node_monitor_grace_ms: u64,
    /// `--node-startup-grace-period`.
    pub node_startup_grace_ms: u64,
    /// `--node-eviction-rate` in milli-nodes per second (0.1/s).
    pub node_eviction_rate_millis: u64,
    /// `--secondary-node-eviction-rate` in milli-nodes per second (0.01/s).
    pub secondary_node_eviction_rate_millis: u64,
    /// `--unhealthy-zone-threshold` in percent (55).
    pub unhealthy_zone_threshold_percent: u64,
    /// `--large-cluster-size-threshold`.
    pub large_cluster_size_threshold: usize,
    /// kube-apiserver `--default-not-ready-toleration-seconds` and
    /// `--default-unreachable-toleration-seconds`.
    pub default_toleration_seconds: i64,
    /// PodGC `gcCheckPeriod`.
    pub pod_gc_period_ms: u64,
    /// `--terminated-pod-gc-threshold`.
    pub terminated_pod_gc_threshold: usize,
    /// kube-apiserver `--event-ttl`.
    pub event_ttl_ms: u64,
    /// Simulator parameter: watch delivery latency from an API write to an informer.
    pub watch_latency_ms: u64,
    /// Simulator parameter: simulated time one scheduling cycle takes.
    pub scheduling_cycle_ms: u64,
    /// Simulator parameter: latency of the scheduler's Binding API call.
    pub bind_latency_ms: u64,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            lease_renew_ms: 10_000,
            node_status_update_ms: 10_000,
            node_status_report_ms: 300_000,
            node_monitor_period_ms: 5_000,
            node_monitor_grace_ms: 50_000,
            node_startup_grace_ms: 60_000,
            node_eviction_rate_millis: 100,
            secondary_node_eviction_rate_millis: 10,
            unhealthy_zone_threshold_percent: 55,
            large_cluster_size_threshold: 50,
            default_toleration_seconds: 300,
            pod_gc_period_ms: 20_000,
            terminated_pod_gc_threshold: 12_500,
            event_ttl_ms: 3_600_000,
            watch_latency_ms: 5,
            scheduling_cycle_ms: 1,
            bind_latency_ms: 5,
        }
    }
}

/// Everything needed to start a simulated cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// Node pools created at time zero.
    pub pools: Vec<NodePool>,
    /// Timings.
    pub timings: Timings,
    /// The scheduler profile.
    pub profile: Profile,
    /// Record component activity (API requests, watch deliveries, scheduling attempts) in the
    /// event log, not just Kubernetes Events. The UI animates these; benchmarks may turn them
    /// off.
    pub record_activity: bool,
    /// How many full scheduling attempts (with per-node explanations) to keep for the UI.
    pub attempts_kept: usize,
}

impl Default for ClusterConfig {
    /// Three general-purpose nodes `node-1`…`node-3` in one zone.
    fn default() -> Self {
        ClusterConfig {
            pools: vec![NodePool::new("node", PoolKind::Cpu, 3)],
            timings: Timings::default(),
            profile: Profile::default(),
            record_activity: true,
            attempts_kept: 256,
        }
    }
}
