//! Commands from outside: kubectl-style operations and faults.
//!
//! Each [`Action`] applies at the current simulated time and answers like kubectl does
//! (`deployment.apps/web scaled`) or fails with an [`ApiError`] worded like the API server.
//!
//! Simplified: `drain` issues evictions and returns at once (kubectl waits for the pods to
//! go); PodDisruptionBudgets are out of scope, so evictions are never refused.

use super::{
    NodePool, Sim,
    api::Api,
    controllers::{deployment_util, taint_eviction::add_disruption_target},
    errors::ApiError,
    log::{Component, SimEvent, Verb},
};
use crate::{
    model::{
        Deployment, Node, Pod, ReplicaSet, Service, Taint, TaintEffect, Uid,
        meta::{ANNOTATION_REVISION, LABEL_POD_TEMPLATE_HASH},
    },
    time::rfc3339,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// An object to create or apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiObject {
    /// `v1` Pod.
    Pod(Pod),
    /// `apps/v1` Deployment.
    Deployment(Deployment),
    /// `apps/v1` ReplicaSet.
    ReplicaSet(ReplicaSet),
    /// `v1` Service.
    Service(Service),
    /// `v1` Node (registered without a kubelet unless it names a pool; see [`Action::AddNodes`]).
    Node(Node),
}

/// A resource kind commands can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// pods.
    Pod,
    /// deployments.apps.
    Deployment,
    /// replicasets.apps.
    ReplicaSet,
    /// services.
    Service,
    /// nodes.
    Node,
}

impl Kind {
    /// Plural resource with group, as errors print it (`deployments.apps`).
    pub fn resource(self) -> &'static str {
        match self {
            Kind::Pod => "pods",
            Kind::Deployment => "deployments.apps",
            Kind::ReplicaSet => "replicasets.apps",
            Kind::Service => "services",
            Kind::Node => "nodes",
        }
    }

    /// Singular with group, as success messages print it (`deployment.apps`).
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Pod => "pod",
            Kind::Deployment => "deployment.apps",
            Kind::ReplicaSet => "replicaset.apps",
            Kind::Service => "service",
            Kind::Node => "node",
        }
    }
}

/// A command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// `kubectl create -f`.
    Create(ApiObject),
    /// `kubectl apply -f`: create, or replace the spec (and labels) of an existing object.
    Apply(ApiObject),
    /// `kubectl delete KIND NAME [--grace-period=N] [--force]`.
    Delete {
        /// Kind.
        kind: Kind,
        /// Namespace (ignored for nodes).
        namespace: String,
        /// Name.
        name: String,
        /// `--grace-period`.
        grace_period_seconds: Option<i64>,
        /// `--force` (with grace period 0: remove from the API at once).
        force: bool,
    },
    /// `kubectl scale KIND NAME --replicas=N`.
    Scale {
        /// Deployment or ReplicaSet.
        kind: Kind,
        /// Namespace.
        namespace: String,
        /// Name.
        name: String,
        /// Replicas.
        replicas: i32,
    },
    /// `kubectl set image deployment/NAME CONTAINER=IMAGE`.
    SetImage {
        /// Namespace.
        namespace: String,
        /// Deployment.
        deployment: String,
        /// Container name.
        container: String,
        /// New image.
        image: String,
    },
    /// `kubectl rollout undo deployment/NAME [--to-revision=N]`.
    RolloutUndo {
        /// Namespace.
        namespace: String,
        /// Deployment.
        deployment: String,
        /// Revision; `None` for the previous one.
        to_revision: Option<i64>,
    },
    /// `kubectl rollout pause` (`true`) / `resume` (`false`).
    RolloutPause {
        /// Namespace.
        namespace: String,
        /// Deployment.
        deployment: String,
        /// Pause or resume.
        paused: bool,
    },
    /// `kubectl rollout restart deployment/NAME`.
    RolloutRestart {
        /// Namespace.
        namespace: String,
        /// Deployment.
        deployment: String,
    },
    /// Fault: the machine dies (no heartbeats, containers gone).
    CrashNode {
        /// Node.
        node: String,
    },
    /// The crashed machine boots again.
    RecoverNode {
        /// Node.
        node: String,
    },
    /// Fault: the node loses its connection to the API server (containers keep running).
    PartitionNode {
        /// Node.
        node: String,
    },
    /// The partition heals.
    HealNode {
        /// Node.
        node: String,
    },
    /// `kubectl cordon` (`true`) / `uncordon` (`false`).
    Cordon {
        /// Node.
        node: String,
        /// Cordon or uncordon.
        unschedulable: bool,
    },
    /// `kubectl drain NODE [--force]`.
    Drain {
        /// Node.
        node: String,
        /// Evict pods without a controller too.
        force: bool,
    },
    /// Fault: a running container exits with `exit_code`.
    CrashContainer {
        /// Namespace.
        namespace: String,
        /// Pod.
        pod: String,
        /// Container (the first if `None`).
        container: Option<String>,
        /// Exit code (1 is a typical crash).
        exit_code: i32,
    },
    /// Fault: a pod's readiness probe starts (or stops) failing.
    FailReadiness {
        /// Namespace.
        namespace: String,
        /// Pod.
        pod: String,
        /// Failing or healthy again.
        failing: bool,
    },
    /// Adds nodes: a new pool, or `count` more nodes in an existing one.
    AddNodes(NodePool),
    /// `kubectl taint nodes NODE key=value:Effect`.
    Taint {
        /// Node.
        node: String,
        /// The taint.
        taint: Taint,
    },
    /// `kubectl taint nodes NODE key[:Effect]-`.
    Untaint {
        /// Node.
        node: String,
        /// Key.
        key: String,
        /// Effect; `None` removes every effect for the key.
        effect: Option<TaintEffect>,
    },
    /// `kubectl label KIND NAME key=value` / `key-`.
    Label {
        /// Kind.
        kind: Kind,
        /// Namespace (ignored for nodes).
        namespace: String,
        /// Name.
        name: String,
        /// Key.
        key: String,
        /// Value; `None` removes the label.
        value: Option<String>,
    },
}

/// What a successful command printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionOutcome {
    /// kubectl's output lines.
    pub message: String,
}

fn ok(message: impl Into<String>) -> Result<ActionOutcome, ApiError> {
    Ok(ActionOutcome { message: message.into() })
}

const USER: Component = Component::User;

impl Sim {
    /// Applies `action` now.
    pub fn apply(&mut self, action: Action) -> Result<ActionOutcome, ApiError> {
        let result = self.apply_inner(action);
        if let Ok(out) = &result {
            self.api.log.push(self.api.now, SimEvent::Action { description: out.message.clone() });
        }
        self.api.schedule_flushes();
        result
    }

    fn apply_inner(&mut self, action: Action) -> Result<ActionOutcome, ApiError> {
        match action {
            Action::Create(o) => self.create(o, false),
            Action::Apply(o) => self.create(o, true),
            Action::Delete { kind, namespace, name, grace_period_seconds, force } => {
                self.delete(kind, &namespace, &name, grace_period_seconds, force)
            }
            Action::Scale { kind, namespace, name, replicas } => {
                self.scale(kind, &namespace, &name, replicas)
            }
            Action::SetImage { namespace, deployment, container, image } => {
                self.set_image(&namespace, &deployment, &container, &image)
            }
            Action::RolloutUndo { namespace, deployment, to_revision } => {
                self.rollout_undo(&namespace, &deployment, to_revision)
            }
            Action::RolloutPause { namespace, deployment, paused } => {
                let word = if paused { "paused" } else { "resumed" };
                self.edit_deployment(&namespace, &deployment, |d| {
                    if d.spec.paused == paused {
                        return Err(ApiError::Refused(format!(
                            "deployments.apps \"{}\" is not {}",
                            d.metadata.name,
                            if paused { "resumed" } else { "paused" }
                        )));
                    }
                    d.spec.paused = paused;
                    Ok(())
                })?;
                ok(format!("deployment.apps/{deployment} {word}"))
            }
            Action::RolloutRestart { namespace, deployment } => {
                let at = rfc3339(self.api.now);
                self.edit_deployment(&namespace, &deployment, |d| {
                    d.spec
                        .template
                        .metadata
                        .annotations
                        .insert("kubectl.kubernetes.io/restartedAt", at);
                    Ok(())
                })?;
                ok(format!("deployment.apps/{deployment} restarted"))
            }
            Action::CrashNode { node } => {
                self.kubelet(&node)?.crash();
                ok(format!("node/{node} crashed"))
            }
            Action::RecoverNode { node } => {
                let api = &mut self.api;
                let k = self
                    .kubelets
                    .get_mut(&node)
                    .ok_or_else(|| ApiError::not_found("nodes", &node))?;
                if k.health != super::KubeletHealth::Crashed {
                    return Err(ApiError::Refused(format!("node {node} is not crashed")));
                }
                k.start(api);
                ok(format!("node/{node} recovered"))
            }
            Action::PartitionNode { node } => {
                self.kubelet(&node)?.partition();
                ok(format!("node/{node} partitioned"))
            }
            Action::HealNode { node } => {
                let api = &mut self.api;
                let k = self
                    .kubelets
                    .get_mut(&node)
                    .ok_or_else(|| ApiError::not_found("nodes", &node))?;
                k.heal(api);
                ok(format!("node/{node} reconnected"))
            }
            Action::Cordon { node, unschedulable } => self.cordon(&node, unschedulable),
            Action::Drain { node, force } => self.drain(&node, force),
            Action::CrashContainer { namespace, pod, container, exit_code } => {
                let (uid, node) = self.pod_on_node(&namespace, &pod)?;
                let api = &mut self.api;
                let crashed = self
                    .kubelets
                    .get_mut(&node)
                    .is_some_and(|k| k.crash_container(api, uid, container.as_deref(), exit_code));
                if !crashed {
                    let c = container.unwrap_or_default();
                    return Err(ApiError::Refused(format!(
                        "container {c:?} in pod {pod:?} is not running"
                    )));
                }
                ok(format!("pod/{pod} container exited with code {exit_code}"))
            }
            Action::FailReadiness { namespace, pod, failing } => {
                let (uid, node) = self.pod_on_node(&namespace, &pod)?;
                let api = &mut self.api;
                let done = self
                    .kubelets
                    .get_mut(&node)
                    .is_some_and(|k| k.set_readiness_failing(api, uid, failing));
                if !done {
                    return Err(ApiError::Refused(format!("pod {pod:?} is not running")));
                }
                let word = if failing { "failing" } else { "passing" };
                ok(format!("pod/{pod} readiness probe {word}"))
            }
            Action::AddNodes(pool) => {
                let names = self.add_pool_nodes(&pool);
                let lines: Vec<String> =
                    names.iter().map(|n| format!("node/{n} created")).collect();
                ok(lines.join("\n"))
            }
            Action::Taint { node, taint } => {
                let spelled = format!("{}={}:{}", taint.key, taint.value, taint.effect.as_str());
                let now = self.api.now;
                let mut exists = false;
                self.edit_node(&node, |n| {
                    if let Some(t) = n
                        .spec
                        .taints
                        .iter_mut()
                        .find(|t| t.key == taint.key && t.effect == taint.effect)
                    {
                        exists = true;
                        t.value = taint.value.clone();
                    } else {
                        let time_added = (taint.effect == TaintEffect::NoExecute).then_some(now);
                        n.spec.taints.push(Taint { time_added, ..taint.clone() });
                    }
                })?;
                let _ = spelled;
                ok(if exists {
                    format!("node/{node} modified")
                } else {
                    format!("node/{node} tainted")
                })
            }
            Action::Untaint { node, key, effect } => {
                let mut removed = false;
                self.edit_node(&node, |n| {
                    let before = n.spec.taints.len();
                    n.spec
                        .taints
                        .retain(|t| !(t.key == key && effect.is_none_or(|e| e == t.effect)));
                    removed = n.spec.taints.len() != before;
                })?;
                if !removed {
                    let spelled = effect.map_or(key.clone(), |e| format!("{key}:{}", e.as_str()));
                    return Err(ApiError::Refused(format!("taint {spelled:?} not found")));
                }
                ok(format!("node/{node} untainted"))
            }
            Action::Label { kind, namespace, name, key, value } => {
                self.label(kind, &namespace, &name, &key, value)
            }
        }
    }

    fn kubelet(&mut self, node: &str) -> Result<&mut super::Kubelet, ApiError> {
        self.kubelets.get_mut(node).ok_or_else(|| ApiError::not_found("nodes", node))
    }

    fn pod_on_node(&self, ns: &str, name: &str) -> Result<(Uid, String), ApiError> {
        let p = self
            .api
            .store
            .pod_by_name(ns, name)
            .ok_or_else(|| ApiError::not_found("pods", name))?;
        if p.node_name.is_empty() {
            return Err(ApiError::Refused(format!("pod {name:?} is not scheduled")));
        }
        Ok((p.metadata.uid, p.node_name.clone()))
    }

    fn edit_node(&mut self, node: &str, f: impl FnOnce(&mut Node)) -> Result<(), ApiError> {
        if self.api.update_node(&USER, node, "nodes", f) {
            Ok(())
        } else {
            Err(ApiError::not_found("nodes", node))
        }
    }

    fn edit_deployment(
        &mut self,
        ns: &str,
        name: &str,
        f: impl FnOnce(&mut Deployment) -> Result<(), ApiError>,
    ) -> Result<(), ApiError> {
        let mut d = self
            .api
            .store
            .deployment(ns, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found("deployments.apps", name))?;
        let spec_before = d.spec.clone();
        f(&mut d)?;
        if d.spec != spec_before {
            d.metadata.generation += 1;
        }
        self.api.put_deployment(&USER, Verb::Update, d);
        Ok(())
    }

    fn create(&mut self, o: ApiObject, apply: bool) -> Result<ActionOutcome, ApiError> {
        let ns_of = |m: &crate::model::ObjectMeta| {
            if m.namespace.is_empty() { "default".to_owned() } else { m.namespace.clone() }
        };
        match o {
            ApiObject::Pod(mut p) => {
                p.metadata.namespace = ns_of(&p.metadata);
                let name = p.metadata.name.clone();
                if let Some(existing) = self.api.store.pod_by_name(&p.metadata.namespace, &name) {
                    if !apply {
                        return Err(ApiError::AlreadyExists { resource: "pods".into(), name });
                    }
                    if *existing.spec != *p.spec
                        && *existing.spec
                            != *super::admission::admit_spec(
                                &p.spec,
                                self.api.timings.default_toleration_seconds,
                            )
                    {
                        return Err(ApiError::Invalid {
                            kind: "Pod".into(),
                            name,
                            detail: "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)".into(),
                        });
                    }
                    let uid = existing.metadata.uid;
                    let (labels, annotations) = (p.metadata.labels, p.metadata.annotations);
                    self.api.update_pod(&USER, uid, "pods", |x| {
                        x.metadata.labels = labels;
                        x.metadata.annotations = annotations;
                    });
                    return ok(format!("pod/{name} configured"));
                }
                self.api.create_pod(&USER, p)?;
                ok(format!("pod/{name} created"))
            }
            ApiObject::Deployment(mut d) => {
                d.metadata.namespace = ns_of(&d.metadata);
                validate_selector(
                    "Deployment",
                    &d.metadata.name,
                    &d.spec.selector,
                    &d.spec.template.metadata.labels,
                )?;
                let name = d.metadata.name.clone();
                match self.api.store.deployment(&d.metadata.namespace, &name).cloned() {
                    Some(_) if !apply => {
                        Err(ApiError::AlreadyExists { resource: "deployments.apps".into(), name })
                    }
                    Some(mut existing) => {
                        if existing.spec == d.spec && existing.metadata.labels == d.metadata.labels
                        {
                            return ok(format!("deployment.apps/{name} unchanged"));
                        }
                        if existing.spec != d.spec {
                            existing.metadata.generation += 1;
                        }
                        existing.spec = d.spec;
                        existing.metadata.labels = d.metadata.labels;
                        self.api.put_deployment(&USER, Verb::Update, existing);
                        ok(format!("deployment.apps/{name} configured"))
                    }
                    None => {
                        d.status = Default::default();
                        self.api.put_deployment(&USER, Verb::Create, d);
                        ok(format!("deployment.apps/{name} created"))
                    }
                }
            }
            ApiObject::ReplicaSet(mut rs) => {
                rs.metadata.namespace = ns_of(&rs.metadata);
                validate_selector(
                    "ReplicaSet",
                    &rs.metadata.name,
                    &rs.spec.selector,
                    &rs.spec.template.metadata.labels,
                )?;
                let name = rs.metadata.name.clone();
                match self.api.store.replica_set(&rs.metadata.namespace, &name).cloned() {
                    Some(_) if !apply => {
                        Err(ApiError::AlreadyExists { resource: "replicasets.apps".into(), name })
                    }
                    Some(mut existing) => {
                        if existing.spec == rs.spec {
                            return ok(format!("replicaset.apps/{name} unchanged"));
                        }
                        existing.metadata.generation += 1;
                        existing.spec = rs.spec;
                        self.api.put_replica_set(&USER, Verb::Update, existing);
                        ok(format!("replicaset.apps/{name} configured"))
                    }
                    None => {
                        rs.status = Default::default();
                        self.api.put_replica_set(&USER, Verb::Create, rs);
                        ok(format!("replicaset.apps/{name} created"))
                    }
                }
            }
            ApiObject::Service(mut s) => {
                s.metadata.namespace = ns_of(&s.metadata);
                let name = s.metadata.name.clone();
                match self.api.store.service(&s.metadata.namespace, &name).cloned() {
                    Some(_) if !apply => {
                        Err(ApiError::AlreadyExists { resource: "services".into(), name })
                    }
                    Some(existing) => {
                        let mut updated = existing.clone();
                        if s.spec.cluster_ip.is_none() {
                            s.spec.cluster_ip = existing.spec.cluster_ip;
                        }
                        for (i, p) in s.spec.ports.iter_mut().enumerate() {
                            if p.node_port.is_none() {
                                p.node_port = existing.spec.ports.get(i).and_then(|e| e.node_port);
                            }
                        }
                        if existing.spec == s.spec && existing.metadata.labels == s.metadata.labels
                        {
                            return ok(format!("service/{name} unchanged"));
                        }
                        updated.spec = s.spec;
                        updated.metadata.labels = s.metadata.labels;
                        self.api.put_service(&USER, Verb::Update, updated)?;
                        ok(format!("service/{name} configured"))
                    }
                    None => {
                        self.api.put_service(&USER, Verb::Create, s)?;
                        ok(format!("service/{name} created"))
                    }
                }
            }
            ApiObject::Node(n) => {
                let name = n.metadata.name.clone();
                if self.api.store.node(&name).is_some() {
                    if !apply {
                        return Err(ApiError::AlreadyExists { resource: "nodes".into(), name });
                    }
                    self.edit_node(&name, |x| {
                        x.metadata.labels = n.metadata.labels;
                        x.spec.taints = n.spec.taints;
                        x.spec.unschedulable = n.spec.unschedulable;
                    })?;
                    return ok(format!("node/{name} configured"));
                }
                // A Node object with no machine behind it: it never becomes Ready.
                self.api.create_node(&USER, n)?;
                ok(format!("node/{name} created"))
            }
        }
    }

    fn delete(
        &mut self,
        kind: Kind,
        ns: &str,
        name: &str,
        grace: Option<i64>,
        force: bool,
    ) -> Result<ActionOutcome, ApiError> {
        let not_found = || ApiError::not_found(kind.resource(), name);
        match kind {
            Kind::Pod => {
                let uid = self
                    .api
                    .store
                    .pod_by_name(ns, name)
                    .map(|p| p.metadata.uid)
                    .ok_or_else(not_found)?;
                let grace = if force { Some(0) } else { grace };
                self.api.delete_pod(&USER, uid, grace);
                if force {
                    return ok(format!(
                        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod \"{name}\" force deleted"
                    ));
                }
            }
            Kind::Deployment => {
                if !self.api.delete_deployment(&USER, ns, name) {
                    return Err(not_found());
                }
            }
            Kind::ReplicaSet => {
                if !self.api.delete_replica_set(&USER, ns, name) {
                    return Err(not_found());
                }
            }
            Kind::Service => {
                if !self.api.delete_service(&USER, ns, name) {
                    return Err(not_found());
                }
            }
            Kind::Node => {
                if !self.api.delete_node(&USER, name) {
                    return Err(not_found());
                }
                // The machine is decommissioned with its object.
                if let Some(mut k) = self.kubelets.remove(name) {
                    k.crash();
                }
            }
        }
        ok(format!("{} \"{name}\" deleted", kind.singular()))
    }

    fn scale(
        &mut self,
        kind: Kind,
        ns: &str,
        name: &str,
        replicas: i32,
    ) -> Result<ActionOutcome, ApiError> {
        if replicas < 0 {
            return Err(ApiError::Invalid {
                kind: if kind == Kind::Deployment { "Deployment" } else { "ReplicaSet" }.into(),
                name: name.into(),
                detail: format!(
                    "spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
                ),
            });
        }
        match kind {
            Kind::Deployment => {
                self.edit_deployment(ns, name, |d| {
                    d.spec.replicas = replicas;
                    Ok(())
                })?;
            }
            Kind::ReplicaSet => {
                let mut rs = self
                    .api
                    .store
                    .replica_set(ns, name)
                    .cloned()
                    .ok_or_else(|| ApiError::not_found(kind.resource(), name))?;
                if rs.spec.replicas != replicas {
                    rs.spec.replicas = replicas;
                    rs.metadata.generation += 1;
                    self.api.put_replica_set(&USER, Verb::Update, rs);
                }
            }
            _ => return Err(ApiError::Refused(format!("cannot scale {}", kind.resource()))),
        }
        ok(format!("{}/{name} scaled", kind.singular()))
    }

    fn set_image(
        &mut self,
        ns: &str,
        name: &str,
        container: &str,
        image: &str,
    ) -> Result<ActionOutcome, ApiError> {
        self.edit_deployment(ns, name, |d| {
            let mut spec = (*d.spec.template.spec).clone();
            let c = spec
                .containers
                .iter_mut()
                .chain(spec.init_containers.iter_mut())
                .find(|c| c.name == container)
                .ok_or_else(|| {
                    ApiError::Refused(format!("unable to find container named \"{container}\""))
                })?;
            c.image = image.to_owned();
            c.image_pull_policy = if super::images::is_latest(image) {
                crate::model::pod::PullPolicy::Always
            } else {
                crate::model::pod::PullPolicy::IfNotPresent
            };
            d.spec.template.spec = Arc::new(spec);
            Ok(())
        })?;
        ok(format!("deployment.apps/{name} image updated"))
    }

    fn rollout_undo(
        &mut self,
        ns: &str,
        name: &str,
        to: Option<i64>,
    ) -> Result<ActionOutcome, ApiError> {
        let d = self
            .api
            .store
            .deployment(ns, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found("deployments.apps", name))?;
        let mut history: Vec<(i64, ReplicaSet)> = self
            .api
            .store
            .replica_sets_owned_by(d.metadata.uid)
            .map(|rs| (deployment_util::revision(rs), rs.clone()))
            .filter(|(r, _)| *r > 0)
            .collect();
        history.sort_by_key(|(r, _)| *r);
        let target = match to {
            Some(rev) => history.iter().find(|(r, _)| *r == rev).ok_or_else(|| {
                ApiError::Refused(format!("unable to find specified revision {rev} in history"))
            })?,
            None => {
                if history.len() < 2 {
                    return Err(ApiError::Refused(format!(
                        "no rollout history found for deployment \"{name}\""
                    )));
                }
                &history[history.len() - 2]
            }
        };
        let (rev, rs) = (target.0, target.1.clone());
        if deployment_util::equal_ignore_hash(&rs.spec.template, &d.spec.template) {
            return ok(format!(
                "deployment.apps/{name} skipped rollback (current template already matches revision {rev})"
            ));
        }
        self.edit_deployment(ns, name, |d| {
            let mut t = rs.spec.template.clone();
            t.metadata.labels.remove(LABEL_POD_TEMPLATE_HASH);
            d.spec.template = t;
            d.metadata.annotations.remove(ANNOTATION_REVISION);
            Ok(())
        })?;
        ok(format!("deployment.apps/{name} rolled back"))
    }

    fn cordon(&mut self, node: &str, unschedulable: bool) -> Result<ActionOutcome, ApiError> {
        let current = self
            .api
            .store
            .node(node)
            .map(|n| n.spec.unschedulable)
            .ok_or_else(|| ApiError::not_found("nodes", node))?;
        let word = if unschedulable { "cordoned" } else { "uncordoned" };
        if current == unschedulable {
            return ok(format!("node/{node} already {word}"));
        }
        self.edit_node(node, |n| n.spec.unschedulable = unschedulable)?;
        ok(format!("node/{node} {word}"))
    }

    fn drain(&mut self, node: &str, force: bool) -> Result<ActionOutcome, ApiError> {
        if self.api.store.node(node).is_none() {
            return Err(ApiError::not_found("nodes", node));
        }
        let pods: Vec<(Uid, String, bool)> = self
            .api
            .store
            .pods_on_node(node)
            .filter_map(|u| self.api.store.pod(u))
            .filter(|p| {
                p.metadata.deletion_timestamp.is_none()
                    && super::controllers::replicaset::is_pod_active(p)
            })
            .map(|p| {
                (
                    p.metadata.uid,
                    format!("{}/{}", p.metadata.namespace, p.metadata.name),
                    p.metadata.controller_ref().is_some(),
                )
            })
            .collect();
        let bare: Vec<&str> = pods.iter().filter(|p| !p.2).map(|p| p.1.as_str()).collect();
        if !force && !bare.is_empty() {
            return Err(ApiError::Refused(format!(
                "unable to drain node \"{node}\" due to error: cannot delete Pods that declare no controller (use --force to override): {}",
                bare.join(", ")
            )));
        }
        let mut lines = vec![self.cordon(node, true)?.message];
        for (uid, name, _) in &pods {
            lines.push(format!("evicting pod {name}"));
            evict(&mut self.api, *uid);
        }
        lines.push(format!("node/{node} drained"));
        ok(lines.join("\n"))
    }

    fn label(
        &mut self,
        kind: Kind,
        ns: &str,
        name: &str,
        key: &str,
        value: Option<String>,
    ) -> Result<ActionOutcome, ApiError> {
        let word = if value.is_some() { "labeled" } else { "unlabeled" };
        let set = |labels: &mut crate::model::Labels| match &value {
            Some(v) => {
                labels.insert(key, v.clone());
            }
            None => {
                labels.remove(key);
            }
        };
        let not_found = || ApiError::not_found(kind.resource(), name);
        match kind {
            Kind::Node => self.edit_node(name, |n| set(&mut n.metadata.labels))?,
            Kind::Pod => {
                let uid = self
                    .api
                    .store
                    .pod_by_name(ns, name)
                    .map(|p| p.metadata.uid)
                    .ok_or_else(not_found)?;
                self.api.update_pod(&USER, uid, "pods", |p| set(&mut p.metadata.labels));
            }
            Kind::Deployment => self.edit_deployment(ns, name, |d| {
                set(&mut d.metadata.labels);
                Ok(())
            })?,
            Kind::Service => {
                let mut s = self.api.store.service(ns, name).cloned().ok_or_else(not_found)?;
                set(&mut s.metadata.labels);
                self.api.put_service(&USER, Verb::Update, s)?;
            }
            Kind::ReplicaSet => {
                let mut rs = self.api.store.replica_set(ns, name).cloned().ok_or_else(not_found)?;
                set(&mut rs.metadata.labels);
                self.api.put_replica_set(&USER, Verb::Update, rs);
            }
        }
        ok(format!("{}/{name} {word}", kind.singular()))
    }
}

/// The Eviction API: `DisruptionTarget` then a graceful delete.
fn evict(api: &mut Api, uid: Uid) {
    add_disruption_target(api, &USER, uid, "EvictionByEvictionAPI", "Eviction API: evicting");
    api.delete_pod(&USER, uid, None);
}

fn validate_selector(
    kind: &str,
    name: &str,
    selector: &crate::model::LabelSelector,
    labels: &crate::model::Labels,
) -> Result<(), ApiError> {
    if selector.is_empty() {
        return Err(ApiError::Invalid {
            kind: kind.into(),
            name: name.into(),
            detail: "spec.selector: Required value".into(),
        });
    }
    if !selector.matches(labels) {
        return Err(ApiError::Invalid {
            kind: kind.into(),
            name: name.into(),
            detail: "spec.template.metadata.labels: Invalid value: selector does not match template labels".into(),
        });
    }
    Ok(())
}
