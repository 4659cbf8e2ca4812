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
    /// Per image, a bit per node slot: whether that node holds it. ImageLocality reads these
    /// instead of each node's image list, so scoring a node touches no per-node heap data.
    holders: Vec<Vec<u64>>,
}

impl ImageRegistry {
    /// Registers `node`'s images (on slot `slot`) and returns their ids, sorted and without
    /// duplicates.
    pub(crate) fn add_node(&mut self, node: &Node, slot: u32) -> Vec<ImageId> {
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
                self.set_holder(id, slot, true);
            }
        }
        ids.sort_unstable();
        ids
    }

    /// Forgets one node's images.
    pub(crate) fn remove_node(&mut self, ids: &[ImageId], slot: u32) {
        for id in ids {
            if let Some(state) = self.states.get_mut(*id as usize) {
                state.num_nodes = state.num_nodes.saturating_sub(1);
            }
            self.set_holder(*id, slot, false);
        }
    }

    fn set_holder(&mut self, id: ImageId, slot: u32, on: bool) {
        let id = id as usize;
        if self.holders.len() <= id {
            self.holders.resize(id + 1, Vec::new());
        }
        let Some(bits) = self.holders.get_mut(id) else { return };
        let (word, bit) = (slot as usize / 64, slot % 64);
        if bits.len() <= word {
            bits.resize(word + 1, 0);
        }
        if let Some(w) = bits.get_mut(word) {
            if on {
                *w |= 1 << bit;
            } else {
                *w &= !(1 << bit);
            }
        }
    }

    /// The node bitset of an image.
    pub(crate) fn holders(&self, id: ImageId) -> &[u64] {
        self.holders.get(id as usize).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn lookup(&self, name: &str) -> Option<ImageId> {
        self.ids.get(name).copied()
    }

    pub(crate) fn state(&self, id: ImageId) -> ImageState {
        self.states.get(id as usize).copied().unwrap_or_default()
    }
}
