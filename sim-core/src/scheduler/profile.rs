//! A [`Profile`] resolved once into what the cycle needs: plugin lists in order, weights,
//! resource specs with interned names.

use super::{
    attempt::MAX_SCORE_PLUGINS,
    cache::interner::ScalarNames,
    config::{PluginName, Profile},
    plugins::resource_allocation::{self, ResSpec, Strategy},
};
use serde::{Deserialize, Serialize};

/// The resolved profile.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Compiled {
    /// Filter plugins (each with its PreFilter), in profile order.
    pub(crate) filters: Vec<PluginName>,
    /// Score plugins and weights, in profile order (at most [`MAX_SCORE_PLUGINS`]).
    pub(crate) scores: Vec<(PluginName, i64)>,
    /// Whether DefaultPreemption runs as PostFilter.
    pub(crate) preemption: bool,
    pub(crate) fit_strategy: Strategy,
    pub(crate) fit_resources: Vec<ResSpec>,
    pub(crate) balanced_resources: Vec<ResSpec>,
    pub(crate) ignored_resources: Vec<String>,
    pub(crate) ignored_groups: Vec<String>,
    pub(crate) percentage_of_nodes_to_score: Option<u32>,
}

impl Compiled {
    pub(crate) fn new(p: &Profile, names: &mut ScalarNames) -> Self {
        let mut filters: Vec<PluginName> = Vec::new();
        for f in &p.filter {
            if f.filters() && !filters.contains(f) {
                filters.push(*f);
            }
        }
        let mut scores: Vec<(PluginName, i64)> = Vec::new();
        for w in &p.score {
            if w.name.default_score_weight().is_some()
                && scores.len() < MAX_SCORE_PLUGINS
                && !scores.iter().any(|(n, _)| *n == w.name)
            {
                scores.push((w.name, i64::from(w.weight)));
            }
        }
        Compiled {
            filters,
            scores,
            preemption: p.post_filter.contains(&PluginName::DefaultPreemption),
            fit_strategy: Strategy::of(&p.node_resources_fit.strategy),
            fit_resources: resource_allocation::compile(&p.node_resources_fit.resources, names),
            balanced_resources: resource_allocation::compile(
                &p.balanced_allocation.resources,
                names,
            ),
            ignored_resources: p.node_resources_fit.ignored_resources.clone(),
            ignored_groups: p.node_resources_fit.ignored_resource_groups.clone(),
            percentage_of_nodes_to_score: p.percentage_of_nodes_to_score,
        }
    }
}

/// `minFeasibleNodesToFind`.
pub const MIN_FEASIBLE_NODES_TO_FIND: usize = 100;
/// `minFeasibleNodesPercentageToFind`.
pub const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND: usize = 5;

/// `numFeasibleNodesToFind`: how many feasible nodes a cycle looks for before it stops
/// filtering. Below 100 nodes, all; otherwise `percentage` of them (adaptive
/// `max(5, 50 - N/125)` when unset or 0), but never fewer than 100.
pub fn num_feasible_nodes_to_find(percentage: Option<u32>, num_all_nodes: usize) -> usize {
    if num_all_nodes < MIN_FEASIBLE_NODES_TO_FIND {
        return num_all_nodes;
    }
    let mut pct = percentage.map_or(0, |p| p as usize);
    if pct == 0 {
        pct =
            50usize.saturating_sub(num_all_nodes / 125).max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
    }
    let n = num_all_nodes.saturating_mul(pct) / 100;
    n.max(MIN_FEASIBLE_NODES_TO_FIND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_feasible_nodes_to_find_table() {
        // The reference's worked table (from upstream's schedule_one tests and the docs).
        let cases = [
            (None, 10, 10),
            (None, 99, 99),
            (None, 100, 100),
            (None, 200, 100),
            (None, 1000, 420),
            (None, 5000, 500),
            (None, 6000, 300),
            (None, 10_000, 500),
            (Some(0), 1000, 420),
            (Some(40), 1000, 400),
            (Some(100), 1000, 1000),
            (Some(1), 1000, 100),
            (Some(40), 50, 50),
        ];
        for (pct, n, want) in cases {
            assert_eq!(num_feasible_nodes_to_find(pct, n), want, "pct={pct:?} n={n}");
        }
    }
}
