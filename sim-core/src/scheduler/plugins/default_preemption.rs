//! `DefaultPreemption` (PostFilter): when no node fits, find a node where evicting
//! lower-priority pods would make the pod fit, and nominate it.
//!
//! Upstream (`preemption.go`, `default_preemption.go`):
//! 1. The pod may not preempt while lower-priority pods are still terminating on the node it
//!    was already nominated to.
//! 2. Nodes rejected as UnschedulableAndUnresolvable are out ("Preemption is not helpful for
//!    scheduling").
//! 3. Dry run from a random offset over the other nodes (stopping after
//!    `max(10% of them, 100)` candidates): remove every lower-priority pod; if the pod still
//!    does not fit, the node is out with the filter's reasons; otherwise add the victims back,
//!    most important first (higher priority, then earlier start), keeping each that still
//!    lets the pod fit. What remains are the victims.
//! 4. Pick the candidate whose most important victim has the lowest priority, then the lowest
//!    sum of priorities, then the fewest victims, then the latest start among its
//!    highest-priority victims, then the first.
//!
//! Simplified: no PodDisruptionBudgets (no victim ever violates one) and no
//! `preemptionPolicy: Never`; the dry run sees resources and ports freed, but
//! PodTopologySpread counts are not reduced for the victims, and nominated pods are not added
//! during the dry run. The scheduler returns the victims and the nominated node; evicting them,
//! setting `status.nominatedNodeName` and clearing lower-priority nominations on that node are
//! the caller's (upstream's `prepareCandidate` does them through the API).

use crate::{
    model::Uid,
    rng::SimRng,
    scheduler::{
        Scheduler,
        attempt::NodeEval,
        cache::flags,
        cycle_state::CycleState,
        fit_error,
        framework::{Code, Reason},
        schedule_one::fits_with,
    },
    time::SimTime,
};

use super::Adjust;

/// The plugin's name.
pub const NAME: &str = "DefaultPreemption";

/// `minCandidateNodesPercentage`.
const MIN_CANDIDATE_NODES_PERCENTAGE: usize = 10;
/// `minCandidateNodesAbsolute`.
const MIN_CANDIDATE_NODES_ABSOLUTE: usize = 100;

/// The outcome of PostFilter.
#[derive(Debug, Default)]
pub(crate) struct PostFilterResult {
    /// The nominated node's slot.
    pub(crate) nominated: Option<u32>,
    pub(crate) victims: Vec<Uid>,
    /// `preemption: …` when preemption could not help.
    pub(crate) message: Option<String>,
}

/// A victim: uid, priority, start time.
#[derive(Clone, Copy, Debug)]
struct Victim {
    uid: Uid,
    priority: i32,
    start: Option<SimTime>,
}

/// `MoreImportantPod`: higher priority first, then the one that started earlier (a pod that
/// has not started counts as starting now, i.e. last).
fn more_important_first(a: &Victim, b: &Victim) -> std::cmp::Ordering {
    b.priority.cmp(&a.priority).then_with(|| start_key(a).cmp(&start_key(b)))
}

fn start_key(v: &Victim) -> u64 {
    v.start.map_or(u64::MAX, SimTime::as_millis)
}

/// `calculateNumCandidates`.
fn num_candidates(n: usize) -> usize {
    (n * MIN_CANDIDATE_NODES_PERCENTAGE / 100).max(MIN_CANDIDATE_NODES_ABSOLUTE).min(n)
}

/// PostFilter. `statuses` holds each slot's filter code (None: not a node);
/// `evals` the evaluated nodes, whose reasons are not needed here.
pub(crate) fn post_filter(
    s: &Scheduler,
    cs: &CycleState<'_>,
    statuses: &[Option<Code>],
    _evals: &[NodeEval],
    rng: &mut SimRng,
) -> PostFilterResult {
    if let Some(msg) = not_eligible(s, cs, statuses) {
        return PostFilterResult {
            message: Some(format!("preemption: {msg}")),
            ..Default::default()
        };
    }
    let order = s.cache.current_order();
    let num_all = order.len();
    let mut node_reasons: Vec<Vec<Reason>> = Vec::new();
    let mut potential: Vec<u32> = Vec::new();
    for &slot in order {
        match statuses.get(slot as usize).copied().flatten() {
            Some(Code::UnschedulableAndUnresolvable) | None => {
                node_reasons.push(vec![Reason::PreemptionNotHelpful]);
            }
            Some(_) => potential.push(slot),
        }
    }
    let mut candidates: Vec<(u32, Vec<Victim>)> = Vec::new();
    if !potential.is_empty() {
        let n = potential.len();
        let offset = usize::try_from(rng.below(n as u64)).unwrap_or(0);
        let wanted = num_candidates(n);
        for i in 0..n {
            let Some(&slot) = potential.get((offset + i) % n) else { break };
            match select_victims_on_node(s, cs, slot) {
                Ok(victims) => {
                    candidates.push((slot, victims));
                    if candidates.len() >= wanted {
                        break;
                    }
                }
                Err(reasons) => node_reasons.push(reasons),
            }
        }
    }
    let Some((slot, victims)) = pick_one_node(candidates) else {
        let msg = fit_error::preemption_message(num_all, node_reasons.iter().map(Vec::as_slice));
        return PostFilterResult { message: Some(msg), ..Default::default() };
    };
    PostFilterResult {
        nominated: Some(slot),
        victims: victims.iter().map(|v| v.uid).collect(),
        message: None,
    }
}

/// `PodEligibleToPreemptOthers`.
fn not_eligible(
    s: &Scheduler,
    cs: &CycleState<'_>,
    statuses: &[Option<Code>],
) -> Option<&'static str> {
    let nominated = &cs.pod.status.nominated_node_name;
    if nominated.is_empty() {
        return None;
    }
    let slot = s.cache.slot(nominated)?;
    if statuses.get(slot as usize).copied().flatten() == Some(Code::UnschedulableAndUnresolvable) {
        return None;
    }
    let cold = s.cache.cold.get(slot as usize)?;
    let blocked = cold
        .pods
        .iter()
        .filter_map(|i| s.cache.pod_at(*i))
        .any(|p| p.terminating && p.info.priority < cs.info.priority);
    blocked.then_some("not eligible due to a terminating pod on the nominated node")
}

/// `SelectVictimsOnNode`: the victims, most important first, or the reasons the node is out.
fn select_victims_on_node(
    s: &Scheduler,
    cs: &CycleState<'_>,
    slot: u32,
) -> Result<Vec<Victim>, Vec<Reason>> {
    let (Some(cold), Some(hot)) = (s.cache.cold.get(slot as usize), s.cache.hot.get(slot as usize))
    else {
        return Err(vec![Reason::PreemptionNotHelpful]);
    };
    if !hot.has(flags::PRESENT) {
        return Err(vec![Reason::PreemptionNotHelpful]);
    }
    let mut potential: Vec<Victim> = Vec::new();
    let mut adjust = Adjust::default();
    for &idx in &cold.pods {
        let Some(p) = s.cache.pod_at(idx) else { continue };
        if p.info.priority < cs.info.priority {
            potential.push(Victim {
                uid: p.info.uid,
                priority: p.info.priority,
                start: p.start_time,
            });
            adjust.res.sub(&p.info.req);
            adjust.pods -= 1;
            adjust.ports_removed.extend(p.info.ports.iter().cloned());
        }
    }
    if potential.is_empty() {
        return Err(vec![Reason::NoPreemptionVictims]);
    }
    let mut reasons = Vec::new();
    if fits_with(s, cs, slot, &adjust, &mut reasons).0 != Code::Success {
        return Err(reasons);
    }
    potential.sort_by(more_important_first);
    let mut victims = Vec::new();
    for v in potential {
        let Some(p) = s.cache.pod(v.uid) else { continue };
        adjust.res.add(&p.info.req);
        adjust.pods += 1;
        for port in &p.info.ports {
            if let Some(i) = adjust.ports_removed.iter().position(|q| q == port) {
                adjust.ports_removed.swap_remove(i);
            }
        }
        let mut scratch = Vec::new();
        if fits_with(s, cs, slot, &adjust, &mut scratch).0 != Code::Success {
            // The pod does not fit with this one back: it stays a victim.
            adjust.res.sub(&p.info.req);
            adjust.pods -= 1;
            adjust.ports_removed.extend(p.info.ports.iter().cloned());
            victims.push(v);
        }
    }
    Ok(victims)
}

/// `pickOneNodeForPreemption`.
fn pick_one_node(candidates: Vec<(u32, Vec<Victim>)>) -> Option<(u32, Vec<Victim>)> {
    let key = |victims: &[Victim]| {
        let highest = victims.first().map_or(i32::MIN, |v| v.priority);
        let sum: i64 =
            victims.iter().map(|v| i64::from(v.priority) + i64::from(i32::MAX) + 1).sum();
        let earliest_of_highest = victims
            .iter()
            .filter(|v| v.priority == highest)
            .map(start_key)
            .min()
            .unwrap_or(u64::MAX);
        // Later start is better: negate by ordering on Reverse.
        (highest, sum, victims.len(), std::cmp::Reverse(earliest_of_highest))
    };
    let mut best: Option<(u32, Vec<Victim>)> = None;
    for (slot, victims) in candidates {
        if victims.is_empty() {
            continue;
        }
        let better = match &best {
            None => true,
            Some((_, b)) => key(&victims) < key(b),
        };
        if better {
            best = Some((slot, victims));
        }
    }
    best
}
