//! The cluster view's model: node cards grouped by pool, with allocation bars and badges, and
//! pod chips coloured by owner and state. Built from the engine's store on every frame that
//! changed it, and cheap to rebuild: each pod's chip and requests are cached by the pod's
//! `resourceVersion`, so only pods that changed are looked at again.

use super::text;
use sim_core::{
    cluster::{KubeletHealth, Sim},
    model::{
        Node, Pod, PodPhase, ResourceName, Uid,
        meta::{LABEL_ARCH, LABEL_NODE_POOL, LABEL_ZONE},
        node::{ConditionStatus, NodeConditionType},
        resources::RESOURCE_NVIDIA_GPU,
    },
    printers::pod::pod_columns,
};
use std::collections::HashMap;

/// Where a pod is in its lifecycle, as the view colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChipState {
    /// Not bound to a node yet.
    Pending,
    /// Bound; pulling images, creating the sandbox or containers, running init containers.
    Creating,
    /// Running but not Ready (probes not passed yet, or failing).
    Starting,
    /// Running and Ready.
    Running,
    /// Being deleted.
    Terminating,
    /// A container keeps crashing and the kubelet is backing off.
    CrashLoop,
    /// Cannot start (image pull errors, config errors) or failed.
    Error,
    /// Finished successfully.
    Succeeded,
    /// Its node stopped reporting.
    Unknown,
}

impl ChipState {
    /// Reads kubectl's STATUS column (and readiness) into a state.
    pub fn from_status(status: &str, phase: PodPhase, bound: bool, ready: bool) -> Self {
        match status {
            "Terminating" => ChipState::Terminating,
            "CrashLoopBackOff" => ChipState::CrashLoop,
            "Completed" | "Succeeded" => ChipState::Succeeded,
            "Unknown" => ChipState::Unknown,
            "Running" if ready => ChipState::Running,
            "Running" => ChipState::Starting,
            "Pending" if !bound => ChipState::Pending,
            "Pending" | "ContainerCreating" | "PodInitializing" => ChipState::Creating,
            s if s.starts_with("Init:") && !s.contains("Err") && !s.contains("BackOff") => {
                ChipState::Creating
            }
            _ if phase == PodPhase::Succeeded => ChipState::Succeeded,
            _ => ChipState::Error,
        }
    }

    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            ChipState::Pending => "st-pending",
            ChipState::Creating => "st-creating",
            ChipState::Starting => "st-starting",
            ChipState::Running => "st-running",
            ChipState::Terminating => "st-terminating",
            ChipState::CrashLoop => "st-crashloop",
            ChipState::Error => "st-error",
            ChipState::Succeeded => "st-succeeded",
            ChipState::Unknown => "st-unknown",
        }
    }

    /// Every state, for the legend.
    pub const ALL: [ChipState; 9] = [
        ChipState::Pending,
        ChipState::Creating,
        ChipState::Starting,
        ChipState::Running,
        ChipState::Terminating,
        ChipState::CrashLoop,
        ChipState::Error,
        ChipState::Succeeded,
        ChipState::Unknown,
    ];

    /// The legend's words.
    pub fn label(self) -> &'static str {
        match self {
            ChipState::Pending => "Pending (not scheduled)",
            ChipState::Creating => "ContainerCreating",
            ChipState::Starting => "Running, not ready",
            ChipState::Running => "Running and ready",
            ChipState::Terminating => "Terminating",
            ChipState::CrashLoop => "CrashLoopBackOff",
            ChipState::Error => "Error (image pull, config)",
            ChipState::Succeeded => "Completed",
            ChipState::Unknown => "Unknown",
        }
    }
}

/// Owner colour classes (`o0` … `o7`); pods without a controller are `o-none`.
pub const OWNER_COLOURS: usize = 8;

/// One pod chip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chip {
    /// The pod.
    pub uid: Uid,
    /// Name.
    pub name: String,
    /// Namespace.
    pub namespace: String,
    /// kubectl's STATUS column.
    pub status: String,
    /// Lifecycle state.
    pub state: ChipState,
    /// The controller (`ReplicaSet/web-7d9c8b6f5`), if any.
    pub owner: Option<String>,
    /// Owner colour index, `None` for bare pods.
    pub colour: Option<u8>,
    /// Node, if bound.
    pub node: String,
}

impl Chip {
    /// The CSS classes for the chip's element.
    pub fn class(&self) -> String {
        match self.colour {
            Some(c) => format!("chip o{c} {}", self.state.class()),
            None => format!("chip o-none {}", self.state.class()),
        }
    }

    /// What a screen reader says for the chip.
    pub fn label(&self) -> String {
        format!("Pod {}, {}", self.name, self.status)
    }
}

/// A requested-versus-allocatable amount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Requested by the pods bound here.
    pub requested: i64,
    /// Allocatable.
    pub allocatable: i64,
}

impl Usage {
    /// Requested as a fraction of allocatable, 0 to 1 (more than 1 is shown full).
    pub fn fraction(self) -> f64 {
        if self.allocatable <= 0 {
            return 0.0;
        }
        (self.requested as f64 / self.allocatable as f64).clamp(0.0, 1.0)
    }
}

/// One node card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeCard {
    /// Name.
    pub name: String,
    /// Node pool label.
    pub pool: String,
    /// `kubernetes.io/arch`.
    pub arch: String,
    /// Zone.
    pub zone: String,
    /// The Ready condition's status as kubectl prints it (`Ready`, `NotReady`, `Unknown`).
    pub ready: &'static str,
    /// The machine: up, crashed, partitioned (`None` for a Node without a kubelet).
    pub health: Option<KubeletHealth>,
    /// `spec.unschedulable`.
    pub cordoned: bool,
    /// Taints as `key=value:Effect`.
    pub taints: Vec<String>,
    /// CPU in millicores.
    pub cpu: Usage,
    /// Memory in bytes.
    pub memory: Usage,
    /// Pods against `pods` allocatable.
    pub pods: Usage,
    /// `nvidia.com/gpu`.
    pub gpus: Usage,
    /// Chips of the pods bound here, by name.
    pub chips: Vec<Uid>,
}

impl NodeCard {
    /// kubectl's STATUS column for the node (`Ready,SchedulingDisabled`).
    pub fn status(&self) -> String {
        if self.cordoned { format!("{},SchedulingDisabled", self.ready) } else { self.ready.into() }
    }

    /// What a screen reader says for the node.
    pub fn label(&self) -> String {
        let mut s = format!(
            "Node {}, {}, {}, {} pods, CPU {} of {} requested, memory {} of {}",
            self.name,
            self.status(),
            self.arch,
            self.pods.requested,
            text::cpu(self.cpu.requested),
            text::cpu(self.cpu.allocatable),
            text::memory(self.memory.requested),
            text::memory(self.memory.allocatable),
        );
        if !self.taints.is_empty() {
            s.push_str(", tainted ");
            s.push_str(&self.taints.join(", "));
        }
        match self.health {
            Some(KubeletHealth::Crashed) => s.push_str(", machine crashed"),
            Some(KubeletHealth::Partitioned) => s.push_str(", cut off from the API server"),
            _ => {}
        }
        s
    }
}

/// Nodes of one pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolGroup {
    /// The pool's name (`node`, `gpu`, `pi`; empty for nodes without the label).
    pub name: String,
    /// What kind of machines: `CPU`, `GPU`, `Raspberry Pi (arm64)`, …
    pub kind: String,
    /// Its nodes, in the order they registered.
    pub nodes: Vec<NodeCard>,
}

/// The whole view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// Pools, in the order their first node registered.
    pub pools: Vec<PoolGroup>,
    /// Pods not bound to any node.
    pub pending: Vec<Uid>,
    /// Pods in total.
    pub pod_count: usize,
}

impl Frame {
    /// Every node card.
    pub fn nodes(&self) -> impl Iterator<Item = &NodeCard> {
        self.pools.iter().flat_map(|p| &p.nodes)
    }

    /// Node cards in total.
    pub fn node_count(&self) -> usize {
        self.pools.iter().map(|p| p.nodes.len()).sum()
    }
}

#[derive(Clone, Debug)]
struct Cached {
    resource_version: u64,
    chip: Chip,
    cpu_millis: i64,
    memory_bytes: i64,
    gpus: i64,
    counts: bool,
}

/// Builds [`Frame`]s, remembering what each pod looked like.
#[derive(Debug, Default)]
pub struct Builder {
    cache: HashMap<Uid, Cached>,
    colours: HashMap<String, u8>,
    seen_version: Option<u64>,
}

impl Builder {
    /// The chip of pod `uid` as of the last build.
    pub fn chip(&self, uid: Uid) -> Option<&Chip> {
        self.cache.get(&uid).map(|c| &c.chip)
    }

    /// Whether the store changed since the last build.
    pub fn is_stale(&self, sim: &Sim) -> bool {
        self.seen_version != Some(sim.store().resource_version())
    }

    /// Forgets everything (after the simulation was replaced).
    pub fn reset(&mut self) {
        self.cache.clear();
        self.seen_version = None;
    }

    /// Builds the frame for the simulation's current state.
    pub fn build(&mut self, sim: &Sim) -> Frame {
        self.seen_version = Some(sim.store().resource_version());
        let now = sim.now();
        let mut live: HashMap<Uid, ()> = HashMap::with_capacity(self.cache.len());
        let mut by_node: HashMap<&str, (Vec<Uid>, i64, i64, i64, i64)> = HashMap::new();
        let mut pending = Vec::new();
        let mut pods: Vec<&Pod> = sim.store().pods().collect();
        pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        for p in &pods {
            let uid = p.metadata.uid;
            live.insert(uid, ());
            let fresh = self
                .cache
                .get(&uid)
                .is_some_and(|c| c.resource_version == p.metadata.resource_version);
            if !fresh {
                let entry = self.describe(p, now);
                self.cache.insert(uid, entry);
            }
            let Some(c) = self.cache.get(&uid) else { continue };
            if p.node_name.is_empty() {
                pending.push(uid);
                continue;
            }
            let slot = by_node.entry(p.node_name.as_str()).or_default();
            slot.0.push(uid);
            if c.counts {
                slot.1 += c.cpu_millis;
                slot.2 += c.memory_bytes;
                slot.3 += c.gpus;
                slot.4 += 1;
            }
        }
        self.cache.retain(|uid, _| live.contains_key(uid));
        let mut pools: Vec<PoolGroup> = Vec::new();
        let mut nodes: Vec<&Node> = sim.store().nodes().collect();
        nodes.sort_by_cached_key(|n| natural_key(&n.metadata.name));
        for n in nodes {
            let (chips, cpu, mem, gpu, count) =
                by_node.remove(n.metadata.name.as_str()).unwrap_or_default();
            let card = node_card(sim, n, chips, cpu, mem, gpu, count);
            match pools.iter_mut().find(|p| p.name == card.pool) {
                Some(pool) => pool.nodes.push(card),
                None => pools.push(PoolGroup {
                    name: card.pool.clone(),
                    kind: pool_kind(&card),
                    nodes: vec![card],
                }),
            }
        }
        // Pools in the order the cluster configuration lists them, added pools after.
        let configured = &sim.config().pools;
        pools.sort_by_cached_key(|p| {
            let i = configured.iter().position(|c| c.name == p.name).unwrap_or(usize::MAX);
            (i, p.name.clone())
        });
        Frame { pools, pending, pod_count: pods.len() }
    }

    fn describe(&mut self, p: &Pod, now: sim_core::time::SimTime) -> Cached {
        let (_, status, _) = pod_columns(p, now);
        let ready = p.status.container_statuses.iter().all(|c| c.ready)
            && !p.status.container_statuses.is_empty();
        let bound = !p.node_name.is_empty();
        let state = ChipState::from_status(&status, p.status.phase, bound, ready);
        let owner = p.metadata.controller_ref().map(|o| format!("{}/{}", o.kind, o.name));
        let colour = owner.as_ref().map(|o| self.colour_of(o));
        let (cpu_millis, memory_bytes, gpus) = requests(p);
        Cached {
            resource_version: p.metadata.resource_version,
            chip: Chip {
                uid: p.metadata.uid,
                name: p.metadata.name.clone(),
                namespace: p.metadata.namespace.clone(),
                status,
                state,
                owner,
                colour,
                node: p.node_name.clone(),
            },
            cpu_millis,
            memory_bytes,
            gpus,
            counts: !matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed),
        }
    }

    /// Owners get colours in the order they are first seen, so the first few workloads are
    /// always told apart.
    fn colour_of(&mut self, owner: &str) -> u8 {
        let next = u8::try_from(self.colours.len() % OWNER_COLOURS).unwrap_or(0);
        *self.colours.entry(owner.to_owned()).or_insert(next)
    }
}

/// A pod's effective requests as the scheduler and kubelet count them: the sum over app
/// containers, or the largest init container if larger, plus the pod overhead (upstream's
/// `PodRequests`).
pub fn requests(p: &Pod) -> (i64, i64, i64) {
    let gpu = ResourceName::from_name(RESOURCE_NVIDIA_GPU);
    let get = |list: &sim_core::model::ResourceList, name: &ResourceName| {
        list.get(name).map_or(0, |q| q.milli_value())
    };
    let names = [ResourceName::Cpu, ResourceName::Memory, gpu];
    let mut out = [0i64; 3];
    for (i, name) in names.iter().enumerate() {
        let app: i64 = p.spec.containers.iter().map(|c| get(&c.resources.requests, name)).sum();
        let init = p.spec.init_containers.iter().map(|c| get(&c.resources.requests, name)).max();
        out[i] = app.max(init.unwrap_or(0)) + get(&p.spec.overhead, name);
    }
    (out[0], out[1] / 1000, out[2] / 1000)
}

fn node_card(
    sim: &Sim,
    n: &Node,
    chips: Vec<Uid>,
    cpu: i64,
    mem: i64,
    gpu: i64,
    count: i64,
) -> NodeCard {
    let label = |k: &str| n.metadata.labels.get(k).unwrap_or("").to_owned();
    let ready = match n
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == NodeConditionType::Ready)
        .map(|c| c.status)
    {
        Some(ConditionStatus::True) => "Ready",
        Some(ConditionStatus::False) => "NotReady",
        // kubectl prints NotReady for Unknown too; the card is more precise.
        Some(ConditionStatus::Unknown) => "Unknown",
        None => "NotReady",
    };
    let alloc = &n.status.allocatable;
    let gpu_name = ResourceName::from_name(RESOURCE_NVIDIA_GPU);
    NodeCard {
        name: n.metadata.name.clone(),
        pool: label(LABEL_NODE_POOL),
        arch: label(LABEL_ARCH),
        zone: label(LABEL_ZONE),
        ready,
        health: sim.kubelet_health(&n.metadata.name),
        cordoned: n.spec.unschedulable,
        taints: n
            .spec
            .taints
            .iter()
            .map(|t| {
                if t.value.is_empty() {
                    format!("{}:{}", t.key, t.effect.as_str())
                } else {
                    format!("{}={}:{}", t.key, t.value, t.effect.as_str())
                }
            })
            .collect(),
        cpu: Usage { requested: cpu, allocatable: alloc.cpu_millis() },
        memory: Usage { requested: mem, allocatable: alloc.memory_bytes() },
        pods: Usage {
            requested: count,
            allocatable: alloc.get(&ResourceName::Pods).map_or(0, |q| q.value()),
        },
        gpus: Usage { requested: gpu, allocatable: alloc.get(&gpu_name).map_or(0, |q| q.value()) },
        chips,
    }
}

/// Sorts `node-2` before `node-10`: the name with its trailing number read as a number.
pub fn natural_key(name: &str) -> (String, u64) {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, number) = name.split_at(name.len() - digits);
    (stem.to_owned(), number.parse().unwrap_or(0))
}

fn pool_kind(card: &NodeCard) -> String {
    if card.gpus.allocatable > 0 {
        "GPU".into()
    } else if card.arch == "arm64" {
        "Raspberry Pi (arm64)".into()
    } else if card.pool.is_empty() {
        "No pool label".into()
    } else {
        format!("CPU ({})", card.arch)
    }
}

#[cfg(test)]
mod tests;
