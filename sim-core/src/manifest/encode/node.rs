//! `v1.Node` on the wire.

use super::{
    meta::{header, strings},
    resources::resource_list,
    value::{Obj, Value},
};
use crate::{manifest::timestamp, model::Node};

/// A Node.
///
/// Simplified: `status.daemonEndpoints` (the kubelet's port) is not printed; `nodeInfo` fields
/// the model does not hold (machine and boot IDs) print empty, as for a node whose kubelet has
/// not reported them.
pub(crate) fn node(n: &Node) -> Value {
    let taints: Vec<Value> = n
        .spec
        .taints
        .iter()
        .map(|t| {
            Obj::new()
                .put("key", &t.key)
                .str("value", &t.value)
                .put("effect", t.effect.as_str())
                .opt("timeAdded", t.time_added.map(timestamp::format))
                .build()
        })
        .collect();
    let cidrs =
        if n.spec.pod_cidr.is_empty() { vec![] } else { vec![Value::from(&n.spec.pod_cidr)] };
    let spec = Obj::new()
        .str("podCIDR", &n.spec.pod_cidr)
        .coll("podCIDRs", Value::Array(cidrs))
        .coll("taints", Value::Array(taints))
        .flag("unschedulable", n.spec.unschedulable)
        .build();
    let s = &n.status;
    let conditions: Vec<Value> = s
        .conditions
        .iter()
        .map(|c| {
            Obj::new()
                .put("type", c.type_.as_str())
                .put("status", c.status.as_str())
                .put("lastHeartbeatTime", timestamp::format(c.last_heartbeat_time))
                .put("lastTransitionTime", timestamp::format(c.last_transition_time))
                .str("reason", &c.reason)
                .str("message", &c.message)
                .build()
        })
        .collect();
    let addresses: Vec<Value> = s
        .addresses
        .iter()
        .map(|a| Obj::new().put("type", &a.type_).put("address", &a.address).build())
        .collect();
    let images: Vec<Value> = s
        .images
        .iter()
        .map(|i| Obj::new().put("names", strings(&i.names)).int("sizeBytes", i.size_bytes).build())
        .collect();
    let info = &s.node_info;
    let node_info = Obj::new()
        .put("machineID", "")
        .put("systemUUID", "")
        .put("bootID", "")
        .put("kernelVersion", &info.kernel_version)
        .put("osImage", &info.os_image)
        .put("containerRuntimeVersion", &info.container_runtime_version)
        .put("kubeletVersion", &info.kubelet_version)
        .put("kubeProxyVersion", "")
        .put("operatingSystem", &info.operating_system)
        .put("architecture", &info.architecture)
        .build();
    let status = Obj::new()
        .coll("capacity", resource_list(&s.capacity))
        .coll("allocatable", resource_list(&s.allocatable))
        .coll("conditions", Value::Array(conditions))
        .coll("addresses", Value::Array(addresses))
        .put("nodeInfo", node_info)
        .coll("images", Value::Array(images))
        .build();
    header("v1", "Node", &n.metadata).put("spec", spec).put("status", status).build()
}
