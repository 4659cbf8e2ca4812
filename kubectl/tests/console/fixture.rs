//! The seeded cluster the console tests run against, and a transcript helper.

use kubectl::{Session, execute};
use sim_core::{
    cluster::{Action, Progress, Sim, scenario::parse_scenario},
    time::SimTime,
};

const SCENARIO: &str = include_str!("fixtures/cluster.yaml");

/// A manifest from `fixtures/`.
pub(crate) fn editor(name: &str) -> String {
    let path = format!("{}/tests/console/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixture cluster run to `secs` seconds (the timeline's node crash at 120 s included).
pub(crate) fn cluster_at(secs: u64) -> Sim {
    let scenario = parse_scenario(SCENARIO).unwrap_or_else(|e| panic!("fixture: {e:?}"));
    let mut sim = Sim::new(scenario.seed.unwrap_or(0), scenario.config.clone());
    for (line, object) in &scenario.objects {
        sim.apply(Action::Apply(object.clone())).unwrap_or_else(|e| panic!("line {line}: {e}"));
    }
    for entry in scenario.timeline.iter().filter(|e| e.at <= SimTime::from_secs(secs)) {
        run_to(&mut sim, entry.at);
        sim.apply_step(&entry.step).unwrap_or_else(|e| panic!("timeline: {e}"));
    }
    run_to(&mut sim, SimTime::from_secs(secs));
    sim
}

/// Advances to `t`, failing the test if the engine does not get there.
pub(crate) fn run_to(sim: &mut Sim, t: SimTime) {
    for _ in 0..10_000 {
        if sim.advance_to(t, 100_000) == Progress::Reached {
            return;
        }
    }
    panic!("simulation did not reach {t:?}");
}

/// Advances `secs` seconds.
pub(crate) fn advance(sim: &mut Sim, secs: u64) {
    let t = sim.now().plus_secs(secs);
    run_to(sim, t);
}

/// Runs each line and records it as a console transcript. A line `@advance N` runs the
/// simulation N seconds instead, and `@editor NAME` loads `fixtures/NAME` into the editor.
pub(crate) fn transcript(sim: &mut Sim, session: &mut Session, lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        if let Some(secs) = line.strip_prefix("@advance ") {
            let secs: u64 = secs.parse().unwrap_or_else(|e| panic!("{line}: {e}"));
            run_to(sim, sim.now().plus_secs(secs));
            out.push_str(&format!("# {secs}s later (t={}s)\n\n", sim.now().as_secs()));
            continue;
        }
        if let Some(name) = line.strip_prefix("@editor ") {
            session.editor = editor(name);
            out.push_str(&format!("# editor: {name}\n\n"));
            continue;
        }
        let o = execute(sim, session, line);
        out.push_str(&format!("$ {line}\n{}", o.stdout));
        for l in o.stderr.lines() {
            out.push_str(&format!("[stderr] {l}\n"));
        }
        if o.exit_code != 0 {
            out.push_str(&format!("[exit {}]\n", o.exit_code));
        }
        out.push('\n');
    }
    out
}
