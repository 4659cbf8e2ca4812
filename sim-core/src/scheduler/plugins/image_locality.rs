//! `ImageLocality`: prefers nodes that already hold the pod's images, weighted by image size
//! and by how widely the image has spread (so one node holding a popular image does not attract
//! every pod: the "node heating" problem).
//!
//! Per container (init and app) whose image (`:latest` added when untagged) is on the node:
//! `size × nodesHavingImage / totalNodes`, summed, clamped to
//! [23 MiB, 1000 MiB × containers], and mapped linearly onto 0–100 with integer division.
//! Image names must match exactly as the node reports them.

use super::NodeRef;
use crate::{
    model::PodSpec,
    scheduler::{
        cache::images::{ImageId, ImageRegistry},
        framework::MAX_NODE_SCORE,
        pod_info::normalized_image_name,
    },
};

/// The plugin's name.
pub const NAME: &str = "ImageLocality";

const MB: i64 = 1024 * 1024;
/// `minThreshold`: images smaller than this do not make a difference.
pub(crate) const MIN_THRESHOLD: i64 = 23 * MB;
/// `maxContainerThreshold`: per container, images above this score the maximum.
pub(crate) const MAX_CONTAINER_THRESHOLD: i64 = 1000 * MB;

/// PreScore-time state: the pod's images known to some node, with their spread-scaled sizes.
#[derive(Clone, Debug, Default)]
pub(crate) struct ImageState {
    pub(crate) images: Vec<(ImageId, i64)>,
    pub(crate) num_containers: i64,
}

/// Resolves the pod's images once per cycle.
pub(crate) fn pre_score(
    spec: &PodSpec,
    registry: &ImageRegistry,
    total_nodes: usize,
) -> ImageState {
    let mut images = Vec::new();
    for c in spec.init_containers.iter().chain(&spec.containers) {
        let name = normalized_image_name(&c.image);
        if let Some(id) = registry.lookup(&name) {
            let state = registry.state(id);
            if state.num_nodes > 0 && total_nodes > 0 {
                images
                    .push((id, scaled_image_score(state.size_bytes, state.num_nodes, total_nodes)));
            }
        }
    }
    let num_containers =
        i64::try_from(spec.init_containers.len() + spec.containers.len()).unwrap_or(i64::MAX);
    ImageState { images, num_containers }
}

/// `scaledImageScore`: `int64(float64(size) * (float64(numNodes) / float64(totalNodes)))`.
pub(crate) fn scaled_image_score(size_bytes: i64, num_nodes: u32, total_nodes: usize) -> i64 {
    let spread = f64::from(num_nodes) / total_nodes as f64;
    (size_bytes as f64 * spread) as i64
}

/// `calculatePriority`.
pub(crate) fn calculate_priority(sum_scores: i64, num_containers: i64) -> i64 {
    if sum_scores <= MIN_THRESHOLD {
        // Clamped to the minimum: the formula gives 0 (skips a division per node).
        return 0;
    }
    let max_threshold = MAX_CONTAINER_THRESHOLD.saturating_mul(num_containers);
    let clamped = if sum_scores < MIN_THRESHOLD {
        MIN_THRESHOLD
    } else if sum_scores > max_threshold {
        max_threshold
    } else {
        sum_scores
    };
    let span = max_threshold - MIN_THRESHOLD;
    if span == 0 {
        return 0;
    }
    MAX_NODE_SCORE * (clamped - MIN_THRESHOLD) / span
}

/// Score, reading image presence from the registry's per-image node bitsets (`holders`,
/// one per entry of `state.images`).
#[inline]
pub(crate) fn score(state: &ImageState, holders: &[&[u64]], node: NodeRef<'_>) -> i64 {
    score_slot(state, holders, node.slot)
}

/// [`score`] by node slot.
#[inline]
pub(crate) fn score_slot(state: &ImageState, holders: &[&[u64]], slot: u32) -> i64 {
    let (word, bit) = (slot as usize / 64, slot % 64);
    let mut sum = 0i64;
    for ((_, scaled), bits) in state.images.iter().zip(holders) {
        if bits.get(word).is_some_and(|w| w & (1 << bit) != 0) {
            sum = sum.saturating_add(*scaled);
        }
    }
    calculate_priority(sum, state.num_containers)
}
