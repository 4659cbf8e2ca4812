//! The platform limits a workload runs into, each with the figure and source behind it.

use super::{Day, Workload, pricing};
use crate::eras::{sourced::Range, startup::figures};

/// One limit the workload hits.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum Limit {
    /// Each request runs longer than an invocation may.
    MaxDuration {
        /// The request's duration, seconds.
        duration_s: f64,
        /// The limit.
        max: Range,
    },
    /// Each request holds a client connection for longer than an invocation may, and pins an
    /// execution environment (billed) the whole time.
    LongLivedConnection {
        /// How long a connection stays open, seconds.
        held_s: f64,
        /// The limit.
        max: Range,
    },
    /// The day needed more concurrent environments than the default quota; the rest were
    /// throttled.
    Concurrency {
        /// Environments wanted at the peak (before the quota).
        wanted: u32,
        /// Requests throttled over the day.
        throttled: u64,
        /// The quota.
        quota: Range,
    },
    /// The workload asks for more memory than a function may have.
    Memory {
        /// Configured, MB.
        memory_mb: u32,
        /// The allowed range.
        allowed: Range,
    },
}

/// Every limit `workload` hits on `day`.
pub fn limits(workload: &Workload, day: &Day) -> Vec<Limit> {
    let mut out = Vec::new();
    let duration_s = f64::from(workload.duration_ms) / 1_000.0;
    let max = pricing::MAX_DURATION_S;
    if workload.holds_connection && duration_s > max.typical {
        out.push(Limit::LongLivedConnection { held_s: duration_s, max });
    } else if duration_s > max.typical {
        out.push(Limit::MaxDuration { duration_s, max });
    }
    if day.throttled > 0 {
        let wanted = day
            .minutes
            .iter()
            .map(|m| super::concurrency(m.requests, workload.duration_ms))
            .max()
            .unwrap_or(0);
        out.push(Limit::Concurrency {
            wanted,
            throttled: day.throttled,
            quota: pricing::CONCURRENCY_QUOTA,
        });
    }
    let allowed = figures::LAMBDA_MEMORY_MB;
    if !(allowed.low..=allowed.high).contains(&f64::from(workload.memory_mb)) {
        out.push(Limit::Memory { memory_mb: workload.memory_mb, allowed });
    }
    out
}
