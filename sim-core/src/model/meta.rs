//! Object metadata shared by every kind: names, labels, owners, and label selectors.

use crate::time::SimTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A string-to-string map kept sorted by key (`metadata.labels`, `metadata.annotations`,
/// `spec.nodeSelector`).
///
/// A sorted `Vec` rather than a `BTreeMap`: objects carry only a handful of labels, and a B-tree
/// node costs about half a kilobyte, which matters at 150,000 pods.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Labels(Vec<(String, String)>);

impl Labels {
    /// An empty map.
    pub const fn new() -> Self {
        Labels(Vec::new())
    }

    /// The value for `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.position(key).ok().map(|i| self.0[i].1.as_str())
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets `key` to `value`, returning the previous value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) -> Option<String> {
        let (key, value) = (key.into(), value.into());
        match self.position(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        self.position(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every entry of `self` is also in `other` (a `matchLabels`-style subset test).
    pub fn is_subset_of(&self, other: &Labels) -> bool {
        self.iter().all(|(k, v)| other.get(k) == Some(v))
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Labels {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut labels = Labels::new();
        for (k, v) in iter {
            labels.insert(k, v);
        }
        labels
    }
}

/// `metadata.uid`: unique for the lifetime of the cluster. Drawn from the simulation's RNG, so
/// a seed fixes every UID; printed as a UUID.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Uid(pub u128);

impl fmt::Display for Uid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = format!("{:032x}", self.0);
        write!(f, "{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
    }
}

/// `metadata.ownerReferences[]`: the controller that manages an object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerReference {
    /// `apiVersion`, e.g. `apps/v1`.
    pub api_version: String,
    /// `kind`, e.g. `ReplicaSet`.
    pub kind: String,
    /// `name` of the owner.
    pub name: String,
    /// `uid` of the owner.
    pub uid: Uid,
    /// `controller`: whether the owner is the managing controller.
    pub controller: bool,
    /// `blockOwnerDeletion`.
    pub block_owner_deletion: bool,
}

/// `metadata` (`ObjectMeta`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectMeta {
    /// `name`.
    pub name: String,
    /// `generateName`: the prefix used when `name` was generated.
    pub generate_name: String,
    /// `namespace`; empty for cluster-scoped kinds (Node).
    pub namespace: String,
    /// `uid`, assigned by the API store on create.
    pub uid: Uid,
    /// `resourceVersion`, bumped by the API store on every write.
    pub resource_version: u64,
    /// `generation`, bumped on every change to `spec`.
    pub generation: u64,
    /// `creationTimestamp`.
    pub creation_timestamp: SimTime,
    /// `deletionTimestamp`: set when graceful deletion starts.
    pub deletion_timestamp: Option<SimTime>,
    /// `deletionGracePeriodSeconds`.
    pub deletion_grace_period_seconds: Option<i64>,
    /// `labels`.
    pub labels: Labels,
    /// `annotations`.
    pub annotations: Labels,
    /// `ownerReferences`.
    pub owner_references: Vec<OwnerReference>,
}

impl ObjectMeta {
    /// Metadata with just a name and namespace.
    pub fn named(namespace: &str, name: &str) -> Self {
        ObjectMeta { name: name.to_owned(), namespace: namespace.to_owned(), ..Default::default() }
    }

    /// The owner reference with `controller: true`, if any.
    pub fn controller_ref(&self) -> Option<&OwnerReference> {
        self.owner_references.iter().find(|o| o.controller)
    }
}

/// `matchExpressions[].operator` in a label selector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LabelSelectorOperator {
    /// `In`.
    In,
    /// `NotIn`.
    NotIn,
    /// `Exists`.
    Exists,
    /// `DoesNotExist`.
    DoesNotExist,
}

/// One `matchExpressions` entry of a label selector.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LabelSelectorRequirement {
    /// `key`.
    pub key: String,
    /// `operator`.
    pub operator: LabelSelectorOperator,
    /// `values` (empty for `Exists` and `DoesNotExist`).
    pub values: Vec<String>,
}

/// `metav1.LabelSelector`: `matchLabels` and `matchExpressions`, ANDed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LabelSelector {
    /// `matchLabels`.
    pub match_labels: Labels,
    /// `matchExpressions`.
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

impl LabelSelector {
    /// A selector that matches exactly `labels`.
    pub fn from_labels(labels: Labels) -> Self {
        LabelSelector { match_labels: labels, match_expressions: Vec::new() }
    }

    /// Whether the selector is empty. (An empty `LabelSelector` matches everything upstream;
    /// a missing one matches nothing. Callers keep that distinction with `Option`.)
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// Whether `labels` satisfy every requirement.
    pub fn matches(&self, labels: &Labels) -> bool {
        self.match_labels.is_subset_of(labels)
            && self.match_expressions.iter().all(|r| {
                let value = labels.get(&r.key);
                match r.operator {
                    LabelSelectorOperator::In => {
                        value.is_some_and(|v| r.values.iter().any(|x| x == v))
                    }
                    LabelSelectorOperator::NotIn => {
                        !value.is_some_and(|v| r.values.iter().any(|x| x == v))
                    }
                    LabelSelectorOperator::Exists => value.is_some(),
                    LabelSelectorOperator::DoesNotExist => value.is_none(),
                }
            })
    }
}

/// `kubernetes.io/hostname`, set on every node.
pub const LABEL_HOSTNAME: &str = "kubernetes.io/hostname";
/// `kubernetes.io/arch` (`amd64`, `arm64`).
pub const LABEL_ARCH: &str = "kubernetes.io/arch";
/// `kubernetes.io/os`.
pub const LABEL_OS: &str = "kubernetes.io/os";
/// `topology.kubernetes.io/zone`.
pub const LABEL_ZONE: &str = "topology.kubernetes.io/zone";
/// The node-pool label the simulator puts on nodes, as GKE's `cloud.google.com/gke-nodepool`
/// and AKS' `agentpool` do; a neutral name because the simulated cluster belongs to no cloud.
pub const LABEL_NODE_POOL: &str = "node.kubernetes.io/pool";
/// `pod-template-hash`, put on a Deployment's pods and ReplicaSets.
pub const LABEL_POD_TEMPLATE_HASH: &str = "pod-template-hash";
/// `deployment.kubernetes.io/revision`, the Deployment revision a ReplicaSet holds.
pub const ANNOTATION_REVISION: &str = "deployment.kubernetes.io/revision";
/// `controller.kubernetes.io/pod-deletion-cost`.
pub const ANNOTATION_POD_DELETION_COST: &str = "controller.kubernetes.io/pod-deletion-cost";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_stay_sorted_and_replace() {
        let mut l: Labels = [("b", "2"), ("a", "1")].into_iter().collect();
        assert_eq!(l.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(l.insert("a", "x"), Some("1".into()));
        assert_eq!(l.get("a"), Some("x"));
        assert_eq!(l.remove("b"), Some("2".into()));
        assert_eq!(l.len(), 1);
    }

    #[test]
    fn selector_semantics() {
        let labels: Labels = [("app", "web"), ("tier", "fe")].into_iter().collect();
        let mut sel = LabelSelector::from_labels([("app", "web")].into_iter().collect());
        assert!(sel.matches(&labels));
        sel.match_expressions.push(LabelSelectorRequirement {
            key: "tier".into(),
            operator: LabelSelectorOperator::NotIn,
            values: vec!["be".into()],
        });
        assert!(sel.matches(&labels));
        sel.match_expressions.push(LabelSelectorRequirement {
            key: "canary".into(),
            operator: LabelSelectorOperator::Exists,
            values: vec![],
        });
        assert!(!sel.matches(&labels));
    }

    #[test]
    fn uid_prints_as_uuid() {
        assert_eq!(
            Uid(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef).to_string(),
            "01234567-89ab-cdef-0123-456789abcdef"
        );
    }
}
