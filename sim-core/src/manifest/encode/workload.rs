//! `apps/v1` Deployment and ReplicaSet on the wire.

use super::{
    meta::{header, label_selector, template_meta},
    pod::pod_spec,
    value::{Obj, Value},
};
use crate::{
    manifest::timestamp,
    model::{
        IntOrString,
        workload::{
            Deployment, DeploymentCondition, DeploymentStrategy, PodTemplateSpec, ReplicaSet,
        },
    },
};

fn int_or_string(v: &IntOrString) -> Value {
    match v {
        IntOrString::Int(i) => Value::from(*i),
        IntOrString::String(s) => Value::from(s),
    }
}

fn template(t: &PodTemplateSpec) -> Value {
    Obj::new()
        .put("metadata", template_meta(&t.metadata))
        .put("spec", pod_spec(&t.spec, "", false))
        .build()
}

/// A Deployment.
pub(crate) fn deployment(d: &Deployment) -> Value {
    let strategy = match &d.spec.strategy {
        DeploymentStrategy::Recreate => Obj::new().put("type", "Recreate").build(),
        DeploymentStrategy::RollingUpdate { max_surge, max_unavailable } => Obj::new()
            .put(
                "rollingUpdate",
                Obj::new()
                    .put("maxSurge", int_or_string(max_surge))
                    .put("maxUnavailable", int_or_string(max_unavailable))
                    .build(),
            )
            .put("type", "RollingUpdate")
            .build(),
    };
    let spec = Obj::new()
        .put("replicas", d.spec.replicas)
        .put("selector", label_selector(&d.spec.selector))
        .put("template", template(&d.spec.template))
        .put("strategy", strategy)
        .int("minReadySeconds", i64::from(d.spec.min_ready_seconds))
        .put("revisionHistoryLimit", d.spec.revision_history_limit)
        .flag("paused", d.spec.paused)
        .put("progressDeadlineSeconds", d.spec.progress_deadline_seconds)
        .build();
    let s = &d.status;
    let status = Obj::new()
        .int("observedGeneration", i64::try_from(s.observed_generation).unwrap_or(i64::MAX))
        .int("replicas", i64::from(s.replicas))
        .int("updatedReplicas", i64::from(s.updated_replicas))
        .int("readyReplicas", i64::from(s.ready_replicas))
        .int("availableReplicas", i64::from(s.available_replicas))
        .int("unavailableReplicas", i64::from(s.unavailable_replicas))
        .coll("conditions", Value::Array(s.conditions.iter().map(condition).collect()))
        .build();
    header("apps/v1", "Deployment", &d.metadata).put("spec", spec).put("status", status).build()
}

fn condition(c: &DeploymentCondition) -> Value {
    Obj::new()
        .put("type", &c.type_)
        .put("status", c.status.as_str())
        .put("lastUpdateTime", timestamp::format(c.last_update_time))
        .put("lastTransitionTime", timestamp::format(c.last_transition_time))
        .str("reason", &c.reason)
        .str("message", &c.message)
        .build()
}

/// A ReplicaSet.
pub(crate) fn replica_set(r: &ReplicaSet) -> Value {
    let spec = Obj::new()
        .put("replicas", r.spec.replicas)
        .int("minReadySeconds", i64::from(r.spec.min_ready_seconds))
        .put("selector", label_selector(&r.spec.selector))
        .put("template", template(&r.spec.template))
        .build();
    let s = &r.status;
    let status = Obj::new()
        .put("replicas", s.replicas)
        .int("fullyLabeledReplicas", i64::from(s.fully_labeled_replicas))
        .int("readyReplicas", i64::from(s.ready_replicas))
        .int("availableReplicas", i64::from(s.available_replicas))
        .int("observedGeneration", i64::try_from(s.observed_generation).unwrap_or(i64::MAX))
        .build();
    header("apps/v1", "ReplicaSet", &r.metadata).put("spec", spec).put("status", status).build()
}
