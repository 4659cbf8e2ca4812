//! Serverless versus always-on: one simulated day of traffic in one-minute buckets, the
//! execution environments a function platform keeps for it (scale to zero, cold starts), the
//! latency readers feel, and the monthly bill of per-request pricing against always-on
//! servers, with the break-even rate.
//!
//! Contract: [`run`] is a pure function of its [`Scenario`]; the seed fixes the arrivals, the
//! keep-alive time and every cold start's duration. Monthly costs use the *expected* request
//! count (mean rate × a 730-hour month), so the break-even point and the cost lines do not
//! jitter with the seed; the simulated day supplies cold starts, INIT time and latency.
//!
//! Simplified: one environment serves one request at a time, and each minute needs
//! `ceil(requests × duration / 60 s)` environments (its average concurrency), so bursts
//! shorter than a minute are smoothed; the most recently used environments are reused first;
//! an idle environment is reclaimed after the keep-alive time; always-on servers add no
//! latency (no queueing).
//!
//! ```
//! use sim_core::eras::serverless::{run, Scenario, Pattern, WORKLOADS, Fleet};
//! let s = Scenario { pattern: Pattern::Steady, mean_rps: 1.0, workload: WORKLOADS[0],
//!                    fleet: Fleet::OneVm, free_tier: false, seed: 1 };
//! let report = run(&s).unwrap();
//! assert!(report.lambda.total_usd() < report.fleet_usd);
//! ```

mod limits;
pub mod pricing;
#[cfg(test)]
mod tests;
pub mod traffic;

pub use limits::{Limit, limits};
pub use pricing::{Bill, BreakEven, Fleet, break_even};
pub use traffic::{MINUTES_PER_DAY, Pattern};

use crate::{
    eras::startup::{LaneId, figures, sample_phases},
    rng::SimRng,
};

/// What each request does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Workload {
    /// Key for the widget.
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Wall-clock time per request (billed by Lambda), milliseconds.
    pub duration_ms: u32,
    /// Memory configured for the function, MB.
    pub memory_mb: u32,
    /// CPU time per request on a server (the rest is waiting on I/O), milliseconds.
    pub cpu_ms: u32,
    /// Whether each request holds a client connection open for its whole duration.
    pub holds_connection: bool,
}

/// Example workloads; the first is the lesson's worked example (512 MB, 100 ms).
pub const WORKLOADS: [Workload; 4] = [
    Workload {
        key: "api",
        name: "API request: 100 ms, mostly waiting on a database",
        duration_ms: 100,
        memory_mb: 512,
        cpu_ms: 10,
        holds_connection: false,
    },
    Workload {
        key: "compute",
        name: "CPU-bound request: 100 ms on a full vCPU (1,769 MB)",
        duration_ms: 100,
        memory_mb: 1_769,
        cpu_ms: 100,
        holds_connection: false,
    },
    Workload {
        key: "transcode",
        name: "Video transcode: two hours per job",
        duration_ms: 7_200_000,
        memory_mb: 10_240,
        cpu_ms: 7_200_000,
        holds_connection: false,
    },
    Workload {
        key: "chat",
        name: "Chat over a WebSocket: a 30-minute connection",
        duration_ms: 1_800_000,
        memory_mb: 128,
        cpu_ms: 50,
        holds_connection: true,
    },
];

/// One simulation's inputs.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Scenario {
    /// Shape of the day's traffic.
    pub pattern: Pattern,
    /// Mean requests a second over the day.
    pub mean_rps: f64,
    /// What each request does.
    pub workload: Workload,
    /// The always-on alternative.
    pub fleet: Fleet,
    /// Whether Lambda's monthly free tier applies.
    pub free_tier: bool,
    /// Seed for arrivals, keep-alive and cold starts.
    pub seed: u64,
}

/// Lowest mean rate accepted, per second.
pub const MIN_RPS: f64 = 0.0;
/// Highest mean rate accepted, per second.
pub const MAX_SCENARIO_RPS: f64 = 10_000.0;

/// A scenario the model refuses.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum ScenarioError {
    /// `mean_rps` is negative, not a number, or above [`MAX_SCENARIO_RPS`].
    RateOutOfRange {
        /// The value given.
        value: f64,
    },
    /// The workload has no duration or no memory.
    EmptyWorkload,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScenarioError::RateOutOfRange { value } => {
                write!(f, "request rate {value} per second is outside {MIN_RPS}–{MAX_SCENARIO_RPS}")
            }
            ScenarioError::EmptyWorkload => write!(f, "the workload needs a duration and memory"),
        }
    }
}

/// One minute of the simulated day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Minute {
    /// Requests that arrived.
    pub requests: u32,
    /// Environments serving requests (average concurrency, rounded up).
    pub busy: u32,
    /// Environments alive at the end of the minute, busy or idle.
    pub environments: u32,
    /// Environments created this minute (each one a cold start).
    pub cold_starts: u32,
    /// Requests refused because the concurrency quota was reached.
    pub throttled: u32,
}

/// The latency readers see.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Latency {
    /// A warm request: platform overhead plus handler time, milliseconds.
    pub warm_ms: f64,
    /// Median, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile, milliseconds.
    pub p99_ms: f64,
    /// Slowest request, milliseconds.
    pub max_ms: f64,
    /// Share of requests that met a cold start.
    pub cold_fraction: f64,
}

/// The simulated day.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Day {
    /// Every minute.
    pub minutes: Vec<Minute>,
    /// How long idle environments were kept, minutes (drawn from its range).
    pub keep_alive_min: u32,
    /// Requests served or throttled.
    pub requests: u64,
    /// Cold starts.
    pub cold_starts: u64,
    /// Requests throttled.
    pub throttled: u64,
    /// Most environments alive at once.
    pub peak_environments: u32,
    /// Most environments busy at once.
    pub peak_busy: u32,
    /// Latency over every request.
    pub latency: Latency,
    /// Billed INIT time over the day, milliseconds.
    pub init_billed_ms: f64,
}

/// Everything the widget shows.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Report {
    /// The simulated day.
    pub day: Day,
    /// Requests a month at the mean rate.
    pub requests_per_month: f64,
    /// The month's Lambda bill (INIT scaled from the simulated day).
    pub lambda: Bill,
    /// Servers the fleet needs for the expected peak minute.
    pub servers: u32,
    /// The fleet's monthly price.
    pub fleet_usd: f64,
    /// Where the bills cross for this pattern and workload.
    pub break_even: Option<BreakEven>,
    /// Platform limits this workload runs into.
    pub limits: Vec<Limit>,
}

/// Most cold starts whose durations are kept for the latency percentiles.
pub const MAX_COLD_SAMPLES: usize = 20_000;

/// Simulates the scenario.
pub fn run(s: &Scenario) -> Result<Report, ScenarioError> {
    if !(MIN_RPS..=MAX_SCENARIO_RPS).contains(&s.mean_rps) {
        return Err(ScenarioError::RateOutOfRange { value: s.mean_rps });
    }
    if s.workload.duration_ms == 0 || s.workload.memory_mb == 0 {
        return Err(ScenarioError::EmptyWorkload);
    }
    let root = SimRng::new(s.seed);
    let shape = s.pattern.shape();
    let peak_ratio = shape.iter().copied().fold(0.0, f64::max);
    let requests = traffic::arrivals(&shape, s.mean_rps, &mut root.fork("arrivals"));
    let day = simulate_day(&requests, &s.workload, &root);
    let requests_per_month = s.mean_rps * pricing::seconds_per_month();
    let days_per_month = pricing::HOURS_PER_MONTH.typical / 24.0;
    let lambda = pricing::lambda_bill(
        requests_per_month,
        &s.workload,
        s.free_tier,
        day.init_billed_ms * days_per_month,
    );
    let servers = s.fleet.servers_for(s.mean_rps * peak_ratio, &s.workload);
    let limits = limits(&s.workload, &day);
    Ok(Report {
        requests_per_month,
        lambda,
        servers,
        fleet_usd: Fleet::monthly_usd(servers),
        break_even: break_even(peak_ratio, &s.workload, s.fleet, s.free_tier),
        limits,
        day,
    })
}

fn simulate_day(requests: &[u32], workload: &Workload, root: &SimRng) -> Day {
    let keep_alive_min =
        pricing::KEEP_ALIVE_MIN.sample(&mut root.fork("keep-alive")).round() as u32;
    let quota = pricing::CONCURRENCY_QUOTA.typical as u32;
    let mut cold_rng = root.fork("cold-starts");
    // Last minute each live environment was used, most recent first.
    let mut pool: Vec<usize> = Vec::new();
    let mut minutes = Vec::with_capacity(requests.len());
    let mut cold = ColdStarts::default();
    for (m, &arrived) in requests.iter().enumerate() {
        pool.retain(|&last| m - last <= keep_alive_min as usize);
        let wanted = concurrency(arrived, workload.duration_ms);
        let busy = wanted.min(quota);
        let throttled = if wanted > quota {
            (u64::from(arrived) * u64::from(wanted - quota) / u64::from(wanted)) as u32
        } else {
            0
        };
        let warm = pool.len().min(busy as usize);
        let new = busy as usize - warm;
        // Each new environment serves one request cold; the rest reuse warm ones.
        let cold_here = new.min((arrived - throttled) as usize) as u32;
        for _ in 0..cold_here {
            cold.record(&mut cold_rng);
        }
        // The reused environments are the most recent ones; the idle rest keep their times.
        let idle = pool.split_off(warm);
        pool = std::iter::repeat_n(m, busy as usize).chain(idle).collect();
        minutes.push(Minute {
            requests: arrived,
            busy,
            environments: pool.len() as u32,
            cold_starts: cold_here,
            throttled,
        });
    }
    let total: u64 = minutes.iter().map(|m| u64::from(m.requests)).sum();
    let throttled: u64 = minutes.iter().map(|m| u64::from(m.throttled)).sum();
    let warm_ms = figures::LAMBDA_WARM_MS.typical + f64::from(workload.duration_ms);
    let (cold_starts, init_billed_ms) = (cold.count, cold.init_billed_ms());
    let latency = cold.latency(total - throttled, warm_ms, f64::from(workload.duration_ms));
    Day {
        keep_alive_min,
        requests: total,
        cold_starts,
        throttled,
        peak_environments: minutes.iter().map(|m| m.environments).max().unwrap_or(0),
        peak_busy: minutes.iter().map(|m| m.busy).max().unwrap_or(0),
        latency,
        init_billed_ms,
        minutes,
    }
}

/// Environments a minute needs: its average concurrency, rounded up.
fn concurrency(requests: u32, duration_ms: u32) -> u32 {
    let busy_ms = u64::from(requests) * u64::from(duration_ms);
    busy_ms.div_ceil(60_000).min(u64::from(u32::MAX)) as u32
}

/// The cold starts of a day: their count and the sampled durations of the first
/// [`MAX_COLD_SAMPLES`].
#[derive(Default)]
struct ColdStarts {
    count: u64,
    /// Whole cold-start latency (every phase of the cold lane), milliseconds.
    latency_ms: Vec<f64>,
    /// The billed INIT part of each, milliseconds.
    init_ms: Vec<f64>,
}

impl ColdStarts {
    fn record(&mut self, rng: &mut SimRng) {
        self.count += 1;
        if self.latency_ms.len() >= MAX_COLD_SAMPLES {
            return;
        }
        let lane = LaneId::FunctionCold.lane();
        let ns = sample_phases(LaneId::FunctionCold, rng);
        let ms = |n: &u64| *n as f64 / 1e6;
        self.latency_ms.push(ns.iter().map(ms).sum());
        self.init_ms.push(
            lane.phases.iter().zip(&ns).filter(|(p, _)| p.billed_init).map(|(_, n)| ms(n)).sum(),
        );
    }

    /// Billed INIT time of every cold start; beyond the kept samples, their mean.
    fn init_billed_ms(&self) -> f64 {
        let kept = self.init_ms.len();
        if kept == 0 {
            return 0.0;
        }
        let sum: f64 = self.init_ms.iter().sum();
        sum / kept as f64 * self.count as f64
    }

    /// Nearest-rank percentiles over `served` requests: the warm ones all take `warm_ms`,
    /// each cold one its cold-start latency plus the handler.
    fn latency(mut self, served: u64, warm_ms: f64, handler_ms: f64) -> Latency {
        self.latency_ms.sort_by(f64::total_cmp);
        let cold = self.count.min(served);
        let warm = served - cold;
        let at = |p: f64| -> f64 {
            if served == 0 {
                return 0.0;
            }
            let rank = ((p * served as f64).ceil() as u64).clamp(1, served);
            if rank <= warm {
                return warm_ms;
            }
            // Map the rank among cold requests onto the kept samples.
            let kept = self.latency_ms.len() as u64;
            let idx = ((rank - warm - 1) * kept / cold.max(1)).min(kept.saturating_sub(1));
            self.latency_ms.get(idx as usize).map_or(warm_ms, |c| c + handler_ms)
        };
        Latency {
            warm_ms,
            p50_ms: at(0.50),
            p99_ms: at(0.99),
            max_ms: at(1.0),
            cold_fraction: if served == 0 { 0.0 } else { cold as f64 / served as f64 },
        }
    }
}
