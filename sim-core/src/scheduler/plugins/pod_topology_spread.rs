//! `PodTopologySpread`: spreads matching pods over topology domains (nodes, zones).
//!
//! - The pod's own `topologySpreadConstraints`: `DoNotSchedule` ones filter, `ScheduleAnyway`
//!   ones score.
//! - A pod with no constraints of its own gets the **system defaults**
//!   (`defaultingType: System`): hostname `maxSkew: 3` and zone `maxSkew: 5`, both
//!   ScheduleAnyway, with a selector built from the Services and the ReplicaSet that select or
//!   own the pod (upstream's `helper.DefaultSelector`). No such owner, no constraints: PreScore skips.
//!
//! Filter (`filtering.go`): for each constraint, `matching pods in the node's domain + (1 if
//! the pod matches itself) - global minimum > maxSkew` rejects the node. Domains are counted
//! over the nodes that match the pod's required node affinity and carry every topology key;
//! with fewer domains than `minDomains` the global minimum is 0.
//!
//! Score (`scoring.go`): per constraint the node earns `count × ln(domains + 2) + maxSkew - 1`,
//! summed and rounded; NormalizeScore maps the sums to `100 × (max + min - s) / max`, so the
//! node with the fewest matching pods nearby scores highest.
//!
//! Simplified: `nodeAffinityPolicy`/`nodeTaintsPolicy` are fixed at their defaults (Honor /
//! Ignore) and `matchLabelKeys` is not supported; preemption's dry runs do not update the
//! spread counts for removed victims.

use super::{NodeRef, node_affinity::Required};
use crate::{
    model::{
        LabelSelector, Labels, Pod,
        meta::{LABEL_HOSTNAME, LABEL_ZONE, LabelSelectorOperator, LabelSelectorRequirement},
        pod::UnsatisfiableConstraintAction,
    },
    scheduler::{
        cache::{Cache, flags, spread::SelectorId},
        framework::{Code, MAX_NODE_SCORE, Reason},
    },
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The plugin's name.
pub const NAME: &str = "PodTopologySpread";

/// The system default constraints: (topology key, maxSkew), both ScheduleAnyway.
pub const SYSTEM_DEFAULT_CONSTRAINTS: [(&str, i32); 2] = [(LABEL_HOSTNAME, 3), (LABEL_ZONE, 5)];

/// A topology key, with the two the cache indexes singled out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TopoKey {
    Hostname,
    Zone,
    Other(String),
}

impl TopoKey {
    fn of(key: &str) -> Self {
        match key {
            LABEL_HOSTNAME => TopoKey::Hostname,
            LABEL_ZONE => TopoKey::Zone,
            other => TopoKey::Other(other.to_owned()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            TopoKey::Hostname => LABEL_HOSTNAME,
            TopoKey::Zone => LABEL_ZONE,
            TopoKey::Other(s) => s,
        }
    }
}

/// One constraint, resolved.
#[derive(Clone, Debug)]
pub(crate) struct Constraint {
    pub(crate) max_skew: i32,
    pub(crate) key: TopoKey,
    /// `None`: no label selector, which matches no pod.
    pub(crate) selector: Option<SelectorId>,
    /// Whether the incoming pod matches the selector itself.
    pub(crate) self_match: bool,
    pub(crate) min_domains: i32,
}

/// The Services and ReplicaSets whose selectors make up the default spreading selector
/// (upstream reads them from informers; the engine tells the scheduler about them).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct SpreadOwners {
    /// (namespace, name) → `spec.selector` (`None`: a Service without selector).
    #[serde(with = "crate::scheduler::serde_pairs")]
    pub(crate) services: BTreeMap<(String, String), Option<Labels>>,
    /// (namespace, name) → `spec.selector`.
    #[serde(with = "crate::scheduler::serde_pairs")]
    pub(crate) replica_sets: BTreeMap<(String, String), LabelSelector>,
    /// Bumped on every change, to invalidate memoized selectors.
    pub(crate) generation: u64,
}

/// `helper.DefaultSelector`: the labels of every Service selecting the pod, merged, plus the
/// requirements of the ReplicaSet controlling it. `None` when that is empty.
///
/// Simplified: ReplicationControllers and StatefulSets are not modelled.
pub(crate) fn default_selector(owners: &SpreadOwners, pod: &Pod) -> Option<LabelSelector> {
    let ns = pod.metadata.namespace.as_str();
    let labels = &pod.metadata.labels;
    let mut merged = Labels::new();
    let range = (ns.to_owned(), String::new())..;
    for ((svc_ns, _), selector) in owners.services.range(range) {
        if svc_ns != ns {
            break;
        }
        // A Service without a selector matches nothing; an empty one matches everything
        // but adds no label.
        if let Some(sel) = selector
            && sel.is_subset_of(labels)
        {
            for (k, v) in sel.iter() {
                merged.insert(k, v);
            }
        }
    }
    let mut selector = LabelSelector::from_labels(merged);
    if let Some(owner) = pod.metadata.controller_ref()
        && owner.kind == "ReplicaSet"
        && owner.api_version == "apps/v1"
        && let Some(rs) = owners.replica_sets.get(&(ns.to_owned(), owner.name.clone()))
    {
        for (k, v) in rs.match_labels.iter() {
            match selector.match_labels.get(k) {
                Some(existing) if existing != v => {
                    // Both requirements must hold: keep the second as an expression.
                    selector.match_expressions.push(LabelSelectorRequirement {
                        key: k.to_owned(),
                        operator: LabelSelectorOperator::In,
                        values: vec![v.to_owned()],
                    });
                }
                _ => {
                    selector.match_labels.insert(k, v);
                }
            }
        }
        selector.match_expressions.extend(rs.match_expressions.iter().cloned());
    }
    if selector.is_empty() { None } else { Some(selector) }
}

/// The pod's own constraints with `action`.
pub(crate) fn user_constraints(
    cache: &mut Cache,
    pod: &Pod,
    ns: u32,
    action: UnsatisfiableConstraintAction,
) -> Vec<Constraint> {
    pod.spec
        .topology_spread_constraints
        .iter()
        .filter(|c| c.when_unsatisfiable == action)
        .map(|c| Constraint {
            max_skew: c.max_skew,
            key: TopoKey::of(&c.topology_key),
            selector: c.label_selector.as_ref().map(|s| cache.selector_id(ns, s)),
            self_match: c.label_selector.as_ref().is_some_and(|s| s.matches(&pod.metadata.labels)),
            min_domains: c.min_domains.unwrap_or(1),
        })
        .collect()
}

/// The system default constraints for a pod whose default selector is `selector`.
pub(crate) fn system_default_constraints(
    selector: SelectorId,
    self_match: bool,
) -> Vec<Constraint> {
    SYSTEM_DEFAULT_CONSTRAINTS
        .iter()
        .map(|&(key, max_skew)| Constraint {
            max_skew,
            key: TopoKey::of(key),
            selector: Some(selector),
            self_match,
            min_domains: 1,
        })
        .collect()
}

fn count_on(cache: &Cache, c: &Constraint, slot: u32) -> i64 {
    c.selector.and_then(|s| cache.spread.get(s)).map_or(0, |s| i64::from(s.on_node(slot)))
}

fn has_all_keys(labels: &Labels, cons: &[Constraint]) -> bool {
    cons.iter().all(|c| labels.contains_key(c.key.as_str()))
}

/// PreFilter state for the DoNotSchedule constraints.
#[derive(Clone, Debug)]
pub(crate) struct FilterState {
    cons: Vec<Constraint>,
    /// Per constraint: domain value → matching pods.
    domains: Vec<BTreeMap<String, i64>>,
    /// Per constraint: the global minimum (0 when there are fewer domains than minDomains).
    min_match: Vec<i64>,
}

/// PreFilter: counts matching pods per domain over eligible nodes. `None` when the pod has no
/// DoNotSchedule constraint (Skip).
pub(crate) fn pre_filter(
    cache: &mut Cache,
    required: &Required<'_>,
    cons: Vec<Constraint>,
) -> Option<FilterState> {
    if cons.is_empty() {
        return None;
    }
    let mut domains: Vec<BTreeMap<String, i64>> = vec![BTreeMap::new(); cons.len()];
    let order: Vec<u32> = cache.order().to_vec();
    for slot in order {
        let Some(cold) = cache.cold.get(slot as usize) else { continue };
        if !required.matches(&cold.labels, cache.name(slot)) || !has_all_keys(&cold.labels, &cons) {
            continue;
        }
        for (i, c) in cons.iter().enumerate() {
            let value = cold.labels.get(c.key.as_str()).unwrap_or("");
            let count = count_on(cache, c, slot);
            if let Some(d) = domains.get_mut(i) {
                *d.entry(value.to_owned()).or_default() += count;
            }
        }
    }
    let min_match = cons
        .iter()
        .zip(&domains)
        .map(|(c, d)| {
            if (d.len() as i64) < i64::from(c.min_domains) {
                0
            } else {
                d.values().copied().min().unwrap_or(i64::from(i32::MAX))
            }
        })
        .collect();
    Some(FilterState { cons, domains, min_match })
}

/// Filter.
pub(crate) fn filter(state: &FilterState, node: NodeRef<'_>, out: &mut Vec<Reason>) -> Code {
    for ((c, domains), min) in state.cons.iter().zip(&state.domains).zip(&state.min_match) {
        let Some(value) = node.cold.labels.get(c.key.as_str()) else {
            out.push(Reason::SpreadMissingLabel);
            return Code::UnschedulableAndUnresolvable;
        };
        let matching = domains.get(value).copied().unwrap_or(0);
        let skew = matching + i64::from(c.self_match) - min;
        if skew > i64::from(c.max_skew) {
            out.push(Reason::SpreadConstraints);
            return Code::Unschedulable;
        }
    }
    Code::Success
}

/// How a constraint's domain counts are read during Score.
#[derive(Clone, Debug)]
enum Domains {
    /// Per node (`kubernetes.io/hostname`).
    Host,
    /// The cache's per-zone totals (no node-affinity or label restriction applies).
    Zone,
    /// Counted this cycle: value → matching pods.
    Counted(BTreeMap<String, i64>),
}

/// PreScore state for the ScheduleAnyway constraints.
#[derive(Clone, Debug)]
pub(crate) struct ScoreState {
    cons: Vec<Constraint>,
    domains: Vec<Domains>,
    weights: Vec<f64>,
    /// Per feasible node (by index): lacks a topology key, so scores 0 and is left out of
    /// normalization.
    pub(crate) ignored: Vec<bool>,
}

/// PreScore. `None` means Skip (no constraints, or no nodes).
pub(crate) fn pre_score(
    cache: &mut Cache,
    required: &Required<'_>,
    cons: Vec<Constraint>,
    require_all_topologies: bool,
    feasible: &[u32],
) -> Option<ScoreState> {
    if cons.is_empty() || cache.num_nodes() == 0 {
        return None;
    }
    let ignored: Vec<bool> = feasible
        .iter()
        .map(|&s| {
            require_all_topologies
                && cache.cold.get(s as usize).is_none_or(|c| !has_all_keys(&c.labels, &cons))
        })
        .collect();
    let scored_nodes = ignored.iter().filter(|i| !**i).count();
    let mut domains = Vec::with_capacity(cons.len());
    let mut weights = Vec::with_capacity(cons.len());
    for c in &cons {
        let (d, size) = match c.key {
            TopoKey::Hostname => (Domains::Host, scored_nodes),
            TopoKey::Zone if !require_all_topologies && required.is_empty() => {
                let mut seen = vec![false; cache.zones.len()];
                for (&s, _) in feasible.iter().zip(&ignored).filter(|(_, i)| !**i) {
                    if let Some(h) = cache.hot.get(s as usize)
                        && let Some(z) = seen.get_mut(h.zone as usize)
                    {
                        *z = true;
                    }
                }
                (Domains::Zone, seen.iter().filter(|z| **z).count())
            }
            _ => {
                let mut map: BTreeMap<String, i64> = BTreeMap::new();
                for (&s, _) in feasible.iter().zip(&ignored).filter(|(_, i)| !**i) {
                    if let Some(cold) = cache.cold.get(s as usize) {
                        map.entry(cold.labels.get(c.key.as_str()).unwrap_or("").to_owned())
                            .or_default();
                    }
                }
                let size = map.len();
                (Domains::Counted(map), size)
            }
        };
        domains.push(d);
        weights.push(ln(size as f64 + 2.0));
    }
    // Count matching pods over every node that could host the pod.
    let needs_counting = domains.iter().any(|d| matches!(d, Domains::Counted(_)));
    if needs_counting {
        let order: Vec<u32> = cache.order().to_vec();
        for slot in order {
            let Some(cold) = cache.cold.get(slot as usize) else { continue };
            if !required.matches(&cold.labels, cache.name(slot)) {
                continue;
            }
            if require_all_topologies && !has_all_keys(&cold.labels, &cons) {
                continue;
            }
            for (c, d) in cons.iter().zip(domains.iter_mut()) {
                if let Domains::Counted(map) = d {
                    let value = cold.labels.get(c.key.as_str()).unwrap_or("");
                    if let Some(n) = map.get_mut(value) {
                        *n += count_on(cache, c, slot);
                    }
                }
            }
        }
    }
    Some(ScoreState { cons, domains, weights, ignored })
}

/// Score of the feasible node at index `i`.
pub(crate) fn score(cache: &Cache, state: &ScoreState, i: usize, node: NodeRef<'_>) -> i64 {
    if state.ignored.get(i).copied().unwrap_or(false) {
        return 0;
    }
    let mut score = 0.0f64;
    for ((c, d), w) in state.cons.iter().zip(&state.domains).zip(&state.weights) {
        let count = match d {
            Domains::Host => {
                if !node.hot.has(flags::HAS_HOSTNAME) {
                    continue;
                }
                count_on(cache, c, node.slot)
            }
            Domains::Zone => {
                if !node.hot.has(flags::HAS_ZONE) {
                    continue;
                }
                c.selector
                    .and_then(|s| cache.spread.get(s))
                    .map_or(0, |s| i64::from(s.in_zone(node.hot.zone)))
            }
            Domains::Counted(map) => {
                let Some(value) = node.cold.labels.get(c.key.as_str()) else { continue };
                map.get(value).copied().unwrap_or(0)
            }
        };
        score += count as f64 * w + f64::from(c.max_skew - 1);
    }
    round_half_away(score)
}

/// Go's `math.Round` for the non-negative sums Score produces, without a libm call: integer
/// part, plus one when the exact fractional part is at least one half.
pub(crate) fn round_half_away(x: f64) -> i64 {
    if x < 0.0 {
        return -round_half_away(-x);
    }
    let t = x as i64;
    if x - t as f64 >= 0.5 { t + 1 } else { t }
}

/// [`score`] for the common case (only hostname and cache-counted zone domains), with the
/// selector counts resolved to slices once per cycle.
pub(crate) struct FastScore<'c> {
    /// Per constraint: (zone domain?, counts by slot or zone id, ln weight, maxSkew - 1).
    terms: Vec<(bool, &'c [u32], f64, f64)>,
}

impl<'c> FastScore<'c> {
    pub(crate) fn of(cache: &'c Cache, state: &ScoreState) -> Option<Self> {
        let mut terms = Vec::with_capacity(state.cons.len());
        for ((c, d), w) in state.cons.iter().zip(&state.domains).zip(&state.weights) {
            let sel = c.selector.and_then(|s| cache.spread.get(s));
            let (zone, counts): (bool, &[u32]) = match d {
                Domains::Host => (false, sel.map_or(&[], |s| s.node_counts.as_slice())),
                Domains::Zone => (true, sel.map_or(&[], |s| s.zone_counts.as_slice())),
                Domains::Counted(_) => return None,
            };
            terms.push((zone, counts, *w, f64::from(c.max_skew - 1)));
        }
        Some(FastScore { terms })
    }

    /// The raw score of a node (`ignored`: the node lacks a topology key).
    #[inline]
    pub(crate) fn score(
        &self,
        hot: &crate::scheduler::cache::NodeHot,
        slot: u32,
        ignored: Option<bool>,
    ) -> i64 {
        if ignored.unwrap_or(false) {
            return 0;
        }
        let mut score = 0.0f64;
        for &(zone, counts, w, skew) in &self.terms {
            let (flag, index) =
                if zone { (flags::HAS_ZONE, hot.zone) } else { (flags::HAS_HOSTNAME, slot) };
            if !hot.has(flag) {
                continue;
            }
            let count = counts.get(index as usize).copied().unwrap_or(0);
            score += f64::from(count) * w + skew;
        }
        round_half_away(score)
    }
}

/// NormalizeScore: `100 × (max + min - s) / max` over the nodes not ignored; ignored nodes
/// score 0; if every sum is 0, every node scores 100.
pub(crate) fn normalize(state: &ScoreState, scores: &mut [i64]) {
    let (min, max) = min_max(scores, &state.ignored);
    for (s, ignored) in scores.iter_mut().zip(&state.ignored) {
        *s = normalize_one(*s, *ignored, min, max);
    }
}

/// The (min, max) of the raw scores of the nodes not ignored.
pub(crate) fn min_max(scores: &[i64], ignored: &[bool]) -> (i64, i64) {
    let mut min = i64::MAX;
    let mut max = 0i64;
    for (s, ignored) in scores.iter().zip(ignored) {
        if !*ignored {
            min = min.min(*s);
            max = max.max(*s);
        }
    }
    (min, max)
}

/// One node's normalized score given the (min, max) of [`min_max`].
#[inline]
pub(crate) fn normalize_one(score: i64, ignored: bool, min: i64, max: i64) -> i64 {
    if ignored {
        0
    } else if max == 0 {
        MAX_NODE_SCORE
    } else {
        MAX_NODE_SCORE * (max + min - score) / max
    }
}

/// The natural logarithm from IEEE-754 basic operations only, so that native and wasm builds
/// agree to the last bit (platform `ln` implementations may differ in the last place).
///
/// `x = m × 2^k` with `m` in [1, 2); `ln m = 2 atanh((m-1)/(m+1))` by its series, which
/// converges fast because the argument is below 1/3.
pub(crate) fn ln(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    if x.is_infinite() {
        return x;
    }
    let mut m = x;
    let mut k = 0i32;
    while m >= 2.0 {
        m /= 2.0;
        k += 1;
    }
    while m < 1.0 {
        m *= 2.0;
        k -= 1;
    }
    let z = (m - 1.0) / (m + 1.0);
    let z2 = z * z;
    let mut term = z;
    let mut sum = 0.0;
    let mut n = 1.0;
    for _ in 0..30 {
        sum += term / n;
        term *= z2;
        n += 2.0;
    }
    2.0 * sum + f64::from(k) * std::f64::consts::LN_2
}
