//! Times the scheduler on a `scheduler::bench` workload:
//! `cargo run -p sim-core --profile bench-native --example sched_bench [NODES PODS]`.
//! Prints pods/s, the checksum and resident memory (Linux `/proc/self/status`).

use sim_core::scheduler::{
    bench::{Workload, pods, prepare_with},
    config::{PluginName, Profile},
};
use std::time::Instant;

fn rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time (user + system) this process has used, in nanoseconds, from `/proc/self/stat`
/// (clock ticks of 10 ms).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = s.get(s.rfind(')')? + 2..)?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks * 10_000_000)
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let w = match args.as_slice() {
        [n, p] => Workload::sized("custom", *n, *p),
        _ => Workload::performance(),
    };
    let base = rss_kib().unwrap_or(0);
    if std::env::var_os("SCHED_PODS_ONLY").is_some() {
        // Baseline for the memory figure: the pod objects alone, as the engine's store holds them.
        let p = pods(&w);
        let after = rss_kib().unwrap_or(0);
        println!(
            "pods only: ({after} - {base}) KiB / pods = {:.0} B/pod",
            (after.saturating_sub(base) * 1024) as f64 / w.pods as f64
        );
        drop(p);
        return;
    }
    let t0 = Instant::now();
    // `SCHED_DROP=ImageLocality,PodTopologySpread` removes plugins, to see what each costs.
    let mut profile = Profile::default();
    if let Ok(drop) = std::env::var("SCHED_DROP") {
        for name in drop.split(',').filter_map(PluginName::from_name) {
            profile.filter.retain(|p| *p != name);
            profile.score.retain(|p| p.name != name);
        }
    }
    let mut prepared = prepare_with(&w, 1, profile);
    // `SCHED_EXPLAIN=0` runs without per-node explanation records.
    prepared.set_explanations(std::env::var("SCHED_EXPLAIN").map_or(true, |v| v != "0"));
    let prep = t0.elapsed();
    let after_prep = rss_kib().unwrap_or(0);
    let t1 = Instant::now();
    let c1 = cpu_ns().unwrap_or(0);
    let (out, sched) = prepared.run_keep();
    let run = t1.elapsed();
    let cpu_s = cpu_ns().unwrap_or(0).saturating_sub(c1) as f64 / 1e9;
    println!("cpu time {cpu_s:.3}s -> {:.0} pods/s (cpu)", out.pods_scheduled as f64 / cpu_s);
    let after = rss_kib().unwrap_or(0);
    println!("workload {} ({} nodes, {} pods)", w.name, w.nodes, w.pods);
    println!(
        "prepare {:.3}s, schedule {:.3}s -> {:.0} pods/s",
        prep.as_secs_f64(),
        run.as_secs_f64(),
        out.pods_scheduled as f64 / run.as_secs_f64()
    );
    println!(
        "scheduled {} unschedulable {} checksum {:016x}",
        out.pods_scheduled, out.unschedulable, out.checksum
    );
    println!(
        "rss: base {} KiB, after prepare {} KiB, after run {} KiB; ({} - base) / pods = {:.0} B/pod",
        base,
        after_prep,
        after,
        after,
        (after.saturating_sub(base) * 1024) as f64 / w.pods as f64
    );
    drop(sched);
}
