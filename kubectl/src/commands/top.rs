//! `kubectl top nodes|pods [NAME] [-l sel] [-A] [--containers] [--sort-by=cpu|memory]` with
//! simulated metrics (see [`crate::metrics`]); with [`crate::Session::metrics_api`] off it
//! answers as a cluster without metrics-server does.

use super::{Command, get::selector, objects, parse};
use crate::{
    context::{CmdResult, Ctx, Failure, error},
    flags::{Kind, Spec, long, short},
    metrics::{Usage, node_usage, pod_usage, total},
};
use sim_core::{
    cluster::Sim,
    model::{Node, ResourceName},
    printers::tabwriter,
};

const FLAGS: &[Spec] = &[
    short("all-namespaces", 'A', Kind::Bool),
    short("selector", 'l', Kind::Str),
    long("containers", Kind::Bool),
    long("no-headers", Kind::Bool),
    long("sort-by", Kind::Str),
];

pub(crate) const COMMAND: Command = Command {
    name: "top",
    summary: "Display resource (CPU/memory) usage (simulated)",
    usage: "kubectl top (node | pod) [NAME | -l label] [--containers] [--sort-by=cpu|memory]",
    flags: FLAGS,
    run,
};

const NOTE: &str = "(simulated metrics: usage derived from requests with seeded variation; this playground runs no metrics-server)";

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(kind) = args.first().filter(|a| !a.starts_with('-')).cloned() else {
        let Some(_f) = parse(ctx, "top", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
        return Err(super::usage_error("top", "a resource is required: top node or top pod"));
    };
    let nodes = matches!(kind.as_str(), "node" | "nodes" | "no");
    let pods = matches!(kind.as_str(), "pod" | "pods" | "po");
    if !nodes && !pods {
        return Err(super::not_supported(&format!("top {kind}")));
    }
    let path = if nodes { "top node" } else { "top pod" };
    let Some(flags) = parse(ctx, path, COMMAND.usage, FLAGS, &args[1..])? else { return Ok(()) };
    let sort = flags.string("sort-by").unwrap_or("");
    if !matches!(sort, "" | "cpu" | "memory") {
        return Err(error("--sort-by accepts only cpu or memory"));
    }
    if !ctx.session.metrics_api {
        return Err(error("Metrics API not available"));
    }
    let ns = ctx.namespace(&flags);
    let text = if nodes {
        top_nodes(ctx.sim, &flags, sort)?
    } else {
        top_pods(ctx.sim, &flags, &ns, sort)?
    };
    if text.is_empty() {
        ctx.eprint(&super::get::no_resources(flags.bool("all-namespaces"), &ns));
    } else {
        ctx.eprint(NOTE);
        ctx.print_raw(&text);
    }
    Ok(())
}

fn cpu(u: Usage) -> String {
    format!("{}m", u.cpu_millis)
}

fn mem(u: Usage) -> String {
    format!("{}Mi", u.memory_bytes / (1024 * 1024))
}

/// `int64(float64(used) / float64(available) * 100)`.
fn percent(used: i64, available: i64) -> i64 {
    if available == 0 { 0 } else { (used as f64 / available as f64 * 100.0) as i64 }
}

fn sort_usage<T>(rows: &mut [(T, Usage)], sort: &str) {
    match sort {
        "cpu" => rows.sort_by_key(|r| std::cmp::Reverse(r.1.cpu_millis)),
        "memory" => rows.sort_by_key(|r| std::cmp::Reverse(r.1.memory_bytes)),
        _ => {}
    }
}

fn top_nodes(sim: &Sim, flags: &crate::flags::Parsed, sort: &str) -> Result<String, Failure> {
    let sel = selector(flags.string("selector"))?;
    let store = sim.store();
    let mut nodes: Vec<&Node> = match flags.positional.first() {
        Some(name) => {
            vec![store.node(name).ok_or_else(|| objects::not_found(crate::Resource::Nodes, name))?]
        }
        None => store.nodes().filter(|n| sel.matches(&n.metadata.labels)).collect(),
    };
    nodes.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let mut with: Vec<(&Node, Usage)> = Vec::new();
    let mut without: Vec<&Node> = Vec::new();
    for n in nodes {
        match node_usage(sim, n) {
            Some(u) => with.push((n, u)),
            None => without.push(n),
        }
    }
    if with.is_empty() {
        return Err(error("metrics not available yet"));
    }
    sort_usage(&mut with, sort);
    let mut text = String::new();
    if !flags.bool("no-headers") {
        text.push_str("NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n");
    }
    for (n, u) in with {
        let alloc = &n.status.allocatable;
        let mem_alloc = alloc.get(&ResourceName::Memory).map_or(0, |q| q.milli_value());
        text.push_str(&format!(
            "{}\t{}\t{}%\t{}\t{}%\t\n",
            n.metadata.name,
            cpu(u),
            percent(u.cpu_millis, alloc.cpu_millis()),
            mem(u),
            percent(u.memory_bytes.saturating_mul(1000), mem_alloc),
        ));
    }
    for n in without {
        text.push_str(&format!(
            "{}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n",
            n.metadata.name
        ));
    }
    Ok(tabwriter::align(&text, 6, 3))
}

fn top_pods(
    sim: &Sim,
    flags: &crate::flags::Parsed,
    ns: &str,
    sort: &str,
) -> Result<String, Failure> {
    let sel = selector(flags.string("selector"))?;
    let all_ns = flags.bool("all-namespaces");
    let store = sim.store();
    let named = flags.positional.first();
    let pods: Vec<_> = match named {
        Some(name) => match store.pod_by_name(ns, name) {
            Some(p) => vec![p],
            None => return Err(metrics_not_found(ns, name)),
        },
        None => objects::list(store, crate::Resource::Pods, (!all_ns).then_some(ns))
            .into_iter()
            .filter_map(|o| match o {
                objects::Obj::Pod(p) if sel.matches(&p.metadata.labels) => Some(p),
                _ => None,
            })
            .collect(),
    };
    if pods.is_empty() {
        return Ok(String::new());
    }
    let mut measured: Vec<(&sim_core::model::Pod, Vec<(String, Usage)>)> =
        pods.iter().filter_map(|p| pod_usage(sim, p).map(|u| (*p, u))).collect();
    if measured.is_empty() {
        return match named {
            Some(name) => Err(metrics_not_found(ns, name)),
            None => Err(error("metrics not available yet")),
        };
    }
    let containers = flags.bool("containers");
    let mut rows: Vec<(Vec<String>, Usage)> = Vec::new();
    for (p, usage) in measured.drain(..) {
        let ns_cell = all_ns.then(|| p.metadata.namespace.clone());
        if containers {
            for (c, u) in usage {
                let mut cells: Vec<String> = ns_cell.iter().cloned().collect();
                cells.extend([p.metadata.name.clone(), c]);
                rows.push((cells, u));
            }
        } else {
            let mut cells: Vec<String> = ns_cell.into_iter().collect();
            cells.push(p.metadata.name.clone());
            rows.push((cells, total(&usage)));
        }
    }
    sort_usage(&mut rows, sort);
    let mut text = String::new();
    if !flags.bool("no-headers") {
        if all_ns {
            text.push_str("NAMESPACE\t");
        }
        if containers {
            text.push_str("POD\t");
        }
        text.push_str("NAME\tCPU(cores)\tMEMORY(bytes)\t\n");
    }
    for (cells, u) in rows {
        text.push_str(&format!("{}\t{}\t{}\t\n", cells.join("\t"), cpu(u), mem(u)));
    }
    Ok(tabwriter::align(&text, 6, 3))
}

fn metrics_not_found(ns: &str, name: &str) -> Failure {
    format!("Error from server (NotFound): podmetrics.metrics.k8s.io \"{ns}/{name}\" not found")
}
