//! Explanations as data, for the explain panel.
//!
//! A pod: why it is on its node (each evaluated node's filter verdict, each score plugin's
//! normalized score and weight, the weighted totals, the winner and how a tie was broken), or
//! why it is Pending (the `FailedScheduling` message and each node's reasons). A node: its
//! conditions, taints, labels, pods and allocations.

use super::{text, vm};
use sim_core::{
    cluster::{KubeletHealth, Sim},
    model::{Pod, Uid},
    printers::pod::pod_status,
    scheduler::{Attempt, Outcome},
};

/// One evaluated node of a scheduling attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeRow {
    /// The node.
    pub node: String,
    /// Whether it passed every filter.
    pub feasible: bool,
    /// Why not (the rejecting plugin and its reasons).
    pub verdict: String,
    /// Normalized score per plugin column (`None` where the plugin skipped).
    pub scores: Vec<Option<i64>>,
    /// Weighted total.
    pub total: i64,
    /// Whether this node was chosen.
    pub chosen: bool,
}

/// A scheduling attempt, laid out as a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptTable {
    /// Score plugin columns as `Name ×weight`.
    pub columns: Vec<String>,
    /// Evaluated nodes.
    pub rows: Vec<NodeRow>,
    /// `feasible of all` and whether scoring ran, in words.
    pub summary: String,
    /// How the winner was picked among equal totals, if there was a tie.
    pub tie_break: Option<String>,
}

/// Why a pod is where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The scheduler bound it; the attempt that chose the node, if still kept.
    Scheduled {
        /// The node.
        node: String,
        /// The attempt.
        attempt: Option<AttemptTable>,
    },
    /// It was created with `spec.nodeName` set: the scheduler never saw it.
    Direct {
        /// The node.
        node: String,
    },
    /// No node fits (yet).
    Pending {
        /// The `FailedScheduling` message.
        message: Option<String>,
        /// The last attempt, if kept.
        attempt: Option<AttemptTable>,
    },
}

/// Everything the panel shows about a pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodExplanation {
    /// `namespace/name`.
    pub name: String,
    /// kubectl's STATUS.
    pub status: String,
    /// Controller.
    pub owner: Option<String>,
    /// Requests as `cpu 100m, memory 64Mi`.
    pub requests: String,
    /// Images.
    pub images: Vec<String>,
    /// Placement.
    pub placement: Placement,
}

/// Everything the panel shows about a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeExplanation {
    /// The card (status, pool, allocations).
    pub card: vm::NodeCard,
    /// Conditions as `(type, status, reason, message)`.
    pub conditions: Vec<(String, String, String, String)>,
    /// Labels as `key=value`.
    pub labels: Vec<String>,
    /// Pods bound here, as `(name, status)`.
    pub pods: Vec<(String, String)>,
    /// Cached images with sizes.
    pub images: Vec<String>,
    /// The machine's state in words.
    pub machine: String,
}

/// Explains pod `uid`.
pub fn pod(sim: &Sim, uid: Uid) -> Option<PodExplanation> {
    let p = sim.store().pod(uid)?;
    let (cpu, mem, gpu) = vm::requests(p);
    let mut requests = format!("cpu {}, memory {}", text::cpu(cpu), text::memory(mem));
    if gpu > 0 {
        requests.push_str(&format!(", nvidia.com/gpu {gpu}"));
    }
    let attempt = sim.last_attempt_for(uid);
    let placement = if p.node_name.is_empty() {
        Placement::Pending {
            message: attempt.and_then(|a| a.message.clone()).or_else(|| scheduled_message(p)),
            attempt: attempt.map(|a| table(sim, a)),
        }
    } else {
        match attempt.filter(|a| a.outcome == Outcome::Scheduled) {
            Some(a) => {
                Placement::Scheduled { node: p.node_name.clone(), attempt: Some(table(sim, a)) }
            }
            None if was_scheduled(sim, p) => {
                Placement::Scheduled { node: p.node_name.clone(), attempt: None }
            }
            None => Placement::Direct { node: p.node_name.clone() },
        }
    };
    Some(PodExplanation {
        name: format!("{}/{}", p.metadata.namespace, p.metadata.name),
        status: pod_status(p, sim.now()),
        owner: p.metadata.controller_ref().map(|o| format!("{}/{}", o.kind, o.name)),
        requests,
        images: p.spec.containers.iter().map(|c| c.image.clone()).collect(),
        placement,
    })
}

/// The PodScheduled=False condition's message, when the attempt is no longer kept.
fn scheduled_message(p: &Pod) -> Option<String> {
    p.status
        .conditions
        .iter()
        .find(|c| c.type_ == sim_core::model::pod::PodConditionType::PodScheduled)
        .filter(|c| !c.message.is_empty())
        .map(|c| c.message.clone())
}

/// Whether a Scheduled event names this pod (it went through the scheduler).
fn was_scheduled(sim: &Sim, p: &Pod) -> bool {
    p.spec.scheduler_name == sim_core::model::pod::DEFAULT_SCHEDULER_NAME
        && p.status.conditions.iter().any(|c| {
            c.type_ == sim_core::model::pod::PodConditionType::PodScheduled
                && c.status == sim_core::model::node::ConditionStatus::True
        })
        && sim
            .store()
            .events()
            .any(|e| e.reason == "Scheduled" && e.involved_object.name == p.metadata.name)
}

/// Lays an attempt out as a table, with the profile's weights in the column headers.
pub fn table(sim: &Sim, a: &Attempt) -> AttemptTable {
    let weights = &sim.config().profile.score;
    let mut plugins = Vec::new();
    for n in a.nodes() {
        for (p, _) in n.scores() {
            if !plugins.contains(&p) {
                plugins.push(p);
            }
        }
    }
    let columns = plugins
        .iter()
        .map(|p| {
            let w = weights.iter().find(|w| w.name == *p).map_or(1, |w| w.weight);
            format!("{} ×{w}", p.as_str())
        })
        .collect();
    let rows = a
        .nodes()
        .map(|n| {
            let verdict = if n.feasible() {
                "fits".to_owned()
            } else {
                let reasons: Vec<String> = n.reasons.iter().map(ToString::to_string).collect();
                match n.plugin {
                    Some(p) => format!("{}: {}", p.as_str(), reasons.join(", ")),
                    None => reasons.join(", "),
                }
            };
            NodeRow {
                node: n.name.to_owned(),
                feasible: n.feasible(),
                verdict,
                scores: plugins.iter().map(|p| n.score(*p)).collect(),
                total: n.total,
                chosen: a.node.as_deref() == Some(n.name),
            }
        })
        .collect();
    let mut summary = format!(
        "{} of {} nodes feasible ({} evaluated)",
        a.feasible_nodes,
        a.num_all_nodes,
        a.nodes().len()
    );
    if a.outcome == Outcome::Scheduled && !a.scored {
        summary.push_str("; only one node fits, so scoring was skipped");
    }
    let ties: Vec<&str> = a.tie_candidates().collect();
    let tie_break = (ties.len() > 1).then(|| {
        format!(
            "{} tied on the highest total; the scheduler picked {} at random (each tied node equally likely).",
            ties.join(", "),
            a.node.as_deref().unwrap_or("none")
        )
    });
    AttemptTable { columns, rows, summary, tie_break }
}

/// Explains node `name`.
pub fn node(sim: &Sim, frame: &vm::Frame, b: &vm::Builder, name: &str) -> Option<NodeExplanation> {
    let n = sim.store().node(name)?;
    let card = frame.nodes().find(|c| c.name == name)?.clone();
    let conditions = n
        .status
        .conditions
        .iter()
        .map(|c| {
            (
                c.type_.as_str().to_owned(),
                c.status.as_str().to_owned(),
                c.reason.clone(),
                c.message.clone(),
            )
        })
        .collect();
    let labels = n.metadata.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let pods = card
        .chips
        .iter()
        .filter_map(|u| b.chip(*u))
        .map(|c| (c.name.clone(), c.status.clone()))
        .collect();
    let images = sim
        .node_images(name)
        .into_iter()
        .map(|(image, bytes)| format!("{image} ({})", text::memory(bytes)))
        .collect();
    let machine = match sim.kubelet_health(name) {
        Some(KubeletHealth::Up) => "Up: the kubelet runs and reaches the API server.",
        Some(KubeletHealth::Crashed) => {
            "Crashed: no kubelet, no containers, no heartbeats. The control plane only sees the Lease go stale."
        }
        Some(KubeletHealth::Partitioned) => {
            "Partitioned: containers keep running, but the kubelet cannot reach the API server."
        }
        None => "No machine: a Node object nobody runs a kubelet for.",
    }
    .to_owned();
    Some(NodeExplanation { card, conditions, labels, pods, images, machine })
}

#[cfg(test)]
mod tests;
