//! Simulated resource usage for `kubectl top`. The playground runs no metrics-server and no
//! real processes, so usage is derived from what the simulation knows: each running
//! container uses a share of its requests (20–80 % of its CPU request, 40–90 % of its memory
//! request, capped at its limits; a few millicores and MiB when it requests nothing), and a
//! node adds what its kubelet, container runtime and OS use. The shares are drawn from
//! [`SimRng`] seeded by the object's UID (itself drawn from the simulation's seed) and the
//! 15-second metrics window, so the same simulation at the same time shows the same numbers,
//! and the numbers move as time passes, as scraped metrics do.
//!
//! Like metrics-server, a container reports only once it has run for one 15 s window, and a
//! node only while it is Ready and its kubelet answers.

use sim_core::{
    cluster::{KubeletHealth, Sim},
    model::{Container, Node, Pod, PodPhase, ResourceName, pod::ContainerState},
    rng::SimRng,
    time::SimTime,
};

/// metrics-server's default `--metric-resolution`.
pub(crate) const WINDOW_MS: u64 = 15_000;

/// CPU and memory in use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    pub(crate) cpu_millis: i64,
    pub(crate) memory_bytes: i64,
}

impl Usage {
    fn add(&mut self, o: Usage) {
        self.cpu_millis += o.cpu_millis;
        self.memory_bytes += o.memory_bytes;
    }
}

fn rng(uid: u128, salt: &str, now: SimTime) -> SimRng {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in salt.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    let window = now.as_millis() / WINDOW_MS;
    SimRng::new(
        (uid as u64)
            ^ ((uid >> 64) as u64).rotate_left(17)
            ^ h
            ^ window.wrapping_mul(0x9E37_79B9_7F4A_7C15),
    )
}

/// A share of `request` in `lo..=hi` percent, capped at `limit`; `idle` range when unrequested.
fn share(rng: &mut SimRng, request: i64, limit: i64, pct: (u64, u64), idle: (u64, u64)) -> i64 {
    let v = if request > 0 {
        let p = i128::from(rng.range_inclusive(pct.0, pct.1));
        i64::try_from(i128::from(request) * p / 100).unwrap_or(i64::MAX)
    } else {
        rng.range_inclusive(idle.0, idle.1) as i64
    };
    if limit > 0 { v.min(limit) } else { v }
}

fn container_usage(pod: &Pod, c: &Container, now: SimTime) -> Usage {
    let mut r = rng(pod.metadata.uid.0, &c.name, now);
    let req = &c.resources.requests;
    let lim = &c.resources.limits;
    let mem =
        |l: &sim_core::model::ResourceList| l.get(&ResourceName::Memory).map_or(0, |q| q.value());
    Usage {
        cpu_millis: share(&mut r, req.cpu_millis(), lim.cpu_millis(), (20, 80), (1, 5)),
        memory_bytes: share(&mut r, mem(req), mem(lim), (40, 90), (8 << 20, 24 << 20)),
    }
}

/// Per-container usage of a pod, or `None` when metrics-server would have nothing for it.
pub(crate) fn pod_usage(sim: &Sim, pod: &Pod) -> Option<Vec<(String, Usage)>> {
    let now = sim.now();
    if pod.node_name.is_empty()
        || pod.status.phase != PodPhase::Running
        || sim.kubelet_health(&pod.node_name) != Some(KubeletHealth::Up)
    {
        return None;
    }
    let running: Vec<(String, Usage)> = pod
        .spec
        .containers
        .iter()
        .filter_map(|c| {
            let s = pod.status.container_statuses.iter().find(|s| s.name == c.name)?;
            match s.state {
                ContainerState::Running { started_at }
                    if now.millis_since(started_at) >= WINDOW_MS =>
                {
                    Some((c.name.clone(), container_usage(pod, c, now)))
                }
                _ => None,
            }
        })
        .collect();
    (!running.is_empty()).then_some(running)
}

/// The sum over a pod's containers.
pub(crate) fn total(containers: &[(String, Usage)]) -> Usage {
    let mut t = Usage::default();
    for (_, u) in containers {
        t.add(*u);
    }
    t
}

/// A node's usage: its pods plus the system's own, or `None` when it is not Ready or its
/// kubelet does not answer.
pub(crate) fn node_usage(sim: &Sim, node: &Node) -> Option<Usage> {
    let ready = crate::commands::node_ready(node);
    if !ready || sim.kubelet_health(&node.metadata.name) != Some(KubeletHealth::Up) {
        return None;
    }
    let mut r = rng(node.metadata.uid.0, "system", sim.now());
    let mut u = Usage {
        cpu_millis: r.range_inclusive(60, 140) as i64,
        memory_bytes: r.range_inclusive(600 << 20, 900 << 20) as i64,
    };
    let store = sim.store();
    for pod in store.pods_on_node(&node.metadata.name).filter_map(|id| store.pod(id)) {
        if let Some(c) = pod_usage(sim, pod) {
            u.add(total(&c));
        }
    }
    Some(u)
}
