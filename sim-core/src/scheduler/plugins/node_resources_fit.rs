//! `NodeResourcesFit`: the pod's real requests must fit in what the node has left
//! (`allocatable - requested`) for every resource it asks for, and the node must have room for
//! one more pod. Scores with the configured strategy (LeastAllocated by default) on the
//! non-zero-defaulted requests; see [`resource_allocation`](super::resource_allocation).
//!
//! All failing resources are reported, in the order pods, cpu, memory, ephemeral-storage,
//! then scalar resources by name.

use super::NodeRef;
use crate::scheduler::{
    cache::{PodInfo, interner::ScalarNames},
    framework::{Code, Reason, ResourceKey},
};
use std::sync::Arc;

/// The plugin's name.
pub const NAME: &str = "NodeResourcesFit";

/// PreFilter state: the scalar requests to check, with ignored extended resources removed.
#[derive(Clone, Debug, Default)]
pub(crate) struct FitState {
    pub(crate) scalars: Vec<(u16, i64, Arc<str>)>,
}

/// `v1helper.IsExtendedResourceName`: a domain-prefixed name outside `kubernetes.io`.
pub(crate) fn is_extended(name: &str) -> bool {
    name.contains('/') && !name.contains("kubernetes.io/")
}

/// PreFilter.
pub(crate) fn pre_filter(
    pod: &PodInfo,
    names: &ScalarNames,
    ignored: &[String],
    ignored_groups: &[String],
) -> FitState {
    let mut scalars: Vec<(u16, i64, Arc<str>)> = pod
        .req
        .scalars
        .iter()
        .map(|&(id, q)| (id, q, names.name(id)))
        .filter(|(_, _, name)| {
            if !is_extended(name) {
                return true;
            }
            let group = name.split('/').next().unwrap_or("");
            !ignored.iter().any(|i| i == &**name) && !ignored_groups.iter().any(|g| g == group)
        })
        .collect();
    // Simplified: upstream walks a Go map here (random order); the simulator reports scalar
    // reasons sorted by name.
    scalars.sort_by(|a, b| a.2.cmp(&b.2));
    FitState { scalars }
}

/// Whether [`filter`] would pass, from hot fields only, for pods without scalar requests
/// (false means "run the full filter", which also produces the reasons).
#[inline]
pub(crate) fn fits_fast(
    pod: &PodInfo,
    state: &FitState,
    h: &crate::scheduler::cache::NodeHot,
) -> bool {
    let r = &pod.req;
    state.scalars.is_empty()
        && h.pod_count < h.alloc_pods
        && (r.cpu <= 0 || r.cpu <= h.alloc_cpu - h.req_cpu)
        && (r.mem <= 0 || r.mem <= h.alloc_mem - h.req_mem)
        && (r.eph <= 0 || r.eph <= h.alloc_eph - h.req_eph)
}

/// Filter (`fitsRequest`).
pub(crate) fn filter(
    pod: &PodInfo,
    state: &FitState,
    node: NodeRef<'_>,
    out: &mut Vec<Reason>,
) -> Code {
    let h = node.hot;
    let mut code = Code::Success;
    if node.pod_count() + 1 > h.alloc_pods {
        out.push(Reason::TooManyPods);
        code = Code::Unschedulable;
    }
    let r = &pod.req;
    if r.is_zero() {
        return code;
    }
    let mut insufficient = |key: ResourceKey| {
        out.push(Reason::Insufficient(key));
        code = Code::Unschedulable;
    };
    if r.cpu > 0 && r.cpu > h.alloc_cpu - node.req_cpu() {
        insufficient(ResourceKey::Cpu);
    }
    if r.mem > 0 && r.mem > h.alloc_mem - node.req_mem() {
        insufficient(ResourceKey::Memory);
    }
    if r.eph > 0 && r.eph > h.alloc_eph - node.req_eph() {
        insufficient(ResourceKey::EphemeralStorage);
    }
    for (id, q, name) in &state.scalars {
        if *q > node.cold.scalar_alloc(*id) - node.scalar_req(*id) {
            insufficient(ResourceKey::Scalar(name.clone()));
        }
    }
    code
}

/// Whether the pod fits an empty node with `alloc` (the requeue hint's `isFit`).
pub(crate) fn fits_empty_node(
    pod: &PodInfo,
    alloc: &crate::scheduler::pod_info::ResVec,
    alloc_pods: i64,
) -> bool {
    if alloc_pods < 1 {
        return false;
    }
    let r = &pod.req;
    (r.cpu == 0 || r.cpu <= alloc.cpu)
        && (r.mem == 0 || r.mem <= alloc.mem)
        && (r.eph == 0 || r.eph <= alloc.eph)
        && r.scalars.iter().all(|(id, q)| *q <= alloc.scalar(*id))
}
