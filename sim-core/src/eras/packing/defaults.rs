//! Sourced overheads and the example workload.
//!
//! The overheads are [`Range`]s with their sources; the workload (applications and server
//! size) is an example the reader can change, not a measurement, and the UI says so.

use super::{App, Need, WasmFit};
use crate::eras::sourced::{Confidence, Range, Source};

/// Memory a Linux operating system uses before any application runs, in MiB. Used for each
/// host OS and for each Linux guest in a VM.
pub static LINUX_OS_MIB: Range = Range::new(
    38.0,
    88.0,
    300.0,
    Source {
        label: "TierHive: minimising Debian 13 on a KVM VPS",
        url: "https://tierhive.com/blog/tierhive-howto/debian-13-minimal-guide-reduce-ram-to-38mb-and-disk-to-275mb",
        conditions: "Fresh Debian 13 cloud VM: 88 MiB used after cloud-init, 38 MiB stripped down (2025). The 300 MiB upper end is the project reference's estimate for a full distribution with services (not measured)",
        confidence: Confidence::Secondary,
    },
);

/// Minimum memory for a Windows Server guest, in MiB.
pub static WINDOWS_OS_MIB: Range = Range::new(
    512.0,
    512.0,
    2048.0,
    Source {
        label: "Microsoft Learn: Windows Server hardware requirements",
        url: "https://learn.microsoft.com/en-us/windows-server/get-started/hardware-requirements",
        conditions: "Minimum RAM: 512 MB for Server Core, 2 GB with the Desktop Experience; real use is higher",
        confidence: Confidence::Primary,
    },
);

/// Resident memory (RSS) of one containerd shim, in KiB.
pub static SHIM_RSS_KIB: Range = Range::new(
    5248.0,
    5660.0,
    9376.0,
    Source {
        label: "containerd PR #1767 and issue #2020",
        url: "https://github.com/containerd/containerd/pull/1767",
        conditions: "RSS 9376 KiB before and 5248 KiB after the switch to ttrpc (2017, two containers); 5260–8608 KiB per shim in Kubernetes node e2e tests (issue #2020, 2018)",
        confidence: Confidence::Primary,
    },
);

/// Proportional set size (PSS: shared pages split between the processes sharing them) of one
/// containerd shim, in KiB.
pub static SHIM_PSS_KIB: Range = Range::new(
    1212.0,
    1212.0,
    5644.0,
    Source {
        label: "containerd PR #1767",
        url: "https://github.com/containerd/containerd/pull/1767",
        conditions: "PSS 5644 KiB before and 1212 KiB after the switch to ttrpc (2017, two containers running)",
        confidence: Confidence::Primary,
    },
);

/// Runtime memory per Wasm instance beyond its linear memory, in KiB.
pub static WASM_INSTANCE_KIB: Range = Range::new(
    2.0,
    4.0,
    10.0,
    Source {
        label: "Fastly: Announcing Lucet (2019)",
        url: "https://www.fastly.com/blog/announcing-lucet-fastly-native-webassembly-compiler-runtime",
        conditions: "\"a few kilobytes of memory overhead\" per instance, read here as 2–10 KiB; linear memory (the app's own data) comes on top",
        confidence: Confidence::Primary,
    },
);

/// Default server memory of the example, in MiB (16 GiB).
pub const SERVER_RAM_MIB: u64 = 16 * 1024;

/// Default server CPU of the example, in millicores (8 cores).
pub const SERVER_CPU_MILLIS: u64 = 8000;

const NO_SOURCE: &str = "an existing Linux binary: Wasm needs the source code, recompiled";
const NO_THREADS: &str =
    "built around a thread pool: WASI has no standard way to start threads yet";

/// The example workload: eight applications of a small company, one of them noisy.
pub static APPS: [App; 8] = [
    App {
        name: "web shop",
        ram_mib: 4096,
        cpu_millis: 2000,
        cpu_millis_demand: 2000,
        threads: 4,
        needs: &[Need::Port(443), Need::Library("openssl", "3")],
        wasm: WasmFit::Yes,
    },
    App {
        name: "database",
        ram_mib: 8192,
        cpu_millis: 2000,
        cpu_millis_demand: 2000,
        threads: 8,
        needs: &[Need::Port(5432)],
        wasm: WasmFit::No(NO_THREADS),
    },
    App {
        name: "mail",
        ram_mib: 3072,
        cpu_millis: 1000,
        cpu_millis_demand: 1000,
        threads: 4,
        needs: &[Need::Port(25), Need::Library("openssl", "3")],
        wasm: WasmFit::No(NO_SOURCE),
    },
    App {
        name: "payroll",
        ram_mib: 2048,
        cpu_millis: 500,
        cpu_millis_demand: 500,
        threads: 2,
        needs: &[Need::Library("openssl", "1.1")],
        wasm: WasmFit::No(NO_SOURCE),
    },
    App {
        name: "reports",
        ram_mib: 2048,
        cpu_millis: 1000,
        // Forty busy worker processes, as in lesson 2: it asks for far more than it planned.
        cpu_millis_demand: 40_000,
        threads: 40,
        needs: &[Need::Library("python", "3.8")],
        wasm: WasmFit::No("forks forty worker processes"),
    },
    App {
        name: "blog",
        ram_mib: 1536,
        cpu_millis: 500,
        cpu_millis_demand: 500,
        threads: 2,
        needs: &[Need::Port(443), Need::Library("php", "7.4")],
        wasm: WasmFit::Yes,
    },
    App {
        name: "wiki",
        ram_mib: 1024,
        cpu_millis: 500,
        cpu_millis_demand: 500,
        threads: 2,
        needs: &[Need::Port(443), Need::Library("php", "8.3")],
        wasm: WasmFit::Yes,
    },
    App {
        name: "monitoring",
        ram_mib: 1024,
        cpu_millis: 500,
        cpu_millis_demand: 500,
        threads: 2,
        needs: &[Need::Port(9090), Need::Library("python", "3.12")],
        wasm: WasmFit::Yes,
    },
];
