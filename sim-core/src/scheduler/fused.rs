//! The fused filter-and-score walk: the cycle of [`schedule_one`](super::schedule_one) for the
//! common pod, in one pass over the nodes with every per-pod constant worked out first.
//!
//! It applies when the pod's filters reduce to what [`FastFilter`](super::cycle_state::FastFilter)
//! decides from a node's hot fields, the pod has no nominated node, and every score plugin
//! that does not skip is one the walk can compute from hot fields: TaintToleration with no
//! PreferNoSchedule taint in the cluster, NodeResourcesFit LeastAllocated and
//! NodeResourcesBalancedAllocation on cpu and memory, ImageLocality with at most
//! [`MAX_IMAGES`] known images, and PodTopologySpread's system default constraints. Anything
//! else takes the general path in `schedule_one.rs`.
//!
//! Contract: the outcome is the general path's, bit for bit — the same nodes evaluated in the
//! same order, the same scores and totals, the same random draws, the same chosen node, and
//! (with explanations on) the same [`Attempt`]. `tests/fused.rs` checks this on random
//! clusters against the general path.
//!
//! Order of work, as upstream's: the walk filters nodes from `nextStartNodeIndex` until
//! `numFeasibleNodesToFind` pass, scoring each feasible node's node-local plugins on the way;
//! PodTopologySpread's weights depend on the feasible set, so its raw scores, their
//! normalization, the weighted totals and the host selection follow in two short passes over
//! the candidates.

use super::{
    Attempt, Scheduler,
    attempt::{MAX_SCORE_PLUGINS, NodeEval},
    cache::{Cache, NodeHot, flags},
    config::PluginName,
    cycle_state::CycleState,
    framework::{MAX_NODE_SCORE, Reason},
    plugins::{
        balanced_allocation, image_locality, node_affinity, pod_topology_spread,
        resource_allocation,
    },
    profile::num_feasible_nodes_to_find,
    schedule_one::{below, evaluate},
};
use crate::{model::Pod, rng::SimRng};

/// The most images (init and app containers) a pod may use for the walk's ImageLocality
/// table (2^4 entries); pods with more take the general path.
pub(crate) const MAX_IMAGES: usize = 4;

/// LeastAllocated on cpu and memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Least {
    k: usize,
    weight: i64,
    /// Non-zero-defaulted pod requests.
    cpu: i64,
    mem: i64,
    /// Resource weights.
    w_cpu: i64,
    w_mem: i64,
}

/// BalancedAllocation on cpu and memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Balanced {
    k: usize,
    weight: i64,
    /// Real pod requests.
    cpu: i64,
    mem: i64,
}

/// ImageLocality, folded into a table by held-image set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Images {
    k: usize,
    weight: i64,
    /// The score for each set of held images (bit `j`: image `j`).
    by_mask: [i64; 1 << MAX_IMAGES],
    ids: [u32; MAX_IMAGES],
    len: usize,
}

/// PodTopologySpread with the system default constraints (hostname, then zone).
#[derive(Clone, Copy, Debug)]
struct SpreadTerm {
    k: usize,
    weight: i64,
    selector: u32,
}

/// What the walk computes for the pod, decided before it starts.
#[derive(Debug)]
pub(crate) struct Plan {
    reject_flags: u16,
    fit: bool,
    /// Real requests checked by NodeResourcesFit (`<= 0`: not checked).
    cpu: i64,
    mem: i64,
    eph: i64,
    /// Plugins that score the same on every node: (score slot, normalized score), and their
    /// weighted sum.
    consts: [(usize, i64); MAX_SCORE_PLUGINS],
    num_consts: usize,
    const_total: i64,
    least: Option<Least>,
    balanced: Option<Balanced>,
    images: Option<Images>,
    spread: Option<SpreadTerm>,
    /// The plugin in each score slot that scores (skipping plugins are absent).
    active: [Option<PluginName>; MAX_SCORE_PLUGINS],
}

/// A feasible node found by the walk.
#[derive(Clone, Copy, Debug, Default)]
struct Candidate {
    slot: u32,
    /// Index of the node's record in `Attempt::evals` (explanations on).
    eval: u32,
    /// Weighted sum of the node-local plugins' scores; PodTopologySpread's raw score once
    /// the spread pass has run.
    partial: i64,
    spread_raw: i64,
    /// Matching pods on the node; [`NO_LABEL`] when the node has no hostname label.
    host: u32,
    /// The node's zone id; [`NO_LABEL`] when it has no zone label.
    zone: u32,
}

/// Buffers the walk reuses from pod to pod (never part of a snapshot).
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    candidates: Vec<Candidate>,
    /// Per zone id: seen among the feasible nodes.
    zones_seen: Vec<bool>,
    /// Per zone id: the zone constraint's term of the raw spread score.
    zone_terms: Vec<f64>,
    /// Normalized spread score by `raw - min`.
    normalized: Vec<i64>,
    ties: Vec<u32>,
    /// `ln(n + 2)` by `n`, filled on demand (NaN: not yet).
    ln_table: Vec<f64>,
    /// Node-local score sums by kind of pod.
    memos: Vec<Memo>,
    /// Counts memo uses (the memos stay in place: moving them to the back of the list on
    /// every use copied ~250 bytes per kind per cycle).
    memo_clock: u64,
    /// PodTopologySpread raw scores of this cycle by (zone row, matching pods on the node).
    raw_table: Vec<i64>,
    /// Emptied per-node records of earlier attempts, kept for their capacity (see
    /// [`Scratch::lend`]).
    spare_evals: Vec<NodeEval>,
    spare_reasons: Vec<Reason>,
}

impl Scratch {
    /// Gives `a` the spare (empty) record buffers, so that an attempt does not grow fresh
    /// ones node by node.
    pub(crate) fn lend(&mut self, a: &mut Attempt) {
        if a.evals.capacity() == 0 {
            a.evals = std::mem::take(&mut self.spare_evals);
        }
        if a.reasons.capacity() == 0 {
            a.reasons = std::mem::take(&mut self.spare_reasons);
        }
    }

    /// Takes back the record buffers of an attempt that no longer needs them, emptied.
    pub(crate) fn take_back(&mut self, a: &mut Attempt) {
        a.evals.clear();
        a.reasons.clear();
        if a.evals.capacity() > self.spare_evals.capacity() {
            self.spare_evals = std::mem::take(&mut a.evals);
        }
        if a.reasons.capacity() > self.spare_reasons.capacity() {
            self.spare_reasons = std::mem::take(&mut a.reasons);
        }
    }
}

/// Matching-pod counts below this have a cell in `Scratch::raw_table`.
const RAW_TABLE_HOSTS: usize = 32;
/// A `raw_table` cell not worked out yet (raw scores are never negative).
const UNSET: i64 = i64::MIN;

/// What the node-local scores of a pod depend on besides the node: two pods with equal keys
/// score every node alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LocalKey {
    const_total: i64,
    least: Option<Least>,
    balanced: Option<Balanced>,
    images: Option<Images>,
}

/// The weighted sum of the node-local scores of one kind of pod, per node slot, with the
/// node's stamp (`Cache::stamp`) when it was computed: valid while the stamp is unchanged.
/// Pods of one Deployment share a key, so a scale-up computes each node's scores once per
/// change of the node rather than once per pod.
#[derive(Debug)]
struct Memo {
    key: LocalKey,
    /// When it was last used ([`Scratch::memo_clock`]): the least recently used goes first.
    used: u64,
    /// By slot: (stamp, partial); [`NO_STAMP`] when not computed.
    entries: Vec<(u64, i64)>,
}

/// Kinds of pods remembered at once (least recently used goes first); each costs 16 bytes
/// per node.
const MAX_MEMOS: usize = 32;
/// A stamp no node ever has.
const NO_STAMP: u64 = u64::MAX;

/// The memo for `key` (created, or the least recently used one recycled, if needed), marked
/// used at `clock`. Which memo is recycled never changes a score: entries are checked
/// against the node's stamp.
fn memo(memos: &mut Vec<Memo>, clock: u64, key: LocalKey, slots: usize) -> Option<&mut Memo> {
    let i = match memos.iter().position(|m| m.key == key) {
        Some(i) => i,
        None if memos.len() >= MAX_MEMOS => {
            let (i, m) = memos.iter_mut().enumerate().min_by_key(|(_, m)| m.used)?;
            m.key = key;
            m.entries.fill((NO_STAMP, 0));
            i
        }
        None => {
            memos.push(Memo { key, used: clock, entries: Vec::new() });
            memos.len() - 1
        }
    };
    let memo = memos.get_mut(i)?;
    memo.used = clock;
    if memo.entries.len() < slots {
        memo.entries.resize(slots, (NO_STAMP, 0));
    }
    Some(memo)
}

impl Clone for Scratch {
    /// Scratch space holds nothing between cycles: a clone starts empty.
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

const NO_LABEL: u32 = u32::MAX;

/// The plan for `cs`, or `None` when the pod needs the general path. May register the pod's
/// default spreading selector (as PreScore would).
pub(crate) fn plan(s: &mut Scheduler, cs: &CycleState<'_>) -> Option<Plan> {
    let fast = cs.fast?;
    if cs.only_nodes.is_some() || !cs.pod.status.nominated_node_name.is_empty() {
        return None;
    }
    let r = &cs.info.req;
    let mut plan = Plan {
        reject_flags: fast.reject_flags,
        fit: fast.fit,
        cpu: r.cpu,
        mem: r.mem,
        eph: r.eph,
        consts: [(0, 0); MAX_SCORE_PLUGINS],
        num_consts: 0,
        const_total: 0,
        least: None,
        balanced: None,
        images: None,
        spread: None,
        active: [None; MAX_SCORE_PLUGINS],
    };
    // By index: the loop needs `s` mutably (PreScore may register a selector).
    for k in 0..s.compiled.scores.len() {
        let Some(&(p, weight)) = s.compiled.scores.get(k) else { break };
        let scores = match p {
            PluginName::TaintToleration if s.cache.pns_tainted_nodes() == 0 => {
                // No PreferNoSchedule taint anywhere: reverse normalization gives the maximum.
                let c = plan.consts.get_mut(plan.num_consts)?;
                *c = (k, MAX_NODE_SCORE);
                plan.num_consts += 1;
                plan.const_total += MAX_NODE_SCORE * weight;
                true
            }
            PluginName::NodeAffinity if node_affinity::pre_score(&cs.pod.spec).is_none() => false,
            PluginName::NodeResourcesFit => {
                let c = &s.compiled;
                let (w_cpu, w_mem) =
                    resource_allocation::cpu_memory_only(&c.fit_resources, &c.fit_strategy)?;
                let (cpu, mem) = (cs.info.nz_cpu, cs.info.nz_mem);
                plan.least = Some(Least { k, weight, cpu, mem, w_cpu, w_mem });
                true
            }
            PluginName::NodeResourcesBalancedAllocation
                if balanced_allocation::is_cpu_memory(&s.compiled.balanced_resources) =>
            {
                let scores = balanced_allocation::pre_score(&[r.cpu, r.mem]).is_some();
                if scores {
                    plan.balanced = Some(Balanced { k, weight, cpu: r.cpu, mem: r.mem });
                }
                scores
            }
            PluginName::ImageLocality => {
                plan.images = Some(image_term(s, cs.pod, k, weight)?);
                true
            }
            PluginName::PodTopologySpread => {
                if !cs.pod.spec.topology_spread_constraints.is_empty() || !cs.required.is_empty() {
                    return None;
                }
                let selector = s.default_spread_selector(cs.pod, cs.info.group);
                if let Some((selector, _)) = selector {
                    plan.spread = Some(SpreadTerm { k, weight, selector });
                }
                selector.is_some()
            }
            _ => return None,
        };
        if scores && let Some(a) = plan.active.get_mut(k) {
            *a = Some(p);
        }
    }
    Some(plan)
}

/// ImageLocality's PreScore folded into a table by held-image set.
fn image_term(s: &Scheduler, pod: &Pod, k: usize, weight: i64) -> Option<Images> {
    let st = image_locality::pre_score(&pod.spec, &s.cache.images, s.cache.num_nodes());
    if st.images.len() > MAX_IMAGES {
        return None;
    }
    let mut by_mask = [0i64; 1 << MAX_IMAGES];
    for (mask, out) in by_mask.iter_mut().enumerate().take(1 << st.images.len()) {
        // The same summation order as the general path: images in pod order.
        let mut sum = 0i64;
        for (j, (_, scaled)) in st.images.iter().enumerate() {
            if mask & (1 << j) != 0 {
                sum = sum.saturating_add(*scaled);
            }
        }
        *out = image_locality::calculate_priority(sum, st.num_containers);
    }
    let mut ids = [0u32; MAX_IMAGES];
    for (slot, (id, _)) in ids.iter_mut().zip(&st.images) {
        *slot = *id;
    }
    Some(Images { k, weight, by_mask, ids, len: st.images.len() })
}

/// The node-local part of a feasible node's scores: the weighted sum, with each score also
/// written to `eval` when explaining.
#[inline(always)]
fn score_local<const EXPLAIN: bool>(
    plan: &Plan,
    holders: &[&[u64]; MAX_IMAGES],
    h: &NodeHot,
    slot: u32,
    eval: &mut NodeEval,
) -> i64 {
    let mut partial = plan.const_total;
    if EXPLAIN {
        for &(k, score) in plan.consts.iter().take(plan.num_consts) {
            eval.set_score(k, score);
        }
    }
    if let Some(l) = &plan.least {
        let score = resource_allocation::least_cpu_memory(h, &[l.cpu, l.mem], (l.w_cpu, l.w_mem));
        partial += score * l.weight;
        if EXPLAIN {
            eval.set_score(l.k, score);
        }
    }
    if let Some(b) = &plan.balanced {
        let score = balanced_allocation::score_cpu_memory(h, &[b.cpu, b.mem]);
        partial += score * b.weight;
        if EXPLAIN {
            eval.set_score(b.k, score);
        }
    }
    if let Some(im) = &plan.images {
        let (word, bit) = (slot as usize / 64, slot % 64);
        let mut mask = 0usize;
        for (j, bits) in holders.iter().enumerate().take(im.len) {
            if bits.get(word).is_some_and(|w| w & (1 << bit) != 0) {
                mask |= 1 << j;
            }
        }
        let score = im.by_mask.get(mask).copied().unwrap_or(0);
        partial += score * im.weight;
        if EXPLAIN {
            eval.set_score(im.k, score);
        }
    }
    partial
}

/// Runs the filter walk and scoring for a planned pod; fills the attempt as the general path
/// does and returns the chosen slot (`None`: no node fits, the caller runs PostFilter).
pub(crate) fn run(
    s: &mut Scheduler,
    cs: &CycleState<'_>,
    plan: &Plan,
    a: &mut Attempt,
    rng: &mut SimRng,
) -> Option<u32> {
    let mut scratch = std::mem::take(&mut s.scratch);
    let chosen = if s.explain {
        run_with::<true>(s, cs, plan, a, rng, &mut scratch)
    } else {
        run_with::<false>(s, cs, plan, a, rng, &mut scratch)
    };
    s.scratch = scratch;
    chosen
}

fn run_with<const EXPLAIN: bool>(
    s: &mut Scheduler,
    cs: &CycleState<'_>,
    plan: &Plan,
    a: &mut Attempt,
    rng: &mut SimRng,
    scratch: &mut Scratch,
) -> Option<u32> {
    let processed = walk::<EXPLAIN>(s, cs, plan, a, scratch);
    let num_all = s.cache.current_order().len();
    if num_all > 0 {
        s.next_start_node_index = (s.next_start_node_index % num_all + processed) % num_all;
    }
    let found = scratch.candidates.len();
    a.feasible_nodes = u32::try_from(found).unwrap_or(u32::MAX);
    let first = scratch.candidates.first()?.slot;
    if found == 1 {
        a.ties = vec![first];
        if !EXPLAIN {
            a.evals.clear();
            a.reasons.clear();
        }
        return Some(first);
    }
    a.scored = true;
    for (sp, p) in a.score_plugins.iter_mut().zip(plan.active) {
        *sp = p;
    }
    let chosen = totals_and_pick::<EXPLAIN>(&s.cache, plan.spread, a, rng, scratch);
    if EXPLAIN {
        a.ties.clone_from(&scratch.ties);
    } else {
        a.evals.clear();
        a.reasons.clear();
    }
    Some(chosen)
}

/// The walk: filters nodes in order from `nextStartNodeIndex` until enough are feasible,
/// scoring each feasible one's node-local plugins. Returns the nodes processed.
fn walk<const EXPLAIN: bool>(
    s: &Scheduler,
    cs: &CycleState<'_>,
    plan: &Plan,
    a: &mut Attempt,
    scratch: &mut Scratch,
) -> usize {
    let cache = &s.cache;
    let order = cache.current_order();
    let num_all = order.len();
    scratch.candidates.clear();
    if num_all == 0 {
        return 0;
    }
    let mut to_find = num_feasible_nodes_to_find(s.compiled.percentage_of_nodes_to_score, num_all);
    if s.compiled.scores.is_empty() {
        to_find = 1;
    }
    scratch.candidates.reserve(to_find.min(num_all));
    if EXPLAIN {
        a.evals.reserve(to_find.min(num_all) + 16);
    }
    let start = s.next_start_node_index % num_all;
    let (tail, head) = order.split_at(start);
    let empty: &[u64] = &[];
    let mut holders = [empty; MAX_IMAGES];
    if let Some(im) = &plan.images {
        for (h, id) in holders.iter_mut().zip(im.ids) {
            *h = cache.images.holders(id);
        }
    }
    let host_counts = plan
        .spread
        .and_then(|t| cache.spread.get(t.selector))
        .map_or(empty32(), |sel| &sel.node_counts[..]);
    // Explanations need each plugin's score, so only the decisions-only walk remembers sums.
    let key = LocalKey {
        const_total: plan.const_total,
        least: plan.least,
        balanced: plan.balanced,
        images: plan.images,
    };
    let Scratch { candidates, memos, memo_clock, .. } = scratch;
    *memo_clock += 1;
    let mut memo = if EXPLAIN { None } else { memo(memos, *memo_clock, key, cache.hot.len()) };
    let skip_fit = !plan.fit;
    let unchecked = |r: i64| if r <= 0 { i64::MIN } else { r };
    let (cpu, mem, eph) = (unchecked(plan.cpu), unchecked(plan.mem), unchecked(plan.eph));
    let mut processed = 0usize;
    'walk: for &slot in [head, tail].into_iter().flatten() {
        processed += 1;
        let Some(h) = cache.hot.get(slot as usize) else { continue };
        // `FastFilter` and `fits_fast`, without branches: a request of 0 or less is not
        // checked (`i64::MIN` is at most anything).
        let fits = (h.flags & plan.reject_flags == 0)
            & (skip_fit
                | ((h.pod_count < h.alloc_pods)
                    & (cpu <= h.alloc_cpu - h.req_cpu)
                    & (mem <= h.alloc_mem - h.req_mem)
                    & (eph <= h.alloc_eph - h.req_eph)));
        let eval = if fits {
            if EXPLAIN {
                a.evals.push(NodeEval::feasible(slot));
            }
            a.evals.len().saturating_sub(1)
        } else if evaluate(s, cs, slot, a) {
            // A node the shortcut cannot clear (a tolerated taint, say) passed the filters.
            a.evals.len() - 1
        } else {
            continue;
        };
        let mut dummy = NodeEval::feasible(slot);
        let e = if EXPLAIN { a.evals.get_mut(eval).unwrap_or(&mut dummy) } else { &mut dummy };
        let remembered = memo.as_deref_mut().and_then(|m| m.entries.get_mut(slot as usize));
        let partial = match remembered {
            Some(entry) => {
                let stamp = cache.stamp(slot);
                if entry.0 != stamp {
                    *entry = (stamp, score_local::<EXPLAIN>(plan, &holders, h, slot, e));
                }
                entry.1
            }
            None => score_local::<EXPLAIN>(plan, &holders, h, slot, e),
        };
        let host = if h.has(flags::HAS_HOSTNAME) {
            host_counts.get(slot as usize).copied().unwrap_or(0)
        } else {
            NO_LABEL
        };
        let zone = if h.has(flags::HAS_ZONE) { h.zone } else { NO_LABEL };
        candidates.push(Candidate {
            slot,
            eval: u32::try_from(eval).unwrap_or(u32::MAX),
            partial,
            spread_raw: 0,
            host,
            zone,
        });
        if candidates.len() >= to_find {
            break 'walk;
        }
    }
    processed
}

fn empty32() -> &'static [u32] {
    &[]
}

/// `ln(n + 2)`, memoized: the spread weights take it of node and zone counts every cycle.
fn ln_plus_2(table: &mut Vec<f64>, n: usize) -> f64 {
    if table.len() <= n {
        table.resize(n + 1, f64::NAN);
    }
    match table.get_mut(n) {
        Some(v) if v.is_nan() => {
            *v = pod_topology_spread::ln(n as f64 + 2.0);
            *v
        }
        Some(v) => *v,
        None => pod_topology_spread::ln(n as f64 + 2.0),
    }
}

/// PodTopologySpread's PreScore and Score for the feasible set: the constraint weights are
/// `ln(domains + 2)` for hostname (every feasible node is a domain) and zone (distinct zone
/// ids among the feasible nodes, the empty zone included); each candidate's raw score is
/// the system default constraints' terms in order, hostname (`maxSkew` 3) then zone
/// (`maxSkew` 5), summed from 0.0 as `FastScore::score` does. Returns (min, max) of the raw
/// scores.
fn spread_pass(cache: &Cache, t: SpreadTerm, scratch: &mut Scratch) -> (i64, i64) {
    let Scratch { candidates, zones_seen, zone_terms, ln_table, raw_table, .. } = scratch;
    zones_seen.clear();
    zones_seen.resize(cache.zones.len(), false);
    let mut zones = 0usize;
    for c in candidates.iter() {
        // Nodes without a zone label are in the empty zone (id 0) for counting domains.
        let zone = if c.zone == NO_LABEL { 0 } else { c.zone };
        if let Some(seen) = zones_seen.get_mut(zone as usize)
            && !*seen
        {
            *seen = true;
            zones += 1;
        }
    }
    let host_w = ln_plus_2(ln_table, candidates.len());
    let zone_w = ln_plus_2(ln_table, zones);
    let [(_, host_skew), (_, zone_skew)] = pod_topology_spread::SYSTEM_DEFAULT_CONSTRAINTS;
    let (host_skew, zone_skew) = (f64::from(host_skew - 1), f64::from(zone_skew - 1));
    let zone_counts = cache.spread.get(t.selector).map_or(&[][..], |s| &s.zone_counts[..]);
    zone_terms.clear();
    zone_terms.extend(
        (0..cache.zones.len())
            .map(|z| f64::from(zone_counts.get(z).copied().unwrap_or(0)) * zone_w + zone_skew),
    );
    let raw_of = |host: u32, zone: u32| {
        // `0.0 + a == a` and `a + 0.0 == a` exactly, so a missing label's term may be 0.0 on
        // either side of the sum.
        let host = if host == NO_LABEL { 0.0 } else { f64::from(host) * host_w + host_skew };
        let zone = if zone == NO_LABEL {
            0.0
        } else {
            zone_terms.get(zone as usize).copied().unwrap_or(zone_skew)
        };
        pod_topology_spread::round_half_away(host + zone)
    };
    // Few distinct (zone, matching pods on the node) pairs occur among the candidates: each
    // raw score is worked out once per cycle and looked up after that (the float sum and its
    // rounding's data-dependent branches are the cost otherwise).
    let zone_rows = cache.zones.len() + 1;
    raw_table.clear();
    raw_table.resize(zone_rows * RAW_TABLE_HOSTS, UNSET);
    let (mut min, mut max) = (i64::MAX, 0i64);
    for c in candidates.iter_mut() {
        let row = if c.zone == NO_LABEL { 0 } else { c.zone as usize + 1 };
        let cell = (c.host < RAW_TABLE_HOSTS as u32)
            .then(|| row * RAW_TABLE_HOSTS + c.host as usize)
            .and_then(|i| raw_table.get_mut(i));
        let raw = match cell {
            Some(v) if *v != UNSET => *v,
            Some(v) => {
                *v = raw_of(c.host, c.zone);
                *v
            }
            None => raw_of(c.host, c.zone),
        };
        c.spread_raw = raw;
        min = min.min(raw);
        max = max.max(raw);
    }
    (min, max)
}

/// Spread normalization, weighted totals, the top nodes and the seeded pick among them.
fn totals_and_pick<const EXPLAIN: bool>(
    cache: &Cache,
    spread: Option<SpreadTerm>,
    a: &mut Attempt,
    rng: &mut SimRng,
    scratch: &mut Scratch,
) -> u32 {
    let (min, max) = spread.map_or((0, 0), |t| spread_pass(cache, t, scratch));
    // NormalizeScore takes a division per node; with fewer distinct raw values than
    // candidates, a table by `raw - min` takes fewer.
    let range = usize::try_from(max.saturating_sub(min)).unwrap_or(usize::MAX);
    let table = spread.is_some() && range < scratch.candidates.len();
    scratch.normalized.clear();
    if table {
        scratch.normalized.extend(
            (0..=range as i64)
                .map(|d| pod_topology_spread::normalize_one(min + d, false, min, max)),
        );
    }
    let Scratch { candidates, normalized, ties, .. } = scratch;
    let mut best = 0u32;
    ties.clear();
    for c in candidates.iter() {
        let mut total = c.partial;
        if let Some(t) = spread {
            let score = if table {
                normalized.get((c.spread_raw - min) as usize).copied().unwrap_or(0)
            } else {
                pod_topology_spread::normalize_one(c.spread_raw, false, min, max)
            };
            total += score * t.weight;
            if EXPLAIN && let Some(e) = a.evals.get_mut(c.eval as usize) {
                e.set_score(t.k, score);
            }
        }
        let total = u32::try_from(total).unwrap_or(0);
        if EXPLAIN && let Some(e) = a.evals.get_mut(c.eval as usize) {
            e.total = total;
        }
        if total > best {
            best = total;
            ties.clear();
        }
        if total == best {
            ties.push(c.slot);
        }
    }
    // `selectHost`: reservoir sampling over the tied nodes in evaluation order.
    let mut chosen = candidates.first().map_or(0, |c| c.slot);
    for (i, &slot) in ties.iter().enumerate() {
        let count = i as u64 + 1;
        if count == 1 || below(rng, count) == 0 {
            chosen = slot;
        }
    }
    chosen
}
