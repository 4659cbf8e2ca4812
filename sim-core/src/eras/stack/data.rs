//! The diagrams' layers and what each does at run time. Texts follow lessons 1–5, 11 and 12;
//! each layer names its source.

use super::sources::*;
use super::{Layer, Role, Stack, StackKind};

const NONE: [&str; 2] = ["", ""];

static APP: Layer = Layer {
    name: "Application",
    role: Role::Application,
    cells: &[],
    does: "Your program and its libraries. It does the work and asks the kernel for everything else through system calls.",
    down: [
        "The program calls read(fd, buf, 4096): the CPU switches from user mode into the kernel.",
        "The program calls send() on a socket: the CPU switches from user mode into the kernel.",
    ],
    up: ["read() returns with the bytes in buf, and the program carries on.", ""],
    skipped_because: "",
    source: None,
};

static KERNEL: Layer = Layer {
    name: "Kernel",
    role: Role::Kernel,
    cells: &[],
    does: "Schedules processes on the CPUs, manages memory, and runs the file system and the network stack.",
    down: [
        "The file system finds the block that holds the bytes. It is not in the page cache, so the block layer builds a request for the driver.",
        "The TCP/IP stack adds headers, picks a route and queues the packet for the network card's driver.",
    ],
    up: [
        "The block layer completes the request; the kernel copies the data into buf, keeps it in the page cache and wakes the process.",
        "",
    ],
    skipped_because: "",
    source: Some(&BLK_MQ),
};

static DRIVER: Layer = Layer {
    name: "Device drivers",
    role: Role::Driver,
    cells: &[],
    does: "Kernel code that speaks one device's language: it writes commands into the device's queues and handles its interrupts.",
    down: [
        "The NVMe driver writes a 64-byte command into a submission queue in RAM and rings the SSD's doorbell register.",
        "The network driver puts a descriptor for the packet on the card's transmit ring and tells the card.",
    ],
    up: [
        "The interrupt handler reads the completion entry and tells the block layer the request is done.",
        "",
    ],
    skipped_because: "",
    source: Some(&NVME),
};

static FIRMWARE: Layer = Layer {
    name: "Firmware (UEFI or BIOS)",
    role: Role::Firmware,
    cells: &[],
    does: "At power-on it tests the hardware and hands over to the boot loader. After ExitBootServices() only runtime services remain: the clock, stored variables, reset.",
    down: NONE,
    up: NONE,
    skipped_because: "The main board's firmware is not on the path at run time: its boot services ended when the OS loader called ExitBootServices(), and the kernel's own driver talks to the device. (The firmware inside the SSD or network card does run — it is part of the device.)",
    source: Some(&UEFI),
};

static HARDWARE: Layer = Layer {
    name: "Hardware",
    role: Role::Hardware,
    cells: &["CPUs", "RAM", "NVMe SSD", "Network card"],
    does: "Executes instructions, stores bits and moves packets. Each device runs its own internal firmware.",
    down: [
        "The SSD's controller fetches the command, reads flash, copies the data into RAM by DMA, posts a completion and raises an interrupt.",
        "The network card fetches the packet from RAM by DMA and sends it onto the wire.",
    ],
    up: NONE,
    skipped_because: "",
    source: Some(&NVME),
};

static BARE_METAL: Stack = Stack {
    kind: StackKind::BareMetal,
    title: "Bare metal",
    summary: "One application owns one physical server.",
    layers: &[&APP, &KERNEL, &DRIVER, &FIRMWARE, &HARDWARE],
};

static MULTI_USER_APPS: Layer = Layer {
    name: "Applications (one user each)",
    cells: &["shop (user shop)", "payroll (user payroll)", "mail (user mail)"],
    does: "Each application is a set of processes running as its own user. The CPU's memory protection keeps their memory apart; they share everything installed on the system.",
    ..APP
};

static MULTI_USER_KERNEL: Layer = Layer {
    name: "Kernel (one for every user)",
    does: "One kernel for everyone: it checks each request against the caller's user ID and the file's permission bits, and schedules every process on the same CPUs.",
    down: [
        "The kernel checks that user shop may read the file (owner, group, mode bits); then the file system and block layer work as on bare metal.",
        "One network stack, shared by every user, builds the packet. Ports are shared too: only one program can listen on 443.",
    ],
    source: Some(&CREDENTIALS),
    ..KERNEL
};

static MULTI_USER: Stack = Stack {
    kind: StackKind::MultiUser,
    title: "Multi-user server",
    summary: "Several applications share one operating system as separate users and processes.",
    layers: &[&MULTI_USER_APPS, &MULTI_USER_KERNEL, &DRIVER, &FIRMWARE, &HARDWARE],
};

static VM_APPS: Layer = Layer {
    name: "Applications (one per VM)",
    cells: &["shop (VM 1)", "payroll (VM 2)", "mail (VM 3)"],
    down: [
        "The program calls read() inside its VM, exactly as it would on bare metal.",
        "The program calls send() inside its VM, exactly as it would on bare metal.",
    ],
    ..APP
};

static GUEST_KERNEL: Layer = Layer {
    name: "Guest kernel (one per VM)",
    role: Role::Kernel,
    cells: &["VM 1 kernel", "VM 2 kernel", "VM 3 kernel"],
    does: "A complete operating system in every VM, with its own file system, page cache, network stack and drivers. It believes it owns the hardware.",
    down: [
        "The guest's file system and block layer handle the read; on a miss its virtio-blk driver puts the request in a queue shared with the hypervisor and notifies the device.",
        "The guest's TCP/IP stack builds the packet; its virtio-net driver puts it in a queue shared with the hypervisor and notifies the device.",
    ],
    up: [
        "The guest's driver sees the completion; the guest kernel copies the data into buf and wakes the program.",
        "",
    ],
    skipped_because: "",
    source: Some(&VIRTIO),
};

static VIRTUAL_DEVICE: Layer = Layer {
    name: "Virtual devices",
    role: Role::VirtualDevice,
    cells: &[],
    does: "Disks and network cards that exist only in software, emulated or paravirtual (virtio). A guest that touches one leaves guest mode: a VM exit into the hypervisor.",
    down: [
        "The guest's notification traps: the CPU leaves the guest (a VM exit) and the hypervisor's disk back end takes the request.",
        "The guest's notification traps: the CPU leaves the guest (a VM exit) and the hypervisor's network back end takes the packet.",
    ],
    up: [
        "The hypervisor injects a virtual interrupt; the guest resumes as if its own disk had answered.",
        "",
    ],
    skipped_because: "",
    source: Some(&VIRTIO),
};

static HYPERVISOR_1: Layer = Layer {
    name: "Hypervisor (ESXi, Xen, Hyper-V)",
    role: Role::Hypervisor,
    cells: &[],
    does: "Runs directly on the hardware. It schedules virtual CPUs, hands out memory, and turns virtual-device requests into real I/O.",
    down: [
        "The back end maps the virtual disk's block to a real disk or to a file in a datastore, and issues a real request.",
        "The back end hands the packet to a virtual switch, which forwards it to the physical card.",
    ],
    up: [
        "The completion is matched to the guest's request and the data lands in the guest's memory.",
        "",
    ],
    skipped_because: "",
    source: Some(&GOLDBERG),
};

static HOST_DRIVER_1: Layer = Layer {
    name: "Physical device drivers",
    does: "The real drivers live inside the hypervisor (VMware's vmkernel) or in a privileged management VM (Xen's dom0, Hyper-V's root partition).",
    down: [
        "The physical NVMe driver writes a command and rings the real SSD's doorbell.",
        "The physical network driver puts the packet on the real card's transmit ring.",
    ],
    up: [
        "The physical driver's interrupt handler picks up the completion and passes it back to the hypervisor.",
        "",
    ],
    source: Some(&XEN_BACKEND),
    ..DRIVER
};

static TYPE_1: Stack = Stack {
    kind: StackKind::Type1,
    title: "Type-1 hypervisor",
    summary: "Virtual machines, each with its own kernel, on a hypervisor that runs on the hardware.",
    layers: &[
        &VM_APPS,
        &GUEST_KERNEL,
        &VIRTUAL_DEVICE,
        &HYPERVISOR_1,
        &HOST_DRIVER_1,
        &FIRMWARE,
        &HARDWARE,
    ],
};

static VM2_APPS: Layer = Layer { cells: &["shop (VM 1)", "test (VM 2)"], ..VM_APPS };

static GUEST_KERNEL_2: Layer = Layer { cells: &["VM 1 kernel", "VM 2 kernel"], ..GUEST_KERNEL };

static HYPERVISOR_2: Layer = Layer {
    name: "Hypervisor (VirtualBox, VMware Workstation)",
    role: Role::Hypervisor,
    cells: &[],
    does: "An application on the host operating system, helped by a kernel module that enters guest mode. It emulates each VM's devices in an ordinary host process.",
    down: [
        "The hypervisor's process turns the virtual-disk request into an ordinary read() of the disk-image file on the host.",
        "The hypervisor's process hands the packet to the host, through its NAT engine or a bridge driver.",
    ],
    up: ["The hypervisor copies the data into guest memory and raises a virtual interrupt.", ""],
    skipped_because: "",
    source: Some(&GOLDBERG),
};

static HOST_KERNEL_2: Layer = Layer {
    name: "Host OS kernel",
    does: "A normal desktop or server operating system that also runs your browser and editor. To it, a VM's disk is just a large file.",
    down: [
        "The host's file system finds the image file's block; on a miss its block layer queues a request for the host's driver.",
        "The host's network stack routes the packet like traffic from any other application.",
    ],
    up: ["The host kernel completes the read() and wakes the hypervisor's process.", ""],
    ..KERNEL
};

static TYPE_2: Stack = Stack {
    kind: StackKind::Type2,
    title: "Type-2 hypervisor",
    summary: "Virtual machines run by an application on a host operating system.",
    layers: &[
        &VM2_APPS,
        &GUEST_KERNEL_2,
        &VIRTUAL_DEVICE,
        &HYPERVISOR_2,
        &HOST_KERNEL_2,
        &DRIVER,
        &FIRMWARE,
        &HARDWARE,
    ],
};

static CONTAINER_APPS: Layer = Layer {
    name: "Containers",
    cells: &["shop", "payroll", "mail"],
    does: "Ordinary Linux processes, each started with its own namespaces (what it can see) and a cgroup (how much it may use).",
    down: [
        "The program calls read() on a path in its own root file system: an ordinary system call into the host's kernel.",
        "The program calls send(): an ordinary system call into the host's kernel.",
    ],
    ..APP
};

static CONTAINER_RUNTIME: Layer = Layer {
    name: "Container runtime (containerd, shim, runc)",
    role: Role::Supervisor,
    cells: &[],
    does: "Unpacks the image, asks the kernel for namespaces and a cgroup, starts the process and steps aside: runc exits, and the shim only waits to collect the exit code.",
    down: NONE,
    up: NONE,
    skipped_because: "The runtime is not on the path: it set up the namespaces and cgroup when the container started, and it does not relay the container's system calls.",
    source: Some(&RUNTIME_V2),
};

static SHARED_KERNEL: Layer = Layer {
    name: "Kernel (one, shared)",
    does: "The host's kernel, shared by every container. Namespaces and cgroups are bookkeeping inside it — labels that decide what a process sees and how much it may use — not a layer of their own.",
    down: [
        "The kernel resolves the path in the container's mount namespace (its overlay root), charges the I/O to its cgroup and, on a page-cache miss, queues a block request: the same code as for any process.",
        "The packet leaves the container's network namespace through a veth pair to a bridge — software inside the same kernel — and is routed to the real card.",
    ],
    source: Some(&NAMESPACES),
    ..KERNEL
};

static CONTAINERS: Stack = Stack {
    kind: StackKind::Containers,
    title: "Containers",
    summary: "Isolated processes on one shared kernel: no guest kernel, no virtual device.",
    layers: &[&CONTAINER_APPS, &CONTAINER_RUNTIME, &SHARED_KERNEL, &DRIVER, &FIRMWARE, &HARDWARE],
};

static POD_APPS: Layer = Layer {
    name: "Pod containers",
    cells: &["app", "log-shipper"],
    does: "Containers that share the pod's network, IPC and UTS namespaces and keep their own file systems.",
    down: [
        "app calls read() on a file in its image or in a shared emptyDir volume: an ordinary system call.",
        "app calls send(); it shares the pod's one IP address with the log shipper.",
    ],
    ..APP
};

static PAUSE_CONTAINER: Layer = Layer {
    name: "pause container",
    does: "Holds the pod's shared namespaces open and otherwise sleeps in pause(), so a container can restart without the pod losing its IP address.",
    skipped_because: "The pause container is not on the path: it only keeps the namespaces alive.",
    source: Some(&PAUSE),
    ..CONTAINER_RUNTIME
};

static KUBELET: Layer = Layer {
    name: "kubelet, containerd, the pod's shim",
    does: "The kubelet asks containerd, through the CRI, to create the pod sandbox and start each container; the shim waits for exit codes.",
    skipped_because: "The kubelet and the runtime are not on the path: they create and watch containers; none of them touches the pod's reads or traffic.",
    source: Some(&CRI),
    ..CONTAINER_RUNTIME
};

static NODE_KERNEL: Layer = Layer {
    name: "Node kernel (one, shared)",
    down: [
        "The kernel resolves the path in app's own mount namespace and, on a page-cache miss, queues a block request, as for any process.",
        "The packet leaves the pod's network namespace through its veth pair; routes the CNI plugin installed send it to the card — all inside the node's one kernel.",
    ],
    ..SHARED_KERNEL
};

static POD: Stack = Stack {
    kind: StackKind::Pod,
    title: "Kubernetes pod",
    summary: "Containers grouped into a pod: shared namespaces, still one kernel.",
    layers: &[&POD_APPS, &PAUSE_CONTAINER, &KUBELET, &NODE_KERNEL, &DRIVER, &FIRMWARE, &HARDWARE],
};

static HANDLER: Layer = Layer {
    name: "Function handlers",
    cells: &["your function", "another tenant's function"],
    does: "Your handler, invoked once per event. Each function's execution environment is its own microVM.",
    down: [
        "The handler reads a file (say, from /tmp) through its language's file API.",
        "The handler calls another service over HTTP; a library opens a socket.",
    ],
    up: ["The handler gets its bytes and finishes the event.", ""],
    ..APP
};

static LANGUAGE_RUNTIME: Layer = Layer {
    name: "Language runtime (Node.js, Python, Java…)",
    role: Role::Runtime,
    cells: &[],
    does: "Runs the handler and fetches events from the platform's runtime API.",
    down: [
        "The runtime turns the call into a read() system call into the guest kernel.",
        "The runtime turns the call into socket system calls into the guest kernel.",
    ],
    up: ["The runtime hands the bytes to the handler.", ""],
    skipped_because: "",
    source: None,
};

static MICROVM_KERNEL: Layer = Layer {
    name: "Guest kernel (minimal Linux per microVM)",
    cells: &["microVM 1 kernel", "microVM 2 kernel"],
    ..GUEST_KERNEL
};

static FC_DEVICES: Layer = Layer {
    name: "Virtual devices (Firecracker offers five)",
    does: "virtio-net and virtio-block, plus a vsock, a serial console and a minimal keyboard controller used to stop the VM. Nothing else to emulate, nothing else to attack.",
    source: Some(&FIRECRACKER),
    ..VIRTUAL_DEVICE
};

static FIRECRACKER_VMM: Layer = Layer {
    name: "Firecracker VMM + KVM (one process per microVM)",
    role: Role::Hypervisor,
    cells: &[],
    does: "A small virtual machine monitor process on the host, built on the kernel's KVM. It emulates the devices and rate-limits their I/O.",
    down: [
        "Firecracker reads the block from the backing file on the host.",
        "Firecracker's I/O thread copies the packet from the emulated card to a TAP device on the host, applying the rate limiter.",
    ],
    up: ["Firecracker writes the data into guest memory and signals the guest.", ""],
    skipped_because: "",
    source: Some(&FIRECRACKER),
};

static FC_HOST_KERNEL: Layer = Layer {
    name: "Host kernel",
    does: "The host's Linux, running many microVMs as ordinary processes and KVM guests.",
    down: [
        "The host's file system reads the backing file (often straight from its page cache) and, on a miss, queues a block request.",
        "The host routes the packet from the TAP device to the physical card.",
    ],
    up: ["The host kernel completes the read and wakes Firecracker.", ""],
    source: Some(&LAMBDA_FIRECRACKER),
    ..KERNEL
};

static SERVERLESS: Stack = Stack {
    kind: StackKind::Serverless,
    title: "Serverless function",
    summary: "A function in a Firecracker microVM, the way AWS Lambda runs it: a VM again, but a tiny one.",
    layers: &[
        &HANDLER,
        &LANGUAGE_RUNTIME,
        &MICROVM_KERNEL,
        &FC_DEVICES,
        &FIRECRACKER_VMM,
        &FC_HOST_KERNEL,
        &DRIVER,
        &FIRMWARE,
        &HARDWARE,
    ],
};

static WASM_INSTANCES: Layer = Layer {
    name: "Wasm instances",
    cells: &["shop.wasm", "resize.wasm", "auth.wasm"],
    does: "Modules compiled to WebAssembly. An instance can touch only its own linear memory; everything else is an import the host chose to give it.",
    down: [
        "The module calls a WASI import to read a file: it has no system calls of its own.",
        "The module calls a WASI import (wasi:http or wasi:sockets) to send a request.",
    ],
    up: ["The import returns with the bytes in the instance's linear memory.", ""],
    ..APP
};

static WASM_RUNTIME: Layer = Layer {
    name: "Wasm runtime (Wasmtime, Spin): one host process",
    role: Role::Runtime,
    cells: &[],
    does: "An ordinary process that runs many instances. It compiled the modules ahead of time, creates instances in microseconds and implements WASI.",
    down: [
        "The runtime checks the capability — the path must lie under a directory it pre-opened for this module — then makes a real read() system call.",
        "The runtime checks that this module was granted network access, then makes real socket calls.",
    ],
    up: [
        "The runtime copies the bytes into the instance's linear memory and returns from the import.",
        "",
    ],
    skipped_because: "",
    source: Some(&WASI),
};

static WASM: Stack = Stack {
    kind: StackKind::Wasm,
    title: "WebAssembly",
    summary: "Many sandboxed instances in one runtime process on one kernel.",
    layers: &[&WASM_INSTANCES, &WASM_RUNTIME, &KERNEL, &DRIVER, &FIRMWARE, &HARDWARE],
};

/// The diagram for `kind`.
pub(super) fn stack(kind: StackKind) -> &'static Stack {
    match kind {
        StackKind::BareMetal => &BARE_METAL,
        StackKind::MultiUser => &MULTI_USER,
        StackKind::Type1 => &TYPE_1,
        StackKind::Type2 => &TYPE_2,
        StackKind::Containers => &CONTAINERS,
        StackKind::Pod => &POD,
        StackKind::Serverless => &SERVERLESS,
        StackKind::Wasm => &WASM,
    }
}
