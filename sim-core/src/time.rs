//! Simulated time: integer milliseconds since the simulation started.

use serde::{Deserialize, Serialize};

/// A point in simulated time, in milliseconds since the simulation started.
///
/// Integer milliseconds keep arithmetic exact and identical on every target; Kubernetes' own
/// timers (10 s leases, 50 s grace periods, 300 s tolerations) are all whole milliseconds.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SimTime(pub u64);

impl SimTime {
    /// The start of every simulation.
    pub const ZERO: SimTime = SimTime(0);

    /// A time `ms` milliseconds after the start.
    pub const fn from_millis(ms: u64) -> Self {
        SimTime(ms)
    }

    /// A time `s` seconds after the start.
    pub const fn from_secs(s: u64) -> Self {
        SimTime(s * 1000)
    }

    /// Milliseconds since the start.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// Whole seconds since the start (rounded down).
    pub const fn as_secs(self) -> u64 {
        self.0 / 1000
    }

    /// This time plus `ms` milliseconds, saturating instead of overflowing.
    #[must_use]
    pub const fn plus_millis(self, ms: u64) -> Self {
        SimTime(self.0.saturating_add(ms))
    }

    /// This time plus `s` seconds, saturating instead of overflowing.
    #[must_use]
    pub const fn plus_secs(self, s: u64) -> Self {
        self.plus_millis(s.saturating_mul(1000))
    }

    /// Milliseconds from `earlier` to `self`, or 0 if `earlier` is later.
    pub const fn millis_since(self, earlier: SimTime) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

/// The wall-clock instant that simulated time zero maps to when a timestamp must be printed
/// (`creationTimestamp`, event times): 2026-01-01T00:00:00Z as seconds since the Unix epoch.
///
/// A fixed epoch keeps printed manifests byte-identical between runs.
pub const EPOCH_UNIX_SECS: u64 = 1_767_225_600;

/// Formats `t` as an RFC 3339 UTC timestamp with second precision, as the API server prints
/// `metav1.Time` (`2026-01-01T00:05:03Z`).
pub fn rfc3339(t: SimTime) -> String {
    let secs = EPOCH_UNIX_SECS + t.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days since 1970-01-01 to a (year, month, day) civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_prints_as_new_year_2026() {
        assert_eq!(rfc3339(SimTime::ZERO), "2026-01-01T00:00:00Z");
        assert_eq!(rfc3339(SimTime::from_secs(303)), "2026-01-01T00:05:03Z");
        assert_eq!(rfc3339(SimTime::from_secs(86_400 * 59)), "2026-03-01T00:00:00Z");
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(SimTime(u64::MAX).plus_secs(5), SimTime(u64::MAX));
        assert_eq!(SimTime(5).millis_since(SimTime(9)), 0);
    }
}
