//! Pure helpers of the Deployment controller (`pkg/controller/deployment/util`): fenceposts,
//! replica arithmetic, proportions, template hashing and conditions.

use crate::{
    model::{
        Deployment, PodTemplateSpec, ReplicaSet,
        meta::{ANNOTATION_REVISION, LABEL_POD_TEMPLATE_HASH},
        node::ConditionStatus,
        workload::{DeploymentCondition, DeploymentStatus, DeploymentStrategy},
    },
    time::SimTime,
};

/// `deployment.kubernetes.io/desired-replicas`.
pub const ANNOTATION_DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
/// `deployment.kubernetes.io/max-replicas`.
pub const ANNOTATION_MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
/// `deployment.kubernetes.io/revision-history`.
pub const ANNOTATION_REVISION_HISTORY: &str = "deployment.kubernetes.io/revision-history";

/// `ResolveFenceposts`: (surge rounded up, unavailable rounded down); both zero becomes
/// unavailable 1.
pub fn resolve_fenceposts(d: &Deployment) -> (i32, i32) {
    let DeploymentStrategy::RollingUpdate { max_surge, max_unavailable } = &d.spec.strategy else {
        return (0, 0);
    };
    let replicas = d.spec.replicas;
    let surge = max_surge.scaled_value(replicas, true).unwrap_or(0).max(0);
    let unavailable = max_unavailable.scaled_value(replicas, false).unwrap_or(0).max(0);
    if surge == 0 && unavailable == 0 { (0, 1) } else { (surge, unavailable) }
}

/// `MaxSurge`.
pub fn max_surge(d: &Deployment) -> i32 {
    if !is_rolling(d) {
        return 0;
    }
    resolve_fenceposts(d).0
}

/// `MaxUnavailable`.
pub fn max_unavailable(d: &Deployment) -> i32 {
    if !is_rolling(d) || d.spec.replicas == 0 {
        return 0;
    }
    resolve_fenceposts(d).1.min(d.spec.replicas)
}

/// Whether the strategy is RollingUpdate.
pub fn is_rolling(d: &Deployment) -> bool {
    matches!(d.spec.strategy, DeploymentStrategy::RollingUpdate { .. })
}

/// `GetReplicaCountForReplicaSets`: Σ spec.replicas.
pub fn spec_replicas(rss: &[&ReplicaSet]) -> i32 {
    rss.iter().map(|r| r.spec.replicas).sum()
}

/// `GetActualReplicaCountForReplicaSets`: Σ status.replicas.
pub fn actual_replicas(rss: &[&ReplicaSet]) -> i32 {
    rss.iter().map(|r| r.status.replicas).sum()
}

/// `GetAvailableReplicaCountForReplicaSets`: Σ status.availableReplicas.
pub fn available_replicas(rss: &[&ReplicaSet]) -> i32 {
    rss.iter().map(|r| r.status.available_replicas).sum()
}

/// `NewRSNewReplicas`: how big the new ReplicaSet may be now.
pub fn new_rs_new_replicas(d: &Deployment, all: &[&ReplicaSet], new_rs_replicas: i32) -> i32 {
    if !is_rolling(d) {
        return d.spec.replicas;
    }
    let max_total = d.spec.replicas + max_surge(d);
    let current = spec_replicas(all);
    if current >= max_total {
        return new_rs_replicas;
    }
    let scale_up = (max_total - current).min(d.spec.replicas - new_rs_replicas);
    new_rs_replicas + scale_up
}

/// The `deployment.kubernetes.io/revision` of a ReplicaSet (0 if absent).
pub fn revision(rs: &ReplicaSet) -> i64 {
    rs.metadata.annotations.get(ANNOTATION_REVISION).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn annotation_i32(rs: &ReplicaSet, key: &str) -> Option<i32> {
    rs.metadata.annotations.get(key).and_then(|v| v.parse().ok())
}

/// `desired-replicas` annotation.
pub fn desired_replicas_annotation(rs: &ReplicaSet) -> Option<i32> {
    annotation_i32(rs, ANNOTATION_DESIRED_REPLICAS)
}

/// `SetReplicasAnnotations`: returns whether anything changed.
pub fn set_replicas_annotations(rs: &mut ReplicaSet, desired: i32, max: i32) -> bool {
    let mut changed = false;
    for (k, v) in [(ANNOTATION_DESIRED_REPLICAS, desired), (ANNOTATION_MAX_REPLICAS, max)] {
        let v = v.to_string();
        if rs.metadata.annotations.get(k) != Some(v.as_str()) {
            rs.metadata.annotations.insert(k, v);
            changed = true;
        }
    }
    changed
}

/// `getReplicaSetFraction` + `GetProportion`.
pub fn proportion(rs: &ReplicaSet, d: &Deployment, to_add: i32, added: i32) -> i32 {
    if rs.spec.replicas == 0 || to_add == 0 || to_add == added {
        return 0;
    }
    let fraction = if d.spec.replicas == 0 {
        -rs.spec.replicas
    } else {
        let max_now = d.spec.replicas + max_surge(d);
        let before = annotation_i32(rs, ANNOTATION_MAX_REPLICAS)
            .filter(|v| *v != 0)
            .unwrap_or(d.status.replicas);
        if before == 0 {
            0
        } else {
            let size = f64::from(rs.spec.replicas) * f64::from(max_now) / f64::from(before);
            size.round() as i32 - rs.spec.replicas
        }
    };
    let allowed = to_add - added;
    if to_add > 0 { fraction.min(allowed) } else { fraction.max(allowed) }
}

/// `EqualIgnoreHash`: templates equal apart from the `pod-template-hash` label.
pub fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    let strip = |t: &PodTemplateSpec| {
        let mut labels = t.metadata.labels.clone();
        labels.remove(LABEL_POD_TEMPLATE_HASH);
        labels
    };
    strip(a) == strip(b) && a.metadata.annotations == b.metadata.annotations && a.spec == b.spec
}

/// `ComputeHash`: FNV-32a of the template (and collision count), encoded with the
/// `SafeEncodeString` alphabet.
///
/// Simplified: upstream hashes the `spew` dump of the Go struct; the simulator hashes its own
/// canonical JSON, so the values differ from a real cluster's while behaving the same.
pub fn pod_template_hash(t: &PodTemplateSpec, collision_count: u32) -> String {
    let text = serde_json::to_string(t).unwrap_or_default();
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes().chain(collision_count.to_le_bytes()) {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    h.to_string().bytes().map(|b| char::from(ALPHABET[usize::from(b) % ALPHABET.len()])).collect()
}

/// `DeploymentComplete`.
pub fn deployment_complete(d: &Deployment, s: &DeploymentStatus) -> bool {
    s.updated_replicas == d.spec.replicas
        && s.replicas == d.spec.replicas
        && s.available_replicas == d.spec.replicas
        && s.observed_generation >= d.metadata.generation
}

/// `DeploymentProgressing`.
pub fn deployment_progressing(d: &Deployment, new: &DeploymentStatus) -> bool {
    let old = &d.status;
    let old_old = old.replicas - old.updated_replicas;
    let new_old = new.replicas - new.updated_replicas;
    new.updated_replicas > old.updated_replicas
        || new_old < old_old
        || new.ready_replicas > old.ready_replicas
        || new.available_replicas > old.available_replicas
}

/// Condition reasons (`deployment_util.go`).
pub mod reasons {
    /// Progressing=True after creating the new ReplicaSet.
    pub const NEW_RS_CREATED: &str = "NewReplicaSetCreated";
    /// Progressing=True when the new ReplicaSet exists already.
    pub const FOUND_NEW_RS: &str = "FoundNewReplicaSet";
    /// Progressing=True while the rollout advances.
    pub const RS_UPDATED: &str = "ReplicaSetUpdated";
    /// Progressing=True when the rollout finished.
    pub const NEW_RS_AVAILABLE: &str = "NewReplicaSetAvailable";
    /// Progressing=False after `progressDeadlineSeconds` without progress.
    pub const TIMED_OUT: &str = "ProgressDeadlineExceeded";
    /// Progressing=Unknown while paused.
    pub const PAUSED: &str = "DeploymentPaused";
    /// Progressing=Unknown after a resume.
    pub const RESUMED: &str = "DeploymentResumed";
    /// Available=True.
    pub const MIN_AVAILABLE: &str = "MinimumReplicasAvailable";
    /// Available=False.
    pub const MIN_UNAVAILABLE: &str = "MinimumReplicasUnavailable";
}

/// `DeploymentTimedOut`.
pub fn deployment_timed_out(d: &Deployment, s: &DeploymentStatus, now: SimTime) -> bool {
    let Some(c) = condition(s, "Progressing") else { return false };
    if c.reason == reasons::NEW_RS_AVAILABLE {
        return false;
    }
    if c.reason == reasons::TIMED_OUT {
        return true;
    }
    let deadline = u64::try_from(d.spec.progress_deadline_seconds.max(0)).unwrap_or(600);
    c.last_update_time.plus_secs(deadline) < now
}

/// The condition of `type_`.
pub fn condition<'a>(s: &'a DeploymentStatus, type_: &str) -> Option<&'a DeploymentCondition> {
    s.conditions.iter().find(|c| c.type_ == type_)
}

/// `NewDeploymentCondition`.
pub fn new_condition(
    type_: &str,
    status: ConditionStatus,
    reason: &str,
    message: String,
    now: SimTime,
) -> DeploymentCondition {
    DeploymentCondition {
        type_: type_.to_owned(),
        status,
        last_update_time: now,
        last_transition_time: now,
        reason: reason.to_owned(),
        message,
    }
}

/// `SetDeploymentCondition`: no-op for the same status and reason; keeps the transition time
/// when only the reason changes.
pub fn set_condition(s: &mut DeploymentStatus, mut c: DeploymentCondition) {
    if let Some(cur) = condition(s, &c.type_) {
        if cur.status == c.status && cur.reason == c.reason {
            return;
        }
        if cur.status == c.status {
            c.last_transition_time = cur.last_transition_time;
        }
    }
    s.conditions.retain(|x| x.type_ != c.type_);
    s.conditions.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IntOrString;

    fn deployment(replicas: i32, surge: &str, unavailable: &str) -> Deployment {
        let mut d = Deployment::default();
        d.spec.replicas = replicas;
        d.spec.strategy = DeploymentStrategy::RollingUpdate {
            max_surge: IntOrString::String(surge.into()),
            max_unavailable: IntOrString::String(unavailable.into()),
        };
        d
    }

    #[test]
    fn fenceposts_match_the_reference_examples() {
        let cases = [(1, (1, 0)), (3, (1, 0)), (4, (1, 1)), (10, (3, 2)), (100, (25, 25))];
        for (replicas, want) in cases {
            assert_eq!(resolve_fenceposts(&deployment(replicas, "25%", "25%")), want, "{replicas}");
        }
        assert_eq!(resolve_fenceposts(&deployment(10, "0%", "0%")), (0, 1));
        let mut d = deployment(10, "0", "0");
        d.spec.strategy = DeploymentStrategy::RollingUpdate {
            max_surge: IntOrString::Int(0),
            max_unavailable: IntOrString::Int(0),
        };
        assert_eq!(resolve_fenceposts(&d), (0, 1));
        d.spec.strategy = DeploymentStrategy::Recreate;
        assert_eq!((max_surge(&d), max_unavailable(&d)), (0, 0));
    }

    fn rs(replicas: i32, max_annotation: Option<i32>) -> ReplicaSet {
        let mut r = ReplicaSet::default();
        r.spec.replicas = replicas;
        if let Some(m) = max_annotation {
            r.metadata.annotations.insert(ANNOTATION_MAX_REPLICAS, m.to_string());
        }
        r
    }

    #[test]
    fn new_replica_set_growth_respects_surge() {
        let d = deployment(10, "25%", "25%");
        let old = rs(10, None);
        let new = rs(0, None);
        assert_eq!(new_rs_new_replicas(&d, &[&old, &new], 0), 3);
        let new = rs(3, None);
        let old = rs(8, None);
        // 11 of 13 allowed: 2 more.
        assert_eq!(new_rs_new_replicas(&d, &[&old, &new], 3), 5);
    }

    #[test]
    fn proportional_scaling_doc_example() {
        // deployment.md: 10 → 15 replicas mid-rollout with 8 old + 5 new (maxSurge 3).
        let mut d = deployment(15, "3", "2");
        d.spec.strategy = DeploymentStrategy::RollingUpdate {
            max_surge: IntOrString::Int(3),
            max_unavailable: IntOrString::Int(2),
        };
        let old = rs(8, Some(13));
        let new = rs(5, Some(13));
        // allowed 18, have 13: add 5, shared 8/13 and 5/13 of the growth.
        let to_add = 5;
        let p_old = proportion(&old, &d, to_add, 0);
        let p_new = proportion(&new, &d, to_add, p_old);
        assert_eq!((p_old, p_new), (3, 2));
    }

    #[test]
    fn template_hash_is_stable_and_sensitive() {
        let mut t = PodTemplateSpec::default();
        let a = pod_template_hash(&t, 0);
        assert_eq!(a, pod_template_hash(&t, 0));
        assert_ne!(a, pod_template_hash(&t, 1));
        t.metadata.labels.insert("app", "web");
        assert_ne!(a, pod_template_hash(&t, 0));
        assert!(a.bytes().all(|b| b"bcdfghjklmnpqrstvwxz2456789".contains(&b)));
    }
}
