//! Any input: the scenario parser returns without panicking, every error points at a line of
//! the input, and a scenario it accepts runs (objects applied, timeline steps, ten simulated
//! minutes) without panicking, within a bounded number of tasks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::cluster::{Action, Progress, Sim, scenario::parse_scenario};
use sim_core::time::SimTime;

/// Work allowed per input: keeps each run short, so libFuzzer's timeout finds real hangs.
const MAX_TASKS: u64 = 200_000;
/// Larger clusters are legal but too slow to simulate per fuzz input; parsing is still fuzzed.
const MAX_NODES: u32 = 64;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.replace("\r\n", "\n").matches(['\n', '\r']).count() as u32 + 1;
    let scenario = match parse_scenario(&text) {
        Ok(s) => s,
        Err(errors) => {
            assert!(!errors.is_empty(), "a rejection names at least one problem");
            for e in &errors {
                assert!(e.line >= 1 && e.line <= lines, "{e} is outside the input's {lines} lines");
            }
            return;
        }
    };
    if scenario.config.pools.iter().map(|p| p.count).sum::<u32>() > MAX_NODES {
        return;
    }
    let mut sim = Sim::new(scenario.seed.unwrap_or(0), scenario.config.clone());
    for (_, object) in &scenario.objects {
        let _ = sim.apply(Action::Apply(object.clone()));
    }
    let until = scenario.until.unwrap_or(SimTime::from_secs(600)).min(SimTime::from_secs(600));
    let mut steps = scenario.timeline.iter().filter(|e| e.at <= until).peekable();
    loop {
        let target = steps.peek().map_or(until, |e| e.at);
        while let Progress::Budget { .. } = sim.advance_to(target, 10_000) {
            if sim.tasks_run() > MAX_TASKS {
                return;
            }
        }
        match steps.next() {
            Some(entry) => {
                let _ = sim.apply_step(&entry.step);
            }
            None => break,
        }
    }
});
