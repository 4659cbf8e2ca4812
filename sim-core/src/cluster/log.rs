//! The event log: what happened, in order, as data.
//!
//! Two kinds of entries share one append-only log:
//! - Kubernetes Events ([`KubeEvent`]) as `kubectl get events` shows them, with upstream's
//!   reasons, messages, sources and repeat counts;
//! - component activity (API requests, watch deliveries, scheduling attempts, user actions),
//!   which the UI animates and which never reaches the API.
//!
//! Same seed + same commands give a byte-identical log; [`EventLog::hash`] is a cheap
//! fingerprint of it for cross-target comparisons.

use crate::{model::EventType, time::SimTime};
use serde::{Deserialize, Serialize};
use std::fmt::{self, Write as _};

/// A control-plane or node component.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Component {
    /// kube-scheduler.
    Scheduler,
    /// The kubelet on a node.
    Kubelet(String),
    /// The ReplicaSet controller.
    ReplicaSetController,
    /// The Deployment controller.
    DeploymentController,
    /// The node lifecycle controller.
    NodeLifecycleController,
    /// The taint eviction controller.
    TaintEvictionController,
    /// The EndpointSlice controller.
    EndpointSliceController,
    /// The pod garbage collector.
    PodGc,
    /// The garbage collector (cascading deletion through ownerReferences).
    GarbageCollector,
    /// A person at `kubectl`.
    User,
}

impl Component {
    /// The `source.component` upstream puts on events this component records.
    pub fn source(&self) -> &'static str {
        match self {
            Component::Scheduler => "default-scheduler",
            Component::Kubelet(_) => "kubelet",
            Component::ReplicaSetController => "replicaset-controller",
            Component::DeploymentController => "deployment-controller",
            Component::NodeLifecycleController => "node-controller",
            Component::TaintEvictionController => "taint-eviction-controller",
            Component::EndpointSliceController => "endpointslice-controller",
            Component::PodGc => "pod-garbage-collector",
            Component::GarbageCollector => "generic-garbage-collector",
            Component::User => "kubectl",
        }
    }

    /// `source.host`: the node, for kubelet events.
    pub fn host(&self) -> &str {
        match self {
            Component::Kubelet(node) => node,
            _ => "",
        }
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Component::Kubelet(node) => write!(f, "kubelet/{node}"),
            other => f.write_str(other.source()),
        }
    }
}

/// The object an event or request is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjRef {
    /// `kind` (`Pod`, `Node`, `ReplicaSet`, …).
    pub kind: String,
    /// Namespace; empty for cluster-scoped kinds.
    pub namespace: String,
    /// Name.
    pub name: String,
}

impl ObjRef {
    /// A reference to `kind` `namespace/name`.
    pub fn new(kind: &str, namespace: &str, name: &str) -> Self {
        ObjRef { kind: kind.to_owned(), namespace: namespace.to_owned(), name: name.to_owned() }
    }

    /// `kubectl`'s `kind/name` spelling with a lower-case kind (`pod/web-1`).
    pub fn slash_name(&self) -> String {
        format!("{}/{}", self.kind.to_ascii_lowercase(), self.name)
    }
}

/// A Kubernetes Event as recorded (or re-recorded with a higher count).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KubeEvent {
    /// `type`.
    pub type_: EventType,
    /// `reason`.
    pub reason: String,
    /// `involvedObject`.
    pub object: ObjRef,
    /// `message`.
    pub message: String,
    /// `source.component`.
    pub source: String,
    /// `source.host`.
    pub host: String,
    /// `count` after this occurrence.
    pub count: i32,
    /// `firstTimestamp`.
    pub first_timestamp: SimTime,
}

/// An API verb, as in audit logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Verb {
    /// `create`.
    Create,
    /// `update` (including status subresources and patches).
    Update,
    /// `delete`.
    Delete,
}

impl Verb {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Create => "create",
            Verb::Update => "update",
            Verb::Delete => "delete",
        }
    }
}

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SimEvent {
    /// A Kubernetes Event.
    Kube(KubeEvent),
    /// A component wrote to the API server.
    ApiRequest {
        /// Who.
        component: Component,
        /// What.
        verb: Verb,
        /// Resource (`pods`, `pods/status`, `nodes`, `leases`, …).
        resource: String,
        /// Object namespace (empty for cluster-scoped).
        namespace: String,
        /// Object name.
        name: String,
    },
    /// An informer delivered changed objects to a component.
    WatchDelivery {
        /// Who received them.
        component: Component,
        /// How many object keys.
        objects: u32,
    },
    /// The scheduler finished one attempt for a pod.
    SchedulingAttempt {
        /// The pod.
        pod: ObjRef,
        /// The chosen node, if any.
        node: Option<String>,
        /// The FailedScheduling message, if none.
        message: Option<String>,
        /// Index for [`crate::cluster::Sim::attempt`].
        attempt_id: u64,
    },
    /// A controller reconciled an object.
    ControllerSync {
        /// Which controller.
        component: Component,
        /// What it reconciled.
        object: ObjRef,
    },
    /// A command from outside (a person, a scenario timeline) was applied.
    Action {
        /// `kubectl`-style description.
        description: String,
    },
}

/// A log entry with its time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logged {
    /// When.
    pub time: SimTime,
    /// What.
    pub event: SimEvent,
}

impl fmt::Display for Logged {
    /// One line: `  50.000s Warning NodeNotReady node/node-2 (node-controller): …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", fmt_secs(self.time))?;
        match &self.event {
            SimEvent::Kube(e) => {
                let count = if e.count > 1 { format!(" (x{})", e.count) } else { String::new() };
                let host = if e.host.is_empty() { String::new() } else { format!(", {}", e.host) };
                write!(
                    f,
                    "{:<7} {} {} ({}{}){}: {}",
                    e.type_.as_str(),
                    e.reason,
                    e.object.slash_name(),
                    e.source,
                    host,
                    count,
                    e.message
                )
            }
            SimEvent::ApiRequest { component, verb, resource, namespace, name } => {
                let ns = if namespace.is_empty() { String::new() } else { format!("{namespace}/") };
                write!(f, "api     {component} {} {resource} {ns}{name}", verb.as_str())
            }
            SimEvent::WatchDelivery { component, objects } => {
                write!(f, "watch   {component} <- {objects} object(s)")
            }
            SimEvent::SchedulingAttempt { pod, node, message, attempt_id } => match node {
                Some(node) => write!(f, "attempt #{attempt_id} {} -> {node}", pod.slash_name()),
                None => write!(
                    f,
                    "attempt #{attempt_id} {} unschedulable: {}",
                    pod.slash_name(),
                    message.as_deref().unwrap_or("")
                ),
            },
            SimEvent::ControllerSync { component, object } => {
                write!(f, "sync    {component} {}", object.slash_name())
            }
            SimEvent::Action { description } => write!(f, "action  {description}"),
        }
    }
}

/// `SSSS.mmm s`, right-aligned: the log's time column.
pub fn fmt_secs(t: SimTime) -> String {
    format!("{:>4}.{:03}s", t.as_millis() / 1000, t.as_millis() % 1000)
}

/// The append-only log with a running hash.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct EventLog {
    entries: Vec<Logged>,
    hash: u64,
    record_activity: bool,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl EventLog {
    /// An empty log; `record_activity` keeps or drops activity entries.
    pub fn new(record_activity: bool) -> Self {
        EventLog { entries: Vec::new(), hash: FNV_OFFSET, record_activity }
    }

    /// Appends an entry (activity entries only when recording activity).
    pub fn push(&mut self, time: SimTime, event: SimEvent) {
        if !self.record_activity && !matches!(event, SimEvent::Kube(_) | SimEvent::Action { .. }) {
            return;
        }
        let entry = Logged { time, event };
        let mut line = String::new();
        let _ = write!(line, "{entry}");
        for b in line.bytes().chain(std::iter::once(b'\n')) {
            self.hash = (self.hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        self.entries.push(entry);
    }

    /// Whether activity entries are recorded.
    pub fn records_activity(&self) -> bool {
        self.record_activity
    }

    /// Every entry from `index` on (empty if `index` is past the end).
    pub fn since(&self, index: usize) -> &[Logged] {
        self.entries.get(index..).unwrap_or(&[])
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// FNV-1a over every entry's text line: equal logs have equal hashes on every target.
    pub fn hash(&self) -> u64 {
        self.hash
    }
}
