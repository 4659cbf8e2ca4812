use super::*;
use crate::eras::serverless::pricing::{lambda_bill, seconds_per_month};

fn scenario(pattern: Pattern, mean_rps: f64) -> Scenario {
    Scenario {
        pattern,
        mean_rps,
        workload: WORKLOADS[0],
        fleet: Fleet::OneVm,
        free_tier: false,
        seed: 11,
    }
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

/// §9's worked example: 10 M requests at 100 ms and 512 MB cost $10.33 ($3.47 after the
/// free tier); one request costs about $1.03e-6.
#[test]
fn lambda_bill_matches_the_worked_example() {
    let w = &WORKLOADS[0];
    let bill = lambda_bill(10_000_000.0, w, false, 0.0);
    assert!(close(bill.total_usd(), 10.33, 0.001), "{bill:?}");
    assert!(close(lambda_bill(10_000_000.0, w, true, 0.0).total_usd(), 3.47, 0.002));
    assert!(close(lambda_bill(1.0, w, false, 0.0).total_usd(), 1.033_33e-6, 1e-4));
    assert_eq!(lambda_bill(500_000.0, w, true, 0.0).total_usd(), 0.0);
}

/// One m5.large: $0.096 × 730 h = $70.08; three cost $210.24.
#[test]
fn fleet_prices_match_the_reference() {
    assert!(close(Fleet::monthly_usd(1), 70.08, 1e-9));
    assert!(close(Fleet::monthly_usd(3), 210.24, 1e-9));
    assert_eq!(seconds_per_month(), 2_628_000.0);
}

/// §9: break-even with one m5.large ≈ 67.8 M requests a month ≈ 25.8 requests/s.
#[test]
fn steady_break_even_is_the_lessons_crossing() {
    let b = break_even(1.0, &WORKLOADS[0], Fleet::OneVm, false).unwrap();
    assert!(close(b.rps, 25.8, 0.005), "{b:?}");
    assert!(close(b.requests_per_month, 67.8e6, 0.005));
    assert!(close(b.usd, 70.08, 1e-6));
    assert_eq!((b.servers, b.at_step), (1, false));
    // The free tier moves it up by roughly 7 million requests.
    let free = break_even(1.0, &WORKLOADS[0], Fleet::OneVm, true).unwrap();
    let shift = free.requests_per_month - b.requests_per_month;
    assert!((6.0e6..7.5e6).contains(&shift), "{shift}");
    // A three-node cluster triples it.
    let cluster = break_even(1.0, &WORKLOADS[0], Fleet::SmallCluster, false).unwrap();
    assert!(close(cluster.rps, 3.0 * b.rps, 1e-6));
}

#[test]
fn peaks_size_the_fleet_and_move_the_break_even() {
    // I/O-bound work: one server covers the daily peak, so the crossing does not move.
    let steady = break_even(1.0, &WORKLOADS[0], Fleet::OneVm, false).unwrap();
    let daily = break_even(Pattern::Daily.peak_ratio(), &WORKLOADS[0], Fleet::OneVm, false);
    assert_eq!(daily, Some(steady));
    // A fleet sized for a 17x spike costs more per request than Lambda at every rate.
    assert_eq!(break_even(Pattern::Spike.peak_ratio(), &WORKLOADS[0], Fleet::OneVm, false), None);
    // CPU-bound work: one server handles 2 vCPU / 100 ms = 20 requests/s.
    let w = &WORKLOADS[1];
    assert_eq!(Fleet::OneVm.servers_for(20.0, w), 1);
    assert_eq!(Fleet::OneVm.servers_for(20.5, w), 2);
    assert_eq!(Fleet::SmallCluster.servers_for(0.0, w), 3);
    let b = break_even(1.0, w, Fleet::OneVm, false).unwrap();
    // A full vCPU (1,769 MB) for 100 ms: $3.08e-6 a request, so the lines cross near 8.7/s.
    assert!(close(b.rps, 8.66, 0.01), "{b:?}");
    assert_eq!(break_even(Pattern::Bursty.peak_ratio(), w, Fleet::OneVm, false), None);
}

#[test]
fn shapes_have_mean_one_and_sensible_peaks() {
    for p in Pattern::ALL {
        let s = p.shape();
        assert_eq!(s.len(), MINUTES_PER_DAY);
        let mean = s.iter().sum::<f64>() / s.len() as f64;
        assert!(close(mean, 1.0, 1e-9), "{p:?}");
        assert!(s.iter().all(|w| *w >= 0.0));
        assert_eq!(Pattern::from_key(p.key()), Some(p));
    }
    assert_eq!(Pattern::Steady.peak_ratio(), 1.0);
    assert!(close(Pattern::Idle.peak_ratio(), 48.0, 1e-9));
    assert!(Pattern::Spike.peak_ratio() > 15.0);
    assert!((1.5..2.0).contains(&Pattern::Daily.peak_ratio()));
}

#[test]
fn arrivals_follow_the_mean() {
    for rps in [0.05, 2.0, 300.0] {
        let r = run(&scenario(Pattern::Steady, rps)).unwrap();
        let expected = rps * 86_400.0;
        assert!(close(r.day.requests as f64, expected, 0.05), "{rps}: {}", r.day.requests);
    }
}

#[test]
fn busy_steady_traffic_stays_warm_and_idle_traffic_goes_cold() {
    let busy = run(&scenario(Pattern::Steady, 50.0)).unwrap();
    assert!(busy.day.latency.cold_fraction < 0.001, "{:?}", busy.day.latency);
    assert_eq!(busy.day.latency.p99_ms, busy.day.latency.warm_ms);
    let idle = run(&scenario(Pattern::Idle, 0.002)).unwrap();
    // Three windows hours apart: every window starts cold; scale to zero in between.
    assert!(idle.day.cold_starts >= 3, "{}", idle.day.cold_starts);
    let gaps = idle.day.minutes[11 * 60..12 * 60].iter().all(|m| m.environments == 0);
    assert!(gaps, "scaled to zero between windows");
    assert!(idle.day.latency.cold_fraction > 0.01);
    assert!(idle.day.latency.p99_ms > idle.day.latency.warm_ms + 100.0);
}

#[test]
fn cold_latencies_come_from_the_cold_lane() {
    let idle = run(&scenario(Pattern::Idle, 0.002)).unwrap();
    let l = idle.day.latency;
    assert_eq!(l.warm_ms, 125.0);
    // Cold: 100–1000 ms of init, the 25 ms invoke and the 100 ms handler.
    assert!(l.max_ms >= 225.0 && l.max_ms <= 1_125.0 + 1e-6, "{l:?}");
    assert!(idle.day.init_billed_ms > 0.0);
    assert!(idle.lambda.init_usd > 0.0);
}

#[test]
fn environments_never_exceed_the_quota_and_excess_is_throttled() {
    let mut s = scenario(Pattern::Spike, 2_000.0);
    s.workload = WORKLOADS[1];
    let r = run(&s).unwrap();
    assert!(r.day.minutes.iter().all(|m| m.busy <= 1_000 && m.environments <= 1_000));
    assert!(r.day.throttled > 0);
    assert!(r.limits.iter().any(|l| matches!(l, Limit::Concurrency { .. })));
}

#[test]
fn long_jobs_and_connections_hit_the_duration_limit() {
    let mut s = scenario(Pattern::Steady, 0.01);
    s.workload = WORKLOADS[2];
    let r = run(&s).unwrap();
    assert!(
        matches!(r.limits[..], [Limit::MaxDuration { duration_s, .. }] if duration_s == 7_200.0)
    );
    // Billed only up to the 900 s cut-off.
    assert!(close(pricing::billed_ms(&s.workload), 900_000.0, 1e-12));
    s.workload = WORKLOADS[3];
    let r = run(&s).unwrap();
    assert!(matches!(r.limits[..], [Limit::LongLivedConnection { .. }]));
    assert!(run(&scenario(Pattern::Steady, 1.0)).unwrap().limits.is_empty());
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    for bad in [-1.0, f64::NAN, f64::INFINITY, 1e9] {
        assert!(matches!(
            run(&scenario(Pattern::Steady, bad)),
            Err(ScenarioError::RateOutOfRange { .. })
        ));
    }
    let mut s = scenario(Pattern::Steady, 1.0);
    s.workload.memory_mb = 0;
    assert_eq!(run(&s), Err(ScenarioError::EmptyWorkload));
    let zero = run(&scenario(Pattern::Steady, 0.0)).unwrap();
    assert_eq!((zero.day.requests, zero.day.latency.p50_ms), (0, 0.0));
}

#[test]
fn same_seed_same_day() {
    let a = run(&scenario(Pattern::Bursty, 3.0)).unwrap();
    assert_eq!(a, run(&scenario(Pattern::Bursty, 3.0)).unwrap());
    let mut other = scenario(Pattern::Bursty, 3.0);
    other.seed = 12;
    let b = run(&other).unwrap();
    assert_ne!(a.day.minutes, b.day.minutes);
    // Costs use the expected traffic, so the seed does not move the break-even.
    assert_eq!(a.break_even, b.break_even);
}
