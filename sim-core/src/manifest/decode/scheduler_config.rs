//! `kubescheduler.config.k8s.io/v1` `KubeSchedulerConfiguration` → the first profile, resolved
//! into a [`Profile`].

use super::{cx::Cx, names, plugins};
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        tree::{Entry, Node},
    },
    model::ResourceName,
    scheduler::config::{
        BalancedAllocationArgs, NodeResourcesFitArgs, Profile, ResourceSpec, ScoringStrategyType,
    },
};

/// `MaxCustomPriorityScore`: the top of a RequestedToCapacityRatio shape's score axis.
const MAX_SHAPE_SCORE: i64 = 10;

/// Decodes a KubeSchedulerConfiguration document into its first profile.
pub(crate) fn configuration(cx: &mut Cx<'_>, entries: &[Entry], pos: Pos) -> Profile {
    let root = Path::ROOT;
    let mut profile = Profile::default();
    let mut global_pct = None;
    let (mut initial, mut max) = (None, None);
    let mut profiles = None;
    for e in entries {
        let p = root.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "apiVersion" | "kind" => {}
            "percentageOfNodesToScore" => global_pct = percentage(cx, v, &p),
            "podInitialBackoffSeconds" => initial = cx.int(v, &p).map(|n| (n, v.pos)),
            "podMaxBackoffSeconds" => max = cx.int(v, &p).map(|n| (n, v.pos)),
            "profiles" => profiles = Some(v),
            "extenders" if matches!(&v.kind, crate::manifest::tree::NodeKind::Seq(s) if s.is_empty()) =>
                {}
            "extenders" => cx.not_simulated(e.key_pos, &p, "scheduler extenders"),
            "parallelism" => cx.ignored(
                e,
                &root,
                "the simulator evaluates nodes one after another; results are the same",
            ),
            "leaderElection"
            | "clientConnection"
            | "healthzBindAddress"
            | "metricsBindAddress"
            | "enableProfiling"
            | "enableContentionProfiling"
            | "delayCacheUntilActive" => {
                cx.ignored(
                    e,
                    &root,
                    "there is one simulated scheduler and no process to configure",
                );
            }
            _ => cx.unknown(e, &root),
        }
    }
    backoff(cx, &mut profile, initial, max);
    let profile_pct = first_profile(cx, profiles, &mut profile, pos);
    profile.percentage_of_nodes_to_score = profile_pct.or(global_pct);
    profile
}

fn backoff(
    cx: &mut Cx<'_>,
    profile: &mut Profile,
    initial: Option<(i64, Pos)>,
    max: Option<(i64, Pos)>,
) {
    let root = Path::ROOT;
    if let Some((n, pos)) = initial {
        match u32::try_from(n) {
            Ok(v) if v > 0 => profile.pod_initial_backoff_seconds = v,
            _ => cx.invalid(
                pos,
                &root.field("podInitialBackoffSeconds"),
                n,
                "must be greater than 0",
            ),
        }
    }
    if let Some((n, pos)) = max {
        match u32::try_from(n) {
            Ok(v) if v >= profile.pod_initial_backoff_seconds => {
                profile.pod_max_backoff_seconds = v
            }
            _ => cx.invalid(
                pos,
                &root.field("podMaxBackoffSeconds"),
                n,
                "must be greater than or equal to PodInitialBackoffSeconds",
            ),
        }
    }
}

fn percentage(cx: &mut Cx<'_>, node: &Node, p: &Path<'_>) -> Option<u32> {
    let n = cx.int(node, p)?;
    match u32::try_from(n) {
        Ok(v) if v <= 100 => Some(v),
        _ => {
            cx.invalid(node.pos, p, n, "not in valid range [0-100]");
            None
        }
    }
}

/// Decodes `profiles[0]` into `profile`; returns its own percentageOfNodesToScore.
fn first_profile(
    cx: &mut Cx<'_>,
    node: Option<&Node>,
    profile: &mut Profile,
    pos: Pos,
) -> Option<u32> {
    let root = Path::ROOT;
    let path = root.field("profiles");
    let items = node.and_then(|n| cx.seq(n, &path)).unwrap_or_default();
    for (i, item) in items.iter().enumerate().skip(1) {
        cx.sink.field_warning(
            item.pos,
            &path.index(i),
            "ignored: only the first profile is simulated",
        );
    }
    let mut pct = None;
    let p0 = path.index(0);
    let Some(first) = items.first() else {
        let resolved = plugins::resolve(cx, None, &p0.field("plugins"), pos);
        apply(profile, resolved);
        return None;
    };
    let (mut plugins_node, mut config_node) = (None, None);
    for e in cx.map(first, &p0).unwrap_or_default() {
        let p = p0.field(&e.key);
        match &*e.key {
            "schedulerName" => {
                if let Some(s) = cx.string(&e.value, &p).filter(|s| !s.is_empty()) {
                    for m in names::dns1123_subdomain(&s) {
                        cx.invalid(e.value.pos, &p, quote(&s), m);
                    }
                    profile.scheduler_name = s;
                }
            }
            "percentageOfNodesToScore" => pct = percentage(cx, &e.value, &p),
            "plugins" => plugins_node = Some(&e.value),
            "pluginConfig" => config_node = Some(&e.value),
            _ => cx.unknown(e, &p0),
        }
    }
    let resolved = plugins::resolve(cx, plugins_node, &p0.field("plugins"), first.pos);
    apply(profile, resolved);
    if let Some(n) = config_node {
        plugin_config(cx, n, &p0.field("pluginConfig"), profile);
    }
    pct
}

fn apply(profile: &mut Profile, resolved: plugins::Resolved) {
    profile.filter = resolved.filter;
    profile.score = resolved.score;
    profile.post_filter = resolved.post_filter;
}

fn plugin_config(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>, profile: &mut Profile) {
    let Some(items) = cx.seq(node, path) else { return };
    let mut seen: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let (mut name, mut args) = (String::new(), None);
        for e in entries {
            let fp = p.field(&e.key);
            match &*e.key {
                "name" => name = cx.string(&e.value, &fp).unwrap_or_default(),
                "args" => args = Some(&e.value),
                _ => cx.unknown(e, &p),
            }
        }
        if seen.contains(&name) {
            cx.duplicate(item.pos, &p.field("name"), quote(&name));
            continue;
        }
        seen.push(name.clone());
        let ap = p.field("args");
        let args = args.filter(|a| !a.is_null());
        match name.as_str() {
            "" => cx.required(item.pos, &p.field("name")),
            "NodeResourcesFit" => {
                profile.node_resources_fit = fit_args(cx, args, &ap);
            }
            "NodeResourcesBalancedAllocation" => {
                profile.balanced_allocation = balanced_args(cx, args, &ap);
            }
            "NodeAffinity" if args.is_some_and(|a| a.get("addedAffinity").is_some()) => {
                cx.not_simulated(
                    item.pos,
                    &ap.field("addedAffinity"),
                    "affinity added by the scheduler",
                );
            }
            "PodTopologySpread" => spread_args(cx, args, &ap),
            other if plugins::is_known(other) => {
                if args.is_some() {
                    cx.sink.field_warning(
                        item.pos,
                        &ap,
                        format_args!("ignored: the arguments of {other} are not simulated"),
                    );
                }
            }
            other => cx.invalid(item.pos, &p.field("name"), quote(other), "no such plugin"),
        }
    }
}

/// The arguments every plugin's args may carry besides its own.
fn is_type_meta(key: &str) -> bool {
    matches!(key, "apiVersion" | "kind")
}

fn spread_args(cx: &mut Cx<'_>, args: Option<&Node>, path: &Path<'_>) {
    let Some(entries) = args.and_then(|a| cx.map(a, path)) else { return };
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            k if is_type_meta(k) => {}
            "defaultingType" => {
                if cx.one_of(&e.value, &p, &[("System", true), ("List", false)]) == Some(false) {
                    cx.not_simulated(
                        e.value.pos,
                        &p,
                        "defaultingType List; the system default constraints apply",
                    );
                }
            }
            "defaultConstraints" if matches!(&e.value.kind, crate::manifest::tree::NodeKind::Seq(s) if s.is_empty()) =>
                {}
            "defaultConstraints" => cx.not_simulated(
                e.key_pos,
                &p,
                "custom default constraints; the system default constraints apply",
            ),
            _ => cx.unknown(e, path),
        }
    }
}

const STRATEGIES: [&str; 3] = ["LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"];

/// `NodeResourcesFitArgs` with `SetDefaults_NodeResourcesFitArgs` and its validation.
fn fit_args(cx: &mut Cx<'_>, args: Option<&Node>, path: &Path<'_>) -> NodeResourcesFitArgs {
    let mut out = Profile::default().node_resources_fit;
    let Some(entries) = args.and_then(|a| cx.map(a, path)) else { return out };
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            k if is_type_meta(k) => {}
            "ignoredResources" => {
                out.ignored_resources = cx.strings(&e.value, &p);
                for (i, r) in out.ignored_resources.iter().enumerate() {
                    for m in names::qualified_name(r) {
                        cx.invalid(e.value.pos, &p.index(i), quote(r), m);
                    }
                }
            }
            "ignoredResourceGroups" => {
                out.ignored_resource_groups = cx.strings(&e.value, &p);
                for (i, g) in out.ignored_resource_groups.iter().enumerate() {
                    if g.contains('/') {
                        cx.invalid(
                            e.value.pos,
                            &p.index(i),
                            quote(g),
                            "resource group name can't contain '/'",
                        );
                    }
                    for m in names::qualified_name(g) {
                        cx.invalid(e.value.pos, &p.index(i), quote(g), m);
                    }
                }
            }
            "scoringStrategy" if !e.value.is_null() => {
                let (strategy, resources) = scoring_strategy(cx, &e.value, &p);
                out.strategy = strategy;
                out.resources = resources;
            }
            "scoringStrategy" => {}
            _ => cx.unknown(e, path),
        }
    }
    out
}

fn scoring_strategy(
    cx: &mut Cx<'_>,
    node: &Node,
    path: &Path<'_>,
) -> (ScoringStrategyType, Vec<ResourceSpec>) {
    let mut kind = String::new();
    let mut kind_pos = node.pos;
    let mut resources = Vec::new();
    let mut shape = None;
    for e in cx.map(node, path).unwrap_or_default() {
        let p = path.field(&e.key);
        match &*e.key {
            "type" => {
                kind = cx.string(&e.value, &p).unwrap_or_default();
                kind_pos = e.value.pos;
            }
            "resources" => resources = resource_specs(cx, &e.value, &p),
            "requestedToCapacityRatio" => {
                let rp = p.field("shape");
                for f in cx.map(&e.value, &p).unwrap_or_default() {
                    match &*f.key {
                        "shape" => shape = Some(shape_points(cx, &f.value, &rp)),
                        _ => cx.unknown(f, &p),
                    }
                }
            }
            _ => cx.unknown(e, path),
        }
    }
    if resources.is_empty() {
        resources = Profile::default().node_resources_fit.resources;
    }
    let strategy = match kind.as_str() {
        "LeastAllocated" => ScoringStrategyType::LeastAllocated,
        "MostAllocated" => ScoringStrategyType::MostAllocated,
        "RequestedToCapacityRatio" => {
            let rp = path.field("requestedToCapacityRatio");
            let shape = shape.unwrap_or_default();
            if shape.is_empty() {
                cx.required_because(
                    node.pos,
                    &rp.field("shape"),
                    "at least one point must be specified",
                );
            }
            ScoringStrategyType::RequestedToCapacityRatio { shape }
        }
        other => {
            cx.unsupported_value(kind_pos, &path.field("type"), other, &STRATEGIES);
            ScoringStrategyType::LeastAllocated
        }
    };
    (strategy, resources)
}

/// `resources: [{name, weight}]`: weight 0 or absent means 1; it must be in (0, 100].
fn resource_specs(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Vec<ResourceSpec> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let (mut name, mut weight) = (String::new(), 0i64);
        for e in cx.map(item, &p).unwrap_or_default() {
            let fp = p.field(&e.key);
            match &*e.key {
                "name" => name = cx.string(&e.value, &fp).unwrap_or_default(),
                "weight" => weight = cx.int(&e.value, &fp).unwrap_or(0),
                _ => cx.unknown(e, &p),
            }
        }
        if weight == 0 {
            weight = 1;
        }
        if !(1..=100).contains(&weight) {
            cx.invalid(
                item.pos,
                &p.field("weight"),
                weight,
                format_args!("resource weight of {name} not in valid range (0, 100]"),
            );
        }
        if name.is_empty() {
            cx.required(item.pos, &p.field("name"));
            continue;
        }
        out.push(ResourceSpec { name: ResourceName::from_name(&name), weight });
    }
    out
}

fn shape_points(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Vec<(i64, i64)> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let (mut utilization, mut score) = (0, 0);
        for e in cx.map(item, &p).unwrap_or_default() {
            let fp = p.field(&e.key);
            match &*e.key {
                "utilization" => utilization = cx.int(&e.value, &fp).unwrap_or(0),
                "score" => score = cx.int(&e.value, &fp).unwrap_or(0),
                _ => cx.unknown(e, &p),
            }
        }
        if !(0..=100).contains(&utilization) {
            cx.invalid(
                item.pos,
                &p.field("utilization"),
                utilization,
                "not in valid range [0, 100]",
            );
        }
        if !(0..=MAX_SHAPE_SCORE).contains(&score) {
            cx.invalid(
                item.pos,
                &p.field("score"),
                score,
                format_args!("not in valid range [0, {MAX_SHAPE_SCORE}]"),
            );
        }
        if out.last().is_some_and(|(u, _)| *u >= utilization) {
            cx.invalid(
                item.pos,
                &p.field("utilization"),
                utilization,
                "Utilization values must be sorted in increasing order",
            );
        }
        out.push((utilization, score));
    }
    out
}

/// `NodeResourcesBalancedAllocationArgs`.
fn balanced_args(cx: &mut Cx<'_>, args: Option<&Node>, path: &Path<'_>) -> BalancedAllocationArgs {
    let mut out = Profile::default().balanced_allocation;
    let Some(entries) = args.and_then(|a| cx.map(a, path)) else { return out };
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            k if is_type_meta(k) => {}
            "resources" => {
                let resources = resource_specs(cx, &e.value, &p);
                if !resources.is_empty() {
                    out.resources = resources;
                }
            }
            _ => cx.unknown(e, path),
        }
    }
    out
}
