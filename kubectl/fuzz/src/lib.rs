//! The property both fuzz drivers check, for any bytes: read as lines of console input (and
//! as the editor's text) and run against the seeded fixture cluster, `execute` and `complete`
//! return without panicking, their output is well formed, and the cluster's invariants hold
//! afterwards. A violated property panics (both drivers report the input).

use kubectl::{Session, complete, execute};
use sim_core::{
    cluster::{Action, Sim, scenario::parse_scenario},
    time::SimTime,
};
use std::sync::OnceLock;

const SCENARIO: &str = include_str!("../../tests/console/fixtures/cluster.yaml");

/// The golden tests' cluster at 4 minutes (after node-3's crash).
pub fn base() -> &'static Sim {
    static SIM: OnceLock<Sim> = OnceLock::new();
    SIM.get_or_init(|| {
        let scenario = parse_scenario(SCENARIO).expect("fixture scenario");
        // Component activity only feeds the UI's animations; without it each clone is
        // cheaper and the console sees the same objects.
        let mut config = scenario.config.clone();
        config.record_activity = false;
        let mut sim = Sim::new(scenario.seed.unwrap_or(0), config);
        for (_, object) in &scenario.objects {
            sim.apply(Action::Apply(object.clone())).expect("fixture object");
        }
        for entry in &scenario.timeline {
            sim.advance_to(entry.at, usize::MAX);
            sim.apply_step(&entry.step).expect("fixture step");
        }
        sim.advance_to(SimTime::from_secs(240), usize::MAX);
        sim
    })
}

/// Runs one input; panics if a property fails.
pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut sim = base().clone();
    let mut session = Session::default();
    session.editor = text.to_string();
    for line in text.lines().take(8) {
        let out = execute(&mut sim, &mut session, line);
        assert!(out.exit_code == 0 || out.exit_code == 1);
        assert!(out.stdout.is_empty() || out.stdout.ends_with('\n'));
        assert!(out.stderr.is_empty() || out.stderr.ends_with('\n'));
        assert!(out.exit_code == 0 || !out.stderr.is_empty());
        let c = complete(&sim, &session, line, line.len() / 2);
        assert!(c.replace_from <= line.len());
        assert!(c.candidates.iter().all(|x| x.starts_with(&c.common_prefix)));
        sim.advance_by(1_000, 100_000);
    }
    let violations = sim.check_invariants();
    assert!(violations.is_empty(), "{violations:?}");
}
