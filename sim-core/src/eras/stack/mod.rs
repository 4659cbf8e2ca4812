//! Layer diagrams of each era, and the run-time path of one file read or one network packet
//! through them.
//!
//! Contract: static, sourced data plus pure functions; no randomness is needed. A [`Stack`]
//! lists its layers top to bottom, and each [`Layer`] says what it does on the way down and
//! back up for each kind of [`Io`] (an empty text means "not on the path"). [`path`] derives the
//! hops from that data, so the comparison the lessons make — a virtual machine adds a guest
//! kernel, a virtual device and a hypervisor to the path; a container adds nothing, because
//! namespaces and cgroups are bookkeeping inside the one kernel — is computed and tested, not
//! drawn by hand. Firmware is never on a run-time path. [`Trace`] is the reader's click-along
//! walk for the lessons' Try it tasks.

mod data;
mod sources;
mod trace;

pub use trace::{Click, Trace};

/// One of the diagrams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StackKind {
    /// One application on one physical server.
    BareMetal,
    /// Several users' applications as processes on one operating system.
    MultiUser,
    /// A hypervisor running directly on the hardware (ESXi, Xen, Hyper-V).
    Type1,
    /// A hypervisor running as an application on a host operating system (VirtualBox).
    Type2,
    /// Containers: processes with namespaces and cgroups on one shared kernel.
    Containers,
    /// A Kubernetes pod: containers sharing some namespaces, held by a pause container.
    Pod,
    /// A serverless function in a Firecracker microVM, as AWS Lambda runs it.
    Serverless,
    /// WebAssembly instances inside one runtime process.
    Wasm,
}

impl StackKind {
    /// Every stack, in the order of the course.
    pub const ALL: [StackKind; 8] = [
        StackKind::BareMetal,
        StackKind::MultiUser,
        StackKind::Type1,
        StackKind::Type2,
        StackKind::Containers,
        StackKind::Pod,
        StackKind::Serverless,
        StackKind::Wasm,
    ];

    /// The name used in lesson directives (`stacks: bare-metal, type-1`).
    pub fn id(self) -> &'static str {
        match self {
            StackKind::BareMetal => "bare-metal",
            StackKind::MultiUser => "multi-user",
            StackKind::Type1 => "type-1",
            StackKind::Type2 => "type-2",
            StackKind::Containers => "containers",
            StackKind::Pod => "pod",
            StackKind::Serverless => "serverless",
            StackKind::Wasm => "wasm",
        }
    }

    /// The stack named `id`, if any.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id.trim())
    }

    /// Its layers and texts.
    pub fn stack(self) -> &'static Stack {
        data::stack(self)
    }
}

/// What travels through the stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Io {
    /// `read(fd, buf, 4096)` that misses the page cache: down to the SSD and back up.
    FileRead,
    /// One packet sent by the application: down and out onto the wire.
    Packet,
}

impl Io {
    /// Both kinds.
    pub const ALL: [Io; 2] = [Io::FileRead, Io::Packet];

    fn index(self) -> usize {
        match self {
            Io::FileRead => 0,
            Io::Packet => 1,
        }
    }

    /// A label for buttons and summaries.
    pub fn label(self) -> &'static str {
        match self {
            Io::FileRead => "file read",
            Io::Packet => "network packet",
        }
    }

    /// Whether the result comes back up the stack (a read returns data; a sent packet leaves).
    pub fn returns(self) -> bool {
        matches!(self, Io::FileRead)
    }
}

/// What kind of thing a layer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The program doing the work.
    Application,
    /// A language runtime or Wasm runtime between the program and the kernel.
    Runtime,
    /// Starts or supervises workloads but relays none of their I/O (container runtime, pause).
    Supervisor,
    /// An operating-system kernel (host or guest).
    Kernel,
    /// A device that exists only in software, presented to a guest.
    VirtualDevice,
    /// The virtual machine monitor.
    Hypervisor,
    /// Device drivers that talk to real hardware.
    Driver,
    /// The main board's UEFI or BIOS.
    Firmware,
    /// CPUs, memory, SSDs, network cards.
    Hardware,
}

/// One layer of a diagram.
#[derive(Debug)]
pub struct Layer {
    /// The layer's name.
    pub name: &'static str,
    /// What kind of layer it is.
    pub role: Role,
    /// Side-by-side instances (several VMs' kernels, several containers), the first being the
    /// one the traced request belongs to; empty when the layer is a single box.
    pub cells: &'static [&'static str],
    /// What it does while workloads run.
    pub does: &'static str,
    /// What it does to a request on the way down, per [`Io`]; empty when it is not on the path.
    down: [&'static str; 2],
    /// What it does on the way back up, per [`Io`]; empty when nothing comes back through it.
    up: [&'static str; 2],
    /// Why the request skips it (for layers that are not on a path).
    pub skipped_because: &'static str,
    /// Where the description comes from.
    pub source: Option<&'static crate::eras::sourced::Source>,
}

impl Layer {
    /// Whether a request of kind `io` passes through this layer.
    pub fn on_path(&self, io: Io) -> bool {
        !self.down[io.index()].is_empty()
    }

    /// What happens here on the way down (empty if not on the path).
    pub fn down_text(&self, io: Io) -> &'static str {
        self.down[io.index()]
    }

    /// What happens here on the way back up (empty if nothing comes back through it).
    pub fn up_text(&self, io: Io) -> &'static str {
        self.up[io.index()]
    }

    /// How many instances the diagram shows side by side.
    pub fn instances(&self) -> usize {
        self.cells.len().max(1)
    }
}

/// One diagram.
#[derive(Debug)]
pub struct Stack {
    /// Which one.
    pub kind: StackKind,
    /// Its title.
    pub title: &'static str,
    /// One sentence on what it shows.
    pub summary: &'static str,
    /// Layers, top (application) to bottom (hardware).
    pub layers: &'static [&'static Layer],
}

/// Which way a hop goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards the hardware.
    Down,
    /// Back towards the application.
    Up,
}

/// One step of a request's path: what `layer` (an index into [`Stack::layers`]) does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hop {
    /// Index of the layer.
    pub layer: usize,
    /// Which way the request is going.
    pub direction: Direction,
    /// What the layer does with it.
    pub text: &'static str,
}

/// The hops a request of kind `io` makes through stack `kind`: every on-path layer from the
/// top down, then — for a read — back up through every on-path layer above the device.
pub fn path(kind: StackKind, io: Io) -> Vec<Hop> {
    let layers = kind.stack().layers;
    let down: Vec<Hop> = layers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.on_path(io))
        .map(|(i, l)| Hop { layer: i, direction: Direction::Down, text: l.down_text(io) })
        .collect();
    let mut hops = down.clone();
    if io.returns() {
        // The device at the bottom turns the request round; everything above it sees the
        // answer pass back up.
        let above_device = down.len().saturating_sub(1);
        hops.extend(down.iter().take(above_device).rev().filter_map(|h| {
            let text = layers.get(h.layer)?.up_text(io);
            (!text.is_empty()).then_some(Hop { layer: h.layer, direction: Direction::Up, text })
        }));
    }
    hops
}

/// Counts that summarise a stack and a path for the comparison table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathCounts {
    /// Layers the request passes through on the way down, the application and device included.
    pub layers_on_path: usize,
    /// Layers in the diagram that the request never touches.
    pub layers_skipped: usize,
    /// Operating-system kernels the request passes through.
    pub kernels_on_path: usize,
    /// Kernels running on the machine in the diagram (one per guest, plus the host's).
    pub kernels_running: usize,
    /// Whether a virtual device and a hypervisor sit on the path (a VM's extra hops).
    pub through_hypervisor: bool,
}

/// Summary counts for `kind` and `io`.
pub fn counts(kind: StackKind, io: Io) -> PathCounts {
    let layers = kind.stack().layers;
    let on: Vec<&&Layer> = layers.iter().filter(|l| l.on_path(io)).collect();
    PathCounts {
        layers_on_path: on.len(),
        layers_skipped: layers.len() - on.len(),
        kernels_on_path: on.iter().filter(|l| l.role == Role::Kernel).count(),
        kernels_running: layers
            .iter()
            .filter(|l| l.role == Role::Kernel)
            .map(|l| l.instances())
            .sum(),
        through_hypervisor: on.iter().any(|l| l.role == Role::Hypervisor),
    }
}

#[cfg(test)]
mod tests;
