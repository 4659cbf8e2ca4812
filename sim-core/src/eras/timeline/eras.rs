//! The era data: milestones with their sources and the comparison rows. Prose cells repeat
//! the overview page's table; every number is a [`Figure`] built from the sourced ranges in
//! `startup::figures`.

use super::{Cell, Era, Figure, Milestone, Row, Show, Unit, Value};
use crate::eras::{
    sourced::{Confidence, Source},
    startup::{LaneId, figures as f},
};

const fn src(label: &'static str, url: &'static str, conditions: &'static str) -> Source {
    Source { label, url, conditions, confidence: Confidence::Primary }
}

const fn text(text: &'static str) -> Cell {
    Cell { text, figures: &[], sources: &[] }
}

const fn fig(
    label: &'static str,
    range: crate::eras::sourced::Range,
    unit: Unit,
    show: Show,
) -> Figure {
    Figure { label, value: Value::Fixed(range), unit, show }
}

const fn milestone(year: u16, month: u8, event: &'static str, source: Source) -> Milestone {
    Milestone { year, month: if month == 0 { None } else { Some(month) }, event, source }
}

const BARROSO: Source = src(
    "Barroso and Hölzle, The Case for Energy-Proportional Computing (IEEE Computer, 2007)",
    "https://research.google/pubs/the-case-for-energy-proportional-computing/",
    "Utilisation of 5,000 Google servers over six months.",
);
const NRDC: Source = src(
    "NRDC and Anthesis, Data Center Efficiency Assessment (2014)",
    "https://www.nrdc.org/sites/default/files/data-center-efficiency-assessment-IP.pdf",
    "US data centers, August 2014: average server utilisation 12–18 %.",
);
const EQUINIX: Source = Source {
    label: "Equinix Metal docs, On-Demand servers",
    url: "https://deploy.equinix.com/developers/docs/metal/deploy/on-demand/",
    conditions: "Servers \"deploy … within minutes\"; inventory is not guaranteed. No number given.",
    confidence: Confidence::Secondary,
};
const CTSS: Source = src(
    "Corbató, Merwin-Daggett and Daley, An Experimental Time-Sharing System (AFIPS, 1962)",
    "https://doi.org/10.1145/1460833.1460871",
    "CTSS, presented at the Spring Joint Computer Conference, May 1962.",
);
const UNIX: Source = src(
    "Ritchie and Thompson, The UNIX Time-Sharing System (CACM, July 1974)",
    "https://doi.org/10.1145/361011.361061",
    "A general-purpose, multi-user, interactive operating system.",
);
const JAIL: Source = src(
    "FreeBSD manual, jail(8), HISTORY",
    "https://man.freebsd.org/cgi/man.cgi?query=jail&sektion=8",
    "\"The jail utility appeared in FreeBSD 4.0\" (March 2000).",
);
const CGROUPS: Source = src(
    "Linux manual, cgroups(7)",
    "https://man7.org/linux/man-pages/man7/cgroups.7.html",
    "\"The initial release of the cgroups implementation was in Linux 2.6.24\" (January 2008).",
);
const GOLDBERG: Source = src(
    "R. P. Goldberg, Architectural Principles for Virtual Computer Systems (thesis, 1973)",
    "https://apps.dtic.mil/sti/citations/AD0772809",
    "Harvard University, February 1973: type I and type II monitors.",
);
const VMWARE: Source = src(
    "Bugnion et al., Bringing Virtualization to the x86 Architecture (ACM TOCS, 2012)",
    "https://doi.org/10.1145/2382553.2382554",
    "VMware Workstation, first shipped in 1999, used binary translation.",
);
const XEN: Source = src(
    "Barham et al., Xen and the Art of Virtualization (SOSP 2003)",
    "https://doi.org/10.1145/945445.945462",
    "Paravirtualization: a modified guest kernel calls the hypervisor.",
);
const EC2: Source = src(
    "AWS, Announcing Amazon EC2 (beta), 24 August 2006",
    "https://aws.amazon.com/about-aws/whats-new/2006/08/24/announcing-amazon-elastic-compute-cloud-amazon-ec2---beta/",
    "Virtual machines rented by the hour.",
);
const KVM: Source = src(
    "Kernel Newbies, Linux 2.6.20",
    "https://kernelnewbies.org/Linux_2_6_20",
    "February 2007: KVM merged into the kernel.",
);
const FIRECRACKER: Source = src(
    "AWS News Blog, Firecracker – Lightweight Virtualization for Serverless Computing",
    "https://aws.amazon.com/blogs/aws/firecracker-lightweight-virtualization-for-serverless-computing/",
    "26 November 2018: Firecracker open-sourced; it runs AWS Lambda and Fargate.",
);
const PERCIVAL_TOTAL: Source = src(
    "C. Percival, EC2 boot time benchmarking (2021)",
    "https://www.daemonology.net/blog/2021-08-12-EC2-boot-time-benchmarking.html",
    "Sum of the cloud-VM lane's phases: RunInstances, pending to running, kernel and init, \
     sshd; typical values from a 2021 c5.xlarge sample run.",
);
const BARE_METAL_TOTAL: Source = Source {
    label: "Bare-metal provisioning estimate (vendor figures, coreboot list)",
    url: "https://sigilhosting.com/blog-bare-metal-provisioning",
    conditions: "Sum of the bare-metal lane's estimated phases, from a pool of powered-on \
                 servers; buying hardware takes days to weeks.",
    confidence: Confidence::Estimate,
};
const DOCKER_TALK: Source = src(
    "S. Hykes, The future of Linux Containers (PyCon US lightning talk, March 2013)",
    "https://www.youtube.com/watch?v=wW9CAH9nSLs",
    "Docker first shown in public.",
);
const DOCKER_111: Source = src(
    "Docker blog, Docker 1.11: the first runtime built on containerd (April 2016)",
    "https://www.docker.com/blog/docker-engine-1-11-runc/",
    "Docker Engine on containerd and runc.",
);
const OCI_10: Source = src(
    "Open Container Initiative, runtime-spec v1.0.0 (July 2017)",
    "https://github.com/opencontainers/runtime-spec/releases/tag/v1.0.0",
    "Runtime and image specifications reach 1.0.",
);
const K8S_10: Source = src(
    "CNCF blog, Happy 1st Birthday Kubernetes (21 July 2016)",
    "https://www.cncf.io/blog/2016/07/21/happy-1st-birthday-kubernetes/",
    "\"One year ago today, Kubernetes was released\": version 1.0 on 21 July 2015.",
);
const BORG: Source = src(
    "Burns, Grant, Oppenheimer, Brewer and Wilkes, Borg, Omega, and Kubernetes (ACM Queue, 2016)",
    "https://queue.acm.org/detail.cfm?id=2898444",
    "Google's lessons from three container-management systems.",
);
const DOCKERSHIM: Source = src(
    "Kubernetes blog, Kubernetes 1.24: Stargazer (3 May 2022)",
    "https://kubernetes.io/blog/2022/05/03/kubernetes-1-24-release-announcement/",
    "dockershim removed: the kubelet talks to containerd or CRI-O directly.",
);
const SIDECARS: Source = src(
    "Kubernetes blog, Kubernetes v1.33: Octarine (23 April 2025)",
    "https://kubernetes.io/blog/2025/04/23/kubernetes-v1-33-release/",
    "Native sidecar containers graduate to stable.",
);
const LAMBDA_10: Source = src(
    "W. Vogels, AWS Lambda turns 10 (All Things Distributed, November 2024)",
    "https://allthingsdistributed.com/2024/11/aws-lambda-turns-10-a-rare-look-at-the-doc-that-started-it.html",
    "Lambda was announced at re:Invent in November 2014.",
);
const SNAPSTART: Source = src(
    "AWS Compute Blog, Starting up faster with AWS Lambda SnapStart (November 2022)",
    "https://aws.amazon.com/blogs/compute/starting-up-faster-with-aws-lambda-snapstart/",
    "Restore a snapshot of an initialised environment: \"up to 10x faster\" start-up for Java.",
);
const INIT_BILLING: Source = src(
    "AWS Compute Blog, AWS Lambda standardizes billing for INIT Phase",
    "https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/",
    "From 1 August 2025 the INIT phase is billed like handler time.",
);
const LAMBDA_SANDBOX: Source = src(
    "Firecracker project site",
    "https://firecracker-microvm.github.io/",
    "\"Firecracker powers AWS Lambda and AWS Fargate.\"",
);
const LUCET_ANNOUNCE: Source = src(
    "Fastly, Announcing Lucet (28 March 2019)",
    "https://www.fastly.com/blog/announcing-lucet-fastly-native-webassembly-compiler-runtime",
    "Instantiation under 50 µs, a few kilobytes per instance, tens of thousands of programs \
     in one process.",
);
const W3C: Source = src(
    "W3C, WebAssembly Core Specification becomes a Recommendation (5 December 2019)",
    "https://www.w3.org/TR/wasm-core-1/",
    "WebAssembly 1.0 as a W3C Recommendation.",
);
const WASI_02: Source = src(
    "WASI releases",
    "https://wasi.dev/releases",
    "\"WASI 0.2 was released end of January 2024\", on the component model.",
);
const SPINKUBE: Source = src(
    "SpinKube, Introducing SpinKube (13 March 2024)",
    "https://www.spinkube.dev/",
    "An operator, a runwasi-based containerd shim and a runtime-class manager for Spin apps.",
);
const WASI_03: Source = src(
    "WebAssembly/WASI release v0.3.0 (11 June 2026)",
    "https://github.com/WebAssembly/WASI/releases/tag/v0.3.0",
    "Native async in the component model: async functions, streams and futures.",
);
const WASM_SIZES: Source = Source {
    label: "Tophe, Building components in multiple languages (dev.to)",
    url: "https://dev.to/topheman/webassembly-component-model-building-components-in-multiple-languages-27kg",
    conditions: "The same echo component: C 56 KB, Rust 72 KB, TinyGo 332 KB, TypeScript 12 MB.",
    confidence: Confidence::Secondary,
};

/// Every era, in the order the course tells them.
pub const ERAS: [Era; 7] = [
    Era {
        key: "bare-metal",
        name: "Bare metal",
        lesson: "bare-metal",
        summary: "One application per physical server: simple isolation, paid for in idle hardware.",
        milestones: &[
            milestone(
                2007,
                12,
                "Google reports its servers rarely idle but mostly far from fully used.",
                BARROSO,
            ),
            milestone(2014, 8, "A US study puts average server utilisation at 12–18 %.", NRDC),
        ],
        row: Row {
            isolation: text("Physical: a whole machine"),
            density: Cell {
                text: "One application per server",
                figures: &[fig(
                    "Average server utilisation, US data centers (2014)",
                    f::SERVER_UTILISATION,
                    Unit::Fraction,
                    Show::LowToHigh,
                )],
                sources: &[],
            },
            startup: Cell {
                text: "Minutes when a provider has a server ready",
                figures: &[Figure {
                    label: "Automated provisioning to SSH (estimate)",
                    value: Value::LaneTotal(LaneId::BareMetal, BARE_METAL_TOTAL),
                    unit: Unit::Ms,
                    show: Show::LowToHigh,
                }],
                sources: &[EQUINIX],
            },
            overhead: text("None — but the idle hardware is the overhead"),
            unit: text("A server, installed by hand or by a provisioning tool"),
            operates: text("You: hardware, firmware, OS, application"),
        },
    },
    Era {
        key: "shared-server",
        name: "Shared server",
        lesson: "sharing-a-server",
        summary: "Many users and programs on one operating system: dense, but one kernel and one set of libraries for all.",
        milestones: &[
            milestone(1962, 5, "CTSS lets many people use one expensive computer at once.", CTSS),
            milestone(1974, 7, "Unix is described as a general-purpose, multi-user system.", UNIX),
            milestone(
                2000,
                3,
                "FreeBSD 4.0 ships jails: a process tree with its own root and address.",
                JAIL,
            ),
            milestone(
                2008,
                1,
                "Linux 2.6.24 adds control groups to budget CPU and memory per group.",
                CGROUPS,
            ),
        ],
        row: Row {
            isolation: text("Users, permissions and processes; one kernel, one set of libraries"),
            density: text("Many programs per OS"),
            startup: Cell {
                text: "Start a process",
                figures: &[fig(
                    "fork and exec a process",
                    f::FORK_EXEC_MS,
                    Unit::Ms,
                    Show::Typical,
                )],
                sources: &[],
            },
            overhead: text("A process"),
            unit: text("A package or binary installed on the host"),
            operates: text("One admin team runs the OS for every tenant"),
        },
    },
    Era {
        key: "virtual-machines",
        name: "Virtual machines",
        lesson: "virtual-machines",
        summary: "A hypervisor gives each application its own kernel on shared hardware; clouds rent them by the hour.",
        milestones: &[
            milestone(
                1973,
                2,
                "Goldberg sorts virtual machine monitors into type I and type II.",
                GOLDBERG,
            ),
            milestone(1999, 0, "VMware virtualizes x86 with binary translation.", VMWARE),
            milestone(2003, 10, "Xen publishes paravirtualization.", XEN),
            milestone(2006, 8, "Amazon EC2 rents virtual machines by the hour.", EC2),
            milestone(2007, 2, "KVM is merged into Linux 2.6.20.", KVM),
            milestone(
                2018,
                11,
                "AWS open-sources Firecracker, the microVM monitor under Lambda.",
                FIRECRACKER,
            ),
        ],
        row: Row {
            isolation: text("Hardware-assisted: a separate kernel per guest"),
            density: text("Bounded by guest memory"),
            startup: Cell {
                text: "Boot a whole guest",
                figures: &[
                    Figure {
                        label: "Cloud VM, API call to SSH",
                        value: Value::LaneTotal(LaneId::CloudVm, PERCIVAL_TOTAL),
                        unit: Unit::Ms,
                        show: Show::Typical,
                    },
                    fig(
                        "Firecracker microVM, InstanceStart to init",
                        f::FIRECRACKER_BOOT_MS,
                        Unit::Ms,
                        Show::AtMost,
                    ),
                ],
                sources: &[],
            },
            overhead: Cell {
                text: "A whole guest OS",
                figures: &[fig(
                    "Firecracker VMM per microVM",
                    f::FIRECRACKER_VMM_OVERHEAD_MIB,
                    Unit::Mib,
                    Show::AtMost,
                )],
                sources: &[],
            },
            unit: text("A disk image (golden image)"),
            operates: text("The cloud runs hardware and hypervisor; you run the guest OS and up"),
        },
    },
    Era {
        key: "containers",
        name: "Containers",
        lesson: "containers",
        summary: "Namespaces and cgroups isolate processes on one kernel; images carry their files.",
        milestones: &[
            milestone(2013, 3, "Docker is shown for the first time.", DOCKER_TALK),
            milestone(2016, 4, "Docker 1.11 runs on containerd and runc.", DOCKER_111),
            milestone(2017, 7, "The OCI runtime and image specifications reach 1.0.", OCI_10),
        ],
        row: Row {
            isolation: text("Namespaces and cgroups; one shared kernel"),
            density: text("Many per host"),
            startup: Cell {
                text: "Start a process in new namespaces",
                figures: &[
                    fig(
                        "OCI runtime alone (crun, runc)",
                        f::OCI_RUNTIME_MS,
                        Unit::Ms,
                        Show::LowToTypical,
                    ),
                    fig(
                        "docker run, image cached on SSD",
                        f::DOCKER_RUN_CACHED_MS,
                        Unit::Ms,
                        Show::Typical,
                    ),
                    fig(
                        "Share of start time spent pulling",
                        f::PULL_FRACTION,
                        Unit::Fraction,
                        Show::Typical,
                    ),
                ],
                sources: &[],
            },
            overhead: Cell {
                text: "A containerd shim per container",
                figures: &[fig(
                    "containerd shim, resident memory",
                    f::SHIM_RSS_MB,
                    Unit::Mb,
                    Show::LowToHigh,
                )],
                sources: &[],
            },
            unit: text("An OCI image"),
            operates: text("You run host OS and runtime; the image carries the app's userland"),
        },
    },
    Era {
        key: "pods",
        name: "Kubernetes pods",
        lesson: "pods",
        summary: "Containers grouped into pods and placed, healed and rolled out by a control plane.",
        milestones: &[
            milestone(2015, 7, "Kubernetes 1.0 is released.", K8S_10),
            milestone(
                2016,
                0,
                "Google describes the Borg and Omega lessons behind Kubernetes.",
                BORG,
            ),
            milestone(
                2022,
                5,
                "Kubernetes 1.24 removes dockershim and talks CRI to containerd directly.",
                DOCKERSHIM,
            ),
            milestone(2025, 4, "Native sidecar containers are stable in v1.33.", SIDECARS),
        ],
        row: Row {
            isolation: text("Container isolation, grouped in a pod sandbox"),
            density: Cell {
                text: "Limited per node and per cluster",
                figures: &[
                    fig(
                        "Pods per node (kubelet default)",
                        f::MAX_PODS_PER_NODE,
                        Unit::Count,
                        Show::AtMost,
                    ),
                    fig(
                        "Pods per cluster (supported)",
                        f::MAX_PODS_PER_CLUSTER,
                        Unit::Count,
                        Show::AtMost,
                    ),
                ],
                sources: &[],
            },
            startup: Cell {
                text: "Schedule, set up the sandbox, start the containers",
                figures: &[
                    fig(
                        "p99 from creation to running, no image pull (SLO)",
                        f::POD_STARTUP_SLO_P99_MS,
                        Unit::Ms,
                        Show::AtMost,
                    ),
                    fig(
                        "Idle cluster, image cached",
                        f::POD_STARTUP_MS,
                        Unit::Ms,
                        Show::LowToTypical,
                    ),
                ],
                sources: &[],
            },
            overhead: text("A pause container and shim per pod"),
            unit: text("A manifest: Deployment, Service"),
            operates: text(
                "A control plane (often managed) runs the cluster; you declare desired state",
            ),
        },
    },
    Era {
        key: "serverless",
        name: "Serverless functions",
        lesson: "serverless",
        summary: "Functions billed per request and millisecond, scaled to zero, paid for with cold starts.",
        milestones: &[
            milestone(2014, 11, "AWS Lambda is announced.", LAMBDA_10),
            milestone(
                2018,
                11,
                "Firecracker, the microVM under Lambda, is open-sourced.",
                FIRECRACKER,
            ),
            milestone(
                2022,
                11,
                "SnapStart restores initialised environments from snapshots.",
                SNAPSTART,
            ),
            milestone(2025, 8, "Lambda bills the INIT phase like handler time.", INIT_BILLING),
        ],
        row: Row {
            isolation: Cell {
                text: "A microVM per execution environment (AWS Lambda)",
                figures: &[],
                sources: &[LAMBDA_SANDBOX],
            },
            density: text("The provider's problem"),
            startup: Cell {
                text: "Warm most of the time; sometimes cold",
                figures: &[
                    fig(
                        "Invocations that start cold",
                        f::LAMBDA_COLD_FRACTION,
                        Unit::Fraction,
                        Show::Under,
                    ),
                    fig("Cold start", f::LAMBDA_COLD_START_MS, Unit::Ms, Show::LowToHigh),
                    fig(
                        "Warm invocation, median (2018)",
                        f::LAMBDA_WARM_MS,
                        Unit::Ms,
                        Show::Typical,
                    ),
                ],
                sources: &[],
            },
            overhead: Cell {
                text: "You pay for configured memory",
                figures: &[fig(
                    "Configurable memory",
                    f::LAMBDA_MEMORY_MB,
                    Unit::Mb,
                    Show::LowToHigh,
                )],
                sources: &[],
            },
            unit: text("A function plus managed backends"),
            operates: text("The provider runs everything below your code"),
        },
    },
    Era {
        key: "webassembly",
        name: "WebAssembly",
        lesson: "webassembly",
        summary: "A portable sandbox that instantiates in microseconds and can touch only what it is given.",
        milestones: &[
            milestone(
                2019,
                3,
                "Fastly announces Lucet: Wasm instances in under 50 µs.",
                LUCET_ANNOUNCE,
            ),
            milestone(2019, 12, "WebAssembly becomes a W3C Recommendation.", W3C),
            milestone(2024, 1, "WASI 0.2 is released on the component model.", WASI_02),
            milestone(
                2024,
                3,
                "SpinKube runs Wasm apps on Kubernetes through a containerd shim.",
                SPINKUBE,
            ),
            milestone(2026, 6, "WASI 0.3 brings native async.", WASI_03),
        ],
        row: Row {
            isolation: text("A linear-memory sandbox with capabilities, many per process"),
            density: Cell {
                text: "Tens of thousands of instances per process",
                figures: &[],
                sources: &[LUCET_ANNOUNCE],
            },
            startup: Cell {
                text: "Instantiate a precompiled module; milliseconds end to end",
                figures: &[fig(
                    "Instantiate a precompiled module (Wasmtime)",
                    f::WASM_INSTANTIATE_MS,
                    Unit::Ms,
                    Show::LowToTypical,
                )],
                sources: &[],
            },
            overhead: Cell {
                text: "A few kilobytes plus the module's memory",
                figures: &[],
                sources: &[LUCET_ANNOUNCE],
            },
            unit: Cell {
                text: "A .wasm module or component, kilobytes to megabytes",
                figures: &[],
                sources: &[WASM_SIZES],
            },
            operates: text("A platform or a Kubernetes shim runs the runtime; you ship the module"),
        },
    },
];
