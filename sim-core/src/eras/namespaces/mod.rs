//! What each container in a pod sees: a model of the pod's Linux namespaces.
//!
//! Contract: deterministic from a seed (node name, IP addresses, namespace inode numbers, PIDs
//! and the debug container's name all come from [`SimRng`]); no I/O. [`Pod::new`] builds a
//! pod from a [`Preset`] and [`Options`] the way the kubelet and containerd do: the sandbox
//! (pause) holds the network, IPC and UTS namespaces that every container joins; each
//! container gets its own mount namespace and, unless `shareProcessNamespace` is set, its own
//! PID namespace; the user namespace is the node's (`hostUsers` defaults to true);
//! `hostNetwork` gives the node's network and UTS namespaces. [`Pod::attach_debug`] adds an
//! ephemeral container as `kubectl debug -it POD --image=busybox:1.37 [--target=C]` does, and
//! [`Pod::exec`] runs a few BusyBox commands (`ps`, `ls`, `cat`, `ip a`, `wget`…) against the
//! model, so what a command prints follows from the namespaces, never from a script.
//!
//! Simplified: one node and one pod; only the six namespaces a pod spec can affect (cgroup
//! and time are left to the runtime); `hostPID`, `hostIPC` and `hostUsers: false` are not
//! offered; files are a handful per image; the shell has no working directory (paths are
//! taken from `/`).

mod presets;
mod shell;
pub mod sources;

pub use shell::{COMMANDS, ExecResult, MAX_LINE_BYTES};

use crate::rng::SimRng;

/// The pods the lessons use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// An app and a log-shipper sidecar sharing an `emptyDir` volume.
    Sidecar,
    /// A distroless app with no shell, to be debugged with an ephemeral container.
    DistrolessDebug,
}

impl Preset {
    /// The name used in lesson directives.
    pub fn id(self) -> &'static str {
        match self {
            Preset::Sidecar => "sidecar",
            Preset::DistrolessDebug => "distroless-debug",
        }
    }

    /// The preset named `id`.
    pub fn from_id(id: &str) -> Option<Self> {
        [Preset::Sidecar, Preset::DistrolessDebug].into_iter().find(|p| p.id() == id.trim())
    }

    fn spec(self) -> &'static PodSpec {
        match self {
            Preset::Sidecar => &presets::SIDECAR,
            Preset::DistrolessDebug => &presets::DISTROLESS,
        }
    }
}

/// The namespace kinds a pod spec can affect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NsKind {
    /// Interfaces, addresses, routes, ports.
    Network,
    /// System V IPC and POSIX message queues.
    Ipc,
    /// Hostname.
    Uts,
    /// Process IDs.
    Pid,
    /// Mounts: the root file system.
    Mount,
    /// User and group IDs.
    User,
}

impl NsKind {
    /// All six, in table order.
    pub const ALL: [NsKind; 6] =
        [NsKind::Network, NsKind::Ipc, NsKind::Uts, NsKind::Pid, NsKind::Mount, NsKind::User];

    /// The name in `/proc/PID/ns/`.
    pub fn proc_name(self) -> &'static str {
        match self {
            NsKind::Network => "net",
            NsKind::Ipc => "ipc",
            NsKind::Uts => "uts",
            NsKind::Pid => "pid",
            NsKind::Mount => "mnt",
            NsKind::User => "user",
        }
    }

    fn index(self) -> usize {
        match self {
            NsKind::Network => 0,
            NsKind::Ipc => 1,
            NsKind::Uts => 2,
            NsKind::Pid => 3,
            NsKind::Mount => 4,
            NsKind::User => 5,
        }
    }

    /// The inode number of the node's own (initial) namespace of this kind. IPC, UTS, user and
    /// PID use the kernel's fixed `PROC_*_INIT_INO` values; network and mount are allocated at
    /// boot and shown with typical values.
    fn node_inode(self) -> u64 {
        match self {
            NsKind::Network => 4_026_531_840,
            NsKind::Ipc => 4_026_531_839,
            NsKind::Uts => 4_026_531_838,
            NsKind::Pid => 4_026_531_836,
            NsKind::Mount => 4_026_531_841,
            NsKind::User => 4_026_531_837,
        }
    }
}

/// Whose namespace a container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The node's own namespace.
    Node,
    /// The pod sandbox's, shared by the pod's containers.
    Pod,
    /// The container's own.
    Container,
    /// Another container's, joined with `kubectl debug --target`.
    Target,
}

/// A container image, reduced to what the explorer shows.
#[derive(Debug, PartialEq, Eq)]
pub struct Image {
    /// The image reference.
    pub reference: &'static str,
    /// Whether it has `/bin/sh` and BusyBox tools.
    pub has_shell: bool,
    /// Top-level directories of its root file system.
    pub top: &'static [&'static str],
    /// Files (absolute path, contents).
    pub files: &'static [(&'static str, &'static str)],
    /// User names in its `/etc/passwd`, for `ps`.
    pub users: &'static [(u32, &'static str)],
}

/// A port a container serves on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Listener {
    /// TCP port.
    pub port: u16,
    /// The path it answers.
    pub path: &'static str,
    /// What it answers.
    pub body: &'static str,
}

/// A System V shared-memory segment a container creates at start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Its IPC key.
    pub key: u32,
    /// Owner's user ID.
    pub owner: u32,
    /// Permission bits, as `ipcs` prints them.
    pub perms: u32,
    /// Size in bytes.
    pub bytes: u64,
    /// Processes attached.
    pub attached: u32,
}

/// One container of a preset pod.
#[derive(Debug, PartialEq, Eq)]
pub struct ContainerSpec {
    /// Its name.
    pub name: &'static str,
    /// Its image.
    pub image: &'static Image,
    /// Processes (user ID, command line), the entrypoint first.
    pub processes: &'static [(u32, &'static str)],
    /// What it serves, if anything.
    pub listens: Option<Listener>,
    /// Volume mounts (path in the container, volume name).
    pub mounts: &'static [(&'static str, &'static str)],
    /// Shared-memory segments it creates.
    pub segments: &'static [Segment],
}

/// A pod volume.
#[derive(Debug, PartialEq, Eq)]
pub struct Volume {
    /// Its name.
    pub name: &'static str,
    /// Files in it (name, contents).
    pub files: &'static [(&'static str, &'static str)],
}

/// A preset pod's spec.
#[derive(Debug, PartialEq, Eq)]
pub struct PodSpec {
    /// The pod's name (and hostname).
    pub name: &'static str,
    /// Its containers.
    pub containers: &'static [ContainerSpec],
    /// Its volumes.
    pub volumes: &'static [Volume],
}

/// The pod-spec switches the explorer offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `spec.shareProcessNamespace`.
    pub share_process_namespace: bool,
    /// `spec.hostNetwork`.
    pub host_network: bool,
}

/// A `kubectl debug --profile`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// The default from kubectl 1.35: adds `SYS_PTRACE` to an ephemeral container.
    General,
    /// The default before 1.35: no extra capabilities.
    Legacy,
}

impl Profile {
    /// The flag value.
    pub fn id(self) -> &'static str {
        match self {
            Profile::General => "general",
            Profile::Legacy => "legacy",
        }
    }
}

/// Regular or ephemeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    /// Declared in the pod spec.
    Regular,
    /// Added with `kubectl debug`.
    Ephemeral {
        /// The container named by `--target`, if any.
        target: Option<usize>,
        /// The profile it was created with.
        profile: Profile,
    },
}

/// One running container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Container {
    /// Its name.
    pub name: String,
    /// Its image.
    pub image: &'static Image,
    /// Regular or ephemeral.
    pub kind: ContainerKind,
    spec: Option<&'static ContainerSpec>,
    /// Index into `Pod::namespaces` per [`NsKind::index`].
    ns: [usize; 6],
    /// User ID of its main process.
    uid: u32,
}

impl Container {
    /// Whether it was added with `kubectl debug`.
    pub fn is_ephemeral(&self) -> bool {
        matches!(self.kind, ContainerKind::Ephemeral { .. })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Namespace {
    kind: NsKind,
    inode: u64,
    scope: Scope,
}

/// Who a process belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The pod sandbox's pause process.
    Pause,
    /// A container (index).
    Container(usize),
}

/// A process as `ps` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Process {
    /// PID inside its PID namespace.
    pub pid: u32,
    /// User ID.
    pub uid: u32,
    /// CPU time, as `ps` prints it.
    pub time: String,
    /// Command line.
    pub command: String,
    /// Whose it is.
    pub owner: Owner,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct PidSpace {
    inode: u64,
    next_pid: u32,
    processes: Vec<Process>,
}

/// A network interface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    /// Index.
    pub index: u32,
    /// Name (`eth0@if17`).
    pub name: String,
    /// Flags as `ip` prints them.
    pub flags: &'static str,
    /// MTU.
    pub mtu: u32,
    /// IPv4 address with prefix, if any.
    pub inet: Option<String>,
}

/// What a debug container has found so far (for the Try it task).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Findings {
    /// Containers whose processes its `ps` listed.
    pub saw_processes_of: Vec<usize>,
    /// Containers from whose root file system it read a file through `/proc/PID/root`.
    pub read_files_of: Vec<usize>,
}

/// Why `kubectl debug` was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DebugError {
    /// `--target` names no regular container of the pod.
    NoSuchContainer(usize),
    /// The explorer's limit on debug containers per pod ([`MAX_EPHEMERAL`]).
    TooMany,
}

impl std::fmt::Display for DebugError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DebugError::NoSuchContainer(i) => write!(f, "no container number {i} to target"),
            DebugError::TooMany => {
                write!(f, "this explorer keeps at most {MAX_EPHEMERAL} debug containers per pod")
            }
        }
    }
}

/// Debug containers one pod may collect in the explorer (each stays until the pod is deleted).
pub const MAX_EPHEMERAL: usize = 4;

/// What `kubectl debug` printed and which container it added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attached {
    /// Index of the new container.
    pub index: usize,
    /// The command, as typed.
    pub command: String,
    /// What kubectl printed.
    pub output: Vec<String>,
}

/// A row of the namespace table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NsRow {
    /// The namespace kind.
    pub kind: NsKind,
    /// Per container (in [`Pod::containers`] order): inode number and how it got it.
    pub cells: Vec<(u64, Scope)>,
}

impl NsRow {
    /// Whether every container is in the same namespace of this kind.
    pub fn all_shared(&self) -> bool {
        self.cells.windows(2).all(|w| w[0].0 == w[1].0)
    }
}

/// A pod on one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pod {
    spec: &'static PodSpec,
    options: Options,
    rng: SimRng,
    node_name: String,
    node_ip: [u8; 4],
    pod_ip: [u8; 4],
    next_inode: u64,
    namespaces: Vec<Namespace>,
    containers: Vec<Container>,
    pid_spaces: Vec<PidSpace>,
    findings: Vec<Findings>,
    /// The pause process's namespaces, per [`NsKind::index`].
    pause_ns: [usize; 6],
}

/// The node's kernel release, which every container on it reports.
pub const NODE_KERNEL_RELEASE: &str = "6.8.0-52-generic";

impl Pod {
    /// The preset pod, created with `options`, on a node and with addresses drawn from `seed`.
    pub fn new(preset: Preset, options: Options, seed: u64) -> Pod {
        let mut rng = SimRng::new(seed);
        let node = rng.range_inclusive(1, 3) as u8;
        let host = rng.range_inclusive(2, 250) as u8;
        let mut pod = Pod {
            spec: preset.spec(),
            options,
            node_name: format!("worker-{node}"),
            node_ip: [192, 168, 10, 10 + node],
            pod_ip: [10, 244, node, host],
            next_inode: 4_026_532_100 + rng.below(800),
            rng,
            namespaces: Vec::new(),
            containers: Vec::new(),
            pid_spaces: Vec::new(),
            findings: Vec::new(),
            pause_ns: [0; 6],
        };
        pod.create();
        pod
    }

    fn new_ns(&mut self, kind: NsKind, scope: Scope) -> usize {
        let inode = match scope {
            Scope::Node => kind.node_inode(),
            _ => {
                // The kernel hands out namespace inodes from one counter, so they rise in
                // creation order with small gaps (other namespaces created meanwhile).
                self.next_inode += self.rng.range_inclusive(1, 3);
                self.next_inode
            }
        };
        self.namespaces.push(Namespace { kind, inode, scope });
        self.namespaces.len() - 1
    }

    /// Starts a process in PID namespace `ns`: PIDs rise with small gaps, as other short-lived
    /// processes (runc's init, probes) take numbers in between.
    fn spawn(&mut self, ns: usize, uid: u32, command: &str, owner: Owner) -> u32 {
        let gap = self.rng.range_inclusive(3, 7) as u32;
        let seconds = self.rng.below(10);
        let Some(inode) = self.namespaces.get(ns).map(|n| n.inode) else { return 0 };
        let space = match self.pid_spaces.iter().position(|s| s.inode == inode) {
            Some(i) => i,
            None => {
                self.pid_spaces.push(PidSpace { inode, next_pid: 1, processes: Vec::new() });
                self.pid_spaces.len() - 1
            }
        };
        let Some(s) = self.pid_spaces.get_mut(space) else { return 0 };
        let pid = s.next_pid;
        s.next_pid = pid.saturating_add(if pid == 1 { gap - 1 } else { gap });
        let time = format!("0:{seconds:02}");
        s.processes.push(Process { pid, uid, time, command: command.to_owned(), owner });
        pid
    }

    fn create(&mut self) {
        let host_net = self.options.host_network;
        let net_scope = if host_net { Scope::Node } else { Scope::Pod };
        let net = self.new_ns(NsKind::Network, net_scope);
        let ipc = self.new_ns(NsKind::Ipc, Scope::Pod);
        let uts = self.new_ns(NsKind::Uts, net_scope);
        let user = self.new_ns(NsKind::User, Scope::Node);
        // The pause process: PID 1 of the pod's PID namespace when it is shared, otherwise of
        // a namespace of its own that no container sees.
        let pause_scope =
            if self.options.share_process_namespace { Scope::Pod } else { Scope::Container };
        let pod_pid = self.new_ns(NsKind::Pid, pause_scope);
        let pause_mnt = self.new_ns(NsKind::Mount, Scope::Container);
        self.pause_ns = [net, ipc, uts, pod_pid, pause_mnt, user];
        self.spawn(pod_pid, 65535, "/pause", Owner::Pause);
        for spec in self.spec.containers {
            let mnt = self.new_ns(NsKind::Mount, Scope::Container);
            let pid = if self.options.share_process_namespace {
                pod_pid
            } else {
                self.new_ns(NsKind::Pid, Scope::Container)
            };
            let index = self.containers.len();
            for (uid, command) in spec.processes {
                self.spawn(pid, *uid, command, Owner::Container(index));
            }
            self.containers.push(Container {
                name: spec.name.to_owned(),
                image: spec.image,
                kind: ContainerKind::Regular,
                spec: Some(spec),
                ns: [net, ipc, uts, pid, mnt, user],
                uid: spec.processes.first().map_or(0, |p| p.0),
            });
            self.findings.push(Findings::default());
        }
    }

    /// The preset's spec.
    pub fn spec(&self) -> &'static PodSpec {
        self.spec
    }

    /// The options it was created with.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The node it runs on.
    pub fn node_name(&self) -> &str {
        &self.node_name
    }

    /// Its IP address (the node's with `hostNetwork`).
    pub fn ip(&self) -> String {
        let [a, b, c, d] = if self.options.host_network { self.node_ip } else { self.pod_ip };
        format!("{a}.{b}.{c}.{d}")
    }

    /// Containers, regular first, then ephemeral in the order they were added.
    pub fn containers(&self) -> &[Container] {
        &self.containers
    }

    /// What debug container `index` has found.
    pub fn findings(&self, index: usize) -> Option<&Findings> {
        self.findings.get(index)
    }

    fn ns_of(&self, container: usize, kind: NsKind) -> Option<&Namespace> {
        self.ns_of_owner(Owner::Container(container), kind)
    }

    fn ns_of_owner(&self, owner: Owner, kind: NsKind) -> Option<&Namespace> {
        let ns = match owner {
            Owner::Pause => self.pause_ns,
            Owner::Container(c) => self.containers.get(c)?.ns,
        };
        self.namespaces.get(*ns.get(kind.index())?)
    }

    /// The namespace table: one row per kind, one cell per container.
    pub fn table(&self) -> Vec<NsRow> {
        NsKind::ALL
            .iter()
            .map(|&kind| NsRow {
                kind,
                cells: (0..self.containers.len())
                    .filter_map(|c| self.ns_of(c, kind).map(|n| (n.inode, n.scope)))
                    .collect(),
            })
            .collect()
    }

    /// `kubectl debug -it POD --image=busybox:1.37 [--target=NAME] [--profile=...]`: adds an
    /// ephemeral container in the pod's network, IPC and UTS namespaces, with its own mount
    /// namespace and — with a target — the target's PID namespace.
    pub fn attach_debug(
        &mut self,
        target: Option<usize>,
        profile: Profile,
    ) -> Result<Attached, DebugError> {
        if self.containers.iter().filter(|c| c.is_ephemeral()).count() >= MAX_EPHEMERAL {
            return Err(DebugError::TooMany);
        }
        let target_name = match target {
            Some(t) => match self.containers.get(t) {
                Some(c) if !c.is_ephemeral() => Some(c.name.clone()),
                _ => return Err(DebugError::NoSuchContainer(t)),
            },
            None => None,
        };
        let first = self.containers.first().map(|c| c.ns).unwrap_or_default();
        let [net, ipc, uts, _, _, user] = first;
        let mnt = self.new_ns(NsKind::Mount, Scope::Container);
        let pid = match (target, self.options.share_process_namespace) {
            (Some(t), _) => self.joined_pid_ns(t),
            (None, true) => first[NsKind::Pid.index()],
            (None, false) => self.new_ns(NsKind::Pid, Scope::Container),
        };
        let name = self.debugger_name();
        let index = self.containers.len();
        self.spawn(pid, 0, "sh", Owner::Container(index));
        self.containers.push(Container {
            name: name.clone(),
            image: &presets::BUSYBOX,
            kind: ContainerKind::Ephemeral { target, profile },
            spec: None,
            ns: [net, ipc, uts, pid, mnt, user],
            uid: 0,
        });
        self.findings.push(Findings::default());
        Ok(self.debug_transcript(index, name, target_name, profile))
    }

    /// The PID namespace an ephemeral container targeting `t` joins: `t`'s own. The table
    /// marks it as joined unless it is already the pod's shared one.
    fn joined_pid_ns(&mut self, t: usize) -> usize {
        let Some(ns) = self.containers.get(t).map(|c| c.ns[NsKind::Pid.index()]) else {
            return 0;
        };
        match self.namespaces.get(ns).copied() {
            Some(n) if n.scope != Scope::Pod => {
                // The same namespace (same inode), recorded again so its cell says "joined".
                self.namespaces.push(Namespace { scope: Scope::Target, ..n });
                self.namespaces.len() - 1
            }
            _ => ns,
        }
    }

    fn debugger_name(&mut self) -> String {
        // kubectl names debug containers "debugger-" plus five characters from this alphabet
        // (k8s.io/apimachinery's rand.String).
        const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        let suffix: String = (0..5)
            .filter_map(|_| ALPHABET.get(self.rng.below(ALPHABET.len() as u64) as usize))
            .map(|b| char::from(*b))
            .collect();
        format!("debugger-{suffix}")
    }

    fn debug_transcript(
        &self,
        index: usize,
        name: String,
        target: Option<String>,
        profile: Profile,
    ) -> Attached {
        let mut command = format!("kubectl debug -it {} --image=busybox:1.37", self.spec.name);
        if let Some(t) = &target {
            command.push_str(&format!(" --target={t}"));
        }
        if profile == Profile::Legacy {
            command.push_str(" --profile=legacy");
        }
        let mut output = Vec::new();
        if let Some(t) = target {
            output.push(format!(
                "Targeting container \"{t}\". If you don't see processes from this container it may be because the container runtime doesn't support this feature."
            ));
        }
        output.push(format!("Defaulting debug container name to {name}."));
        output.push("If you don't see a command prompt, try pressing enter.".to_owned());
        Attached { index, command, output }
    }

    /// Processes container `c` can see, by PID.
    pub fn visible_processes(&self, c: usize) -> Vec<Process> {
        let Some(inode) = self.ns_of(c, NsKind::Pid).map(|n| n.inode) else {
            return Vec::new();
        };
        let mut list: Vec<Process> = self
            .pid_spaces
            .iter()
            .filter(|s| s.inode == inode)
            .flat_map(|s| s.processes.iter().cloned())
            .collect();
        list.sort_by_key(|p| p.pid);
        list
    }

    /// The hostname container `c` sees.
    pub fn hostname(&self, c: usize) -> String {
        match self.ns_of(c, NsKind::Uts).map(|n| n.scope) {
            Some(Scope::Node) => self.node_name.clone(),
            _ => self.spec.name.to_owned(),
        }
    }

    /// Network interfaces container `c` sees.
    pub fn interfaces(&self, c: usize) -> Vec<Interface> {
        let node = matches!(self.ns_of(c, NsKind::Network).map(|n| n.scope), Some(Scope::Node));
        let lo = Interface {
            index: 1,
            name: "lo".into(),
            flags: "LOOPBACK,UP,LOWER_UP",
            mtu: 65536,
            inet: Some("127.0.0.1/8".into()),
        };
        let [a, b, n, d] = self.pod_ip;
        if !node {
            let peer = 10 + u32::from(d % 20);
            return vec![
                lo,
                Interface {
                    index: 2,
                    name: format!("eth0@if{peer}"),
                    flags: "BROADCAST,MULTICAST,UP,LOWER_UP",
                    mtu: 1450,
                    inet: Some(format!("{a}.{b}.{n}.{d}/24")),
                },
            ];
        }
        let [w, x, y, z] = self.node_ip;
        vec![
            lo,
            Interface {
                index: 2,
                name: "eth0".into(),
                flags: "BROADCAST,MULTICAST,UP,LOWER_UP",
                mtu: 1500,
                inet: Some(format!("{w}.{x}.{y}.{z}/24")),
            },
            Interface {
                index: 3,
                name: "cni0".into(),
                flags: "BROADCAST,MULTICAST,UP,LOWER_UP",
                mtu: 1450,
                inet: Some(format!("{a}.{b}.{n}.1/24")),
            },
            Interface {
                index: 4,
                name: "veth3a1f0c2e@if2".into(),
                flags: "BROADCAST,MULTICAST,UP,LOWER_UP",
                mtu: 1450,
                inet: None,
            },
        ]
    }

    /// Shared-memory segments in container `c`'s IPC namespace (every container of the pod
    /// shares it), with their `shmid`s.
    pub fn segments(&self, c: usize) -> Vec<(u32, Segment)> {
        let Some(ipc) = self.ns_of(c, NsKind::Ipc).map(|n| n.inode) else { return Vec::new() };
        let mut out = Vec::new();
        for (i, other) in self.containers.iter().enumerate() {
            let same = self.ns_of(i, NsKind::Ipc).is_some_and(|n| n.inode == ipc);
            if let (true, Some(spec)) = (same, other.spec) {
                out.extend(spec.segments.iter().copied());
            }
        }
        out.into_iter().enumerate().map(|(id, s)| (id as u32, s)).collect()
    }

    /// `/proc/PID/ns` links of a process of `owner`: `net -> net:[4026532301]` and so on.
    pub fn ns_links(&self, owner: Owner) -> Vec<String> {
        NsKind::ALL
            .iter()
            .filter_map(|k| {
                let n = self.ns_of_owner(owner, *k)?;
                Some(format!("{} -> {}:[{}]", k.proc_name(), k.proc_name(), n.inode))
            })
            .collect()
    }

    /// Whether container `c`'s namespace of `kind` is the same as container `d`'s.
    pub fn shares(&self, c: usize, d: usize, kind: NsKind) -> bool {
        match (self.ns_of(c, kind), self.ns_of(d, kind)) {
            (Some(a), Some(b)) => a.inode == b.inode,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests;
