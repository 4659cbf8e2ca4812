//! Traffic over one day in one-minute buckets: a pattern's shape (deterministic, mean 1) and
//! seeded arrivals around it.
//!
//! Simplified: arrivals in a minute are approximately Poisson — a sum of 60 one-second
//! Bernoulli trials below 30 expected requests, a normal approximation (Irwin–Hall: twelve
//! uniforms) above. Only `+ - * /` and `sqrt` are used, so the draws are bit-identical on
//! every target.

use crate::rng::SimRng;

/// Minutes simulated.
pub const MINUTES_PER_DAY: usize = 1_440;

/// A traffic pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Pattern {
    /// The same rate all day.
    Steady,
    /// A low base with short bursts.
    Bursty,
    /// Quiet at night, busy in the afternoon.
    Daily,
    /// Nothing for hours, then a few short busy windows.
    Idle,
    /// Steady, with one quarter-hour spike.
    Spike,
}

impl Pattern {
    /// Every pattern, in the order the widget lists them.
    pub const ALL: [Pattern; 5] =
        [Pattern::Steady, Pattern::Bursty, Pattern::Daily, Pattern::Idle, Pattern::Spike];

    /// The key lessons use (`pattern: steady`).
    pub const fn key(self) -> &'static str {
        match self {
            Pattern::Steady => "steady",
            Pattern::Bursty => "bursty",
            Pattern::Daily => "daily",
            Pattern::Idle => "idle",
            Pattern::Spike => "spike",
        }
    }

    /// The pattern whose key is `key`.
    pub fn from_key(key: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Display name.
    pub const fn name(self) -> &'static str {
        match self {
            Pattern::Steady => "Steady",
            Pattern::Bursty => "Bursty",
            Pattern::Daily => "Daily cycle",
            Pattern::Idle => "Mostly idle",
            Pattern::Spike => "A spike",
        }
    }

    /// One line on what the traffic looks like.
    pub const fn description(self) -> &'static str {
        match self {
            Pattern::Steady => "The same request rate every minute of the day.",
            Pattern::Bursty => {
                "A low background with a four-minute burst at eight times the background every 37 minutes."
            }
            Pattern::Daily => {
                "Quiet at night, rising through the morning, busiest in the early afternoon."
            }
            Pattern::Idle => {
                "Three ten-minute busy windows (09:00, 13:00, 17:00) and nothing in between."
            }
            Pattern::Spike => {
                "Steady, except for fifteen minutes at noon at 25 times the usual rate."
            }
        }
    }

    /// The relative rate of every minute, with mean exactly 1.
    pub fn shape(self) -> Vec<f64> {
        let raw: Vec<f64> = (0..MINUTES_PER_DAY).map(|m| self.raw(m)).collect();
        let mean = raw.iter().sum::<f64>() / MINUTES_PER_DAY as f64;
        raw.into_iter().map(|w| w / mean).collect()
    }

    /// The busiest minute's rate relative to the mean.
    pub fn peak_ratio(self) -> f64 {
        self.shape().into_iter().fold(0.0, f64::max)
    }

    fn raw(self, minute: usize) -> f64 {
        match self {
            Pattern::Steady => 1.0,
            Pattern::Bursty => {
                if minute % 37 < 4 {
                    8.0 * 0.3
                } else {
                    0.3
                }
            }
            Pattern::Daily => daily(minute),
            Pattern::Idle => {
                let busy =
                    [9 * 60, 13 * 60, 17 * 60].iter().any(|s| (*s..*s + 10).contains(&minute));
                if busy { 1.0 } else { 0.0 }
            }
            Pattern::Spike => {
                if (12 * 60..12 * 60 + 15).contains(&minute) {
                    25.0
                } else {
                    1.0
                }
            }
        }
    }
}

/// Relative load at each hour of a working day (00:00 to 23:00), interpolated linearly.
const HOURLY: [f64; 24] = [
    0.25, 0.2, 0.18, 0.18, 0.2, 0.3, 0.5, 0.8, 1.2, 1.5, 1.6, 1.65, 1.7, 1.65, 1.6, 1.55, 1.5,
    1.45, 1.4, 1.3, 1.1, 0.85, 0.6, 0.4,
];

fn daily(minute: usize) -> f64 {
    let hour = minute / 60;
    let frac = (minute % 60) as f64 / 60.0;
    let a = HOURLY[hour % 24];
    let b = HOURLY[(hour + 1) % 24];
    a + (b - a) * frac
}

/// Requests arriving in each minute when the mean rate is `mean_rps`.
pub fn arrivals(shape: &[f64], mean_rps: f64, rng: &mut SimRng) -> Vec<u32> {
    shape.iter().map(|w| poisson_approx(w * mean_rps * 60.0, rng)).collect()
}

fn poisson_approx(expected: f64, rng: &mut SimRng) -> u32 {
    if expected.is_nan() || expected <= 0.0 {
        return 0;
    }
    if expected < 30.0 {
        let p = expected / 60.0;
        return (0..60).filter(|_| rng.unit_f64() < p).count() as u32;
    }
    let z = (0..12).map(|_| rng.unit_f64()).sum::<f64>() - 6.0;
    let draw = (expected + expected.sqrt() * z).round();
    if draw > 0.0 { draw.min(f64::from(u32::MAX)) as u32 } else { 0 }
}
