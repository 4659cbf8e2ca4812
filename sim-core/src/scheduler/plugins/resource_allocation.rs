//! The scoring half of `noderesources` shared by NodeResourcesFit's strategies and
//! NodeResourcesBalancedAllocation (upstream's `resource_allocation.go`, `least_allocated.go`,
//! `most_allocated.go`, `requested_to_capacity_ratio.go`).
//!
//! For each configured resource: the node's allocatable and (node requested + pod request).
//! NodeResourcesFit uses the *non-zero* requested amounts for cpu and memory (100m / 200Mi for
//! containers that ask for none); BalancedAllocation uses the real ones. A scalar resource the
//! pod does not ask for, and any resource the node has no allocatable of, is left out.

use super::NodeRef;
use crate::{
    model::ResourceName,
    scheduler::{
        cache::{NodeHot, PodInfo, interner::ScalarNames},
        config::{ResourceSpec, ScoringStrategyType},
        framework::MAX_NODE_SCORE,
    },
};
use serde::{Deserialize, Serialize};

/// `config.MaxCustomPriorityScore`: the top of a `shape` score.
const MAX_CUSTOM_PRIORITY_SCORE: i64 = 10;
/// `maxUtilization`.
const MAX_UTILIZATION: i64 = 100;

/// A configured resource, resolved for fast lookups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ResKind {
    Cpu,
    Memory,
    EphemeralStorage,
    Scalar(u16),
    /// `pods` and the like: never scored.
    Unscored,
}

/// A resource and its weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ResSpec {
    pub(crate) kind: ResKind,
    pub(crate) weight: i64,
}

/// Resolves configured resource names.
pub(crate) fn compile(specs: &[ResourceSpec], names: &mut ScalarNames) -> Vec<ResSpec> {
    specs
        .iter()
        .map(|s| ResSpec {
            kind: match &s.name {
                ResourceName::Cpu => ResKind::Cpu,
                ResourceName::Memory => ResKind::Memory,
                ResourceName::EphemeralStorage => ResKind::EphemeralStorage,
                ResourceName::Pods => ResKind::Unscored,
                ResourceName::Extended(n) => ResKind::Scalar(names.intern(n)),
            },
            weight: s.weight,
        })
        .collect()
}

/// A scoring strategy with its shape pre-scaled to 0–100.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Strategy {
    LeastAllocated,
    MostAllocated,
    /// (utilization, score × 10) points.
    RequestedToCapacityRatio(Vec<(i64, i64)>),
}

impl Strategy {
    pub(crate) fn of(t: &ScoringStrategyType) -> Self {
        match t {
            ScoringStrategyType::LeastAllocated => Strategy::LeastAllocated,
            ScoringStrategyType::MostAllocated => Strategy::MostAllocated,
            ScoringStrategyType::RequestedToCapacityRatio { shape } => {
                let scale = MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE;
                Strategy::RequestedToCapacityRatio(
                    shape.iter().map(|(u, s)| (*u, s.saturating_mul(scale))).collect(),
                )
            }
        }
    }
}

/// The pod's request for each resource (`calculatePodResourceRequestList`).
pub(crate) fn pod_requests(specs: &[ResSpec], pod: &PodInfo, use_requested: bool) -> Vec<i64> {
    specs
        .iter()
        .map(|s| match s.kind {
            ResKind::Cpu => {
                if use_requested {
                    pod.req.cpu
                } else {
                    pod.nz_cpu
                }
            }
            ResKind::Memory => {
                if use_requested {
                    pod.req.mem
                } else {
                    pod.nz_mem
                }
            }
            ResKind::EphemeralStorage => pod.req.eph,
            ResKind::Scalar(id) => pod.req.scalar(id),
            ResKind::Unscored => 0,
        })
        .collect()
}

/// `calculateResourceAllocatableRequest`: (allocatable, node requested + pod request).
#[inline]
pub(crate) fn alloc_and_request(
    kind: ResKind,
    pod_request: i64,
    node: NodeRef<'_>,
    use_requested: bool,
) -> (i64, i64) {
    let h = node.hot;
    match kind {
        ResKind::Cpu => {
            let requested = if use_requested { h.req_cpu } else { h.nz_cpu };
            (h.alloc_cpu, requested + pod_request)
        }
        ResKind::Memory => {
            let requested = if use_requested { h.req_mem } else { h.nz_mem };
            (h.alloc_mem, requested + pod_request)
        }
        ResKind::EphemeralStorage => (h.alloc_eph, h.req_eph + pod_request),
        ResKind::Scalar(_) if pod_request == 0 => (0, 0),
        ResKind::Scalar(id) => (node.cold.scalar_alloc(id), node.cold.scalar_req(id) + pod_request),
        ResKind::Unscored => (0, 0),
    }
}

/// `leastRequestedScore`: the free share, in percent, truncated.
pub(crate) fn least_requested_score(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    (capacity - requested) * MAX_NODE_SCORE / capacity
}

/// `mostRequestedScore`: the used share, in percent, truncated; over-commitment (possible with
/// the non-zero defaults) counts as full.
pub(crate) fn most_requested_score(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 {
        return 0;
    }
    requested.min(capacity) * MAX_NODE_SCORE / capacity
}

/// `helper.BuildBrokenLinearFunction`: piecewise-linear through the shape points.
pub(crate) fn broken_linear(shape: &[(i64, i64)], p: i64) -> i64 {
    for (i, &(u, s)) in shape.iter().enumerate() {
        if p <= u {
            let Some(&(u0, s0)) = i.checked_sub(1).and_then(|j| shape.get(j)) else { return s };
            if u == u0 {
                return s;
            }
            return s0 + (s - s0) * (p - u0) / (u - u0);
        }
    }
    shape.last().map_or(0, |&(_, s)| s)
}

/// The NodeResourcesFit score of a node under `strategy`.
pub(crate) fn score(
    strategy: &Strategy,
    specs: &[ResSpec],
    pod_req: &[i64],
    node: NodeRef<'_>,
) -> i64 {
    let mut node_score: i64 = 0;
    let mut weight_sum: i64 = 0;
    for (spec, &req) in specs.iter().zip(pod_req) {
        let (alloc, requested) = alloc_and_request(spec.kind, req, node, false);
        if alloc == 0 {
            continue;
        }
        match strategy {
            Strategy::LeastAllocated => {
                node_score += least_requested_score(requested, alloc) * spec.weight;
                weight_sum += spec.weight;
            }
            Strategy::MostAllocated => {
                node_score += most_requested_score(requested, alloc) * spec.weight;
                weight_sum += spec.weight;
            }
            Strategy::RequestedToCapacityRatio(shape) => {
                let s = if requested > alloc {
                    broken_linear(shape, MAX_UTILIZATION)
                } else {
                    broken_linear(shape, requested * MAX_UTILIZATION / alloc)
                };
                // Only resources that score above zero enter the average, as upstream does.
                if s > 0 {
                    node_score += s * spec.weight;
                    weight_sum += spec.weight;
                }
            }
        }
    }
    if weight_sum == 0 {
        return 0;
    }
    match strategy {
        Strategy::RequestedToCapacityRatio(_) => {
            (node_score as f64 / weight_sum as f64).round() as i64
        }
        _ => node_score / weight_sum,
    }
}

/// The weights of a LeastAllocated strategy over exactly `[cpu, memory]` (the default), for
/// the specialized loop.
pub(crate) fn cpu_memory_only(specs: &[ResSpec], strategy: &Strategy) -> Option<(i64, i64)> {
    match (strategy, specs) {
        (
            Strategy::LeastAllocated,
            [
                ResSpec { kind: ResKind::Cpu, weight: wc },
                ResSpec { kind: ResKind::Memory, weight: wm },
            ],
        ) => Some((*wc, *wm)),
        _ => None,
    }
}

/// [`score`] for LeastAllocated over `[cpu, memory]` with weights `w`, from hot fields only.
#[inline]
pub(crate) fn least_cpu_memory(h: &NodeHot, pod_req: &[i64], w: (i64, i64)) -> i64 {
    let (pc, pm) = (pod_req.first().copied().unwrap_or(0), pod_req.get(1).copied().unwrap_or(0));
    let mut node_score = 0;
    let mut weight_sum = 0;
    if h.alloc_cpu != 0 {
        node_score += least_requested_score(h.nz_cpu + pc, h.alloc_cpu) * w.0;
        weight_sum += w.0;
    }
    if h.alloc_mem != 0 {
        node_score += least_requested_score(h.nz_mem + pm, h.alloc_mem) * w.1;
        weight_sum += w.1;
    }
    match (weight_sum, w) {
        (0, _) => 0,
        // The default weights: a constant divisor the compiler turns into a shift.
        (2, (1, 1)) => node_score / 2,
        _ => node_score / weight_sum,
    }
}
