//! Resource names and `ResourceList` (`requests`, `limits`, `capacity`, `allocatable`).

use super::quantity::Quantity;
use serde::{Deserialize, Serialize};
use std::{cmp::Ordering, fmt};

/// A resource name. The well-known ones are variants so hot paths compare integers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResourceName {
    /// `cpu`, in cores (quantities in millicores).
    Cpu,
    /// `memory`, in bytes.
    Memory,
    /// `ephemeral-storage`, in bytes.
    EphemeralStorage,
    /// `pods`: how many pods a node admits (kubelet `maxPods`, 110 by default).
    Pods,
    /// An extended resource such as `nvidia.com/gpu`.
    Extended(String),
}

impl ResourceName {
    /// The name as Kubernetes spells it.
    pub fn as_str(&self) -> &str {
        match self {
            ResourceName::Cpu => "cpu",
            ResourceName::Memory => "memory",
            ResourceName::EphemeralStorage => "ephemeral-storage",
            ResourceName::Pods => "pods",
            ResourceName::Extended(s) => s,
        }
    }

    /// The variant for a name.
    pub fn from_name(s: &str) -> Self {
        match s {
            "cpu" => ResourceName::Cpu,
            "memory" => ResourceName::Memory,
            "ephemeral-storage" => ResourceName::EphemeralStorage,
            "pods" => ResourceName::Pods,
            other => ResourceName::Extended(other.to_owned()),
        }
    }
}

impl fmt::Display for ResourceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialOrd for ResourceName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Alphabetical by name, the order kubectl prints maps in.
impl Ord for ResourceName {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// The NVIDIA device plugin's extended resource.
pub const RESOURCE_NVIDIA_GPU: &str = "nvidia.com/gpu";

/// A `ResourceList`: resource name to quantity, kept sorted by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResourceList(Vec<(ResourceName, Quantity)>);

impl ResourceList {
    /// An empty list.
    pub const fn new() -> Self {
        ResourceList(Vec::new())
    }

    /// The quantity for `name`, if set.
    pub fn get(&self, name: &ResourceName) -> Option<Quantity> {
        self.position(name).ok().map(|i| self.0[i].1)
    }

    /// Sets `name` to `q`.
    pub fn set(&mut self, name: ResourceName, q: Quantity) {
        match self.position(&name) {
            Ok(i) => self.0[i].1 = q,
            Err(i) => self.0.insert(i, (name, q)),
        }
    }

    /// Builder form of [`ResourceList::set`].
    #[must_use]
    pub fn with(mut self, name: ResourceName, q: Quantity) -> Self {
        self.set(name, q);
        self
    }

    /// Millicores of `cpu`, 0 if unset.
    pub fn cpu_millis(&self) -> i64 {
        self.get(&ResourceName::Cpu).map_or(0, |q| q.milli_value())
    }

    /// Bytes of `memory`, 0 if unset.
    pub fn memory_bytes(&self) -> i64 {
        self.get(&ResourceName::Memory).map_or(0, |q| q.value())
    }

    /// Entries in name order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&ResourceName, Quantity)> {
        self.0.iter().map(|(n, q)| (n, *q))
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn position(&self, name: &ResourceName) -> Result<usize, usize> {
        self.0.binary_search_by(|(n, _)| n.cmp(name))
    }
}

impl FromIterator<(ResourceName, Quantity)> for ResourceList {
    fn from_iter<I: IntoIterator<Item = (ResourceName, Quantity)>>(iter: I) -> Self {
        let mut list = ResourceList::new();
        for (n, q) in iter {
            list.set(n, q);
        }
        list
    }
}
