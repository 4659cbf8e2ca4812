//! The scheduler's cache of nodes and of the pods placed on them (upstream's `internal/cache`
//! plus the per-cycle `Snapshot`, which the simulator does not need: a cycle runs to the end
//! before any event is applied).
//!
//! Layout: the fields every filter and score reads (allocatable, requested, non-zero requested,
//! pod count, flags) sit together in one [`NodeHot`] per node, so checking a node touches one
//! or two cache lines; labels, taints, images, ports and the pod list live apart in
//! [`NodeCold`]. Nodes are addressed by a stable slot; pods by a slab index.
//!
//! Invariant: a node's `req_*`, `nz_*`, `pod_count`, ports and spread counts are exactly the
//! sums over the pods in its `pods` list (checked by `check_invariants` in tests).

pub(crate) mod chunked;
pub(crate) mod images;
pub(crate) mod interner;
pub(crate) mod node_tree;
pub(crate) mod spread;

use self::{
    images::{ImageId, ImageRegistry},
    interner::{GroupId, Groups, ScalarId, ScalarNames, Strings},
    node_tree::NodeTree,
    spread::{SelectorId, SpreadIndex},
};
use super::pod_info::{HostPort, ResVec, host_ports, pod_requests};
use crate::{
    model::{
        LabelSelector, Labels, Node, Pod, ResourceName, Taint, TaintEffect, Uid,
        meta::{LABEL_HOSTNAME, LABEL_ZONE},
    },
    time::SimTime,
};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, sync::Arc};

/// Bits of [`NodeHot::flags`].
pub(crate) mod flags {
    /// `spec.unschedulable` (cordoned).
    pub(crate) const UNSCHEDULABLE: u16 = 1;
    /// At least one NoSchedule or NoExecute taint.
    pub(crate) const HARD_TAINTS: u16 = 1 << 1;
    /// At least one pod on the node binds a host port.
    pub(crate) const HAS_PORTS: u16 = 1 << 2;
    /// The node has a `topology.kubernetes.io/zone` label.
    pub(crate) const HAS_ZONE: u16 = 1 << 3;
    /// The node has a `kubernetes.io/hostname` label.
    pub(crate) const HAS_HOSTNAME: u16 = 1 << 4;
    /// The node exists (a removed node keeps its slot while pods still reference it).
    pub(crate) const PRESENT: u16 = 1 << 5;
}

/// The per-node numbers the hot loops read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct NodeHot {
    pub(crate) alloc_cpu: i64,
    pub(crate) alloc_mem: i64,
    pub(crate) alloc_eph: i64,
    pub(crate) alloc_pods: i64,
    /// Sum of the real requests of the pods here (`NodeInfo.Requested`).
    pub(crate) req_cpu: i64,
    pub(crate) req_mem: i64,
    pub(crate) req_eph: i64,
    /// Sum of the non-zero-defaulted requests (`NodeInfo.NonZeroRequested`).
    pub(crate) nz_cpu: i64,
    pub(crate) nz_mem: i64,
    pub(crate) pod_count: i64,
    /// Zone id of `topology.kubernetes.io/zone` (0 when absent or empty).
    pub(crate) zone: u32,
    pub(crate) flags: u16,
    /// Number of PreferNoSchedule taints.
    pub(crate) pns_taints: u16,
}

impl NodeHot {
    /// A node with nothing (what `Default` gives, usable in a `static`).
    pub(crate) const EMPTY: NodeHot = NodeHot {
        alloc_cpu: 0,
        alloc_mem: 0,
        alloc_eph: 0,
        alloc_pods: 0,
        req_cpu: 0,
        req_mem: 0,
        req_eph: 0,
        nz_cpu: 0,
        nz_mem: 0,
        pod_count: 0,
        zone: 0,
        flags: 0,
        pns_taints: 0,
    };

    pub(crate) fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// The per-node data only some pods need.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct NodeCold {
    pub(crate) labels: Labels,
    pub(crate) taints: Vec<Taint>,
    /// The node tree's zone key (`region:\0:zone`).
    pub(crate) zone_key: String,
    pub(crate) scalar_alloc: Vec<(ScalarId, i64)>,
    pub(crate) scalar_req: Vec<(ScalarId, i64)>,
    pub(crate) images: Vec<ImageId>,
    /// Host ports in use, one entry per binding pod port.
    pub(crate) ports: Vec<HostPort>,
    /// Slab indexes of the pods here.
    pub(crate) pods: Vec<u32>,
}

impl NodeCold {
    pub(crate) fn scalar_alloc(&self, id: ScalarId) -> i64 {
        self.scalar_alloc.iter().find(|(s, _)| *s == id).map_or(0, |(_, v)| *v)
    }

    pub(crate) fn scalar_req(&self, id: ScalarId) -> i64 {
        self.scalar_req.iter().find(|(s, _)| *s == id).map_or(0, |(_, v)| *v)
    }
}

/// What the scheduler derives once from a pod it schedules or accounts for.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PodInfo {
    pub(crate) uid: Uid,
    pub(crate) ns: u32,
    pub(crate) group: GroupId,
    pub(crate) priority: i32,
    /// Real requests (filters, BalancedAllocation).
    pub(crate) req: ResVec,
    /// Non-zero-defaulted cpu and memory (LeastAllocated and friends).
    pub(crate) nz_cpu: i64,
    pub(crate) nz_mem: i64,
    pub(crate) ports: Vec<HostPort>,
}

/// A pod placed on a node: bound, or assumed while its binding is in flight.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct CachedPod {
    pub(crate) info: PodInfo,
    pub(crate) node: u32,
    /// `status.startTime`, which preemption uses to spare the oldest pods.
    pub(crate) start_time: Option<SimTime>,
    /// `deletionTimestamp` is set: still holds resources, no longer counts for spreading.
    pub(crate) terminating: bool,
    /// Placed by this scheduler and not yet confirmed by the API (`AssumePod`).
    pub(crate) assumed: bool,
}

/// Old and new values of a node, for the queue's requeue hints.
#[derive(Clone, Debug)]
pub(crate) struct NodeFacts {
    pub(crate) name: Arc<str>,
    pub(crate) labels: Labels,
    pub(crate) taints: Vec<Taint>,
    pub(crate) unschedulable: bool,
    pub(crate) alloc: ResVec,
    pub(crate) alloc_pods: i64,
}

/// Nodes, placed pods, and the indexes built over them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    pub(crate) hot: Vec<NodeHot>,
    pub(crate) cold: Vec<NodeCold>,
    /// Node names by slot, shared with the attempts that mention them.
    pub(crate) names: Arc<Vec<Arc<str>>>,
    by_name: BTreeMap<String, u32>,
    free_slots: Vec<u32>,
    tree: NodeTree,
    /// Present nodes in node-tree order; rebuilt when `order_dirty`.
    order: Vec<u32>,
    order_dirty: bool,
    pods: chunked::Chunked<Option<CachedPod>>,
    free_pods: Vec<u32>,
    #[serde(with = "crate::scheduler::serde_pairs")]
    by_uid: BTreeMap<Uid, u32>,
    pub(crate) scalars: ScalarNames,
    pub(crate) namespaces: Strings,
    pub(crate) zones: Strings,
    pub(crate) groups: Groups,
    pub(crate) images: ImageRegistry,
    pub(crate) spread: SpreadIndex,
    /// Present nodes with PreferNoSchedule taints (lets TaintToleration skip its loop).
    pns_tainted: usize,
    /// Per slot: a stamp that changes whenever the slot's scoring inputs (hot fields, held
    /// images) may change, so the fused walk can reuse a node's scores until then. Not part
    /// of snapshots: a restored cache starts at 0 everywhere, as its scheduler's (empty)
    /// memo does, and stamps only grow from there.
    #[serde(skip)]
    stamps: Vec<u64>,
    #[serde(skip)]
    last_stamp: u64,
}

impl Cache {
    pub(crate) fn new() -> Self {
        Cache { zones: Strings::with_first(""), ..Cache::default() }
    }

    // ---- nodes -------------------------------------------------------------------------

    pub(crate) fn slot(&self, name: &str) -> Option<u32> {
        self.by_name.get(name).copied()
    }

    /// The slot's current stamp (see `stamps`).
    #[inline]
    pub(crate) fn stamp(&self, slot: u32) -> u64 {
        self.stamps.get(slot as usize).copied().unwrap_or(0)
    }

    /// Gives the slot a new stamp: its scoring inputs changed.
    fn touch(&mut self, slot: u32) {
        self.last_stamp += 1;
        let i = slot as usize;
        if self.stamps.len() <= i {
            self.stamps.resize(i + 1, 0);
        }
        if let Some(s) = self.stamps.get_mut(i) {
            *s = self.last_stamp;
        }
    }

    pub(crate) fn is_present(&self, slot: u32) -> bool {
        self.hot.get(slot as usize).is_some_and(|h| h.has(flags::PRESENT))
    }

    /// Present nodes in node-tree order.
    pub(crate) fn order(&mut self) -> &[u32] {
        if self.order_dirty {
            self.order = self.tree.list();
            self.order_dirty = false;
        }
        &self.order
    }

    /// The node order as of the last [`Cache::order`] call (callers refresh first).
    pub(crate) fn current_order(&self) -> &[u32] {
        &self.order
    }

    /// Present nodes with at least one PreferNoSchedule taint.
    pub(crate) fn pns_tainted_nodes(&self) -> usize {
        self.pns_tainted
    }

    pub(crate) fn num_nodes(&self) -> usize {
        self.tree_len()
    }

    fn tree_len(&self) -> usize {
        if self.order_dirty { self.tree.list().len() } else { self.order.len() }
    }

    pub(crate) fn name(&self, slot: u32) -> &str {
        self.names.get(slot as usize).map_or("", |n| n)
    }

    /// Adds a node (or re-adds one whose pods are still known) and returns its slot.
    pub(crate) fn add_node(&mut self, node: &Node) -> u32 {
        let name = node.metadata.name.as_str();
        if let Some(slot) = self.slot(name) {
            if self.is_present(slot) {
                self.update_node(node);
                return slot;
            }
            self.apply_node(slot, node);
            return slot;
        }
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                let s = u32::try_from(self.hot.len()).unwrap_or(u32::MAX);
                self.hot.push(NodeHot::default());
                self.cold.push(NodeCold::default());
                Arc::make_mut(&mut self.names).push("".into());
                s
            }
        };
        if let Some(n) = Arc::make_mut(&mut self.names).get_mut(slot as usize) {
            *n = name.into();
        }
        self.by_name.insert(name.to_owned(), slot);
        self.apply_node(slot, node);
        slot
    }

    /// A slot for a node name that pods reference but that does not exist (yet); it holds
    /// their accounting and becomes the node's slot if the node is added.
    pub(crate) fn reserve_slot(&mut self, name: &str) -> Option<u32> {
        if let Some(slot) = self.slot(name) {
            return Some(slot);
        }
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                let s = u32::try_from(self.hot.len()).ok()?;
                self.hot.push(NodeHot::default());
                self.cold.push(NodeCold::default());
                Arc::make_mut(&mut self.names).push("".into());
                s
            }
        };
        if let Some(n) = Arc::make_mut(&mut self.names).get_mut(slot as usize) {
            *n = name.into();
        }
        self.by_name.insert(name.to_owned(), slot);
        Some(slot)
    }

    /// Refreshes a present node's derived fields; `None` if the node is unknown.
    pub(crate) fn update_node(&mut self, node: &Node) -> Option<u32> {
        let slot = self.slot(&node.metadata.name)?;
        self.apply_node(slot, node);
        Some(slot)
    }

    /// Removes a node from scheduling; its slot lives on while pods still reference it.
    pub(crate) fn remove_node(&mut self, name: &str) -> Option<u32> {
        let slot = self.slot(name)?;
        if !self.is_present(slot) {
            return None;
        }
        self.touch(slot);
        let (zone_key, zone, images) = {
            let cold = self.cold.get_mut(slot as usize)?;
            let hot = self.hot.get_mut(slot as usize)?;
            hot.flags &= !flags::PRESENT;
            self.pns_tainted -= usize::from(hot.pns_taints > 0);
            (std::mem::take(&mut cold.zone_key), hot.zone, std::mem::take(&mut cold.images))
        };
        self.tree.remove(&zone_key, slot);
        self.order_dirty = true;
        self.images.remove_node(&images, slot);
        self.shift_zone_counts(slot, Some(zone), None);
        self.free_slot_if_empty(slot);
        Some(slot)
    }

    fn free_slot_if_empty(&mut self, slot: u32) {
        let empty = self.cold.get(slot as usize).is_some_and(|c| c.pods.is_empty());
        if empty && !self.is_present(slot) {
            self.touch(slot);
            let name = self.name(slot).to_owned();
            self.by_name.remove(&name);
            if let Some(h) = self.hot.get_mut(slot as usize) {
                *h = NodeHot::default();
            }
            if let Some(c) = self.cold.get_mut(slot as usize) {
                *c = NodeCold::default();
            }
            for sel in &mut self.spread.sels {
                if let Some(c) = sel.node_counts.get_mut(slot as usize) {
                    *c = 0;
                }
            }
            self.free_slots.push(slot);
        }
    }

    /// Writes the node-derived fields of `slot` from `node`, keeping pod aggregates.
    fn apply_node(&mut self, slot: u32, node: &Node) {
        self.touch(slot);
        let alloc = ResVec::from_list(&node.status.allocatable, &mut self.scalars, false);
        let alloc_pods = node.status.allocatable.get(&ResourceName::Pods).map_or(0, |q| q.value());
        let labels = &node.metadata.labels;
        let zone_value = labels.get(LABEL_ZONE);
        let zone = self.zones.intern(zone_value.unwrap_or(""));
        let new_zone_key = node_tree::zone_key(labels);
        let was_present = self.is_present(slot);
        // Old images out before new ones in, so an image the node keeps stays counted once.
        if was_present && let Some(cold) = self.cold.get_mut(slot as usize) {
            let old = std::mem::take(&mut cold.images);
            self.images.remove_node(&old, slot);
        }
        let images = self.images.add_node(node, slot);
        let (Some(hot), Some(cold)) =
            (self.hot.get_mut(slot as usize), self.cold.get_mut(slot as usize))
        else {
            return;
        };
        let old_zone = hot.zone;
        let had_pns = was_present && hot.pns_taints > 0;
        cold.images = images;
        let hard = node
            .spec
            .taints
            .iter()
            .any(|t| matches!(t.effect, TaintEffect::NoSchedule | TaintEffect::NoExecute));
        let pns =
            node.spec.taints.iter().filter(|t| t.effect == TaintEffect::PreferNoSchedule).count();
        let mut f = hot.flags & flags::HAS_PORTS;
        f |= flags::PRESENT;
        if node.spec.unschedulable {
            f |= flags::UNSCHEDULABLE;
        }
        if hard {
            f |= flags::HARD_TAINTS;
        }
        if zone_value.is_some() {
            f |= flags::HAS_ZONE;
        }
        if labels.contains_key(LABEL_HOSTNAME) {
            f |= flags::HAS_HOSTNAME;
        }
        hot.flags = f;
        hot.alloc_cpu = alloc.cpu;
        hot.alloc_mem = alloc.mem;
        hot.alloc_eph = alloc.eph;
        hot.alloc_pods = alloc_pods;
        hot.zone = zone;
        hot.pns_taints = u16::try_from(pns).unwrap_or(u16::MAX);
        let has_pns = pns > 0;
        cold.labels = labels.clone();
        cold.taints = node.spec.taints.clone();
        cold.scalar_alloc = alloc.scalars;
        let old_zone_key = std::mem::replace(&mut cold.zone_key, new_zone_key.clone());
        self.pns_tainted = self.pns_tainted + usize::from(has_pns) - usize::from(had_pns);
        if was_present {
            if old_zone_key != new_zone_key {
                self.tree.remove(&old_zone_key, slot);
                self.tree.add(&new_zone_key, slot);
                self.order_dirty = true;
            }
            if old_zone != zone {
                self.shift_zone_counts(slot, Some(old_zone), Some(zone));
            }
        } else {
            self.tree.add(&new_zone_key, slot);
            self.order_dirty = true;
            self.shift_zone_counts(slot, None, Some(zone));
        }
    }

    /// Moves a node's spread counts from one zone bucket to another (either may be absent).
    fn shift_zone_counts(&mut self, slot: u32, from: Option<u32>, to: Option<u32>) {
        for sel in &mut self.spread.sels {
            let c = sel.on_node(slot);
            if c == 0 {
                continue;
            }
            let c = i32::try_from(c).unwrap_or(i32::MAX);
            if let Some(z) = from {
                sel.bump_zone(z, -c);
            }
            if let Some(z) = to {
                sel.bump_zone(z, c);
            }
        }
    }

    /// A copy of what the requeue hints compare.
    pub(crate) fn facts(&self, slot: u32) -> Option<NodeFacts> {
        let hot = self.hot.get(slot as usize)?;
        let cold = self.cold.get(slot as usize)?;
        Some(NodeFacts {
            name: self.names.get(slot as usize)?.clone(),
            labels: cold.labels.clone(),
            taints: cold.taints.clone(),
            unschedulable: hot.has(flags::UNSCHEDULABLE),
            alloc: ResVec {
                cpu: hot.alloc_cpu,
                mem: hot.alloc_mem,
                eph: hot.alloc_eph,
                scalars: cold.scalar_alloc.clone(),
            },
            alloc_pods: hot.alloc_pods,
        })
    }

    // ---- pods --------------------------------------------------------------------------

    /// Derives the scheduler's view of `pod`.
    pub(crate) fn pod_info(&mut self, pod: &Pod) -> PodInfo {
        let spec = &pod.spec;
        let req = pod_requests(spec, &mut self.scalars, false);
        let nz = pod_requests(spec, &mut self.scalars, true);
        let ns = self.namespaces.intern(&pod.metadata.namespace);
        let group = self.groups.intern(ns, &pod.metadata.labels);
        PodInfo {
            uid: pod.metadata.uid,
            ns,
            group,
            priority: spec.priority,
            req,
            nz_cpu: nz.cpu,
            nz_mem: nz.mem,
            ports: host_ports(spec),
        }
    }

    pub(crate) fn pod(&self, uid: Uid) -> Option<&CachedPod> {
        let idx = *self.by_uid.get(&uid)?;
        self.pods.get(idx as usize)?.as_ref()
    }

    pub(crate) fn pod_at(&self, idx: u32) -> Option<&CachedPod> {
        self.pods.get(idx as usize)?.as_ref()
    }

    /// Every placed pod, in slab order.
    #[cfg(test)]
    pub(crate) fn placed_pods(&self) -> impl Iterator<Item = &CachedPod> {
        self.pods.iter().flatten()
    }

    /// Places a pod on its node, adding it to every aggregate. Replaces an earlier placement
    /// of the same uid.
    pub(crate) fn place(&mut self, pod: CachedPod) {
        if self.by_uid.contains_key(&pod.info.uid) {
            self.unplace(pod.info.uid);
        }
        let slot = pod.node;
        if self.hot.get(slot as usize).is_none() {
            return;
        }
        self.account(&pod, 1);
        let idx = match self.free_pods.pop() {
            Some(i) => i,
            None => {
                self.pods.push(None);
                u32::try_from(self.pods.len() - 1).unwrap_or(u32::MAX)
            }
        };
        self.by_uid.insert(pod.info.uid, idx);
        if let Some(c) = self.cold.get_mut(slot as usize) {
            c.pods.push(idx);
        }
        if let Some(entry) = self.pods.get_mut(idx as usize) {
            *entry = Some(pod);
        }
    }

    /// Removes a placed pod from its node and returns it.
    pub(crate) fn unplace(&mut self, uid: Uid) -> Option<CachedPod> {
        let idx = self.by_uid.remove(&uid)?;
        let pod = self.pods.get_mut(idx as usize)?.take()?;
        self.free_pods.push(idx);
        if let Some(c) = self.cold.get_mut(pod.node as usize)
            && let Some(i) = c.pods.iter().position(|p| *p == idx)
        {
            c.pods.swap_remove(i);
        }
        self.account(&pod, -1);
        self.free_slot_if_empty(pod.node);
        Some(pod)
    }

    /// Marks a placed pod terminating (or not), which only changes spread counts.
    pub(crate) fn set_terminating(&mut self, uid: Uid, terminating: bool) {
        let Some(&idx) = self.by_uid.get(&uid) else { return };
        let Some(Some(pod)) = self.pods.get(idx as usize) else { return };
        if pod.terminating == terminating {
            return;
        }
        let (group, node) = (pod.info.group, pod.node);
        self.spread_count(group, node, if terminating { -1 } else { 1 });
        if let Some(Some(pod)) = self.pods.get_mut(idx as usize) {
            pod.terminating = terminating;
        }
    }

    /// Records a placed pod's `status.startTime`.
    pub(crate) fn set_start_time(&mut self, uid: Uid, start: Option<SimTime>) {
        if let Some(&idx) = self.by_uid.get(&uid)
            && let Some(Some(pod)) = self.pods.get_mut(idx as usize)
        {
            pod.start_time = start;
        }
    }

    /// Marks an assumed pod as bound.
    pub(crate) fn confirm(&mut self, uid: Uid) {
        if let Some(&idx) = self.by_uid.get(&uid)
            && let Some(Some(pod)) = self.pods.get_mut(idx as usize)
        {
            pod.assumed = false;
        }
    }

    /// Adds (`sign` = 1) or subtracts (-1) a pod's requests, ports and spread counts.
    fn account(&mut self, pod: &CachedPod, sign: i64) {
        self.touch(pod.node);
        let slot = pod.node as usize;
        let info = &pod.info;
        if let Some(h) = self.hot.get_mut(slot) {
            h.req_cpu += sign * info.req.cpu;
            h.req_mem += sign * info.req.mem;
            h.req_eph += sign * info.req.eph;
            h.nz_cpu += sign * info.nz_cpu;
            h.nz_mem += sign * info.nz_mem;
            h.pod_count += sign;
        }
        if let Some(c) = self.cold.get_mut(slot) {
            for &(id, v) in &info.req.scalars {
                match c.scalar_req.iter_mut().find(|(s, _)| *s == id) {
                    Some(e) => e.1 += sign * v,
                    None => c.scalar_req.push((id, sign * v)),
                }
            }
            c.scalar_req.retain(|(_, v)| *v != 0);
            for p in &info.ports {
                if sign > 0 {
                    c.ports.push(p.clone());
                } else if let Some(i) = c.ports.iter().position(|q| q == p) {
                    c.ports.swap_remove(i);
                }
            }
            let has_ports = !c.ports.is_empty();
            if let Some(h) = self.hot.get_mut(slot) {
                h.flags = if has_ports {
                    h.flags | flags::HAS_PORTS
                } else {
                    h.flags & !flags::HAS_PORTS
                };
            }
        }
        if !pod.terminating {
            self.spread_count(info.group, pod.node, if sign > 0 { 1 } else { -1 });
        }
    }

    // ---- spread counts -----------------------------------------------------------------

    /// Brings a group's matched-selector list up to date with newly registered selectors.
    fn refresh_group(&mut self, group: GroupId) {
        let Some(g) = self.groups.groups.get_mut(group as usize) else { return };
        let total = self.spread.sels.len();
        for id in g.checked as usize..total {
            if let Some(sel) = self.spread.sels.get(id)
                && sel.ns == g.ns
                && sel.selector.matches(&g.labels)
            {
                g.matched.push(u32::try_from(id).unwrap_or(u32::MAX));
            }
        }
        g.checked = u32::try_from(total).unwrap_or(u32::MAX);
    }

    fn spread_count(&mut self, group: GroupId, slot: u32, delta: i32) {
        self.refresh_group(group);
        let zone =
            if self.is_present(slot) { self.hot.get(slot as usize).map(|h| h.zone) } else { None };
        let Some(g) = self.groups.get(group) else { return };
        for &id in &g.matched {
            if let Some(sel) = self.spread.sels.get_mut(id as usize) {
                sel.bump(slot, zone, delta);
            }
        }
    }

    /// The id of `selector` in namespace `ns`, registering and counting it on first use.
    pub(crate) fn selector_id(&mut self, ns: u32, selector: &LabelSelector) -> SelectorId {
        let key = SpreadIndex::key(ns, selector);
        if let Some(id) = self.spread.lookup(&key) {
            return id;
        }
        let id = self.spread.insert(key, ns, selector.clone());
        let mut matching = vec![false; self.groups.groups.len()];
        for g in 0..self.groups.groups.len() {
            let g = u32::try_from(g).unwrap_or(u32::MAX);
            self.refresh_group(g);
            if let Some(m) = matching.get_mut(g as usize) {
                *m = self.groups.get(g).is_some_and(|grp| grp.matched.contains(&id));
            }
        }
        let mut bumps = Vec::new();
        for pod in self.pods.iter().flatten() {
            if !pod.terminating && matching.get(pod.info.group as usize).copied().unwrap_or(false) {
                bumps.push(pod.node);
            }
        }
        for slot in bumps {
            let zone = if self.is_present(slot) {
                self.hot.get(slot as usize).map(|h| h.zone)
            } else {
                None
            };
            if let Some(sel) = self.spread.sels.get_mut(id as usize) {
                sel.bump(slot, zone, 1);
            }
        }
        id
    }

    /// Test helper: recomputes every aggregate from the pod list and compares.
    #[cfg(test)]
    pub(crate) fn check_invariants(&self) -> Result<(), String> {
        for (slot, (hot, cold)) in self.hot.iter().zip(&self.cold).enumerate() {
            let mut sum = (0, 0, 0, 0, 0, 0);
            for idx in &cold.pods {
                let p = self.pod_at(*idx).ok_or("dangling pod index")?;
                sum.0 += p.info.req.cpu;
                sum.1 += p.info.req.mem;
                sum.2 += p.info.req.eph;
                sum.3 += p.info.nz_cpu;
                sum.4 += p.info.nz_mem;
                sum.5 += 1;
            }
            let got =
                (hot.req_cpu, hot.req_mem, hot.req_eph, hot.nz_cpu, hot.nz_mem, hot.pod_count);
            if got != sum {
                return Err(format!("node slot {slot}: aggregates {got:?} != pod sums {sum:?}"));
            }
        }
        for (id, sel) in self.spread.sels.iter().enumerate() {
            for slot in 0..self.hot.len() {
                let want = self
                    .placed_pods()
                    .filter(|p| p.node as usize == slot && !p.terminating)
                    .filter(|p| {
                        self.groups
                            .get(p.info.group)
                            .is_some_and(|g| g.ns == sel.ns && sel.selector.matches(&g.labels))
                    })
                    .count();
                let slot = u32::try_from(slot).unwrap_or(u32::MAX);
                if sel.on_node(slot) as usize != want {
                    return Err(format!(
                        "selector {id} node {slot}: {} != {want}",
                        sel.on_node(slot)
                    ));
                }
            }
        }
        Ok(())
    }
}
