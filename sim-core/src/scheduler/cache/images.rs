//! The cluster-wide image table ImageLocality reads: for each image name, its size and on
//! how many nodes it is present (`ImageStateSummary`).

use crate::model::Node;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An interned image name.
pub(crate) type ImageId = u32;

/// One image name's summary.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub(crate) struct ImageState {
    /// `sizeBytes` as the first node that reported the name gave it (as upstream's cache
    /// keeps it).
    pub(crate) size_bytes: i64,
    /// How many nodes report this name.
    pub(crate) num_nodes: u32,
}

/// Every image name any node reports.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct ImageRegistry {
    ids: BTreeMap<String, ImageId>,
    states: Vec<ImageState>,
}

impl ImageRegistry {
    /// Registers `node`'s images and returns their ids, sorted and without duplicates.
    pub(crate) fn add_node(&mut self, node: &Node) -> Vec<ImageId> {
        let mut ids = Vec::new();
        for image in &node.status.images {
            for name in &image.names {
                let id = match self.ids.get(name.as_str()) {
                    Some(id) => *id,
                    None => {
                        let id = ImageId::try_from(self.states.len()).unwrap_or(ImageId::MAX);
                        self.ids.insert(name.clone(), id);
                        self.states.push(ImageState::default());
                        id
                    }
                };
                if ids.contains(&id) {
                    continue;
                }
                if let Some(state) = self.states.get_mut(id as usize) {
                    if state.num_nodes == 0 {
                        state.size_bytes = image.size_bytes;
                    }
                    state.num_nodes += 1;
                }
                ids.push(id);
            }
        }
        ids.sort_unstable();
        ids
    }

    /// Forgets one node's images.
    pub(crate) fn remove_node(&mut self, ids: &[ImageId]) {
        for id in ids {
            if let Some(state) = self.states.get_mut(*id as usize) {
                state.num_nodes = state.num_nodes.saturating_sub(1);
            }
        }
    }

    pub(crate) fn lookup(&self, name: &str) -> Option<ImageId> {
        self.ids.get(name).copied()
    }

    pub(crate) fn state(&self, id: ImageId) -> ImageState {
        self.states.get(id as usize).copied().unwrap_or_default()
    }
}
