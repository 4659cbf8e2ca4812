//! `kubectl describe deployment` (`describeDeployment`, `DescribePodTemplate`).

use super::{
    PrefixWriter, annotations_multiline, events_section, labels_multiline, pod, rfc1123z,
    tolerations_multiline,
};
use crate::{
    cluster::{Store, controllers::deployment_util::equal_ignore_hash},
    model::{
        Deployment, Event, IntOrString, PodTemplateSpec, ReplicaSet, workload::DeploymentStrategy,
    },
    printers::labels::selector_string,
    time::SimTime,
};

/// The Deployment's ReplicaSets as kubectl's describer finds them: the newest-created one
/// whose template matches the Deployment's (`FindNewReplicaSet`), and all the others in API
/// order (`FindOldReplicaSets`' second list, zero-replica ones included).
pub fn new_and_old_replica_sets<'a>(
    store: &'a Store,
    d: &Deployment,
) -> (Option<&'a ReplicaSet>, Vec<&'a ReplicaSet>) {
    let mut owned: Vec<&ReplicaSet> = store.replica_sets_owned_by(d.metadata.uid).collect();
    owned.sort_by(|a, b| {
        (&a.metadata.namespace, &a.metadata.name).cmp(&(&b.metadata.namespace, &b.metadata.name))
    });
    let mut by_age = owned.clone();
    by_age.sort_by_key(|rs| rs.metadata.creation_timestamp);
    let new = by_age.into_iter().find(|rs| equal_ignore_hash(&rs.spec.template, &d.spec.template));
    let old = owned
        .into_iter()
        .filter(|rs| new.is_none_or(|n| n.metadata.uid != rs.metadata.uid))
        .collect();
    (new, old)
}

fn int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

fn replica_sets_by_labels(list: &[&ReplicaSet]) -> String {
    if list.is_empty() {
        return "<none>".into();
    }
    list.iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                rs.metadata.name, rs.status.replicas, rs.spec.replicas
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Describes one Deployment with its ReplicaSets (see [`new_and_old_replica_sets`]).
pub fn describe_deployment(
    d: &Deployment,
    new_rs: Option<&ReplicaSet>,
    old_rs: &[&ReplicaSet],
    events: Option<&[&Event]>,
    now: SimTime,
) -> String {
    let mut w = PrefixWriter::new();
    let (m, spec, st) = (&d.metadata, &d.spec, &d.status);
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(m.creation_timestamp)));
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.write(0, &format!("Selector:\t{}\n", selector_string(&spec.selector)));
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
            spec.replicas,
            st.updated_replicas,
            st.replicas,
            st.available_replicas,
            st.unavailable_replicas
        ),
    );
    let strategy = match &spec.strategy {
        DeploymentStrategy::RollingUpdate { .. } => "RollingUpdate",
        DeploymentStrategy::Recreate => "Recreate",
    };
    w.write(0, &format!("StrategyType:\t{strategy}\n"));
    w.write(0, &format!("MinReadySeconds:\t{}\n", spec.min_ready_seconds));
    if let DeploymentStrategy::RollingUpdate { max_surge, max_unavailable } = &spec.strategy {
        w.write(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                int_or_string(max_unavailable),
                int_or_string(max_surge)
            ),
        );
    }
    pod_template(&mut w, &spec.template);
    if !st.conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for c in &st.conditions {
            w.write(1, &format!("{} \t{}\t{}\n", c.type_, c.status.as_str(), c.reason));
        }
    }
    if new_rs.is_some() || !old_rs.is_empty() {
        w.write(0, &format!("OldReplicaSets:\t{}\n", replica_sets_by_labels(old_rs)));
        let new: Vec<&ReplicaSet> = new_rs.into_iter().collect();
        w.write(0, &format!("NewReplicaSet:\t{}\n", replica_sets_by_labels(&new)));
    }
    if let Some(events) = events {
        events_section(&mut w, events, now);
    }
    w.finish()
}

/// `DescribePodTemplate` (also what `kubectl rollout history --revision=N` prints).
pub fn describe_pod_template(t: &PodTemplateSpec) -> String {
    let mut w = PrefixWriter::new();
    pod_template(&mut w, t);
    w.finish()
}

fn pod_template(w: &mut PrefixWriter, t: &PodTemplateSpec) {
    w.write(0, "Pod Template:\n");
    labels_multiline(w, "", "  Labels", &t.metadata.labels);
    if !t.metadata.annotations.is_empty() {
        annotations_multiline(w, "  Annotations", &t.metadata.annotations);
    }
    if !t.spec.init_containers.is_empty() {
        pod::containers(w, "Init Containers", &t.spec.init_containers, None, "  ");
    }
    pod::containers(w, "Containers", &t.spec.containers, None, "  ");
    w.write(0, "  Volumes:\t<none>\n");
    pod::spread_constraints(w, &t.spec.topology_spread_constraints, "  ");
    labels_multiline(w, "", "  Node-Selectors", &t.spec.node_selector);
    tolerations_multiline(w, "", "  Tolerations", &t.spec.tolerations);
}
