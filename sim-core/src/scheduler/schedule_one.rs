//! One scheduling cycle (upstream's `schedule_one.go`):
//!
//! 1. PreFilter every filter plugin; a rejection fails the pod on every node, a Skip drops
//!    the plugin's Filter, a node-name result narrows the candidates.
//! 2. Filter: if the pod was nominated by an earlier preemption, try that node first; else walk
//!    the zone-interleaved node list from `nextStartNodeIndex`, stopping once
//!    `numFeasibleNodesToFind` nodes passed; advance the start index by the nodes processed.
//! 3. No feasible node: PostFilter (DefaultPreemption), then the `FailedScheduling` message.
//! 4. One feasible node: take it without scoring.
//! 5. PreScore (a Skip drops the plugin), Score, NormalizeScore, weights, sum.
//! 6. Pick uniformly at random among the top totals (reservoir sampling, as `selectHost` did
//!    up to v1.34) and assume the pod on that node.

use super::{
    Attempt, Nomination, Outcome, Scheduler,
    attempt::NodeEval,
    cache::{CachedPod, flags},
    config::PluginName,
    cycle_state::CycleState,
    fit_error,
    framework::{Code, Reason, reasons},
    plugins::{
        Adjust, NodeRef, balanced_allocation, default_preemption, image_locality, node_affinity,
        node_name, node_ports, node_resources_fit, node_unschedulable, pod_topology_spread,
        resource_allocation, taint_toleration,
    },
    pod_info::{is_terminal, pod_key},
    profile::num_feasible_nodes_to_find,
};
use crate::{
    model::{Pod, pod::UnsatisfiableConstraintAction},
    rng::SimRng,
    time::SimTime,
};

/// A plugin's bit in a rejected-by set.
pub(crate) fn plugin_bit(p: PluginName) -> u32 {
    1u32 << (p as u32)
}

pub(super) fn run(s: &mut Scheduler, pod: &Pod, now: SimTime, rng: &mut SimRng) -> Attempt {
    let uid = pod.metadata.uid;
    let mut a = Attempt::empty(pod_key(pod), uid, s.cache.names.clone());
    let ours = pod.spec.scheduler_name == s.profile.scheduler_name;
    if !ours
        || pod.metadata.deletion_timestamp.is_some()
        || is_terminal(pod)
        || !pod.node_name.is_empty()
    {
        // `skipPodSchedule`: being deleted, not ours, or bound already.
        return a;
    }
    s.cycle += 1;
    if !s.explain {
        s.scratch.lend(&mut a);
    }
    if s.queue.get(uid).is_some_and(|q| q.place != super::queue::Place::InFlight) {
        s.queue.begin(uid, s.cycle);
    }
    let placed = scheduling_cycle(s, pod, rng, &mut a);
    if !s.explain && a.outcome == Outcome::Scheduled {
        s.scratch.take_back(&mut a);
        a.ties.clear();
        a.score_plugins = Default::default();
    }
    match (a.outcome, placed) {
        (Outcome::Scheduled, Some(cached)) => {
            s.nominated.remove(&uid);
            s.cache.place(cached);
        }
        (Outcome::Unschedulable | Outcome::Error, _) => {
            let bits = a.unschedulable_plugins.iter().fold(0, |b, p| b | plugin_bit(*p));
            s.queue.requeue_failed(uid, bits, now);
        }
        _ => {}
    }
    a
}

/// Runs the cycle; on success returns the pod to assume.
fn scheduling_cycle(
    s: &mut Scheduler,
    pod: &Pod,
    rng: &mut SimRng,
    a: &mut Attempt,
) -> Option<CachedPod> {
    let num_nodes = s.cache.order().len();
    a.num_all_nodes = u32::try_from(num_nodes).unwrap_or(u32::MAX);
    a.outcome = Outcome::Unschedulable;
    if num_nodes == 0 {
        a.message = Some(reasons::NO_NODES_AVAILABLE.to_owned());
        return None;
    }
    let info = s.cache.pod_info(pod);
    let mut cs = CycleState::new(pod, info);
    if let Err((code, plugin, reason)) = pre_filter(s, &mut cs) {
        a.unschedulable_plugins.push(plugin);
        let post = if s.compiled.preemption {
            let statuses = vec![Some(code); s.cache.hot.len()];
            default_preemption::post_filter(s, &cs, &statuses, &[], rng).message
        } else {
            None
        };
        let msg = reason.to_string();
        a.message = Some(fit_error::message(
            num_nodes,
            Some(&msg),
            std::iter::empty(),
            None,
            post.as_deref(),
        ));
        return None;
    }
    if s.fused
        && let Some(plan) = super::fused::plan(s, &cs)
    {
        let Some(chosen) = super::fused::run(s, &cs, &plan, a, rng) else {
            fail(s, &cs, a, rng);
            return None;
        };
        return Some(assume(s, cs, chosen, a));
    }
    let feasible = find_nodes_that_pass_filters(s, &cs, a);
    a.feasible_nodes = u32::try_from(feasible.len()).unwrap_or(u32::MAX);
    if feasible.is_empty() {
        fail(s, &cs, a, rng);
        return None;
    }
    let chosen = if feasible.len() == 1 {
        a.ties = vec![feasible[0].0];
        feasible[0].0
    } else {
        a.scored = true;
        prioritize(s, &mut cs, &feasible, a);
        select_host(&feasible, a, rng)
    };
    Some(assume(s, cs, chosen, a))
}

/// Records the choice; returns the pod to assume on `chosen`.
fn assume(s: &Scheduler, cs: CycleState<'_>, chosen: u32, a: &mut Attempt) -> CachedPod {
    a.outcome = Outcome::Scheduled;
    a.node = Some(s.cache.name(chosen).to_owned());
    CachedPod { info: cs.info, node: chosen, start_time: None, terminating: false, assumed: true }
}

/// Filters found nothing: PostFilter and the FailedScheduling message.
fn fail(s: &mut Scheduler, cs: &CycleState<'_>, a: &mut Attempt, rng: &mut SimRng) {
    let mut rejected_by: Vec<PluginName> = Vec::new();
    for e in &a.evals {
        if let Some(p) = e.plugin
            && !rejected_by.contains(&p)
        {
            rejected_by.push(p);
        }
    }
    rejected_by.sort();
    a.unschedulable_plugins = rejected_by;
    let num_all = s.cache.order().len();
    // Every node's status: evaluated ones from the attempt, the rest (outside a PreFilter
    // result) UnschedulableAndUnresolvable.
    let absent_reason =
        cs.only_nodes.as_ref().map(|(_, plugins)| Reason::not_in_prefilter_result(plugins));
    let mut statuses: Vec<Option<Code>> = vec![None; s.cache.hot.len()];
    let mut evaluated = 0usize;
    for e in &a.evals {
        if let Some(st) = statuses.get_mut(e.slot as usize) {
            *st = Some(e.code);
            evaluated += 1;
        }
    }
    let absent = num_all.saturating_sub(evaluated);
    for &slot in s.cache.order() {
        if let Some(st) = statuses.get_mut(slot as usize)
            && st.is_none()
        {
            *st = Some(Code::UnschedulableAndUnresolvable);
        }
    }
    let post = if s.compiled.preemption {
        let result = default_preemption::post_filter(s, cs, &statuses, &a.evals, rng);
        if let Some(slot) = result.nominated {
            a.nominated_node = Some(s.cache.name(slot).to_owned());
            a.victims = result.victims;
            s.nominated.insert(a.uid, Nomination { slot, info: cs.info.clone() });
        }
        result.message
    } else {
        None
    };
    let node_reasons = a.nodes().map(|n| n.reasons);
    let absent = absent_reason.as_ref().map(|r| (absent, r));
    a.message = Some(fit_error::message(num_all, None, node_reasons, absent, post.as_deref()));
}

/// PreFilter. `Err` carries the rejecting code, plugin and reason.
fn pre_filter(
    s: &mut Scheduler,
    cs: &mut CycleState<'_>,
) -> Result<(), (Code, PluginName, Reason)> {
    let pod = cs.pod;
    cs.filters.reserve_exact(s.compiled.filters.len());
    // By index: the loop needs `s` mutably.
    for i in 0..s.compiled.filters.len() {
        let Some(&p) = s.compiled.filters.get(i) else { break };
        let keep = match p {
            PluginName::NodeUnschedulable => {
                cs.tolerates_unschedulable = node_unschedulable::tolerates_unschedulable(&pod.spec);
                true
            }
            PluginName::NodeName => !pod.node_name.is_empty(),
            PluginName::TaintToleration => true,
            PluginName::NodeAffinity => match node_affinity::pre_filter(&cs.required) {
                node_affinity::PreFilter::Skip => false,
                node_affinity::PreFilter::AllNodes => true,
                node_affinity::PreFilter::Conflict => {
                    return Err((Code::UnschedulableAndUnresolvable, p, Reason::AffinityConflict));
                }
                node_affinity::PreFilter::Nodes(names) => {
                    match &mut cs.only_nodes {
                        Some((existing, plugins)) => {
                            existing.retain(|n| names.contains(n));
                            plugins.push(p);
                        }
                        None => cs.only_nodes = Some((names, vec![p])),
                    }
                    true
                }
            },
            PluginName::NodePorts => !cs.info.ports.is_empty(),
            PluginName::NodeResourcesFit => {
                cs.fit = node_resources_fit::pre_filter(
                    &cs.info,
                    &s.cache.scalars,
                    &s.compiled.ignored_resources,
                    &s.compiled.ignored_groups,
                );
                true
            }
            PluginName::PodTopologySpread => {
                let cons = pod_topology_spread::user_constraints(
                    &mut s.cache,
                    pod,
                    cs.info.ns,
                    UnsatisfiableConstraintAction::DoNotSchedule,
                );
                // The system defaults are all ScheduleAnyway, so they never filter.
                cs.spread = pod_topology_spread::pre_filter(&mut s.cache, &cs.required, cons);
                cs.spread.is_some()
            }
            _ => false,
        };
        if keep {
            cs.filters.push(p);
        }
    }
    cs.nominated = nominated_adjusts(s, cs);
    cs.fast = super::cycle_state::FastFilter::of(cs);
    Ok(())
}

/// Nominated pods of equal or higher priority count on their nodes
/// (`RunFilterPluginsWithNominatedPods`).
///
/// Simplified: upstream re-runs every filter with the nominated pods added and again
/// without them; here only NodeResourcesFit and NodePorts see them, in a single pass.
fn nominated_adjusts(s: &Scheduler, cs: &CycleState<'_>) -> Vec<(u32, Adjust)> {
    let mut out: Vec<(u32, Adjust)> = Vec::new();
    for (uid, nom) in &s.nominated {
        if *uid == cs.info.uid
            || nom.info.priority < cs.info.priority
            || !s.cache.is_present(nom.slot)
        {
            continue;
        }
        let i = match out.iter().position(|(slot, _)| *slot == nom.slot) {
            Some(i) => i,
            None => {
                out.push((nom.slot, Adjust::default()));
                out.len() - 1
            }
        };
        if let Some((_, adj)) = out.get_mut(i) {
            adj.res.add(&nom.info.req);
            adj.pods += 1;
            adj.ports_added.extend(nom.info.ports.iter().cloned());
        }
    }
    out
}

/// Runs the cycle's filters on one node, in profile order, stopping at the first rejection.
/// Reasons go to `out`.
pub(crate) fn run_filters(
    cs: &CycleState<'_>,
    node: NodeRef<'_>,
    out: &mut Vec<Reason>,
) -> (Code, Option<PluginName>) {
    for &p in &cs.filters {
        let code = run_filter(cs, p, node, out);
        if code != Code::Success {
            return (code, Some(p));
        }
    }
    (Code::Success, None)
}

#[inline]
fn run_filter(
    cs: &CycleState<'_>,
    p: PluginName,
    node: NodeRef<'_>,
    out: &mut Vec<Reason>,
) -> Code {
    match p {
        PluginName::NodeUnschedulable => {
            // Checked inline first: most nodes are not cordoned.
            if !node.hot.has(flags::UNSCHEDULABLE) {
                return Code::Success;
            }
            node_unschedulable::filter(cs.tolerates_unschedulable, node, out)
        }
        PluginName::NodeName => node_name::filter(&cs.pod.node_name, node, out),
        PluginName::TaintToleration => {
            if !node.hot.has(flags::HARD_TAINTS) {
                return Code::Success;
            }
            taint_toleration::filter(&cs.pod.spec, node, out)
        }
        PluginName::NodeAffinity => node_affinity::filter(&cs.required, node, out),
        PluginName::NodePorts => node_ports::filter(&cs.info.ports, node, out),
        PluginName::NodeResourcesFit => {
            if node.adjust.is_none() && node_resources_fit::fits_fast(&cs.info, &cs.fit, node.hot) {
                return Code::Success;
            }
            node_resources_fit::filter(&cs.info, &cs.fit, node, out)
        }
        PluginName::PodTopologySpread => match &cs.spread {
            Some(st) => pod_topology_spread::filter(st, node, out),
            None => Code::Success,
        },
        _ => Code::Success,
    }
}

/// Filters one node and records the verdict in the attempt; returns whether it is feasible.
pub(super) fn evaluate(s: &Scheduler, cs: &CycleState<'_>, slot: u32, a: &mut Attempt) -> bool {
    let (Some(hot), Some(cold)) = (s.cache.hot.get(slot as usize), s.cache.cold.get(slot as usize))
    else {
        return false;
    };
    if let Some(fast) = &cs.fast
        && hot.flags & fast.reject_flags == 0
        && (!fast.fit || node_resources_fit::fits_fast(&cs.info, &cs.fit, hot))
    {
        // Every filter passes (see `FastFilter`); the general path below would agree.
        a.evals.push(NodeEval::feasible(slot));
        return true;
    }
    let node = NodeRef { slot, name: s.cache.name(slot), hot, cold, adjust: cs.nominated_on(slot) };
    let start = a.reasons.len();
    let (code, plugin) = run_filters(cs, node, &mut a.reasons);
    let mut e = NodeEval::feasible(slot);
    if code != Code::Success {
        e.code = code;
        e.plugin = plugin;
        e.reasons_start = u32::try_from(start).unwrap_or(u32::MAX);
        e.reasons_len = u16::try_from(a.reasons.len() - start).unwrap_or(u16::MAX);
    }
    a.evals.push(e);
    code == Code::Success
}

/// `findNodesThatFitPod` + `findNodesThatPassFilters`: feasible nodes as (slot, index into
/// `a.evals`), in evaluation order.
fn find_nodes_that_pass_filters(
    s: &mut Scheduler,
    cs: &CycleState<'_>,
    a: &mut Attempt,
) -> Vec<(u32, usize)> {
    // A nominated node (from an earlier preemption) is tried first and taken if it fits.
    let nominated = &cs.pod.status.nominated_node_name;
    if !nominated.is_empty()
        && let Some(slot) = s.cache.slot(nominated)
        && s.cache.is_present(slot)
        && cs.only_nodes.as_ref().is_none_or(|(names, _)| names.contains(nominated))
    {
        if evaluate(s, cs, slot, a) {
            return vec![(slot, a.evals.len() - 1)];
        }
        // Upstream evaluates the nominated node as a one-node search, which leaves
        // `nextStartNodeIndex` at (index + 1) % 1 = 0; the full search then re-evaluates it.
        a.evals.clear();
        a.reasons.clear();
        s.next_start_node_index = 0;
    }
    let cache = &s.cache;
    let all = cache.current_order();
    // Simplified: upstream walks a PreFilter result in Go set order (random); here in node-tree
    // order, so replays are stable.
    let narrowed: Option<Vec<u32>> = cs.only_nodes.as_ref().map(|(names, _)| {
        all.iter().copied().filter(|&slot| names.contains(cache.name(slot))).collect()
    });
    let nodes: &[u32] = narrowed.as_deref().unwrap_or(all);
    let num_all = nodes.len();
    if num_all == 0 {
        return Vec::new();
    }
    let mut to_find = num_feasible_nodes_to_find(s.compiled.percentage_of_nodes_to_score, num_all);
    if s.compiled.scores.is_empty() {
        to_find = 1;
    }
    let start = s.next_start_node_index % num_all;
    let mut feasible = Vec::with_capacity(to_find.min(num_all));
    a.evals.reserve(to_find.min(num_all) + 16);
    let mut processed = 0usize;
    for i in 0..num_all {
        let Some(&slot) = nodes.get((start + i) % num_all) else { break };
        processed += 1;
        if evaluate(s, cs, slot, a) {
            feasible.push((slot, a.evals.len() - 1));
            if feasible.len() >= to_find {
                break;
            }
        }
    }
    s.next_start_node_index = (start + processed) % num_all;
    feasible
}

/// What one score plugin does this cycle, decided at PreScore.
enum ScorePlan<'a> {
    Skip,
    Taint(Vec<&'a crate::model::Toleration>),
    Affinity(&'a [crate::model::pod::PreferredSchedulingTerm]),
    Fit(Vec<i64>),
    Balanced(Vec<i64>),
    Spread(pod_topology_spread::ScoreState),
    Image(image_locality::ImageState),
}

/// Stands in for a slot that does not exist (never the case for feasible nodes).
static EMPTY_NODE: crate::scheduler::cache::NodeHot = crate::scheduler::cache::NodeHot::EMPTY;

/// Fills `raw` with `f(slot, index)` for every feasible node.
#[inline]
fn score_each(raw: &mut [i64], slots: &[u32], mut f: impl FnMut(u32, usize) -> i64) {
    for (i, (r, &slot)) in raw.iter_mut().zip(slots).enumerate() {
        *r = f(slot, i);
    }
}

/// PreScore, Score, NormalizeScore and weighting; writes scores and totals into the evals.
fn prioritize(
    s: &mut Scheduler,
    cs: &mut CycleState<'_>,
    feasible: &[(u32, usize)],
    a: &mut Attempt,
) {
    let slots: Vec<u32> = feasible.iter().map(|(slot, _)| *slot).collect();
    let plugins = s.compiled.scores.clone();
    let plans: Vec<ScorePlan<'_>> =
        plugins.iter().map(|(p, _)| pre_score(s, cs, *p, &slots)).collect();
    if prioritize_fast(s, &plugins, &plans, feasible, a) {
        return;
    }
    let n = feasible.len();
    let k_max = plugins.len();
    // raw[k * n + i]: plugin k's score of feasible node i.
    let mut raw = vec![0i64; n * k_max];
    let mut active: Vec<(usize, i64)> = Vec::with_capacity(k_max);
    for (k, ((p, weight), plan)) in plugins.iter().zip(&plans).enumerate() {
        if matches!(plan, ScorePlan::Skip) {
            continue;
        }
        if let Some(sp) = a.score_plugins.get_mut(k) {
            *sp = Some(*p);
        }
        let Some(scores) = raw.get_mut(k * n..(k + 1) * n) else { continue };
        score_plugin(s, plan, &slots, scores);
        match plan {
            ScorePlan::Taint(_) => taint_toleration::normalize(scores),
            ScorePlan::Affinity(_) => node_affinity::normalize(scores),
            ScorePlan::Spread(st) => pod_topology_spread::normalize(st, scores),
            _ => {}
        }
        active.push((k, *weight));
    }
    // One pass writes every plugin's score and the weighted total into each node's record.
    for (i, &(_, eval)) in feasible.iter().enumerate() {
        let Some(e) = a.evals.get_mut(eval) else { continue };
        let mut total = 0i64;
        for &(k, weight) in &active {
            let score = raw.get(k * n + i).copied().unwrap_or(0);
            total += score * weight;
            e.set_score(k, score);
        }
        e.total = u32::try_from(total).unwrap_or(0);
    }
}

/// How [`prioritize_fast`] computes one plugin.
enum FastPlan<'p> {
    /// The same normalized score everywhere.
    Const(i64),
    Fit(&'p [i64], (i64, i64)),
    Balanced(&'p [i64]),
    /// Raw scores in a side buffer, normalized per node.
    Spread(&'p [bool]),
    Image(&'p image_locality::ImageState, Vec<&'p [u64]>),
}

/// The default profile's common case (cpu + memory resources, hostname and zone spreading,
/// no PreferNoSchedule taints anywhere, no preferred affinity): every plugin's score from the
/// node's hot fields, computed and written into the node's record in one pass (after a
/// first pass for PodTopologySpread's raw scores, which normalization needs whole). Returns
/// false, touching nothing, when a plan needs the general path. The scores are those of
/// [`score_plugin`] followed by each plugin's NormalizeScore.
fn prioritize_fast(
    s: &Scheduler,
    plugins: &[(PluginName, i64)],
    plans: &[ScorePlan<'_>],
    feasible: &[(u32, usize)],
    a: &mut Attempt,
) -> bool {
    let cache = &s.cache;
    let compiled = &s.compiled;
    let mut fast: Vec<(usize, i64, FastPlan<'_>)> = Vec::with_capacity(plans.len());
    let mut spread = None;
    for (k, ((_, weight), plan)) in plugins.iter().zip(plans).enumerate() {
        let f = match plan {
            ScorePlan::Skip => continue,
            // No intolerable PreferNoSchedule taint anywhere: reverse-normalized to the max.
            ScorePlan::Taint(_) if cache.pns_tainted_nodes() == 0 => {
                FastPlan::Const(crate::scheduler::framework::MAX_NODE_SCORE)
            }
            ScorePlan::Fit(req) => {
                match resource_allocation::cpu_memory_only(
                    &compiled.fit_resources,
                    &compiled.fit_strategy,
                ) {
                    Some(w) => FastPlan::Fit(req, w),
                    None => return false,
                }
            }
            ScorePlan::Balanced(req)
                if balanced_allocation::is_cpu_memory(&compiled.balanced_resources) =>
            {
                FastPlan::Balanced(req)
            }
            ScorePlan::Spread(st) => match pod_topology_spread::FastScore::of(cache, st) {
                Some(f) => {
                    spread = Some((f, st));
                    FastPlan::Spread(&st.ignored)
                }
                None => return false,
            },
            ScorePlan::Image(st) if st.images.is_empty() => {
                FastPlan::Const(image_locality::calculate_priority(0, st.num_containers))
            }
            ScorePlan::Image(st) => FastPlan::Image(
                st,
                st.images.iter().map(|(id, _)| cache.images.holders(*id)).collect(),
            ),
            _ => return false,
        };
        fast.push((k, *weight, f));
    }
    let hot = |slot: u32| cache.hot.get(slot as usize).unwrap_or(&EMPTY_NODE);
    let (spread_raw, min, max) = match &spread {
        Some((f, st)) => {
            let raw: Vec<i64> = feasible
                .iter()
                .enumerate()
                .map(|(i, &(slot, _))| f.score(hot(slot), slot, st.ignored.get(i).copied()))
                .collect();
            let (min, max) = pod_topology_spread::min_max(&raw, &st.ignored);
            (raw, min, max)
        }
        None => (Vec::new(), 0, 0),
    };
    for &(k, _, _) in &fast {
        if let (Some(sp), Some((p, _))) = (a.score_plugins.get_mut(k), plugins.get(k)) {
            *sp = Some(*p);
        }
    }
    for (i, &(slot, eval)) in feasible.iter().enumerate() {
        let h = hot(slot);
        let Some(e) = a.evals.get_mut(eval) else { continue };
        let mut total = 0i64;
        for (k, weight, plan) in &fast {
            let score = match plan {
                FastPlan::Const(c) => *c,
                FastPlan::Fit(req, w) => resource_allocation::least_cpu_memory(h, req, *w),
                FastPlan::Balanced(req) => balanced_allocation::score_cpu_memory(h, req),
                FastPlan::Spread(ignored) => pod_topology_spread::normalize_one(
                    spread_raw.get(i).copied().unwrap_or(0),
                    ignored.get(i).copied().unwrap_or(false),
                    min,
                    max,
                ),
                FastPlan::Image(st, holders) => image_locality::score_slot(st, holders, slot),
            };
            total += score * weight;
            e.set_score(*k, score);
        }
        e.total = u32::try_from(total).unwrap_or(0);
    }
    true
}

/// Score of one plugin on every feasible node, into `raw`. The common configurations
/// (cpu + memory resources, untainted nodes, images nowhere) take loops that read only the
/// node's hot fields; the results are the same as the general path's.
fn score_plugin(s: &Scheduler, plan: &ScorePlan<'_>, slots: &[u32], raw: &mut [i64]) {
    let cache = &s.cache;
    let node_ref = |slot: u32| -> Option<NodeRef<'_>> {
        let hot = cache.hot.get(slot as usize)?;
        let cold = cache.cold.get(slot as usize)?;
        Some(NodeRef { slot, name: cache.name(slot), hot, cold, adjust: None })
    };
    let hot = |slot: u32| cache.hot.get(slot as usize).unwrap_or(&EMPTY_NODE);
    match plan {
        ScorePlan::Skip => raw.fill(0),
        ScorePlan::Taint(_) if s.cache.pns_tainted_nodes() == 0 => raw.fill(0),
        ScorePlan::Taint(t) => score_each(raw, slots, |slot, _| {
            if hot(slot).pns_taints == 0 {
                0
            } else {
                node_ref(slot).map_or(0, |n| taint_toleration::score(t, n))
            }
        }),
        ScorePlan::Affinity(terms) => score_each(raw, slots, |slot, _| {
            node_ref(slot).map_or(0, |n| node_affinity::score(terms, n))
        }),
        ScorePlan::Fit(req) => {
            let compiled = &s.compiled;
            match resource_allocation::cpu_memory_only(
                &compiled.fit_resources,
                &compiled.fit_strategy,
            ) {
                Some(w) => score_each(raw, slots, |slot, _| {
                    resource_allocation::least_cpu_memory(hot(slot), req, w)
                }),
                None => score_each(raw, slots, |slot, _| {
                    node_ref(slot).map_or(0, |n| {
                        resource_allocation::score(
                            &compiled.fit_strategy,
                            &compiled.fit_resources,
                            req,
                            n,
                        )
                    })
                }),
            }
        }
        ScorePlan::Balanced(req) => {
            let specs = &s.compiled.balanced_resources;
            if balanced_allocation::is_cpu_memory(specs) {
                score_each(raw, slots, |slot, _| {
                    balanced_allocation::score_cpu_memory(hot(slot), req)
                })
            } else {
                score_each(raw, slots, |slot, _| {
                    node_ref(slot).map_or(0, |n| balanced_allocation::score(specs, req, n))
                })
            }
        }
        ScorePlan::Spread(st) => match pod_topology_spread::FastScore::of(cache, st) {
            Some(fast) => score_each(raw, slots, |slot, i| {
                fast.score(hot(slot), slot, st.ignored.get(i).copied())
            }),
            None => score_each(raw, slots, |slot, i| {
                node_ref(slot).map_or(0, |n| pod_topology_spread::score(cache, st, i, n))
            }),
        },
        ScorePlan::Image(st) => {
            if st.images.is_empty() {
                raw.fill(image_locality::calculate_priority(0, st.num_containers));
            } else {
                let holders: Vec<&[u64]> =
                    st.images.iter().map(|(id, _)| cache.images.holders(*id)).collect();
                score_each(raw, slots, |slot, _| {
                    node_ref(slot).map_or(0, |n| image_locality::score(st, &holders, n))
                });
            }
        }
    }
}

/// PreScore of one plugin.
fn pre_score<'a>(
    s: &mut Scheduler,
    cs: &CycleState<'a>,
    p: PluginName,
    feasible: &[u32],
) -> ScorePlan<'a> {
    let pod: &'a Pod = cs.pod;
    match p {
        PluginName::TaintToleration => ScorePlan::Taint(taint_toleration::pre_score(&pod.spec)),
        PluginName::NodeAffinity => {
            node_affinity::pre_score(&pod.spec).map_or(ScorePlan::Skip, ScorePlan::Affinity)
        }
        PluginName::NodeResourcesFit => ScorePlan::Fit(resource_allocation::pod_requests(
            &s.compiled.fit_resources,
            &cs.info,
            false,
        )),
        PluginName::NodeResourcesBalancedAllocation => {
            let req =
                resource_allocation::pod_requests(&s.compiled.balanced_resources, &cs.info, true);
            match balanced_allocation::pre_score(&req) {
                Some(()) => ScorePlan::Balanced(req),
                None => ScorePlan::Skip,
            }
        }
        PluginName::ImageLocality => {
            let total = s.cache.num_nodes();
            ScorePlan::Image(image_locality::pre_score(&pod.spec, &s.cache.images, total))
        }
        PluginName::PodTopologySpread => {
            let user = !pod.spec.topology_spread_constraints.is_empty();
            let cons = if user {
                pod_topology_spread::user_constraints(
                    &mut s.cache,
                    pod,
                    cs.info.ns,
                    UnsatisfiableConstraintAction::ScheduleAnyway,
                )
            } else {
                match s.default_spread_selector(pod, cs.info.group) {
                    Some((sel, self_match)) => {
                        pod_topology_spread::system_default_constraints(sel, self_match)
                    }
                    None => Vec::new(),
                }
            };
            pod_topology_spread::pre_score(&mut s.cache, &cs.required, cons, user, feasible)
                .map_or(ScorePlan::Skip, ScorePlan::Spread)
        }
        _ => ScorePlan::Skip,
    }
}

/// [`SimRng::below`] exactly (same draws, same results), but computing the rejection
/// threshold (a 64-bit division) only in the rare case it can matter: when the low half of the
/// product is below `n`. Host selection draws once per tied node, which on a cluster of
/// identical nodes is once per feasible node.
pub(crate) fn below(rng: &mut SimRng, n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    loop {
        let m = u128::from(rng.next_u64()) * u128::from(n);
        let low = m as u64;
        if low >= n || low >= n.wrapping_neg() % n {
            return (m >> 64) as u64;
        }
    }
}

/// `selectHost`: uniform among the nodes with the top total, by reservoir sampling over them
/// in evaluation order (one draw per additional tied node). Records the tied nodes.
///
/// Simplified: this is the v1.15–v1.34 rule; v1.35+ orders a heap by total and a random
/// tie-breaker, which is uniform in effect. Upstream meets tied nodes in heap order, here in
/// evaluation order (any fixed order gives the same distribution).
fn select_host(feasible: &[(u32, usize)], a: &mut Attempt, rng: &mut SimRng) -> u32 {
    let total_of = |eval: usize| a.evals.get(eval).map_or(0, |e| e.total);
    let best = feasible.iter().map(|(_, e)| total_of(*e)).max().unwrap_or(0);
    let mut ties = Vec::new();
    let mut chosen = feasible.first().map_or(0, |(slot, _)| *slot);
    let mut count = 0u64;
    for &(slot, eval) in feasible {
        if total_of(eval) != best {
            continue;
        }
        count += 1;
        ties.push(slot);
        if count == 1 || below(rng, count) == 0 {
            chosen = slot;
        }
    }
    a.ties = ties;
    chosen
}

impl Scheduler {
    /// The default spreading selector of `pod` (memoized per label group and owner), and
    /// whether the pod matches it itself.
    pub(super) fn default_spread_selector(&mut self, pod: &Pod, group: u32) -> Option<(u32, bool)> {
        let owner = pod
            .metadata
            .controller_ref()
            .filter(|o| o.kind == "ReplicaSet")
            .map(|o| o.name.clone())
            .unwrap_or_default();
        let key = (group, owner);
        let generation = self.owners.generation;
        let id = match self.default_selectors.get(&key) {
            Some((g, id)) if *g == generation => *id,
            _ => {
                let id = pod_topology_spread::default_selector(&self.owners, pod).map(|sel| {
                    let ns = self.cache.groups.get(group).map_or(0, |g| g.ns);
                    self.cache.selector_id(ns, &sel)
                });
                self.default_selectors.insert(key, (generation, id));
                id
            }
        }?;
        let self_match =
            self.cache.spread.get(id).is_some_and(|s| s.selector.matches(&pod.metadata.labels));
        Some((id, self_match))
    }
}

/// Whether `slot` is a present node that passes the filters with `adjust` applied.
pub(crate) fn fits_with(
    s: &Scheduler,
    cs: &CycleState<'_>,
    slot: u32,
    adjust: &Adjust,
    out: &mut Vec<Reason>,
) -> (Code, Option<PluginName>) {
    let (Some(hot), Some(cold)) = (s.cache.hot.get(slot as usize), s.cache.cold.get(slot as usize))
    else {
        return (Code::UnschedulableAndUnresolvable, None);
    };
    if !hot.has(flags::PRESENT) {
        return (Code::UnschedulableAndUnresolvable, None);
    }
    let node = NodeRef { slot, name: s.cache.name(slot), hot, cold, adjust: Some(adjust) };
    run_filters(cs, node, out)
}
