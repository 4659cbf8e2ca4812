//! Sourced figures (static data: serializable for the UI, never deserialized): every number the era models use carries the citation it came from and how
//! sure that citation is, so the UI can show the source beside the number.

use crate::rng::SimRng;
use serde::Serialize;

/// How far a source can be trusted (the reference's ✅ / 🟡 / ⚠️).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Confidence {
    /// Read in the primary source itself (paper, vendor docs, repository).
    Primary,
    /// Quoted by someone else, an independent benchmark, or a summary.
    Secondary,
    /// An estimate, marketing, or a source of doubtful origin; shown with a warning.
    Estimate,
}

/// A citation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Short label shown beside the number, e.g. `Firecracker SPECIFICATION.md`.
    pub label: &'static str,
    /// Where to read it.
    pub url: &'static str,
    /// What the figure was measured under (hardware, year, configuration).
    pub conditions: &'static str,
    /// How sure.
    pub confidence: Confidence,
}

/// A quantity known as a range with a typical value, in the model's unit (named by the field
/// that holds it, e.g. `boot_ms`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    /// Lowest value the source reports (or the model allows).
    pub low: f64,
    /// The typical value.
    pub typical: f64,
    /// Highest value.
    pub high: f64,
    /// Where it comes from.
    pub source: Source,
}

impl Range {
    /// A range; `low <= typical <= high` is the caller's promise (checked in tests).
    pub const fn new(low: f64, typical: f64, high: f64, source: Source) -> Self {
        Range { low, typical, high, source }
    }

    /// A single sourced value.
    pub const fn exact(value: f64, source: Source) -> Self {
        Range { low: value, typical: value, high: value, source }
    }

    /// Whether the range is well formed.
    pub fn is_ordered(&self) -> bool {
        self.low <= self.typical
            && self.typical <= self.high
            && self.low.is_finite()
            && self.high.is_finite()
    }

    /// Draws a value in `[low, high]` clustered around `typical`: a triangular distribution,
    /// because sources give a minimum, a usual value and a maximum, not a distribution.
    pub fn sample(&self, rng: &mut SimRng) -> f64 {
        let (a, c, b) = (self.low, self.typical, self.high);
        if b <= a {
            return a;
        }
        let u = rng.unit_f64();
        let split = (c - a) / (b - a);
        if u < split {
            a + ((b - a) * (c - a) * u).sqrt()
        } else {
            b - ((b - a) * (b - c) * (1.0 - u)).sqrt()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: Source = Source {
        label: "test",
        url: "https://example.org/",
        conditions: "",
        confidence: Confidence::Primary,
    };

    #[test]
    fn samples_stay_in_range_and_centre_on_typical() {
        let r = Range::new(10.0, 20.0, 100.0, SRC);
        let mut rng = SimRng::new(4);
        let draws: Vec<f64> = (0..10_000).map(|_| r.sample(&mut rng)).collect();
        assert!(draws.iter().all(|d| (10.0..=100.0).contains(d)));
        let below_typical = draws.iter().filter(|d| **d < 20.0).count() as f64 / draws.len() as f64;
        // The triangular CDF at the mode is (c-a)/(b-a) = 10/90.
        assert!((below_typical - 1.0 / 9.0).abs() < 0.02, "{below_typical}");
    }

    #[test]
    fn degenerate_ranges_return_their_value() {
        let mut rng = SimRng::new(1);
        assert_eq!(Range::exact(5.0, SRC).sample(&mut rng), 5.0);
        assert!(Range::new(1.0, 2.0, 3.0, SRC).is_ordered());
        assert!(!Range::new(3.0, 2.0, 1.0, SRC).is_ordered());
    }
}
