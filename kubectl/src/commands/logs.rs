//! `kubectl logs (POD | pod/POD | deployment/NAME) [-c CONTAINER] [-p] [--tail=N]`, with
//! simulated lines (see [`crate::logs`]) and kubectl's errors for containers that have not
//! started, missing previous runs and unreachable kubelets.

use super::{Command, objects, parse};
use crate::{
    context::{CmdResult, Ctx, Failure, error},
    flags::{Kind, Parsed, Spec, long, short},
    logs::{NoLogs, container_logs},
    resource::{Resource, parse_targets},
};
use sim_core::{
    cluster::{KubeletHealth, Sim, Store},
    model::{Container, Pod, PodPhase},
};

const FLAGS: &[Spec] = &[
    short("container", 'c', Kind::Str),
    short("previous", 'p', Kind::Bool),
    long("tail", Kind::Int(64)),
    short("follow", 'f', Kind::Bool),
    long("all-containers", Kind::Bool),
];

pub(crate) const COMMAND: Command = Command {
    name: "logs",
    summary: "Print the logs for a container in a pod (simulated)",
    usage: "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [--tail=N]",
    flags: FLAGS,
    run,
};

const NOTE: &str = "(simulated logs: no real container runs in this playground; [sim] lines come from the container's simulated state, other lines are what its command echoes)";

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "logs", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    let ns = ctx.namespace(&flags);
    let mut notes = Vec::new();
    let result = read(ctx.sim, &flags, &ns, &mut notes);
    for n in &notes {
        ctx.eprint(n);
    }
    let lines = result?;
    if let Some(lines) = lines {
        ctx.eprint(NOTE);
        if flags.bool("follow") {
            ctx.eprint("(simulated: -f does not follow; run the clock and ask again)");
        }
        for l in lines {
            ctx.print(&l);
        }
    }
    Ok(())
}

/// The lines to print (`None`: nothing to show yet), with kubectl's notes in `notes`.
fn read(
    sim: &Sim,
    flags: &Parsed,
    ns: &str,
    notes: &mut Vec<String>,
) -> Result<Option<Vec<String>>, Failure> {
    let (target, rest) = match flags.positional.split_first() {
        Some(x) => x,
        None => {
            return Err(super::usage_error(
                "logs",
                "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
            ));
        }
    };
    let mut container_flag = flags.string("container").map(str::to_owned);
    if let [c] = rest {
        container_flag.get_or_insert_with(|| c.clone());
    } else if rest.len() > 1 {
        return Err(super::usage_error(
            "logs",
            "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.",
        ));
    }
    let pod = find_pod(sim.store(), target, ns, notes)?;
    let pod_name = &pod.metadata.name;
    let containers: Vec<&Container> = if flags.bool("all-containers") {
        pod.spec.containers.iter().collect()
    } else {
        vec![pick_container(pod, container_flag.as_deref(), notes)?]
    };
    if pod.node_name.is_empty() {
        notes.push(
            "(simulated: the pod is not scheduled to a node yet, so there is nothing to show)"
                .into(),
        );
        return Ok(None);
    }
    unreachable_kubelet(sim, pod)?;
    let mut lines = Vec::new();
    for c in containers {
        let status = pod.status.container_statuses.iter().find(|s| s.name == c.name);
        match container_logs(pod, c, status, flags.bool("previous")) {
            Ok(l) => lines.extend(l),
            Err(NoLogs::Waiting(why)) => {
                return Err(format!(
                    "Error from server (BadRequest): container \"{}\" in pod \"{pod_name}\" is waiting to start: {why}",
                    c.name
                ));
            }
            Err(NoLogs::NoPrevious) => {
                return Err(format!(
                    "Error from server (BadRequest): previous terminated container \"{}\" in pod \"{pod_name}\" not found",
                    c.name
                ));
            }
        }
    }
    if let Some(n) = flags.int("tail").filter(|n| *n >= 0) {
        let skip = lines.len().saturating_sub(usize::try_from(n).unwrap_or(usize::MAX));
        lines.drain(..skip);
    }
    Ok(Some(lines))
}

/// The pod named by `POD`, `pod/POD` or `deployment/NAME` (kubectl picks one of its pods).
fn find_pod<'a>(
    store: &'a Store,
    target: &str,
    ns: &str,
    notes: &mut Vec<String>,
) -> Result<&'a Pod, Failure> {
    let args: Vec<String> = if target.contains('/') {
        vec![target.to_owned()]
    } else {
        vec!["pods".into(), target.to_owned()]
    };
    let targets = parse_targets(&args).map_err(error)?;
    let Some((r, name)) = targets.names.into_iter().next() else {
        return Err(error("a pod name is required"));
    };
    let selector = match objects::get(store, r, ns, &name) {
        Some(objects::Obj::Pod(p)) => return Ok(p),
        Some(objects::Obj::Deployment(d)) => d.spec.selector.clone(),
        Some(objects::Obj::ReplicaSet(rs)) => rs.spec.selector.clone(),
        Some(other) => {
            return Err(error(format!(
                "cannot get the logs from {}",
                other.resource().qualified()
            )));
        }
        None => return Err(objects::not_found(r, &name)),
    };
    let mut pods: Vec<&Pod> = objects::list(store, Resource::Pods, Some(ns))
        .into_iter()
        .filter_map(|o| match o {
            objects::Obj::Pod(p) => Some(p),
            _ => None,
        })
        .filter(|p| selector.matches(&p.metadata.labels) && p.metadata.deletion_timestamp.is_none())
        .collect();
    // Running pods first, as kubectl's ActivePods ordering prefers them.
    pods.sort_by_key(|p| (p.status.phase != PodPhase::Running, p.metadata.name.clone()));
    let Some(first) = pods.first() else {
        return Err(error(format!("no pods found for {}/{name}", r.kind_group())));
    };
    if pods.len() > 1 {
        notes.push(format!("Found {} pods, using pod/{}", pods.len(), first.metadata.name));
    }
    Ok(first)
}

fn pick_container<'p>(
    pod: &'p Pod,
    wanted: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<&'p Container, Failure> {
    match wanted {
        Some(name) => pod
            .spec
            .containers
            .iter()
            .chain(pod.spec.init_containers.iter())
            .find(|c| c.name == name)
            .ok_or_else(|| {
                error(format!("container {name} is not valid for pod {}", pod.metadata.name))
            }),
        None => {
            let first =
                pod.spec.containers.first().ok_or_else(|| error("the pod has no containers"))?;
            if pod.spec.containers.len() > 1 {
                let names: Vec<&str> =
                    pod.spec.containers.iter().map(|c| c.name.as_str()).collect();
                notes.push(format!(
                    "Defaulted container \"{}\" out of: {}",
                    first.name,
                    names.join(", ")
                ));
            }
            Ok(first)
        }
    }
}

/// The API server reaches the kubelet to read logs; a crashed or cut-off node does not answer.
fn unreachable_kubelet(sim: &Sim, pod: &Pod) -> Result<(), Failure> {
    let node = &pod.node_name;
    let ip = sim
        .store()
        .node(node)
        .and_then(|n| n.status.addresses.iter().find(|a| a.type_ == "InternalIP"))
        .map_or_else(|| node.clone(), |a| a.address.clone());
    let url = format!(
        "https://{ip}:10250/containerLogs/{}/{}/{}",
        pod.metadata.namespace,
        pod.metadata.name,
        pod.spec.containers.first().map_or("", |c| c.name.as_str())
    );
    match sim.kubelet_health(node) {
        Some(KubeletHealth::Crashed) => Err(format!(
            "Error from server: Get \"{url}\": dial tcp {ip}:10250: connect: no route to host"
        )),
        Some(KubeletHealth::Partitioned) => {
            Err(format!("Error from server: Get \"{url}\": dial tcp {ip}:10250: i/o timeout"))
        }
        _ => Ok(()),
    }
}
