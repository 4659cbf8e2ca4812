//! The API server's storage (etcd): objects by kind, with the indexes controllers need.
//!
//! Reads are cheap borrows. Writes go through [`super::api::Api`], which bumps
//! `resourceVersion`, counts the request and notifies watchers; the methods here only keep
//! the maps and indexes consistent.

use crate::model::{Deployment, EndpointSlice, Event, Lease, Node, Pod, ReplicaSet, Service, Uid};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A namespaced object key: (namespace, name).
pub type NsName = (String, String);

/// Every stored object, indexed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Store {
    pub(crate) resource_version: u64,
    pods: BTreeMap<Uid, Pod>,
    pod_keys: BTreeMap<NsName, Uid>,
    pods_by_node: BTreeMap<String, BTreeSet<Uid>>,
    pods_by_owner: BTreeMap<Uid, BTreeSet<Uid>>,
    pub(crate) nodes: BTreeMap<String, Node>,
    pub(crate) replica_sets: BTreeMap<NsName, ReplicaSet>,
    rs_by_owner: BTreeMap<Uid, BTreeSet<NsName>>,
    pub(crate) deployments: BTreeMap<NsName, Deployment>,
    pub(crate) services: BTreeMap<NsName, Service>,
    pub(crate) endpoint_slices: BTreeMap<NsName, EndpointSlice>,
    pub(crate) leases: BTreeMap<String, Lease>,
    pub(crate) events: BTreeMap<NsName, Event>,
}

/// `(namespace, name)` as an owned key.
pub fn key(namespace: &str, name: &str) -> NsName {
    (namespace.to_owned(), name.to_owned())
}

impl Store {
    /// The next `resourceVersion`.
    pub(crate) fn next_rv(&mut self) -> u64 {
        self.resource_version += 1;
        self.resource_version
    }

    /// The latest `resourceVersion` handed out.
    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    /// How many objects etcd holds (every kind, Events and Leases included).
    pub fn object_count(&self) -> usize {
        self.pods.len()
            + self.nodes.len()
            + self.replica_sets.len()
            + self.deployments.len()
            + self.services.len()
            + self.endpoint_slices.len()
            + self.leases.len()
            + self.events.len()
    }

    // ---- pods ----

    /// Every pod, in UID order.
    pub fn pods(&self) -> impl Iterator<Item = &Pod> {
        self.pods.values()
    }

    /// Number of pods.
    pub fn pod_count(&self) -> usize {
        self.pods.len()
    }

    /// The pod with `uid`.
    pub fn pod(&self, uid: Uid) -> Option<&Pod> {
        self.pods.get(&uid)
    }

    /// The pod `namespace/name`.
    pub fn pod_by_name(&self, namespace: &str, name: &str) -> Option<&Pod> {
        self.pod_keys.get(&key(namespace, name)).and_then(|uid| self.pods.get(uid))
    }

    /// Whether a pod is called `namespace/name`.
    pub fn pod_name_taken(&self, namespace: &str, name: &str) -> bool {
        self.pod_keys.contains_key(&key(namespace, name))
    }

    /// The pods of `namespace`, by name.
    pub fn pods_in_namespace<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a Pod> {
        self.pod_keys
            .range(key(namespace, "")..)
            .take_while(move |(k, _)| k.0 == namespace)
            .filter_map(|(_, uid)| self.pods.get(uid))
    }

    /// UIDs of the pods bound to `node`.
    pub fn pods_on_node(&self, node: &str) -> impl Iterator<Item = Uid> + '_ {
        self.pods_by_node.get(node).into_iter().flatten().copied()
    }

    /// How many pods are bound to `node`.
    pub fn pod_count_on_node(&self, node: &str) -> usize {
        self.pods_by_node.get(node).map_or(0, BTreeSet::len)
    }

    /// UIDs of the pods whose controller is `owner`.
    pub fn pods_owned_by(&self, owner: Uid) -> impl Iterator<Item = Uid> + '_ {
        self.pods_by_owner.get(&owner).into_iter().flatten().copied()
    }

    /// Nodes that have pods bound to them (including nodes that no longer exist).
    pub(crate) fn nodes_with_pods(&self) -> impl Iterator<Item = &str> {
        self.pods_by_node.keys().map(String::as_str)
    }

    pub(crate) fn insert_pod(&mut self, pod: Pod) {
        let uid = pod.metadata.uid;
        self.pod_keys.insert(key(&pod.metadata.namespace, &pod.metadata.name), uid);
        self.index_pod(&pod);
        self.pods.insert(uid, pod);
    }

    /// Applies `f` to the pod, keeping indexes right; returns the old copy.
    pub(crate) fn modify_pod(&mut self, uid: Uid, f: impl FnOnce(&mut Pod)) -> Option<Pod> {
        let pod = self.pods.get_mut(&uid)?;
        let old = pod.clone();
        f(pod);
        let (node_changed, owner_changed) = (
            old.node_name != pod.node_name,
            old.metadata.controller_ref().map(|o| o.uid)
                != pod.metadata.controller_ref().map(|o| o.uid),
        );
        if node_changed || owner_changed {
            let new = pod.clone();
            self.unindex_pod(&old);
            self.index_pod(&new);
        }
        Some(old)
    }

    pub(crate) fn remove_pod(&mut self, uid: Uid) -> Option<Pod> {
        let pod = self.pods.remove(&uid)?;
        self.pod_keys.remove(&key(&pod.metadata.namespace, &pod.metadata.name));
        self.unindex_pod(&pod);
        Some(pod)
    }

    fn index_pod(&mut self, pod: &Pod) {
        let uid = pod.metadata.uid;
        if !pod.node_name.is_empty() {
            self.pods_by_node.entry(pod.node_name.clone()).or_default().insert(uid);
        }
        if let Some(owner) = pod.metadata.controller_ref() {
            self.pods_by_owner.entry(owner.uid).or_default().insert(uid);
        }
    }

    fn unindex_pod(&mut self, pod: &Pod) {
        let uid = pod.metadata.uid;
        if let Some(set) = self.pods_by_node.get_mut(&pod.node_name) {
            set.remove(&uid);
            if set.is_empty() {
                self.pods_by_node.remove(&pod.node_name);
            }
        }
        if let Some(owner) = pod.metadata.controller_ref()
            && let Some(set) = self.pods_by_owner.get_mut(&owner.uid)
        {
            set.remove(&uid);
            if set.is_empty() {
                self.pods_by_owner.remove(&owner.uid);
            }
        }
    }

    // ---- nodes ----

    /// Every node, by name.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.values()
    }

    /// The node called `name`.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.get(name)
    }

    // ---- workloads ----

    /// Every ReplicaSet.
    pub fn replica_sets(&self) -> impl Iterator<Item = &ReplicaSet> {
        self.replica_sets.values()
    }

    /// The ReplicaSet `namespace/name`.
    pub fn replica_set(&self, namespace: &str, name: &str) -> Option<&ReplicaSet> {
        self.replica_sets.get(&key(namespace, name))
    }

    /// Keys of the ReplicaSets whose controller is `owner` (a Deployment).
    pub fn replica_sets_owned_by(&self, owner: Uid) -> impl Iterator<Item = &ReplicaSet> {
        self.rs_by_owner.get(&owner).into_iter().flatten().filter_map(|k| self.replica_sets.get(k))
    }

    pub(crate) fn put_replica_set(&mut self, rs: ReplicaSet) {
        let k = key(&rs.metadata.namespace, &rs.metadata.name);
        if let Some(old) = self.replica_sets.get(&k)
            && let Some(o) = old.metadata.controller_ref()
        {
            let uid = o.uid;
            self.unindex_rs(uid, &k);
        }
        if let Some(o) = rs.metadata.controller_ref() {
            self.rs_by_owner.entry(o.uid).or_default().insert(k.clone());
        }
        self.replica_sets.insert(k, rs);
    }

    pub(crate) fn remove_replica_set(&mut self, namespace: &str, name: &str) -> Option<ReplicaSet> {
        let k = key(namespace, name);
        let rs = self.replica_sets.remove(&k)?;
        if let Some(o) = rs.metadata.controller_ref() {
            let uid = o.uid;
            self.unindex_rs(uid, &k);
        }
        Some(rs)
    }

    fn unindex_rs(&mut self, owner: Uid, k: &NsName) {
        if let Some(set) = self.rs_by_owner.get_mut(&owner) {
            set.remove(k);
            if set.is_empty() {
                self.rs_by_owner.remove(&owner);
            }
        }
    }

    /// Every Deployment.
    pub fn deployments(&self) -> impl Iterator<Item = &Deployment> {
        self.deployments.values()
    }

    /// The Deployment `namespace/name`.
    pub fn deployment(&self, namespace: &str, name: &str) -> Option<&Deployment> {
        self.deployments.get(&key(namespace, name))
    }

    // ---- networking ----

    /// Every Service.
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.services.values()
    }

    /// The Service `namespace/name`.
    pub fn service(&self, namespace: &str, name: &str) -> Option<&Service> {
        self.services.get(&key(namespace, name))
    }

    /// Every EndpointSlice.
    pub fn endpoint_slices(&self) -> impl Iterator<Item = &EndpointSlice> {
        self.endpoint_slices.values()
    }

    /// The EndpointSlices of Service `namespace/name`.
    pub fn endpoint_slices_for<'a>(
        &'a self,
        namespace: &'a str,
        service: &'a str,
    ) -> impl Iterator<Item = &'a EndpointSlice> {
        self.endpoint_slices
            .range(key(namespace, "")..)
            .take_while(move |(k, _)| k.0 == namespace)
            .map(|(_, s)| s)
            .filter(move |s| {
                s.metadata.labels.get(crate::model::service::LABEL_SERVICE_NAME) == Some(service)
            })
    }

    // ---- leases and events ----

    /// The node Lease of `node` (namespace `kube-node-lease`).
    pub fn lease(&self, node: &str) -> Option<&Lease> {
        self.leases.get(node)
    }

    /// Every stored Event, by namespace and name.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events.values()
    }
}
