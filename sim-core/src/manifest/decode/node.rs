//! `v1.Node`: labels, taints, capacity and allocatable, images.

use super::{
    cx::Cx,
    meta::{self, NameRule, Scope},
    names,
    scheduling::EFFECTS,
};
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        tree::{Entry, Node as YamlNode},
    },
    model::{
        Node, Quantity, ResourceList, ResourceName, Taint,
        node::{
            ConditionStatus, ContainerImage, NodeAddress, NodeCondition, NodeConditionType,
            NodeSpec, NodeStatus, NodeSystemInfo,
        },
    },
};

/// The kubelet's default `maxPods`, which the simulator assumes when a manifest gives no `pods`.
const DEFAULT_MAX_PODS: i64 = 110;

/// Decodes a Node document's fields.
pub(crate) fn node(cx: &mut Cx<'_>, entries: &[Entry], pos: Pos) -> Node {
    let root = Path::ROOT;
    let mut out = Node::default();
    let mut metadata = None;
    for e in entries {
        let p = root.field(&e.key);
        match &*e.key {
            "apiVersion" | "kind" => {}
            "metadata" => metadata = Some(&e.value),
            "spec" => out.spec = spec(cx, &e.value, &p),
            "status" => out.status = status(cx, &e.value, &p),
            _ => cx.unknown(e, &root),
        }
    }
    out.metadata = meta::object_meta(cx, metadata, pos, NameRule::Subdomain, Scope::Cluster);
    default_resources(&mut out.status);
    out
}

/// Allocatable defaults to capacity (upstream `SetDefaults_NodeStatus`). A missing `pods` gets
/// the kubelet's default of 110, which a real kubelet would report.
///
/// Simplified: a Node manifest without `pods` would have no pod limit upstream until its
/// kubelet registered; here it gets the kubelet default at once.
fn default_resources(status: &mut NodeStatus) {
    if status.allocatable.is_empty() {
        status.allocatable = status.capacity.clone();
    }
    for list in [&mut status.capacity, &mut status.allocatable] {
        if list.get(&ResourceName::Pods).is_none() {
            list.set(ResourceName::Pods, Quantity::from_units(DEFAULT_MAX_PODS));
        }
    }
}

fn spec(cx: &mut Cx<'_>, node: &YamlNode, path: &Path<'_>) -> NodeSpec {
    let mut spec = NodeSpec::default();
    let Some(entries) = cx.map(node, path) else { return spec };
    for e in entries {
        let p = path.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "unschedulable" => spec.unschedulable = cx.bool(v, &p).unwrap_or(false),
            "taints" => spec.taints = taints(cx, v, &p),
            "podCIDR" => spec.pod_cidr = cx.string(v, &p).unwrap_or_default(),
            "podCIDRs" | "providerID" | "externalID" | "configSource" => {}
            _ => cx.unknown(e, path),
        }
    }
    spec
}

fn taints(cx: &mut Cx<'_>, node: &YamlNode, path: &Path<'_>) -> Vec<Taint> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out: Vec<Taint> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let (mut key, mut value, mut effect, mut time_added) =
            (String::new(), String::new(), None, None);
        let mut effect_seen = false;
        for e in entries {
            let fp = p.field(&e.key);
            let v = &e.value;
            match &*e.key {
                "key" => key = cx.string(v, &fp).unwrap_or_default(),
                "value" => value = cx.string(v, &fp).unwrap_or_default(),
                "effect" => {
                    effect_seen = !v.is_null();
                    effect = cx.one_of(v, &fp, &EFFECTS);
                }
                "timeAdded" => time_added = meta::time(cx, v, &fp),
                _ => cx.unknown(e, &p),
            }
        }
        if key.is_empty() {
            cx.required(item.pos, &p.field("key"));
        }
        for m in names::qualified_name(&key).into_iter().filter(|_| !key.is_empty()) {
            cx.invalid(item.pos, &p.field("key"), quote(&key), m);
        }
        for m in names::label_value(&value) {
            cx.invalid(item.pos, &p.field("value"), quote(&value), m);
        }
        let Some(effect) = effect else {
            if !effect_seen {
                cx.required(item.pos, &p.field("effect"));
            }
            continue;
        };
        if out.iter().any(|t| t.key == key && t.effect == effect) {
            cx.duplicate(item.pos, &p, format_args!("{}:{}", quote(&key), effect.as_str()));
        }
        out.push(Taint { key, value, effect, time_added });
    }
    out
}

fn status(cx: &mut Cx<'_>, node: &YamlNode, path: &Path<'_>) -> NodeStatus {
    let mut status = NodeStatus::default();
    let Some(entries) = cx.map(node, path) else { return status };
    for e in entries {
        let p = path.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "capacity" => status.capacity = resources(cx, v, &p),
            "allocatable" => status.allocatable = resources(cx, v, &p),
            "conditions" => status.conditions = conditions(cx, v, &p),
            "addresses" => status.addresses = addresses(cx, v, &p),
            "nodeInfo" => status.node_info = node_info(cx, v, &p),
            "images" => status.images = images(cx, v, &p),
            "daemonEndpoints" | "phase" | "volumesInUse" | "volumesAttached" | "config"
            | "runtimeHandlers" | "features" | "declaredFeatures" => {}
            _ => cx.unknown(e, path),
        }
    }
    status
}

fn resources(cx: &mut Cx<'_>, node: &YamlNode, path: &Path<'_>) -> ResourceList {
    let list = cx.resource_list(node, path);
    for (name, q) in list.iter() {
        for m in names::qualified_name(name.as_str()) {
            cx.invalid(node.pos, &path.key(name.as_str()), quote(name.as_str()), m);
        }
        if q < Quantity::from_millis(0) {
            cx.invalid(
                node.pos,
                &path.key(name.as_str()),
                quote(&q.to_string()),
                "must be greater than or equal to 0",
            );
        }
    }
    list
}

const CONDITION_TYPES: [(&str, NodeConditionType); 5] = [
    ("Ready", NodeConditionType::Ready),
    ("MemoryPressure", NodeConditionType::MemoryPressure),
    ("DiskPressure", NodeConditionType::DiskPressure),
    ("PIDPressure", NodeConditionType::PIDPressure),
    ("NetworkUnavailable", NodeConditionType::NetworkUnavailable),
];

pub(crate) const CONDITION_STATUSES: [(&str, ConditionStatus); 3] = [
    ("True", ConditionStatus::True),
    ("False", ConditionStatus::False),
    ("Unknown", ConditionStatus::Unknown),
];

fn conditions(cx: &mut Cx<'_>, node: &YamlNode, path: &Path<'_>) -> Vec<NodeCondition> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let (mut type_, mut status) = (None, None);
        let mut c = NodeCondition {
            type_: NodeConditionType::Ready,
            status: ConditionStatus::Unknown,
            last_heartbeat_time: Default::default(),
            last_transition_time: Default::default(),
            reason: String::new(),
            message: String::new(),
        };
        for e in entries {
            let fp = p.field(&e.key);
            let v = &e.value;
            match &*e.key {
                "type" => type_ = cx.one_of(v, &fp, &CONDITION_TYPES),
                "status" => status = cx.one_of(v, &fp, &CONDITION_STATUSES),
                "lastHeartbeatTime" => {
                    c.last_heartbeat_time = meta::time(cx, v, &fp).unwrap_or_default()
                }
                "lastTransitionTime" => {
                    c.last_transition_time = meta::time(cx, v, &fp).unwrap_or_default()
                }
                "reason" => c.reason = cx.string(v, &fp).unwrap_or_default(),
                "message" => c.message = cx.string(v, &fp).unwrap_or_default(),
                _ => cx.unknown(e, &p),
            }
        }
        match (type_, status) {
            (Some(t), Some(s)) => {
                c.type_ = t;
                c.status = s;
                out.push(c);
            }
            (t, s) => {
                if t.is_none() && item.get("type").is_none() {
                    cx.required(item.pos, &p.field("type"));
                }
                if s.is_none() && item.get("status").is_none() {
                    cx.required(item.pos, &p.field("status"));
                }
            }
        }
    }
    out
}

fn addresses(cx: &mut Cx<'_>, node: &YamlNode, path: &Path<'_>) -> Vec<NodeAddress> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let mut a = NodeAddress { type_: String::new(), address: String::new() };
        for e in entries {
            let fp = p.field(&e.key);
            match &*e.key {
                "type" => a.type_ = cx.string(&e.value, &fp).unwrap_or_default(),
                "address" => a.address = cx.string(&e.value, &fp).unwrap_or_default(),
                _ => cx.unknown(e, &p),
            }
        }
        out.push(a);
    }
    out
}

fn node_info(cx: &mut Cx<'_>, node: &YamlNode, path: &Path<'_>) -> NodeSystemInfo {
    let mut info = NodeSystemInfo::default();
    let Some(entries) = cx.map(node, path) else { return info };
    for e in entries {
        let p = path.field(&e.key);
        let target = match &*e.key {
            "architecture" => &mut info.architecture,
            "operatingSystem" => &mut info.operating_system,
            "osImage" => &mut info.os_image,
            "kernelVersion" => &mut info.kernel_version,
            "kubeletVersion" => &mut info.kubelet_version,
            "containerRuntimeVersion" => &mut info.container_runtime_version,
            "machineID" | "systemUUID" | "bootID" | "kubeProxyVersion" | "swap" => continue,
            _ => {
                cx.unknown(e, path);
                continue;
            }
        };
        *target = cx.string(&e.value, &p).unwrap_or_default();
    }
    info
}

fn images(cx: &mut Cx<'_>, node: &YamlNode, path: &Path<'_>) -> Vec<ContainerImage> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let mut image = ContainerImage { names: Vec::new(), size_bytes: 0 };
        for e in entries {
            let fp = p.field(&e.key);
            match &*e.key {
                "names" => image.names = cx.strings(&e.value, &fp),
                "sizeBytes" => image.size_bytes = cx.int(&e.value, &fp).unwrap_or(0),
                _ => cx.unknown(e, &p),
            }
        }
        if image.size_bytes < 0 {
            cx.invalid(
                item.pos,
                &p.field("sizeBytes"),
                image.size_bytes,
                "must be greater than or equal to 0",
            );
        }
        out.push(image);
    }
    out
}
