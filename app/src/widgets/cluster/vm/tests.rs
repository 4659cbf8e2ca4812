use super::*;
use crate::widgets::cluster::{
    driver::{Chunks, Driver},
    presets,
};
use sim_core::{cluster::Progress, time::SimTime};

fn at(name: &str, secs: u64) -> Driver {
    let mut d = Driver::load(presets::find(name), None).expect("loads");
    while d.advance(SimTime::from_secs(secs), &mut Chunks(1000)) != Progress::Reached {}
    d
}

#[test]
fn states_follow_kubectl_status() {
    use ChipState as S;
    let cases = [
        ("Pending", PodPhase::Pending, false, false, S::Pending),
        ("Pending", PodPhase::Pending, true, false, S::Creating),
        ("ContainerCreating", PodPhase::Pending, true, false, S::Creating),
        ("Init:0/1", PodPhase::Pending, true, false, S::Creating),
        ("Init:CrashLoopBackOff", PodPhase::Pending, true, false, S::Error),
        ("Running", PodPhase::Running, true, false, S::Starting),
        ("Running", PodPhase::Running, true, true, S::Running),
        ("Terminating", PodPhase::Running, true, true, S::Terminating),
        ("CrashLoopBackOff", PodPhase::Running, true, false, S::CrashLoop),
        ("ImagePullBackOff", PodPhase::Pending, true, false, S::Error),
        ("ErrImagePull", PodPhase::Pending, true, false, S::Error),
        ("Completed", PodPhase::Succeeded, true, false, S::Succeeded),
        ("Unknown", PodPhase::Running, true, true, S::Unknown),
    ];
    for (status, phase, bound, ready, want) in cases {
        assert_eq!(ChipState::from_status(status, phase, bound, ready), want, "{status}");
    }
}

#[test]
fn nodes_are_grouped_by_pool_with_their_requests() {
    let d = at("playground", 60);
    let frame = Builder::default().build(d.sim());
    let names: Vec<(&str, &str)> =
        frame.pools.iter().map(|p| (p.name.as_str(), p.kind.as_str())).collect();
    assert_eq!(names, [("node", "CPU (amd64)"), ("gpu", "GPU"), ("pi", "Raspberry Pi (arm64)")]);
    assert_eq!(frame.node_count(), 6);
    let gpu = &frame.pools[1].nodes[0];
    assert_eq!(gpu.taints, ["nvidia.com/gpu=present:NoSchedule"]);
    assert_eq!(gpu.gpus.allocatable, 1);
    // Four web replicas of 100m / 64Mi, all Running somewhere on the CPU or Pi nodes.
    let cpu: i64 = frame.nodes().map(|n| n.cpu.requested).sum();
    let mem: i64 = frame.nodes().map(|n| n.memory.requested).sum();
    assert_eq!((cpu, mem), (400, (4 * 64) << 20));
    assert_eq!(frame.nodes().map(|n| n.chips.len()).sum::<usize>(), 4);
    assert!(frame.pending.is_empty());
}

#[test]
fn the_view_matches_the_nodes_and_pods_kubectl_would_list() {
    let d = at("pending-pod", 30);
    let mut b = Builder::default();
    let frame = b.build(d.sim());
    assert_eq!(frame.pending.len(), 1);
    let chip = b.chip(frame.pending[0]).expect("cached");
    assert!(chip.name.starts_with("report-"));
    assert_eq!((chip.status.as_str(), chip.state), ("Pending", ChipState::Pending));
    for card in frame.nodes() {
        for uid in &card.chips {
            let pod = d.sim().store().pod(*uid).expect("pod");
            assert_eq!(pod.node_name, card.name);
            assert_eq!(b.chip(*uid).map(|c| c.state), Some(ChipState::Running));
        }
    }
    assert!(!b.is_stale(d.sim()));
}

#[test]
fn a_rebuild_reuses_unchanged_pods_and_sees_changed_ones() {
    let mut d = at("deployment", 60);
    let mut b = Builder::default();
    let first = b.build(d.sim());
    d.perform(crate::widgets::cluster::driver::Command::Action(Box::new(
        sim_core::cluster::Action::Cordon { node: "node-1".into(), unschedulable: true },
    )));
    assert!(b.is_stale(d.sim()));
    let second = b.build(d.sim());
    let n1 = second.nodes().find(|n| n.name == "node-1").expect("node-1");
    assert!(n1.cordoned);
    assert_eq!(n1.status(), "Ready,SchedulingDisabled");
    assert_eq!(first.pod_count, second.pod_count);
}

/// The incremental builder (kept entries, grouping redone only when pods change) always
/// agrees with one that starts from nothing, and a node's `chips_version` moves exactly when
/// its chips do.
#[test]
fn an_incremental_build_equals_a_fresh_one_and_versions_track_the_chips() {
    use crate::widgets::cluster::driver::Command;
    use sim_core::cluster::{Action, Kind};
    let mut d = at("deployment", 60);
    let mut b = Builder::default();
    let first = b.build(d.sim());
    let versions = |f: &Frame| f.nodes().map(|n| n.chips_version).collect::<Vec<_>>();

    // A node-only change leaves every node's chips as they were.
    d.perform(Command::Action(Box::new(Action::Cordon {
        node: "node-1".into(),
        unschedulable: true,
    })));
    let cordoned = b.build(d.sim());
    assert_eq!(versions(&cordoned), versions(&first));

    // Pods come, start, go: after each step, the same frame as a fresh builder's.
    let scale = |replicas: i32| {
        Command::Action(Box::new(Action::Scale {
            kind: Kind::Deployment,
            namespace: "default".into(),
            name: "web".into(),
            replicas,
        }))
    };
    let mut last = versions(&cordoned);
    for (command, secs) in [(scale(9), 61), (scale(2), 150)] {
        assert!(d.perform(command).success());
        while d.advance(SimTime::from_secs(secs), &mut Chunks(1000)) != Progress::Reached {}
        let incremental = b.build(d.sim());
        assert_eq!(incremental, Builder::default().build(d.sim()), "at {secs}s");
        let now = versions(&incremental);
        assert_ne!(now, last, "pods changed by {secs}s");
        last = now;
    }
    assert_eq!(b.chips_by_name().count(), 2);
}

#[test]
fn node_names_sort_naturally() {
    let mut names = vec!["node-10", "node-2", "gpu-1", "node-1"];
    names.sort_by_key(|n| natural_key(n));
    assert_eq!(names, ["gpu-1", "node-1", "node-2", "node-10"]);
}

#[test]
fn owners_get_distinct_colours_in_order() {
    let d = at("raspberry-pi", 5);
    let mut b = Builder::default();
    let frame = b.build(d.sim());
    let mut colours: Vec<(String, u8)> = frame
        .nodes()
        .flat_map(|n| n.chips.iter())
        .chain(&frame.pending)
        .filter_map(|u| b.chip(*u))
        .filter_map(|c| Some((c.owner.clone()?, c.colour?)))
        .collect();
    colours.sort();
    colours.dedup();
    let owners: std::collections::BTreeSet<&String> = colours.iter().map(|(o, _)| o).collect();
    let distinct: std::collections::BTreeSet<u8> = colours.iter().map(|(_, c)| *c).collect();
    assert_eq!(owners.len(), 2, "{colours:?}");
    assert_eq!(distinct.len(), 2, "{colours:?}");
}
