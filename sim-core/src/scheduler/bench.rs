//! Scheduling throughput workloads, declared as data in the spirit of upstream's
//! `scheduler_perf`: the same workload runs small in tests (`short`) and at the Kubernetes
//! scalability envelope as a benchmark (`performance`: 5,000 nodes, 150,000 pods).
//!
//! [`prepare`] builds the cluster and queues every pod (not timed); [`Prepared::run`] drains
//! the queue through the full scheduling cycle (pop, PreFilter/Filter, scoring, host
//! selection, assume, binding confirmation) and is what callers time. Nothing here reads a
//! clock: `kubesim bench` natively and a wasm harness time it from outside.
//!
//! The pods are realistic rather than uniform: owned by ReplicaSets that Services select (so
//! PodTopologySpread's system default constraints apply), with mixed requests, a handful of
//! images that some nodes already hold, the two default NoExecute tolerations, and a few
//! tainted nodes that most pods do not tolerate.

use super::{
    Scheduler,
    config::Profile,
    testing::{NodeBuilder, PodBuilder},
};
use crate::{
    model::{
        LabelSelector, Labels, ObjectMeta, Pod, ReplicaSet, Service, TaintEffect, Toleration,
        TolerationOperator, Uid, node::taint_keys, service::ServiceSpec,
    },
    rng::SimRng,
    time::SimTime,
};

/// A workload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workload {
    /// Name (as scheduler_perf names its test cases).
    pub name: String,
    /// Nodes.
    pub nodes: usize,
    /// Pods to schedule.
    pub pods: usize,
    /// Zones the nodes are spread over.
    pub zones: usize,
    /// ReplicaSets (each selected by one Service) owning the pods.
    pub replica_sets: usize,
    /// Per node: cpu cores, memory GiB.
    pub node_cpu_cores: u32,
    /// Node memory in GiB.
    pub node_memory_gib: u32,
    /// One node in this many carries a `dedicated=infra:NoSchedule` taint.
    pub tainted_node_every: usize,
}

impl Workload {
    /// The Kubernetes scalability envelope: 5,000 nodes, 150,000 pods.
    pub fn performance() -> Self {
        Workload::sized("SchedulingEnvelope/5000Nodes_150000Pods", 5000, 150_000)
    }

    /// The same shape, small enough for a unit test.
    pub fn short() -> Self {
        Workload::sized("SchedulingEnvelope/100Nodes_2000Pods", 100, 2000)
    }

    /// The workload shape at another size.
    pub fn sized(name: &str, nodes: usize, pods: usize) -> Self {
        Workload {
            name: name.to_owned(),
            nodes,
            pods,
            zones: 3,
            replica_sets: 20,
            node_cpu_cores: 16,
            node_memory_gib: 64,
            tainted_node_every: 50,
        }
    }
}

/// What a run produced. The checksum folds every decision in order, so two runs (or a native
/// and a wasm run) with the same seed must agree on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BenchOutcome {
    /// Pods bound.
    pub pods_scheduled: u64,
    /// Attempts that found no node.
    pub unschedulable: u64,
    /// FNV-1a over (pod index, chosen node) of every attempt.
    pub checksum: u64,
}

/// A cluster with every pod queued, ready to run.
#[derive(Clone, Debug)]
pub struct Prepared {
    scheduler: Scheduler,
    pods: Vec<Pod>,
    rng: SimRng,
}

/// The images pods use: (name, size in bytes).
const IMAGES: [(&str, i64); 6] = [
    ("nginx:1.27", 70 << 20),
    ("redis:7.4", 110 << 20),
    ("postgres:17", 430 << 20),
    ("python:3.13-slim", 150 << 20),
    ("registry.k8s.io/pause:3.10", 1 << 20),
    ("busybox:1.37", 4 << 20),
];
const CPU_REQUESTS: [&str; 4] = ["100m", "250m", "500m", "50m"];
const MEMORY_REQUESTS: [&str; 4] = ["128Mi", "256Mi", "512Mi", "64Mi"];

fn default_tolerations() -> [Toleration; 2] {
    [taint_keys::NOT_READY, taint_keys::UNREACHABLE].map(|key| Toleration {
        key: key.into(),
        operator: TolerationOperator::Exists,
        value: String::new(),
        effect: Some(TaintEffect::NoExecute),
        toleration_seconds: Some(300),
    })
}

/// The workload's pods (uids 1..=pods), in creation order: one template (spec) per
/// ReplicaSet, shared by its pods as the engine shares them.
pub fn pods(w: &Workload) -> Vec<Pod> {
    let rs_count = w.replica_sets.max(1);
    let templates: Vec<Pod> = (0..rs_count)
        .map(|r| {
            let app = format!("app-{r}");
            let (img, _) = IMAGES[r % IMAGES.len()];
            let mut b = PodBuilder::new("template")
                .image(img)
                .cpu(CPU_REQUESTS[r % CPU_REQUESTS.len()])
                .memory(MEMORY_REQUESTS[(r / 2) % MEMORY_REQUESTS.len()])
                .label("app", &app)
                .label("pod-template-hash", "5d9c8f")
                .owned_by_replica_set(&format!("{app}-5d9c8f"));
            for t in default_tolerations() {
                b = b.toleration(t);
            }
            b.build()
        })
        .collect();
    let mut pods = Vec::with_capacity(w.pods);
    for i in 0..w.pods {
        let Some(template) = templates.get(i % rs_count) else { break };
        let mut pod = template.clone();
        pod.metadata.name = format!("{}-{i}", pod.metadata.labels.get("app").unwrap_or("pod"));
        pod.metadata.uid = Uid(i as u128 + 1);
        pods.push(pod);
    }
    pods
}

/// Builds the cluster for `w` and queues its pods, for the default profile.
pub fn prepare(w: &Workload, seed: u64) -> Prepared {
    prepare_with(w, seed, Profile::default())
}

/// [`prepare`] with another profile (to see what each plugin costs).
pub fn prepare_with(w: &Workload, seed: u64, profile: Profile) -> Prepared {
    let mut rng = SimRng::new(seed);
    let mut scheduler = Scheduler::new(profile);
    let now = SimTime::ZERO;
    for i in 0..w.nodes {
        let name = format!("node-{i}");
        let mut b = NodeBuilder::new(&name)
            .cpu(&w.node_cpu_cores.to_string())
            .memory(&format!("{}Gi", w.node_memory_gib))
            .zone(&format!("zone-{}", i % w.zones.max(1)));
        for (img, size) in IMAGES.iter().filter(|_| rng.below(3) == 0) {
            b = b.image(img, *size);
        }
        if w.tainted_node_every > 0 && i % w.tainted_node_every == w.tainted_node_every - 1 {
            b = b.taint("dedicated", "infra", TaintEffect::NoSchedule);
        }
        scheduler.add_node(&b.build(), now);
    }
    let rs_count = w.replica_sets.max(1);
    for r in 0..rs_count {
        let app = format!("app-{r}");
        let selector: Labels =
            [("app", app.as_str()), ("pod-template-hash", "5d9c8f")].into_iter().collect();
        scheduler.upsert_replica_set(&ReplicaSet {
            metadata: ObjectMeta::named("default", &format!("{app}-5d9c8f")),
            spec: crate::model::workload::ReplicaSetSpec {
                selector: LabelSelector::from_labels(selector),
                ..Default::default()
            },
            ..Default::default()
        });
        scheduler.upsert_service(&Service {
            metadata: ObjectMeta::named("default", &app),
            spec: ServiceSpec {
                selector: Some([("app", app.as_str())].into_iter().collect()),
                ..Default::default()
            },
        });
    }
    let pods = pods(w);
    for pod in &pods {
        scheduler.add_pod(pod, now);
    }
    Prepared { scheduler, pods, rng: rng.fork("scheduler") }
}

impl Prepared {
    /// Schedules every queued pod; each success is bound at once.
    pub fn run(self) -> BenchOutcome {
        self.run_keep().0
    }

    /// [`Prepared::run`], also returning the scheduler and pods (to measure memory at rest).
    #[inline(never)] // a symbol profilers can start and stop at
    pub fn run_keep(mut self) -> (BenchOutcome, (Scheduler, Vec<Pod>)) {
        let now = SimTime::ZERO;
        let mut out =
            BenchOutcome { pods_scheduled: 0, unschedulable: 0, checksum: 0xcbf2_9ce4_8422_2325 };
        let mut attempts_left = self.pods.len() * 2;
        while let Some(uid) = self.scheduler.pop(now) {
            if attempts_left == 0 {
                break;
            }
            attempts_left -= 1;
            let Some(pod) =
                usize::try_from(uid.0).ok().and_then(|i| self.pods.get(i.wrapping_sub(1)))
            else {
                continue;
            };
            let a = self.scheduler.schedule_one(pod, now, &mut self.rng);
            fold(&mut out.checksum, &uid.0.to_le_bytes());
            match &a.node {
                Some(node) => {
                    fold(&mut out.checksum, node.as_bytes());
                    self.scheduler.binding_finished(uid, true, now);
                    out.pods_scheduled += 1;
                }
                None => {
                    fold(&mut out.checksum, b"-");
                    out.unschedulable += 1;
                }
            }
        }
        (out, (self.scheduler, self.pods))
    }

    /// Turns per-node explanations on (the default) or off for the run; decisions and the
    /// checksum do not change (see [`Scheduler::set_explanations`]).
    pub fn set_explanations(&mut self, on: bool) {
        self.scheduler.set_explanations(on);
    }

    /// The scheduler, e.g. to inspect it after preparing.
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }
}

fn fold(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h = (*h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
}

/// Prepares and runs `w` (for callers that time the whole thing).
pub fn run(w: &Workload, seed: u64) -> BenchOutcome {
    prepare(w, seed).run()
}
