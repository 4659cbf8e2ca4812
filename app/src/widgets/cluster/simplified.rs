//! Where the simulator departs from upstream Kubernetes, in the reader's words. Each line
//! summarizes a `Simplified:` note in `sim-core` (the file is named so the two can be kept
//! in step); the widget lists them under a "Simplified" disclosure.

/// One simplification: what it concerns, what the simulator does instead, and the
/// `sim-core/src/` file(s) whose `Simplified:` comment it summarizes.
pub type Note = (&'static str, &'static str, &'static str);

/// Every simplification the playground can show, most visible first.
pub const NOTES: &[Note] = &[
    (
        "Control plane",
        "No authentication, authorization or API priority and fairness; a write is visible the instant it is made (no etcd latency).",
        "cluster/mod.rs",
    ),
    (
        "Nodes",
        "The initial nodes all register at time zero. No node-pressure conditions, kubelet evictions or image garbage collection.",
        "cluster/kubelet/mod.rs",
    ),
    (
        "Probes",
        "A readiness or startup probe passes on its first tick unless a fault makes it fail; liveness probes always pass.",
        "cluster/kubelet/mod.rs",
    ),
    (
        "Containers",
        "A container's command is read by a tiny interpreter (sleep, exit, sh -c scripts); anything else runs as a server.",
        "cluster/kubelet/program.rs",
    ),
    (
        "Images",
        "A small built-in registry with real compressed sizes; any other reference fails to pull, as a typo does.",
        "cluster/images.rs",
    ),
    (
        "Drain",
        "kubectl drain issues the evictions and returns at once; PodDisruptionBudgets are not modelled, so evictions are never refused.",
        "cluster/actions.rs",
    ),
    (
        "Scheduling time",
        "One scheduling cycle and one Binding call take fixed simulated times; binding cycles run one after another, not concurrently.",
        "cluster/scheduling.rs",
    ),
    (
        "Tie-break",
        "Nodes with equal top scores are chosen uniformly at random, as upstream (v1.15–v1.34 rule; later releases are uniform in effect).",
        "scheduler/schedule_one.rs",
    ),
    (
        "Scheduling queue",
        "Pods leave back-off at their exact expiry instead of on a 1 s tick.",
        "scheduler/queue.rs",
    ),
    (
        "Preemption",
        "No PodDisruptionBudgets and no preemptionPolicy: Never; spreading counts are not reduced for victims in the dry run.",
        "scheduler/plugins/default_preemption.rs",
    ),
    (
        "Watches",
        "A component reads the current object when a watch delivers, not each intermediate version; the scheduler hears of writes instantly.",
        "cluster/watch.rs",
    ),
    (
        "Node lifecycle",
        "The rate-limited NoExecute tainting runs on each 5 s monitor tick rather than every 100 ms.",
        "cluster/controllers/node_lifecycle.rs",
    ),
    (
        "CrashLoopBackOff",
        "A container restarts exactly when its back-off ends, not at the next pod sync after it.",
        "cluster/kubelet/backoff.rs",
    ),
    (
        "Garbage collection",
        "Deleting a ReplicaSet deletes its pods at once; orphaned pods of a deleted Node are removed without the 40 s quarantine.",
        "cluster/api.rs, cluster/controllers/podgc.rs",
    ),
    (
        "kube-proxy",
        "Every node's kube-proxy sees EndpointSlice changes at once (no sync delay).",
        "cluster/proxy.rs",
    ),
    (
        "Events",
        "Only identical events are aggregated into a count; the correlator's similar-event combining and spam filter are not simulated.",
        "cluster/api.rs",
    ),
    (
        "FailedScheduling",
        "The message has no DynamicResources part (no new claims to deallocate): the simulator has no DRA plugin.",
        "scheduler/fit_error.rs",
    ),
];

#[cfg(test)]
mod tests {
    /// Every note names a sim-core file that still carries a `Simplified:` comment.
    #[test]
    fn every_note_points_at_a_simplified_comment() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../sim-core/src/");
        for (topic, _, files) in super::NOTES {
            for file in files.split(", ") {
                let path = format!("{root}{}", file.trim());
                let source = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{topic}: {path}: {e}"));
                let documented = source.contains("Simplified:")
                    || ["program.rs", "images.rs"].iter().any(|f| file.ends_with(f));
                assert!(documented, "{topic}: {path} has no Simplified: note");
            }
        }
    }
}
