//! The sourced figures behind the start-up race, the era table and the serverless model, in
//! milliseconds unless a name says otherwise. Each is a [`Range`] carrying its [`Source`]; the
//! values are the reference's (`startup-and-cost.md` §1–§6, §12–§13). Derived ranges (a phase
//! that is one figure minus another) say how they were derived in their source's conditions.

use crate::eras::sourced::{Confidence, Range, Source};

const fn src(
    label: &'static str,
    url: &'static str,
    conditions: &'static str,
    confidence: Confidence,
) -> Source {
    Source { label, url, conditions, confidence }
}

/// `r` with `ms` subtracted from each bound (never below zero): the part of a measured total
/// that remains once a separately sourced phase is taken out.
const fn minus(r: Range, ms: f64, source: Source) -> Range {
    Range::new(
        non_negative(r.low - ms),
        non_negative(r.typical - ms),
        non_negative(r.high - ms),
        source,
    )
}

const fn non_negative(v: f64) -> f64 {
    if v > 0.0 { v } else { 0.0 }
}

/// `r` with each bound multiplied by `factor`.
const fn scaled(r: Range, factor: f64, source: Source) -> Range {
    Range::new(r.low * factor, r.typical * factor, r.high * factor, source)
}

// --- Bare metal (§1: one vendor's figures and anecdotes; the phases are an estimate) -------

const BARE_METAL_ESTIMATE: Source = src(
    "Bare-metal provisioning estimate (vendor figures, coreboot list)",
    "https://sigilhosting.com/blog-bare-metal-provisioning",
    "Automated provisioning from a pool of powered-on servers; one vendor's fleet figures \
     (47 s p50, 78 s p99 to SSH; POST 8–20 s) and an HP DL380 anecdote (up to 120 s before \
     POST). The phase split and bounds are this course's estimate.",
    Confidence::Estimate,
);

/// API call and server selection.
pub const BARE_METAL_API_MS: Range = Range::exact(300.0, BARE_METAL_ESTIMATE);
/// IPMI power-on and PXE network boot.
pub const BARE_METAL_POWER_PXE_MS: Range = Range::exact(2_000.0, BARE_METAL_ESTIMATE);
/// Firmware power-on self test (BIOS/UEFI, RAID controller).
pub const BARE_METAL_POST_MS: Range = Range::new(8_000.0, 20_000.0, 120_000.0, BARE_METAL_ESTIMATE);
/// Writing the operating-system image to disk.
pub const BARE_METAL_IMAGE_WRITE_MS: Range =
    Range::new(15_000.0, 60_000.0, 300_000.0, BARE_METAL_ESTIMATE);
/// Rebooting into the installed system (a second POST).
pub const BARE_METAL_REBOOT_MS: Range = BARE_METAL_POST_MS;
/// cloud-init, SSH keys, sshd.
pub const BARE_METAL_CLOUD_INIT_MS: Range =
    Range::new(5_000.0, 10_000.0, 30_000.0, BARE_METAL_ESTIMATE);

// --- Cloud VM (§2a) ----------------------------------------------------------------------

const PERCIVAL: Source = src(
    "C. Percival, EC2 boot time benchmarking (2021)",
    "https://www.daemonology.net/blog/2021-08-12-EC2-boot-time-benchmarking.html",
    "ec2-boot-bench sample run on a c5.xlarge, 2021-08-12.",
    Confidence::Primary,
);
const PERCIVAL_PENDING: Source = src(
    "C. Percival (2021); brevdev ec2-coldboot-research",
    "https://www.daemonology.net/blog/2021-08-12-EC2-boot-time-benchmarking.html",
    "Typical 4.9 s from a 2021 c5.xlarge sample run; the 16.6 s upper bound is brevdev's \
     pending-to-running time for t3, m6i, m7i, c7i and r7i (about 2025, secondary).",
    Confidence::Primary,
);
const PERCIVAL_ESTIMATED_BOUNDS: Source = src(
    "C. Percival, EC2 boot time benchmarking (2021)",
    "https://www.daemonology.net/blog/2021-08-12-EC2-boot-time-benchmarking.html",
    "Typical value from a 2021 c5.xlarge sample run; the low and high bounds are this \
     course's estimate (the reference's suggested defaults).",
    Confidence::Primary,
);

/// `RunInstances` API call.
pub const CLOUD_VM_API_MS: Range = Range::exact(1_500.0, PERCIVAL);
/// Pending to running: placement, network interface, volume.
pub const CLOUD_VM_PENDING_MS: Range = Range::new(4_900.0, 4_900.0, 16_600.0, PERCIVAL_PENDING);
/// Firmware, kernel and init until the network is up.
pub const CLOUD_VM_KERNEL_MS: Range =
    Range::new(10_000.0, 17_200.0, 30_000.0, PERCIVAL_ESTIMATED_BOUNDS);
/// sshd starts listening.
pub const CLOUD_VM_SSHD_MS: Range =
    Range::new(3_000.0, 5_600.0, 10_000.0, PERCIVAL_ESTIMATED_BOUNDS);

// --- Firecracker microVM (§2b) -----------------------------------------------------------

const FIRECRACKER_SPEC: Source = src(
    "Firecracker SPECIFICATION.md",
    "https://github.com/firecracker-microvm/firecracker/blob/main/SPECIFICATION.md",
    "Bare-metal host, hyper-threading off; 1 vCPU, 128 MiB guest with a Firecracker-tuned \
     minimal kernel and rootfs, serial console disabled. Boot time is an upper bound \
     enforced in CI.",
    Confidence::Primary,
);

/// The VMM process starts until its API socket is ready (wall clock).
pub const FIRECRACKER_VMM_START_MS: Range = Range::new(6.0, 12.0, 60.0, FIRECRACKER_SPEC);
/// `InstanceStart` to the guest's `/sbin/init` (the specification's bound).
pub const FIRECRACKER_BOOT_MS: Range = Range::exact(125.0, FIRECRACKER_SPEC);
/// VMM memory overhead per microVM, MiB (an upper bound).
pub const FIRECRACKER_VMM_OVERHEAD_MIB: Range = Range::exact(5.0, FIRECRACKER_SPEC);

// --- Containers (§3) ---------------------------------------------------------------------

const KHAN_2026: Source = src(
    "S. Khan, Decomposing Docker Container Startup Performance (arXiv 2602.15214, 2026)",
    "https://arxiv.org/abs/2602.15214",
    "docker run with the image already local; 2 vCPU / 8 GB Azure VM, 50 runs: 568 ms on \
     Premium SSD, 1157 ms on Standard HDD.",
    Confidence::Primary,
);
const KHAN_NAMESPACES: Source = src(
    "S. Khan, arXiv 2602.15214 (2026)",
    "https://arxiv.org/abs/2602.15214",
    "Creating the Linux namespaces: 8–10 ms (under 1.5 % of start-up).",
    Confidence::Primary,
);
const CRUN_README: Source = src(
    "containers/crun README",
    "https://github.com/containers/crun",
    "100 sequential /bin/true containers: crun 1.69 s, runc 3.34 s (about 17 and 33 ms \
     each), on the author's machine. The 60 ms upper bound is this course's estimate.",
    Confidence::Primary,
);
const CRUN_MINUS_NAMESPACES: Source = src(
    "containers/crun README; arXiv 2602.15214",
    "https://github.com/containers/crun",
    "The OCI runtime's own time (crun 17 ms, runc 33 ms) minus namespace creation \
     (8–10 ms): cgroups, pivot_root, seccomp and exec.",
    Confidence::Primary,
);
const ENGINE_SHARE: Source = src(
    "S. Khan, arXiv 2602.15214 (2026); containers/crun README",
    "https://arxiv.org/abs/2602.15214",
    "docker run with a cached image (568 ms SSD, 1157 ms HDD) minus runc's typical 33 ms: \
     the Docker CLI, dockerd, containerd, snapshot mount and shim.",
    Confidence::Primary,
);
const MOBY_21737: Source = src(
    "moby/moby issue #21737 (containerd maintainer, 2018)",
    "https://github.com/moby/moby/issues/21737",
    "containerd create + start about 250 ms, said by a Docker maintainer in 2018.",
    Confidence::Primary,
);
const SLACKER: Source = src(
    "Harter et al., Slacker (USENIX FAST 2016)",
    "https://www.usenix.org/conference/fast16/technical-sessions/presentation/harter",
    "HelloBench, 57 images: pulling is 76 % of container start time; 6.4 % of the pulled \
     data is read.",
    Confidence::Primary,
);
const SLACKER_SCALED: Source = src(
    "Harter et al., Slacker (USENIX FAST 2016); arXiv 2602.15214",
    "https://www.usenix.org/conference/fast16/technical-sessions/presentation/harter",
    "The pull takes 76 % of start time (Slacker), so it is 0.76 / 0.24 times the cached \
     start (568–1157 ms). Real pulls scale with image size and bandwidth: multi-gigabyte \
     images take minutes.",
    Confidence::Secondary,
);
const CONTAINERD_SHIM: Source = src(
    "containerd/containerd issue #2020 (2018)",
    "https://github.com/containerd/containerd/issues/2020",
    "containerd-shim resident memory measured in Kubernetes end-to-end tests, 2018.",
    Confidence::Primary,
);

/// Creating the namespaces (`clone` with the `CLONE_NEW*` flags).
pub const NAMESPACES_MS: Range = Range::new(8.0, 9.0, 10.0, KHAN_NAMESPACES);
/// The OCI runtime alone for a trivial container (crun low, runc typical).
pub const OCI_RUNTIME_MS: Range = Range::new(17.0, 33.0, 60.0, CRUN_README);
/// The runtime's work after the namespaces exist.
pub const RUNTIME_AFTER_NAMESPACES_MS: Range =
    Range::new(17.0 - 8.0, 33.0 - 9.0, 60.0 - 10.0, CRUN_MINUS_NAMESPACES);
/// `docker run` end to end with the image cached (SSD typical, HDD high).
pub const DOCKER_RUN_CACHED_MS: Range = Range::new(568.0, 568.0, 1_157.0, KHAN_2026);
/// Everything in `docker run` around the OCI runtime.
pub const CONTAINER_ENGINE_MS: Range = minus(DOCKER_RUN_CACHED_MS, 33.0, ENGINE_SHARE);
/// containerd create + start.
pub const CONTAINERD_CREATE_START_MS: Range = Range::exact(250.0, MOBY_21737);
/// The share of container start time spent pulling (a fraction, not milliseconds).
pub const PULL_FRACTION: Range = Range::exact(0.76, SLACKER);
/// The share of pulled image data that a container ever reads (a fraction).
pub const PULLED_DATA_READ_FRACTION: Range = Range::exact(0.064, SLACKER);
/// Pulling the image: download and unpack the layers.
pub const IMAGE_PULL_MS: Range = scaled(DOCKER_RUN_CACHED_MS, 0.76 / 0.24, SLACKER_SCALED);
/// containerd shim resident memory per container, MB.
pub const SHIM_RSS_MB: Range = Range::new(5.2, 5.2, 8.6, CONTAINERD_SHIM);

// --- Kubernetes pods (§4) ----------------------------------------------------------------

const POD_STARTUP: Source = src(
    "Knative issues #15477 and #2484; Kubernetes pod start-up SLO",
    "https://github.com/kubernetes/community/blob/master/sig-scalability/slos/pod_startup_latency.md",
    "Image already on the node. About 800 ms (Knative on Kubernetes 1.27, 2024) and about \
     2 s (idle kubeadm cluster, 2018); the SLO's p99 of 5 s is the upper bound.",
    Confidence::Primary,
);
const POD_SPLIT: Source = src(
    "Pod start-up split (course estimate)",
    "https://github.com/kubernetes/community/blob/master/sig-scalability/slos/pod_startup_latency.md",
    "The sources give only the whole pod start-up (0.8–5 s, image cached); how it divides \
     between control plane, sandbox and probes is this course's estimate.",
    Confidence::Estimate,
);
const POD_SLO: Source = src(
    "Kubernetes SIG Scalability, pod start-up latency SLO",
    "https://github.com/kubernetes/community/blob/master/sig-scalability/slos/pod_startup_latency.md",
    "p99 per cluster-day, from creation until all containers are reported started, \
     excluding image pulls and init containers.",
    Confidence::Primary,
);
const LARGE_CLUSTERS: Source = src(
    "Kubernetes docs, Considerations for large clusters",
    "https://kubernetes.io/docs/setup/best-practices/cluster-large/",
    "Supported limits: no more than 110 pods per node (the kubelet's default maxPods) and \
     150,000 pods per cluster.",
    Confidence::Primary,
);

/// Pod creation to running on an otherwise idle cluster, image cached.
pub const POD_STARTUP_MS: Range = Range::new(800.0, 2_000.0, 5_000.0, POD_STARTUP);
/// The SLO: p99 pod start-up, excluding image pulls (an upper bound).
pub const POD_STARTUP_SLO_P99_MS: Range = Range::exact(5_000.0, POD_SLO);
/// Pods per node (the kubelet's default `maxPods`).
pub const MAX_PODS_PER_NODE: Range = Range::exact(110.0, LARGE_CLUSTERS);
/// Pods per cluster (the supported maximum).
pub const MAX_PODS_PER_CLUSTER: Range = Range::exact(150_000.0, LARGE_CLUSTERS);

/// The part of [`POD_STARTUP_MS`] that is not the container's own create + start.
const POD_OVERHEAD_MS: Range = minus(POD_STARTUP_MS, 250.0, POD_SPLIT);
/// API server admission, etcd write, scheduling and binding (an estimated share).
pub const POD_CONTROL_PLANE_MS: Range = scaled(POD_OVERHEAD_MS, 0.25, POD_SPLIT);
/// kubelet: the pod sandbox (pause container, CNI network) (an estimated share).
pub const POD_SANDBOX_MS: Range = scaled(POD_OVERHEAD_MS, 0.45, POD_SPLIT);
/// Startup and readiness probes until the pod is Ready (an estimated share).
pub const POD_PROBES_MS: Range = scaled(POD_OVERHEAD_MS, 0.30, POD_SPLIT);

// --- Serverless functions (§5a) ----------------------------------------------------------

const LAMBDA_LIFECYCLE: Source = src(
    "AWS Lambda docs, execution environment lifecycle",
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html",
    "Production workloads: cold starts in under 1 % of invocations, lasting from under \
     100 ms to over 1 s. The 300 ms typical value is this course's estimate.",
    Confidence::Primary,
);
const LAMBDA_SPLIT: Source = src(
    "Lambda cold-start split (course estimate)",
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html",
    "AWS names the phases (create the environment, download the code, start the runtime, \
     run init code) but not their durations; the split of the 100 ms – 1 s cold start is \
     this course's estimate.",
    Confidence::Estimate,
);
const PEEKING: Source = src(
    "Wang et al., Peeking Behind the Curtains of Serverless Platforms (USENIX ATC 2018)",
    "https://www.usenix.org/conference/atc18/presentation/wang-liang",
    "Median warm-start latency on AWS Lambda, 2017–2018 measurements; quoted by a blog \
     about the paper.",
    Confidence::Secondary,
);
const LAMBDA_MEMORY: Source = src(
    "AWS Lambda docs, Configure function memory",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html",
    "Memory from 128 MB (the default) to 10,240 MB; CPU is allocated in proportion, one \
     vCPU at 1,769 MB.",
    Confidence::Primary,
);

/// A cold start's added latency (init phases, before the handler).
pub const LAMBDA_COLD_START_MS: Range = Range::new(100.0, 300.0, 1_000.0, LAMBDA_LIFECYCLE);
/// The share of invocations that are cold in production (a fraction; an upper bound).
pub const LAMBDA_COLD_FRACTION: Range = Range::exact(0.01, LAMBDA_LIFECYCLE);
/// A warm invocation's platform latency (median).
pub const LAMBDA_WARM_MS: Range = Range::exact(25.0, PEEKING);
/// Configurable memory, MB.
pub const LAMBDA_MEMORY_MB: Range = Range::new(128.0, 128.0, 10_240.0, LAMBDA_MEMORY);
/// Create the execution environment (a Firecracker microVM) (an estimated share).
pub const LAMBDA_ENVIRONMENT_MS: Range = scaled(LAMBDA_COLD_START_MS, 0.25, LAMBDA_SPLIT);
/// Download the function's code (an estimated share).
pub const LAMBDA_DOWNLOAD_MS: Range = scaled(LAMBDA_COLD_START_MS, 0.25, LAMBDA_SPLIT);
/// Start the language runtime (an estimated share).
pub const LAMBDA_RUNTIME_INIT_MS: Range = scaled(LAMBDA_COLD_START_MS, 0.20, LAMBDA_SPLIT);
/// Run the function's init code outside the handler (an estimated share).
pub const LAMBDA_USER_INIT_MS: Range = scaled(LAMBDA_COLD_START_MS, 0.30, LAMBDA_SPLIT);

// --- V8 isolates (§5c) -------------------------------------------------------------------

const CLOUDFLARE_2018: Source = src(
    "Z. Bloom, Cloud Computing without Containers (Cloudflare blog, 2018)",
    "https://blog.cloudflare.com/cloud-computing-without-containers/",
    "Isolates start in about 5 ms (single-digit milliseconds per later Cloudflare posts); \
     about 3 MB of memory each. The 1–10 ms bounds are the reference's.",
    Confidence::Primary,
);
const ISOLATE_SPLIT: Source = src(
    "Isolate start-up split (course estimate)",
    "https://blog.cloudflare.com/cloud-computing-without-containers/",
    "Cloudflare names the phases (fetch the script, compile, run top-level code) and the \
     total (about 5 ms); the split is this course's estimate.",
    Confidence::Estimate,
);

/// A V8 isolate's cold start.
pub const ISOLATE_START_MS: Range = Range::new(1.0, 5.0, 10.0, CLOUDFLARE_2018);
/// Memory per isolate, MB.
pub const ISOLATE_MEMORY_MB: Range = Range::exact(3.0, CLOUDFLARE_2018);
/// Fetch the script (an estimated share).
pub const ISOLATE_FETCH_MS: Range = scaled(ISOLATE_START_MS, 0.2, ISOLATE_SPLIT);
/// Compile the script (an estimated share).
pub const ISOLATE_COMPILE_MS: Range = scaled(ISOLATE_START_MS, 0.4, ISOLATE_SPLIT);
/// Run the script's top-level code (an estimated share).
pub const ISOLATE_TOP_LEVEL_MS: Range = scaled(ISOLATE_START_MS, 0.4, ISOLATE_SPLIT);

// --- WebAssembly (§6) --------------------------------------------------------------------

const WASMTIME_INSTANTIATE: Source = src(
    "Wasmtime PRs #3733 and #2900; Sightglass PR #162",
    "https://github.com/bytecodealliance/wasmtime/pull/2900",
    "Instantiating a precompiled module: 1.17 µs for an empty module (2022), 26.9 µs for a \
     Rust WASI hello world with the pooling allocator (2021), 126 µs for SpiderMonkey \
     (2022). Compilation is done ahead of time and not counted.",
    Confidence::Primary,
);
const LUCET: Source = src(
    "Fastly, Announcing Lucet (2019)",
    "https://www.fastly.com/blog/announcing-lucet-fastly-native-webassembly-compiler-runtime",
    "Instantiation under 50 µs with a few kilobytes of memory overhead; tens of thousands \
     of programs in one process.",
    Confidence::Primary,
);

/// Instantiate a precompiled module (milliseconds: 1.17 µs to 126 µs).
pub const WASM_INSTANTIATE_MS: Range = Range::new(0.001_17, 0.026_9, 0.126, WASMTIME_INSTANTIATE);
/// Lucet's instantiation time, under 50 µs (an upper bound, in milliseconds).
pub const LUCET_INSTANTIATE_MS: Range = Range::exact(0.05, LUCET);
/// Lucet's citation, for the qualitative claims ("a few kilobytes", "tens of thousands").
pub const LUCET_SOURCE: Source = LUCET;

// --- Processes (§2c) ---------------------------------------------------------------------

const LIGHTVM: Source = src(
    "Manco et al., My VM is Lighter (and Safer) than your Container (SOSP 2017)",
    "https://dl.acm.org/doi/10.1145/3132747.3132763",
    "Linux fork/exec about 1 ms, against 2.3 ms for a LightVM guest (abstract).",
    Confidence::Primary,
);

/// fork + exec of a process on Linux.
pub const FORK_EXEC_MS: Range = Range::exact(1.0, LIGHTVM);

// --- Bare-metal utilisation (lesson 1) ---------------------------------------------------

const NRDC: Source = src(
    "NRDC and Anthesis, Data Center Efficiency Assessment (2014)",
    "https://www.nrdc.org/sites/default/files/data-center-efficiency-assessment-IP.pdf",
    "US data centers, issue paper IP:14-08-a, August 2014: average server utilisation \
     12–18 %.",
    Confidence::Primary,
);

/// Average utilisation of a US data-center server (a fraction).
pub const SERVER_UTILISATION: Range = Range::new(0.12, 0.12, 0.18, NRDC);
