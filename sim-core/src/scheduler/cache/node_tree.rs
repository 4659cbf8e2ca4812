//! Upstream's `nodeTree`: nodes grouped by zone, listed zone-interleaved so that the
//! round-robin walk of `percentageOfNodesToScore` spreads its samples over zones.
//!
//! With Zone1 = {1,2,3,4} and Zone2 = {5,6} the list is 1,5,2,6,3,4.

use crate::model::Labels;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `topology.kubernetes.io/region`.
pub(crate) const LABEL_REGION: &str = "topology.kubernetes.io/region";
/// The deprecated beta zone label, still honoured by `GetZoneKey`.
const LABEL_BETA_ZONE: &str = "failure-domain.beta.kubernetes.io/zone";
/// The deprecated beta region label, still honoured by `GetZoneKey`.
const LABEL_BETA_REGION: &str = "failure-domain.beta.kubernetes.io/region";

/// `utilnode.GetZoneKey`: `region:\0:zone`, or empty when a node has neither label.
pub(crate) fn zone_key(labels: &Labels) -> String {
    let zone = labels
        .get(crate::model::meta::LABEL_ZONE)
        .or_else(|| labels.get(LABEL_BETA_ZONE))
        .unwrap_or("");
    let region = labels.get(LABEL_REGION).or_else(|| labels.get(LABEL_BETA_REGION)).unwrap_or("");
    if region.is_empty() && zone.is_empty() {
        return String::new();
    }
    format!("{region}:\0:{zone}")
}

/// Zones in order of first appearance, each with its nodes in insertion order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct NodeTree {
    zones: Vec<String>,
    tree: BTreeMap<String, Vec<u32>>,
    num_nodes: usize,
}

impl NodeTree {
    pub(crate) fn add(&mut self, zone: &str, slot: u32) {
        match self.tree.get_mut(zone) {
            Some(nodes) => {
                if nodes.contains(&slot) {
                    return;
                }
                nodes.push(slot);
            }
            None => {
                self.zones.push(zone.to_owned());
                self.tree.insert(zone.to_owned(), vec![slot]);
            }
        }
        self.num_nodes += 1;
    }

    pub(crate) fn remove(&mut self, zone: &str, slot: u32) {
        let Some(nodes) = self.tree.get_mut(zone) else { return };
        let Some(i) = nodes.iter().position(|s| *s == slot) else { return };
        nodes.remove(i);
        self.num_nodes -= 1;
        if nodes.is_empty() {
            self.tree.remove(zone);
            self.zones.retain(|z| z != zone);
        }
    }

    /// The zone-interleaved node list.
    pub(crate) fn list(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.num_nodes);
        let columns: Vec<&Vec<u32>> = self.zones.iter().filter_map(|z| self.tree.get(z)).collect();
        let depth = columns.iter().map(|c| c.len()).max().unwrap_or(0);
        for i in 0..depth {
            for column in &columns {
                if let Some(slot) = column.get(i) {
                    out.push(*slot);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaves_zones_like_the_docs_example() {
        let mut t = NodeTree::default();
        for n in [1, 2, 3, 4] {
            t.add("z1", n);
        }
        for n in [5, 6] {
            t.add("z2", n);
        }
        assert_eq!(t.list(), [1, 5, 2, 6, 3, 4]);
        t.remove("z2", 5);
        assert_eq!(t.list(), [1, 6, 2, 3, 4]);
        t.remove("z2", 6);
        assert_eq!(t.list(), [1, 2, 3, 4]);
        t.add("z2", 7);
        assert_eq!(t.list(), [1, 7, 2, 3, 4], "a re-created zone goes last");
    }

    #[test]
    fn zone_key_uses_region_and_zone() {
        let l: Labels =
            [(crate::model::meta::LABEL_ZONE, "a"), (LABEL_REGION, "r")].into_iter().collect();
        assert_eq!(zone_key(&l), "r:\0:a");
        assert_eq!(zone_key(&Labels::new()), "");
        let beta: Labels = [(LABEL_BETA_ZONE, "b")].into_iter().collect();
        assert_eq!(zone_key(&beta), ":\0:b");
    }
}
