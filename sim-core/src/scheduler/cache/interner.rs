//! Small append-only interners, so hot loops compare integers instead of strings.

use crate::model::Labels;
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, sync::Arc};

/// An interned scalar (extended) resource name such as `nvidia.com/gpu`.
pub(crate) type ScalarId = u16;

/// Interned scalar resource names. Ids are never reused, so a `ScalarId` stays valid.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct ScalarNames {
    ids: BTreeMap<Arc<str>, ScalarId>,
    names: Vec<Arc<str>>,
}

impl ScalarNames {
    pub(crate) fn intern(&mut self, name: &str) -> ScalarId {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        // More than 65,535 distinct resource names cannot come from a real cluster; saturate
        // rather than panic so bad input degrades instead of crashing.
        let id = ScalarId::try_from(self.names.len()).unwrap_or(ScalarId::MAX);
        let name: Arc<str> = name.into();
        self.ids.insert(name.clone(), id);
        self.names.push(name);
        id
    }

    pub(crate) fn name(&self, id: ScalarId) -> Arc<str> {
        self.names.get(usize::from(id)).cloned().unwrap_or_else(|| "".into())
    }
}

/// An interned string (namespace, zone value).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Strings {
    ids: BTreeMap<String, u32>,
    names: Vec<String>,
}

impl Strings {
    /// A table whose id 0 is `first` (e.g. the empty zone).
    pub(crate) fn with_first(first: &str) -> Self {
        let mut s = Strings::default();
        s.intern(first);
        s
    }

    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.ids.get(s) {
            return *id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(s.to_owned(), id);
        self.names.push(s.to_owned());
        id
    }

    /// The id of `s` (tests look up zones without interning new ones).
    #[cfg(test)]
    pub(crate) fn intern_existing(&self, s: &str) -> u32 {
        self.ids.get(s).copied().unwrap_or(u32::MAX)
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// The pods of one workload share a namespace and a label set; the spread-counting code keys
/// its memo on this pair.
pub(crate) type GroupId = u32;

/// A `(namespace, labels)` pair and which spread selectors its pods match.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Group {
    pub(crate) ns: u32,
    pub(crate) labels: Arc<Labels>,
    /// Selectors (by id) this group's pods match, among the first `checked` selectors.
    pub(crate) matched: Vec<u32>,
    pub(crate) checked: u32,
}

/// Interned `(namespace, labels)` groups.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Groups {
    #[serde(with = "crate::scheduler::serde_pairs")]
    by_hash: BTreeMap<u64, Vec<GroupId>>,
    pub(crate) groups: Vec<Group>,
}

impl Groups {
    pub(crate) fn intern(&mut self, ns: u32, labels: &Labels) -> GroupId {
        let h = hash_labels(ns, labels);
        let bucket = self.by_hash.entry(h).or_default();
        for &g in bucket.iter() {
            if let Some(group) = self.groups.get(g as usize)
                && group.ns == ns
                && *group.labels == *labels
            {
                return g;
            }
        }
        let id = GroupId::try_from(self.groups.len()).unwrap_or(GroupId::MAX);
        bucket.push(id);
        self.groups.push(Group {
            ns,
            labels: Arc::new(labels.clone()),
            matched: Vec::new(),
            checked: 0,
        });
        id
    }

    pub(crate) fn get(&self, id: GroupId) -> Option<&Group> {
        self.groups.get(id as usize)
    }
}

/// FNV-1a over the namespace id and the label pairs (with separators), the same on every
/// target; used only to find a bucket, never for ordering anything observable.
fn hash_labels(ns: u32, labels: &Labels) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(&ns.to_le_bytes());
    for (k, v) in labels.iter() {
        feed(k.as_bytes());
        feed(&[0]);
        feed(v.as_bytes());
        feed(&[1]);
    }
    h
}
