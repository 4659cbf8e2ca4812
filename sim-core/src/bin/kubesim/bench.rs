//! `kubesim bench`: the scheduler envelope benchmark and the node-crash recovery benchmark.
//!
//! Memory figures come from `/proc/self/status` (VmRSS, VmHWM); elsewhere they print as n/a.

use super::{Failure, args::Args};
use sim_core::{
    cluster::{Action, ApiObject, ClusterConfig, NodePool, PoolKind, Progress, Sim},
    model::{
        Deployment, ObjectMeta, PodSpec, Quantity, ResourceList, ResourceName,
        meta::LabelSelector,
        pod::{Container, PullPolicy, ResourceRequirements},
        workload::PodTemplateSpec,
    },
    scheduler::bench::{BenchOutcome, Workload, prepare},
    time::SimTime,
};
use std::{sync::Arc, time::Instant};

/// (VmRSS, VmHWM) in KiB, if the platform reports them.
fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status.lines().find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse::<u64>().ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// CPU time (user + system) this process has used so far, if the platform reports it
/// (Linux `/proc/self/stat`, in clock ticks of 10 ms).
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

pub(crate) fn main(argv: &[String]) -> Result<(), Failure> {
    let args = Args::parse(argv, &["nodes", "pods", "seed", "runs"], &["crash"])?;
    let seed = args.number("seed", 1)?;
    if args.switch("crash") {
        let nodes = args.number("nodes", 1000)?;
        let pods = args.number("pods", 30_000)?;
        return crash_bench(nodes as u32, pods as u32, seed);
    }
    let nodes = args.number("nodes", 5000)? as usize;
    let pods = args.number("pods", 150_000)? as usize;
    let runs = args.number("runs", 1)?.max(1);
    scheduler_bench(nodes, pods, seed, runs)
}

/// One timed run: (outcome, wall seconds, CPU seconds if known).
fn timed_run(w: &Workload, seed: u64, explain: bool) -> (BenchOutcome, f64, Option<f64>) {
    let mut prepared = prepare(w, seed);
    prepared.set_explanations(explain);
    let (cpu0, start) = (cpu_secs(), Instant::now());
    let (outcome, kept) = prepared.run_keep();
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_secs().zip(cpu0).map(|(b, a)| b - a);
    // Freeing 150,000 pods and the scheduler is not scheduling: the clock stops first (as
    // the wasm harness's does, so `cargo xtask bench` compares the same span).
    drop(kept);
    (outcome, wall, cpu)
}

fn scheduler_bench(nodes: usize, pods: usize, seed: u64, runs: u64) -> Result<(), Failure> {
    let name = format!("SchedulingEnvelope/{nodes}Nodes_{pods}Pods");
    let w = Workload::sized(&name, nodes, pods);
    println!("workload          {name} (default profile, seed {seed})");
    // Memory at rest, measured first while the heap is fresh: the scheduler and the pods it
    // placed, after a run (the timed runs below reuse freed pages, so they cannot measure it).
    let before = memory_kib();
    let kept = prepare(&w, seed).run_keep();
    let after = memory_kib();
    match (before, after) {
        (Some((rss0, _)), Some((rss1, hwm))) => {
            println!("peak memory       {}", mib(hwm));
            let per_pod = (rss1.saturating_sub(rss0) * 1024) / (pods.max(1) as u64);
            println!(
                "memory per pod    {per_pod} B (resident growth: scheduler + Pod objects, / pods)"
            );
        }
        _ => println!("peak memory       n/a"),
    }
    drop(kept);
    let mut checksum = None;
    for explain in [false, true] {
        let mut best: Option<(f64, f64, Option<f64>)> = None;
        for _ in 0..runs {
            let (outcome, wall, cpu) = timed_run(&w, seed, explain);
            if checksum.is_some_and(|c| c != outcome.checksum) {
                return Err(Failure("runs disagree on the checksum: not deterministic".into()));
            }
            if checksum.is_none() {
                println!(
                    "pods scheduled    {} ({} unschedulable), checksum {:016x}",
                    outcome.pods_scheduled, outcome.unschedulable, outcome.checksum
                );
            }
            checksum = Some(outcome.checksum);
            let rate = outcome.pods_scheduled as f64 / cpu.unwrap_or(wall).max(1e-9);
            if best.is_none_or(|(r, _, _)| rate > r) {
                best = Some((rate, wall, cpu));
            }
        }
        if let Some((rate, wall, cpu)) = best {
            let label = if explain { "explained" } else { "throughput" };
            let clock = match cpu {
                Some(c) => format!("{c:.3} s CPU, {wall:.3} s wall"),
                None => format!("{wall:.3} s wall"),
            };
            let what = if explain {
                "with per-node explanation records"
            } else {
                "decisions only, as kube-scheduler"
            };
            println!("{label:<17} {rate:.0} pods/s ({clock}; best of {runs}; {what})");
        }
    }
    Ok(())
}

fn deployment(i: u32, replicas: i32) -> Deployment {
    let name = format!("app-{i:04}");
    let labels: sim_core::model::Labels = [("app", name.as_str())].into_iter().collect();
    let requests = ResourceList::new()
        .with(ResourceName::Cpu, Quantity::from_millis(100))
        .with(ResourceName::Memory, Quantity::from_bytes(128 << 20));
    let container = Container {
        name: "app".into(),
        image: "nginx:1.30".into(),
        image_pull_policy: PullPolicy::IfNotPresent,
        resources: ResourceRequirements { requests, limits: ResourceList::new() },
        ..Default::default()
    };
    let mut d = Deployment { metadata: ObjectMeta::named("default", &name), ..Default::default() };
    d.spec.replicas = replicas;
    d.spec.selector = LabelSelector::from_labels(labels.clone());
    d.spec.template = PodTemplateSpec {
        metadata: ObjectMeta { labels, ..Default::default() },
        spec: Arc::new(PodSpec { containers: vec![container], ..Default::default() }),
    };
    d
}

/// Whether every Deployment has all replicas available.
fn settled(sim: &Sim) -> bool {
    sim.deployment_views().iter().all(|d| d.available == d.desired && d.updated == d.desired)
}

/// Advances in 5 s steps until `settled` or `limit`; returns the time it settled.
fn run_until_settled(sim: &mut Sim, limit: SimTime) -> Result<Option<SimTime>, Failure> {
    while sim.now() < limit {
        let t = sim.now().plus_secs(5);
        while let Progress::Budget { .. } = sim.advance_to(t, 1_000_000) {}
        if settled(sim) {
            return Ok(Some(sim.now()));
        }
    }
    Ok(None)
}

fn crash_bench(nodes: u32, pods: u32, seed: u64) -> Result<(), Failure> {
    let mut pool = NodePool::new("node", PoolKind::Cpu, nodes);
    pool.zones = vec!["zone-a".into(), "zone-b".into(), "zone-c".into()];
    let config = ClusterConfig {
        pools: vec![pool],
        record_activity: false,
        attempts_kept: 0,
        ..ClusterConfig::default()
    };
    let rss0 = memory_kib();
    let setup = Instant::now();
    let mut sim = Sim::new(seed, config);
    let per_deployment = 100u32;
    let count = pods.div_ceil(per_deployment);
    for i in 0..count {
        let replicas = per_deployment.min(pods - i * per_deployment);
        let d = deployment(i, replicas as i32);
        sim.apply(Action::Apply(ApiObject::Deployment(d))).map_err(|e| Failure(e.to_string()))?;
    }
    let Some(ready_at) = run_until_settled(&mut sim, SimTime::from_secs(3600))? else {
        return Err(Failure(
            "not finished: the initial pods did not all become available in an hour".into(),
        ));
    };
    let setup_secs = setup.elapsed().as_secs_f64();
    let rss1 = memory_kib();
    let (tasks0, log0) = (sim.tasks_run(), sim.log_len());
    let victim = "node-1";
    let on_victim = sim.store().pods_on_node(victim).count();
    let crash_at = sim.now();
    let (cpu0, start) = (cpu_secs(), Instant::now());
    sim.apply(Action::CrashNode { node: victim.into() }).map_err(|e| Failure(e.to_string()))?;
    // Settled again only after the eviction and the replacements becoming available.
    sim.advance_to(crash_at.plus_secs(60), usize::MAX);
    let recovered = run_until_settled(&mut sim, crash_at.plus_secs(3600))?;
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_secs().zip(cpu0).map(|(b, a)| b - a);
    let tasks = sim.tasks_run() - tasks0;
    println!("cluster           {nodes} nodes, {pods} pods in {count} Deployments");
    println!(
        "setup             {setup_secs:.3} s wall, all pods available at {:.1} s simulated",
        ready_at.as_millis() as f64 / 1000.0
    );
    println!(
        "crash             {victim} with {on_victim} pods at {:.1} s simulated",
        crash_at.as_millis() as f64 / 1000.0
    );
    match recovered {
        Some(t) => println!(
            "recovered         {:.1} s simulated after the crash",
            t.millis_since(crash_at) as f64 / 1000.0
        ),
        None => println!("recovered         not within an hour (not finished)"),
    }
    match cpu {
        // CPU time is what the simulation costs; wall time also counts other processes'
        // turns on a shared machine.
        Some(cpu) => println!("crash→recovery    {cpu:.3} s CPU ({secs:.3} s wall clock)"),
        None => println!("crash→recovery    {secs:.3} s wall clock"),
    }
    println!(
        "tasks             {tasks} ({:.0} tasks/s), {} Kubernetes events",
        tasks as f64 / secs.max(1e-9),
        sim.log_len() - log0
    );
    if let (Some((a, _)), Some((b, _)), Some((_, hwm))) = (rss0, rss1, memory_kib()) {
        println!("memory            {} resident after setup, peak {}", mib(b), mib(hwm));
        let per_pod = |kib: u64| (kib * 1024) / u64::from(pods.max(1));
        println!(
            "memory per pod    {} B (resident growth over setup / pods, everything included)",
            per_pod(b.saturating_sub(a))
        );
        // A breakdown: the resident growth of cloning each part (pod specs stay shared).
        let measure = |f: &dyn Fn() -> Box<dyn std::any::Any>| {
            let before = memory_kib().map_or(0, |m| m.0);
            let kept = f();
            let after = memory_kib().map_or(0, |m| m.0);
            drop(kept);
            after.saturating_sub(before)
        };
        let pods_kib = measure(&|| Box::new(sim.store().pods().cloned().collect::<Vec<_>>()));
        let events_kib = measure(&|| Box::new(sim.store().events().cloned().collect::<Vec<_>>()));
        let log_kib = measure(&|| Box::new(sim.events_since(0).to_vec()));
        let all_kib = measure(&|| Box::new(sim.clone()));
        println!(
            "  of which        Pod objects {} B, Event objects {} B, event log {} B (per pod)",
            per_pod(pods_kib),
            per_pod(events_kib),
            per_pod(log_kib)
        );
        println!(
            "  live state      {} B per pod (a clone of the whole simulation; the rest of the resident growth is allocator slack from setup)",
            per_pod(all_kib)
        );
    }
    println!("log hash          {:016x}", sim.log_hash());
    Ok(())
}
