//! `profiles[].plugins`: enable/disable lists per extension point, merged with the default
//! plugins and expanded from `multiPoint` exactly as kube-scheduler does
//! (`mergePluginSet` in `pkg/scheduler/apis/config/v1/default_plugins.go`, then
//! `expandMultiPointPlugins` and `getScoreWeights` in the framework runtime).

use super::cx::Cx;
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        tree::Node,
    },
    scheduler::config::{PluginName, WeightedPlugin},
};

/// The extension points a configuration can list plugins under.
pub(crate) const EXTENSION_POINTS: [&str; 13] = [
    "multiPoint",
    "preEnqueue",
    "queueSort",
    "preFilter",
    "filter",
    "postFilter",
    "preScore",
    "score",
    "reserve",
    "permit",
    "preBind",
    "bind",
    "postBind",
];

/// Upstream plugins the simulator does not implement but may safely leave out: with no volumes,
/// no inter-pod affinity, no scheduling gates and no resource claims in any pod (the manifest
/// decoder refuses those), each of them passes every node and scores every node alike.
const NEUTRAL_PLUGINS: [&str; 7] = [
    "SchedulingGates",
    "VolumeRestrictions",
    "NodeVolumeLimits",
    "VolumeBinding",
    "VolumeZone",
    "InterPodAffinity",
    "DynamicResources",
];

/// A plugin known to upstream's default registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    Simulated(PluginName),
    Neutral(&'static str),
}

fn known(name: &str) -> Option<Known> {
    PluginName::from_name(name)
        .map(Known::Simulated)
        .or_else(|| NEUTRAL_PLUGINS.iter().find(|n| **n == name).map(|n| Known::Neutral(n)))
}

/// Whether upstream's plugin `name` implements extension point `point`.
fn implements(name: &str, point: &str) -> bool {
    let points: &[&str] = match name {
        "PrioritySort" => &["queueSort"],
        "NodeUnschedulable" | "NodeName" => &["filter"],
        "TaintToleration" => &["filter", "preScore", "score"],
        "NodeAffinity" | "PodTopologySpread" | "InterPodAffinity" | "NodeResourcesFit" => {
            &["preFilter", "filter", "preScore", "score"]
        }
        "NodePorts" | "VolumeRestrictions" | "NodeVolumeLimits" => &["preFilter", "filter"],
        "DefaultPreemption" => &["postFilter"],
        "NodeResourcesBalancedAllocation" => &["preScore", "score"],
        "ImageLocality" => &["score"],
        "DefaultBinder" => &["bind"],
        "SchedulingGates" => &["preEnqueue"],
        "VolumeBinding" => &["preFilter", "filter", "reserve", "preBind", "preScore", "score"],
        "VolumeZone" => &["preFilter", "filter", "preScore", "score"],
        "DynamicResources" => {
            &["preEnqueue", "preFilter", "filter", "postFilter", "reserve", "preBind"]
        }
        _ => &[],
    };
    points.contains(&point)
}

/// One `{name, weight}` entry of an `enabled` list.
#[derive(Clone, Debug)]
struct Plugin {
    name: String,
    weight: Option<i32>,
    /// Where the user listed it (position, index in its `enabled` list); `None` for defaults.
    origin: Option<(Pos, usize)>,
}

/// `enabled` and `disabled` of one extension point.
#[derive(Clone, Debug, Default)]
struct PluginSet {
    enabled: Vec<Plugin>,
    disabled: Vec<String>,
}

/// The default configuration: every default plugin through `multiPoint`, score plugins with
/// their default weights (`getDefaultPlugins`).
fn default_multi_point() -> PluginSet {
    let weighted =
        |name: &str, w: i32| Plugin { name: name.to_owned(), weight: Some(w), origin: None };
    let plain = |name: &str| Plugin { name: name.to_owned(), weight: None, origin: None };
    PluginSet {
        enabled: vec![
            plain("SchedulingGates"),
            plain("PrioritySort"),
            plain("NodeUnschedulable"),
            plain("NodeName"),
            weighted("TaintToleration", 3),
            weighted("NodeAffinity", 2),
            plain("NodePorts"),
            weighted("NodeResourcesFit", 1),
            plain("VolumeRestrictions"),
            plain("NodeVolumeLimits"),
            plain("VolumeBinding"),
            plain("VolumeZone"),
            weighted("PodTopologySpread", 2),
            weighted("InterPodAffinity", 2),
            plain("DefaultPreemption"),
            weighted("NodeResourcesBalancedAllocation", 1),
            weighted("ImageLocality", 1),
            plain("DefaultBinder"),
        ],
        disabled: Vec::new(),
    }
}

/// `mergePluginSet`: the user's disables remove defaults (`*` removes all), the user's enables
/// replace a default of the same name in place, the rest are appended.
fn merge(default: &PluginSet, custom: &PluginSet) -> PluginSet {
    let mut disabled = custom.disabled.clone();
    disabled.extend(default.disabled.iter().cloned());
    let all_disabled = disabled.iter().any(|d| d == "*");
    let mut replaced = vec![false; custom.enabled.len()];
    let mut enabled = Vec::new();
    if !all_disabled {
        for d in &default.enabled {
            if disabled.contains(&d.name) {
                continue;
            }
            match custom.enabled.iter().position(|c| c.name == d.name) {
                Some(i) => {
                    replaced[i] = true;
                    enabled.push(custom.enabled[i].clone());
                }
                None => enabled.push(d.clone()),
            }
        }
    }
    for (i, c) in custom.enabled.iter().enumerate() {
        if !replaced[i] {
            enabled.push(c.clone());
        }
    }
    PluginSet { enabled, disabled }
}

/// The resolved lists the simulator's [`crate::scheduler::config::Profile`] holds.
#[derive(Debug)]
pub(crate) struct Resolved {
    pub(crate) filter: Vec<PluginName>,
    pub(crate) score: Vec<WeightedPlugin>,
    pub(crate) post_filter: Vec<PluginName>,
}

/// Parses a profile's `plugins` (or its absence) and resolves it.
pub(crate) fn resolve(cx: &mut Cx<'_>, node: Option<&Node>, path: &Path<'_>, pos: Pos) -> Resolved {
    let mut sets: Vec<(&str, PluginSet)> =
        EXTENSION_POINTS.iter().map(|p| (*p, PluginSet::default())).collect();
    if let Some(entries) = node.and_then(|n| cx.map(n, path)) {
        for e in entries {
            match sets.iter_mut().find(|(name, _)| *name == &*e.key) {
                Some((_, set)) => *set = plugin_set(cx, &e.value, &path.field(&e.key)),
                None => cx.unknown(e, path),
            }
        }
    }
    let at = node.map_or(pos, |n| n.pos);
    let get = |point: &str| {
        sets.iter().find(|(n, _)| *n == point).map(|(_, s)| s.clone()).unwrap_or_default()
    };
    let multi = merge(&default_multi_point(), &get("multiPoint"));
    let mut out = Resolved { filter: Vec::new(), score: Vec::new(), post_filter: Vec::new() };
    for point in EXTENSION_POINTS.into_iter().skip(1) {
        let merged = merge(&PluginSet::default(), &get(point));
        let Some(names) = expand(cx, at, path, point, &merged, &multi) else { continue };
        match point {
            "filter" => out.filter = simulated(&names),
            "postFilter" => out.post_filter = simulated(&names),
            "score" => {
                out.score = weights(&names, &merged, &multi);
            }
            "queueSort" if names != ["PrioritySort"] => {
                cx.not_simulated(
                    at,
                    &path.field("queueSort"),
                    "a queue sort other than PrioritySort",
                );
            }
            "bind" if !names.iter().any(|n| n == "DefaultBinder") => {
                cx.not_simulated(at, &path.field("bind"), "binding without DefaultBinder");
            }
            _ => {}
        }
    }
    out
}

fn simulated(names: &[String]) -> Vec<PluginName> {
    names.iter().filter_map(|n| PluginName::from_name(n)).collect()
}

/// `getScoreWeights`: the score list's own weight wins over multiPoint's; 0 or none means 1.
fn weights(names: &[String], score: &PluginSet, multi: &PluginSet) -> Vec<WeightedPlugin> {
    let weight_of = |name: &str| {
        score
            .enabled
            .iter()
            .chain(multi.enabled.iter())
            .find(|p| p.name == name)
            .and_then(|p| p.weight)
            .filter(|w| *w > 0)
            .unwrap_or(1)
    };
    names
        .iter()
        .filter_map(|n| {
            let name = PluginName::from_name(n)?;
            Some(WeightedPlugin { name, weight: weight_of(n).unsigned_abs() })
        })
        .collect()
}

/// `updatePluginList` then `expandMultiPointPlugins` for one extension point: the point's own
/// plugins, with multiPoint plugins that implement it inserted as upstream orders them.
fn expand(
    cx: &mut Cx<'_>,
    at: Pos,
    path: &Path<'_>,
    point: &str,
    own: &PluginSet,
    multi: &PluginSet,
) -> Option<Vec<String>> {
    let pp = path.field(point);
    let mut enabled: Vec<String> = Vec::new();
    for p in &own.enabled {
        let problem = if known(&p.name).is_none() {
            Some(format!("{point} plugin {} does not exist", quote(&p.name)))
        } else if !implements(&p.name, point) {
            Some(format!("plugin {} does not extend {point} plugin", quote(&p.name)))
        } else if enabled.contains(&p.name) {
            Some(format!("plugin {} already registered as {point} plugin", quote(&p.name)))
        } else {
            None
        };
        if let Some(problem) = problem {
            let (pos, i) = p.origin.unwrap_or((at, 0));
            let ep = pp.field("enabled");
            cx.invalid(pos, &ep.index(i), quote(&p.name), problem);
            return None;
        }
        enabled.push(p.name.clone());
    }
    if own.disabled.iter().any(|d| d == "*") {
        return Some(enabled);
    }
    let (mut overrides, mut from_multi) = (Vec::new(), Vec::<String>::new());
    for p in &multi.enabled {
        if known(&p.name).is_none() {
            let mp = path.field("multiPoint");
            cx.invalid(
                at,
                &mp,
                quote(&p.name),
                format_args!("plugin {} does not exist", quote(&p.name)),
            );
            return None;
        }
        if !implements(&p.name, point) || own.disabled.contains(&p.name) {
            continue;
        }
        if enabled.contains(&p.name) {
            overrides.push(p.name.clone());
        } else if from_multi.contains(&p.name) {
            let (pos, i) = p.origin.unwrap_or((at, 0));
            let mp = path.field("multiPoint");
            let ep = mp.field("enabled");
            cx.invalid(
                pos,
                &ep.index(i),
                quote(&p.name),
                format_args!("plugin {} already registered as {point} plugin", quote(&p.name)),
            );
            return None;
        } else {
            from_multi.push(p.name.clone());
        }
    }
    let mut out = overrides;
    for n in from_multi.into_iter().chain(enabled) {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    Some(out)
}

fn plugin_set(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> PluginSet {
    let mut set = PluginSet::default();
    let Some(entries) = cx.map(node, path) else { return set };
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            "enabled" => set.enabled = plugins(cx, &e.value, &p, true),
            "disabled" => {
                set.disabled =
                    plugins(cx, &e.value, &p, false).into_iter().map(|p| p.name).collect()
            }
            _ => cx.unknown(e, path),
        }
    }
    set
}

fn plugins(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>, weighted: bool) -> Vec<Plugin> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let mut plugin = Plugin { name: String::new(), weight: None, origin: Some((item.pos, i)) };
        for e in entries {
            let fp = p.field(&e.key);
            match &*e.key {
                "name" => plugin.name = cx.string(&e.value, &fp).unwrap_or_default(),
                "weight" if weighted => plugin.weight = cx.i32_at_least(&e.value, &fp, 0),
                _ => cx.unknown(e, &p),
            }
        }
        if plugin.name.is_empty() {
            cx.required(item.pos, &p.field("name"));
            continue;
        }
        if plugin.name != "*" && known(&plugin.name).is_none() {
            cx.invalid(
                item.pos,
                &p.field("name"),
                quote(&plugin.name),
                format_args!("plugin {} does not exist", quote(&plugin.name)),
            );
            continue;
        }
        out.push(plugin);
    }
    out
}

/// Whether `name` is a plugin upstream's registry has (simulated or neutral).
pub(crate) fn is_known(name: &str) -> bool {
    known(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::config::Profile;

    fn set(enabled: &[(&str, Option<i32>)], disabled: &[&str]) -> PluginSet {
        PluginSet {
            enabled: enabled
                .iter()
                .map(|(n, w)| Plugin { name: (*n).into(), weight: *w, origin: None })
                .collect(),
            disabled: disabled.iter().map(|s| (*s).into()).collect(),
        }
    }

    #[test]
    fn merge_replaces_in_place_and_appends() {
        let default = set(&[("A", Some(1)), ("B", Some(2)), ("C", None)], &[]);
        let custom = set(&[("B", Some(5)), ("D", None)], &["C"]);
        let m = merge(&default, &custom);
        let names: Vec<(&str, Option<i32>)> =
            m.enabled.iter().map(|p| (p.name.as_str(), p.weight)).collect();
        assert_eq!(names, [("A", Some(1)), ("B", Some(5)), ("D", None)]);
        let star = merge(&default, &set(&[("D", None)], &["*"]));
        assert_eq!(star.enabled.len(), 1);
    }

    #[test]
    fn defaults_resolve_to_the_default_profile() {
        let mut sink = crate::manifest::diagnostic::Sink::default();
        let mut cx = Cx { sink: &mut sink };
        let r = resolve(&mut cx, None, &Path::ROOT, Pos::default());
        let d = Profile::default();
        assert_eq!(r.filter, d.filter);
        assert_eq!(r.score, d.score);
        assert_eq!(r.post_filter, d.post_filter);
        assert!(sink.into_vec().is_empty());
    }
}
