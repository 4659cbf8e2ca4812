//! The harness natively, for `cargo xtask bench` and `cargo xtask test` to compare with the
//! wasm build of the same code:
//!
//! - `sim-core-wasm-bench scenarios` prints `{"name":…,"entries":…,"hash":"…"}` per scenario;
//! - `sim-core-wasm-bench bench NODES PODS SEED [RESERVE]` times one scheduling run (with
//!   RESERVE bytes per pod of heap set aside first; see `reserve_heap`) and prints
//!   `{"secs":…,"cpuSecs":…,"scheduled":…,"checksum":"…","liveBytes":…,"baseBytes":…}`
//!   (`cpuSecs` is -1 where the platform does not report CPU time).
//!
//! The wasm side (`xtask/src/bench_harness.mjs`) prints the same lines.

use sim_core_wasm_bench::{
    SCENARIOS, bench_checksum, bench_prepare, bench_release, bench_run, bench_set_reserve,
    heap_live_bytes, scenario_log,
};
use std::{process::ExitCode, time::Instant};

/// CPU time (user + system) of this process so far, from Linux's `/proc/self/stat` (clock
/// ticks of 10 ms); `None` elsewhere.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["scenarios"] => {
            for (name, text) in SCENARIOS {
                match scenario_log(text, None) {
                    Ok((entries, hash)) => println!(
                        "{{\"name\":\"{name}\",\"entries\":{entries},\"hash\":\"{hash:016x}\"}}"
                    ),
                    Err(e) => {
                        eprintln!("error: scenario {name}: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            ExitCode::SUCCESS
        }
        ["bench", nodes, pods, seed, rest @ ..] if rest.len() <= 1 => {
            let (Ok(nodes), Ok(pods), Ok(seed)) = (nodes.parse(), pods.parse(), seed.parse())
            else {
                eprintln!("error: bench NODES PODS SEED [RESERVE] takes numbers");
                return ExitCode::FAILURE;
            };
            if let Some(reserve) = rest.first() {
                let Ok(reserve) = reserve.parse() else {
                    eprintln!("error: RESERVE (bytes per pod) must be a number");
                    return ExitCode::FAILURE;
                };
                bench_set_reserve(reserve);
            }
            let base = heap_live_bytes();
            bench_prepare(nodes, pods, seed);
            let (cpu0, start) = (cpu_secs(), Instant::now());
            let scheduled = bench_run();
            let secs = start.elapsed().as_secs_f64();
            let cpu = cpu_secs().zip(cpu0).map_or(-1.0, |(b, a)| b - a);
            let live = heap_live_bytes();
            println!(
                "{{\"secs\":{secs},\"cpuSecs\":{cpu},\"scheduled\":{scheduled},\"checksum\":\"{:016x}\",\"liveBytes\":{live},\"baseBytes\":{base}}}",
                bench_checksum()
            );
            bench_release();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: sim-core-wasm-bench scenarios | bench NODES PODS SEED [RESERVE]");
            ExitCode::FAILURE
        }
    }
}
