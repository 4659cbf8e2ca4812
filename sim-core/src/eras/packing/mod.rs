//! Server packing: place applications on servers as bare-metal processes, virtual machines,
//! containers or Wasm instances, and count what each way costs.
//!
//! Contract: pure and deterministic, integer arithmetic (memory in KiB, CPU in millicores).
//! [`evaluate`] turns a [`Placement`] into a [`Report`]: servers used, memory lost to overhead
//! (a host OS per server; a guest OS per VM; a containerd shim per container; a few KiB per
//! Wasm instance — all sourced in [`defaults`]), utilisation, dependency conflicts, who a
//! noisy neighbour slows down, the blast radius of one failure, and how many operating systems
//! need patching. [`first_fit_decreasing`] packs automatically for comparison, and
//! [`fewest_servers`] finds the true minimum by a bounded search.
//!
//! Simplified: memory and CPU requests are the only capacities (no disk, network or I/O
//! bandwidth, no NUMA, no memory overcommit or page sharing such as KSM); the hypervisor's and
//! the Wasm runtime's own memory are not counted because no sourced figure was found (the
//! host OS per server stands in for them); a VM gets its application's memory plus one guest
//! OS and its CPU request rounded up to whole vCPUs; CPU contention is modelled by
//! [`cpu::share`].

pub mod cpu;
pub mod defaults;
mod packer;

pub use packer::{Optimum, SEARCH_NODE_LIMIT, fewest_servers, first_fit_decreasing};

/// How the applications are run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    /// As processes directly on each server's operating system (one or many per server).
    BareMetal,
    /// Each in its own virtual machine with its own guest operating system.
    Vm,
    /// Each in its own container on the server's one kernel.
    Container,
    /// As Wasm instances in one runtime process per server; applications that cannot be
    /// compiled to Wasm run as containers beside them.
    Wasm,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 4] = [Mode::BareMetal, Mode::Vm, Mode::Container, Mode::Wasm];

    /// The name used in lesson directives.
    pub fn id(self) -> &'static str {
        match self {
            Mode::BareMetal => "bare-metal",
            Mode::Vm => "vm",
            Mode::Container => "container",
            Mode::Wasm => "wasm",
        }
    }

    /// The mode named `id`.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id.trim())
    }

    /// A label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Mode::BareMetal => "Bare metal",
            Mode::Vm => "Virtual machines",
            Mode::Container => "Containers",
            Mode::Wasm => "Wasm",
        }
    }

    /// Whether applications on one server share one operating system's files and ports, so
    /// their dependencies can conflict.
    pub fn shares_userland(self) -> bool {
        self == Mode::BareMetal
    }
}

/// Something an application needs from the system it is installed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// A system-wide library at a version (`openssl` 3): one version per operating system.
    Library(&'static str, &'static str),
    /// A TCP port to listen on: one program per port per network stack.
    Port(u16),
}

impl Need {
    /// Whether two applications needing `self` and `other` can share one operating system.
    pub fn conflicts_with(self, other: Need) -> bool {
        match (self, other) {
            (Need::Library(a, va), Need::Library(b, vb)) => a == b && va != vb,
            (Need::Port(a), Need::Port(b)) => a == b,
            _ => false,
        }
    }
}

/// Whether an application can be compiled to Wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WasmFit {
    /// It can.
    Yes,
    /// It cannot, for this reason.
    No(&'static str),
}

/// One application of the workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct App {
    /// Its name.
    pub name: &'static str,
    /// Memory it needs, in MiB.
    pub ram_mib: u64,
    /// CPU it was planned for (its request), in millicores.
    pub cpu_millis: u64,
    /// CPU it actually tries to use, in millicores; above `cpu_millis` for a noisy neighbour.
    pub cpu_millis_demand: u64,
    /// Busy threads or processes; a per-thread scheduler shares CPU in proportion to these.
    pub threads: u64,
    /// Libraries and ports it needs from its operating system.
    pub needs: &'static [Need],
    /// Whether it can run as Wasm.
    pub wasm: WasmFit,
}

impl App {
    /// Whether it tries to use more CPU than it was planned for.
    pub fn is_noisy(&self) -> bool {
        self.cpu_millis_demand > self.cpu_millis
    }
}

/// Which guest operating system the VMs run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuestOs {
    /// A Linux distribution ([`defaults::LINUX_OS_MIB`]).
    Linux,
    /// Windows Server ([`defaults::WINDOWS_OS_MIB`]).
    Windows,
}

/// Which memory figure stands for a containerd shim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShimMetric {
    /// Resident set size: every page the shim maps, shared or not ([`defaults::SHIM_RSS_KIB`]).
    Rss,
    /// Proportional set size: shared pages split between the shims ([`defaults::SHIM_PSS_KIB`]).
    Pss,
}

/// The adjustable parameters. Overheads default to their sources' typical values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Memory per server, in MiB.
    pub server_ram_mib: u64,
    /// CPU per server, in millicores.
    pub server_cpu_millis: u64,
    /// Memory of each server's own (host) operating system, in MiB.
    pub host_os_mib: u64,
    /// The VMs' guest operating system.
    pub guest: GuestOs,
    /// Memory of one guest operating system, in MiB.
    pub guest_os_mib: u64,
    /// Which shim figure is used.
    pub shim_metric: ShimMetric,
    /// Memory of one containerd shim, in KiB.
    pub shim_kib: u64,
    /// Runtime memory of one Wasm instance, in KiB.
    pub wasm_instance_kib: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            server_ram_mib: defaults::SERVER_RAM_MIB,
            server_cpu_millis: defaults::SERVER_CPU_MILLIS,
            host_os_mib: typical(&defaults::LINUX_OS_MIB),
            guest: GuestOs::Linux,
            guest_os_mib: typical(&defaults::LINUX_OS_MIB),
            shim_metric: ShimMetric::Rss,
            shim_kib: typical(&defaults::SHIM_RSS_KIB),
            wasm_instance_kib: typical(&defaults::WASM_INSTANCE_KIB),
        }
    }
}

fn typical(r: &crate::eras::sourced::Range) -> u64 {
    r.typical.round() as u64
}

impl Params {
    /// The sourced range the guest-OS figure comes from.
    pub fn guest_range(&self) -> &'static crate::eras::sourced::Range {
        match self.guest {
            GuestOs::Linux => &defaults::LINUX_OS_MIB,
            GuestOs::Windows => &defaults::WINDOWS_OS_MIB,
        }
    }

    /// The sourced range the shim figure comes from.
    pub fn shim_range(&self) -> &'static crate::eras::sourced::Range {
        match self.shim_metric {
            ShimMetric::Rss => &defaults::SHIM_RSS_KIB,
            ShimMetric::Pss => &defaults::SHIM_PSS_KIB,
        }
    }

    /// Switches the guest OS and resets its memory to the new source's typical value.
    pub fn with_guest(self, guest: GuestOs) -> Self {
        let p = Params { guest, ..self };
        Params { guest_os_mib: typical(p.guest_range()), ..p }
    }

    /// Switches the shim figure and resets it to the new source's typical value.
    pub fn with_shim_metric(self, shim_metric: ShimMetric) -> Self {
        let p = Params { shim_metric, ..self };
        Params { shim_kib: typical(p.shim_range()), ..p }
    }
}

/// How one application runs in a mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A process on the server's operating system.
    Process,
    /// A virtual machine with its own guest OS.
    Vm,
    /// A container with a containerd shim.
    Container,
    /// An instance in the server's Wasm runtime.
    WasmInstance,
}

impl Unit {
    /// How `app` runs in `mode`.
    pub fn of(app: &App, mode: Mode) -> Unit {
        match (mode, app.wasm) {
            (Mode::BareMetal, _) => Unit::Process,
            (Mode::Vm, _) => Unit::Vm,
            (Mode::Container, _) | (Mode::Wasm, WasmFit::No(_)) => Unit::Container,
            (Mode::Wasm, WasmFit::Yes) => Unit::WasmInstance,
        }
    }

    /// Memory this unit costs beyond the application's own, in KiB.
    pub fn overhead_kib(self, p: &Params) -> u64 {
        match self {
            Unit::Process => 0,
            Unit::Vm => p.guest_os_mib * 1024,
            Unit::Container => p.shim_kib,
            Unit::WasmInstance => p.wasm_instance_kib,
        }
    }

    /// The CPU this unit reserves on its server for an application requesting `cpu_millis`:
    /// a VM gets whole vCPUs.
    pub fn cpu_reserved_millis(self, cpu_millis: u64) -> u64 {
        match self {
            Unit::Vm => cpu_millis.div_ceil(1000) * 1000,
            _ => cpu_millis,
        }
    }
}

/// Which server each application is on: `server_of[app]` is a server index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// Server index per application, in the order of the workload.
    pub server_of: Vec<usize>,
}

impl Placement {
    /// Every application on its own server.
    pub fn one_per_server(apps: usize) -> Self {
        Placement { server_of: (0..apps).collect() }
    }

    /// The same placement with servers renumbered 0, 1, 2… in order of first use.
    pub fn compacted(&self) -> Self {
        let mut map: Vec<(usize, usize)> = Vec::new();
        let server_of = self
            .server_of
            .iter()
            .map(|s| match map.iter().find(|(from, _)| from == s) {
                Some((_, to)) => *to,
                None => {
                    map.push((*s, map.len()));
                    map.len() - 1
                }
            })
            .collect();
        Placement { server_of }
    }
}

/// Why a placement or the parameters cannot be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackingError {
    /// The placement names a different number of applications than the workload has.
    WrongLength {
        /// Applications in the workload.
        apps: usize,
        /// Entries in the placement.
        placed: usize,
    },
    /// A server index is not below the number of applications (more servers than
    /// applications are never useful).
    ServerOutOfRange {
        /// The application.
        app: usize,
        /// The server index it names.
        server: usize,
    },
    /// A server has no memory or no CPU.
    EmptyServer,
}

impl std::fmt::Display for PackingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackingError::WrongLength { apps, placed } => {
                write!(f, "placement lists {placed} applications, the workload has {apps}")
            }
            PackingError::ServerOutOfRange { app, server } => {
                write!(f, "application {app} is on server {server}, past the last server")
            }
            PackingError::EmptyServer => write!(f, "a server needs memory and CPU"),
        }
    }
}

/// Two applications on one operating system that need incompatible things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The server.
    pub server: usize,
    /// One application (index).
    pub a: usize,
    /// The other (index, above `a`).
    pub b: usize,
    /// What `a` needs that `b`'s need clashes with.
    pub need: Need,
}

/// An application that gets less CPU than it wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slowdown {
    /// The application (index).
    pub app: usize,
    /// Its server.
    pub server: usize,
    /// CPU it gets, in millicores.
    pub received_millis: u64,
    /// CPU it wants, in millicores.
    pub demand_millis: u64,
}

/// One used server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerReport {
    /// Its index in the placement.
    pub index: usize,
    /// Applications on it (indices), in workload order.
    pub apps: Vec<usize>,
    /// Memory used: applications plus every overhead, in KiB.
    pub ram_used_kib: u64,
    /// Of which overhead (host OS, guest OSes, shims, instances), in KiB.
    pub overhead_kib: u64,
    /// CPU reserved (requests; whole vCPUs for VMs), in millicores.
    pub cpu_reserved_millis: u64,
    /// CPU each application actually gets, parallel to `apps`, in millicores.
    pub cpu_received_millis: Vec<u64>,
    /// Whether memory is over capacity.
    pub over_ram: bool,
    /// Whether reserved CPU is over capacity.
    pub over_cpu: bool,
}

/// What fails when one thing breaks, in the worst case over the servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlastRadius {
    /// Applications stopped when one server dies.
    pub server: usize,
    /// Applications stopped when one kernel panics (a guest kernel, for VMs).
    pub kernel: usize,
    /// Applications stopped when the process hosting one application dies (its own process;
    /// the VMM process for a VM; the shared runtime process for Wasm instances).
    pub host_process: usize,
}

/// Everything [`evaluate`] computes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The mode evaluated.
    pub mode: Mode,
    /// Used servers, by index.
    pub servers: Vec<ServerReport>,
    /// Memory of all used servers, in KiB.
    pub ram_capacity_kib: u64,
    /// Memory the applications themselves need, in KiB.
    pub app_ram_kib: u64,
    /// Memory lost to overhead, in KiB.
    pub overhead_kib: u64,
    /// CPU of all used servers, in millicores.
    pub cpu_capacity_millis: u64,
    /// CPU requested by the applications, in millicores.
    pub cpu_requested_millis: u64,
    /// CPU the applications actually get, in millicores.
    pub cpu_busy_millis: u64,
    /// Dependency conflicts (bare metal only).
    pub conflicts: Vec<Conflict>,
    /// Well-behaved applications that get less CPU than they planned for, because a noisy
    /// neighbour takes it.
    pub starved: Vec<Slowdown>,
    /// Noisy applications and what they get.
    pub noisy: Vec<Slowdown>,
    /// What one failure stops.
    pub blast: BlastRadius,
    /// Operating systems someone must patch (host OSes plus guest OSes).
    pub os_to_patch: usize,
    /// Container images carrying a Linux userland that must be rebuilt when it is patched.
    pub images_to_rebuild: usize,
}

impl Report {
    /// Servers in use.
    pub fn servers_used(&self) -> usize {
        self.servers.len()
    }

    /// Whether every server has room and no server has a conflict.
    pub fn is_valid(&self) -> bool {
        self.conflicts.is_empty() && self.servers.iter().all(|s| !s.over_ram && !s.over_cpu)
    }

    /// Percentage (0–100) of the used servers' memory the applications use.
    pub fn ram_used_by_apps_percent(&self) -> u64 {
        percent(self.app_ram_kib, self.ram_capacity_kib)
    }

    /// Percentage (0–100) of the used servers' memory lost to overhead.
    pub fn ram_overhead_percent(&self) -> u64 {
        percent(self.overhead_kib, self.ram_capacity_kib)
    }

    /// Percentage (0–100) of the used servers' CPU the applications keep busy.
    pub fn cpu_busy_percent(&self) -> u64 {
        percent(self.cpu_busy_millis, self.cpu_capacity_millis)
    }
}

fn percent(part: u64, whole: u64) -> u64 {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

/// Evaluates `placement` of `apps` in `mode` under `params`.
pub fn evaluate(
    apps: &[App],
    params: &Params,
    mode: Mode,
    placement: &Placement,
) -> Result<Report, PackingError> {
    check(apps, params, placement)?;
    let mut servers: Vec<ServerReport> = Vec::new();
    let mut conflicts = Vec::new();
    for index in 0..apps.len() {
        let on: Vec<usize> = (0..apps.len()).filter(|a| placement.server_of[*a] == index).collect();
        if on.is_empty() {
            continue;
        }
        if mode.shares_userland() {
            conflicts.extend(find_conflicts(apps, index, &on));
        }
        servers.push(server_report(apps, params, mode, index, on));
    }
    let (starved, noisy) = slowdowns(apps, &servers);
    let n = servers.len() as u64;
    let report = Report {
        mode,
        ram_capacity_kib: n * params.server_ram_mib * 1024,
        app_ram_kib: apps.iter().map(|a| a.ram_mib * 1024).sum(),
        overhead_kib: servers.iter().map(|s| s.overhead_kib).sum(),
        cpu_capacity_millis: n * params.server_cpu_millis,
        cpu_requested_millis: apps.iter().map(|a| a.cpu_millis).sum(),
        cpu_busy_millis: servers.iter().flat_map(|s| s.cpu_received_millis.iter()).sum(),
        conflicts,
        starved,
        noisy,
        blast: blast_radius(apps, mode, &servers),
        os_to_patch: servers.len() + if mode == Mode::Vm { apps.len() } else { 0 },
        images_to_rebuild: apps.iter().filter(|a| Unit::of(a, mode) == Unit::Container).count(),
        servers,
    };
    Ok(report)
}

fn check(apps: &[App], params: &Params, placement: &Placement) -> Result<(), PackingError> {
    if params.server_ram_mib == 0 || params.server_cpu_millis == 0 {
        return Err(PackingError::EmptyServer);
    }
    if placement.server_of.len() != apps.len() {
        return Err(PackingError::WrongLength {
            apps: apps.len(),
            placed: placement.server_of.len(),
        });
    }
    match placement.server_of.iter().enumerate().find(|(_, s)| **s >= apps.len()) {
        Some((app, server)) => Err(PackingError::ServerOutOfRange { app, server: *server }),
        None => Ok(()),
    }
}

fn find_conflicts(apps: &[App], server: usize, on: &[usize]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for (i, &a) in on.iter().enumerate() {
        for &b in on.iter().skip(i + 1) {
            let (Some(x), Some(y)) = (apps.get(a), apps.get(b)) else { continue };
            let clash =
                x.needs.iter().find(|n| y.needs.iter().any(|m| n.conflicts_with(*m))).copied();
            if let Some(need) = clash {
                out.push(Conflict { server, a, b, need });
            }
        }
    }
    out
}

fn server_report(
    apps: &[App],
    p: &Params,
    mode: Mode,
    index: usize,
    on: Vec<usize>,
) -> ServerReport {
    let units: Vec<(&App, Unit)> =
        on.iter().filter_map(|a| apps.get(*a)).map(|a| (a, Unit::of(a, mode))).collect();
    let overhead_kib =
        p.host_os_mib * 1024 + units.iter().map(|(_, u)| u.overhead_kib(p)).sum::<u64>();
    let ram_used_kib = overhead_kib + units.iter().map(|(a, _)| a.ram_mib * 1024).sum::<u64>();
    let cpu_reserved_millis = units.iter().map(|(a, u)| u.cpu_reserved_millis(a.cpu_millis)).sum();
    let claims: Vec<cpu::Claim> = units.iter().map(|(a, u)| cpu::claim(a, *u)).collect();
    ServerReport {
        index,
        cpu_received_millis: cpu::share(p.server_cpu_millis, &claims),
        apps: on,
        ram_used_kib,
        overhead_kib,
        cpu_reserved_millis,
        over_ram: ram_used_kib > p.server_ram_mib * 1024,
        over_cpu: cpu_reserved_millis > p.server_cpu_millis,
    }
}

/// Tolerance for integer rounding in the CPU shares, in millicores.
const SLACK_MILLIS: u64 = 10;

fn slowdowns(apps: &[App], servers: &[ServerReport]) -> (Vec<Slowdown>, Vec<Slowdown>) {
    let mut starved = Vec::new();
    let mut noisy = Vec::new();
    for s in servers {
        for (&app, &received_millis) in s.apps.iter().zip(&s.cpu_received_millis) {
            let Some(a) = apps.get(app) else { continue };
            let slow = Slowdown {
                app,
                server: s.index,
                received_millis,
                demand_millis: a.cpu_millis_demand,
            };
            if a.is_noisy() {
                noisy.push(slow);
            } else if received_millis + SLACK_MILLIS < a.cpu_millis_demand {
                starved.push(slow);
            }
        }
    }
    (starved, noisy)
}

fn blast_radius(apps: &[App], mode: Mode, servers: &[ServerReport]) -> BlastRadius {
    let most = servers.iter().map(|s| s.apps.len()).max().unwrap_or(0);
    let wasm_most = servers
        .iter()
        .map(|s| {
            s.apps
                .iter()
                .filter_map(|a| apps.get(*a))
                .filter(|a| Unit::of(a, mode) == Unit::WasmInstance)
                .count()
        })
        .max()
        .unwrap_or(0);
    let one = usize::from(most > 0);
    BlastRadius {
        server: most,
        kernel: if mode == Mode::Vm { one } else { most },
        host_process: if mode == Mode::Wasm { wasm_most.max(one) } else { one },
    }
}

#[cfg(test)]
mod tests;
