//! The kubelet on one node: registration, Lease renewals, node status, admission, image
//! pulls, sandboxes, container start/restart/termination and pod status reports.
//!
//! Timings are sampled with the node's own RNG stream within sourced ranges
//! (`startup-and-cost.md` §3–§4): sandbox (pause container + CNI) 250–500 ms, container create
//! 30–120 ms and start 60–200 ms (containerd create+start ≈ 250 ms), registry round trips
//! 300–900 ms, image download at the node's bandwidth. Image pulls are serialized per node
//! (`serializeImagePulls: true`, the kubelet default).
//!
//! A crashed kubelet does nothing (its timers are dropped by boot count); a partitioned one
//! keeps running containers but every API write fails, so it neither renews its Lease nor
//! reports status, and it hears about no API change until the partition heals.
//!
//! Simplified:
//! - probes: a readiness or startup probe succeeds on its first tick at or after
//!   `initialDelaySeconds` unless a fault makes it fail ([`crate::cluster::Action::FailReadiness`]);
//!   liveness probes always pass (containers die only by their command or a crash fault);
//! - no node-pressure conditions or kubelet evictions, no image garbage collection;
//! - init containers run in order; restartable (sidecar) init containers get no special
//!   treatment beyond kubectl's READY count;
//! - a failed Lease renewal waits for the next 10 s tick instead of retrying from 200 ms;
//! - `ErrImagePull` turns into `ImagePullBackOff` one second after the failed pull (the next
//!   pod sync upstream).

pub mod backoff;
pub mod program;
pub(crate) mod worker;

use super::{
    api::Api,
    config::NodeShape,
    images::{self, Platforms},
    log::{Component, ObjRef},
    timers::Task,
};
use crate::{
    model::{
        EventType, Node, NodeSpec, NodeStatus, ObjectMeta, Pod, PodPhase, Quantity, ResourceList,
        ResourceName, Taint, Uid,
        node::{
            ConditionStatus, ContainerImage, NodeAddress, NodeCondition, NodeConditionType,
            NodeSystemInfo,
        },
        pod::PodConditionType,
        pod::{PullPolicy, RestartPolicy},
    },
    rng::SimRng,
    time::SimTime,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::{BTreeMap, BTreeSet, VecDeque},
    net::Ipv4Addr,
};
use worker::{CState, Ctr, Stage, Worker, go_duration, merge_conditions, probe_success_ms};

/// A kubelet timer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum KubeletTask {
    /// Renew the node Lease.
    LeaseRenew,
    /// Compute node status (write it if changed or stale).
    StatusUpdate,
    /// Re-sync one pod.
    PodSync(Uid),
    /// The current image pull finishes.
    PullDone,
}

/// Whether the kubelet runs and can reach the API server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KubeletHealth {
    /// Running and connected.
    Up,
    /// The machine is down: no containers, no heartbeats.
    Crashed,
    /// Running, but cut off from the API server.
    Partitioned,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CurrentPull {
    image: String,
    started: SimTime,
    result: Result<i64, String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Puller {
    current: Option<CurrentPull>,
    queue: VecDeque<String>,
    waiters: BTreeMap<String, Vec<(Uid, bool, usize)>>,
}

/// One node's kubelet.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Kubelet {
    pub(crate) node: String,
    pub(crate) health: KubeletHealth,
    pub(crate) boot: u32,
    index: u32,
    shape: NodeShape,
    rng: SimRng,
    pub(crate) workers: BTreeMap<Uid, Worker>,
    images: BTreeMap<String, i64>,
    puller: Puller,
    ips_used: BTreeSet<u8>,
    last_ip: u8,
    last_status_write: SimTime,
    reported_unschedulable: bool,
    next_container_id: u64,
}

/// Samples a duration in `lo..=hi` milliseconds.
fn sample(rng: &mut SimRng, lo: u64, hi: u64) -> u64 {
    rng.range_inclusive(lo, hi)
}

impl Kubelet {
    pub(crate) fn new(node: &str, index: u32, shape: NodeShape, rng: SimRng) -> Self {
        Kubelet {
            node: node.to_owned(),
            health: KubeletHealth::Crashed,
            boot: 0,
            index,
            shape,
            rng,
            workers: BTreeMap::new(),
            images: [(images::PAUSE_IMAGE.to_owned(), 320_000)].into_iter().collect(),
            puller: Puller::default(),
            ips_used: BTreeSet::new(),
            last_ip: 254,
            last_status_write: SimTime::ZERO,
            reported_unschedulable: false,
            next_container_id: 0,
        }
    }

    fn me(&self) -> Component {
        Component::Kubelet(self.node.clone())
    }

    fn online(&self) -> bool {
        self.health == KubeletHealth::Up
    }

    fn after(&self, api: &mut Api, delay_ms: u64, task: KubeletTask) {
        api.after(delay_ms, Task::Kubelet { node: self.node.clone(), boot: self.boot, task });
    }

    /// `10.0.x.y`: the node's InternalIP.
    pub(crate) fn node_ip(index: u32) -> Ipv4Addr {
        Ipv4Addr::from(u32::from_be_bytes([10, 0, 0, 10]) + index)
    }

    /// `10.244.N.0/24`: the node's pod CIDR.
    fn pod_cidr_base(&self) -> u32 {
        u32::from_be_bytes([10, 244, 0, 0]) + (self.index << 8)
    }

    /// The Node object this kubelet registers.
    pub(crate) fn node_object(&self, pool: &str, zone: &str, taints: Vec<Taint>) -> Node {
        let mut meta = ObjectMeta::named("", &self.node);
        for (k, v) in [
            (crate::model::meta::LABEL_ARCH, self.shape.arch.as_str()),
            (crate::model::meta::LABEL_OS, "linux"),
            (crate::model::meta::LABEL_HOSTNAME, self.node.as_str()),
            (crate::model::meta::LABEL_ZONE, zone),
            (crate::model::meta::LABEL_NODE_POOL, pool),
        ] {
            meta.labels.insert(k, v);
        }
        let mut capacity = ResourceList::new()
            .with(ResourceName::Cpu, Quantity::from_millis(self.shape.cpu_millis))
            .with(ResourceName::Memory, Quantity::from_bytes(self.shape.memory_bytes))
            .with(ResourceName::Pods, Quantity::from_units(self.shape.max_pods))
            .with(ResourceName::EphemeralStorage, Quantity::from_bytes(100 << 30));
        if self.shape.gpus > 0 {
            capacity.set(
                ResourceName::Extended(crate::model::resources::RESOURCE_NVIDIA_GPU.into()),
                Quantity::from_units(self.shape.gpus),
            );
        }
        // kubelet defaults: evictionHard memory.available<100Mi, nodefs.available<10%.
        let allocatable = capacity
            .clone()
            .with(ResourceName::Memory, Quantity::from_bytes(self.shape.memory_bytes - (100 << 20)))
            .with(ResourceName::EphemeralStorage, Quantity::from_bytes(90 << 30));
        let cidr = Ipv4Addr::from(self.pod_cidr_base());
        Node {
            metadata: meta,
            spec: NodeSpec { unschedulable: false, taints, pod_cidr: format!("{cidr}/24") },
            status: NodeStatus {
                capacity,
                allocatable,
                conditions: Vec::new(),
                addresses: vec![
                    NodeAddress {
                        type_: "InternalIP".into(),
                        address: Self::node_ip(self.index).to_string(),
                    },
                    NodeAddress { type_: "Hostname".into(), address: self.node.clone() },
                ],
                node_info: NodeSystemInfo {
                    architecture: self.shape.arch.clone(),
                    operating_system: "linux".into(),
                    os_image: "Debian GNU/Linux 12 (bookworm)".into(),
                    kernel_version: format!("6.1.0-40-cloud-{}", self.shape.arch),
                    kubelet_version: "v1.34.1".into(),
                    container_runtime_version: "containerd://2.1.4".into(),
                },
                images: Vec::new(),
            },
        }
    }

    // ---- lifecycle ----

    /// Starts (or restarts) the kubelet: register, heartbeat, relist pods.
    pub(crate) fn start(&mut self, api: &mut Api) {
        self.health = KubeletHealth::Up;
        self.boot += 1;
        let node_ref = ObjRef::new("Node", "", &self.node);
        let uid = api.store.node(&self.node).map(|n| n.metadata.uid).unwrap_or_default();
        let me = self.me();
        api.event(
            &me,
            EventType::Normal,
            "Starting",
            node_ref.clone(),
            uid,
            "Starting kubelet.".into(),
        );
        for reason in ["NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID"] {
            let msg = format!("Node {} status is now: {reason}", self.node);
            api.event(&me, EventType::Normal, reason, node_ref.clone(), uid, msg);
        }
        api.event(
            &me,
            EventType::Normal,
            "NodeAllocatableEnforced",
            node_ref.clone(),
            uid,
            "Updated Node Allocatable limit across pods".into(),
        );
        self.write_node_status(api, true);
        api.renew_lease(&me, &self.node);
        let phase = sample(&mut self.rng, 1, api.timings.lease_renew_ms);
        self.after(api, phase, KubeletTask::LeaseRenew);
        let phase = sample(&mut self.rng, 1, api.timings.node_status_update_ms);
        self.after(api, phase, KubeletTask::StatusUpdate);
        self.relist(api);
    }

    /// The machine dies: containers are gone, nothing is reported.
    pub(crate) fn crash(&mut self) {
        self.health = KubeletHealth::Crashed;
        self.boot += 1;
        self.workers.clear();
        self.puller = Puller::default();
        self.ips_used.clear();
    }

    /// The network between the node and the API server breaks.
    pub(crate) fn partition(&mut self) {
        if self.health == KubeletHealth::Up {
            self.health = KubeletHealth::Partitioned;
        }
    }

    /// The partition heals: report everything and catch up with the API.
    pub(crate) fn heal(&mut self, api: &mut Api) {
        if self.health != KubeletHealth::Partitioned {
            return;
        }
        self.health = KubeletHealth::Up;
        let me = self.me();
        api.renew_lease(&me, &self.node);
        self.write_node_status(api, true);
        self.relist(api);
    }

    /// Syncs every pod the API binds to this node and every pod a worker runs.
    fn relist(&mut self, api: &mut Api) {
        let mut uids: BTreeSet<Uid> = api.store.pods_on_node(&self.node).collect();
        uids.extend(self.workers.keys().copied());
        for uid in uids {
            self.sync_pod(api, uid);
        }
    }

    /// Handles a timer.
    pub(crate) fn handle(&mut self, api: &mut Api, boot: u32, task: KubeletTask) {
        if boot != self.boot || self.health == KubeletHealth::Crashed {
            return;
        }
        match task {
            KubeletTask::LeaseRenew => {
                if self.online() {
                    let me = self.me();
                    api.renew_lease(&me, &self.node);
                }
                self.after(api, api.timings.lease_renew_ms, KubeletTask::LeaseRenew);
            }
            KubeletTask::StatusUpdate => {
                if self.online() {
                    self.write_node_status(api, false);
                }
                self.after(api, api.timings.node_status_update_ms, KubeletTask::StatusUpdate);
            }
            KubeletTask::PodSync(uid) => {
                if let Some(w) = self.workers.get_mut(&uid) {
                    w.wake = None;
                }
                self.sync_pod(api, uid);
            }
            KubeletTask::PullDone => self.pull_done(api),
        }
    }

    /// Watch delivery: pods bound to this node changed.
    pub(crate) fn pods_changed(&mut self, api: &mut Api, uids: BTreeSet<Uid>) {
        if !self.online() {
            return;
        }
        for uid in uids {
            self.sync_pod(api, uid);
        }
    }

    // ---- node status ----

    fn conditions(&self, now: SimTime, existing: &[NodeCondition]) -> Vec<NodeCondition> {
        let table = [
            (
                NodeConditionType::MemoryPressure,
                ConditionStatus::False,
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available",
            ),
            (
                NodeConditionType::DiskPressure,
                ConditionStatus::False,
                "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure",
            ),
            (
                NodeConditionType::PIDPressure,
                ConditionStatus::False,
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available",
            ),
            (
                NodeConditionType::Ready,
                ConditionStatus::True,
                "KubeletReady",
                "kubelet is posting ready status",
            ),
        ];
        table
            .into_iter()
            .map(|(type_, status, reason, message)| {
                let since = existing
                    .iter()
                    .find(|c| c.type_ == type_ && c.status == status)
                    .map_or(now, |c| c.last_transition_time);
                NodeCondition {
                    type_,
                    status,
                    last_heartbeat_time: now,
                    last_transition_time: since,
                    reason: reason.into(),
                    message: message.into(),
                }
            })
            .collect()
    }

    fn image_list(&self) -> Vec<ContainerImage> {
        let mut v: Vec<ContainerImage> = self
            .images
            .iter()
            .map(|(name, size)| ContainerImage { names: vec![name.clone()], size_bytes: *size })
            .collect();
        // The kubelet reports images largest first.
        v.sort_by(|a, b| b.size_bytes.cmp(&a.size_bytes).then_with(|| a.names.cmp(&b.names)));
        v
    }

    /// Computes node status; writes it if anything changed, if the last write is older than
    /// `nodeStatusReportFrequency`, or if `force`.
    fn write_node_status(&mut self, api: &mut Api, force: bool) {
        let now = api.now;
        let Some(node) = api.store.node(&self.node) else { return };
        // Fast path (every 10 s on every node): nothing to write, nothing to announce.
        let healthy = node.status.conditions.len() == 4
            && node.status.conditions.iter().all(|c| {
                c.status
                    == if c.type_ == NodeConditionType::Ready {
                        ConditionStatus::True
                    } else {
                        ConditionStatus::False
                    }
            });
        let quiet = !force
            && healthy
            && node.spec.unschedulable == self.reported_unschedulable
            && node.status.images.len() == self.images.len()
            && now.millis_since(self.last_status_write) < api.timings.node_status_report_ms;
        if quiet {
            return;
        }
        let conditions = self.conditions(now, &node.status.conditions);
        let images = self.image_list();
        let same = |a: &[NodeCondition], b: &[NodeCondition]| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| (x.type_, x.status, &x.reason) == (y.type_, y.status, &y.reason))
        };
        let changed = !same(&conditions, &node.status.conditions) || images != node.status.images;
        let stale = now.millis_since(self.last_status_write) >= api.timings.node_status_report_ms;
        let was_ready = node
            .status
            .conditions
            .iter()
            .any(|c| c.type_ == NodeConditionType::Ready && c.status == ConditionStatus::True);
        let (uid, unschedulable) = (node.metadata.uid, node.spec.unschedulable);
        if unschedulable != self.reported_unschedulable {
            self.reported_unschedulable = unschedulable;
            let reason = if unschedulable { "NodeNotSchedulable" } else { "NodeSchedulable" };
            let msg = format!("Node {} status is now: {reason}", self.node);
            let me = self.me();
            api.event(
                &me,
                EventType::Normal,
                reason,
                ObjRef::new("Node", "", &self.node),
                uid,
                msg,
            );
        }
        if !(force || changed || stale) {
            return;
        }
        self.last_status_write = now;
        let me = self.me();
        api.update_node(&me, &self.node.clone(), "nodes/status", |n| {
            n.status.conditions = conditions;
            n.status.images = images;
        });
        if !was_ready {
            let msg = format!("Node {} status is now: NodeReady", self.node);
            api.event(
                &me,
                EventType::Normal,
                "NodeReady",
                ObjRef::new("Node", "", &self.node),
                uid,
                msg,
            );
        }
    }

    // ---- pods ----

    fn pod_event(&self, api: &mut Api, w: &Worker, type_: EventType, reason: &str, msg: String) {
        if self.online() {
            let me = self.me();
            api.event(&me, type_, reason, ObjRef::new("Pod", &w.namespace, &w.name), w.uid, msg);
        }
    }

    fn sync_pod(&mut self, api: &mut Api, uid: Uid) {
        let worker = self.workers.remove(&uid);
        let pod = api.store.pod(uid).filter(|p| p.node_name == self.node).cloned();
        match (pod, worker) {
            (None, Some(w)) => {
                // Force-deleted (or gone from the API while partitioned): kill without a trace.
                self.release_ip(w.ip);
            }
            (None, None) => {}
            (Some(pod), None) => self.admit(api, &pod),
            (Some(pod), Some(mut w)) => {
                if let Some(deleted) = pod.metadata.deletion_timestamp
                    && !matches!(w.stage, Stage::Terminating(_) | Stage::Finished)
                {
                    let grace = pod.metadata.deletion_grace_period_seconds.unwrap_or(0).max(0);
                    let deadline = api.now.plus_secs(grace as u64).min(deleted.max(api.now));
                    self.begin_termination(api, &mut w, deadline);
                }
                self.advance(api, &mut w);
                self.finish_sync(api, w, &pod);
            }
        }
    }

    fn finish_sync(&mut self, api: &mut Api, mut w: Worker, pod: &Pod) {
        if w.stage == Stage::Finished {
            self.release_ip(w.ip.take());
            self.write_pod_status(api, &w, pod);
            if pod.metadata.deletion_timestamp.is_some() && self.online() {
                let me = self.me();
                api.remove_pod(&me, w.uid);
                return;
            }
        } else {
            self.write_pod_status(api, &w, pod);
        }
        self.schedule_wake(api, &mut w);
        self.workers.insert(w.uid, w);
    }

    fn schedule_wake(&self, api: &mut Api, w: &mut Worker) {
        let now = api.now;
        let next = match w.stage {
            Stage::Sandbox(t) => Some(t),
            Stage::Finished => None,
            Stage::Terminating(deadline) => {
                let (init, range) = w.active_indexes();
                let list = if init { &w.init } else { &w.main };
                range.filter_map(|i| list.get(i)?.next_wake(now)).chain([deadline]).min()
            }
            _ => {
                let (init, range) = w.active_indexes();
                let list = if init { &w.init } else { &w.main };
                range.filter_map(|i| list.get(i)?.next_wake(now)).min()
            }
        };
        if let Some(t) = next {
            let t = t.max(now);
            if w.wake.is_none_or(|q| t < q || q < now) {
                w.wake = Some(t);
                self.after(api, t.millis_since(now), KubeletTask::PodSync(w.uid));
            }
        }
    }

    /// Admission: resources and node selector; then a worker starts the sandbox.
    fn admit(&mut self, api: &mut Api, pod: &Pod) {
        if matches!(pod.status.phase, PodPhase::Succeeded | PodPhase::Failed) {
            return;
        }
        if pod.metadata.deletion_timestamp.is_some() {
            // Never started here (or its containers died with the machine): nothing to stop.
            if self.online() {
                let me = self.me();
                api.update_pod(&me, pod.metadata.uid, "pods/status", |p| {
                    p.status.phase = PodPhase::Failed;
                    for c in &mut p.status.conditions {
                        if matches!(
                            c.type_,
                            PodConditionType::Ready | PodConditionType::ContainersReady
                        ) {
                            c.status = ConditionStatus::False;
                        }
                    }
                });
                api.remove_pod(&me, pod.metadata.uid);
            }
            return;
        }
        if !self.online() {
            return;
        }
        if let Some((reason, message)) = self.admission_failure(api, pod) {
            let me = self.me();
            api.event(
                &me,
                EventType::Warning,
                &reason,
                ObjRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name),
                pod.metadata.uid,
                message.clone(),
            );
            api.update_pod(&me, pod.metadata.uid, "pods/status", |p| {
                p.status.phase = PodPhase::Failed;
                p.status.reason = reason;
                p.status.message = message;
            });
            return;
        }
        let arch = self.shape.arch.clone();
        let make = |c: &crate::model::Container| {
            let img = images::lookup(&c.image);
            let wrong_arch =
                img.is_some_and(|i| i.platforms == Platforms::AmdOnly && arch != "amd64");
            let mut ctr = Ctr::new(&c.name, &c.image, program::interpret(c, img), wrong_arch);
            // Containers that ran before a reboot come back with a higher restart count.
            if let Some(s) = pod
                .status
                .container_statuses
                .iter()
                .chain(&pod.status.init_container_statuses)
                .find(|s| s.name == c.name)
            {
                ctr.restart_count = s.restart_count + i32::from(!s.container_id.is_empty());
            }
            ctr
        };
        let now = api.now;
        let sandbox_ms = sample(&mut self.rng, 250, 500);
        let mut w = Worker {
            uid: pod.metadata.uid,
            namespace: pod.metadata.namespace.clone(),
            name: pod.metadata.name.clone(),
            spec: pod.spec.clone(),
            stage: Stage::Sandbox(now.plus_millis(sandbox_ms)),
            ip: None,
            init: pod.spec.init_containers.iter().map(make).collect(),
            main: pod.spec.containers.iter().map(make).collect(),
            started_at: pod.status.start_time.unwrap_or(now),
            wake: None,
            killed_at_deadline: false,
        };
        self.write_pod_status(api, &w, pod);
        self.schedule_wake(api, &mut w);
        self.workers.insert(w.uid, w);
    }

    /// Why the kubelet rejects `pod`, as (`status.reason`, message).
    fn admission_failure(&self, api: &Api, pod: &Pod) -> Option<(String, String)> {
        let node = api.store.node(&self.node)?;
        if !pod.spec.node_selector.is_subset_of(&node.metadata.labels) {
            return Some((
                "NodeAffinity".into(),
                "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector".into(),
            ));
        }
        let mut used = ResourceList::new();
        let mut count = 0i64;
        for w in self.workers.values().filter(|w| w.stage != Stage::Finished) {
            count += 1;
            add_requests(&mut used, &w.spec);
        }
        if count + 1 > node.status.allocatable.get(&ResourceName::Pods).map_or(110, |q| q.value()) {
            return Some((
                "OutOfpods".into(),
                "Pod was rejected: Node didn't have enough resource: pods".into(),
            ));
        }
        let mut want = ResourceList::new();
        add_requests(&mut want, &pod.spec);
        for (name, q) in want.iter() {
            let have = node.status.allocatable.get(name).map_or(0, |a| a.milli_value());
            let u = used.get(name).map_or(0, |u| u.milli_value());
            if q.milli_value() > 0 && q.milli_value() > have - u {
                let scale = |v: i64| if *name == ResourceName::Cpu { v } else { v / 1000 };
                return Some((
                    format!("OutOf{name}"),
                    format!(
                        "Pod was rejected: Node didn't have enough resource: {name}, requested: {}, used: {}, capacity: {}",
                        scale(q.milli_value()),
                        scale(u),
                        scale(have)
                    ),
                ));
            }
        }
        None
    }

    fn alloc_ip(&mut self) -> Ipv4Addr {
        let base = self.pod_cidr_base();
        // host-local IPAM: the next free address after the last one handed out, .2–.254.
        for step in 1..=253u16 {
            let candidate = ((u16::from(self.last_ip) + step - 2) % 253 + 2) as u8;
            if self.ips_used.insert(candidate) {
                self.last_ip = candidate;
                return Ipv4Addr::from(base + u32::from(candidate));
            }
        }
        Ipv4Addr::from(base + 255)
    }

    fn release_ip(&mut self, ip: Option<Ipv4Addr>) {
        if let Some(ip) = ip {
            self.ips_used.remove(&ip.octets()[3]);
        }
    }

    /// Writes the pod status if it differs from what the API has.
    fn write_pod_status(&self, api: &mut Api, w: &Worker, pod: &Pod) {
        if !self.online() {
            return;
        }
        let now = api.now;
        let mut st = pod.status.clone();
        st.phase = w.phase();
        st.host_ip = Some(Self::node_ip(self.index));
        st.pod_ip = w.ip;
        st.start_time = Some(w.started_at);
        st.conditions = merge_conditions(&pod.status.conditions, w.conditions(now), now);
        st.init_container_statuses = w.container_statuses(true, now);
        st.container_statuses = w.container_statuses(false, now);
        if st != pod.status {
            let me = self.me();
            api.update_pod(&me, w.uid, "pods/status", |p| p.status = st);
        }
    }

    // ---- the container state machine ----

    fn advance(&mut self, api: &mut Api, w: &mut Worker) {
        for _ in 0..64 {
            if !self.advance_once(api, w) {
                return;
            }
        }
    }

    fn advance_once(&mut self, api: &mut Api, w: &mut Worker) -> bool {
        let now = api.now;
        match w.stage {
            Stage::Sandbox(t) if t <= now => {
                w.ip = Some(self.alloc_ip());
                w.stage = if w.init.is_empty() { Stage::Main } else { Stage::Init(0) };
                true
            }
            Stage::Sandbox(_) | Stage::Finished => false,
            Stage::Init(i) => {
                let changed = self.step(api, w, true, i);
                match w.init.get(i).map(|c| &c.state) {
                    Some(CState::Exited { code: 0, restart_at: None, .. }) => {
                        w.stage =
                            if i + 1 < w.init.len() { Stage::Init(i + 1) } else { Stage::Main };
                        true
                    }
                    Some(CState::Exited { restart_at: None, .. }) => {
                        w.stage = Stage::Finished;
                        true
                    }
                    _ => changed,
                }
            }
            Stage::Main => {
                let mut changed = false;
                for i in 0..w.main.len() {
                    changed |= self.step(api, w, false, i);
                }
                if !changed
                    && w.main
                        .iter()
                        .all(|c| matches!(c.state, CState::Exited { restart_at: None, .. }))
                {
                    w.stage = Stage::Finished;
                    return true;
                }
                changed
            }
            Stage::Terminating(deadline) => {
                let mut changed = false;
                let (init, range) = w.active_indexes();
                for i in range.clone() {
                    changed |= self.step(api, w, init, i);
                }
                if now >= deadline {
                    for i in range.clone() {
                        if let Some(c) = w.ctr_mut(init, i)
                            && let CState::Running { since, .. } = c.state
                        {
                            c.last_term = Some((137, since, now));
                            c.state = CState::Exited {
                                code: 137,
                                started: since,
                                finished: now,
                                restart_at: None,
                            };
                            w.killed_at_deadline = true;
                            changed = true;
                        }
                    }
                }
                let list = if init { &w.init } else { &w.main };
                if list.iter().all(|c| matches!(c.state, CState::Exited { restart_at: None, .. })) {
                    w.stage = Stage::Finished;
                    return true;
                }
                changed
            }
        }
    }

    /// Advances one container if something is due; true if it changed.
    fn step(&mut self, api: &mut Api, w: &mut Worker, init: bool, i: usize) -> bool {
        let now = api.now;
        let Some(c) = w.ctr_mut(init, i) else { return false };
        match c.state.clone() {
            CState::NeedImage => {
                let image = c.image.clone();
                let normalized = images::normalize(&image);
                let present = self.images.contains_key(&normalized);
                let container =
                    if init { w.spec.init_containers.get(i) } else { w.spec.containers.get(i) };
                let policy = container.map_or(PullPolicy::IfNotPresent, |c| c.image_pull_policy);
                if present && policy != PullPolicy::Always {
                    let ms = sample(&mut self.rng, 30, 120);
                    if let Some(c) = w.ctr_mut(init, i) {
                        c.state = CState::Creating(now.plus_millis(ms));
                    }
                    let msg = format!("Container image \"{image}\" already present on machine");
                    self.pod_event(api, w, EventType::Normal, "Pulled", msg);
                } else if policy == PullPolicy::Never {
                    let msg = format!(
                        "Container image \"{image}\" is not present with pull policy of Never"
                    );
                    if let Some(c) = w.ctr_mut(init, i) {
                        let retry_at = now.plus_secs(3600);
                        c.state = CState::ErrImagePull {
                            notice_at: retry_at,
                            retry_at,
                            message: msg.clone(),
                        };
                    }
                    self.pod_event(api, w, EventType::Warning, "ErrImageNeverPull", msg);
                } else {
                    if let Some(c) = w.ctr_mut(init, i) {
                        c.state = CState::Pulling;
                        c.pull_requested_at = now;
                    }
                    self.pod_event(
                        api,
                        w,
                        EventType::Normal,
                        "Pulling",
                        format!("Pulling image \"{image}\""),
                    );
                    self.request_pull(api, &normalized, (w.uid, init, i));
                }
                true
            }
            CState::Pulling => false,
            CState::ErrImagePull { notice_at, retry_at, message } => {
                if now >= retry_at {
                    c.state = CState::NeedImage;
                    return true;
                }
                if now < notice_at {
                    return false;
                }
                let image = c.image.clone();
                c.state = CState::ImagePullBackOff { retry_at, message };
                self.pod_event(
                    api,
                    w,
                    EventType::Normal,
                    "BackOff",
                    format!("Back-off pulling image \"{image}\""),
                );
                self.pod_event(
                    api,
                    w,
                    EventType::Warning,
                    "Failed",
                    "Error: ImagePullBackOff".into(),
                );
                true
            }
            CState::ImagePullBackOff { retry_at, .. } => {
                if now < retry_at {
                    return false;
                }
                c.state = CState::NeedImage;
                true
            }
            CState::Creating(t) if t <= now => {
                self.next_container_id += 1;
                let id = (u64::from(self.index) << 40) | self.next_container_id;
                let ms = sample(&mut self.rng, 60, 200);
                c.container_id = id;
                c.state = CState::Starting(now.plus_millis(ms));
                let name = c.name.clone();
                self.pod_event(
                    api,
                    w,
                    EventType::Normal,
                    "Created",
                    format!("Created container: {name}"),
                );
                true
            }
            CState::Starting(t) if t <= now => {
                let container =
                    if init { w.spec.init_containers.get(i) } else { w.spec.containers.get(i) };
                let startup =
                    container.and_then(|c| c.startup_probe.as_ref()).map_or(0, probe_success_ms);
                let readiness =
                    container.and_then(|c| c.readiness_probe.as_ref()).map_or(0, probe_success_ms);
                let Some(c) = w.ctr_mut(init, i) else { return false };
                let exit_at = if c.wrong_arch {
                    Some((now.plus_millis(5), 1))
                } else {
                    c.program.exit_after.map(|(ms, code)| (now.plus_millis(ms), code))
                };
                c.started_at_probe = Some(now.plus_millis(startup));
                c.ready_at = Some(now.plus_millis(startup + readiness));
                c.state = CState::Running { since: now, exit_at };
                let name = c.name.clone();
                self.pod_event(
                    api,
                    w,
                    EventType::Normal,
                    "Started",
                    format!("Started container {name}"),
                );
                true
            }
            CState::Creating(_) | CState::Starting(_) => false,
            CState::Running { since, exit_at: Some((t, code)) } if t <= now => {
                self.exit(api, w, init, i, code, since, t);
                true
            }
            CState::Running { .. } => false,
            CState::Exited { finished, restart_at: Some(r), .. } if r <= now => {
                c.backoff.retry(finished, now);
                c.restart_count += 1;
                c.state = CState::NeedImage;
                true
            }
            CState::Exited { .. } => false,
        }
    }

    /// A container process ended.
    #[allow(clippy::too_many_arguments, reason = "one call site; the fields name the exit")]
    fn exit(
        &mut self,
        api: &mut Api,
        w: &mut Worker,
        init: bool,
        i: usize,
        code: i32,
        since: SimTime,
        at: SimTime,
    ) {
        let terminating = matches!(w.stage, Stage::Terminating(_));
        let policy = w.spec.restart_policy;
        let format_pod = w.format_pod();
        let Some(c) = w.ctr_mut(init, i) else { return };
        c.last_term = Some((code, since, at));
        let restart = !terminating
            && match policy {
                RestartPolicy::Always => !init || code != 0,
                RestartPolicy::OnFailure => code != 0,
                RestartPolicy::Never => false,
            };
        let mut restart_at = None;
        let mut wait = 0;
        if restart {
            wait = c.backoff.wait_after_failure(at);
            restart_at = Some(at.plus_millis(wait));
        }
        c.state = CState::Exited { code, started: since, finished: at, restart_at };
        let name = c.name.clone();
        if wait > 0 {
            let msg = format!("Back-off restarting failed container {name} in pod {format_pod}");
            self.pod_event(api, w, EventType::Warning, "BackOff", msg);
        }
    }

    fn begin_termination(&mut self, api: &mut Api, w: &mut Worker, deadline: SimTime) {
        let now = api.now;
        w.stage = Stage::Terminating(deadline);
        let (init, range) = w.active_indexes();
        let mut killing = Vec::new();
        for i in range {
            let exit_ms = sample(&mut self.rng, 50, 500);
            let Some(c) = w.ctr_mut(init, i) else { continue };
            match c.state.clone() {
                CState::Running { since, .. } => {
                    let exit_at = if c.program.exits_on_term {
                        (now.plus_millis(exit_ms).min(deadline), 0)
                    } else {
                        (deadline, 137)
                    };
                    c.state = CState::Running { since, exit_at: Some(exit_at) };
                    killing.push(c.name.clone());
                }
                CState::Exited { code, started, finished, .. } => {
                    c.state = CState::Exited { code, started, finished, restart_at: None };
                }
                _ => {
                    c.state =
                        CState::Exited { code: 0, started: now, finished: now, restart_at: None };
                }
            }
        }
        for name in killing {
            self.pod_event(
                api,
                w,
                EventType::Normal,
                "Killing",
                format!("Stopping container {name}"),
            );
        }
    }

    /// A fault: the named container (or the first) exits with `code` now.
    pub(crate) fn crash_container(
        &mut self,
        api: &mut Api,
        uid: Uid,
        container: Option<&str>,
        code: i32,
    ) -> bool {
        let Some(mut w) = self.workers.remove(&uid) else { return false };
        let idx = w.main.iter().position(|c| container.is_none_or(|n| c.name == n));
        let mut crashed = false;
        if let Some(i) = idx
            && let Some(CState::Running { since, .. }) = w.main.get(i).map(|c| c.state.clone())
        {
            self.exit(api, &mut w, false, i, code, since, api.now);
            crashed = true;
        }
        self.workers.insert(uid, w);
        if crashed {
            self.sync_pod(api, uid);
        }
        crashed
    }

    // ---- image pulls ----

    fn request_pull(&mut self, api: &mut Api, image: &str, waiter: (Uid, bool, usize)) {
        let busy = self.puller.waiters.contains_key(image);
        self.puller.waiters.entry(image.to_owned()).or_default().push(waiter);
        if !busy {
            self.puller.queue.push_back(image.to_owned());
        }
        if self.puller.current.is_none() {
            self.start_next_pull(api);
        }
    }

    fn start_next_pull(&mut self, api: &mut Api) {
        let Some(image) = self.puller.queue.pop_front() else { return };
        let rtt = sample(&mut self.rng, 300, 900);
        let cached = self.images.contains_key(&image);
        let (result, ms) = match images::lookup(&image) {
            None => (Err(images::not_found_message(&image)), rtt),
            Some(img) => {
                let download = if cached {
                    0
                } else {
                    let bw = self.shape.pull_bandwidth_bytes_per_sec.max(1);
                    u64::try_from(img.size_bytes.saturating_mul(1000) / bw).unwrap_or(0)
                };
                (Ok(img.size_bytes), rtt + download)
            }
        };
        self.puller.current = Some(CurrentPull { image, started: api.now, result });
        self.after(api, ms, KubeletTask::PullDone);
    }

    fn pull_done(&mut self, api: &mut Api) {
        let Some(pull) = self.puller.current.take() else { return };
        let now = api.now;
        let waiters = self.puller.waiters.remove(&pull.image).unwrap_or_default();
        if let Ok(size) = pull.result {
            self.images.insert(pull.image.clone(), size);
        }
        let mut touched = BTreeSet::new();
        for (uid, init, i) in waiters {
            let Some(mut w) = self.workers.remove(&uid) else { continue };
            let create_ms = sample(&mut self.rng, 30, 120);
            if let Some(c) = w.ctr_mut(init, i)
                && c.state == CState::Pulling
            {
                let image = c.image.clone();
                let requested = c.pull_requested_at;
                match &pull.result {
                    Ok(size) => {
                        c.state = CState::Creating(now.plus_millis(create_ms));
                        let msg = format!(
                            "Successfully pulled image \"{image}\" in {} ({} including waiting). Image size: {size} bytes.",
                            go_duration(now.millis_since(pull.started)),
                            go_duration(now.millis_since(requested))
                        );
                        self.pod_event(api, &w, EventType::Normal, "Pulled", msg);
                    }
                    Err(e) => {
                        c.pull_backoff.retry(now, now);
                        let retry_at = now.plus_millis(c.pull_backoff.current_ms());
                        let message = e.to_string();
                        // The pod worker re-syncs about a second later and finds the
                        // image in back-off: ErrImagePull turns into ImagePullBackOff.
                        let notice_at = now.plus_millis(1000).min(retry_at);
                        c.state =
                            CState::ErrImagePull { notice_at, retry_at, message: message.clone() };
                        let msg = format!("Failed to pull image \"{image}\": {message}");
                        self.pod_event(api, &w, EventType::Warning, "Failed", msg);
                        self.pod_event(
                            api,
                            &w,
                            EventType::Warning,
                            "Failed",
                            "Error: ErrImagePull".into(),
                        );
                    }
                }
            }
            touched.insert(uid);
            self.workers.insert(uid, w);
        }
        self.start_next_pull(api);
        for uid in touched {
            self.sync_pod(api, uid);
        }
    }

    /// Images in this node's cache.
    pub(crate) fn cached_images(&self) -> impl Iterator<Item = (&str, i64)> {
        self.images.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// A fault: make a container's readiness probe fail (or pass again).
    pub(crate) fn set_readiness_failing(&mut self, api: &mut Api, uid: Uid, failing: bool) -> bool {
        let Some(w) = self.workers.get_mut(&uid) else { return false };
        for c in &mut w.main {
            c.readiness_failing = failing;
        }
        if failing {
            let w = w.clone();
            for c in &w.main {
                let msg =
                    "Readiness probe failed: HTTP probe failed with statuscode: 503".to_owned();
                let _ = c;
                self.pod_event(api, &w, EventType::Warning, "Unhealthy", msg);
            }
        }
        self.sync_pod(api, uid);
        true
    }
}

/// Adds a pod's effective requests: max(sum of app containers, largest init container)
/// plus overhead, per resource.
pub(crate) fn add_requests(total: &mut ResourceList, spec: &crate::model::PodSpec) {
    let mut sum = ResourceList::new();
    for c in &spec.containers {
        for (n, q) in c.resources.requests.iter() {
            let cur = sum.get(n).map_or(0, |x| x.milli_value());
            sum.set(n.clone(), Quantity::from_millis(cur + q.milli_value()));
        }
    }
    for c in &spec.init_containers {
        for (n, q) in c.resources.requests.iter() {
            let cur = sum.get(n).map_or(0, |x| x.milli_value());
            if q.milli_value() > cur {
                sum.set(n.clone(), q);
            }
        }
    }
    for (n, q) in spec.overhead.iter().chain(sum.iter()) {
        let cur = total.get(n).map_or(0, |x| x.milli_value());
        total.set(n.clone(), Quantity::from_millis(cur + q.milli_value()));
    }
}
