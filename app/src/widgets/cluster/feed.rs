//! What the log says, for people: the events stream (as `kubectl get events -w` prints it)
//! and short announcements for the polite live region (a node going NotReady, pods evicted,
//! a rollout complete).

use super::text;
use sim_core::{
    cluster::{Logged, Sim, SimEvent},
    model::EventType,
    time::SimTime,
};
use std::collections::BTreeMap;

/// One line of the events stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventLine {
    /// Index in the engine's log (a stable key).
    pub index: usize,
    /// When.
    pub time: SimTime,
    /// Whether it is a Warning.
    pub warning: bool,
    /// `reason`.
    pub reason: String,
    /// `kind/name`, lower-case kind, as kubectl prints OBJECT.
    pub object: String,
    /// `message` (with `(x3)` when repeated).
    pub message: String,
}

impl EventLine {
    /// The line as `kubectl get events -w` shows it, with the simulated clock for LAST SEEN.
    pub fn text(&self) -> String {
        format!(
            "{:<8} {:<7} {:<20} {:<34} {}",
            text::clock(self.time),
            if self.warning { "Warning" } else { "Normal" },
            self.reason,
            self.object,
            self.message
        )
    }
}

/// The Kubernetes Events among `entries` (which start at log index `start`).
pub fn event_lines(entries: &[Logged], start: usize) -> Vec<EventLine> {
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match &e.event {
            SimEvent::Kube(k) => Some(EventLine {
                index: start + i,
                time: e.time,
                warning: k.type_ == EventType::Warning,
                reason: k.reason.clone(),
                object: k.object.slash_name(),
                message: if k.count > 1 {
                    format!("{} (x{})", k.message, k.count)
                } else {
                    k.message.clone()
                },
            }),
            _ => None,
        })
        .collect()
}

/// The header of the events stream.
pub const HEADER: &str =
    "TIME     TYPE    REASON               OBJECT                             MESSAGE";

/// Turns the log into a few sentences worth interrupting for.
#[derive(Clone, Debug, Default)]
pub struct Announcer {
    seen: usize,
    /// Per Deployment: whether a rollout was under way at the last look.
    rolling: BTreeMap<String, bool>,
}

impl Announcer {
    /// Starts over from the simulation's current state without announcing it (after a
    /// rewind or a preset change).
    pub fn reset(&mut self, sim: &Sim) {
        self.seen = sim.log_len();
        self.rolling = rollouts(sim);
    }

    /// What happened since the last call, as one sentence (or nothing).
    pub fn announce(&mut self, sim: &Sim) -> Option<String> {
        if sim.log_len() < self.seen {
            self.reset(sim);
            return None;
        }
        let mut said: Vec<String> = Vec::new();
        let mut evicted: Vec<String> = Vec::new();
        for e in sim.events_since(self.seen) {
            let SimEvent::Kube(k) = &e.event else { continue };
            match (k.reason.as_str(), k.object.kind.as_str()) {
                ("NodeNotReady", "Node") => {
                    said.push(format!("Node {} is NotReady: it stopped reporting.", k.object.name))
                }
                ("NodeReady", "Node") => said.push(format!("Node {} is Ready.", k.object.name)),
                ("TaintManagerEviction", "Pod") if k.message.starts_with("Marking") => {
                    evicted.push(k.object.name.clone())
                }
                _ => {}
            }
        }
        self.seen = sim.log_len();
        match evicted.as_slice() {
            [] => {}
            [one] => said.push(format!("Pod {one} evicted.")),
            many => said.push(format!("{} pods evicted.", many.len())),
        }
        let now = rollouts(sim);
        for (name, rolling) in &now {
            if !rolling && self.rolling.get(name).copied().unwrap_or(false) {
                let (ns, short) = name.split_once('/').unwrap_or(("default", name));
                if let Some(d) = sim.store().deployment(ns, short) {
                    said.push(format!(
                        "Deployment {short} rolled out: {} of {} available.",
                        d.status.available_replicas, d.spec.replicas
                    ));
                }
            }
        }
        self.rolling = now;
        (!said.is_empty()).then(|| said.join(" "))
    }
}

/// Deployments and whether each is mid-rollout (some replicas not yet updated or available).
fn rollouts(sim: &Sim) -> BTreeMap<String, bool> {
    sim.deployment_views()
        .into_iter()
        .map(|d| {
            let rolling = d.updated < d.desired || d.available < d.desired;
            (format!("{}/{}", d.namespace, d.name), rolling)
        })
        .collect()
}

#[cfg(test)]
mod tests;
