//! `kubectl get nodes [-o wide]` (`printNode`): STATUS from the Ready condition plus
//! `SchedulingDisabled` when cordoned, ROLES from `node-role.kubernetes.io/*` labels.

use super::{duration::human_duration, table::Table};
use crate::{
    model::{
        Node,
        node::{ConditionStatus, NodeConditionType},
    },
    time::SimTime,
};

/// Columns of `kubectl get nodes`.
pub const HEADER: &[&str] = &["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
/// Columns `-o wide` adds.
pub const WIDE: &[&str] =
    &["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"];

const ROLE_PREFIX: &str = "node-role.kubernetes.io/";
const ROLE_LABEL: &str = "kubernetes.io/role";

/// The STATUS column: `Ready`, `NotReady` (Ready is False or Unknown), `Unknown` (no Ready
/// condition yet), with `,SchedulingDisabled` when `spec.unschedulable`.
pub fn node_status(n: &Node) -> String {
    let ready = n.status.conditions.iter().find(|c| c.type_ == NodeConditionType::Ready);
    let mut status = match ready {
        Some(c) if c.status == ConditionStatus::True => "Ready".to_owned(),
        Some(_) => "NotReady".to_owned(),
        None => "Unknown".to_owned(),
    };
    if n.spec.unschedulable {
        status.push_str(",SchedulingDisabled");
    }
    status
}

/// `findNodeRoles`: sorted, deduplicated roles.
pub fn node_roles(n: &Node) -> Vec<String> {
    let mut roles: Vec<String> = n
        .metadata
        .labels
        .iter()
        .filter_map(|(k, v)| match k.strip_prefix(ROLE_PREFIX) {
            Some(role) if !role.is_empty() => Some(role.to_owned()),
            Some(_) => None,
            None => (k == ROLE_LABEL && !v.is_empty()).then(|| v.to_owned()),
        })
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

/// The first address of `type_` (`InternalIP`, `ExternalIP`), or `<none>`.
pub fn node_address(n: &Node, type_: &str) -> String {
    n.status
        .addresses
        .iter()
        .find(|a| a.type_ == type_)
        .map_or_else(|| "<none>".to_owned(), |a| a.address.clone())
}

/// One row of `kubectl get nodes`.
pub fn row(n: &Node, now: SimTime, wide: bool) -> Vec<String> {
    let roles = node_roles(n).join(",");
    let info = &n.status.node_info;
    let mut row = vec![
        n.metadata.name.clone(),
        node_status(n),
        if roles.is_empty() { "<none>".into() } else { roles },
        human_duration(now.millis_since(n.metadata.creation_timestamp)),
        info.kubelet_version.clone(),
    ];
    if wide {
        let known = |s: &str| if s.is_empty() { "<unknown>".to_owned() } else { s.to_owned() };
        row.extend([
            node_address(n, "InternalIP"),
            node_address(n, "ExternalIP"),
            known(&info.os_image),
            known(&info.kernel_version),
            known(&info.container_runtime_version),
        ]);
    }
    row
}

/// `kubectl get nodes` as a table (nodes in the order given).
pub fn table<'a>(nodes: impl IntoIterator<Item = &'a Node>, now: SimTime, wide: bool) -> Table {
    let mut t = Table::new(HEADER);
    if wide {
        t.header.extend(WIDE.iter().map(|h| (*h).to_owned()));
    }
    t.rows = nodes.into_iter().map(|n| row(n, now, wide)).collect();
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::node::NodeCondition;

    #[test]
    fn status_and_roles_like_print_node() {
        let mut n = Node::default();
        assert_eq!(node_status(&n), "Unknown");
        n.status.conditions.push(NodeCondition {
            type_: NodeConditionType::Ready,
            status: ConditionStatus::Unknown,
            last_heartbeat_time: SimTime::ZERO,
            last_transition_time: SimTime::ZERO,
            reason: String::new(),
            message: String::new(),
        });
        n.spec.unschedulable = true;
        assert_eq!(node_status(&n), "NotReady,SchedulingDisabled");
        n.metadata.labels.insert("node-role.kubernetes.io/control-plane", "");
        n.metadata.labels.insert("kubernetes.io/role", "edge");
        n.metadata.labels.insert("node-role.kubernetes.io/", "x");
        assert_eq!(node_roles(&n), ["control-plane", "edge"]);
    }
}
