//! Summaries of the live lane's timings (pure; tested natively), and the batch-size rule that
//! keeps them honest under a coarse clock.

/// Median and spread of per-operation times, in microseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// Samples summarised.
    pub samples: usize,
    /// Fastest sample.
    pub min_us: f64,
    /// 10th percentile.
    pub p10_us: f64,
    /// Median.
    pub median_us: f64,
    /// 90th percentile.
    pub p90_us: f64,
    /// Slowest sample.
    pub max_us: f64,
}

impl Stats {
    /// Summarises `samples` (per-operation microseconds); `None` if there are none or any is
    /// not a finite, non-negative number.
    pub fn of(samples: &[f64]) -> Option<Stats> {
        if samples.is_empty() || samples.iter().any(|s| !s.is_finite() || *s < 0.0) {
            return None;
        }
        let mut v = samples.to_vec();
        v.sort_by(f64::total_cmp);
        let q = |p: f64| quantile(&v, p);
        Some(Stats {
            samples: v.len(),
            min_us: q(0.0),
            p10_us: q(0.1),
            median_us: q(0.5),
            p90_us: q(0.9),
            max_us: q(1.0),
        })
    }
}

/// Linear interpolation between the closest ranks of sorted `v` (`v` is not empty).
fn quantile(v: &[f64], p: f64) -> f64 {
    let pos = p.clamp(0.0, 1.0) * (v.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let (a, b) = (v.get(lo).copied().unwrap_or(0.0), v.get(hi).copied().unwrap_or(0.0));
    a + (b - a) * (pos - lo as f64)
}

/// The smallest step seen between distinct readings of a clock, in milliseconds, from
/// consecutive readings; `None` if the clock never moved.
pub fn clock_step_ms(readings: &[f64]) -> Option<f64> {
    readings.windows(2).map(|w| w[1] - w[0]).filter(|d| *d > 0.0).min_by(f64::total_cmp)
}

/// A batch is long enough when it spans at least this many clock steps, so rounding to the
/// clock's resolution moves a sample by at most a few percent.
pub const STEPS_PER_BATCH: f64 = 20.0;
/// …and at least this long, in milliseconds, whatever the clock claims.
pub const MIN_BATCH_MS: f64 = 1.0;
/// Largest batch (operations).
pub const MAX_BATCH: u32 = 4_096;

/// Whether a batch that took `elapsed_ms` is long enough on a clock with `step_ms` steps.
pub fn batch_long_enough(elapsed_ms: f64, step_ms: f64) -> bool {
    elapsed_ms >= (STEPS_PER_BATCH * step_ms).max(MIN_BATCH_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        let s = Stats::of(&[5.0, 1.0, 3.0, 2.0, 4.0]).unwrap();
        assert_eq!((s.min_us, s.median_us, s.max_us), (1.0, 3.0, 5.0));
        assert!((s.p10_us - 1.4).abs() < 1e-12 && (s.p90_us - 4.6).abs() < 1e-12);
        assert_eq!(Stats::of(&[7.0]).unwrap().p90_us, 7.0);
    }

    #[test]
    fn bad_samples_give_nothing() {
        assert_eq!(Stats::of(&[]), None);
        assert_eq!(Stats::of(&[1.0, f64::NAN]), None);
        assert_eq!(Stats::of(&[-1.0]), None);
    }

    #[test]
    fn clock_step_is_the_smallest_positive_change() {
        assert_eq!(clock_step_ms(&[0.0, 0.0, 0.1, 0.1, 0.2, 0.5]), Some(0.1));
        assert_eq!(clock_step_ms(&[3.0, 3.0]), None);
    }

    #[test]
    fn batches_span_twenty_clock_steps() {
        // Chromium without cross-origin isolation steps by 0.1 ms: batches of 2 ms or more.
        assert!(!batch_long_enough(1.9, 0.1));
        assert!(batch_long_enough(2.0, 0.1));
        // A fine clock still needs 1 ms.
        assert!(!batch_long_enough(0.5, 0.005));
    }
}
