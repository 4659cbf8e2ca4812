//! Dated, sourced prices and platform limits, and the monthly bills built from them.
//!
//! Simplified: only Lambda's first duration tier (the first 6 billion GB-seconds a month) is
//! modelled; always-on servers are sized by CPU alone, for the expected peak minute, at
//! 100 % utilisation, with no load balancer, storage, traffic or operations cost.

use super::Workload;
use crate::eras::sourced::{Confidence, Range, Source};

const LAMBDA_PRICING: Source = Source {
    label: "AWS, How AWS Pricing Works — Lambda; AWS Lambda pricing page",
    url: "https://aws.amazon.com/lambda/pricing/",
    conditions: "x86, us-east-1 list prices as published in 2025–26: $0.20 per million \
                 requests, $0.0000166667 per GB-second (first 6 billion GB-s a month), \
                 duration rounded up to 1 ms; free tier 1 million requests and 400,000 GB-s \
                 a month.",
    confidence: Confidence::Primary,
};
const EC2_PRICE: Source = Source {
    label: "AWS Price List API, m5.large on-demand (SKU 6C86BEPQVG73ZGGR)",
    url: "https://aws.amazon.com/ec2/pricing/on-demand/",
    conditions: "Linux, us-east-1, on demand: \"$0.096 per On Demand Linux m5.large Instance \
                 Hour\" (2 vCPU, 8 GiB), as quoted in 2025–26; a month is 730 hours.",
    confidence: Confidence::Primary,
};
const KEEP_ALIVE: Source = Source {
    label: "Y. Cui, How long does AWS Lambda keep your idle functions around? (2017)",
    url: "https://theburningmonk.com/2017/06/finding-coldstarts-how-long-does-aws-lambda-keep-your-idle-functions-around/",
    conditions: "An independent 2017 experiment: idle environments were generally reclaimed \
                 after 45–60 minutes, sometimes earlier. AWS does not document it and changes \
                 it without notice.",
    confidence: Confidence::Secondary,
};
const LAMBDA_TIMEOUT: Source = Source {
    label: "AWS Lambda docs, Configure function timeout",
    url: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html",
    conditions: "Default 3 s, maximum 900 s (15 minutes) per invocation.",
    confidence: Confidence::Primary,
};
const LAMBDA_QUOTAS: Source = Source {
    label: "AWS Lambda docs, Lambda quotas",
    url: "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
    conditions: "1,000 concurrent executions per Region by default (can be raised); requests \
                 beyond it are throttled.",
    confidence: Confidence::Primary,
};

/// Price of one request, US dollars.
pub const REQUEST_USD: Range = Range::exact(0.000_000_2, LAMBDA_PRICING);
/// Price of one GB-second of duration (x86, first tier), US dollars.
pub const GB_SECOND_USD: Range = Range::exact(0.000_016_666_7, LAMBDA_PRICING);
/// Free requests a month.
pub const FREE_REQUESTS: Range = Range::exact(1_000_000.0, LAMBDA_PRICING);
/// Free GB-seconds a month.
pub const FREE_GB_SECONDS: Range = Range::exact(400_000.0, LAMBDA_PRICING);
/// m5.large on-demand price per hour, US dollars.
pub const M5_LARGE_HOURLY_USD: Range = Range::exact(0.096, EC2_PRICE);
/// vCPUs in an m5.large.
pub const M5_LARGE_VCPUS: Range = Range::exact(2.0, EC2_PRICE);
/// Hours in a billing month (AWS's convention).
pub const HOURS_PER_MONTH: Range = Range::exact(730.0, EC2_PRICE);
/// How long an idle execution environment is kept, minutes.
pub const KEEP_ALIVE_MIN: Range = Range::new(45.0, 45.0, 60.0, KEEP_ALIVE);
/// Longest invocation, seconds.
pub const MAX_DURATION_S: Range = Range::exact(900.0, LAMBDA_TIMEOUT);
/// Concurrent executions per Region by default.
pub const CONCURRENCY_QUOTA: Range = Range::exact(1_000.0, LAMBDA_QUOTAS);

/// Seconds in a billing month.
pub fn seconds_per_month() -> f64 {
    HOURS_PER_MONTH.typical * 3_600.0
}

/// The always-on alternative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Fleet {
    /// One m5.large, more only when the peak needs more CPU.
    OneVm,
    /// At least three m5.large nodes, as a small cluster with redundancy (control plane not
    /// included).
    SmallCluster,
}

impl Fleet {
    /// The key the widget uses.
    pub const fn key(self) -> &'static str {
        match self {
            Fleet::OneVm => "vm",
            Fleet::SmallCluster => "cluster",
        }
    }

    /// Fewest servers the fleet runs.
    pub const fn min_servers(self) -> u32 {
        match self {
            Fleet::OneVm => 1,
            Fleet::SmallCluster => 3,
        }
    }

    /// Servers needed for `peak_rps` requests a second of `workload`.
    pub fn servers_for(self, peak_rps: f64, workload: &Workload) -> u32 {
        let cpus = peak_rps * f64::from(workload.cpu_ms) / 1_000.0;
        let needed = (cpus / M5_LARGE_VCPUS.typical).ceil();
        let needed = if needed.is_finite() && needed > 0.0 { needed.min(1e9) as u32 } else { 0 };
        needed.max(self.min_servers())
    }

    /// Monthly price of `servers` always-on servers.
    pub fn monthly_usd(servers: u32) -> f64 {
        f64::from(servers) * M5_LARGE_HOURLY_USD.typical * HOURS_PER_MONTH.typical
    }
}

/// A month of Lambda charges.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Bill {
    /// Per-request charges.
    pub requests_usd: f64,
    /// Duration charges for handler time.
    pub duration_usd: f64,
    /// Duration charges for cold-start INIT time.
    pub init_usd: f64,
}

impl Bill {
    /// The whole bill.
    pub fn total_usd(&self) -> f64 {
        self.requests_usd + self.duration_usd + self.init_usd
    }
}

/// Billed duration of one invocation: rounded up to 1 ms, cut off at the maximum duration.
pub fn billed_ms(workload: &Workload) -> f64 {
    f64::from(workload.duration_ms).min(MAX_DURATION_S.typical * 1_000.0)
}

/// The Lambda bill for `requests` invocations of `workload` in a month, plus `init_ms` of
/// billed INIT time in total. The free tier applies to requests and to all GB-seconds.
pub fn lambda_bill(requests: f64, workload: &Workload, free_tier: bool, init_ms: f64) -> Bill {
    let gb = f64::from(workload.memory_mb) / 1_024.0;
    let handler_gb_s = requests * gb * billed_ms(workload) / 1_000.0;
    let init_gb_s = init_ms.max(0.0) * gb / 1_000.0;
    let (free_req, free_gb_s) =
        if free_tier { (FREE_REQUESTS.typical, FREE_GB_SECONDS.typical) } else { (0.0, 0.0) };
    let billable_req = (requests - free_req).max(0.0);
    // The free GB-seconds are used by handler time first.
    let handler_billable = (handler_gb_s - free_gb_s).max(0.0);
    let free_left = (free_gb_s - handler_gb_s).max(0.0);
    let init_billable = (init_gb_s - free_left).max(0.0);
    Bill {
        requests_usd: billable_req * REQUEST_USD.typical,
        duration_usd: handler_billable * GB_SECOND_USD.typical,
        init_usd: init_billable * GB_SECOND_USD.typical,
    }
}

/// Where per-request pricing stops being cheaper than the always-on fleet.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct BreakEven {
    /// Mean request rate, per second.
    pub rps: f64,
    /// Requests a month at that rate.
    pub requests_per_month: f64,
    /// Both bills at that rate, US dollars a month.
    pub usd: f64,
    /// Servers the fleet needs there.
    pub servers: u32,
    /// Whether the bills cross at a step of the fleet (a server added) rather than on a
    /// flat stretch.
    pub at_step: bool,
}

/// Highest mean rate the search considers, per second.
pub const MAX_RPS: f64 = 1_000_000.0;

/// The mean request rate where the Lambda bill (without INIT time) reaches the fleet's bill,
/// for traffic whose peak minute is `peak_ratio` times the mean; `None` if Lambda stays
/// cheaper up to [`MAX_RPS`].
pub fn break_even(
    peak_ratio: f64,
    workload: &Workload,
    fleet: Fleet,
    free_tier: bool,
) -> Option<BreakEven> {
    let month_s = seconds_per_month();
    let lambda = |rps: f64| lambda_bill(rps * month_s, workload, free_tier, 0.0).total_usd();
    let servers_at = |rps: f64| fleet.servers_for(rps * peak_ratio, workload);
    // Walk the fleet's flat stretches: on each, the fleet costs a constant and Lambda rises.
    let mut start_rps = 0.0;
    for _ in 0..10_000 {
        let servers = servers_at(start_rps);
        let fleet_usd = Fleet::monthly_usd(servers);
        let end_rps = stretch_end(start_rps, servers, peak_ratio, workload).min(MAX_RPS);
        if lambda(start_rps) >= fleet_usd {
            let usd = lambda(start_rps);
            return Some(BreakEven {
                rps: start_rps,
                requests_per_month: start_rps * month_s,
                usd,
                servers,
                at_step: true,
            });
        }
        if lambda(end_rps) >= fleet_usd {
            let rps = solve_increasing(lambda, fleet_usd, start_rps, end_rps);
            return Some(BreakEven {
                rps,
                requests_per_month: rps * month_s,
                usd: fleet_usd,
                servers,
                at_step: false,
            });
        }
        if end_rps >= MAX_RPS {
            return None;
        }
        start_rps = next_after(end_rps);
    }
    None
}

/// The highest mean rate at which the fleet still needs only `servers`.
fn stretch_end(start_rps: f64, servers: u32, peak_ratio: f64, workload: &Workload) -> f64 {
    let per_server_rps = M5_LARGE_VCPUS.typical * 1_000.0 / f64::from(workload.cpu_ms.max(1));
    let end = f64::from(servers) * per_server_rps / peak_ratio.max(f64::MIN_POSITIVE);
    if end.is_finite() && end > start_rps { end } else { MAX_RPS }
}

fn next_after(x: f64) -> f64 {
    x + x.abs() * 1e-12 + 1e-12
}

/// The `x` in `[lo, hi]` where increasing `f` reaches `target` (bisection, 100 halvings).
fn solve_increasing(f: impl Fn(f64) -> f64, target: f64, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..100 {
        let mid = lo + (hi - lo) / 2.0;
        if f(mid) >= target {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}
