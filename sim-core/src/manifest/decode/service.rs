//! `v1.Service`.

use super::{
    container::PROTOCOLS,
    cx::Cx,
    meta::{self, NameRule, Scope},
    names,
    pod::status_ignored,
};
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        tree::{Entry, Node, NodeKind},
    },
    model::{
        IntOrString,
        service::{Service, ServicePort, ServiceSpec, ServiceType},
    },
};
use std::net::Ipv4Addr;

/// `--service-node-port-range`'s default.
const NODE_PORT_RANGE: std::ops::RangeInclusive<i32> = 30000..=32767;

/// Decodes a Service document's fields.
pub(crate) fn service(cx: &mut Cx<'_>, entries: &[Entry], pos: Pos) -> Service {
    let root = Path::ROOT;
    let (mut metadata, mut spec_node) = (None, None);
    for e in entries {
        match &*e.key {
            "apiVersion" | "kind" => {}
            "metadata" => metadata = Some(&e.value),
            "spec" => spec_node = Some(&e.value),
            "status" => status_ignored(cx, e),
            _ => cx.unknown(e, &root),
        }
    }
    let metadata = meta::object_meta(cx, metadata, pos, NameRule::Dns1035, Scope::Namespaced);
    let spec = spec(cx, spec_node, &root.field("spec"), pos);
    Service { metadata, spec }
}

fn spec(cx: &mut Cx<'_>, node: Option<&Node>, path: &Path<'_>, pos: Pos) -> ServiceSpec {
    let mut spec = ServiceSpec::default();
    let mut ports_node = None;
    let spec_pos = node.map_or(pos, |n| n.pos);
    for e in node.and_then(|n| cx.map(n, path)).unwrap_or_default() {
        let p = path.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "type" => spec.type_ = service_type(cx, v, &p),
            "selector" => {
                // An empty selector is no selector: endpoints are managed outside the cluster.
                spec.selector = Some(meta::labels(cx, v, &p)).filter(|l| !l.is_empty());
            }
            "ports" => ports_node = Some(v),
            "clusterIP" => cluster_ip(cx, v, &p, &mut spec),
            "clusterIPs" | "ipFamilies" | "ipFamilyPolicy" => {}
            "sessionAffinity" => {
                spec.session_affinity_client_ip =
                    cx.one_of(v, &p, &[("None", false), ("ClientIP", true)]).unwrap_or(false);
            }
            "sessionAffinityConfig" => {
                // The default the API server fills in for ClientIP is accepted silently.
                let timeout = v.get("clientIP").and_then(|c| c.value.get("timeoutSeconds"));
                let default = timeout.is_some_and(
                    |t| matches!(&t.value.kind, NodeKind::Scalar(s) if &*s.text == "10800"),
                );
                if !default {
                    cx.ignored(e, path, "the ClientIP affinity timeout is fixed at 10800 s");
                }
            }
            "externalTrafficPolicy" | "internalTrafficPolicy" => {
                if cx.one_of(v, &p, &[("Cluster", true), ("Local", false)]) == Some(false) {
                    cx.not_simulated(
                        v.pos,
                        &p,
                        "traffic policy Local; traffic is spread over every endpoint",
                    );
                }
            }
            "publishNotReadyAddresses" => {
                if cx.bool(v, &p) == Some(true) {
                    cx.not_simulated(v.pos, &p, "publishing endpoints of pods that are not ready");
                }
            }
            "externalName" => cx.not_simulated(e.key_pos, &p, "ExternalName Services"),
            "externalIPs"
            | "loadBalancerIP"
            | "loadBalancerSourceRanges"
            | "loadBalancerClass"
            | "allocateLoadBalancerNodePorts"
            | "healthCheckNodePort"
            | "trafficDistribution" => {
                cx.ignored(e, path, "there is no load balancer outside the simulated cluster");
            }
            _ => cx.unknown(e, path),
        }
    }
    spec.ports = ports(cx, ports_node, &path.field("ports"), spec.type_);
    let listed =
        ports_node.is_some_and(|n| matches!(&n.kind, NodeKind::Seq(items) if !items.is_empty()));
    if !spec.headless && !listed {
        cx.required(spec_pos, &path.field("ports"));
    }
    spec
}

fn service_type(cx: &mut Cx<'_>, node: &Node, p: &Path<'_>) -> ServiceType {
    let choices = [
        ("ClusterIP", Some(ServiceType::ClusterIP)),
        ("NodePort", Some(ServiceType::NodePort)),
        ("LoadBalancer", Some(ServiceType::LoadBalancer)),
        ("ExternalName", None),
    ];
    match cx.one_of(node, p, &choices) {
        Some(Some(t)) => t,
        Some(None) => {
            cx.not_simulated(node.pos, p, "ExternalName Services (cluster DNS is not simulated)");
            ServiceType::ClusterIP
        }
        None => ServiceType::ClusterIP,
    }
}

fn cluster_ip(cx: &mut Cx<'_>, node: &Node, p: &Path<'_>, spec: &mut ServiceSpec) {
    let Some(s) = cx.string(node, p) else { return };
    match s.as_str() {
        "" => {}
        "None" => spec.headless = true,
        _ => match s.parse::<Ipv4Addr>() {
            Ok(ip) => spec.cluster_ip = Some(ip),
            Err(_) => cx.invalid(
                node.pos,
                p,
                quote(&s),
                "must be a valid IPv4 address or \"None\" (IPv6 is not simulated)",
            ),
        },
    }
}

fn ports(
    cx: &mut Cx<'_>,
    node: Option<&Node>,
    path: &Path<'_>,
    type_: ServiceType,
) -> Vec<ServicePort> {
    let Some(items) = node.and_then(|n| cx.seq(n, path)) else { return Vec::new() };
    let mut out: Vec<ServicePort> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(port) = service_port(cx, item, &p, type_) else { continue };
        if items.len() > 1 && port.name.is_empty() {
            cx.required(item.pos, &p.field("name"));
        }
        if !port.name.is_empty() && out.iter().any(|o| o.name == port.name) {
            cx.duplicate(item.pos, &p.field("name"), quote(&port.name));
        }
        if out.iter().any(|o| o.port == port.port && o.protocol == port.protocol) {
            cx.duplicate(
                item.pos,
                &p,
                format_args!("{{{}, {}}}", port.port, quote(port.protocol.as_str())),
            );
        }
        out.push(port);
    }
    out
}

fn service_port(
    cx: &mut Cx<'_>,
    node: &Node,
    p: &Path<'_>,
    type_: ServiceType,
) -> Option<ServicePort> {
    let entries = cx.map(node, p)?;
    let mut port = ServicePort {
        name: String::new(),
        protocol: Default::default(),
        port: 0,
        target_port: IntOrString::Int(0),
        node_port: None,
    };
    let mut target = None;
    for e in entries {
        let fp = p.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "name" => port.name = cx.string(v, &fp).unwrap_or_default(),
            "protocol" => port.protocol = cx.one_of(v, &fp, &PROTOCOLS).unwrap_or_default(),
            "port" => port.port = cx.i32(v, &fp).unwrap_or(0),
            "targetPort" => target = cx.int_or_string(v, &fp).map(|t| (t, v.pos)),
            "nodePort" => {
                if let Some(n) = cx.i32(v, &fp).filter(|n| *n != 0) {
                    check_node_port(cx, v.pos, &fp, n, type_);
                    port.node_port = Some(n);
                }
            }
            "appProtocol" => cx.ignored(e, p, "application protocols are not simulated"),
            _ => cx.unknown(e, p),
        }
    }
    for m in names::port_number(port.port) {
        cx.invalid(node.pos, &p.field("port"), port.port, m);
    }
    if !port.name.is_empty() {
        for m in names::dns1123_label(&port.name) {
            cx.invalid(node.pos, &p.field("name"), quote(&port.name), m);
        }
    }
    port.target_port = match target {
        // Defaulting: targetPort is port.
        None | Some((IntOrString::Int(0), _)) => IntOrString::Int(port.port),
        Some((t, pos)) => {
            check_target_port(cx, pos, &p.field("targetPort"), &t);
            t
        }
    };
    Some(port)
}

fn check_node_port(cx: &mut Cx<'_>, pos: Pos, p: &Path<'_>, n: i32, type_: ServiceType) {
    if type_ == ServiceType::ClusterIP {
        cx.forbidden(pos, p, "may not be used when `type` is 'ClusterIP'");
    } else if !NODE_PORT_RANGE.contains(&n) {
        cx.invalid(
            pos,
            p,
            n,
            "provided port is not in the valid range. The range of valid ports is 30000-32767",
        );
    }
}

fn check_target_port(cx: &mut Cx<'_>, pos: Pos, p: &Path<'_>, t: &IntOrString) {
    match t {
        IntOrString::Int(n) => {
            for m in names::port_number(*n) {
                cx.invalid(pos, p, n, m);
            }
        }
        IntOrString::String(s) => {
            for m in names::port_name(s) {
                cx.invalid(pos, p, quote(s), m);
            }
        }
    }
}
