//! Fixture builders shared by the engine's integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use sim_core::{
    cluster::{Action, ApiObject, ClusterConfig, Sim, SimEvent},
    model::{
        Deployment, ObjectMeta, PodSpec, Quantity, ResourceList, ResourceName, Service,
        ServiceSpec,
        meta::LabelSelector,
        pod::{Container, PullPolicy, ResourceRequirements},
        service::ServicePort,
        workload::{IntOrString, PodTemplateSpec},
    },
    time::SimTime,
};
use std::sync::Arc;

/// A container running `image` with cpu/memory requests.
pub(crate) fn container(name: &str, image: &str, cpu_millis: i64, memory_mi: i64) -> Container {
    let mut requests = ResourceList::new();
    if cpu_millis > 0 {
        requests.set(ResourceName::Cpu, Quantity::from_millis(cpu_millis));
    }
    if memory_mi > 0 {
        requests.set(ResourceName::Memory, Quantity::from_bytes(memory_mi << 20));
    }
    Container {
        name: name.into(),
        image: image.into(),
        image_pull_policy: PullPolicy::IfNotPresent,
        resources: ResourceRequirements { requests, limits: ResourceList::new() },
        ..Default::default()
    }
}

/// A Deployment `name` (label `app=name`) of `replicas` pods running `c`.
pub(crate) fn deployment(name: &str, replicas: i32, c: Container) -> Deployment {
    let labels: sim_core::model::Labels = [("app", name)].into_iter().collect();
    let mut d = Deployment { metadata: ObjectMeta::named("default", name), ..Default::default() };
    d.spec.replicas = replicas;
    d.spec.selector = LabelSelector::from_labels(labels.clone());
    d.spec.template = PodTemplateSpec {
        metadata: ObjectMeta { labels, ..Default::default() },
        spec: Arc::new(PodSpec { containers: vec![c], ..Default::default() }),
    };
    d
}

/// A ClusterIP Service selecting `app=name` on port 80.
pub(crate) fn service(name: &str) -> Service {
    Service {
        metadata: ObjectMeta::named("default", name),
        spec: ServiceSpec {
            selector: Some([("app", name)].into_iter().collect()),
            ports: vec![ServicePort {
                name: String::new(),
                protocol: Default::default(),
                port: 80,
                target_port: IntOrString::Int(80),
                node_port: None,
            }],
            ..Default::default()
        },
    }
}

/// A cluster with the default three nodes.
pub(crate) fn cluster(seed: u64) -> Sim {
    Sim::new(seed, ClusterConfig::default())
}

/// Applies a Deployment.
pub(crate) fn apply_deployment(sim: &mut Sim, d: Deployment) {
    sim.apply(Action::Apply(ApiObject::Deployment(d))).expect("apply deployment");
}

/// Runs to `secs`, asserting invariants after every task.
pub(crate) fn run_checked(sim: &mut Sim, secs: u64) {
    let until = SimTime::from_secs(secs);
    for _ in 0..5_000_000 {
        match sim.next_event_time() {
            Some(t) if t <= until => {
                sim.step();
                let errors = sim.check_invariants();
                assert!(errors.is_empty(), "at {:?}: {errors:?}", sim.now());
            }
            _ => break,
        }
    }
    sim.advance_to(until, 0);
}

/// The Kubernetes Events of the log from `from` on, one line each, optionally filtered.
pub(crate) fn kube_events(
    sim: &Sim,
    from: usize,
    keep: impl Fn(&sim_core::cluster::KubeEvent) -> bool,
) -> String {
    let mut out = String::new();
    for e in sim.events_since(from) {
        match &e.event {
            SimEvent::Kube(k) if keep(k) => {
                out.push_str(&e.to_string());
                out.push('\n');
            }
            SimEvent::Action { .. } => {
                out.push_str(&e.to_string());
                out.push('\n');
            }
            _ => {}
        }
    }
    out
}
