//! The control-plane strip's model: which components just acted, and what they did, read
//! from the engine's activity entries (API requests, watch deliveries, scheduling attempts,
//! controller syncs, the reader's commands).
//!
//! Components never call each other: every arrow goes through the API server. So a write
//! lights its author, the API server and etcd; a watch delivery lights the API server and
//! the component that receives it. Heartbeats (Leases, node status) are left out: they would
//! keep every kubelet lit.

use super::{driver::is_routine, text};
use sim_core::cluster::{Component, Logged, SimEvent, Verb};

/// A part of the strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The reader at kubectl.
    Kubectl,
    /// kube-apiserver.
    ApiServer,
    /// etcd.
    Etcd,
    /// kube-scheduler.
    Scheduler,
    /// The Deployment controller.
    DeploymentController,
    /// The ReplicaSet controller.
    ReplicaSetController,
    /// The node lifecycle and taint eviction controllers.
    NodeController,
    /// The EndpointSlice controller.
    EndpointSliceController,
    /// The garbage collectors.
    GarbageCollector,
    /// The kubelets.
    Kubelet,
}

impl Part {
    /// Every part, in the strip's order.
    pub const ALL: [Part; 10] = [
        Part::Kubectl,
        Part::ApiServer,
        Part::Etcd,
        Part::Scheduler,
        Part::DeploymentController,
        Part::ReplicaSetController,
        Part::NodeController,
        Part::EndpointSliceController,
        Part::GarbageCollector,
        Part::Kubelet,
    ];

    /// The part's name on the strip.
    pub fn name(self) -> &'static str {
        match self {
            Part::Kubectl => "kubectl",
            Part::ApiServer => "kube-apiserver",
            Part::Etcd => "etcd",
            Part::Scheduler => "kube-scheduler",
            Part::DeploymentController => "Deployment controller",
            Part::ReplicaSetController => "ReplicaSet controller",
            Part::NodeController => "Node controllers",
            Part::EndpointSliceController => "EndpointSlice controller",
            Part::GarbageCollector => "Garbage collectors",
            Part::Kubelet => "kubelets",
        }
    }

    /// A stable id for the DOM (`data-part`).
    pub fn id(self) -> &'static str {
        match self {
            Part::Kubectl => "kubectl",
            Part::ApiServer => "apiserver",
            Part::Etcd => "etcd",
            Part::Scheduler => "scheduler",
            Part::DeploymentController => "deployment",
            Part::ReplicaSetController => "replicaset",
            Part::NodeController => "node",
            Part::EndpointSliceController => "endpointslice",
            Part::GarbageCollector => "gc",
            Part::Kubelet => "kubelet",
        }
    }

    /// Whether the part runs inside kube-controller-manager.
    pub fn is_controller(self) -> bool {
        matches!(
            self,
            Part::DeploymentController
                | Part::ReplicaSetController
                | Part::NodeController
                | Part::EndpointSliceController
                | Part::GarbageCollector
        )
    }
}

fn part_of(c: &Component) -> Part {
    match c {
        Component::Scheduler => Part::Scheduler,
        Component::Kubelet(_) => Part::Kubelet,
        Component::ReplicaSetController => Part::ReplicaSetController,
        Component::DeploymentController => Part::DeploymentController,
        Component::NodeLifecycleController | Component::TaintEvictionController => {
            Part::NodeController
        }
        Component::EndpointSliceController => Part::EndpointSliceController,
        Component::PodGc | Component::GarbageCollector => Part::GarbageCollector,
        Component::User => Part::Kubectl,
    }
}

fn who(c: &Component) -> String {
    match c {
        Component::Kubelet(node) => format!("kubelet on {node}"),
        Component::User => "kubectl".into(),
        other => part_of(other).name().into(),
    }
}

/// One thing a component did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pulse {
    /// Index in the engine's log.
    pub index: usize,
    /// The parts it lights.
    pub parts: Vec<Part>,
    /// What happened, in words.
    pub text: String,
}

/// The pulses among `entries` (which start at log index `start`), heartbeats left out.
pub fn pulses(entries: &[Logged], start: usize) -> Vec<Pulse> {
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !is_routine(e))
        .filter_map(|(i, e)| {
            let (parts, text) = describe(&e.event)?;
            Some(Pulse { index: start + i, parts, text: format!("{} {text}", text::clock(e.time)) })
        })
        .collect()
}

fn describe(e: &SimEvent) -> Option<(Vec<Part>, String)> {
    Some(match e {
        SimEvent::ApiRequest { component, verb, resource, namespace, name } => {
            let object =
                if namespace.is_empty() { name.clone() } else { format!("{namespace}/{name}") };
            let stored = match verb {
                Verb::Delete => "removed from etcd",
                _ => "stored in etcd",
            };
            (
                vec![part_of(component), Part::ApiServer, Part::Etcd],
                format!(
                    "{} → kube-apiserver: {} {resource} {object}; {stored}",
                    who(component),
                    verb.as_str()
                ),
            )
        }
        SimEvent::WatchDelivery { component, objects } => (
            vec![Part::ApiServer, part_of(component)],
            format!(
                "kube-apiserver → {}: {} (watch)",
                who(component),
                text::plural(usize::try_from(*objects).unwrap_or(0), "change", "changes")
            ),
        ),
        SimEvent::SchedulingAttempt { pod, node, message, .. } => (
            vec![Part::Scheduler],
            match node {
                Some(node) => format!("kube-scheduler: {} → {node}", pod.slash_name()),
                None => format!(
                    "kube-scheduler: {} fits nowhere ({})",
                    pod.slash_name(),
                    message.as_deref().unwrap_or("")
                ),
            },
        ),
        SimEvent::ControllerSync { component, object } => (
            vec![part_of(component)],
            format!("{} reconciles {}", who(component), object.slash_name()),
        ),
        SimEvent::Action { description } => {
            (vec![Part::Kubectl], format!("kubectl: {}", description.lines().next().unwrap_or("")))
        }
        SimEvent::Kube(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::cluster::{
        driver::{Command, Driver},
        presets,
    };
    use sim_core::{
        cluster::{Action, ApiObject},
        manifest::{Object, parse_manifests},
    };

    /// The lesson's journey: kubectl, the API server and etcd, the Deployment controller,
    /// the ReplicaSet controller, the scheduler and the kubelets each act, in that order.
    #[test]
    fn one_apply_travels_through_every_component_in_order() {
        let preset = presets::find("apply-journey");
        let mut d = Driver::load(preset, None).expect("loads");
        let mut m = parse_manifests(preset.editor).into_result().expect("valid").remove(0);
        m.fill_namespace("default");
        let Object::Deployment(web) = m.object else { panic!("Deployment") };
        let start = d.sim().log_len();
        d.perform(Command::Action(Box::new(Action::Apply(ApiObject::Deployment(web)))));
        for _ in 0..300 {
            let done = pulses(d.sim().events_since(start), start)
                .iter()
                .any(|p| p.parts.first() == Some(&Part::Kubelet) && p.text.contains("pods/status"));
            if done || !d.step_to_next_event() {
                break;
            }
        }
        let ps = pulses(d.sim().events_since(start), start);
        let first = |part: Part, needle: &str| {
            ps.iter()
                .position(|p| p.parts.first() == Some(&part) && p.text.contains(needle))
                .unwrap_or_else(|| panic!("no {part:?} {needle}: {ps:#?}"))
        };
        let order = [
            first(Part::Kubectl, "kubectl: deployment.apps/web created"),
            first(Part::DeploymentController, "create replicasets"),
            first(Part::ReplicaSetController, "create pods"),
            first(Part::Scheduler, "→ node-"),
            first(Part::Scheduler, "pods/binding"),
            first(Part::Kubelet, "pods/status"),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{ps:#?}");
        assert!(ps.iter().all(|p| !p.text.contains("leases")));
    }
}
