//! Model objects to the Kubernetes wire format, as `kubectl get -o json|yaml` prints them.
//!
//! Objects first become a [`Value`] (what Go's `encoding/json` makes of the API type, with its
//! `omitempty` rules and the defaults the API server fills in); the JSON and YAML printers then
//! lay that out as kubectl does.

mod json;
mod meta;
mod node;
mod pod;
mod resources;
mod scheduler;
mod service;
pub(crate) mod value;
mod workload;
mod yaml;

pub use value::Value;

use crate::{
    model::{Deployment, EndpointSlice, Event, Lease, Node, Pod, ReplicaSet, Service},
    scheduler::config::Profile,
};

use super::Object;

/// Something that has a wire form.
pub trait ToWire {
    /// The object as a JSON-shaped value, `apiVersion` and `kind` included.
    fn to_wire(&self) -> Value;
}

/// `kubectl get -o json`: keys sorted, four-space indentation, a trailing newline.
pub fn to_json<T: ToWire + ?Sized>(object: &T) -> String {
    json::print(&object.to_wire())
}

/// `kubectl get -o yaml`: go-yaml v2's layout, a trailing newline.
pub fn to_yaml<T: ToWire + ?Sized>(object: &T) -> String {
    yaml::print(&object.to_wire())
}

impl ToWire for Value {
    fn to_wire(&self) -> Value {
        self.clone()
    }
}

impl Value {
    /// This value printed as `kubectl get -o json` prints.
    pub fn to_json_string(&self) -> String {
        json::print(self)
    }

    /// This value printed as `kubectl get -o yaml` prints.
    pub fn to_yaml_string(&self) -> String {
        yaml::print(self)
    }
}

impl ToWire for Node {
    fn to_wire(&self) -> Value {
        node::node(self)
    }
}

impl ToWire for Pod {
    fn to_wire(&self) -> Value {
        pod::pod(self)
    }
}

impl ToWire for Deployment {
    fn to_wire(&self) -> Value {
        workload::deployment(self)
    }
}

impl ToWire for ReplicaSet {
    fn to_wire(&self) -> Value {
        workload::replica_set(self)
    }
}

impl ToWire for Service {
    fn to_wire(&self) -> Value {
        service::service(self)
    }
}

impl ToWire for EndpointSlice {
    fn to_wire(&self) -> Value {
        service::endpoint_slice(self)
    }
}

impl ToWire for Event {
    fn to_wire(&self) -> Value {
        service::event(self)
    }
}

impl ToWire for Lease {
    fn to_wire(&self) -> Value {
        service::lease(self)
    }
}

impl ToWire for Profile {
    fn to_wire(&self) -> Value {
        scheduler::configuration(self)
    }
}

impl ToWire for Object {
    fn to_wire(&self) -> Value {
        match self {
            Object::Node(o) => o.to_wire(),
            Object::Pod(o) => o.to_wire(),
            Object::Deployment(o) => o.to_wire(),
            Object::ReplicaSet(o) => o.to_wire(),
            Object::Service(o) => o.to_wire(),
            Object::SchedulerConfiguration(o) => o.to_wire(),
        }
    }
}
