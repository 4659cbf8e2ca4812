//! The Deployment controller (`pkg/controller/deployment`): `syncDeployment`, the
//! RollingUpdate and Recreate rollouts, proportional scaling, revision history and cleanup,
//! status and the `Available` / `Progressing` conditions.

use super::{
    super::{
        api::Api,
        log::{Component, ObjRef, Verb},
        store::{NsName, key},
        timers::Task,
    },
    deployment_util::{self as util, reasons},
};
use crate::{
    model::{
        Deployment, EventType, ObjectMeta, OwnerReference, PodPhase, PodTemplateSpec, ReplicaSet,
        meta::{ANNOTATION_REVISION, LABEL_POD_TEMPLATE_HASH, LabelSelector},
        node::ConditionStatus,
        workload::{DeploymentStatus, DeploymentStrategy, ReplicaSetSpec},
    },
    time::SimTime,
};
use serde::{Deserialize, Serialize};

/// The controller (stateless between syncs).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct DeploymentController;

const ME: Component = Component::DeploymentController;

/// One sync's working set: the Deployment and its ReplicaSets, kept in step with the writes.
struct Ctx<'a> {
    api: &'a mut Api,
    d: Deployment,
    rss: Vec<ReplicaSet>,
}

impl DeploymentController {
    /// Reconciles every Deployment in `keys`.
    pub(crate) fn sync(&mut self, api: &mut Api, keys: impl IntoIterator<Item = NsName>) {
        for k in keys {
            sync_deployment(api, &k);
        }
    }
}

fn sync_deployment(api: &mut Api, k: &NsName) {
    let Some(d) = api.store.deployment(&k.0, &k.1).cloned() else { return };
    api.synced(&ME, ObjRef::new("Deployment", &k.0, &k.1));
    if d.metadata.deletion_timestamp.is_some() {
        return;
    }
    let rss: Vec<ReplicaSet> = api.store.replica_sets_owned_by(d.metadata.uid).cloned().collect();
    let mut cx = Ctx { api, d, rss };
    cx.check_paused_conditions();
    if cx.d.spec.paused {
        cx.sync_scale_and_status();
        return;
    }
    if cx.is_scaling_event() {
        cx.sync_scale_and_status();
        return;
    }
    match cx.d.spec.strategy {
        DeploymentStrategy::Recreate => cx.rollout_recreate(),
        DeploymentStrategy::RollingUpdate { .. } => cx.rollout_rolling(),
    }
}

impl Ctx<'_> {
    fn now(&self) -> SimTime {
        self.api.now
    }

    fn d_ref(&self) -> ObjRef {
        ObjRef::new("Deployment", &self.d.metadata.namespace, &self.d.metadata.name)
    }

    /// Index of the new ReplicaSet (template equal to the Deployment's), oldest first.
    fn find_new(&self) -> Option<usize> {
        let mut idx: Vec<usize> = (0..self.rss.len()).collect();
        idx.sort_by_key(|i| {
            (self.rss[*i].metadata.creation_timestamp, self.rss[*i].metadata.name.clone())
        });
        idx.into_iter()
            .find(|i| util::equal_ignore_hash(&self.rss[*i].spec.template, &self.d.spec.template))
    }

    fn old_indexes(&self, new: Option<usize>) -> Vec<usize> {
        (0..self.rss.len()).filter(|i| Some(*i) != new).collect()
    }

    fn write_status(&mut self, status: DeploymentStatus) {
        if status != self.d.status {
            self.d.status = status;
            let d = self.d.clone();
            self.api.put_deployment(&ME, Verb::Update, d);
        }
    }

    /// `checkPausedConditions`.
    fn check_paused_conditions(&mut self) {
        let now = self.now();
        let cond = util::condition(&self.d.status, "Progressing");
        let paused_exists = cond.is_some_and(|c| c.reason == reasons::PAUSED);
        let mut status = self.d.status.clone();
        if self.d.spec.paused && !paused_exists {
            let c = util::new_condition(
                "Progressing",
                ConditionStatus::Unknown,
                reasons::PAUSED,
                "Deployment is paused".into(),
                now,
            );
            util::set_condition(&mut status, c);
        } else if !self.d.spec.paused && paused_exists {
            let c = util::new_condition(
                "Progressing",
                ConditionStatus::Unknown,
                reasons::RESUMED,
                "Deployment is resumed".into(),
                now,
            );
            util::set_condition(&mut status, c);
        } else {
            return;
        }
        self.write_status(status);
    }

    /// `getAllReplicaSetsAndSyncRevision`: returns the new ReplicaSet's index, creating it
    /// if asked.
    fn new_rs(&mut self, create: bool) -> Option<usize> {
        let existing = self.find_new();
        let olds = self.old_indexes(existing);
        let max_old = olds.iter().map(|i| util::revision(&self.rss[*i])).max().unwrap_or(0);
        let new_revision = max_old + 1;
        if let Some(i) = existing {
            let mut rs = self.rss[i].clone();
            let mut changed = false;
            let current = util::revision(&rs);
            if current < new_revision {
                if current > 0 {
                    let hist = rs
                        .metadata
                        .annotations
                        .get(util::ANNOTATION_REVISION_HISTORY)
                        .map(str::to_owned);
                    let hist = match hist {
                        Some(h) if !h.is_empty() => format!("{h},{current}"),
                        _ => current.to_string(),
                    };
                    rs.metadata.annotations.insert(util::ANNOTATION_REVISION_HISTORY, hist);
                }
                rs.metadata.annotations.insert(ANNOTATION_REVISION, new_revision.to_string());
                changed = true;
            }
            if rs.spec.min_ready_seconds != self.d.spec.min_ready_seconds {
                rs.spec.min_ready_seconds = self.d.spec.min_ready_seconds;
                changed = true;
            }
            if changed {
                self.rss[i] = rs.clone();
                self.api.put_replica_set(&ME, Verb::Update, rs);
            }
            let rev = util::revision(&self.rss[i]).to_string();
            let mut d_changed = false;
            if self.d.metadata.annotations.get(ANNOTATION_REVISION) != Some(rev.as_str()) {
                self.d.metadata.annotations.insert(ANNOTATION_REVISION, rev);
                d_changed = true;
            }
            let mut status = self.d.status.clone();
            if util::condition(&status, "Progressing").is_none() {
                let msg = format!("Found new replica set \"{}\"", self.rss[i].metadata.name);
                util::set_condition(
                    &mut status,
                    util::new_condition(
                        "Progressing",
                        ConditionStatus::True,
                        reasons::FOUND_NEW_RS,
                        msg,
                        self.now(),
                    ),
                );
                d_changed = true;
            }
            if d_changed {
                self.d.status = status;
                let d = self.d.clone();
                self.api.put_deployment(&ME, Verb::Update, d);
            }
            return Some(i);
        }
        if !create {
            return None;
        }
        Some(self.create_new_rs(new_revision))
    }

    fn create_new_rs(&mut self, revision: i64) -> usize {
        let d = &self.d;
        let hash = util::pod_template_hash(&d.spec.template, 0);
        let mut template: PodTemplateSpec = d.spec.template.clone();
        template.metadata.labels.insert(LABEL_POD_TEMPLATE_HASH, hash.clone());
        let mut selector: LabelSelector = d.spec.selector.clone();
        selector.match_labels.insert(LABEL_POD_TEMPLATE_HASH, hash.clone());
        let mut meta =
            ObjectMeta::named(&d.metadata.namespace, &format!("{}-{hash}", d.metadata.name));
        meta.labels = template.metadata.labels.clone();
        meta.owner_references.push(OwnerReference {
            api_version: "apps/v1".into(),
            kind: "Deployment".into(),
            name: d.metadata.name.clone(),
            uid: d.metadata.uid,
            controller: true,
            block_owner_deletion: true,
        });
        meta.annotations.insert(ANNOTATION_REVISION, revision.to_string());
        let mut rs = ReplicaSet {
            metadata: meta,
            spec: ReplicaSetSpec {
                replicas: 0,
                min_ready_seconds: d.spec.min_ready_seconds,
                selector,
                template,
            },
            status: Default::default(),
        };
        let all: Vec<&ReplicaSet> = self.rss.iter().chain([&rs]).collect();
        let replicas = util::new_rs_new_replicas(d, &all, 0);
        rs.spec.replicas = replicas;
        util::set_replicas_annotations(
            &mut rs,
            d.spec.replicas,
            d.spec.replicas + util::max_surge(d),
        );
        let name = rs.metadata.name.clone();
        self.api.put_replica_set(&ME, Verb::Create, rs);
        let created = self.api.store.replica_set(&self.d.metadata.namespace, &name).cloned();
        let Some(created) = created else { return self.rss.len().saturating_sub(1) };
        let uid = self.d.metadata.uid;
        if replicas > 0 {
            let msg = format!("Scaled up replica set {name} from 0 to {replicas}");
            self.api.event(&ME, EventType::Normal, "ScalingReplicaSet", self.d_ref(), uid, msg);
        }
        self.rss.push(created);
        self.d.metadata.annotations.insert(ANNOTATION_REVISION, revision.to_string());
        let mut status = self.d.status.clone();
        let msg = format!("Created new replica set \"{name}\"");
        util::set_condition(
            &mut status,
            util::new_condition(
                "Progressing",
                ConditionStatus::True,
                reasons::NEW_RS_CREATED,
                msg,
                self.now(),
            ),
        );
        self.d.status = status;
        let d = self.d.clone();
        self.api.put_deployment(&ME, Verb::Update, d);
        self.rss.len() - 1
    }

    /// `scaleReplicaSet`: sets size and replica annotations; records ScalingReplicaSet.
    fn scale_rs(&mut self, i: usize, new_scale: i32) -> bool {
        let (desired, max) =
            (self.d.spec.replicas, self.d.spec.replicas + util::max_surge(&self.d));
        let mut rs = self.rss[i].clone();
        let old_scale = rs.spec.replicas;
        let size_changed = old_scale != new_scale;
        let ann_changed = util::set_replicas_annotations(&mut rs, desired, max);
        if !size_changed && !ann_changed {
            return false;
        }
        rs.spec.replicas = new_scale;
        if size_changed {
            rs.metadata.generation += 1;
        }
        let name = rs.metadata.name.clone();
        self.rss[i] = rs.clone();
        self.api.put_replica_set(&ME, Verb::Update, rs);
        if size_changed {
            let dir = if old_scale < new_scale { "up" } else { "down" };
            let msg = format!("Scaled {dir} replica set {name} from {old_scale} to {new_scale}");
            let uid = self.d.metadata.uid;
            self.api.event(&ME, EventType::Normal, "ScalingReplicaSet", self.d_ref(), uid, msg);
        }
        size_changed
    }

    fn refs(&self, idx: &[usize]) -> Vec<&ReplicaSet> {
        idx.iter().map(|i| &self.rss[*i]).collect()
    }

    fn active(&self, idx: &[usize]) -> Vec<usize> {
        idx.iter().copied().filter(|i| self.rss[*i].spec.replicas > 0).collect()
    }

    /// `isScalingEvent`.
    fn is_scaling_event(&mut self) -> bool {
        let new = self.new_rs(false);
        let all: Vec<usize> = (0..self.rss.len()).collect();
        let _ = new;
        self.active(&all).iter().any(|i| {
            util::desired_replicas_annotation(&self.rss[*i])
                .is_some_and(|v| v != self.d.spec.replicas)
        })
    }

    /// `sync`: scale (proportionally during a rollout), clean up when paused, write status.
    fn sync_scale_and_status(&mut self) {
        let new = self.new_rs(false);
        let olds = self.old_indexes(new);
        self.scale(new, &olds);
        if self.d.spec.paused {
            self.cleanup(&olds);
        }
        let new = self.find_new();
        let status = self.calculate_status(new);
        self.write_status(status);
    }

    /// `scale`.
    fn scale(&mut self, new: Option<usize>, olds: &[usize]) {
        // FindActiveOrLatest.
        let mut all: Vec<usize> = olds.to_vec();
        all.extend(new);
        let active = self.active(&all);
        let active_or_latest = match active.len() {
            0 => new.or_else(|| {
                olds.iter().copied().max_by_key(|i| {
                    (self.rss[*i].metadata.creation_timestamp, self.rss[*i].metadata.name.clone())
                })
            }),
            1 => Some(active[0]),
            _ => None,
        };
        if let Some(i) = active_or_latest {
            if self.rss[i].spec.replicas != self.d.spec.replicas {
                self.scale_rs(i, self.d.spec.replicas);
            }
            return;
        }
        // IsSaturated: the new ReplicaSet alone is fully available.
        if let Some(n) = new {
            let rs = &self.rss[n];
            let saturated = rs.spec.replicas == self.d.spec.replicas
                && util::desired_replicas_annotation(rs) == Some(self.d.spec.replicas)
                && rs.status.available_replicas == self.d.spec.replicas;
            if saturated {
                for i in self.active(olds) {
                    self.scale_rs(i, 0);
                }
                return;
            }
        }
        if !util::is_rolling(&self.d) {
            return;
        }
        let mut all = active;
        let current = util::spec_replicas(&self.refs(&all));
        let allowed = if self.d.spec.replicas > 0 {
            self.d.spec.replicas + util::max_surge(&self.d)
        } else {
            0
        };
        let to_add = allowed - current;
        // ReplicaSetsBySizeNewer when growing, BySizeOlder when shrinking.
        all.sort_by(|a, b| {
            let (ra, rb) = (&self.rss[*a], &self.rss[*b]);
            let by_size = rb.spec.replicas.cmp(&ra.spec.replicas);
            let by_age = ra.metadata.creation_timestamp.cmp(&rb.metadata.creation_timestamp);
            by_size.then(if to_add > 0 { by_age.reverse() } else { by_age })
        });
        let mut added = 0;
        let mut sizes: Vec<(usize, i32)> = Vec::new();
        for i in &all {
            let rs = &self.rss[*i];
            let p = if to_add != 0 { util::proportion(rs, &self.d, to_add, added) } else { 0 };
            added += p;
            sizes.push((*i, rs.spec.replicas + p));
        }
        if added != to_add
            && let Some(first) = sizes.first_mut()
        {
            first.1 = (first.1 + to_add - added).max(0);
        }
        for (i, size) in sizes {
            self.scale_rs(i, size);
        }
    }

    /// `calculateStatus`.
    fn calculate_status(&self, new: Option<usize>) -> DeploymentStatus {
        let all: Vec<&ReplicaSet> = self.rss.iter().collect();
        let available = util::available_replicas(&all);
        let total = util::spec_replicas(&all);
        let mut status = DeploymentStatus {
            observed_generation: self.d.metadata.generation,
            replicas: util::actual_replicas(&all),
            updated_replicas: new.map_or(0, |n| self.rss[n].status.replicas),
            ready_replicas: all.iter().map(|r| r.status.ready_replicas).sum(),
            available_replicas: available,
            unavailable_replicas: (total - available).max(0),
            conditions: self.d.status.conditions.clone(),
        };
        let now = self.now();
        let c = if available >= self.d.spec.replicas - util::max_unavailable(&self.d) {
            util::new_condition(
                "Available",
                ConditionStatus::True,
                reasons::MIN_AVAILABLE,
                "Deployment has minimum availability.".into(),
                now,
            )
        } else {
            util::new_condition(
                "Available",
                ConditionStatus::False,
                reasons::MIN_UNAVAILABLE,
                "Deployment does not have minimum availability.".into(),
                now,
            )
        };
        util::set_condition(&mut status, c);
        status
    }

    /// `syncRolloutStatus`.
    fn sync_rollout_status(&mut self, new: Option<usize>) {
        let now = self.now();
        let mut status = self.calculate_status(new);
        let current = util::condition(&self.d.status, "Progressing").cloned();
        let complete_before = status.replicas == status.updated_replicas
            && current.as_ref().is_some_and(|c| c.reason == reasons::NEW_RS_AVAILABLE);
        let rs_name = new.map(|n| self.rss[n].metadata.name.clone());
        if !complete_before {
            if util::deployment_complete(&self.d, &status) {
                let msg = format!(
                    "ReplicaSet \"{}\" has successfully progressed.",
                    rs_name.clone().unwrap_or_default()
                );
                util::set_condition(
                    &mut status,
                    util::new_condition(
                        "Progressing",
                        ConditionStatus::True,
                        reasons::NEW_RS_AVAILABLE,
                        msg,
                        now,
                    ),
                );
            } else if util::deployment_progressing(&self.d, &status) {
                let msg = match &rs_name {
                    Some(n) => format!("ReplicaSet \"{n}\" is progressing."),
                    None => "Deployment is progressing.".into(),
                };
                let mut c = util::new_condition(
                    "Progressing",
                    ConditionStatus::True,
                    reasons::RS_UPDATED,
                    msg,
                    now,
                );
                if let Some(cur) = &current
                    && cur.status == ConditionStatus::True
                    && cur.reason != reasons::NEW_RS_AVAILABLE
                {
                    c.last_transition_time = cur.last_transition_time;
                }
                status.conditions.retain(|x| x.type_ != "Progressing");
                util::set_condition(&mut status, c);
            } else if util::deployment_timed_out(&self.d, &status, now) {
                let msg = format!(
                    "ReplicaSet \"{}\" has timed out progressing.",
                    rs_name.unwrap_or_default()
                );
                util::set_condition(
                    &mut status,
                    util::new_condition(
                        "Progressing",
                        ConditionStatus::False,
                        reasons::TIMED_OUT,
                        msg,
                        now,
                    ),
                );
            }
        }
        self.requeue_if_stuck(&status);
        self.write_status(status);
    }

    /// `requeueStuckDeployment`: check again when the progress deadline passes.
    fn requeue_if_stuck(&mut self, status: &DeploymentStatus) {
        let Some(c) = util::condition(status, "Progressing") else { return };
        if util::deployment_complete(&self.d, status)
            || c.reason == reasons::NEW_RS_AVAILABLE
            || c.reason == reasons::TIMED_OUT
        {
            return;
        }
        let deadline = u64::try_from(self.d.spec.progress_deadline_seconds.max(0)).unwrap_or(600);
        let at = c.last_update_time.plus_secs(deadline).plus_millis(1);
        if at > self.now() {
            let k = key(&self.d.metadata.namespace, &self.d.metadata.name);
            self.api.timers.push(at, Task::DeploymentResync(k));
        }
    }

    /// `rolloutRolling`.
    fn rollout_rolling(&mut self) {
        let Some(new) = self.new_rs(true) else { return };
        let olds = self.old_indexes(Some(new));
        if self.reconcile_new(new) {
            self.sync_rollout_status(Some(new));
            return;
        }
        let active_olds = self.active(&olds);
        if self.reconcile_olds(new, &active_olds) {
            self.sync_rollout_status(Some(new));
            return;
        }
        if util::deployment_complete(&self.d, &self.d.status) {
            self.cleanup(&olds);
        }
        let new = self.find_new();
        self.sync_rollout_status(new);
    }

    /// `reconcileNewReplicaSet`.
    fn reconcile_new(&mut self, new: usize) -> bool {
        let want = self.d.spec.replicas;
        let have = self.rss[new].spec.replicas;
        if have == want {
            return false;
        }
        if have > want {
            return self.scale_rs(new, want);
        }
        let all: Vec<&ReplicaSet> = self.rss.iter().collect();
        let count = util::new_rs_new_replicas(&self.d, &all, have);
        self.scale_rs(new, count)
    }

    /// `reconcileOldReplicaSets`.
    fn reconcile_olds(&mut self, new: usize, olds: &[usize]) -> bool {
        let old_pods = util::spec_replicas(&self.refs(olds));
        if old_pods == 0 {
            return false;
        }
        let all: Vec<usize> = (0..self.rss.len()).collect();
        let all_pods = util::spec_replicas(&self.refs(&all));
        let min_available = self.d.spec.replicas - util::max_unavailable(&self.d);
        let new_rs = &self.rss[new];
        let new_unavailable = new_rs.spec.replicas - new_rs.status.available_replicas;
        let max_scaled_down = all_pods - min_available - new_unavailable;
        if max_scaled_down <= 0 {
            return false;
        }
        let cleaned = self.cleanup_unhealthy(olds, max_scaled_down);
        let scaled = self.scale_down_olds(olds);
        cleaned + scaled > 0
    }

    fn oldest_first(&self, idx: &[usize]) -> Vec<usize> {
        let mut v = idx.to_vec();
        v.sort_by(|a, b| {
            let (ra, rb) = (&self.rss[*a], &self.rss[*b]);
            (ra.metadata.creation_timestamp, &ra.metadata.name)
                .cmp(&(rb.metadata.creation_timestamp, &rb.metadata.name))
        });
        v
    }

    /// `cleanupUnhealthyReplicas`: scale old ReplicaSets down by their unavailable pods.
    fn cleanup_unhealthy(&mut self, olds: &[usize], max_cleanup: i32) -> i32 {
        let mut total = 0;
        for i in self.oldest_first(olds) {
            if total >= max_cleanup {
                break;
            }
            let rs = &self.rss[i];
            if rs.spec.replicas == 0 || rs.status.available_replicas == rs.spec.replicas {
                continue;
            }
            let down = (max_cleanup - total).min(rs.spec.replicas - rs.status.available_replicas);
            if down <= 0 {
                continue;
            }
            let target = rs.spec.replicas - down;
            self.scale_rs(i, target);
            total += down;
        }
        total
    }

    /// `scaleDownOldReplicaSetsForRollingUpdate`.
    fn scale_down_olds(&mut self, olds: &[usize]) -> i32 {
        let min_available = self.d.spec.replicas - util::max_unavailable(&self.d);
        let all: Vec<usize> = (0..self.rss.len()).collect();
        let available = util::available_replicas(&self.refs(&all));
        if available <= min_available {
            return 0;
        }
        let to_scale = available - min_available;
        let mut total = 0;
        for i in self.oldest_first(olds) {
            if total >= to_scale {
                break;
            }
            let replicas = self.rss[i].spec.replicas;
            if replicas == 0 {
                continue;
            }
            let down = replicas.min(to_scale - total);
            self.scale_rs(i, replicas - down);
            total += down;
        }
        total
    }

    /// `rolloutRecreate`: old pods all gone before the new ReplicaSet grows.
    fn rollout_recreate(&mut self) {
        let new = self.new_rs(false);
        let olds = self.old_indexes(new);
        let mut scaled = false;
        for i in self.active(&olds) {
            scaled |= self.scale_rs(i, 0);
        }
        if scaled {
            self.sync_rollout_status(new);
            return;
        }
        if self.old_pods_running(&olds) {
            self.sync_rollout_status(new);
            return;
        }
        let new = match new {
            Some(n) => n,
            None => match self.new_rs(true) {
                Some(n) => n,
                None => return,
            },
        };
        let olds = self.old_indexes(Some(new));
        if util::deployment_complete(&self.d, &self.d.status) {
            self.cleanup(&olds);
        }
        let Some(new) = self.find_new() else { return };
        let want = self.d.spec.replicas;
        self.scale_rs(new, want);
        self.sync_rollout_status(Some(new));
    }

    /// `oldPodsRunning`: any pod of an old ReplicaSet not yet terminal (terminating included).
    fn old_pods_running(&self, olds: &[usize]) -> bool {
        olds.iter().any(|i| {
            let rs = &self.rss[*i];
            rs.status.replicas > 0
                || self.api.store.pods_owned_by(rs.metadata.uid).any(|u| {
                    self.api.store.pod(u).is_some_and(|p| {
                        !matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed)
                    })
                })
        })
    }

    /// `cleanupDeployment`: delete old, empty ReplicaSets beyond `revisionHistoryLimit`.
    fn cleanup(&mut self, olds: &[usize]) {
        let limit = usize::try_from(self.d.spec.revision_history_limit.max(0)).unwrap_or(10);
        let mut cleanable: Vec<usize> = olds
            .iter()
            .copied()
            .filter(|i| self.rss[*i].metadata.deletion_timestamp.is_none())
            .collect();
        if cleanable.len() <= limit {
            return;
        }
        cleanable.sort_by_key(|i| {
            (util::revision(&self.rss[*i]), self.rss[*i].metadata.creation_timestamp)
        });
        let diff = cleanable.len() - limit;
        let mut doomed = Vec::new();
        for i in cleanable.into_iter().take(diff) {
            let rs = &self.rss[i];
            if rs.status.replicas != 0
                || rs.spec.replicas != 0
                || rs.metadata.generation > rs.status.observed_generation
            {
                continue;
            }
            doomed.push(rs.metadata.name.clone());
        }
        let ns = self.d.metadata.namespace.clone();
        for name in &doomed {
            self.api.delete_replica_set(&ME, &ns, name);
        }
        self.rss.retain(|r| !doomed.contains(&r.metadata.name));
    }
}
