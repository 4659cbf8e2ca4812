//! The kubelet's per-container back-off (`flowcontrol.Backoff` with `backOffPeriod` 10 s and
//! `MaxContainerBackOff` 300 s), used for crash restarts and for image pulls.
//!
//! Upstream semantics, reproduced exactly:
//! - the first failure restarts at once and records a 10 s back-off;
//! - a later failure waits the recorded back-off, then doubles it (capped at 300 s);
//! - an entry whose last update is more than 2 × 300 s = 10 min before the failure has
//!   expired: the container ran cleanly for 10 minutes, so the sequence starts over.
//!
//! So the waits between restarts are 0, 10, 20, 40, 80, 160, 300, 300, … seconds.
//! Simplified: the restart happens exactly when the back-off ends; upstream restarts at the
//! next pod sync after it (the pod worker requeues every 10–15 s during a back-off).

use crate::time::SimTime;
use serde::{Deserialize, Serialize};

/// `backOffPeriod`.
pub const INITIAL_MS: u64 = 10_000;
/// `MaxContainerBackOff`.
pub const MAX_MS: u64 = 300_000;

/// One back-off entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backoff {
    entry: Option<(u64, SimTime)>,
}

impl Backoff {
    /// A failure at `failed_at`: how long to wait before retrying. Call [`Backoff::retry`]
    /// when the wait is over.
    pub fn wait_after_failure(&self, failed_at: SimTime) -> u64 {
        match self.entry {
            Some((backoff, last_update)) if !expired(failed_at, last_update) => backoff,
            _ => 0,
        }
    }

    /// Records the retry at `now` of a failure that happened at `failed_at` (`Next`).
    pub fn retry(&mut self, failed_at: SimTime, now: SimTime) {
        let backoff = match self.entry {
            Some((b, last_update)) if !expired(failed_at, last_update) => (b * 2).min(MAX_MS),
            _ => INITIAL_MS,
        };
        self.entry = Some((backoff, now));
    }

    /// The current back-off length (what `back-off 20s restarting…` prints).
    pub fn current_ms(&self) -> u64 {
        self.entry.map_or(0, |e| e.0)
    }
}

fn expired(event: SimTime, last_update: SimTime) -> bool {
    event.millis_since(last_update) > 2 * MAX_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_loop_waits_double_up_to_five_minutes() {
        let mut b = Backoff::default();
        let mut t = SimTime::ZERO;
        let mut waits = Vec::new();
        for _ in 0..9 {
            t = t.plus_millis(1000); // the container runs 1 s, then fails
            let wait = b.wait_after_failure(t);
            waits.push(wait / 1000);
            let restart = t.plus_millis(wait);
            b.retry(t, restart);
            t = restart;
        }
        assert_eq!(waits, [0, 10, 20, 40, 80, 160, 300, 300, 300]);
    }

    #[test]
    fn ten_minutes_of_clean_running_resets() {
        let mut b = Backoff::default();
        let mut t = SimTime::from_secs(1);
        for _ in 0..4 {
            let wait = b.wait_after_failure(t);
            t = t.plus_millis(wait);
            b.retry(t, t);
            t = t.plus_millis(1000);
        }
        assert_eq!(b.current_ms(), 80_000);
        let after_long_run = t.plus_secs(601);
        assert_eq!(b.wait_after_failure(after_long_run), 0);
        b.retry(after_long_run, after_long_run);
        assert_eq!(b.current_ms(), INITIAL_MS);
        // Exactly 10 minutes is not yet expired (upstream compares with `>`).
        let mut c = Backoff::default();
        c.retry(SimTime::ZERO, SimTime::ZERO);
        assert_eq!(c.wait_after_failure(SimTime::from_secs(600)), INITIAL_MS);
    }
}
