//! `kubesim schedule`: the scheduler agent's library, fed from manifest files.

use super::{Failure, args::Args};
use sim_core::{
    manifest::{Object, parse_manifests},
    scheduler::cli::{Objects, schedule},
};

pub(crate) fn main(argv: &[String]) -> Result<(), Failure> {
    let args = Args::parse(argv, &["seed"], &[])?;
    let seed = args.number("seed", 0)?;
    if args.positional.is_empty() {
        return Err(Failure(format!("schedule needs at least one FILE\n{}", super::args::USAGE)));
    }
    let mut objects = Objects::default();
    for file in &args.positional {
        let text = std::fs::read_to_string(file).map_err(|e| Failure(format!("{file}: {e}")))?;
        let manifests = parse_manifests(&text).into_result().map_err(|errors| {
            let first = errors.first().map_or_else(
                || format!("{file}: invalid"),
                |d| format!("{file}:{}: {}", d.line, d.message),
            );
            Failure(first)
        })?;
        for mut m in manifests {
            m.fill_namespace("default");
            match m.object {
                Object::Node(n) => objects.nodes.push(n),
                Object::Pod(p) => objects.pods.push(p),
                Object::Service(s) => objects.services.push(s),
                Object::ReplicaSet(r) => objects.replica_sets.push(r),
                Object::SchedulerConfiguration(p) => objects.profile = Some(p),
                Object::Deployment(_) => {
                    return Err(Failure(format!(
                        "{file}:{}: kubesim schedule takes Nodes, Pods, Services, ReplicaSets and a KubeSchedulerConfiguration; use `kubesim run` for Deployments",
                        m.line
                    )));
                }
            }
        }
    }
    for line in schedule(&objects, seed) {
        let json = serde_json::to_string(&line).map_err(|e| Failure(e.to_string()))?;
        println!("{json}");
    }
    Ok(())
}
