//! Property tests: random clusters and pods, scheduled in order, each assumed before the next.
//! After every step: the chosen node passed every filter, no node's real requests exceed its
//! allocatable, the cache aggregates equal the sums over its pods; and one seed always gives
//! the same decisions.

use crate::{
    model::{Node, Pod, ResourceName, TaintEffect},
    rng::SimRng,
    scheduler::{
        Outcome, Scheduler,
        config::Profile,
        testing::{NodeBuilder, PodBuilder},
    },
    time::SimTime,
};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct NodeSpec {
    cpu_millis: u32,
    mem_mib: u32,
    pods: u32,
    tainted: bool,
    ssd: bool,
    zone: u8,
}

#[derive(Clone, Debug)]
struct PodSpecGen {
    cpu_millis: u32,
    mem_mib: u32,
    tolerates: bool,
    wants_ssd: bool,
    host_port: bool,
    priority: i32,
}

fn node_strategy() -> impl Strategy<Value = NodeSpec> {
    (500u32..8000, 256u32..16_384, 1u32..8, any::<bool>(), any::<bool>(), 0u8..3).prop_map(
        |(cpu_millis, mem_mib, pods, tainted, ssd, zone)| NodeSpec {
            cpu_millis,
            mem_mib,
            pods,
            tainted,
            ssd,
            zone,
        },
    )
}

fn pod_strategy() -> impl Strategy<Value = PodSpecGen> {
    (
        0u32..3000,
        0u32..4096,
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.2),
        0i32..3,
    )
        .prop_map(|(cpu_millis, mem_mib, tolerates, wants_ssd, host_port, priority)| {
            PodSpecGen { cpu_millis, mem_mib, tolerates, wants_ssd, host_port, priority }
        })
}

fn build_node(i: usize, n: &NodeSpec) -> Node {
    let mut b = NodeBuilder::new(&format!("node-{i}"))
        .cpu(&format!("{}m", n.cpu_millis))
        .memory(&format!("{}Mi", n.mem_mib))
        .pods(n.pods)
        .zone(&format!("z{}", n.zone));
    if n.tainted {
        b = b.taint("dedicated", "batch", TaintEffect::NoSchedule);
    }
    if n.ssd {
        b = b.label("disk", "ssd");
    }
    b.build()
}

fn build_pod(i: usize, p: &PodSpecGen) -> Pod {
    let mut b = PodBuilder::new(&format!("pod-{i}")).priority(p.priority).label("app", "demo");
    if p.cpu_millis > 0 {
        b = b.cpu(&format!("{}m", p.cpu_millis));
    }
    if p.mem_mib > 0 {
        b = b.memory(&format!("{}Mi", p.mem_mib));
    }
    if p.tolerates {
        b = b.tolerate("dedicated", None);
    }
    if p.wants_ssd {
        b = b.node_selector("disk", "ssd");
    }
    if p.host_port {
        b = b.host_port(8080);
    }
    b.build()
}

/// Schedules every pod in order; checks the invariants after each; returns the decisions.
fn run(nodes: &[Node], pods: &[Pod], seed: u64) -> Result<Vec<Option<String>>, TestCaseError> {
    let mut s = Scheduler::new(Profile::default());
    for n in nodes {
        s.add_node(n, SimTime::ZERO);
    }
    let mut rng = SimRng::new(seed);
    let mut placed: Vec<(Pod, String)> = Vec::new();
    let mut decisions = Vec::new();
    for pod in pods {
        let a = s.schedule_one(pod, SimTime::ZERO, &mut rng);
        if let Some(node_name) = &a.node {
            prop_assert_eq!(a.outcome, Outcome::Scheduled);
            let node =
                nodes.iter().find(|n| &n.metadata.name == node_name).expect("chosen node exists");
            // The filters, re-checked independently.
            let tolerated = node
                .spec
                .taints
                .iter()
                .all(|t| pod.spec.tolerations.iter().any(|x| x.tolerates(t)));
            prop_assert!(tolerated, "{} on {node_name} despite a taint", pod.metadata.name);
            prop_assert!(pod.spec.node_selector.is_subset_of(&node.metadata.labels));
            let wants_port = !crate::scheduler::pod_info::host_ports(&pod.spec).is_empty();
            let port_taken = placed.iter().any(|(p, n)| {
                n == node_name && !crate::scheduler::pod_info::host_ports(&p.spec).is_empty()
            });
            prop_assert!(!(wants_port && port_taken), "host port conflict on {node_name}");
            placed.push((pod.clone(), node_name.clone()));
        }
        decisions.push(a.node.clone());
        // No node is over-committed on real requests or pod count.
        for node in nodes {
            let on: Vec<&Pod> =
                placed.iter().filter(|(_, n)| *n == node.metadata.name).map(|(p, _)| p).collect();
            let cpu: i64 = on
                .iter()
                .map(|p| {
                    p.spec.containers.iter().map(|c| c.resources.requests.cpu_millis()).sum::<i64>()
                })
                .sum();
            let mem: i64 = on
                .iter()
                .map(|p| {
                    p.spec
                        .containers
                        .iter()
                        .map(|c| c.resources.requests.memory_bytes())
                        .sum::<i64>()
                })
                .sum();
            let alloc = &node.status.allocatable;
            prop_assert!(
                cpu <= alloc.cpu_millis(),
                "{} cpu {cpu} > {}",
                node.metadata.name,
                alloc.cpu_millis()
            );
            prop_assert!(mem <= alloc.memory_bytes(), "{} memory over", node.metadata.name);
            let max_pods = alloc.get(&ResourceName::Pods).map_or(0, |q| q.value());
            prop_assert!(on.len() as i64 <= max_pods);
        }
        s.cache.check_invariants().map_err(TestCaseError::fail)?;
    }
    Ok(decisions)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bound_pods_pass_every_filter_and_nodes_never_overcommit(
        nodes in prop::collection::vec(node_strategy(), 1..7),
        pods in prop::collection::vec(pod_strategy(), 1..25),
        seed in any::<u64>(),
    ) {
        let nodes: Vec<Node> = nodes.iter().enumerate().map(|(i, n)| build_node(i, n)).collect();
        let pods: Vec<Pod> = pods.iter().enumerate().map(|(i, p)| build_pod(i, p)).collect();
        let first = run(&nodes, &pods, seed)?;
        let second = run(&nodes, &pods, seed)?;
        prop_assert_eq!(first, second, "same seed, same decisions");
    }

    #[test]
    fn snapshots_continue_identically(
        nodes in prop::collection::vec(node_strategy(), 1..5),
        pods in prop::collection::vec(pod_strategy(), 2..12),
        seed in any::<u64>(),
    ) {
        let nodes: Vec<Node> = nodes.iter().enumerate().map(|(i, n)| build_node(i, n)).collect();
        let pods: Vec<Pod> = pods.iter().enumerate().map(|(i, p)| build_pod(i, p)).collect();
        let mut s = Scheduler::new(Profile::default());
        for n in &nodes {
            s.add_node(n, SimTime::ZERO);
        }
        let mut rng = SimRng::new(seed);
        let half = pods.len() / 2;
        for p in &pods[..half] {
            s.schedule_one(p, SimTime::ZERO, &mut rng);
        }
        // A serde round trip of the scheduler (a simulation snapshot) changes nothing.
        let json = serde_json::to_string(&s).expect("serialize");
        let mut restored: Scheduler = serde_json::from_str(&json).expect("deserialize");
        let mut rng2 = rng.clone();
        for p in &pods[half..] {
            let a = s.schedule_one(p, SimTime::ZERO, &mut rng);
            let b = restored.schedule_one(p, SimTime::ZERO, &mut rng2);
            prop_assert_eq!(a, b);
        }
    }
}
