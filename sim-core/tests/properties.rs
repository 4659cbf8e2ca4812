//! Property tests: random clusters and random fault/action sequences. After every simulated
//! task: no node over-committed, indexes consistent, every binding went to a node that passed
//! the filters in its scheduling attempt. After the faults stop: replicas converge. And the
//! same seed twice gives the same log.

mod common;
use common::*;
use proptest::prelude::*;
use sim_core::{
    cluster::{Action, ClusterConfig, Kind, NodePool, PoolKind, Sim, SimEvent},
    time::SimTime,
};

#[derive(Clone, Debug)]
enum Fault {
    Crash(usize),
    Recover(usize),
    Partition(usize),
    Heal(usize),
    Cordon(usize),
    Uncordon(usize),
    Scale(usize, i32),
    SetImage(usize),
    DeletePod(usize),
    CrashContainer(usize),
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        (0..5usize).prop_map(Fault::Crash),
        (0..5usize).prop_map(Fault::Recover),
        (0..5usize).prop_map(Fault::Partition),
        (0..5usize).prop_map(Fault::Heal),
        (0..5usize).prop_map(Fault::Cordon),
        (0..5usize).prop_map(Fault::Uncordon),
        ((0..3usize), (0..6i32)).prop_map(|(d, r)| Fault::Scale(d, r)),
        (0..3usize).prop_map(Fault::SetImage),
        (0..3usize).prop_map(Fault::DeletePod),
        (0..3usize).prop_map(Fault::CrashContainer),
    ]
}

#[derive(Clone, Debug)]
struct Case {
    seed: u64,
    nodes: u32,
    deployments: Vec<(i32, i64)>,
    faults: Vec<(u64, Fault)>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<u64>(),
        2..6u32,
        prop::collection::vec((1..6i32, prop::sample::select(vec![100i64, 250, 500])), 1..4),
        prop::collection::vec((1..120u64, fault()), 0..10),
    )
        .prop_map(|(seed, nodes, deployments, faults)| Case {
            seed,
            nodes,
            deployments,
            faults,
        })
}

fn node_name(sim: &Sim, i: usize) -> String {
    let names: Vec<String> = sim.store().nodes().map(|n| n.metadata.name.clone()).collect();
    names[i % names.len()].clone()
}

fn apply_fault(sim: &mut Sim, f: &Fault, count: usize) {
    let dep = |d: usize| format!("app{}", d % count);
    let action = match f {
        Fault::Crash(i) => Action::CrashNode { node: node_name(sim, *i) },
        Fault::Recover(i) => Action::RecoverNode { node: node_name(sim, *i) },
        Fault::Partition(i) => Action::PartitionNode { node: node_name(sim, *i) },
        Fault::Heal(i) => Action::HealNode { node: node_name(sim, *i) },
        Fault::Cordon(i) => Action::Cordon { node: node_name(sim, *i), unschedulable: true },
        Fault::Uncordon(i) => Action::Cordon { node: node_name(sim, *i), unschedulable: false },
        Fault::Scale(d, r) => Action::Scale {
            kind: Kind::Deployment,
            namespace: "default".into(),
            name: dep(*d),
            replicas: *r,
        },
        Fault::SetImage(d) => Action::SetImage {
            namespace: "default".into(),
            deployment: dep(*d),
            container: "c".into(),
            image: "nginx:latest".into(),
        },
        Fault::DeletePod(d) | Fault::CrashContainer(d) => {
            let prefix = format!("{}-", dep(*d));
            let Some(pod) = sim
                .store()
                .pods()
                .map(|p| p.metadata.name.clone())
                .filter(|n| n.starts_with(&prefix))
                .min()
            else {
                return;
            };
            if matches!(f, Fault::DeletePod(_)) {
                Action::Delete {
                    kind: Kind::Pod,
                    namespace: "default".into(),
                    name: pod,
                    grace_period_seconds: None,
                    force: false,
                }
            } else {
                Action::CrashContainer {
                    namespace: "default".into(),
                    pod,
                    container: None,
                    exit_code: 1,
                }
            }
        }
    };
    // Faults that do not apply now (recovering a healthy node…) are simply refused.
    let _ = sim.apply(action);
}

/// Steps to `until`, checking invariants and every binding's attempt.
fn run_checking(sim: &mut Sim, until: SimTime) -> Result<(), TestCaseError> {
    let mut seen = sim.log_len();
    while let Some(t) = sim.next_event_time().filter(|t| *t <= until) {
        let _ = t;
        sim.step();
        let errors = sim.check_invariants();
        prop_assert!(errors.is_empty(), "at {:?}: {:?}", sim.now(), errors);
        for e in sim.events_since(seen) {
            if let SimEvent::SchedulingAttempt { node: Some(node), attempt_id, .. } = &e.event {
                let attempt = sim.attempt(*attempt_id).expect("attempt kept");
                let verdict = attempt.node_result(node).map(|r| r.feasible());
                prop_assert_eq!(
                    verdict,
                    Some(true),
                    "bound to {} which did not pass the filters",
                    node
                );
            }
        }
        seen = sim.log_len();
    }
    sim.advance_to(until, 0);
    Ok(())
}

fn build(case: &Case) -> Sim {
    let pool = NodePool {
        zones: vec!["zone-a".into(), "zone-b".into()],
        ..NodePool::new("node", PoolKind::Cpu, case.nodes)
    };
    let mut sim =
        Sim::new(case.seed, ClusterConfig { pools: vec![pool], ..ClusterConfig::default() });
    for (i, (replicas, cpu)) in case.deployments.iter().enumerate() {
        apply_deployment(
            &mut sim,
            deployment(&format!("app{i}"), *replicas, container("c", "nginx:1.30", *cpu, 64)),
        );
    }
    sim
}

fn simulate(case: &Case) -> Result<Sim, TestCaseError> {
    let mut sim = build(case);
    run_checking(&mut sim, SimTime::from_secs(30))?;
    let mut t = SimTime::from_secs(30);
    for (dt, f) in &case.faults {
        t = t.plus_secs(*dt);
        run_checking(&mut sim, t)?;
        apply_fault(&mut sim, f, case.deployments.len());
    }
    // Faults stop: every node back and schedulable.
    let names: Vec<String> = sim.store().nodes().map(|n| n.metadata.name.clone()).collect();
    for n in names {
        let _ = sim.apply(Action::RecoverNode { node: n.clone() });
        let _ = sim.apply(Action::HealNode { node: n.clone() });
        let _ = sim.apply(Action::Cordon { node: n, unschedulable: false });
    }
    let settle = t.plus_secs(900);
    run_checking(&mut sim, settle)?;
    Ok(sim)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_faults_keep_invariants_and_converge(case in case()) {
        let sim = simulate(&case)?;
        for d in sim.deployment_views() {
            prop_assert_eq!(
                (d.available, d.updated),
                (d.desired, d.desired),
                "{} did not converge: {:?}", d.name, d
            );
        }
        let again = simulate(&case)?;
        prop_assert_eq!(sim.log_hash(), again.log_hash(), "same seed, same log");
    }
}

/// A fixed case through the same machinery, to show the faults bite: a crash long enough
/// for evictions, a partition, a cordon and a rollout, and still convergence.
#[test]
fn a_crash_and_a_partition_evict_and_still_converge() {
    let case = Case {
        seed: 9,
        nodes: 3,
        deployments: vec![(4, 250), (3, 100)],
        faults: vec![
            (10, Fault::Crash(0)),
            (5, Fault::Partition(1)),
            (5, Fault::Cordon(2)),
            (5, Fault::SetImage(1)),
            (100, Fault::Heal(1)),
            (119, Fault::Scale(0, 5)),
            (119, Fault::Uncordon(2)),
            (119, Fault::Recover(0)),
        ],
    };
    let sim = simulate(&case).expect("invariants hold");
    let evictions = sim
        .events_since(0)
        .iter()
        .filter(|e| matches!(&e.event, SimEvent::Kube(k) if k.reason == "TaintManagerEviction"))
        .count();
    assert!(evictions > 0, "the crash lasted long enough to evict");
    for d in sim.deployment_views() {
        assert_eq!((d.available, d.updated), (d.desired, d.desired), "{d:?}");
    }
}
