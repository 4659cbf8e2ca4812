//! The default plugins, one file each, named after upstream's packages. Each file holds the
//! plugin's `NAME`, its per-cycle state and pure functions for its extension points; the
//! framework (`schedule_one.rs`) calls them through a `match` on
//! [`PluginName`](super::config::PluginName). Only the names are public; the extension
//! points are the scheduler's business.

pub mod balanced_allocation;
pub mod default_preemption;
pub mod image_locality;
pub mod node_affinity;
pub mod node_name;
pub mod node_ports;
pub mod node_resources_fit;
pub mod node_unschedulable;
pub mod pod_topology_spread;
pub mod resource_allocation;
pub mod taint_toleration;

use super::{
    cache::{NodeCold, NodeHot, interner::ScalarId},
    pod_info::{HostPort, ResVec},
};

/// A change to a node's pods that a filter should see without it being applied to the cache:
/// nominated pods added (upstream's `RunFilterPluginsWithNominatedPods`) or preemption victims
/// removed (`SelectVictimsOnNode`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Adjust {
    /// Requests added (negative to remove).
    pub(crate) res: ResVec,
    /// Pods added (negative to remove).
    pub(crate) pods: i64,
    pub(crate) ports_added: Vec<HostPort>,
    pub(crate) ports_removed: Vec<HostPort>,
}

/// The node a filter or score looks at.
#[derive(Clone, Copy)]
pub(crate) struct NodeRef<'c> {
    pub(crate) slot: u32,
    pub(crate) name: &'c str,
    pub(crate) hot: &'c NodeHot,
    pub(crate) cold: &'c NodeCold,
    pub(crate) adjust: Option<&'c Adjust>,
}

impl NodeRef<'_> {
    pub(crate) fn req_cpu(&self) -> i64 {
        self.hot.req_cpu + self.adjust.map_or(0, |a| a.res.cpu)
    }

    pub(crate) fn req_mem(&self) -> i64 {
        self.hot.req_mem + self.adjust.map_or(0, |a| a.res.mem)
    }

    pub(crate) fn req_eph(&self) -> i64 {
        self.hot.req_eph + self.adjust.map_or(0, |a| a.res.eph)
    }

    pub(crate) fn pod_count(&self) -> i64 {
        self.hot.pod_count + self.adjust.map_or(0, |a| a.pods)
    }

    pub(crate) fn scalar_req(&self, id: ScalarId) -> i64 {
        self.cold.scalar_req(id) + self.adjust.map_or(0, |a| a.res.scalar(id))
    }
}
