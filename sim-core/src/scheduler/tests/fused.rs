//! The fused walk (`fused.rs`) against the general path: random clusters and pods scheduled in
//! lockstep by three schedulers — general path, fused walk, fused walk without explanations —
//! must agree on every attempt (the whole record for the first two, the decision for the
//! third) and consume the same random draws.

use crate::{
    model::{
        LabelSelector, Labels, Node, ObjectMeta, Pod, ReplicaSet, Service, TaintEffect,
        meta::LABEL_HOSTNAME, pod::NodeSelectorOperator, service::ServiceSpec,
        workload::ReplicaSetSpec,
    },
    rng::SimRng,
    scheduler::{
        AttemptRecord, Outcome, Scheduler,
        config::Profile,
        testing::{NodeBuilder, PodBuilder},
    },
    time::SimTime,
};
use proptest::prelude::*;

const IMAGES: [&str; 3] = ["nginx:1.27", "redis:7.4", "postgres:17"];

#[derive(Clone, Debug)]
struct NodeGen {
    cpu_millis: u32,
    mem_mib: u32,
    pods: u32,
    /// 0: none, 1: NoSchedule, 2: PreferNoSchedule (see [`with_soft_taint`]).
    taint: u8,
    unschedulable: bool,
    /// `None`: no zone label.
    zone: Option<u8>,
    no_hostname: bool,
    images: u8,
}

#[derive(Clone, Debug)]
struct PodGen {
    cpu_millis: u32,
    mem_mib: u32,
    tolerates: bool,
    /// Index into [`IMAGES`] per container (1 or 2 containers).
    images: Vec<u8>,
    /// Owning ReplicaSet (and selecting Service), if any.
    owner: Option<u8>,
    /// 0: plain, 1: preferred affinity (general path), 2: node selector (general path).
    shape: u8,
    priority: i32,
}

fn node_strategy() -> impl Strategy<Value = NodeGen> {
    (
        (500u32..8000, 256u32..16_384, 1u32..12),
        prop::sample::select(vec![0u8, 0, 0, 0, 1]),
        prop::bool::weighted(0.05),
        prop::option::weighted(0.75, 0u8..3),
        prop::bool::weighted(0.05),
        0u8..8,
    )
        .prop_map(
            |((cpu_millis, mem_mib, pods), taint, unschedulable, zone, no_hostname, images)| {
                NodeGen {
                    cpu_millis,
                    mem_mib,
                    pods,
                    taint,
                    unschedulable,
                    zone,
                    no_hostname,
                    images,
                }
            },
        )
}

fn pod_strategy() -> impl Strategy<Value = PodGen> {
    (
        (0u32..2000, 0u32..3000),
        prop::bool::weighted(0.3),
        prop::collection::vec(0u8..3, 1..3),
        prop::option::weighted(0.8, 0u8..3),
        prop::sample::select(vec![0u8, 0, 0, 0, 0, 1, 2]),
        0i32..2,
    )
        .prop_map(|((cpu_millis, mem_mib), tolerates, images, owner, shape, priority)| {
            PodGen { cpu_millis, mem_mib, tolerates, images, owner, shape, priority }
        })
}

/// Gives node `at` a PreferNoSchedule taint; one such node anywhere sends every pod down the
/// general path, so only some clusters get one.
fn with_soft_taint(mut nodes: Vec<NodeGen>, at: Option<usize>) -> Vec<NodeGen> {
    if let Some(n) = at.and_then(|i| nodes.get_mut(i)) {
        n.taint = 2;
    }
    nodes
}

fn build_node(i: usize, g: &NodeGen) -> Node {
    let mut b = NodeBuilder::new(&format!("node-{i}"))
        .cpu(&format!("{}m", g.cpu_millis))
        .memory(&format!("{}Mi", g.mem_mib))
        .pods(g.pods)
        .label("disk", if i.is_multiple_of(2) { "ssd" } else { "hdd" });
    if let Some(z) = g.zone {
        b = b.zone(&format!("z{z}"));
    }
    match g.taint {
        1 => b = b.taint("dedicated", "batch", TaintEffect::NoSchedule),
        2 => b = b.taint("spot", "yes", TaintEffect::PreferNoSchedule),
        _ => {}
    }
    if g.unschedulable {
        b = b.unschedulable();
    }
    for (j, img) in IMAGES.iter().enumerate() {
        if g.images & (1 << j) != 0 {
            b = b.image(img, (j as i64 + 1) * (200 << 20));
        }
    }
    let mut node = b.build();
    if g.no_hostname {
        node.metadata.labels =
            node.metadata.labels.iter().filter(|(k, _)| *k != LABEL_HOSTNAME).collect::<Labels>();
    }
    node
}

fn build_pod(i: usize, g: &PodGen) -> Pod {
    let app = g.owner.map_or_else(|| "loose".to_owned(), |o| format!("app-{o}"));
    let mut b = PodBuilder::new(&format!("pod-{i}"))
        .uid(i as u128 + 1)
        .priority(g.priority)
        .label("app", &app)
        .no_containers();
    for (c, img) in g.images.iter().enumerate() {
        let cpu = format!("{}m", g.cpu_millis / (c as u32 + 1));
        let mem = format!("{}Mi", g.mem_mib / (c as u32 + 1));
        let mut requests: Vec<(&str, &str)> = Vec::new();
        if g.cpu_millis > 0 {
            requests.push(("cpu", &cpu));
        }
        if g.mem_mib > 0 {
            requests.push(("memory", &mem));
        }
        let image = IMAGES.get(*img as usize).copied().unwrap_or("busybox");
        b = b.container(&format!("c{c}"), image, &requests);
    }
    if g.tolerates {
        b = b.tolerate("dedicated", None);
    }
    if let Some(o) = g.owner {
        b = b.owned_by_replica_set(&format!("app-{o}-rs"));
    }
    match g.shape {
        1 => b = b.preferred_term(5, "disk", NodeSelectorOperator::In, &["ssd"]),
        2 => b = b.node_selector("disk", "hdd"),
        _ => {}
    }
    b.build()
}

fn scheduler(nodes: &[Node], fused: bool, explain: bool) -> Scheduler {
    let mut s = Scheduler::new(Profile::default());
    s.set_fused(fused);
    s.set_explanations(explain);
    for n in nodes {
        s.add_node(n, SimTime::ZERO);
    }
    for o in 0..3 {
        let app = format!("app-{o}");
        let labels: Labels = [("app", app.as_str())].into_iter().collect();
        s.upsert_replica_set(&ReplicaSet {
            metadata: ObjectMeta::named("default", &format!("{app}-rs")),
            spec: ReplicaSetSpec {
                selector: LabelSelector::from_labels(labels.clone()),
                ..Default::default()
            },
            ..Default::default()
        });
        s.upsert_service(&Service {
            metadata: ObjectMeta::named("default", &app),
            spec: ServiceSpec { selector: Some(labels), ..Default::default() },
        });
    }
    s
}

/// Schedules `pods` in lockstep on the three schedulers and compares every attempt.
fn lockstep(nodes: &[Node], pods: &[Pod], seed: u64) -> Result<(), TestCaseError> {
    let mut general = scheduler(nodes, false, true);
    let mut fused = scheduler(nodes, true, true);
    let mut quiet = scheduler(nodes, true, false);
    let mut rngs = [SimRng::new(seed), SimRng::new(seed), SimRng::new(seed)];
    for pod in pods {
        let [r0, r1, r2] = &mut rngs;
        let want = general.schedule_one(pod, SimTime::ZERO, r0);
        let got = fused.schedule_one(pod, SimTime::ZERO, r1);
        let brief = quiet.schedule_one(pod, SimTime::ZERO, r2);
        prop_assert_eq!(AttemptRecord::from(got), AttemptRecord::from(want.clone()));
        prop_assert_eq!(&brief.node, &want.node);
        prop_assert_eq!(&brief.message, &want.message);
        prop_assert_eq!(brief.feasible_nodes, want.feasible_nodes);
        prop_assert_eq!(brief.scored, want.scored);
        if brief.outcome == Outcome::Scheduled {
            prop_assert_eq!(brief.nodes().len(), 0, "no per-node records when quiet");
        } else {
            prop_assert_eq!(brief.nodes().len(), want.nodes().len());
        }
        prop_assert_eq!(&rngs[0], &rngs[1], "same draws");
        prop_assert_eq!(&rngs[0], &rngs[2], "same draws");
        if want.node.is_some() {
            for s in [&mut general, &mut fused, &mut quiet] {
                s.binding_finished(pod.metadata.uid, true, SimTime::ZERO);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Small clusters: every node is evaluated.
    #[test]
    fn fused_walk_agrees_with_general_path_on_small_clusters(
        nodes in prop::collection::vec(node_strategy(), 1..12),
        pods in prop::collection::vec(pod_strategy(), 1..40),
        seed in any::<u64>(),
        soft in prop::option::weighted(0.2, 0usize..12),
    ) {
        let nodes = with_soft_taint(nodes, soft);
        let nodes: Vec<Node> = nodes.iter().enumerate().map(|(i, n)| build_node(i, n)).collect();
        let pods: Vec<Pod> = pods.iter().enumerate().map(|(i, p)| build_pod(i, p)).collect();
        lockstep(&nodes, &pods, seed)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Over 100 nodes: the walk stops at `numFeasibleNodesToFind` and the start index moves.
    #[test]
    fn fused_walk_agrees_with_general_path_when_the_search_stops_early(
        nodes in prop::collection::vec(node_strategy(), 100..160),
        pods in prop::collection::vec(pod_strategy(), 1..30),
        seed in any::<u64>(),
        soft in prop::option::weighted(0.2, 0usize..160),
    ) {
        let nodes = with_soft_taint(nodes, soft);
        let nodes: Vec<Node> = nodes.iter().enumerate().map(|(i, n)| build_node(i, n)).collect();
        let pods: Vec<Pod> = pods.iter().enumerate().map(|(i, p)| build_pod(i, p)).collect();
        lockstep(&nodes, &pods, seed)?;
    }
}

#[test]
fn bench_workload_agrees_with_general_path() {
    use crate::scheduler::bench::{Workload, prepare};
    let w = Workload::sized("agree", 150, 900);
    let reference = prepare(&w, 11);
    let mut general = reference.scheduler().clone();
    general.set_fused(false);
    let mut fused = reference.scheduler().clone();
    let (mut ra, mut rb) = (SimRng::new(3), SimRng::new(3));
    for pod in crate::scheduler::bench::pods(&w) {
        let a = general.schedule_one(&pod, SimTime::ZERO, &mut ra);
        let b = fused.schedule_one(&pod, SimTime::ZERO, &mut rb);
        assert_eq!(AttemptRecord::from(b), AttemptRecord::from(a), "{}", pod.metadata.name);
    }
}

/// A change to the cluster between two attempts of [`memo_lockstep`].
#[derive(Clone, Debug)]
enum Op {
    /// Schedule a new pod of this kind (index into the kinds).
    Schedule(u8),
    /// Delete the n-th placed pod (modulo their number).
    DeletePod(u16),
    /// Give node n (modulo) a new shape.
    UpdateNode(u8, NodeGen),
    /// Remove node n (modulo), or add it back if it is gone.
    ToggleNode(u8),
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u8..3).prop_map(Op::Schedule),
        1 => any::<u16>().prop_map(Op::DeletePod),
        1 => (any::<u8>(), node_strategy()).prop_map(|(n, g)| Op::UpdateNode(n, g)),
        1 => any::<u8>().prop_map(Op::ToggleNode),
    ]
}

/// The decisions-only walk remembers each node's node-local scores per kind of pod until the
/// node changes. Pods of a few kinds, with nodes reshaped (capacity, images, taints),
/// removed and re-added and pods deleted between attempts: it must decide as the general
/// path does, with the same draws.
fn memo_lockstep(
    nodes: &[NodeGen],
    kinds: &[PodGen],
    ops: &[Op],
    seed: u64,
) -> Result<(), TestCaseError> {
    let mut shapes: Vec<(NodeGen, bool)> = nodes.iter().map(|g| (g.clone(), true)).collect();
    let built: Vec<Node> = nodes.iter().enumerate().map(|(i, n)| build_node(i, n)).collect();
    let mut general = scheduler(&built, false, true);
    let mut quiet = scheduler(&built, true, false);
    let (mut r0, mut r1) = (SimRng::new(seed), SimRng::new(seed));
    let mut placed: Vec<Pod> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        match op {
            Op::Schedule(k) => {
                let Some(kind) = kinds.get(usize::from(*k) % kinds.len().max(1)) else { continue };
                let pod = build_pod(i, kind);
                let want = general.schedule_one(&pod, SimTime::ZERO, &mut r0);
                let got = quiet.schedule_one(&pod, SimTime::ZERO, &mut r1);
                prop_assert_eq!(&got.node, &want.node, "op {}", i);
                prop_assert_eq!(&got.message, &want.message);
                prop_assert_eq!(got.feasible_nodes, want.feasible_nodes);
                prop_assert_eq!(&r0, &r1, "same draws");
                if want.node.is_some() {
                    general.binding_finished(pod.metadata.uid, true, SimTime::ZERO);
                    quiet.binding_finished(pod.metadata.uid, true, SimTime::ZERO);
                    placed.push(pod);
                }
            }
            Op::DeletePod(n) if !placed.is_empty() => {
                let pod = placed.swap_remove(usize::from(*n) % placed.len());
                general.remove_pod(&pod, SimTime::ZERO);
                quiet.remove_pod(&pod, SimTime::ZERO);
            }
            Op::DeletePod(_) => {}
            Op::UpdateNode(n, g) => {
                let at = usize::from(*n) % shapes.len();
                if let Some((shape, present)) = shapes.get_mut(at) {
                    *shape = g.clone();
                    if *present {
                        let node = build_node(at, shape);
                        general.update_node(&node, SimTime::ZERO);
                        quiet.update_node(&node, SimTime::ZERO);
                    }
                }
            }
            Op::ToggleNode(n) => {
                let at = usize::from(*n) % shapes.len();
                if let Some((shape, present)) = shapes.get_mut(at) {
                    let node = build_node(at, shape);
                    for s in [&mut general, &mut quiet] {
                        if *present {
                            s.remove_node(&node.metadata.name, SimTime::ZERO);
                        } else {
                            s.add_node(&node, SimTime::ZERO);
                        }
                    }
                    *present = !*present;
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn remembered_scores_agree_with_general_path_as_the_cluster_changes(
        nodes in prop::collection::vec(node_strategy(), 1..130),
        kinds in prop::collection::vec(pod_strategy(), 1..4),
        ops in prop::collection::vec(op_strategy(), 1..120),
        seed in any::<u64>(),
    ) {
        memo_lockstep(&nodes, &kinds, &ops, seed)?;
    }
}

#[test]
fn bench_workload_decides_the_same_without_explanations() {
    use crate::scheduler::bench::{Workload, prepare};
    let w = Workload::sized("agree-quiet", 150, 1500);
    let reference = prepare(&w, 5);
    let mut general = reference.scheduler().clone();
    general.set_fused(false);
    let mut quiet = reference.scheduler().clone();
    quiet.set_explanations(false);
    let (mut ra, mut rb) = (SimRng::new(9), SimRng::new(9));
    for pod in crate::scheduler::bench::pods(&w) {
        let a = general.schedule_one(&pod, SimTime::ZERO, &mut ra);
        let b = quiet.schedule_one(&pod, SimTime::ZERO, &mut rb);
        assert_eq!(b.node, a.node, "{}", pod.metadata.name);
        if a.node.is_some() {
            general.binding_finished(pod.metadata.uid, true, SimTime::ZERO);
            quiet.binding_finished(pod.metadata.uid, true, SimTime::ZERO);
        }
    }
}
