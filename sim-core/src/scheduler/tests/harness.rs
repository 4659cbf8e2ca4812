//! Shared helpers for the scheduler tests.

use crate::{
    model::{Node, Pod},
    rng::SimRng,
    scheduler::{
        Attempt, Scheduler,
        config::{PluginName, Profile, WeightedPlugin},
    },
    time::SimTime,
};

/// A profile with only these filter and score plugins (no preemption).
pub(super) fn profile_with(filters: &[PluginName], scores: &[(PluginName, u32)]) -> Profile {
    Profile {
        filter: filters.to_vec(),
        score: scores.iter().map(|&(name, weight)| WeightedPlugin { name, weight }).collect(),
        post_filter: Vec::new(),
        ..Profile::default()
    }
}

/// A scheduler holding `nodes` and the bound `existing` pods.
pub(super) fn cluster(profile: Profile, nodes: &[Node], existing: &[Pod]) -> Scheduler {
    let mut s = Scheduler::new(profile);
    for n in nodes {
        s.add_node(n, SimTime::ZERO);
    }
    for p in existing {
        s.add_pod(p, SimTime::ZERO);
    }
    s
}

/// Schedules `pod` once on a fresh cluster.
pub(super) fn attempt(profile: Profile, nodes: &[Node], existing: &[Pod], pod: &Pod) -> Attempt {
    let mut s = cluster(profile, nodes, existing);
    s.schedule_one(pod, SimTime::ZERO, &mut SimRng::new(1))
}

/// Each evaluated node's normalized score from `plugin` (None if it skipped).
pub(super) fn scores(a: &Attempt, plugin: PluginName) -> Vec<(String, Option<i64>)> {
    a.nodes().map(|n| (n.name.to_owned(), n.score(plugin))).collect()
}

/// Each evaluated node's reasons, joined (empty when feasible).
pub(super) fn verdicts(a: &Attempt) -> Vec<(String, String)> {
    a.nodes()
        .map(|n| {
            let r: Vec<String> = n.reasons.iter().map(ToString::to_string).collect();
            (n.name.to_owned(), r.join(", "))
        })
        .collect()
}

/// Sorted by node name, for order-independent comparisons.
pub(super) fn sorted<T: Clone>(mut v: Vec<(String, T)>) -> Vec<(String, T)> {
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}
