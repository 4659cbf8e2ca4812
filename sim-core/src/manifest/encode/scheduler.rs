//! A resolved scheduler [`Profile`] as a `KubeSchedulerConfiguration`.

use super::value::{Obj, Value};
use crate::scheduler::config::{PluginName, Profile, ResourceSpec, ScoringStrategyType};

const API_VERSION: &str = "kubescheduler.config.k8s.io/v1";

/// The profile as a configuration that reads back to exactly this profile: `multiPoint`
/// disables every default (`*`) but the queue sort and binder, and each extension point lists
/// its plugins explicitly, in order, with score weights.
pub(crate) fn configuration(p: &Profile) -> Value {
    let plain = |names: &[PluginName]| {
        let enabled: Vec<Value> =
            names.iter().map(|n| Obj::new().put("name", n.as_str()).build()).collect();
        Obj::new().put("enabled", Value::Array(enabled)).build()
    };
    let score: Vec<Value> = p
        .score
        .iter()
        .map(|w| Obj::new().put("name", w.name.as_str()).put("weight", w.weight).build())
        .collect();
    let multi_point = Obj::new()
        .put(
            "enabled",
            Value::Array(vec![
                Obj::new().put("name", "PrioritySort").build(),
                Obj::new().put("name", "DefaultBinder").build(),
            ]),
        )
        .put("disabled", Value::Array(vec![Obj::new().put("name", "*").build()]))
        .build();
    let plugins = Obj::new()
        .put("multiPoint", multi_point)
        .put("filter", plain(&p.filter))
        .put("score", Obj::new().put("enabled", Value::Array(score)).build())
        .put("postFilter", plain(&p.post_filter))
        .build();
    let fit = &p.node_resources_fit;
    let mut strategy = Obj::new().put("resources", resources(&fit.resources));
    strategy = match &fit.strategy {
        ScoringStrategyType::LeastAllocated => strategy.put("type", "LeastAllocated"),
        ScoringStrategyType::MostAllocated => strategy.put("type", "MostAllocated"),
        ScoringStrategyType::RequestedToCapacityRatio { shape } => {
            let points: Vec<Value> = shape
                .iter()
                .map(|(u, s)| Obj::new().put("utilization", *u).put("score", *s).build())
                .collect();
            strategy.put("type", "RequestedToCapacityRatio").put(
                "requestedToCapacityRatio",
                Obj::new().put("shape", Value::Array(points)).build(),
            )
        }
    };
    let fit_args = Obj::new()
        .put("apiVersion", API_VERSION)
        .put("kind", "NodeResourcesFitArgs")
        .put("scoringStrategy", strategy.build())
        .coll(
            "ignoredResources",
            Value::Array(fit.ignored_resources.iter().map(Value::from).collect()),
        )
        .coll(
            "ignoredResourceGroups",
            Value::Array(fit.ignored_resource_groups.iter().map(Value::from).collect()),
        )
        .build();
    let balanced_args = Obj::new()
        .put("apiVersion", API_VERSION)
        .put("kind", "NodeResourcesBalancedAllocationArgs")
        .put("resources", resources(&p.balanced_allocation.resources))
        .build();
    let plugin_config = Value::Array(vec![
        Obj::new().put("name", "NodeResourcesFit").put("args", fit_args).build(),
        Obj::new()
            .put("name", "NodeResourcesBalancedAllocation")
            .put("args", balanced_args)
            .build(),
    ]);
    let profile = Obj::new()
        .put("schedulerName", &p.scheduler_name)
        .opt("percentageOfNodesToScore", p.percentage_of_nodes_to_score)
        .put("plugins", plugins)
        .put("pluginConfig", plugin_config)
        .build();
    Obj::new()
        .put("apiVersion", API_VERSION)
        .put("kind", "KubeSchedulerConfiguration")
        .put("podInitialBackoffSeconds", p.pod_initial_backoff_seconds)
        .put("podMaxBackoffSeconds", p.pod_max_backoff_seconds)
        .put("profiles", Value::Array(vec![profile]))
        .build()
}

fn resources(list: &[ResourceSpec]) -> Value {
    Value::Array(
        list.iter()
            .map(|r| Obj::new().put("name", r.name.as_str()).put("weight", r.weight).build())
            .collect(),
    )
}
