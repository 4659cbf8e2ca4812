//! `kubectl describe node` (`describeNode`, `describeNodeResource`): conditions, capacity,
//! the non-terminated pods with their share of allocatable, and the allocated totals.

use super::{
    PrefixWriter, annotations_multiline, events_section, labels_multiline, rfc1123z,
    taints_multiline,
};
use crate::{
    model::{Event, Lease, Node, Pod, Quantity, ResourceList, ResourceName},
    printers::{
        duration::human_duration,
        node::node_roles,
        resources::{add, pod_limits, pod_requests},
    },
    time::SimTime,
};

/// Describes one node. `pods` are the node's non-terminated pods (phase neither Succeeded
/// nor Failed) in API order, `lease` its Lease in `kube-node-lease`.
pub fn describe_node(
    node: &Node,
    pods: &[&Pod],
    lease: Option<&Lease>,
    events: Option<&[&Event]>,
    now: SimTime,
) -> String {
    let mut w = PrefixWriter::new();
    let m = &node.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    let roles = node_roles(node).join(",");
    w.write(0, &format!("Roles:\t{}\n", if roles.is_empty() { "<none>" } else { &roles }));
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.write(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(m.creation_timestamp)));
    taints_multiline(&mut w, "Taints", &node.spec.taints);
    w.write(0, &format!("Unschedulable:\t{}\n", node.spec.unschedulable));
    lease_lines(&mut w, &m.name, lease);
    conditions(&mut w, node);
    w.write(0, "Addresses:\n");
    for a in &node.status.addresses {
        w.write(1, &format!("{}:\t{}\n", a.type_, a.address));
    }
    for (title, list) in
        [("Capacity", &node.status.capacity), ("Allocatable", &node.status.allocatable)]
    {
        if list.is_empty() {
            continue;
        }
        w.write(0, &format!("{title}:\n"));
        for (name, q) in list.iter() {
            w.write(0, &format!("  {name}:\t{q}\n"));
        }
    }
    let info = &node.status.node_info;
    w.write(0, "System Info:\n");
    for (k, v) in [
        ("Machine ID", ""),
        ("System UUID", ""),
        ("Boot ID", ""),
        ("Kernel Version", info.kernel_version.as_str()),
        ("OS Image", info.os_image.as_str()),
        ("Operating System", info.operating_system.as_str()),
        ("Architecture", info.architecture.as_str()),
        ("Container Runtime Version", info.container_runtime_version.as_str()),
        ("Kubelet Version", info.kubelet_version.as_str()),
    ] {
        w.write(0, &format!("  {k}:\t{v}\n"));
    }
    if !node.spec.pod_cidr.is_empty() {
        // The simulator gives each node one range, which upstream lists in both fields.
        w.write(0, &format!("PodCIDR:\t{}\n", node.spec.pod_cidr));
        w.write(0, &format!("PodCIDRs:\t{}\n", node.spec.pod_cidr));
    }
    resource_lines(&mut w, node, pods, now);
    if let Some(events) = events {
        events_section(&mut w, events, now);
    }
    w.finish()
}

fn lease_lines(w: &mut PrefixWriter, node: &str, lease: Option<&Lease>) {
    let Some(lease) = lease else {
        w.write(
            0,
            &format!(
                "Lease:\tFailed to get lease: leases.coordination.k8s.io \"{node}\" not found\n"
            ),
        );
        return;
    };
    w.write(0, "Lease:\n");
    let holder = if lease.holder_identity.is_empty() { "<unset>" } else { &lease.holder_identity };
    w.write(1, &format!("HolderIdentity:\t{holder}\n"));
    w.write(1, "AcquireTime:\t<unset>\n");
    w.write(1, &format!("RenewTime:\t{}\n", rfc1123z(lease.renew_time)));
}

fn conditions(w: &mut PrefixWriter, node: &Node) {
    if node.status.conditions.is_empty() {
        return;
    }
    w.write(
        0,
        "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
    );
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for c in &node.status.conditions {
        w.write(
            1,
            &format!(
                "{} \t{} \t{} \t{} \t{} \t{}\n",
                c.type_.as_str(),
                c.status.as_str(),
                rfc1123z(c.last_heartbeat_time),
                rfc1123z(c.last_transition_time),
                c.reason,
                c.message
            ),
        );
    }
}

/// `int64(float64(a) / float64(b) * 100)`, kubectl's truncated percentage (0 when `b` is 0).
fn percent(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    (a as f64 / b as f64 * 100.0) as i64
}

fn get(list: &ResourceList, name: &ResourceName) -> Quantity {
    list.get(name).unwrap_or_default()
}

fn resource_lines(w: &mut PrefixWriter, node: &Node, pods: &[&Pod], now: SimTime) {
    let alloc = if node.status.allocatable.is_empty() {
        &node.status.capacity
    } else {
        &node.status.allocatable
    };
    let (cpu, mem) = (ResourceName::Cpu, ResourceName::Memory);
    let cpu_alloc = get(alloc, &cpu).milli_value();
    let mem_alloc = get(alloc, &mem).value();
    w.write(0, &format!("Non-terminated Pods:\t({} in total)\n", pods.len()));
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let mut reqs = ResourceList::new();
    let mut limits = ResourceList::new();
    for p in pods {
        let (r, l) = (pod_requests(&p.spec), pod_limits(&p.spec));
        let cell = |q: Quantity, pct: i64| format!("{q} ({pct}%)");
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{}\t{}\t{}\t{}\t{}\n",
                p.metadata.namespace,
                p.metadata.name,
                cell(get(&r, &cpu), percent(get(&r, &cpu).milli_value(), cpu_alloc)),
                cell(get(&l, &cpu), percent(get(&l, &cpu).milli_value(), cpu_alloc)),
                cell(get(&r, &mem), percent(get(&r, &mem).value(), mem_alloc)),
                cell(get(&l, &mem), percent(get(&l, &mem).value(), mem_alloc)),
                human_duration(now.millis_since(p.metadata.creation_timestamp)),
            ),
        );
        for (total, list) in [(&mut reqs, &r), (&mut limits, &l)] {
            for (name, q) in list.iter() {
                let sum = total.get(name).map_or(q, |cur| add(cur, q));
                total.set(name.clone(), sum);
            }
        }
    }
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    let storage = ResourceName::EphemeralStorage;
    for (name, value) in [
        (&cpu, Quantity::milli_value as fn(&Quantity) -> i64),
        (&mem, Quantity::value),
        (&storage, Quantity::value),
    ] {
        let a = value(&get(alloc, name));
        let (r, l) = (get(&reqs, name), get(&limits, name));
        w.write(
            1,
            &format!(
                "{name}\t{r} ({}%)\t{l} ({}%)\n",
                percent(value(&r), a),
                percent(value(&l), a)
            ),
        );
    }
    for (name, _) in alloc.iter() {
        if let ResourceName::Extended(ext) = name {
            w.write(1, &format!("{ext}\t{}\t{}\n", get(&reqs, name), get(&limits, name)));
        }
    }
}
