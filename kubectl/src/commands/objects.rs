//! Reading objects out of the simulated API: listing a resource type in a namespace (or in
//! all of them) in the API's order, finding one by name, and each object's table row, wire
//! form and `kind/name`.

use crate::resource::Resource;
use sim_core::{
    cluster::Store,
    manifest::{ToWire, Value},
    model::{Deployment, EndpointSlice, Event, Lease, Node, ObjectMeta, Pod, ReplicaSet, Service},
    printers,
    time::SimTime,
};

/// Namespace of node Leases.
pub(crate) const LEASE_NAMESPACE: &str = "kube-node-lease";

/// A borrowed object of any served type.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Obj<'a> {
    Pod(&'a Pod),
    Node(&'a Node),
    Deployment(&'a Deployment),
    ReplicaSet(&'a ReplicaSet),
    Service(&'a Service),
    EndpointSlice(&'a EndpointSlice),
    Event(&'a Event),
    Lease(&'a Lease),
}

impl<'a> Obj<'a> {
    pub(crate) fn meta(&self) -> &'a ObjectMeta {
        match *self {
            Obj::Pod(o) => &o.metadata,
            Obj::Node(o) => &o.metadata,
            Obj::Deployment(o) => &o.metadata,
            Obj::ReplicaSet(o) => &o.metadata,
            Obj::Service(o) => &o.metadata,
            Obj::EndpointSlice(o) => &o.metadata,
            Obj::Event(o) => &o.metadata,
            Obj::Lease(o) => &o.metadata,
        }
    }

    pub(crate) fn resource(&self) -> Resource {
        match self {
            Obj::Pod(_) => Resource::Pods,
            Obj::Node(_) => Resource::Nodes,
            Obj::Deployment(_) => Resource::Deployments,
            Obj::ReplicaSet(_) => Resource::ReplicaSets,
            Obj::Service(_) => Resource::Services,
            Obj::EndpointSlice(_) => Resource::EndpointSlices,
            Obj::Event(_) => Resource::Events,
            Obj::Lease(_) => Resource::Leases,
        }
    }

    pub(crate) fn wire(&self) -> Value {
        match *self {
            Obj::Pod(o) => o.to_wire(),
            Obj::Node(o) => o.to_wire(),
            Obj::Deployment(o) => o.to_wire(),
            Obj::ReplicaSet(o) => o.to_wire(),
            Obj::Service(o) => o.to_wire(),
            Obj::EndpointSlice(o) => o.to_wire(),
            Obj::Event(o) => o.to_wire(),
            Obj::Lease(o) => o.to_wire(),
        }
    }

    /// `-o name`: `deployment.apps/web`.
    pub(crate) fn slash_name(&self) -> String {
        format!("{}/{}", self.resource().kind_group(), self.meta().name)
    }

    /// The table row (NAME first).
    pub(crate) fn row(&self, now: SimTime, wide: bool) -> Vec<String> {
        match *self {
            Obj::Pod(o) => printers::pod::row(o, now, wide),
            Obj::Node(o) => printers::node::row(o, now, wide),
            Obj::Deployment(o) => printers::deployment::row(o, now, wide),
            Obj::ReplicaSet(o) => printers::replicaset::row(o, now, wide),
            Obj::Service(o) => printers::service::row(o, now, wide),
            Obj::EndpointSlice(o) => printers::endpointslice::row(o, now),
            Obj::Event(o) => printers::event::row(o, now, wide),
            Obj::Lease(o) => printers::lease::row(o, now),
        }
    }
}

/// The column names of a resource's table.
pub(crate) fn header(r: Resource, wide: bool) -> Vec<&'static str> {
    let (base, extra): (&[&str], &[&str]) = match r {
        Resource::Pods => (printers::pod::HEADER, printers::pod::WIDE),
        Resource::Nodes => (printers::node::HEADER, printers::node::WIDE),
        Resource::Deployments => (printers::deployment::HEADER, printers::deployment::WIDE),
        Resource::ReplicaSets => (printers::replicaset::HEADER, printers::replicaset::WIDE),
        Resource::Services => (printers::service::HEADER, printers::service::WIDE),
        Resource::EndpointSlices => (printers::endpointslice::HEADER, &[]),
        Resource::Events if wide => (printers::event::WIDE_HEADER, &[]),
        Resource::Events => (printers::event::HEADER, &[]),
        Resource::Leases => (printers::lease::HEADER, &[]),
    };
    let mut h = base.to_vec();
    if wide {
        h.extend_from_slice(extra);
    }
    h
}

fn by_key<'a>(mut v: Vec<Obj<'a>>) -> Vec<Obj<'a>> {
    v.sort_by(|a, b| {
        (&a.meta().namespace, &a.meta().name).cmp(&(&b.meta().namespace, &b.meta().name))
    });
    v
}

/// Every object of `r` in `namespace` (`None`: all namespaces), in the API's order.
pub(crate) fn list<'a>(store: &'a Store, r: Resource, namespace: Option<&str>) -> Vec<Obj<'a>> {
    let in_ns = |m: &ObjectMeta| namespace.is_none_or(|ns| m.namespace == ns);
    let all: Vec<Obj<'a>> = match r {
        Resource::Pods => store.pods().map(Obj::Pod).collect(),
        Resource::Nodes => return store.nodes().map(Obj::Node).collect(),
        Resource::Deployments => store.deployments().map(Obj::Deployment).collect(),
        Resource::ReplicaSets => store.replica_sets().map(Obj::ReplicaSet).collect(),
        Resource::Services => store.services().map(Obj::Service).collect(),
        Resource::EndpointSlices => store.endpoint_slices().map(Obj::EndpointSlice).collect(),
        Resource::Events => store.events().map(Obj::Event).collect(),
        Resource::Leases => {
            store.nodes().filter_map(|n| store.lease(&n.metadata.name)).map(Obj::Lease).collect()
        }
    };
    by_key(all.into_iter().filter(|o| in_ns(o.meta())).collect())
}

/// The object `name` of `r` in `namespace` (ignored for nodes).
pub(crate) fn get<'a>(
    store: &'a Store,
    r: Resource,
    namespace: &str,
    name: &str,
) -> Option<Obj<'a>> {
    match r {
        Resource::Pods => store.pod_by_name(namespace, name).map(Obj::Pod),
        Resource::Nodes => store.node(name).map(Obj::Node),
        Resource::Deployments => store.deployment(namespace, name).map(Obj::Deployment),
        Resource::ReplicaSets => store.replica_set(namespace, name).map(Obj::ReplicaSet),
        Resource::Services => store.service(namespace, name).map(Obj::Service),
        _ => list(store, r, Some(namespace)).into_iter().find(|o| o.meta().name == name),
    }
}

/// `Error from server (NotFound): pods "x" not found`.
pub(crate) fn not_found(r: Resource, name: &str) -> String {
    format!("Error from server (NotFound): {} \"{name}\" not found", r.qualified())
}

/// The namespaces that hold objects, `default` included (for completion).
pub(crate) fn namespaces(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = vec!["default".into(), LEASE_NAMESPACE.into()];
    v.extend(store.pods().map(|p| p.metadata.namespace.clone()));
    v.extend(store.deployments().map(|d| d.metadata.namespace.clone()));
    v.extend(store.services().map(|s| s.metadata.namespace.clone()));
    v.sort();
    v.dedup();
    v
}
