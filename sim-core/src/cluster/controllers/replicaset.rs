//! The ReplicaSet controller (`pkg/controller/replicaset`).
//!
//! `syncReplicaSet`: list the active pods the ReplicaSet owns (adopting matching orphans),
//! and — once the expectations from its last creates and deletes are met (or 5 minutes old)
//! — create or delete the difference, at most 500 (`burstReplicas`) per sync. Creations go out
//! in slow-start batches of 1, 2, 4, … and stop at the first failed batch. Deletions pick
//! victims with `ActivePodsWithRanks.Less`, the 8-rule order of `controller_utils.go`.
//! Then write `status` (replicas, fullyLabeled, ready, available, observedGeneration).

use super::super::{
    api::Api,
    log::{Component, ObjRef, Verb},
    store::{NsName, key},
    timers::Task,
    watch::Observed,
};
use crate::{
    model::{
        EventType, ObjectMeta, OwnerReference, Pod, PodPhase, PodSpec, ReplicaSet, Uid,
        meta::ANNOTATION_POD_DELETION_COST, pod::PodConditionType,
    },
    time::SimTime,
};
use serde::{Deserialize, Serialize};
use std::{cmp::Ordering, collections::BTreeMap, sync::Arc};

/// `burstReplicas`.
pub const BURST_REPLICAS: usize = 500;
/// `ExpectationsTimeout`.
pub const EXPECTATIONS_TIMEOUT_MS: u64 = 5 * 60 * 1000;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Expectation {
    adds: i64,
    deletes: Vec<Uid>,
    set_at: SimTime,
}

/// The controller's state: expectations and a cache of admitted template specs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct ReplicaSetController {
    expectations: BTreeMap<NsName, Expectation>,
    /// Per ReplicaSet UID: (template spec, admitted spec), so every pod shares one spec.
    #[serde(skip)]
    admitted: BTreeMap<Uid, (Arc<PodSpec>, Arc<PodSpec>)>,
}

/// `IsPodActive`: not terminal and not being deleted.
pub fn is_pod_active(p: &Pod) -> bool {
    !matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed)
        && p.metadata.deletion_timestamp.is_none()
}

/// When the pod became Ready, if it is.
pub fn ready_since(p: &Pod) -> Option<SimTime> {
    p.status
        .condition(PodConditionType::Ready)
        .filter(|c| c.status == crate::model::node::ConditionStatus::True)
        .map(|c| c.last_transition_time)
}

/// `IsPodAvailable`: ready for at least `minReadySeconds`.
pub fn is_pod_available(p: &Pod, min_ready_seconds: i32, now: SimTime) -> bool {
    ready_since(p).is_some_and(|t| {
        min_ready_seconds <= 0 || t.plus_secs(u64::try_from(min_ready_seconds).unwrap_or(0)) <= now
    })
}

/// `slowStartBatch`: runs `f` `count` times in batches of `initial`, 2×, 4×, …; stops after
/// a batch with a failure. Returns the number of successes.
pub fn slow_start_batch(count: usize, initial: usize, mut f: impl FnMut() -> bool) -> usize {
    let (mut remaining, mut successes) = (count, 0);
    let mut batch = initial.min(remaining);
    while batch > 0 {
        let ok = (0..batch).filter(|_| f()).count();
        successes += ok;
        if ok < batch {
            break;
        }
        remaining -= batch;
        batch = (2 * batch).min(remaining);
    }
    successes
}

impl ReplicaSetController {
    /// Counts observed creations and deletions against expectations.
    pub(crate) fn observe(&mut self, observed: Vec<Observed>) {
        for o in observed {
            match o {
                Observed::Created(k) => {
                    if let Some(e) = self.expectations.get_mut(&k) {
                        e.adds -= 1;
                    }
                }
                Observed::Deleted(k, uid) => {
                    if let Some(e) = self.expectations.get_mut(&k) {
                        e.deletes.retain(|u| *u != uid);
                    }
                }
            }
        }
    }

    fn satisfied(&self, k: &NsName, now: SimTime) -> bool {
        self.expectations.get(k).is_none_or(|e| {
            (e.adds <= 0 && e.deletes.is_empty())
                || now.millis_since(e.set_at) > EXPECTATIONS_TIMEOUT_MS
        })
    }

    /// Reconciles every ReplicaSet in `keys`.
    pub(crate) fn sync(&mut self, api: &mut Api, keys: impl IntoIterator<Item = NsName>) {
        for k in keys {
            self.sync_one(api, &k);
        }
    }

    fn sync_one(&mut self, api: &mut Api, k: &NsName) {
        let Some(rs) = api.store.replica_set(&k.0, &k.1).cloned() else {
            self.expectations.remove(k);
            return;
        };
        let me = Component::ReplicaSetController;
        api.synced(&me, ObjRef::new("ReplicaSet", &k.0, &k.1));
        self.adopt_orphans(api, &rs);
        let now = api.now;
        let active: Vec<Uid> = api
            .store
            .pods_owned_by(rs.metadata.uid)
            .filter(|u| api.store.pod(*u).is_some_and(is_pod_active))
            .collect();
        if self.satisfied(k, now) && rs.metadata.deletion_timestamp.is_none() {
            let want = usize::try_from(rs.spec.replicas.max(0)).unwrap_or(0);
            if active.len() < want {
                self.create_pods(api, &rs, want - active.len());
            } else if active.len() > want {
                self.delete_pods(api, &rs, &active, active.len() - want);
            }
        }
        self.update_status(api, &rs);
    }

    /// Claims pods in the namespace that match the selector and have no controller.
    fn adopt_orphans(&mut self, api: &mut Api, rs: &ReplicaSet) {
        if rs.spec.selector.is_empty() {
            return;
        }
        let orphans: Vec<Uid> = api
            .watch
            .orphans
            .iter()
            .copied()
            .filter(|u| {
                api.store.pod(*u).is_some_and(|p| {
                    p.metadata.namespace == rs.metadata.namespace
                        && p.metadata.controller_ref().is_none()
                        && is_pod_active(p)
                        && rs.spec.selector.matches(&p.metadata.labels)
                })
            })
            .collect();
        let me = Component::ReplicaSetController;
        for uid in orphans {
            api.watch.orphans.remove(&uid);
            let owner = controller_ref(rs);
            api.update_pod(&me, uid, "pods", |p| p.metadata.owner_references.push(owner));
        }
    }

    fn admitted_spec(&mut self, api: &Api, rs: &ReplicaSet) -> Arc<PodSpec> {
        let template = &rs.spec.template.spec;
        if let Some((t, a)) = self.admitted.get(&rs.metadata.uid)
            && Arc::ptr_eq(t, template)
        {
            return Arc::clone(a);
        }
        let admitted =
            super::super::admission::admit_spec(template, api.timings.default_toleration_seconds);
        self.admitted.insert(rs.metadata.uid, (Arc::clone(template), Arc::clone(&admitted)));
        admitted
    }

    fn create_pods(&mut self, api: &mut Api, rs: &ReplicaSet, missing: usize) {
        let n = missing.min(BURST_REPLICAS);
        let k = key(&rs.metadata.namespace, &rs.metadata.name);
        self.expectations.insert(
            k.clone(),
            Expectation { adds: n as i64, deletes: Vec::new(), set_at: api.now },
        );
        let spec = self.admitted_spec(api, rs);
        let me = Component::ReplicaSetController;
        let rs_ref = ObjRef::new("ReplicaSet", &rs.metadata.namespace, &rs.metadata.name);
        let created = slow_start_batch(n, 1, || {
            let pod = pod_from_template(rs, Arc::clone(&spec));
            match api.create_pod(&me, pod) {
                Ok(uid) => {
                    let name =
                        api.store.pod(uid).map(|p| p.metadata.name.clone()).unwrap_or_default();
                    api.event(
                        &me,
                        EventType::Normal,
                        "SuccessfulCreate",
                        rs_ref.clone(),
                        rs.metadata.uid,
                        format!("Created pod: {name}"),
                    );
                    true
                }
                Err(e) => {
                    api.event(
                        &me,
                        EventType::Warning,
                        "FailedCreate",
                        rs_ref.clone(),
                        rs.metadata.uid,
                        format!("Error creating: {e}"),
                    );
                    false
                }
            }
        });
        if let Some(e) = self.expectations.get_mut(&k) {
            // Creations that were skipped or failed will never be observed.
            e.adds -= (n - created) as i64;
        }
        api.after(EXPECTATIONS_TIMEOUT_MS + 1, Task::ReplicaSetResync(k));
    }

    fn delete_pods(&mut self, api: &mut Api, rs: &ReplicaSet, active: &[Uid], extra: usize) {
        let n = extra.min(BURST_REPLICAS);
        let related = related_pods(api, rs);
        let pods: Vec<&Pod> = active.iter().filter_map(|u| api.store.pod(*u)).collect();
        let victims = pods_to_delete(&pods, &related, n, api.now);
        let k = key(&rs.metadata.namespace, &rs.metadata.name);
        self.expectations
            .insert(k.clone(), Expectation { adds: 0, deletes: victims.clone(), set_at: api.now });
        let me = Component::ReplicaSetController;
        let rs_ref = ObjRef::new("ReplicaSet", &rs.metadata.namespace, &rs.metadata.name);
        for uid in victims {
            let name = api.store.pod(uid).map(|p| p.metadata.name.clone()).unwrap_or_default();
            if api.delete_pod(&me, uid, None) {
                api.event(
                    &me,
                    EventType::Normal,
                    "SuccessfulDelete",
                    rs_ref.clone(),
                    rs.metadata.uid,
                    format!("Deleted pod: {name}"),
                );
            }
        }
        api.after(EXPECTATIONS_TIMEOUT_MS + 1, Task::ReplicaSetResync(k));
    }

    fn update_status(&mut self, api: &mut Api, rs: &ReplicaSet) {
        let now = api.now;
        let (mut replicas, mut labeled, mut ready, mut available) = (0, 0, 0, 0);
        let mut next_available: Option<SimTime> = None;
        let min_ready = rs.spec.min_ready_seconds;
        for p in api.store.pods_owned_by(rs.metadata.uid).filter_map(|u| api.store.pod(u)) {
            if !is_pod_active(p) {
                continue;
            }
            replicas += 1;
            if rs.spec.template.metadata.labels.is_subset_of(&p.metadata.labels) {
                labeled += 1;
            }
            if let Some(since) = ready_since(p) {
                ready += 1;
                if is_pod_available(p, min_ready, now) {
                    available += 1;
                } else {
                    let at = since.plus_secs(u64::try_from(min_ready).unwrap_or(0));
                    next_available = Some(next_available.map_or(at, |n: SimTime| n.min(at)));
                }
            }
        }
        let s = &rs.status;
        let changed = (
            s.replicas,
            s.fully_labeled_replicas,
            s.ready_replicas,
            s.available_replicas,
            s.observed_generation,
        ) != (replicas, labeled, ready, available, rs.metadata.generation);
        if changed {
            let mut updated = rs.clone();
            updated.status.replicas = replicas;
            updated.status.fully_labeled_replicas = labeled;
            updated.status.ready_replicas = ready;
            updated.status.available_replicas = available;
            updated.status.observed_generation = rs.metadata.generation;
            api.put_replica_set(&Component::ReplicaSetController, Verb::Update, updated);
        }
        if let Some(at) = next_available {
            let k = key(&rs.metadata.namespace, &rs.metadata.name);
            api.timers.push(at, Task::ReplicaSetResync(k));
        }
    }
}

/// The controller ownerReference for `rs`.
pub fn controller_ref(rs: &ReplicaSet) -> OwnerReference {
    OwnerReference {
        api_version: "apps/v1".into(),
        kind: "ReplicaSet".into(),
        name: rs.metadata.name.clone(),
        uid: rs.metadata.uid,
        controller: true,
        block_owner_deletion: true,
    }
}

/// `GetPodFromTemplate`: a new pod named `<rs>-xxxxx` with the template's labels.
pub fn pod_from_template(rs: &ReplicaSet, spec: Arc<PodSpec>) -> Pod {
    let t = &rs.spec.template.metadata;
    Pod {
        metadata: ObjectMeta {
            generate_name: format!("{}-", rs.metadata.name),
            namespace: rs.metadata.namespace.clone(),
            labels: t.labels.clone(),
            annotations: t.annotations.clone(),
            owner_references: vec![controller_ref(rs)],
            ..Default::default()
        },
        spec,
        node_name: String::new(),
        status: Default::default(),
    }
}

/// Active pods of every ReplicaSet owned by the same Deployment (or of `rs` alone).
fn related_pods(api: &Api, rs: &ReplicaSet) -> Vec<(String, bool)> {
    let owners: Vec<Uid> = match rs.metadata.controller_ref() {
        Some(d) => api.store.replica_sets_owned_by(d.uid).map(|r| r.metadata.uid).collect(),
        None => vec![rs.metadata.uid],
    };
    owners
        .into_iter()
        .flat_map(|o| api.store.pods_owned_by(o))
        .filter_map(|u| api.store.pod(u))
        .map(|p| (p.node_name.clone(), is_pod_active(p)))
        .collect()
}

/// `getPodsToDelete`: the first `n` of `pods` after ranking (all of them, unranked, when
/// every pod goes).
pub fn pods_to_delete(
    pods: &[&Pod],
    related: &[(String, bool)],
    n: usize,
    now: SimTime,
) -> Vec<Uid> {
    let mut ranked: Vec<(&Pod, usize)> = pods
        .iter()
        .map(|p| {
            let rank =
                related.iter().filter(|(node, active)| *active && *node == p.node_name).count();
            (*p, rank)
        })
        .collect();
    if n < pods.len() {
        ranked.sort_by(|a, b| compare_for_deletion(a, b, now));
    }
    ranked.into_iter().take(n).map(|(p, _)| p.metadata.uid).collect()
}

fn phase_ordinal(p: PodPhase) -> u8 {
    match p {
        PodPhase::Pending => 0,
        PodPhase::Unknown => 1,
        PodPhase::Running => 2,
        _ => 3,
    }
}

fn deletion_cost(p: &Pod) -> i32 {
    p.metadata
        .annotations
        .get(ANNOTATION_POD_DELETION_COST)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn max_restarts(p: &Pod) -> i32 {
    p.status.container_statuses.iter().map(|c| c.restart_count).max().unwrap_or(0)
}

/// `floor(log2(now - t))` with the duration in nanoseconds, as upstream (times truncated to
/// seconds, the precision of `metav1.Time`).
fn log2_bucket(t: SimTime, now: SimTime) -> i64 {
    let t_ms = t.as_millis() / 1000 * 1000;
    let d_ns = now.as_millis().saturating_sub(t_ms) as f64 * 1e6;
    if d_ns > 0.0 { d_ns.log2() as i64 } else { -1 }
}

/// `ActivePodsWithRanks.Less` as an ordering: `Less` first.
pub fn compare_for_deletion(a: &(&Pod, usize), b: &(&Pod, usize), now: SimTime) -> Ordering {
    let (pa, ra) = (a.0, a.1);
    let (pb, rb) = (b.0, b.1);
    // 1. Unassigned before assigned.
    if pa.node_name != pb.node_name && (pa.node_name.is_empty() || pb.node_name.is_empty()) {
        return if pa.node_name.is_empty() { Ordering::Less } else { Ordering::Greater };
    }
    // 2. Pending < Unknown < Running.
    let (oa, ob) = (phase_ordinal(pa.status.phase), phase_ordinal(pb.status.phase));
    if oa != ob {
        return oa.cmp(&ob);
    }
    // 3. Not ready before ready.
    let (ready_a, ready_b) = (ready_since(pa), ready_since(pb));
    if ready_a.is_some() != ready_b.is_some() {
        return if ready_a.is_none() { Ordering::Less } else { Ordering::Greater };
    }
    // 4. Lower pod-deletion-cost first.
    let (ca, cb) = (deletion_cost(pa), deletion_cost(pb));
    if ca != cb {
        return ca.cmp(&cb);
    }
    // 5. More related pods on the same node first.
    if ra != rb {
        return rb.cmp(&ra);
    }
    // 6. Ready more recently first, in log2 buckets, UID breaking ties.
    if let (Some(ta), Some(tb)) = (ready_a, ready_b)
        && ta.as_millis() / 1000 != tb.as_millis() / 1000
    {
        let diff = log2_bucket(ta, now) - log2_bucket(tb, now);
        return if diff == 0 { pa.metadata.uid.cmp(&pb.metadata.uid) } else { diff.cmp(&0) };
    }
    // 7. Higher restart count first.
    let (ma, mb) = (max_restarts(pa), max_restarts(pb));
    if ma != mb {
        return mb.cmp(&ma);
    }
    // 8. Newer first, in log2 buckets, UID breaking ties.
    let (ca, cb) = (pa.metadata.creation_timestamp, pb.metadata.creation_timestamp);
    if ca.as_millis() / 1000 != cb.as_millis() / 1000 {
        let diff = log2_bucket(ca, now) - log2_bucket(cb, now);
        return if diff == 0 { pa.metadata.uid.cmp(&pb.metadata.uid) } else { diff.cmp(&0) };
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        node::ConditionStatus,
        pod::{ContainerStatus, PodCondition},
    };

    struct P {
        name: &'static str,
        node: &'static str,
        phase: PodPhase,
        ready_since_s: Option<u64>,
        cost: Option<i32>,
        restarts: i32,
        created_s: u64,
        uid: u128,
    }

    fn pod(p: &P) -> Pod {
        let mut pod = Pod::default();
        pod.metadata.name = p.name.into();
        pod.metadata.uid = Uid(p.uid);
        pod.metadata.creation_timestamp = SimTime::from_secs(p.created_s);
        if let Some(c) = p.cost {
            pod.metadata.annotations.insert(ANNOTATION_POD_DELETION_COST, c.to_string());
        }
        pod.node_name = p.node.into();
        pod.status.phase = p.phase;
        if let Some(t) = p.ready_since_s {
            pod.status.conditions.push(PodCondition {
                type_: PodConditionType::Ready,
                status: ConditionStatus::True,
                last_transition_time: SimTime::from_secs(t),
                reason: String::new(),
                message: String::new(),
            });
        }
        pod.status
            .container_statuses
            .push(ContainerStatus { restart_count: p.restarts, ..Default::default() });
        pod
    }

    fn base(name: &'static str, uid: u128) -> P {
        P {
            name,
            node: "n1",
            phase: PodPhase::Running,
            ready_since_s: Some(100),
            cost: None,
            restarts: 0,
            created_s: 50,
            uid,
        }
    }

    /// Each case: two pods; the first must be deleted before the second.
    #[test]
    fn ranking_rules_in_order() {
        let now = SimTime::from_secs(10_000);
        let cases: Vec<(&str, P, P)> = vec![
            ("1 unassigned first", P { node: "", ..base("a", 1) }, base("b", 2)),
            (
                "2 pending before running",
                P { phase: PodPhase::Pending, ready_since_s: None, ..base("a", 2) },
                base("b", 1),
            ),
            ("3 not ready first", P { ready_since_s: None, ..base("a", 2) }, base("b", 1)),
            ("4 lower deletion cost first", P { cost: Some(-5), ..base("a", 2) }, base("b", 1)),
            (
                "6 ready more recently first",
                P { ready_since_s: Some(9_000), ..base("a", 2) },
                P { ready_since_s: Some(100), ..base("b", 1) },
            ),
            (
                "6 same log2 bucket: uid order",
                P { ready_since_s: Some(9_990), ..base("a", 1) },
                P { ready_since_s: Some(9_991), ..base("b", 2) },
            ),
            ("7 more restarts first", P { restarts: 3, ..base("a", 2) }, base("b", 1)),
            (
                "8 newer first",
                P { created_s: 9_000, ..base("a", 2) },
                P { created_s: 10, ..base("b", 1) },
            ),
        ];
        for (name, a, b) in cases {
            let (pa, pb) = (pod(&a), pod(&b));
            assert_eq!(compare_for_deletion(&(&pa, 1), &(&pb, 1), now), Ordering::Less, "{name}");
            assert_eq!(
                compare_for_deletion(&(&pb, 1), &(&pa, 1), now),
                Ordering::Greater,
                "{name} (reversed)"
            );
        }
        // 5: more related pods on the same node first, before readiness age.
        let (pa, pb) = (pod(&base("a", 2)), pod(&P { ready_since_s: Some(9_999), ..base("b", 1) }));
        assert_eq!(
            compare_for_deletion(&(&pa, 3), &(&pb, 1), now),
            Ordering::Less,
            "5 doubled-up first"
        );
    }

    #[test]
    fn pods_to_delete_prefers_doubled_up_nodes() {
        let now = SimTime::from_secs(1000);
        let pods: Vec<Pod> = [("a", "n1", 1), ("b", "n1", 2), ("c", "n2", 3)]
            .into_iter()
            .map(|(name, node, uid)| pod(&P { node, ..base(name, uid) }))
            .collect();
        let refs: Vec<&Pod> = pods.iter().collect();
        let related: Vec<(String, bool)> =
            pods.iter().map(|p| (p.node_name.clone(), true)).collect();
        let victims = pods_to_delete(&refs, &related, 1, now);
        assert!(victims == vec![Uid(1)] || victims == vec![Uid(2)], "a pod from n1: {victims:?}");
        assert_eq!(pods_to_delete(&refs, &related, 3, now).len(), 3);
    }

    #[test]
    fn slow_start_stops_after_a_failed_batch() {
        let mut calls = 0;
        assert_eq!(
            slow_start_batch(10, 1, || {
                calls += 1;
                true
            }),
            10
        );
        assert_eq!(calls, 10);
        // Batches 1, 2, 4: the 5th call fails, so the batch of 4 finishes and nothing more runs.
        let mut n = 0;
        let ok = slow_start_batch(20, 1, || {
            n += 1;
            n != 5
        });
        assert_eq!((ok, n), (6, 7));
    }
}
