//! The lanes of the start-up race: each platform's phases, in order, from the reference's
//! summary table (`startup-and-cost.md` §12), with the sourced duration of each.

use super::{Lane, LaneId, Phase, Portability, figures as f};

const fn phase(
    name: &'static str,
    detail: &'static str,
    duration_ms: crate::eras::sourced::Range,
) -> Phase {
    Phase { name, detail, duration_ms, billed_init: false }
}

/// What a Linux container runtime prints when the kernel refuses an image's entrypoint
/// (`execve` fails with `ENOEXEC`).
pub const EXEC_FORMAT_ERROR: &str = "exec /usr/local/bin/api: exec format error";

/// Why an amd64 machine image does not boot on an arm64 CPU.
pub const WRONG_ARCH_BOOT: &str =
    "cannot boot: the image's kernel is amd64 machine code and this CPU is arm64";

const BARE_METAL: [Phase; 6] = [
    phase(
        "API call",
        "The provider's API picks a server from a powered-on pool.",
        f::BARE_METAL_API_MS,
    ),
    phase(
        "Power on, PXE",
        "IPMI powers the machine on and it boots an installer over the network.",
        f::BARE_METAL_POWER_PXE_MS,
    ),
    phase(
        "Firmware POST",
        "BIOS/UEFI and RAID controllers test and initialise the hardware.",
        f::BARE_METAL_POST_MS,
    ),
    phase(
        "Write OS image",
        "The installer writes the operating-system image to disk.",
        f::BARE_METAL_IMAGE_WRITE_MS,
    ),
    phase(
        "Reboot",
        "The server restarts into the installed system: a second POST.",
        f::BARE_METAL_REBOOT_MS,
    ),
    phase(
        "cloud-init, SSH",
        "cloud-init installs keys and sshd starts listening.",
        f::BARE_METAL_CLOUD_INIT_MS,
    ),
];

const CLOUD_VM: [Phase; 4] = [
    phase("RunInstances", "The API call returns an instance ID.", f::CLOUD_VM_API_MS),
    phase(
        "Pending → running",
        "Placement on a host, network interface and volume attached.",
        f::CLOUD_VM_PENDING_MS,
    ),
    phase(
        "Firmware, kernel, init",
        "The guest boots its own kernel and brings the network up.",
        f::CLOUD_VM_KERNEL_MS,
    ),
    phase("sshd", "The SSH daemon starts and port 22 opens.", f::CLOUD_VM_SSHD_MS),
];

const MICRO_VM: [Phase; 2] = [
    phase(
        "VMM start",
        "The Firecracker process starts and opens its API socket.",
        f::FIRECRACKER_VMM_START_MS,
    ),
    phase(
        "Boot to init",
        "InstanceStart to the guest's /sbin/init with a minimal kernel.",
        f::FIRECRACKER_BOOT_MS,
    ),
];

const CONTAINER_CACHED: [Phase; 3] = [
    phase(
        "Engine",
        "docker CLI → dockerd → containerd: mount the image's snapshot, start the shim.",
        f::CONTAINER_ENGINE_MS,
    ),
    phase(
        "Namespaces",
        "runc creates the mount, PID, network, UTS, IPC and other namespaces.",
        f::NAMESPACES_MS,
    ),
    phase(
        "cgroups, pivot_root, exec",
        "runc sets limits, switches the root, applies seccomp and executes the entrypoint.",
        f::RUNTIME_AFTER_NAMESPACES_MS,
    ),
];

const CONTAINER_PULL: [Phase; 4] = [
    phase(
        "Pull image",
        "Download and unpack the layers; most of the data is never read.",
        f::IMAGE_PULL_MS,
    ),
    CONTAINER_CACHED[0],
    CONTAINER_CACHED[1],
    CONTAINER_CACHED[2],
];

const POD: [Phase; 4] = [
    phase(
        "Control plane",
        "Admission, etcd write, scheduling and binding to a node.",
        f::POD_CONTROL_PLANE_MS,
    ),
    phase(
        "Pod sandbox",
        "The kubelet starts the pause container and the CNI plugin sets up the network.",
        f::POD_SANDBOX_MS,
    ),
    phase(
        "Create, start container",
        "containerd creates and starts the container (image already on the node).",
        f::CONTAINERD_CREATE_START_MS,
    ),
    phase(
        "Probes, Ready",
        "Startup and readiness probes pass; the pod is Ready.",
        f::POD_PROBES_MS,
    ),
];

const FUNCTION_COLD: [Phase; 5] = [
    phase(
        "Create environment",
        "Lambda finds capacity and starts a Firecracker microVM for the function.",
        f::LAMBDA_ENVIRONMENT_MS,
    ),
    phase("Download code", "The function's package or image is fetched.", f::LAMBDA_DOWNLOAD_MS),
    Phase {
        billed_init: true,
        ..phase(
            "Start runtime",
            "The language runtime starts (Node.js, Python, Java...).",
            f::LAMBDA_RUNTIME_INIT_MS,
        )
    },
    Phase {
        billed_init: true,
        ..phase(
            "Init code",
            "Code outside the handler runs: imports, clients, configuration.",
            f::LAMBDA_USER_INIT_MS,
        )
    },
    phase("Invoke handler", "The request reaches the handler.", f::LAMBDA_WARM_MS),
];

const FUNCTION_WARM: [Phase; 1] = [phase(
    "Invoke handler",
    "A frozen environment is thawed and the request reaches the handler.",
    f::LAMBDA_WARM_MS,
)];

const V8_ISOLATE: [Phase; 3] = [
    phase(
        "Fetch script",
        "The worker's script is loaded on the edge machine.",
        f::ISOLATE_FETCH_MS,
    ),
    phase(
        "Compile",
        "V8 compiles the script inside a new isolate in an existing process.",
        f::ISOLATE_COMPILE_MS,
    ),
    phase(
        "Top-level code",
        "The script's top-level code runs; the handler is ready.",
        f::ISOLATE_TOP_LEVEL_MS,
    ),
];

const WASM: [Phase; 1] = [phase(
    "Instantiate",
    "A precompiled module gets a fresh linear memory and tables (compilation happened ahead of time).",
    f::WASM_INSTANTIATE_MS,
)];

/// Every lane, in [`LaneId::ALL`] order.
pub(super) const LANES: [Lane; 10] = [
    Lane {
        id: LaneId::BareMetal,
        name: "Bare-metal server",
        ready_when: "SSH answers",
        phases: &BARE_METAL,
        portability: Portability::Native { fails_at: 1, error: WRONG_ARCH_BOOT },
        note: "Automated provisioning from a pool of powered-on servers; buying hardware takes days to weeks.",
    },
    Lane {
        id: LaneId::CloudVm,
        name: "Cloud VM (EC2)",
        ready_when: "SSH answers",
        phases: &CLOUD_VM,
        portability: Portability::Native { fails_at: 2, error: WRONG_ARCH_BOOT },
        note: "Your application still has to start after SSH answers.",
    },
    Lane {
        id: LaneId::MicroVm,
        name: "Firecracker microVM",
        ready_when: "/sbin/init runs",
        phases: &MICRO_VM,
        portability: Portability::Native { fails_at: 1, error: WRONG_ARCH_BOOT },
        note: "A tuned minimal kernel and root filesystem; restoring a snapshot is faster still.",
    },
    Lane {
        id: LaneId::ContainerCached,
        name: "Container, image cached",
        ready_when: "the entrypoint runs",
        phases: &CONTAINER_CACHED,
        portability: Portability::Native { fails_at: 2, error: EXEC_FORMAT_ERROR },
        note: "docker run with the image already on local SSD.",
    },
    Lane {
        id: LaneId::ContainerPull,
        name: "Container, image pulled",
        ready_when: "the entrypoint runs",
        phases: &CONTAINER_PULL,
        portability: Portability::Native { fails_at: 3, error: EXEC_FORMAT_ERROR },
        note: "A single-platform amd64 image pulls fine on arm64; it fails only when it runs.",
    },
    Lane {
        id: LaneId::Pod,
        name: "Kubernetes pod",
        ready_when: "the pod is Ready",
        phases: &POD,
        portability: Portability::Native { fails_at: 2, error: EXEC_FORMAT_ERROR },
        note: "Image already on the node; the kubelet would restart a failing container into CrashLoopBackOff.",
    },
    Lane {
        id: LaneId::FunctionCold,
        name: "Function, cold (Lambda)",
        ready_when: "the handler runs",
        phases: &FUNCTION_COLD,
        portability: Portability::Portable,
        note: "Rare in busy functions; the platform runs the function on the architecture it is configured for.",
    },
    Lane {
        id: LaneId::FunctionWarm,
        name: "Function, warm (Lambda)",
        ready_when: "the handler runs",
        phases: &FUNCTION_WARM,
        portability: Portability::Portable,
        note: "An environment kept from an earlier request.",
    },
    Lane {
        id: LaneId::V8Isolate,
        name: "V8 isolate (Workers)",
        ready_when: "the handler runs",
        phases: &V8_ISOLATE,
        portability: Portability::Portable,
        note: "JavaScript is compiled on the machine that runs it, so it has no CPU architecture.",
    },
    Lane {
        id: LaneId::Wasm,
        name: "Wasm module (Wasmtime)",
        ready_when: "the instance can be called",
        phases: &WASM,
        portability: Portability::Portable,
        note: "The same .wasm runs on amd64 and arm64; only the runtime is built per architecture.",
    },
];
