//! One harness, two targets: the scheduler envelope benchmark and the log hashes of the
//! bundled scenarios, compiled natively (`src/main.rs`) and to `wasm32-unknown-unknown` (the
//! exports below, driven by Node's `WebAssembly` API from `cargo xtask bench` and
//! `cargo xtask test`).
//!
//! Nothing here reads a clock: the host times [`bench_run`] from outside, so native and wasm
//! time exactly the same call.

use sim_core::{
    cluster::{Action, Progress, Sim, scenario::parse_scenario},
    model::Pod,
    scheduler::{
        Scheduler,
        bench::{BenchOutcome, Prepared, Workload, prepare},
    },
    time::SimTime,
};
use std::{
    alloc::{GlobalAlloc, Layout, System},
    sync::{
        Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

/// The system allocator, counting the bytes currently allocated: memory at rest measured
/// exactly, the same way on both targets (resident-set figures include allocator slack).
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is passed through.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is passed through.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is passed through.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes currently allocated on the heap.
#[unsafe(no_mangle)]
pub extern "C" fn heap_live_bytes() -> u64 {
    LIVE_BYTES.load(Ordering::Relaxed) as u64
}

/// The scenarios whose event logs must hash the same on every target: (name, text).
pub const SCENARIOS: [(&str, &str); 4] = [
    ("node-crash", include_str!("../../scenarios/node-crash.yaml")),
    ("rolling-update", include_str!("../../scenarios/rolling-update.yaml")),
    ("crash-loop", include_str!("../../scenarios/crash-loop.yaml")),
    ("mixed-pools", include_str!("../../scenarios/mixed-pools.yaml")),
];

/// Tasks one `advance_to` call may run; a scenario that needs more than this many slices
/// is reported as not finishing.
const SLICE: usize = 1_000_000;
const MAX_SLICES: usize = 200;

/// Runs a scenario as `kubesim run` does (seed from the file unless `seed` is given) and
/// returns (log entries, FNV-1a hash of the log).
pub fn scenario_log(text: &str, seed: Option<u64>) -> Result<(usize, u64), String> {
    let scenario = parse_scenario(text).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("line {}: {}", e.line, e.message))
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let mut sim = Sim::new(seed.or(scenario.seed).unwrap_or(0), scenario.config.clone());
    for (line, object) in &scenario.objects {
        sim.apply(Action::Apply(object.clone())).map_err(|e| format!("line {line}: {e}"))?;
    }
    let until = scenario.until.unwrap_or(SimTime::from_secs(600));
    for entry in scenario.timeline.iter().filter(|e| e.at <= until) {
        advance(&mut sim, entry.at)?;
        sim.apply_step(&entry.step).map_err(|e| format!("line {}: {e}", entry.line))?;
    }
    advance(&mut sim, until)?;
    Ok((sim.log_len(), sim.log_hash()))
}

fn advance(sim: &mut Sim, t: SimTime) -> Result<(), String> {
    for _ in 0..MAX_SLICES {
        if let Progress::Reached = sim.advance_to(t, SLICE) {
            return Ok(());
        }
    }
    Err(format!("not finished: more than {} tasks before {t:?}", SLICE * MAX_SLICES))
}

/// The envelope workload at a size (as `kubesim bench` builds it).
pub fn workload(nodes: usize, pods: usize) -> Workload {
    Workload::sized(&format!("SchedulingEnvelope/{nodes}Nodes_{pods}Pods"), nodes, pods)
}

/// The prepared workload between [`bench_prepare`] and [`bench_run`]; after the run, what it
/// kept (scheduler and pods, so the host can read the memory at rest) and its outcome.
struct State {
    prepared: Option<Prepared>,
    kept: Option<(Scheduler, Vec<Pod>)>,
    outcome: Option<BenchOutcome>,
    /// See [`reserve_heap`]; held only to be dropped with the rest.
    _fence: Option<Box<u8>>,
}

static STATE: Mutex<State> =
    Mutex::new(State { prepared: None, kept: None, outcome: None, _fence: None });

/// Heap set aside before the timed run, per pod, unless the host says otherwise
/// ([`bench_set_reserve`]): about what placing the pods adds (the run grows the wasm heap
/// by ~155 B per pod at the envelope).
pub const RESERVE_BYTES_PER_POD: usize = 256;
static RESERVE_PER_POD: AtomicUsize = AtomicUsize::new(RESERVE_BYTES_PER_POD);
const RESERVE_BLOCK: usize = 64 * 1024;

/// Grows the heap by about `bytes` before the timed run, the same way on both targets: that
/// many bytes are allocated in 64 KiB blocks (untouched), a one-byte fence after them, and
/// the blocks freed; the fence (kept until [`bench_release`]) stops the allocator from giving
/// the coalesced free space back, so the run's allocations reuse it.
///
/// Why: without it the run timed the host's heap growth, not the scheduler. The wasm
/// allocator (dlmalloc) grows linear memory 64 KiB at a time, and past ~128 MiB every few
/// `memory.grow` calls make V8 run a full garbage collection for "external memory pressure"
/// (`node --trace-gc` shows ~45 of them in one envelope run, ~0.25 s of CPU time at best);
/// natively glibc pays `brk` and `mmap` calls instead. Page faults on first touch still
/// happen inside the timed run on both targets.
fn reserve_heap(bytes: usize) -> Box<u8> {
    let blocks: Vec<Vec<u8>> =
        (0..bytes / RESERVE_BLOCK).map(|_| Vec::with_capacity(RESERVE_BLOCK)).collect();
    let fence = Box::new(0u8);
    drop(blocks);
    fence
}

/// Sets the heap [`bench_prepare`] sets aside, in bytes per pod (0: none, to see what the
/// heap growth costs).
#[unsafe(no_mangle)]
pub extern "C" fn bench_set_reserve(bytes_per_pod: u32) {
    RESERVE_PER_POD.store(bytes_per_pod as usize, Ordering::Relaxed);
}

/// Builds the cluster and queues the pods (untimed), then sets heap aside for the run
/// ([`reserve_heap`]). Explanations are off, as in the `throughput` line of `kubesim bench`.
#[unsafe(no_mangle)]
pub extern "C" fn bench_prepare(nodes: u32, pods: u32, seed: u32) {
    let mut prepared = prepare(&workload(nodes as usize, pods as usize), u64::from(seed));
    prepared.set_explanations(false);
    let fence = reserve_heap(pods as usize * RESERVE_PER_POD.load(Ordering::Relaxed));
    if let Ok(mut state) = STATE.lock() {
        *state = State { prepared: Some(prepared), kept: None, outcome: None, _fence: Some(fence) };
    }
}

/// Schedules every queued pod (the timed part); returns the pods scheduled.
#[unsafe(no_mangle)]
pub extern "C" fn bench_run() -> u64 {
    let Ok(mut state) = STATE.lock() else { return 0 };
    let Some(prepared) = state.prepared.take() else { return 0 };
    let (outcome, kept) = prepared.run_keep();
    state.outcome = Some(outcome);
    state.kept = Some(kept);
    outcome.pods_scheduled
}

/// The checksum of the last [`bench_run`] (folds every decision in order).
#[unsafe(no_mangle)]
pub extern "C" fn bench_checksum() -> u64 {
    STATE.lock().ok().and_then(|s| s.outcome).map_or(0, |o| o.checksum)
}

/// Frees what the last run kept.
#[unsafe(no_mangle)]
pub extern "C" fn bench_release() {
    if let Ok(mut state) = STATE.lock() {
        *state = State { prepared: None, kept: None, outcome: None, _fence: None };
    }
}

/// How many scenarios [`scenario_hash`] knows.
#[unsafe(no_mangle)]
pub extern "C" fn scenario_count() -> u32 {
    SCENARIOS.len() as u32
}

/// The log hash of scenario `index` with its own seed, or 0 if it fails.
#[unsafe(no_mangle)]
pub extern "C" fn scenario_hash(index: u32) -> u64 {
    SCENARIOS
        .get(index as usize)
        .and_then(|(_, text)| scenario_log(text, None).ok())
        .map_or(0, |(_, hash)| hash)
}
