//! `NodePorts`: a pod asking for a `hostPort` fits only where no other pod binds the same
//! protocol and port on a conflicting address (`0.0.0.0` conflicts with every address).

use super::NodeRef;
use crate::scheduler::{
    framework::{Code, Reason},
    pod_info::HostPort,
};

/// The plugin's name.
pub const NAME: &str = "NodePorts";

/// Filter. (PreFilter returns Skip for pods without host ports, so this runs only for pods
/// that have some.)
pub(crate) fn filter(wanted: &[HostPort], node: NodeRef<'_>, out: &mut Vec<Reason>) -> Code {
    let conflict = match node.adjust {
        None => wanted.iter().any(|p| node.cold.ports.iter().any(|q| q.conflicts_with(p))),
        Some(a) => {
            let mut used: Vec<&HostPort> = node.cold.ports.iter().collect();
            for r in &a.ports_removed {
                if let Some(i) = used.iter().position(|q| *q == r) {
                    used.swap_remove(i);
                }
            }
            used.extend(a.ports_added.iter());
            wanted.iter().any(|p| used.iter().any(|q| q.conflicts_with(p)))
        }
    };
    if conflict {
        out.push(Reason::NodePorts);
        return Code::Unschedulable;
    }
    Code::Success
}
