//! Where things go on the race's time axis (pure; tested natively): a linear or logarithmic
//! scale from zero to the slowest lane, its ticks, and how much of each bar the replay has
//! revealed.

use sim_core::eras::timeline::format_ms;

/// How time maps to width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleKind {
    /// Equal widths for equal durations: the slow lanes dominate.
    Linear,
    /// Equal widths for each factor of ten: every lane is visible.
    Log,
}

/// A time axis in nanoseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    /// The mapping.
    pub kind: ScaleKind,
    /// Left edge of a log axis (a power of ten, at least 100 ns).
    pub min_ns: f64,
    /// Right edge.
    pub max_ns: f64,
}

impl Axis {
    /// An axis that fits durations from `shortest_ns` to `longest_ns`.
    pub fn fit(kind: ScaleKind, shortest_ns: u64, longest_ns: u64) -> Axis {
        let longest = (longest_ns.max(1_000)) as f64;
        let max_ns = match kind {
            ScaleKind::Log => 10f64.powf(longest.log10().ceil()),
            ScaleKind::Linear => nice_ceiling(longest),
        };
        let shortest = (shortest_ns.max(100) as f64).min(longest);
        let min_ns = 10f64.powf(shortest.log10().floor());
        Axis { kind, min_ns, max_ns }
    }

    /// Horizontal position of time `t_ns`, from 0 (left) to 1 (right).
    pub fn x(&self, t_ns: f64) -> f64 {
        let v = match self.kind {
            ScaleKind::Linear => t_ns / self.max_ns,
            ScaleKind::Log => {
                if t_ns <= self.min_ns {
                    0.0
                } else {
                    (t_ns / self.min_ns).log10() / (self.max_ns / self.min_ns).log10()
                }
            }
        };
        if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 }
    }

    /// Tick positions and labels: each power of ten (log), or five even steps (linear).
    pub fn ticks(&self) -> Vec<(f64, String)> {
        let label = |ns: f64| if ns == 0.0 { "0".to_owned() } else { format_ms(ns / 1e6) };
        match self.kind {
            ScaleKind::Linear => (0..=5)
                .map(|i| {
                    let t = self.max_ns * f64::from(i) / 5.0;
                    (self.x(t), label(t))
                })
                .collect(),
            ScaleKind::Log => {
                let mut out = Vec::new();
                let mut t = self.min_ns;
                // At most 16 decades (100 ns to 11 days); the bound keeps the loop finite.
                for _ in 0..16 {
                    if t > self.max_ns * 1.000_001 {
                        break;
                    }
                    out.push((self.x(t), label(t)));
                    t *= 10.0;
                }
                out
            }
        }
    }

    /// The visible part `[left, width]` of a bar from `start_ns` to `end_ns` when the replay
    /// has swept the axis up to `progress` (0–1 of its width); `None` while it is hidden.
    pub fn revealed(&self, start_ns: u64, end_ns: u64, progress: f64) -> Option<(f64, f64)> {
        let left = self.x(start_ns as f64);
        let right = self.x(end_ns as f64).min(progress);
        (right > left || (progress >= 1.0 && end_ns > start_ns))
            .then(|| (left, (right - left).max(0.0)))
    }
}

/// 1, 2 or 5 times a power of ten, at least `v`.
fn nice_ceiling(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * p).find(|c| *c >= v).unwrap_or(10.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_axis_spans_whole_decades() {
        // 26.9 µs to 2 minutes.
        let a = Axis::fit(ScaleKind::Log, 26_900, 120_000_000_000);
        assert_eq!((a.min_ns, a.max_ns), (10_000.0, 1e12));
        assert_eq!(a.x(10_000.0), 0.0);
        assert!((a.x(1e8) - 0.5).abs() < 1e-12);
        let ticks = a.ticks();
        assert_eq!(ticks.len(), 9);
        assert_eq!(ticks[0].1, "10 µs");
        assert_eq!(ticks[3].1, "10 ms");
        assert_eq!(ticks[8].1, "16.7 min");
    }

    #[test]
    fn linear_axis_rounds_up_to_a_nice_number() {
        let a = Axis::fit(ScaleKind::Linear, 1, 2_370_000_000);
        assert_eq!(a.max_ns, 5e9);
        assert_eq!(a.x(2.5e9), 0.5);
        let ticks = a.ticks();
        assert_eq!(ticks.len(), 6);
        assert_eq!(ticks[1].1, "1 s");
    }

    #[test]
    fn replay_reveals_bars_from_the_left() {
        let a = Axis::fit(ScaleKind::Linear, 1, 1_000_000_000);
        assert_eq!(a.revealed(0, 500_000_000, 0.0), None);
        assert_eq!(a.revealed(0, 500_000_000, 0.25), Some((0.0, 0.25)));
        assert_eq!(a.revealed(0, 500_000_000, 1.0), Some((0.0, 0.5)));
        assert_eq!(a.revealed(500_000_000, 600_000_000, 0.3), None);
    }

    #[test]
    fn out_of_range_times_clamp() {
        let a = Axis::fit(ScaleKind::Log, 0, 0);
        assert!(a.x(f64::NAN) == 0.0 && a.x(1e30) == 1.0 && a.x(-5.0) == 0.0);
    }
}
