//! `kubesim run`: a scenario file through the engine; prints the event log and the pods.

use super::{Failure, args::Args};
use sim_core::{
    cluster::{Action, Progress, Sim, SimEvent, scenario::parse_scenario},
    printers::pod::{get_pods, pod_columns},
    time::SimTime,
};

/// Tasks one `advance_to` call may run before the runner reports progress and continues.
const BUDGET: usize = 1_000_000;
/// Give up after this many tasks in total: a scenario should never need more.
const MAX_TASKS: u64 = 200_000_000;

pub(crate) fn main(argv: &[String]) -> Result<(), Failure> {
    let args = Args::parse(argv, &["seed", "until"], &["json", "activity"])?;
    let [file] = args.positional.as_slice() else {
        return Err(Failure(format!(
            "run needs exactly one SCENARIO file\n{}",
            super::args::USAGE
        )));
    };
    let text = std::fs::read_to_string(file).map_err(|e| Failure(format!("{file}: {e}")))?;
    let scenario = parse_scenario(&text).map_err(|errors| {
        let lines: Vec<String> =
            errors.iter().map(|e| format!("{file}:{}: {}", e.line, e.message)).collect();
        Failure(lines.join("\nerror: "))
    })?;
    let seed = match args.value("seed") {
        Some(_) => args.number("seed", 0)?,
        None => scenario.seed.unwrap_or(0),
    };
    let until = match args.value("until") {
        Some(v) => SimTime::from_millis(
            sim_core::cluster::scenario::parse_duration(v)
                .ok_or_else(|| Failure(format!("--until: invalid duration {v:?}")))?,
        ),
        None => scenario.until.unwrap_or(SimTime::from_secs(600)),
    };
    let (json, activity) = (args.switch("json"), args.switch("activity"));
    let mut config = scenario.config.clone();
    config.record_activity = activity;
    let mut sim = Sim::new(seed, config);
    for (line, object) in &scenario.objects {
        sim.apply(Action::Apply(object.clone()))
            .map_err(|e| Failure(format!("{file}:{line}: {e}")))?;
    }
    let mut printed = 0;
    for entry in scenario.timeline.iter().filter(|e| e.at <= until) {
        drive(&mut sim, entry.at, &mut printed, json)?;
        sim.apply_step(&entry.step).map_err(|e| Failure(format!("{file}:{}: {e}", entry.line)))?;
    }
    drive(&mut sim, until, &mut printed, json)?;
    print_new(&sim, &mut printed, json);
    if json {
        print_pods_json(&sim);
    } else {
        println!();
        print!("{}", get_pods(sim.store().pods(), sim.now(), true));
    }
    Ok(())
}

/// Advances to `t` in bounded slices, printing the log as it grows.
fn drive(sim: &mut Sim, t: SimTime, printed: &mut usize, json: bool) -> Result<(), Failure> {
    loop {
        let progress = sim.advance_to(t, BUDGET);
        print_new(sim, printed, json);
        match progress {
            Progress::Reached => return Ok(()),
            Progress::Budget { now } if sim.tasks_run() > MAX_TASKS => {
                return Err(Failure(format!(
                    "not finished: simulation stopped at {now:?} after {MAX_TASKS} tasks"
                )));
            }
            Progress::Budget { .. } => {}
        }
    }
}

fn print_new(sim: &Sim, printed: &mut usize, json: bool) {
    for e in sim.events_since(*printed) {
        if json {
            if let Ok(line) = serde_json::to_string(e) {
                println!("{line}");
            }
        } else if matches!(e.event, SimEvent::Kube(_) | SimEvent::Action { .. })
            || sim.config().record_activity
        {
            println!("{e}");
        }
    }
    *printed = sim.log_len();
}

fn print_pods_json(sim: &Sim) {
    let now = sim.now();
    let pods: Vec<serde_json::Value> = sim
        .store()
        .pods()
        .map(|p| {
            let (ready, status, restarts) = pod_columns(p, now);
            serde_json::json!({
                "namespace": p.metadata.namespace,
                "name": p.metadata.name,
                "ready": ready,
                "status": status,
                "restarts": restarts,
                "ip": p.status.pod_ip.map(|ip| ip.to_string()),
                "node": (!p.node_name.is_empty()).then_some(&p.node_name),
            })
        })
        .collect();
    println!("{}", serde_json::json!({ "pods": pods }));
}
