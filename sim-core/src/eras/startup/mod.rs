//! The start-up race: how long each platform takes from "start it" to "ready", phase by
//! phase, with every phase's duration drawn from its sourced [`Range`].
//!
//! Contract: [`race`] is a pure function of its lanes, host architecture and seed. Each lane
//! draws from its own child generator (forked by the lane's key), so adding or removing a
//! lane never changes another lane's numbers, and the host architecture changes only whether
//! a lane fails, never its durations. Durations are integer nanoseconds: the lanes span
//! from microseconds (a Wasm instance) to minutes (a bare-metal server).
//!
//! ```
//! use sim_core::eras::startup::{race, Arch, LaneId};
//! let r = race(&[LaneId::ContainerCached, LaneId::Wasm], Arch::Amd64, 7);
//! let wasm = &r.lanes[1];
//! assert!(wasm.end_ns < r.lanes[0].end_ns);
//! ```

pub mod figures;
mod lanes;
#[cfg(test)]
mod tests;

pub use lanes::{EXEC_FORMAT_ERROR, WRONG_ARCH_BOOT};

use crate::{eras::sourced::Range, rng::SimRng};
use serde::Serialize;

/// One contestant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum LaneId {
    /// Automated bare-metal provisioning.
    BareMetal,
    /// An EC2 instance.
    CloudVm,
    /// A Firecracker microVM.
    MicroVm,
    /// `docker run` with the image already local.
    ContainerCached,
    /// `docker run` that pulls the image first.
    ContainerPull,
    /// A Kubernetes pod, image on the node.
    Pod,
    /// A Lambda invocation that needs a new execution environment.
    FunctionCold,
    /// A Lambda invocation served by a kept environment.
    FunctionWarm,
    /// A Cloudflare Workers-style V8 isolate.
    V8Isolate,
    /// Instantiating a precompiled Wasm module in Wasmtime.
    Wasm,
}

impl LaneId {
    /// Every lane, slowest platform first.
    pub const ALL: [LaneId; 10] = [
        LaneId::BareMetal,
        LaneId::CloudVm,
        LaneId::MicroVm,
        LaneId::ContainerCached,
        LaneId::ContainerPull,
        LaneId::Pod,
        LaneId::FunctionCold,
        LaneId::FunctionWarm,
        LaneId::V8Isolate,
        LaneId::Wasm,
    ];

    /// The key lessons use (`lanes: container-cached, wasm`).
    pub const fn key(self) -> &'static str {
        match self {
            LaneId::BareMetal => "bare-metal",
            LaneId::CloudVm => "cloud-vm",
            LaneId::MicroVm => "microvm",
            LaneId::ContainerCached => "container-cached",
            LaneId::ContainerPull => "container-pull",
            LaneId::Pod => "pod",
            LaneId::FunctionCold => "function-cold",
            LaneId::FunctionWarm => "function-warm",
            LaneId::V8Isolate => "v8-isolate",
            LaneId::Wasm => "wasm",
        }
    }

    /// The lane whose key is `key`.
    pub fn from_key(key: &str) -> Option<LaneId> {
        LaneId::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The lane's definition.
    pub fn lane(self) -> &'static Lane {
        // LANES is in ALL order; the tests check it.
        &lanes::LANES[self as usize]
    }
}

/// A CPU architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Arch {
    /// x86-64.
    Amd64,
    /// 64-bit Arm (a Raspberry Pi 4 or 5, AWS Graviton).
    Arm64,
}

impl Arch {
    /// The name Kubernetes uses (`kubernetes.io/arch`).
    pub const fn key(self) -> &'static str {
        match self {
            Arch::Amd64 => "amd64",
            Arch::Arm64 => "arm64",
        }
    }
}

/// Whether a lane's artifact runs on a CPU it was not built for. Every native artifact in the
/// race was built for amd64 only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Portability {
    /// Runs wherever its runtime exists: Wasm bytecode, JavaScript, a managed platform.
    Portable,
    /// Holds amd64 machine code; on arm64 it fails at the end of phase `fails_at`.
    Native {
        /// Index of the phase that fails.
        fails_at: usize,
        /// What the reader sees.
        error: &'static str,
    },
}

/// One step of a lane.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Phase {
    /// Short name shown on the bar.
    pub name: &'static str,
    /// What happens in it.
    pub detail: &'static str,
    /// How long it takes, with its source.
    pub duration_ms: Range,
    /// Whether Lambda bills it as INIT duration (billed since August 2025).
    pub billed_init: bool,
}

/// A contestant's definition.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Lane {
    /// Which lane.
    pub id: LaneId,
    /// Display name.
    pub name: &'static str,
    /// When the lane counts as started.
    pub ready_when: &'static str,
    /// The phases, in order.
    pub phases: &'static [Phase],
    /// What happens on a CPU it was not built for.
    pub portability: Portability,
    /// One line of context.
    pub note: &'static str,
}

impl Lane {
    /// The sum of the phases' `(low, typical, high)` bounds, in milliseconds.
    pub fn total_ms(&self) -> (f64, f64, f64) {
        self.phases.iter().fold((0.0, 0.0, 0.0), |(l, t, h), p| {
            (l + p.duration_ms.low, t + p.duration_ms.typical, h + p.duration_ms.high)
        })
    }
}

/// One phase as it ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PhaseRun {
    /// Index into the lane's phases.
    pub phase: usize,
    /// When it started, nanoseconds after the race began.
    pub start_ns: u64,
    /// How long it took.
    pub duration_ns: u64,
}

impl PhaseRun {
    /// When it ended.
    pub fn end_ns(&self) -> u64 {
        self.start_ns.saturating_add(self.duration_ns)
    }
}

/// How a lane finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Outcome {
    /// It reached its ready point.
    Ready,
    /// It failed at the end of its last phase.
    Failed {
        /// What the reader sees.
        error: &'static str,
    },
}

/// One lane as it ran.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LaneRun {
    /// Which lane.
    pub lane: LaneId,
    /// The phases that ran (all of them, or up to the failing one).
    pub phases: Vec<PhaseRun>,
    /// How it finished.
    pub outcome: Outcome,
    /// When it finished or failed, nanoseconds after the start.
    pub end_ns: u64,
}

/// One run of the race.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Race {
    /// The seed that drew the durations.
    pub seed: u64,
    /// The CPU the lanes ran on.
    pub host: Arch,
    /// One entry per requested lane, in the order requested.
    pub lanes: Vec<LaneRun>,
}

/// Runs the race: samples every phase of every lane from its range.
pub fn race(lanes: &[LaneId], host: Arch, seed: u64) -> Race {
    let root = SimRng::new(seed);
    let lanes = lanes.iter().map(|&id| run_lane(id, host, &root)).collect();
    Race { seed, host, lanes }
}

fn run_lane(id: LaneId, host: Arch, root: &SimRng) -> LaneRun {
    let lane = id.lane();
    let durations = sample_phases(id, &mut root.fork(id.key()));
    let stop = match (lane.portability, host) {
        (Portability::Native { fails_at, error }, Arch::Arm64) => Some((fails_at, error)),
        _ => None,
    };
    let mut phases = Vec::with_capacity(durations.len());
    let mut now_ns = 0u64;
    for (i, duration_ns) in durations.into_iter().enumerate() {
        phases.push(PhaseRun { phase: i, start_ns: now_ns, duration_ns });
        now_ns = now_ns.saturating_add(duration_ns);
        if let Some((fails_at, error)) = stop
            && fails_at == i
        {
            return LaneRun {
                lane: id,
                phases,
                outcome: Outcome::Failed { error },
                end_ns: now_ns,
            };
        }
    }
    LaneRun { lane: id, phases, outcome: Outcome::Ready, end_ns: now_ns }
}

/// Draws one duration per phase of `lane`, in nanoseconds.
pub fn sample_phases(lane: LaneId, rng: &mut SimRng) -> Vec<u64> {
    lane.lane().phases.iter().map(|p| ms_to_ns(p.duration_ms.sample(rng))).collect()
}

/// Milliseconds to whole nanoseconds, rounded; negative or non-finite input gives 0.
pub fn ms_to_ns(ms: f64) -> u64 {
    let ns = (ms * 1e6).round();
    if ns.is_finite() && ns > 0.0 { ns as u64 } else { 0 }
}
