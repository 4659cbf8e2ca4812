//! `kubesim schedule`: schedule a set of manifests' pods, one JSON line per pod.
//!
//! Pods with `spec.nodeName` are running there already; every other pod is scheduled in input
//! order, each assumed onto its node before the next. Each result serializes exactly as
//!
//! ```text
//! {"pod":"default/web-1","node":"node-2","message":null,"feasibleNodes":2,
//!  "nodes":{"node-1":{"feasible":true,"scores":{"NodeResourcesFit":62,...},"total":462},
//!           "node-3":{"feasible":false,"status":"Unschedulable","reasons":["Insufficient cpu"]}}}
//! ```
//!
//! (on one line). `nodes` lists the evaluated nodes in evaluation order; `scores` are each
//! plugin's normalized score before its weight, in profile order, absent when the plugin
//! skipped; when only one node is feasible there is no scoring and `scores` is empty.

use super::{Attempt, Scheduler, config::Profile};
use crate::{
    model::{Node, Pod, ReplicaSet, Service, Uid},
    rng::SimRng,
    time::SimTime,
};
use serde::{Serialize, Serializer, ser::SerializeMap};

/// What `kubesim schedule` loads.
#[derive(Clone, Debug, Default)]
pub struct Objects {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Pods in file order.
    pub pods: Vec<Pod>,
    /// Services (their selectors feed PodTopologySpread's default constraints).
    pub services: Vec<Service>,
    /// ReplicaSets (likewise).
    pub replica_sets: Vec<ReplicaSet>,
    /// The profile from a KubeSchedulerConfiguration, if one was given.
    pub profile: Option<Profile>,
}

/// One output line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleLine {
    /// The attempt behind the line.
    pub attempt: Attempt,
}

impl Serialize for ScheduleLine {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = &self.attempt;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("pod", &a.pod)?;
        m.serialize_entry("node", &a.node)?;
        m.serialize_entry("message", &a.message)?;
        m.serialize_entry("feasibleNodes", &a.feasible_nodes)?;
        m.serialize_entry("nodes", &NodesJson(a))?;
        m.end()
    }
}

struct NodesJson<'a>(&'a Attempt);

impl Serialize for NodesJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.nodes().len()))?;
        for n in self.0.nodes() {
            m.serialize_entry(n.name, &NodeJson(n))?;
        }
        m.end()
    }
}

struct NodeJson<'a>(super::NodeResult<'a>);

impl Serialize for NodeJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = &self.0;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("feasible", &n.feasible())?;
        if n.feasible() {
            m.serialize_entry("scores", &ScoresJson(*n))?;
            m.serialize_entry("total", &n.total)?;
        } else {
            m.serialize_entry("status", n.code.as_str())?;
            let reasons: Vec<String> = n.reasons.iter().map(ToString::to_string).collect();
            m.serialize_entry("reasons", &reasons)?;
        }
        m.end()
    }
}

struct ScoresJson<'a>(super::NodeResult<'a>);

impl Serialize for ScoresJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (p, score) in self.0.scores() {
            m.serialize_entry(p.as_str(), &score)?;
        }
        m.end()
    }
}

/// Schedules `objects.pods` as `kubesim schedule` does. Pods without a uid get one from the
/// seed; ties are broken with a generator derived from the seed.
pub fn schedule(objects: &Objects, seed: u64) -> Vec<ScheduleLine> {
    let root = SimRng::new(seed);
    let mut uids = root.fork("uids");
    let mut rng = root.fork("scheduler");
    let mut sched = Scheduler::new(objects.profile.clone().unwrap_or_default());
    let now = SimTime::ZERO;
    for node in &objects.nodes {
        sched.add_node(node, now);
    }
    for svc in &objects.services {
        sched.upsert_service(svc);
    }
    for rs in &objects.replica_sets {
        sched.upsert_replica_set(rs);
    }
    let pods: Vec<Pod> = objects
        .pods
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if p.metadata.uid == Uid::default() {
                p.metadata.uid =
                    Uid((u128::from(uids.next_u64()) << 64) | u128::from(uids.next_u64()));
            }
            p
        })
        .collect();
    for pod in pods.iter().filter(|p| !p.node_name.is_empty()) {
        sched.add_pod(pod, now);
    }
    pods.iter()
        .filter(|p| p.node_name.is_empty())
        .map(|pod| ScheduleLine { attempt: sched.schedule_one(pod, now, &mut rng) })
        .collect()
}
