//! `v1.Event` (`core/v1` events as `kubectl get events` prints them) and `coordination/v1.Lease`.

use super::{meta::ObjectMeta, service::ObjectReference};
use crate::time::SimTime;
use serde::{Deserialize, Serialize};

/// `v1.Event`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// `metadata` (name `<object>.<hex>` in the object's namespace).
    pub metadata: ObjectMeta,
    /// `involvedObject`.
    pub involved_object: ObjectReference,
    /// `reason` (`Scheduled`, `Pulling`, `FailedScheduling`, …).
    pub reason: String,
    /// `message`.
    pub message: String,
    /// `type`.
    pub type_: EventType,
    /// `source.component` (`default-scheduler`, `kubelet`, `replicaset-controller`, …).
    pub source_component: String,
    /// `source.host` (the node, for kubelet events).
    pub source_host: String,
    /// `firstTimestamp`.
    pub first_timestamp: SimTime,
    /// `lastTimestamp`.
    pub last_timestamp: SimTime,
    /// `count`: how many times this event was recorded (repeats are aggregated).
    pub count: i32,
}

/// `type` of an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventType {
    /// `Normal`.
    #[default]
    Normal,
    /// `Warning`.
    Warning,
}

impl EventType {
    /// The name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// `coordination.k8s.io/v1.Lease`: a node's heartbeat in `kube-node-lease`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec.holderIdentity`.
    pub holder_identity: String,
    /// `spec.leaseDurationSeconds` (40 for node leases).
    pub lease_duration_seconds: i32,
    /// `spec.renewTime`.
    pub renew_time: SimTime,
}
