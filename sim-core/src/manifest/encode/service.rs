//! Services, EndpointSlices, Events and Leases on the wire.

use super::{
    meta::{header, labels},
    resources::protocol,
    value::{Obj, Value},
};
use crate::{
    manifest::timestamp,
    model::{
        EndpointSlice, Event, IntOrString, Lease, Service, ServiceType,
        service::{Endpoint, ObjectReference},
    },
};

/// A Service, with the fields the API server defaults (`sessionAffinity`, traffic policies,
/// IP families).
pub(crate) fn service(s: &Service) -> Value {
    let spec = &s.spec;
    let ports: Vec<Value> = spec
        .ports
        .iter()
        .map(|p| {
            let target = match &p.target_port {
                IntOrString::Int(i) => Value::from(*i),
                IntOrString::String(s) => Value::from(s),
            };
            Obj::new()
                .str("name", &p.name)
                .put("protocol", protocol(p.protocol))
                .put("port", p.port)
                .put("targetPort", target)
                .opt("nodePort", p.node_port)
                .build()
        })
        .collect();
    let cluster_ip = if spec.headless {
        Some("None".to_owned())
    } else {
        spec.cluster_ip.map(|ip| ip.to_string())
    };
    let allocated = cluster_ip.is_some();
    let external = matches!(spec.type_, ServiceType::NodePort | ServiceType::LoadBalancer);
    let affinity = if spec.session_affinity_client_ip { "ClientIP" } else { "None" };
    let affinity_config = spec.session_affinity_client_ip.then(|| {
        Obj::new().put("clientIP", Obj::new().put("timeoutSeconds", 10_800).build()).build()
    });
    let body = Obj::new()
        .coll("ports", Value::Array(ports))
        .coll("selector", spec.selector.as_ref().map_or(Value::Object(Vec::new()), labels))
        .opt("clusterIP", cluster_ip.clone())
        .opt("clusterIPs", cluster_ip.map(|ip| Value::Array(vec![Value::from(ip)])))
        .put("type", spec.type_.as_str())
        .put("sessionAffinity", affinity)
        .opt("sessionAffinityConfig", affinity_config)
        .opt("externalTrafficPolicy", external.then_some("Cluster"))
        .put("internalTrafficPolicy", "Cluster")
        .opt("ipFamilies", allocated.then(|| Value::Array(vec![Value::from("IPv4")])))
        .opt("ipFamilyPolicy", allocated.then_some("SingleStack"))
        .build();
    let status = Obj::new().put("loadBalancer", Obj::new().build()).build();
    header("v1", "Service", &s.metadata).put("spec", body).put("status", status).build()
}

/// An EndpointSlice.
pub(crate) fn endpoint_slice(e: &EndpointSlice) -> Value {
    let endpoints = if e.endpoints.is_empty() {
        Value::Null
    } else {
        Value::Array(e.endpoints.iter().map(endpoint).collect())
    };
    let ports = if e.ports.is_empty() {
        Value::Null
    } else {
        Value::Array(
            e.ports
                .iter()
                .map(|p| {
                    Obj::new()
                        .put("name", &p.name)
                        .put("port", p.port)
                        .put("protocol", protocol(p.protocol))
                        .build()
                })
                .collect(),
        )
    };
    header("discovery.k8s.io/v1", "EndpointSlice", &e.metadata)
        .put("addressType", &e.address_type)
        .put("endpoints", endpoints)
        .put("ports", ports)
        .build()
}

fn endpoint(e: &Endpoint) -> Value {
    let conditions = Obj::new()
        .put("ready", e.ready)
        .put("serving", e.serving)
        .put("terminating", e.terminating)
        .build();
    Obj::new()
        .put(
            "addresses",
            Value::Array(e.addresses.iter().map(|a| Value::from(a.to_string())).collect()),
        )
        .put("conditions", conditions)
        .str("nodeName", &e.node_name)
        .put("targetRef", object_reference(&e.target_ref))
        .build()
}

/// The API group/version of a kind the simulator has.
fn api_version_of(kind: &str) -> &'static str {
    match kind {
        "Deployment" | "ReplicaSet" => "apps/v1",
        "EndpointSlice" => "discovery.k8s.io/v1",
        "Lease" => "coordination.k8s.io/v1",
        _ => "v1",
    }
}

fn object_reference(r: &ObjectReference) -> Value {
    Obj::new()
        .str("kind", &r.kind)
        .str("namespace", &r.namespace)
        .str("name", &r.name)
        .opt("uid", (r.uid != crate::model::Uid::default()).then(|| r.uid.to_string()))
        .build()
}

/// A core/v1 Event, in the form the kubelet and controllers record (`count`, first and last
/// timestamps, `source`), which `kubectl get events` reads.
pub(crate) fn event(e: &Event) -> Value {
    let involved = match object_reference(&e.involved_object) {
        Value::Object(mut fields) => {
            fields.push((
                "apiVersion".to_owned(),
                Value::from(api_version_of(&e.involved_object.kind)),
            ));
            Value::Object(fields)
        }
        other => other,
    };
    let source =
        Obj::new().str("component", &e.source_component).str("host", &e.source_host).build();
    header("v1", "Event", &e.metadata)
        .put("involvedObject", involved)
        .put("reason", &e.reason)
        .put("message", &e.message)
        .put("source", source)
        .put("firstTimestamp", timestamp::format(e.first_timestamp))
        .put("lastTimestamp", timestamp::format(e.last_timestamp))
        .put("count", e.count)
        .put("type", e.type_.as_str())
        .put("eventTime", Value::Null)
        .put("reportingComponent", &e.source_component)
        .put("reportingInstance", &e.source_host)
        .build()
}

/// A coordination.k8s.io/v1 Lease (a node heartbeat).
pub(crate) fn lease(l: &Lease) -> Value {
    let spec = Obj::new()
        .str("holderIdentity", &l.holder_identity)
        .put("leaseDurationSeconds", l.lease_duration_seconds)
        .put("renewTime", timestamp::format_micro(l.renew_time))
        .build();
    header("coordination.k8s.io/v1", "Lease", &l.metadata).put("spec", spec).build()
}
