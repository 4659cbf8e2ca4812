//! The simulation's only source of randomness: a seeded PCG generator.

use rand_core::Rng;
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};

/// A seeded, serializable pseudo-random generator.
///
/// Every random choice a simulation makes (scheduler tie-breaks, UIDs, sampled durations,
/// kube-proxy backend picks) draws from one of these, so a seed fixes the whole run. Child
/// generators come from [`SimRng::fork`], which keeps streams independent: adding draws in one
/// component does not shift the numbers another component sees.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct SimRng(Pcg64Mcg);

impl SimRng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        // Spread the 64-bit seed over the 128-bit state so nearby seeds give unrelated streams.
        let hi = splitmix64(seed);
        let lo = splitmix64(hi ^ 0x9E37_79B9_7F4A_7C15);
        SimRng(Pcg64Mcg::new((u128::from(hi) << 64) | u128::from(lo) | 1))
    }

    /// An independent child generator for the component named `stream`.
    pub fn fork(&self, stream: &str) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in stream.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut parent = self.clone();
        SimRng::new(parent.next_u64() ^ h)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform integer in `0..n`; 0 when `n` is 0.
    ///
    /// Lemire's multiply-and-reject method: unbiased, and the same on every target.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// A uniform integer in `lo..=hi` (returns `lo` if `hi < lo`).
    pub fn range_inclusive(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        match (hi - lo).checked_add(1) {
            Some(span) => lo + self.below(span),
            None => self.next_u64(),
        }
    }

    /// A uniform float in `[0, 1)` with 53 random bits.
    pub fn unit_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let (mut a, mut b) = (SimRng::new(7), SimRng::new(7));
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = SimRng::new(1);
        let mut seen = [false; 6];
        for _ in 0..1000 {
            let v = r.below(6) as usize;
            seen[v] = true;
        }
        assert!(seen.iter().all(|s| *s));
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn forks_differ_by_stream_name() {
        let root = SimRng::new(3);
        assert_ne!(root.fork("scheduler").next_u64(), root.fork("kubelet").next_u64());
        assert_eq!(root.fork("scheduler").next_u64(), root.fork("scheduler").next_u64());
    }

    #[test]
    fn range_inclusive_handles_edges() {
        let mut r = SimRng::new(9);
        assert_eq!(r.range_inclusive(5, 5), 5);
        assert_eq!(r.range_inclusive(5, 1), 5);
        let v = r.range_inclusive(10, 12);
        assert!((10..=12).contains(&v));
        let _ = r.range_inclusive(0, u64::MAX);
    }
}
