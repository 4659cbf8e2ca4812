//! The cluster view's model: node cards grouped by pool, with allocation bars and badges, and
//! pod chips coloured by owner and state. Built from the engine's store on every frame that
//! changed it, and cheap to rebuild: each pod's chip and requests are cached by the pod's
//! `resourceVersion`, so only pods that changed are looked at again.

use super::{fasthash::FastMap, text};
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
    /// Changes whenever `chips` or one of those pods changes (a digest of their uids and
    /// `resourceVersion`s), so the view can skip a node whose chips are as they were.
    pub chips_version: u64,
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
    /// Like [`NodeCard::chips_version`], for `pending`.
    pub pending_version: u64,
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

/// What the pods bound to one node add up to.
#[derive(Clone, Debug, Default)]
struct Bound {
    chips: Vec<Uid>,
    version: u64,
    cpu_millis: i64,
    memory_bytes: i64,
    gpus: i64,
    pods: i64,
}

/// Folds a pod's uid and `resourceVersion` into a running digest (FNV-1a over the words):
/// equal lists give equal digests; a collision between different ones is vanishingly rare,
/// and would only leave a chip a frame behind until the node changes again.
fn digest(h: u64, uid: Uid, resource_version: u64) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let start = if h == 0 { 0xcbf2_9ce4_8422_2325 } else { h };
    [uid.0 as u64, (uid.0 >> 64) as u64, resource_version]
        .into_iter()
        .fold(start, |h, w| (h ^ w).wrapping_mul(PRIME))
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
///
/// Runs on every frame the store changed, so nothing here hashes or sorts per pod: the
/// store lists pods in uid order, and the builder keeps its entries in that same order, so a
/// frame walks the two side by side and looks again only at pods whose `resourceVersion`
/// moved. Sorting by name and grouping by node happen only when pods came, went or changed.
#[derive(Debug, Default)]
pub struct Builder {
    /// Uids in the store's (ascending) order, and each pod's entry at the same index.
    uids: Vec<Uid>,
    entries: Vec<Cached>,
    colours: HashMap<String, u8>,
    seen_version: Option<u64>,
    /// Indexes into `entries`, by pod name.
    by_name: Vec<usize>,
    /// The pods grouped by node, and the unbound ones (most frames only see node heartbeats,
    /// which change neither).
    bound: FastMap<String, Bound>,
    pending: Bound,
}

impl Builder {
    /// The chip of pod `uid` as of the last build.
    pub fn chip(&self, uid: Uid) -> Option<&Chip> {
        self.entry(uid).map(|c| &c.chip)
    }

    /// The chip of pod `uid` and the `resourceVersion` it was built from: the chip is the
    /// same as long as that is.
    pub fn chip_version(&self, uid: Uid) -> Option<(&Chip, u64)> {
        self.entry(uid).map(|c| (&c.chip, c.resource_version))
    }

    fn entry(&self, uid: Uid) -> Option<&Cached> {
        let i = self.uids.binary_search(&uid).ok()?;
        self.entries.get(i)
    }

    /// Every pod of the last build, by name.
    pub fn chips_by_name(&self) -> impl Iterator<Item = &Chip> {
        self.by_name.iter().filter_map(|i| self.entries.get(*i)).map(|c| &c.chip)
    }

    /// Whether the store changed since the last build.
    pub fn is_stale(&self, sim: &Sim) -> bool {
        self.seen_version != Some(sim.store().resource_version())
    }

    /// Forgets everything (after the simulation was replaced).
    pub fn reset(&mut self) {
        self.uids.clear();
        self.entries.clear();
        self.seen_version = None;
        self.by_name.clear();
        self.bound.clear();
        self.pending = Bound::default();
    }

    /// Builds the frame for the simulation's current state.
    pub fn build(&mut self, sim: &Sim) -> Frame {
        let store = sim.store();
        self.seen_version = Some(store.resource_version());
        let now = sim.now();
        let same_set = store.pod_count() == self.uids.len()
            && store.pods().zip(&self.uids).all(|(p, uid)| p.metadata.uid == *uid);
        let mut changed = false;
        if same_set {
            for (p, entry) in store.pods().zip(self.entries.iter_mut()) {
                if entry.resource_version != p.metadata.resource_version {
                    *entry = describe(&mut self.colours, p, now);
                    changed = true;
                }
            }
        } else {
            self.merge(sim);
            let mut order: Vec<usize> = (0..self.entries.len()).collect();
            order.sort_by(|a, b| {
                let name = |i: &usize| self.entries.get(*i).map(|c| c.chip.name.as_str());
                name(a).cmp(&name(b))
            });
            self.by_name = order;
        }
        if changed || !same_set {
            self.group();
        }
        let mut pools: Vec<PoolGroup> = Vec::new();
        let mut nodes: Vec<&Node> = store.nodes().collect();
        nodes.sort_by_cached_key(|n| natural_key(&n.metadata.name));
        for n in nodes {
            let bound = self.bound.get(n.metadata.name.as_str());
            let card = node_card(sim, n, bound);
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
        Frame {
            pools,
            pending: self.pending.chips.clone(),
            pending_version: self.pending.version,
            pod_count: self.by_name.len(),
        }
    }

    /// Pods came or went: walks the old entries and the store together (both in uid order),
    /// keeping the entries of pods that are still there and unchanged.
    fn merge(&mut self, sim: &Sim) {
        let now = sim.now();
        let old_uids = std::mem::take(&mut self.uids);
        let mut old: Vec<Option<Cached>> =
            std::mem::take(&mut self.entries).into_iter().map(Some).collect();
        let mut j = 0;
        for p in sim.store().pods() {
            let uid = p.metadata.uid;
            while old_uids.get(j).is_some_and(|u| *u < uid) {
                j += 1;
            }
            let kept = if old_uids.get(j) == Some(&uid) {
                old.get_mut(j)
                    .and_then(Option::take)
                    .filter(|c| c.resource_version == p.metadata.resource_version)
            } else {
                None
            };
            self.uids.push(uid);
            self.entries.push(kept.unwrap_or_else(|| describe(&mut self.colours, p, now)));
        }
    }

    /// Groups the pods by node, in name order, with what they request.
    fn group(&mut self) {
        self.bound.clear();
        self.pending = Bound::default();
        for i in &self.by_name {
            let Some(c) = self.entries.get(*i) else { continue };
            let slot = if c.chip.node.is_empty() {
                &mut self.pending
            } else if let Some(slot) = self.bound.get_mut(c.chip.node.as_str()) {
                slot
            } else {
                self.bound.entry(c.chip.node.clone()).or_default()
            };
            slot.chips.push(c.chip.uid);
            slot.version = digest(slot.version, c.chip.uid, c.resource_version);
            if c.counts {
                slot.cpu_millis += c.cpu_millis;
                slot.memory_bytes += c.memory_bytes;
                slot.gpus += c.gpus;
                slot.pods += 1;
            }
        }
    }
}

fn describe(colours: &mut HashMap<String, u8>, p: &Pod, now: sim_core::time::SimTime) -> Cached {
    let (_, status, _) = pod_columns(p, now);
    let ready = p.status.container_statuses.iter().all(|c| c.ready)
        && !p.status.container_statuses.is_empty();
    let bound = !p.node_name.is_empty();
    let state = ChipState::from_status(&status, p.status.phase, bound, ready);
    let owner = p.metadata.controller_ref().map(|o| format!("{}/{}", o.kind, o.name));
    let colour = owner.as_ref().map(|o| colour_of(colours, o));
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
fn colour_of(colours: &mut HashMap<String, u8>, owner: &str) -> u8 {
    let next = u8::try_from(colours.len() % OWNER_COLOURS).unwrap_or(0);
    *colours.entry(owner.to_owned()).or_insert(next)
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

fn node_card(sim: &Sim, n: &Node, bound: Option<&Bound>) -> NodeCard {
    let empty = Bound::default();
    let bound = bound.unwrap_or(&empty);
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
        cpu: Usage { requested: bound.cpu_millis, allocatable: alloc.cpu_millis() },
        memory: Usage { requested: bound.memory_bytes, allocatable: alloc.memory_bytes() },
        pods: Usage {
            requested: bound.pods,
            allocatable: alloc.get(&ResourceName::Pods).map_or(0, |q| q.value()),
        },
        gpus: Usage {
            requested: bound.gpus,
            allocatable: alloc.get(&gpu_name).map_or(0, |q| q.value()),
        },
        chips: bound.chips.clone(),
        chips_version: bound.version,
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
