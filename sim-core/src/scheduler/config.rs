//! The scheduler's configuration: one profile of `kubescheduler.config.k8s.io/v1`
//! `KubeSchedulerConfiguration`, already resolved (defaults applied, enable/disable lists
//! merged), so the scheduler never re-interprets YAML.

use crate::model::ResourceName;
use serde::{Deserialize, Serialize};

/// The plugins this simulator implements, named as upstream names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PluginName {
    /// `PrioritySort` (queueSort).
    PrioritySort,
    /// `NodeUnschedulable` (filter).
    NodeUnschedulable,
    /// `NodeName` (filter).
    NodeName,
    /// `TaintToleration` (filter, preScore, score; weight 3).
    TaintToleration,
    /// `NodeAffinity` (preFilter, filter, preScore, score; weight 2).
    NodeAffinity,
    /// `NodePorts` (preFilter, filter).
    NodePorts,
    /// `NodeResourcesFit` (preFilter, filter, score; weight 1).
    NodeResourcesFit,
    /// `PodTopologySpread` (preFilter, filter, preScore, score; weight 2).
    PodTopologySpread,
    /// `DefaultPreemption` (postFilter).
    DefaultPreemption,
    /// `NodeResourcesBalancedAllocation` (preScore, score; weight 1).
    NodeResourcesBalancedAllocation,
    /// `ImageLocality` (score; weight 1).
    ImageLocality,
    /// `DefaultBinder` (bind).
    DefaultBinder,
}

impl PluginName {
    /// Every plugin, in upstream's default order (`default_plugins.go`).
    pub const ALL: [PluginName; 12] = [
        PluginName::PrioritySort,
        PluginName::NodeUnschedulable,
        PluginName::NodeName,
        PluginName::TaintToleration,
        PluginName::NodeAffinity,
        PluginName::NodePorts,
        PluginName::NodeResourcesFit,
        PluginName::PodTopologySpread,
        PluginName::DefaultPreemption,
        PluginName::NodeResourcesBalancedAllocation,
        PluginName::ImageLocality,
        PluginName::DefaultBinder,
    ];

    /// The name as upstream spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PluginName::PrioritySort => "PrioritySort",
            PluginName::NodeUnschedulable => "NodeUnschedulable",
            PluginName::NodeName => "NodeName",
            PluginName::TaintToleration => "TaintToleration",
            PluginName::NodeAffinity => "NodeAffinity",
            PluginName::NodePorts => "NodePorts",
            PluginName::NodeResourcesFit => "NodeResourcesFit",
            PluginName::PodTopologySpread => "PodTopologySpread",
            PluginName::DefaultPreemption => "DefaultPreemption",
            PluginName::NodeResourcesBalancedAllocation => "NodeResourcesBalancedAllocation",
            PluginName::ImageLocality => "ImageLocality",
            PluginName::DefaultBinder => "DefaultBinder",
        }
    }

    /// The plugin called `name`, if this simulator implements it.
    pub fn from_name(name: &str) -> Option<Self> {
        PluginName::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The default score weight, or `None` for plugins that do not score
    /// (`pkg/scheduler/apis/config/v1/default_plugins.go`).
    pub fn default_score_weight(self) -> Option<u32> {
        match self {
            PluginName::TaintToleration => Some(3),
            PluginName::NodeAffinity | PluginName::PodTopologySpread => Some(2),
            PluginName::NodeResourcesFit
            | PluginName::NodeResourcesBalancedAllocation
            | PluginName::ImageLocality => Some(1),
            _ => None,
        }
    }

    /// Whether the plugin has a Filter (and so PreFilter) extension point.
    pub fn filters(self) -> bool {
        matches!(
            self,
            PluginName::NodeUnschedulable
                | PluginName::NodeName
                | PluginName::TaintToleration
                | PluginName::NodeAffinity
                | PluginName::NodePorts
                | PluginName::NodeResourcesFit
                | PluginName::PodTopologySpread
        )
    }
}

/// A score plugin and its weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightedPlugin {
    /// The plugin.
    pub name: PluginName,
    /// Its weight (upstream allows 1–100 in configuration; 0 is invalid).
    pub weight: u32,
}

/// `NodeResourcesFitArgs.scoringStrategy.type` and its parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoringStrategyType {
    /// `LeastAllocated` (the default): prefer emptier nodes.
    LeastAllocated,
    /// `MostAllocated`: bin-pack.
    MostAllocated,
    /// `RequestedToCapacityRatio` with its `shape`: (utilization 0–100, score 0–10) points,
    /// sorted by utilization.
    RequestedToCapacityRatio {
        /// `requestedToCapacityRatio.shape`.
        shape: Vec<(i64, i64)>,
    },
}

/// A resource and its weight in a scoring strategy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceSpec {
    /// `name`.
    pub name: ResourceName,
    /// `weight` (default 1).
    pub weight: i64,
}

/// `NodeResourcesFitArgs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeResourcesFitArgs {
    /// `scoringStrategy.type`.
    pub strategy: ScoringStrategyType,
    /// `scoringStrategy.resources` (default cpu:1, memory:1).
    pub resources: Vec<ResourceSpec>,
    /// `ignoredResources`: extended resources the filter does not check.
    pub ignored_resources: Vec<String>,
    /// `ignoredResourceGroups`: prefixes (`example.com`) of ignored extended resources.
    pub ignored_resource_groups: Vec<String>,
}

/// `NodeResourcesBalancedAllocationArgs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalancedAllocationArgs {
    /// `resources` (default cpu:1, memory:1; weights are ignored upstream).
    pub resources: Vec<ResourceSpec>,
}

/// One resolved scheduling profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// `schedulerName` (default `default-scheduler`).
    pub scheduler_name: String,
    /// `percentageOfNodesToScore`, profile value or else the global one; `None` or `Some(0)`
    /// means adaptive (`max(5, 50 - nodes/125)`).
    pub percentage_of_nodes_to_score: Option<u32>,
    /// Filter plugins (their PreFilter runs too), in order.
    pub filter: Vec<PluginName>,
    /// Score plugins (their PreScore and NormalizeScore run too), in order, with weights.
    pub score: Vec<WeightedPlugin>,
    /// PostFilter plugins (DefaultPreemption).
    pub post_filter: Vec<PluginName>,
    /// `NodeResourcesFit` arguments.
    pub node_resources_fit: NodeResourcesFitArgs,
    /// `NodeResourcesBalancedAllocation` arguments.
    pub balanced_allocation: BalancedAllocationArgs,
    /// `podInitialBackoffSeconds` (1).
    pub pod_initial_backoff_seconds: u32,
    /// `podMaxBackoffSeconds` (10).
    pub pod_max_backoff_seconds: u32,
}

fn cpu_and_memory() -> Vec<ResourceSpec> {
    vec![
        ResourceSpec { name: ResourceName::Cpu, weight: 1 },
        ResourceSpec { name: ResourceName::Memory, weight: 1 },
    ]
}

impl Default for Profile {
    /// Upstream's default profile (v1.32+): every implemented default plugin, default weights,
    /// LeastAllocated on cpu and memory, adaptive percentageOfNodesToScore, backoff 1–10 s.
    fn default() -> Self {
        Profile {
            scheduler_name: crate::model::pod::DEFAULT_SCHEDULER_NAME.to_owned(),
            percentage_of_nodes_to_score: None,
            filter: PluginName::ALL.into_iter().filter(|p| p.filters()).collect(),
            score: PluginName::ALL
                .into_iter()
                .filter_map(|name| {
                    name.default_score_weight().map(|weight| WeightedPlugin { name, weight })
                })
                .collect(),
            post_filter: vec![PluginName::DefaultPreemption],
            node_resources_fit: NodeResourcesFitArgs {
                strategy: ScoringStrategyType::LeastAllocated,
                resources: cpu_and_memory(),
                ignored_resources: Vec::new(),
                ignored_resource_groups: Vec::new(),
            },
            balanced_allocation: BalancedAllocationArgs { resources: cpu_and_memory() },
            pod_initial_backoff_seconds: 1,
            pod_max_backoff_seconds: 10,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_weights_sum_to_ten_without_inter_pod_affinity() {
        // Upstream's default total is 12 including InterPodAffinity (2), which this simulator
        // does not implement.
        let total: u32 = Profile::default().score.iter().map(|p| p.weight).sum();
        assert_eq!(total, 10);
    }

    #[test]
    fn names_round_trip() {
        for p in PluginName::ALL {
            assert_eq!(PluginName::from_name(p.as_str()), Some(p));
        }
    }
}
