//! Where the stack descriptions come from.

use crate::eras::sourced::{Confidence, Source};

pub(super) static UEFI: Source = Source {
    label: "UEFI Specification 2.11, ch. 7–8",
    url: "https://uefi.org/specs/UEFI/2.11/07_Services_Boot_Services.html",
    conditions: "Boot services end at ExitBootServices(); only runtime services (time, variables, reset) remain",
    confidence: Confidence::Primary,
};

pub(super) static NVME: Source = Source {
    label: "NVM Express Base Specification",
    url: "https://nvmexpress.org/specifications/",
    conditions: "Submission and completion queues in host memory, 64-byte commands, doorbell registers",
    confidence: Confidence::Primary,
};

pub(super) static BLK_MQ: Source = Source {
    label: "Linux kernel docs: blk-mq",
    url: "https://docs.kernel.org/block/blk-mq.html",
    conditions: "The block layer queues requests for the device driver",
    confidence: Confidence::Primary,
};

pub(super) static CREDENTIALS: Source = Source {
    label: "Linux man-pages: credentials(7)",
    url: "https://man7.org/linux/man-pages/man7/credentials.7.html",
    conditions: "Every process carries user and group IDs that the kernel checks",
    confidence: Confidence::Primary,
};

pub(super) static VIRTIO: Source = Source {
    label: "OASIS VIRTIO 1.2",
    url: "https://docs.oasis-open.org/virtio/virtio/v1.2/virtio-v1.2.html",
    conditions: "Paravirtual devices: queues shared between guest driver and device, notifications",
    confidence: Confidence::Primary,
};

pub(super) static XEN_BACKEND: Source = Source {
    label: "NetBSD xbdback(4)",
    url: "https://man.netbsd.org/xbdback.4",
    conditions: "Xen's back-end block driver runs in dom0, backed by a physical device or an image file",
    confidence: Confidence::Primary,
};

pub(super) static GOLDBERG: Source = Source {
    label: "Goldberg, PhD thesis, 1973",
    url: "https://apps.dtic.mil/sti/citations/AD0772809",
    conditions: "Type I monitors run on the bare machine; type II run on a host operating system",
    confidence: Confidence::Primary,
};

pub(super) static FIRECRACKER: Source = Source {
    label: "Firecracker docs/design.md",
    url: "https://github.com/firecracker-microvm/firecracker/blob/main/docs/design.md",
    conditions: "One process per microVM; emulated virtio net and block backed by host TAP devices and files",
    confidence: Confidence::Primary,
};

pub(super) static NAMESPACES: Source = Source {
    label: "Linux man-pages: namespaces(7)",
    url: "https://man7.org/linux/man-pages/man7/namespaces.7.html",
    conditions: "A namespace wraps a global resource so a process sees its own instance",
    confidence: Confidence::Primary,
};

pub(super) static RUNTIME_V2: Source = Source {
    label: "containerd docs: Runtime v2",
    url: "https://github.com/containerd/containerd/blob/main/docs/runtime-v2.md",
    conditions: "The shim starts the container and reports its exit; it is not in the data path",
    confidence: Confidence::Primary,
};

pub(super) static PAUSE: Source = Source {
    label: "Kubernetes build/pause/linux/pause.c",
    url: "https://github.com/kubernetes/kubernetes/blob/master/build/pause/linux/pause.c",
    conditions: "Reaps orphans and otherwise calls pause() forever",
    confidence: Confidence::Primary,
};

pub(super) static CRI: Source = Source {
    label: "Kubernetes CRI api.proto",
    url: "https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto",
    conditions: "RunPodSandbox, CreateContainer, StartContainer: control calls, not data",
    confidence: Confidence::Primary,
};

pub(super) static LAMBDA_FIRECRACKER: Source = Source {
    label: "Firecracker project site",
    url: "https://firecracker-microvm.github.io/",
    conditions: "Firecracker powers AWS Lambda and AWS Fargate",
    confidence: Confidence::Primary,
};

pub(super) static WASI: Source = Source {
    label: "WebAssembly/WASI",
    url: "https://github.com/WebAssembly/WASI",
    conditions: "Capability-based: a module reaches files or sockets only through what the host grants",
    confidence: Confidence::Primary,
};
