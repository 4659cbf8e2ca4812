//! Who gets the CPU when a server is oversubscribed.
//!
//! Each application makes a [`Claim`]: a weight and a cap (the most it can use). [`share`]
//! divides the server's CPU by weight, gives any claim its cap when its share is larger, and
//! shares the rest among the others again ("water-filling"), which is how a proportional-share
//! scheduler behaves when every claimant stays busy.
//!
//! Simplified: the weights stand for three schedulers. On a shared operating system without
//! control groups every busy thread gets an equal turn (the classic per-process scheduler of
//! lesson 2), so the weight is the thread count. A VM's vCPUs are threads on the host, so its
//! weight is its vCPU count and it can never use more than its vCPUs. A container's cgroup gets
//! `cpu.weight` in proportion to its CPU request, as the kubelet sets it; with no CPU limit it may
//! use idle CPU but cannot take others' shares. Wasm instances are assumed to get the same
//! treatment from their host (per-module limits such as Wasmtime's fuel or epochs, or a cgroup
//! per app as SpinKube's pods have). Caches, memory bandwidth and I/O are not modelled.

use super::{App, Unit};

/// One application's claim on a server's CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Relative weight.
    pub weight: u64,
    /// The most it can use, in millicores.
    pub cap_millis: u64,
}

/// The claim `app`, run as `unit`, makes on its server's CPU.
pub fn claim(app: &App, unit: Unit) -> Claim {
    let by_threads = app.threads * 1000;
    match unit {
        Unit::Process => {
            Claim { weight: app.threads, cap_millis: app.cpu_millis_demand.min(by_threads) }
        }
        Unit::Vm => {
            let vcpus = app.cpu_millis.div_ceil(1000).max(1);
            Claim {
                weight: vcpus,
                cap_millis: app.cpu_millis_demand.min(vcpus * 1000).min(by_threads),
            }
        }
        Unit::Container | Unit::WasmInstance => Claim {
            weight: app.cpu_millis.max(1),
            cap_millis: app.cpu_millis_demand.min(by_threads),
        },
    }
}

/// Divides `capacity_millis` between `claims`; returns what each gets, in order.
pub fn share(capacity_millis: u64, claims: &[Claim]) -> Vec<u64> {
    let mut got = vec![0u64; claims.len()];
    let mut active: Vec<usize> =
        (0..claims.len()).filter(|i| claims[*i].weight > 0 && claims[*i].cap_millis > 0).collect();
    let mut left = capacity_millis;
    // Each round either satisfies at least one claim or ends, so `claims.len() + 1` rounds
    // always suffice; the bound only makes that visible.
    for _ in 0..=claims.len() {
        if active.is_empty() || left == 0 {
            break;
        }
        let total: u64 = active.iter().map(|i| claims[*i].weight).sum();
        let satisfied: Vec<usize> = active
            .iter()
            .copied()
            .filter(|i| {
                claims[*i].cap_millis.saturating_mul(total)
                    <= left.saturating_mul(claims[*i].weight)
            })
            .collect();
        if satisfied.is_empty() {
            for i in &active {
                got[*i] = left * claims[*i].weight / total;
            }
            break;
        }
        for i in &satisfied {
            got[*i] = claims[*i].cap_millis;
            left -= claims[*i].cap_millis;
        }
        active.retain(|i| !satisfied.contains(i));
    }
    got
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(weight: u64, cap_millis: u64) -> Claim {
        Claim { weight, cap_millis }
    }

    #[test]
    fn everyone_is_satisfied_when_there_is_room() {
        assert_eq!(share(8000, &[c(4, 2000), c(2, 500)]), vec![2000, 500]);
    }

    #[test]
    fn forty_workers_get_ten_times_the_cpu_of_four() {
        // Lesson 2: a batch job with 40 busy workers next to a web server with 4.
        let got = share(8000, &[c(40, 40_000), c(4, 4000)]);
        assert_eq!(got, vec![8000 * 40 / 44, 8000 * 4 / 44]);
        assert_eq!(got[0] / got[1], 10);
    }

    #[test]
    fn a_capped_claim_gives_back_what_it_cannot_use() {
        // The 1-vCPU VM can use at most 1000m; the rest goes to the other claim.
        assert_eq!(share(8000, &[c(1, 1000), c(1, 40_000)]), vec![1000, 7000]);
    }

    #[test]
    fn zero_weight_or_capacity_gets_nothing() {
        assert_eq!(share(8000, &[c(0, 1000), c(1, 0)]), vec![0, 0]);
        assert_eq!(share(0, &[c(1, 1000)]), vec![0]);
        assert!(share(8000, &[]).is_empty());
    }
}
