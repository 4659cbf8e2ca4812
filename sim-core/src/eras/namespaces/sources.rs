//! Where the namespace rules come from.

use crate::eras::sourced::{Confidence, Source};

/// Which namespaces a pod shares, and the PID default.
pub static CRI_NAMESPACES: Source = Source {
    label: "Kubernetes CRI api.proto: NamespaceOption",
    url: "https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto",
    conditions: "Network and IPC are POD (or NODE with hostNetwork/hostIPC); PID is CONTAINER unless shareProcessNamespace (POD); TARGET joins another container's PID namespace; user namespace POD or NODE",
    confidence: Confidence::Primary,
};

/// The pod shares its hostname; containers share IP and ports.
pub static PODS: Source = Source {
    label: "Kubernetes docs: Pods",
    url: "https://kubernetes.io/docs/concepts/workloads/pods/",
    conditions: "Containers in a pod share an IP address and port space and see the pod's name as hostname",
    confidence: Confidence::Primary,
};

/// With hostNetwork the sandbox keeps the node's network and UTS namespaces.
pub static HOST_NETWORK: Source = Source {
    label: "containerd CRI podsandbox/sandbox_run_linux.go",
    url: "https://github.com/containerd/containerd/blob/main/internal/cri/server/podsandbox/sandbox_run_linux.go",
    conditions: "NamespaceMode NODE for the network drops both the network and the UTS namespace from the sandbox spec",
    confidence: Confidence::Primary,
};

/// Sharing the PID namespace: pause is PID 1, /proc/$pid/root shows other file systems.
pub static SHARE_PID: Source = Source {
    label: "Kubernetes docs: Share Process Namespace",
    url: "https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/",
    conditions: "With shareProcessNamespace the pause process is PID 1 and container file systems are visible through /proc/$pid/root",
    confidence: Confidence::Primary,
};

/// Ephemeral containers and `--target`.
pub static EPHEMERAL: Source = Source {
    label: "Kubernetes docs: Ephemeral Containers; Debug Running Pods",
    url: "https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/",
    conditions: "kubectl debug --target puts the debug container in the target container's PID namespace; ephemeral containers have no ports, probes or resources and are never restarted",
    confidence: Confidence::Primary,
};

/// What `kubectl debug` profiles add.
pub static PROFILES: Source = Source {
    label: "KEP-1441: kubectl debug profiles",
    url: "https://github.com/kubernetes/enhancements/tree/master/keps/sig-cli/1441-kubectl-debug",
    conditions: "The general profile sets SYS_PTRACE on an ephemeral container; legacy is the default until kubectl 1.35, general from 1.35",
    confidence: Confidence::Primary,
};

/// Who may look into /proc/PID/root.
pub static PTRACE_ACCESS: Source = Source {
    label: "Linux man-pages: proc_pid_root(5), ptrace(2)",
    url: "https://man7.org/linux/man-pages/man2/ptrace.2.html",
    conditions: "/proc/PID/root needs ptrace read access: the same user, or CAP_SYS_PTRACE",
    confidence: Confidence::Primary,
};
