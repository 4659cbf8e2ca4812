//! `NodeResourcesBalancedAllocation`: prefers nodes whose resources would be used evenly.
//!
//! Current upstream (`balanced_allocation.go`): for each configured resource (cpu and memory
//! by default) the fraction `(requested + pod request) / allocatable`, capped at 1, on *real*
//! requests; the score is `(1 - std) × 100` truncated, where `std` is the standard deviation of
//! the fractions (`|f1 - f2| / 2` for two). PreScore skips best-effort pods (no requests on any
//! configured resource), so they are not all drawn to the same node (kubernetes#129138).

use super::{
    NodeRef,
    resource_allocation::{ResKind, ResSpec, alloc_and_request},
};
use crate::scheduler::{cache::NodeHot, framework::MAX_NODE_SCORE};

/// The plugin's name.
pub const NAME: &str = "NodeResourcesBalancedAllocation";

/// PreScore: `None` (Skip) for a best-effort pod.
pub(crate) fn pre_score(pod_requests: &[i64]) -> Option<()> {
    if pod_requests.iter().all(|r| *r == 0) { None } else { Some(()) }
}

/// Score.
pub(crate) fn score(specs: &[ResSpec], pod_req: &[i64], node: NodeRef<'_>) -> i64 {
    let mut fractions = [0.0f64; 8];
    let mut n = 0usize;
    let mut total = 0.0f64;
    for (spec, &req) in specs.iter().zip(pod_req) {
        let (alloc, requested) = alloc_and_request(spec.kind, req, node, true);
        if alloc == 0 {
            continue;
        }
        let f = (requested as f64 / alloc as f64).min(1.0);
        total += f;
        if let Some(slot) = fractions.get_mut(n) {
            *slot = f;
            n += 1;
        }
    }
    let fractions = fractions.get(..n).unwrap_or(&[]);
    let std = match fractions {
        [a, b] => ((a - b) / 2.0).abs(),
        fs if fs.len() > 2 => {
            let mean = total / fs.len() as f64;
            let sum: f64 = fs.iter().map(|f| (f - mean) * (f - mean)).sum();
            (sum / fs.len() as f64).sqrt()
        }
        _ => 0.0,
    };
    ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
}

/// Whether the resources are exactly `[cpu, memory]` (weights are ignored upstream).
pub(crate) fn is_cpu_memory(specs: &[ResSpec]) -> bool {
    matches!(specs, [ResSpec { kind: ResKind::Cpu, .. }, ResSpec { kind: ResKind::Memory, .. }])
}

/// [`score`] for `[cpu, memory]`, from hot fields only.
#[inline]
pub(crate) fn score_cpu_memory(h: &NodeHot, pod_req: &[i64]) -> i64 {
    let (pc, pm) = (pod_req.first().copied().unwrap_or(0), pod_req.get(1).copied().unwrap_or(0));
    let fraction = |req: i64, alloc: i64| (req as f64 / alloc as f64).min(1.0);
    let std = match (h.alloc_cpu != 0, h.alloc_mem != 0) {
        (true, true) => {
            ((fraction(h.req_cpu + pc, h.alloc_cpu) - fraction(h.req_mem + pm, h.alloc_mem)) / 2.0)
                .abs()
        }
        _ => 0.0,
    };
    ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
}
