//! `apps/v1` ReplicaSet and Deployment.

use super::{
    meta::{LabelSelector, ObjectMeta},
    node::ConditionStatus,
    pod::PodSpec,
};
use crate::time::SimTime;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// `v1.PodTemplateSpec`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodTemplateSpec {
    /// `metadata` (labels and annotations; names are generated).
    pub metadata: ObjectMeta,
    /// `spec`, shared with the pods made from it.
    pub spec: Arc<PodSpec>,
}

/// `intstr.IntOrString` (`maxSurge: 25%`, `targetPort: http`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IntOrString {
    /// An integer.
    Int(i32),
    /// A string: a percentage (`25%`) or a port name.
    String(String),
}

impl IntOrString {
    /// Resolves a count or percentage against `total`, rounding up or down as asked
    /// (`intstr.GetScaledValueFromIntOrPercent`). `None` for a string that is not `N%`.
    pub fn scaled_value(&self, total: i32, round_up: bool) -> Option<i32> {
        match self {
            IntOrString::Int(v) => Some(*v),
            IntOrString::String(s) => {
                let pct: i64 = s.strip_suffix('%')?.parse().ok()?;
                let product = pct * i64::from(total);
                let v =
                    if round_up { (product + 99).div_euclid(100) } else { product.div_euclid(100) };
                i32::try_from(v).ok()
            }
        }
    }
}

/// `apps/v1.ReplicaSet`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicaSet {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: ReplicaSetSpec,
    /// `status`.
    pub status: ReplicaSetStatus,
}

/// `apps/v1.ReplicaSetSpec`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicaSetSpec {
    /// `replicas` (default 1).
    pub replicas: i32,
    /// `minReadySeconds`.
    pub min_ready_seconds: i32,
    /// `selector`.
    pub selector: LabelSelector,
    /// `template`.
    pub template: PodTemplateSpec,
}

/// `apps/v1.ReplicaSetStatus`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicaSetStatus {
    /// `replicas`: active pods.
    pub replicas: i32,
    /// `fullyLabeledReplicas`.
    pub fully_labeled_replicas: i32,
    /// `readyReplicas`.
    pub ready_replicas: i32,
    /// `availableReplicas`: ready for at least `minReadySeconds`.
    pub available_replicas: i32,
    /// `observedGeneration`.
    pub observed_generation: u64,
}

/// `apps/v1.Deployment`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployment {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: DeploymentSpec,
    /// `status`.
    pub status: DeploymentStatus,
}

/// `apps/v1.DeploymentSpec`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentSpec {
    /// `replicas` (default 1).
    pub replicas: i32,
    /// `selector`.
    pub selector: LabelSelector,
    /// `template`.
    pub template: PodTemplateSpec,
    /// `strategy`.
    pub strategy: DeploymentStrategy,
    /// `minReadySeconds` (default 0).
    pub min_ready_seconds: i32,
    /// `revisionHistoryLimit` (default 10).
    pub revision_history_limit: i32,
    /// `progressDeadlineSeconds` (default 600).
    pub progress_deadline_seconds: i32,
    /// `paused`.
    pub paused: bool,
}

impl Default for DeploymentSpec {
    fn default() -> Self {
        DeploymentSpec {
            replicas: 1,
            selector: LabelSelector::default(),
            template: PodTemplateSpec::default(),
            strategy: DeploymentStrategy::default(),
            min_ready_seconds: 0,
            revision_history_limit: 10,
            progress_deadline_seconds: 600,
            paused: false,
        }
    }
}

/// `apps/v1.DeploymentStrategy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeploymentStrategy {
    /// `RollingUpdate` with `maxSurge` and `maxUnavailable` (both default `25%`).
    RollingUpdate {
        /// `maxSurge`.
        max_surge: IntOrString,
        /// `maxUnavailable`.
        max_unavailable: IntOrString,
    },
    /// `Recreate`: delete every old pod before creating new ones.
    Recreate,
}

impl Default for DeploymentStrategy {
    fn default() -> Self {
        DeploymentStrategy::RollingUpdate {
            max_surge: IntOrString::String("25%".into()),
            max_unavailable: IntOrString::String("25%".into()),
        }
    }
}

/// `apps/v1.DeploymentStatus`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentStatus {
    /// `observedGeneration`.
    pub observed_generation: u64,
    /// `replicas`: pods of all its ReplicaSets.
    pub replicas: i32,
    /// `updatedReplicas`: pods of the newest ReplicaSet.
    pub updated_replicas: i32,
    /// `readyReplicas`.
    pub ready_replicas: i32,
    /// `availableReplicas`.
    pub available_replicas: i32,
    /// `unavailableReplicas`.
    pub unavailable_replicas: i32,
    /// `conditions` (`Available`, `Progressing`).
    pub conditions: Vec<DeploymentCondition>,
}

/// `apps/v1.DeploymentCondition`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentCondition {
    /// `type`: `Available`, `Progressing` or `ReplicaFailure`.
    pub type_: String,
    /// `status`.
    pub status: ConditionStatus,
    /// `lastUpdateTime`.
    pub last_update_time: SimTime,
    /// `lastTransitionTime`.
    pub last_transition_time: SimTime,
    /// `reason` (e.g. `NewReplicaSetAvailable`, `MinimumReplicasAvailable`).
    pub reason: String,
    /// `message`.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fenceposts_round_like_upstream() {
        let pct = IntOrString::String("25%".into());
        // 10 replicas: surge rounds up to 3, unavailable down to 2.
        assert_eq!(pct.scaled_value(10, true), Some(3));
        assert_eq!(pct.scaled_value(10, false), Some(2));
        assert_eq!(pct.scaled_value(1, true), Some(1));
        assert_eq!(pct.scaled_value(1, false), Some(0));
        assert_eq!(IntOrString::String("x".into()).scaled_value(4, true), None);
    }
}
