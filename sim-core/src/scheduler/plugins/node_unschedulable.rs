//! `NodeUnschedulable`: a cordoned node (`spec.unschedulable: true`) takes no new pods, unless
//! the pod tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint.

use super::NodeRef;
use crate::{
    model::{PodSpec, Taint, TaintEffect, node::taint_keys},
    scheduler::{
        cache::flags,
        framework::{Code, Reason},
    },
};

/// The plugin's name.
pub const NAME: &str = "NodeUnschedulable";

/// Whether the pod tolerates cordoned nodes (computed once per cycle).
pub(crate) fn tolerates_unschedulable(spec: &PodSpec) -> bool {
    let taint = Taint::new(taint_keys::UNSCHEDULABLE, TaintEffect::NoSchedule);
    spec.tolerations.iter().any(|t| t.tolerates(&taint))
}

/// Filter.
pub(crate) fn filter(tolerates: bool, node: NodeRef<'_>, out: &mut Vec<Reason>) -> Code {
    if node.hot.has(flags::UNSCHEDULABLE) && !tolerates {
        out.push(Reason::NodeUnschedulable);
        return Code::UnschedulableAndUnresolvable;
    }
    Code::Success
}
