//! The API server: every write goes through here.
//!
//! A write bumps `resourceVersion`, counts the request (and logs it as activity), tells the
//! scheduler synchronously and queues watch deliveries for the controllers and kubelets that
//! care (see [`super::watch`]). Kubernetes Events are recorded here too, with upstream's
//! repeat aggregation: an identical event (same source, object, type, reason and message)
//! bumps `count` and `lastTimestamp` instead of creating a new object.
//!
//! Simplified: the event correlator's "similar events" combining and its spam filter are not
//! simulated (only identical events aggregate); ClusterIPs and NodePorts are drawn uniformly
//! from the dynamic part of their ranges, with no separate static band.

use super::{
    admission,
    config::Timings,
    errors::ApiError,
    log::{Component, EventLog, KubeEvent, ObjRef, SimEvent, Verb},
    scheduling::SchedulerLink,
    store::{NsName, Store, key},
    timers::{Task, Timers},
    watch::{Observed, TaintKey, WatchHub},
};
use crate::{
    model::{
        Deployment, EndpointSlice, Event, EventType, Lease, Node, ObjectMeta, Pod, ReplicaSet,
        Service, Uid, meta::Labels, service::LABEL_SERVICE_NAME,
    },
    rng::SimRng,
    time::{EPOCH_UNIX_SECS, SimTime},
};
use serde::{Deserialize, Serialize};
use std::{
    collections::{BTreeMap, BTreeSet},
    net::Ipv4Addr,
};

/// Counters the UI shows for the control plane.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiCounters {
    /// Write requests served (creates, updates, deletes), Events included.
    pub requests: u64,
    /// Of which creates.
    pub creates: u64,
    /// Of which updates.
    pub updates: u64,
    /// Of which deletes.
    pub deletes: u64,
    /// Reconciles per controller.
    pub syncs: BTreeMap<String, u64>,
    /// The controller that acted last, and when.
    pub last_actor: Option<(String, SimTime)>,
}

/// The API server and everything a component needs to act: store, clock, timers, log.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Api {
    pub(crate) now: SimTime,
    pub(crate) store: Store,
    pub(crate) log: EventLog,
    pub(crate) timers: Timers,
    pub(crate) watch: WatchHub,
    pub(crate) sched: SchedulerLink,
    pub(crate) timings: Timings,
    pub(crate) counters: ApiCounters,
    uid_rng: SimRng,
    /// Aggregation index: FNV hash of (source, host, object, type, reason, message) → event.
    event_index: BTreeMap<u64, NsName>,
    /// Events by `lastTimestamp`, for TTL expiry.
    event_expiry: BTreeSet<(SimTime, NsName)>,
    cluster_ips: BTreeMap<u32, NsName>,
    node_ports: BTreeMap<i32, NsName>,
}

/// FNV-1a of an event's aggregation key.
fn event_hash(
    source: &str,
    host: &str,
    o: &ObjRef,
    t: EventType,
    reason: &str,
    message: &str,
) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [source, host, &o.kind, &o.namespace, &o.name, t.as_str(), reason, message] {
        for b in part.bytes().chain([0xff]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The alphabet of `generateName` suffixes (`utilrand.String`): no vowels, no confusables.
const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// First and last cluster IP handed out dynamically (10.96.0.0/12 minus the static band).
const CLUSTER_IP_FIRST: u32 = u32::from_be_bytes([10, 96, 1, 0]);
const CLUSTER_IP_LAST: u32 = u32::from_be_bytes([10, 111, 255, 254]);

impl Api {
    pub(crate) fn new(
        timings: Timings,
        sched: SchedulerLink,
        uid_rng: SimRng,
        log: EventLog,
    ) -> Self {
        Api {
            now: SimTime::ZERO,
            store: Store::default(),
            log,
            timers: Timers::default(),
            watch: WatchHub::default(),
            sched,
            timings,
            counters: ApiCounters::default(),
            uid_rng,
            event_index: BTreeMap::new(),
            event_expiry: BTreeSet::new(),
            cluster_ips: BTreeMap::new(),
            node_ports: BTreeMap::new(),
        }
    }

    // ---- plumbing ----

    /// Schedules `task` `delay_ms` from now.
    pub(crate) fn after(&mut self, delay_ms: u64, task: Task) {
        self.timers.push(self.now.plus_millis(delay_ms), task);
    }

    /// A fresh random v4 UUID.
    pub(crate) fn new_uid(&mut self) -> Uid {
        let v = (u128::from(self.uid_rng.next_u64()) << 64) | u128::from(self.uid_rng.next_u64());
        // Version 4, RFC 4122 variant, like the API server's uuid.NewUUID.
        Uid((v & !(0xF << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62))
    }

    /// `prefix` + five random characters, as `generateName` does.
    pub(crate) fn generate_name(&mut self, prefix: &str) -> String {
        let mut s = String::with_capacity(prefix.len() + 5);
        s.push_str(prefix);
        for _ in 0..5 {
            let i = self.uid_rng.below(NAME_ALPHABET.len() as u64) as usize;
            s.push(char::from(NAME_ALPHABET[i]));
        }
        s
    }

    /// Counts a write and logs it as activity.
    fn request(&mut self, who: &Component, verb: Verb, resource: &str, ns: &str, name: &str) {
        self.counters.requests += 1;
        match verb {
            Verb::Create => self.counters.creates += 1,
            Verb::Update => self.counters.updates += 1,
            Verb::Delete => self.counters.deletes += 1,
        }
        if self.log.records_activity() {
            let event = SimEvent::ApiRequest {
                component: who.clone(),
                verb,
                resource: resource.to_owned(),
                namespace: ns.to_owned(),
                name: name.to_owned(),
            };
            self.log.push(self.now, event);
        }
    }

    /// Notes that `who` reconciled `object` (UI counters and activity log).
    pub(crate) fn synced(&mut self, who: &Component, object: ObjRef) {
        let source = who.source().to_owned();
        *self.counters.syncs.entry(source.clone()).or_default() += 1;
        self.counters.last_actor = Some((source, self.now));
        if self.log.records_activity() {
            self.log.push(self.now, SimEvent::ControllerSync { component: who.clone(), object });
        }
    }

    /// Moves flushes requested by writes into the timer queue.
    pub(crate) fn schedule_flushes(&mut self) {
        let at = WatchHub::flush_time(self.now, self.timings.watch_latency_ms);
        for w in std::mem::take(&mut self.watch.to_schedule) {
            self.timers.push(at, Task::Flush(w));
        }
        let mut wake = Vec::new();
        self.sched.wakeups(self.now, &mut wake);
        for (t, task) in wake {
            self.timers.push(t, task);
        }
    }

    // ---- events ----

    /// Records a Kubernetes Event about `object` (uid `uid`) from `who`.
    pub(crate) fn event(
        &mut self,
        who: &Component,
        type_: EventType,
        reason: &str,
        object: ObjRef,
        uid: Uid,
        message: String,
    ) {
        let hash = event_hash(who.source(), who.host(), &object, type_, reason, &message);
        let now = self.now;
        let existing = self.event_index.get(&hash).cloned().filter(|k| {
            self.store.events.get(k).is_some_and(|e| {
                e.source_component == who.source()
                    && e.source_host == who.host()
                    && e.involved_object.kind == object.kind
                    && e.involved_object.namespace == object.namespace
                    && e.involved_object.name == object.name
                    && e.type_ == type_
                    && e.reason == reason
                    && e.message == message
            })
        });
        let (count, first) = match existing
            .and_then(|k| self.store.events.get_mut(&k).map(|e| (k, e)))
        {
            Some((k, e)) => {
                self.event_expiry.remove(&(e.last_timestamp, k.clone()));
                self.event_expiry.insert((now, k));
                e.count += 1;
                e.last_timestamp = now;
                e.metadata.resource_version = self.store.resource_version + 1;
                (e.count, e.first_timestamp)
            }
            None => {
                let ns = if object.namespace.is_empty() { "default" } else { &object.namespace };
                let mut nanos = (EPOCH_UNIX_SECS * 1_000 + now.as_millis()) * 1_000_000;
                let mut name = format!("{}.{nanos:x}", object.name);
                while self.store.events.contains_key(&key(ns, &name)) {
                    nanos += 1;
                    name = format!("{}.{nanos:x}", object.name);
                }
                let meta = ObjectMeta {
                    uid: self.new_uid(),
                    creation_timestamp: now,
                    ..ObjectMeta::named(ns, &name)
                };
                let ev = Event {
                    metadata: meta,
                    involved_object: crate::model::service::ObjectReference {
                        kind: object.kind.clone(),
                        namespace: object.namespace.clone(),
                        name: object.name.clone(),
                        uid,
                    },
                    reason: reason.to_owned(),
                    message: message.clone(),
                    type_,
                    source_component: who.source().to_owned(),
                    source_host: who.host().to_owned(),
                    first_timestamp: now,
                    last_timestamp: now,
                    count: 1,
                };
                let k = key(ns, &name);
                self.event_index.insert(hash, k.clone());
                self.event_expiry.insert((now, k.clone()));
                self.store.events.insert(k, ev);
                (1, now)
            }
        };
        self.store.next_rv();
        self.counters.requests += 1;
        let entry = KubeEvent {
            type_,
            reason: reason.to_owned(),
            object,
            message,
            source: who.source().to_owned(),
            host: who.host().to_owned(),
            count,
            first_timestamp: first,
        };
        self.log.push(now, SimEvent::Kube(entry));
    }

    /// Drops Events whose `lastTimestamp` is older than the TTL.
    pub(crate) fn expire_events(&mut self) {
        let ttl = self.timings.event_ttl_ms;
        while let Some((t, k)) = self.event_expiry.first().cloned() {
            if self.now.millis_since(t) < ttl {
                break;
            }
            self.event_expiry.pop_first();
            if let Some(e) = self.store.events.remove(&k) {
                let object = ObjRef::new(
                    &e.involved_object.kind,
                    &e.involved_object.namespace,
                    &e.involved_object.name,
                );
                let hash = event_hash(
                    &e.source_component,
                    &e.source_host,
                    &object,
                    e.type_,
                    &e.reason,
                    &e.message,
                );
                if self.event_index.get(&hash) == Some(&k) {
                    self.event_index.remove(&hash);
                }
            }
        }
    }

    // ---- pods ----

    /// Creates a pod (admission, uid, name generation); returns its UID.
    pub(crate) fn create_pod(&mut self, who: &Component, mut pod: Pod) -> Result<Uid, ApiError> {
        let ns = if pod.metadata.namespace.is_empty() {
            "default".to_owned()
        } else {
            pod.metadata.namespace.clone()
        };
        pod.metadata.namespace = ns.clone();
        if pod.metadata.name.is_empty() {
            if pod.metadata.generate_name.is_empty() {
                return Err(ApiError::Invalid {
                    kind: "Pod".into(),
                    name: String::new(),
                    detail: "metadata.name: Required value: name or generateName is required"
                        .into(),
                });
            }
            loop {
                let name = self.generate_name(&pod.metadata.generate_name.clone());
                if !self.store.pod_name_taken(&ns, &name) {
                    pod.metadata.name = name;
                    break;
                }
            }
        } else if self.store.pod_name_taken(&ns, &pod.metadata.name) {
            return Err(ApiError::AlreadyExists {
                resource: "pods".into(),
                name: pod.metadata.name,
            });
        }
        pod.spec = admission::admit_spec(&pod.spec, self.timings.default_toleration_seconds);
        pod.status.qos_class = admission::qos_class(&pod.spec);
        pod.metadata.uid = self.new_uid();
        pod.metadata.creation_timestamp = self.now;
        pod.metadata.deletion_timestamp = None;
        pod.metadata.resource_version = self.store.next_rv();
        let uid = pod.metadata.uid;
        self.request(who, Verb::Create, "pods", &ns, &pod.metadata.name);
        self.store.insert_pod(pod);
        self.pod_changed(None, uid);
        Ok(uid)
    }

    /// Updates a pod through `f`; `resource` is `pods`, `pods/status` or `pods/binding`.
    /// Returns false when the pod does not exist.
    pub(crate) fn update_pod(
        &mut self,
        who: &Component,
        uid: Uid,
        resource: &str,
        f: impl FnOnce(&mut Pod),
    ) -> bool {
        let rv = self.store.resource_version + 1;
        let Some(old) = self.store.modify_pod(uid, |p| {
            f(p);
            p.metadata.resource_version = rv;
        }) else {
            return false;
        };
        self.store.next_rv();
        self.request(who, Verb::Update, resource, &old.metadata.namespace, &old.metadata.name);
        self.pod_changed(Some(old), uid);
        true
    }

    /// Deletes a pod. With a grace period (the pod's own by default) the pod gets a
    /// `deletionTimestamp` and its kubelet finishes the job; an unscheduled or terminal pod,
    /// or `grace == Some(0)`, is removed at once (`CheckGracefulDelete`).
    pub(crate) fn delete_pod(&mut self, who: &Component, uid: Uid, grace: Option<i64>) -> bool {
        let Some(pod) = self.store.pod(uid) else { return false };
        let grace = grace.unwrap_or(pod.spec.termination_grace_period_seconds).max(0);
        let terminal = matches!(
            pod.status.phase,
            crate::model::PodPhase::Succeeded | crate::model::PodPhase::Failed
        );
        if grace == 0 || pod.node_name.is_empty() || terminal {
            self.remove_pod(who, uid);
            return true;
        }
        if pod.metadata.deletion_timestamp.is_some() {
            // Already terminating: a second delete may only shorten the grace period.
            let current = pod.metadata.deletion_grace_period_seconds.unwrap_or(grace);
            if grace >= current {
                return true;
            }
        }
        let now = self.now;
        let (ns, name) = (pod.metadata.namespace.clone(), pod.metadata.name.clone());
        let rv = self.store.next_rv();
        if let Some(old) = self.store.modify_pod(uid, |p| {
            p.metadata.deletion_timestamp = Some(now.plus_secs(grace as u64));
            p.metadata.deletion_grace_period_seconds = Some(grace);
            p.metadata.resource_version = rv;
        }) {
            self.request(who, Verb::Delete, "pods", &ns, &name);
            self.pod_changed(Some(old), uid);
        }
        true
    }

    /// Removes a pod object for good (grace period 0).
    pub(crate) fn remove_pod(&mut self, who: &Component, uid: Uid) {
        let Some(old) = self.store.remove_pod(uid) else { return };
        self.store.next_rv();
        self.request(who, Verb::Delete, "pods", &old.metadata.namespace, &old.metadata.name);
        self.pod_changed(Some(old), uid);
    }

    /// Tells the scheduler and queues watch deliveries for a pod write.
    fn pod_changed(&mut self, old: Option<Pod>, uid: Uid) {
        let now = self.now;
        let new = self.store.pod(uid);
        self.sched.pod_changed(old.as_ref(), new, now);
        for p in old.iter().chain(new) {
            if !p.node_name.is_empty() {
                self.watch.kubelet(&p.node_name, uid);
            }
            if let Some(owner) = p.metadata.controller_ref()
                && owner.kind == "ReplicaSet"
            {
                self.watch.replica_set(key(&p.metadata.namespace, &owner.name));
            }
        }
        self.route_expectations(old.as_ref(), uid);
        self.route_pod_to_services(old.as_ref(), uid);
        let new = self.store.pod(uid);
        let bound_now = new.is_some_and(|p| !p.node_name.is_empty())
            && old.as_ref().is_none_or(|o| o.node_name.is_empty());
        if bound_now {
            self.watch.taint(TaintKey::Pod(uid));
        }
        let orphan_created =
            old.is_none() && new.is_some_and(|p| p.metadata.controller_ref().is_none());
        if orphan_created {
            self.route_orphan(uid);
        }
    }

    fn route_expectations(&mut self, old: Option<&Pod>, uid: Uid) {
        let new = self.store.pod(uid);
        let rs_of = |p: &Pod| {
            p.metadata
                .controller_ref()
                .filter(|o| o.kind == "ReplicaSet")
                .map(|o| key(&p.metadata.namespace, &o.name))
        };
        match (old, new) {
            (None, Some(p)) => {
                if let Some(k) = rs_of(p) {
                    self.watch.observed.push(Observed::Created(k));
                }
            }
            (Some(o), new) => {
                let deleting_now = match new {
                    None => o.metadata.deletion_timestamp.is_none(),
                    Some(n) => {
                        o.metadata.deletion_timestamp.is_none()
                            && n.metadata.deletion_timestamp.is_some()
                    }
                };
                if deleting_now && let Some(k) = rs_of(o) {
                    self.watch.observed.push(Observed::Deleted(k.clone(), uid));
                }
                // The Deployment controller hears about pod deletions (Recreate waits for
                // the old pods to be gone).
                let removed = new.is_none() || deleting_now;
                if removed
                    && let Some(k) = rs_of(o)
                    && let Some(rs) = self.store.replica_sets.get(&k)
                    && let Some(d) = rs.metadata.controller_ref()
                {
                    let dk = key(&k.0, &d.name);
                    self.watch.deployment(dk);
                }
            }
            (None, None) => {}
        }
    }

    fn route_pod_to_services(&mut self, old: Option<&Pod>, uid: Uid) {
        let new = self.store.pod(uid);
        let Some(ns) = new.or(old).map(|p| p.metadata.namespace.clone()) else { return };
        let selects = |labels: &Labels, s: &Service| {
            s.spec.selector.as_ref().is_some_and(|sel| !sel.is_empty() && sel.is_subset_of(labels))
        };
        let keys: Vec<NsName> = self
            .store
            .services
            .range(key(&ns, "")..)
            .take_while(|(k, _)| k.0 == ns)
            .filter(|(_, s)| {
                old.is_some_and(|p| selects(&p.metadata.labels, s))
                    || new.is_some_and(|p| selects(&p.metadata.labels, s))
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in keys {
            self.watch.service(k);
        }
    }

    /// A pod without a controller may be adopted by a ReplicaSet whose selector matches.
    fn route_orphan(&mut self, uid: Uid) {
        let Some(p) = self.store.pod(uid) else { return };
        self.watch.orphans.insert(uid);
        let ns = p.metadata.namespace.clone();
        let keys: Vec<NsName> = self
            .store
            .replica_sets
            .range(key(&ns, "")..)
            .take_while(|(k, _)| k.0 == ns)
            .filter(|(_, rs)| {
                !rs.spec.selector.is_empty() && rs.spec.selector.matches(&p.metadata.labels)
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in keys {
            self.watch.replica_set(k);
        }
    }

    // ---- nodes ----

    /// Registers a node.
    pub(crate) fn create_node(&mut self, who: &Component, mut node: Node) -> Result<(), ApiError> {
        if self.store.nodes.contains_key(&node.metadata.name) {
            return Err(ApiError::AlreadyExists {
                resource: "nodes".into(),
                name: node.metadata.name,
            });
        }
        node.metadata.uid = self.new_uid();
        node.metadata.creation_timestamp = self.now;
        node.metadata.resource_version = self.store.next_rv();
        let name = node.metadata.name.clone();
        self.request(who, Verb::Create, "nodes", "", &name);
        self.sched.node_added(&node, self.now);
        self.store.nodes.insert(name, node);
        Ok(())
    }

    /// Updates a node through `f`; returns false when it does not exist.
    pub(crate) fn update_node(
        &mut self,
        who: &Component,
        name: &str,
        resource: &str,
        f: impl FnOnce(&mut Node),
    ) -> bool {
        let rv = self.store.resource_version + 1;
        let Some(node) = self.store.nodes.get_mut(name) else { return false };
        let old_taints = node.spec.taints.clone();
        let old_unschedulable = node.spec.unschedulable;
        f(node);
        let unschedulable_changed = node.spec.unschedulable != old_unschedulable;
        node.metadata.resource_version = rv;
        let taints_changed = node.spec.taints != old_taints;
        self.store.next_rv();
        self.request(who, Verb::Update, resource, "", name);
        if let Some(node) = self.store.nodes.get(name) {
            self.sched.node_updated(node, self.now);
        }
        if taints_changed {
            self.watch.taint(TaintKey::Node(name.to_owned()));
        }
        if unschedulable_changed {
            self.watch.node(name);
        }
        true
    }

    /// Deletes a node object.
    pub(crate) fn delete_node(&mut self, who: &Component, name: &str) -> bool {
        if self.store.nodes.remove(name).is_none() {
            return false;
        }
        self.store.leases.remove(name);
        self.store.next_rv();
        self.request(who, Verb::Delete, "nodes", "", name);
        self.sched.node_removed(name, self.now);
        true
    }

    /// The kubelet renews its Lease in `kube-node-lease`.
    pub(crate) fn renew_lease(&mut self, who: &Component, node: &str) {
        let now = self.now;
        let rv = self.store.next_rv();
        let verb = if self.store.leases.contains_key(node) { Verb::Update } else { Verb::Create };
        if verb == Verb::Create {
            let meta = ObjectMeta {
                uid: self.new_uid(),
                creation_timestamp: now,
                ..ObjectMeta::named("kube-node-lease", node)
            };
            let lease = Lease {
                metadata: meta,
                holder_identity: node.to_owned(),
                lease_duration_seconds: 40,
                renew_time: now,
            };
            self.store.leases.insert(node.to_owned(), lease);
        }
        if let Some(lease) = self.store.leases.get_mut(node) {
            lease.renew_time = now;
            lease.metadata.resource_version = rv;
        }
        self.request(who, verb, "leases", "kube-node-lease", node);
    }

    // ---- workloads ----

    /// Creates or replaces a ReplicaSet (`verb` says which, for the request log).
    pub(crate) fn put_replica_set(&mut self, who: &Component, verb: Verb, mut rs: ReplicaSet) {
        if verb == Verb::Create {
            rs.metadata.uid = self.new_uid();
            rs.metadata.creation_timestamp = self.now;
            rs.metadata.generation = 1;
        }
        rs.metadata.resource_version = self.store.next_rv();
        let (ns, name) = (rs.metadata.namespace.clone(), rs.metadata.name.clone());
        self.request(who, verb, "replicasets", &ns, &name);
        if let Some(d) = rs.metadata.controller_ref() {
            self.watch.deployment(key(&ns, &d.name));
        }
        self.sched.replica_set_changed(Some(&rs), None);
        self.store.put_replica_set(rs);
        self.watch.replica_set(key(&ns, &name));
    }

    /// Deletes a ReplicaSet. Simplified: the garbage collector's cascading delete of its pods
    /// happens at once (background propagation).
    pub(crate) fn delete_replica_set(&mut self, who: &Component, ns: &str, name: &str) -> bool {
        let Some(rs) = self.store.remove_replica_set(ns, name) else { return false };
        self.store.next_rv();
        self.request(who, Verb::Delete, "replicasets", ns, name);
        self.sched.replica_set_changed(None, Some(&rs));
        if let Some(d) = rs.metadata.controller_ref() {
            self.watch.deployment(key(ns, &d.name));
        }
        let pods: Vec<Uid> = self.store.pods_owned_by(rs.metadata.uid).collect();
        for uid in pods {
            self.delete_pod(&Component::GarbageCollector, uid, None);
        }
        true
    }

    /// Creates or replaces a Deployment.
    pub(crate) fn put_deployment(&mut self, who: &Component, verb: Verb, mut d: Deployment) {
        if verb == Verb::Create {
            d.metadata.uid = self.new_uid();
            d.metadata.creation_timestamp = self.now;
            d.metadata.generation = 1;
        }
        d.metadata.resource_version = self.store.next_rv();
        let k = key(&d.metadata.namespace, &d.metadata.name);
        self.request(who, verb, "deployments", &k.0, &k.1);
        self.store.deployments.insert(k.clone(), d);
        self.watch.deployment(k);
    }

    /// Deletes a Deployment and (cascading) its ReplicaSets.
    pub(crate) fn delete_deployment(&mut self, who: &Component, ns: &str, name: &str) -> bool {
        let Some(d) = self.store.deployments.remove(&key(ns, name)) else { return false };
        self.store.next_rv();
        self.request(who, Verb::Delete, "deployments", ns, name);
        let owned: Vec<String> = self
            .store
            .replica_sets_owned_by(d.metadata.uid)
            .map(|rs| rs.metadata.name.clone())
            .collect();
        for rs in owned {
            self.delete_replica_set(&Component::GarbageCollector, ns, &rs);
        }
        true
    }

    // ---- networking ----

    /// Creates or replaces a Service, allocating its ClusterIP and node ports.
    pub(crate) fn put_service(
        &mut self,
        who: &Component,
        verb: Verb,
        mut svc: Service,
    ) -> Result<(), ApiError> {
        let k = key(&svc.metadata.namespace, &svc.metadata.name);
        if verb == Verb::Create {
            svc.metadata.uid = self.new_uid();
            svc.metadata.creation_timestamp = self.now;
            svc.metadata.generation = 1;
        }
        self.allocate_service_ips(&k, &mut svc)?;
        svc.metadata.resource_version = self.store.next_rv();
        self.request(who, verb, "services", &k.0, &k.1);
        self.sched.service_changed(Some(&svc), None);
        self.store.services.insert(k.clone(), svc);
        self.watch.service(k);
        Ok(())
    }

    fn allocate_service_ips(&mut self, k: &NsName, svc: &mut Service) -> Result<(), ApiError> {
        if !svc.spec.headless {
            match svc.spec.cluster_ip {
                Some(ip) => {
                    let n = u32::from(ip);
                    if self.cluster_ips.get(&n).is_some_and(|owner| owner != k) {
                        return Err(ApiError::Invalid {
                            kind: "Service".into(),
                            name: k.1.clone(),
                            detail: format!(
                                "spec.clusterIPs: Invalid value: []string{{\"{ip}\"}}: failed to allocate IP {ip}: provided IP is already allocated"
                            ),
                        });
                    }
                    self.cluster_ips.insert(n, k.clone());
                }
                None => {
                    let span = u64::from(CLUSTER_IP_LAST - CLUSTER_IP_FIRST) + 1;
                    let n = loop {
                        let n = CLUSTER_IP_FIRST + self.uid_rng.below(span) as u32;
                        if !self.cluster_ips.contains_key(&n) {
                            break n;
                        }
                    };
                    self.cluster_ips.insert(n, k.clone());
                    svc.spec.cluster_ip = Some(Ipv4Addr::from(n));
                }
            }
        }
        let wants_node_ports = !matches!(svc.spec.type_, crate::model::ServiceType::ClusterIP);
        for i in 0..svc.spec.ports.len() {
            if !wants_node_ports {
                svc.spec.ports[i].node_port = None;
                continue;
            }
            match svc.spec.ports[i].node_port {
                Some(p) => {
                    if !(30000..=32767).contains(&p) {
                        return Err(ApiError::Invalid {
                            kind: "Service".into(),
                            name: k.1.clone(),
                            detail: format!(
                                "spec.ports[{i}].nodePort: Invalid value: {p}: provided port is not in the valid range. The range of valid ports is 30000-32767"
                            ),
                        });
                    }
                    if self.node_ports.get(&p).is_some_and(|owner| owner != k) {
                        return Err(ApiError::Invalid {
                            kind: "Service".into(),
                            name: k.1.clone(),
                            detail: format!(
                                "spec.ports[{i}].nodePort: Invalid value: {p}: provided port is already allocated"
                            ),
                        });
                    }
                    self.node_ports.insert(p, k.clone());
                }
                None => {
                    let p = loop {
                        let p = 30000 + self.uid_rng.below(2768) as i32;
                        if !self.node_ports.contains_key(&p) {
                            break p;
                        }
                    };
                    self.node_ports.insert(p, k.clone());
                    svc.spec.ports[i].node_port = Some(p);
                }
            }
        }
        Ok(())
    }

    /// Deletes a Service and its EndpointSlices, releasing its IP and ports.
    pub(crate) fn delete_service(&mut self, who: &Component, ns: &str, name: &str) -> bool {
        let k = key(ns, name);
        let Some(svc) = self.store.services.remove(&k) else { return false };
        self.cluster_ips.retain(|_, owner| owner != &k);
        self.node_ports.retain(|_, owner| owner != &k);
        self.store.next_rv();
        self.request(who, Verb::Delete, "services", ns, name);
        self.sched.service_changed(None, Some(&svc));
        let slices: Vec<NsName> = self
            .store
            .endpoint_slices
            .iter()
            .filter(|(sk, s)| sk.0 == ns && s.metadata.labels.get(LABEL_SERVICE_NAME) == Some(name))
            .map(|(sk, _)| sk.clone())
            .collect();
        for sk in slices {
            self.delete_endpoint_slice(&Component::GarbageCollector, &sk.0, &sk.1);
        }
        self.watch.service(k);
        true
    }

    /// Creates or replaces an EndpointSlice.
    pub(crate) fn put_endpoint_slice(&mut self, who: &Component, verb: Verb, mut s: EndpointSlice) {
        if verb == Verb::Create {
            s.metadata.uid = self.new_uid();
            s.metadata.creation_timestamp = self.now;
        }
        s.metadata.resource_version = self.store.next_rv();
        let k = key(&s.metadata.namespace, &s.metadata.name);
        self.request(who, verb, "endpointslices", &k.0, &k.1);
        self.store.endpoint_slices.insert(k, s);
    }

    /// Deletes an EndpointSlice.
    pub(crate) fn delete_endpoint_slice(&mut self, who: &Component, ns: &str, name: &str) {
        if self.store.endpoint_slices.remove(&key(ns, name)).is_some() {
            self.store.next_rv();
            self.request(who, Verb::Delete, "endpointslices", ns, name);
        }
    }
}
