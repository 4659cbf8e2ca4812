//! kube-controller-manager's controllers, one file each, named as upstream names them.

pub mod deployment;
pub mod deployment_util;
pub mod endpointslice;
pub mod node_lifecycle;
pub mod podgc;
pub mod replicaset;
pub mod taint_eviction;

use serde::{Deserialize, Serialize};

/// Every controller's state.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Controllers {
    pub(crate) replica_sets: replicaset::ReplicaSetController,
    pub(crate) deployments: deployment::DeploymentController,
    pub(crate) node_lifecycle: node_lifecycle::NodeLifecycleController,
    pub(crate) taint_eviction: taint_eviction::TaintEvictionController,
}
