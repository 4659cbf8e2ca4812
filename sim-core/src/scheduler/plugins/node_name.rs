//! `NodeName`: a pod that names its node (`spec.nodeName`) fits only there.
//!
//! Pods with `spec.nodeName` set are bound already and never reach the queue, so in practice
//! this filter matters only when a caller schedules such a pod explicitly.

use super::NodeRef;
use crate::scheduler::framework::{Code, Reason};

/// The plugin's name.
pub const NAME: &str = "NodeName";

/// Filter.
pub(crate) fn filter(wanted: &str, node: NodeRef<'_>, out: &mut Vec<Reason>) -> Code {
    if wanted.is_empty() || wanted == node.name {
        return Code::Success;
    }
    out.push(Reason::NodeName);
    Code::UnschedulableAndUnresolvable
}
