//! `v1.Service` and `discovery.k8s.io/v1.EndpointSlice`.

use super::{meta::ObjectMeta, pod::Protocol, workload::IntOrString};
use crate::model::meta::Labels;
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;

/// `v1.Service`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: ServiceSpec,
}

/// `v1.ServiceSpec`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSpec {
    /// `type`.
    pub type_: ServiceType,
    /// `selector`; `None` for a Service without a selector (no EndpointSlices are managed).
    pub selector: Option<Labels>,
    /// `ports`.
    pub ports: Vec<ServicePort>,
    /// `clusterIP`: allocated from the service CIDR; `None` before allocation.
    pub cluster_ip: Option<Ipv4Addr>,
    /// `clusterIP: None`: a headless Service.
    pub headless: bool,
    /// `sessionAffinity: ClientIP` when true.
    pub session_affinity_client_ip: bool,
}

/// `v1.ServiceType`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceType {
    /// `ClusterIP` (the default).
    #[default]
    ClusterIP,
    /// `NodePort`.
    NodePort,
    /// `LoadBalancer`.
    LoadBalancer,
}

impl ServiceType {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceType::ClusterIP => "ClusterIP",
            ServiceType::NodePort => "NodePort",
            ServiceType::LoadBalancer => "LoadBalancer",
        }
    }
}

/// `v1.ServicePort`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePort {
    /// `name`.
    pub name: String,
    /// `protocol`.
    pub protocol: Protocol,
    /// `port`.
    pub port: i32,
    /// `targetPort` (defaults to `port`).
    pub target_port: IntOrString,
    /// `nodePort` (NodePort and LoadBalancer; 30000–32767).
    pub node_port: Option<i32>,
}

/// `discovery.k8s.io/v1.EndpointSlice`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointSlice {
    /// `metadata` (labelled `kubernetes.io/service-name`).
    pub metadata: ObjectMeta,
    /// `addressType` (always `IPv4` here).
    pub address_type: String,
    /// `endpoints` (at most 100 per slice by default).
    pub endpoints: Vec<Endpoint>,
    /// `ports`.
    pub ports: Vec<EndpointPort>,
}

/// `discovery.k8s.io/v1.Endpoint`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// `addresses`.
    pub addresses: Vec<Ipv4Addr>,
    /// `conditions.ready`: ready and not terminating; kube-proxy routes only to these.
    pub ready: bool,
    /// `conditions.serving`: ready, terminating or not.
    pub serving: bool,
    /// `conditions.terminating`.
    pub terminating: bool,
    /// `nodeName`.
    pub node_name: String,
    /// `targetRef`: the pod's namespace, name and uid.
    pub target_ref: ObjectReference,
}

/// `discovery.k8s.io/v1.EndpointPort`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointPort {
    /// `name`.
    pub name: String,
    /// `port`.
    pub port: i32,
    /// `protocol`.
    pub protocol: Protocol,
}

/// `v1.ObjectReference`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectReference {
    /// `kind`.
    pub kind: String,
    /// `namespace`.
    pub namespace: String,
    /// `name`.
    pub name: String,
    /// `uid`.
    pub uid: super::meta::Uid,
}

/// The label that ties an EndpointSlice to its Service.
pub const LABEL_SERVICE_NAME: &str = "kubernetes.io/service-name";
/// The label naming the controller that manages an EndpointSlice.
pub const LABEL_MANAGED_BY: &str = "endpointslice.kubernetes.io/managed-by";
/// The EndpointSlice controller's `managed-by` value.
pub const ENDPOINTSLICE_CONTROLLER: &str = "endpointslice-controller.k8s.io";
