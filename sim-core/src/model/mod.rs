//! The Kubernetes API objects the simulator knows, with Kubernetes' own field names (in
//! `snake_case`; the manifest module maps them to and from the `camelCase` wire format).
//!
//! These types are plain data: no behaviour beyond small helpers that upstream also keeps next
//! to the types (label matching, toleration matching, quantity parsing).

pub mod event;
pub mod meta;
pub mod node;
pub mod pod;
pub mod quantity;
pub mod resources;
pub mod service;
pub mod workload;

pub use event::{Event, EventType, Lease};
pub use meta::{LabelSelector, Labels, ObjectMeta, OwnerReference, Uid};
pub use node::{Node, NodeSpec, NodeStatus, Taint, TaintEffect, Toleration, TolerationOperator};
pub use pod::{Container, Pod, PodPhase, PodSpec, PodStatus};
pub use quantity::Quantity;
pub use resources::{ResourceList, ResourceName};
pub use service::{EndpointSlice, Service, ServiceSpec, ServiceType};
pub use workload::{Deployment, DeploymentSpec, IntOrString, PodTemplateSpec, ReplicaSet};
