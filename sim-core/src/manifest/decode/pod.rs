//! `v1.Pod` and the pod spec inside workload templates.

use super::{
    container::{self, ContainerKind},
    cx::Cx,
    meta::{self, NameRule, Scope},
    names, scheduling,
};
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        tree::{Entry, Node, NodeKind},
    },
    model::{
        Pod, ResourceName,
        pod::{PodSpec, PodStatus, QosClass, RestartPolicy},
        workload::PodTemplateSpec,
    },
};
use std::sync::Arc;

/// The built-in PriorityClasses every cluster has (the simulator has no others).
const SYSTEM_PRIORITY_CLASSES: [(&str, i32); 2] =
    [("system-node-critical", 2_000_001_000), ("system-cluster-critical", 2_000_000_000)];

/// The built-in PriorityClass with `priority`, for printing `priorityClassName` back.
pub(crate) fn priority_class_name(priority: i32) -> Option<&'static str> {
    SYSTEM_PRIORITY_CLASSES.iter().find(|(_, v)| *v == priority).map(|(n, _)| *n)
}

pub(crate) const RESTART_POLICIES: [(&str, RestartPolicy); 3] = [
    ("Always", RestartPolicy::Always),
    ("OnFailure", RestartPolicy::OnFailure),
    ("Never", RestartPolicy::Never),
];

/// Decodes a Pod document's fields.
pub(crate) fn pod(cx: &mut Cx<'_>, entries: &[Entry], pos: Pos) -> Pod {
    let root = Path::ROOT;
    let mut metadata = None;
    let mut spec = None;
    for e in entries {
        match &*e.key {
            "apiVersion" | "kind" => {}
            "metadata" => metadata = Some(&e.value),
            "spec" => spec = Some(&e.value),
            "status" => status_ignored(cx, e),
            _ => cx.unknown(e, &root),
        }
    }
    let metadata = meta::object_meta(cx, metadata, pos, NameRule::Subdomain, Scope::Namespaced);
    let (spec, node_name) = pod_spec(cx, spec, &root.field("spec"), pos, false);
    // The API server's create strategy sets the QoS class; the rest of status is the cluster's.
    let status = PodStatus { qos_class: qos_class(&spec), ..Default::default() };
    Pod { metadata, spec: Arc::new(spec), node_name, status }
}

/// `GetPodQOS`: Guaranteed when every container limits cpu and memory and the pod's requests
/// equal its limits; BestEffort when nothing requests or limits cpu or memory; else Burstable.
pub fn qos_class(spec: &PodSpec) -> QosClass {
    let compute = [ResourceName::Cpu, ResourceName::Memory];
    let (mut requests, mut limits) = ([0i64; 2], [0i64; 2]);
    let (mut any_request, mut any_limit) = ([false; 2], [false; 2]);
    let mut guaranteed = true;
    for c in spec.init_containers.iter().chain(&spec.containers) {
        for (i, name) in compute.iter().enumerate() {
            if let Some(q) = c.resources.requests.get(name).filter(|q| q.milli_value() > 0) {
                requests[i] = requests[i].saturating_add(q.milli_value());
                any_request[i] = true;
            }
            match c.resources.limits.get(name).filter(|q| q.milli_value() > 0) {
                Some(q) => {
                    limits[i] = limits[i].saturating_add(q.milli_value());
                    any_limit[i] = true;
                }
                None => guaranteed = false,
            }
        }
    }
    if !any_request.contains(&true) && !any_limit.contains(&true) {
        return QosClass::BestEffort;
    }
    let same = (0..2)
        .all(|i| any_request[i] == any_limit[i] && (!any_request[i] || requests[i] == limits[i]));
    if guaranteed && same { QosClass::Guaranteed } else { QosClass::Burstable }
}

/// `status` in a manifest: accepted (it is in every `kubectl get -o yaml`) and ignored, as the
/// API server ignores it on create.
pub(crate) fn status_ignored(cx: &mut Cx<'_>, e: &Entry) {
    let empty = matches!(&e.value.kind, crate::manifest::tree::NodeKind::Map(m) if m.is_empty());
    if !empty && !e.value.is_null() {
        cx.ignored(e, &Path::ROOT, "status is set by the simulated cluster, not by manifests");
    }
}

/// A workload's `spec.template`.
pub(crate) fn template(
    cx: &mut Cx<'_>,
    node: Option<&Node>,
    path: &Path<'_>,
    pos: Pos,
) -> PodTemplateSpec {
    let mut out = PodTemplateSpec::default();
    let mut spec = None;
    let entries = node.and_then(|n| cx.map(n, path)).unwrap_or_default();
    for e in entries {
        match &*e.key {
            "metadata" => out.metadata = meta::template_meta(cx, &e.value, &path.field("metadata")),
            "spec" => spec = Some(&e.value),
            _ => cx.unknown(e, path),
        }
    }
    let at = node.map_or(pos, |n| n.pos);
    let (spec, _) = pod_spec(cx, spec, &path.field("spec"), at, true);
    out.spec = Arc::new(spec);
    out
}

/// Decodes a pod spec with upstream defaults; returns it and `nodeName`.
pub(crate) fn pod_spec(
    cx: &mut Cx<'_>,
    node: Option<&Node>,
    path: &Path<'_>,
    pos: Pos,
    in_template: bool,
) -> (PodSpec, String) {
    let mut spec = PodSpec::default();
    let mut node_name = String::new();
    let mut names_seen = Vec::new();
    let mut has_containers = false;
    let mut priority: Option<(i32, Pos)> = None;
    let mut class: Option<(String, Pos)> = None;
    let entries = node.and_then(|n| cx.map(n, path)).unwrap_or_default();
    for e in entries {
        let p = path.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "containers" => {
                // Absent, null or `[]` is "Required value"; anything else reports its own errors.
                let empty = matches!(&v.kind, NodeKind::Seq(items) if items.is_empty());
                has_containers = !v.is_null() && !empty;
                spec.containers =
                    container::containers(cx, v, &p, ContainerKind::App, &mut names_seen);
            }
            "initContainers" => {
                spec.init_containers =
                    container::containers(cx, v, &p, ContainerKind::Init, &mut names_seen);
            }
            "ephemeralContainers" => {
                spec.ephemeral_containers = container::ephemeral_containers(cx, v, &p)
            }
            "restartPolicy" => {
                spec.restart_policy = cx.one_of(v, &p, &RESTART_POLICIES).unwrap_or_default();
            }
            "terminationGracePeriodSeconds" => {
                if let Some(s) = cx.int(v, &p) {
                    if s < 0 {
                        cx.invalid(v.pos, &p, s, "must be greater than or equal to 0");
                    }
                    spec.termination_grace_period_seconds = s.max(0);
                }
            }
            "nodeSelector" => spec.node_selector = meta::labels(cx, v, &p),
            "affinity" => spec.affinity = scheduling::affinity(cx, v, &p),
            "tolerations" => spec.tolerations = scheduling::tolerations(cx, v, &p),
            "topologySpreadConstraints" => {
                spec.topology_spread_constraints = scheduling::topology_spread(cx, v, &p);
            }
            "schedulerName" => {
                if let Some(s) = cx.string(v, &p).filter(|s| !s.is_empty()) {
                    spec.scheduler_name = s;
                }
            }
            "nodeName" => node_name = node_name_field(cx, e, path, in_template),
            "priority" => priority = cx.i32(v, &p).map(|n| (n, v.pos)),
            "priorityClassName" => class = cx.string(v, &p).map(|s| (s, v.pos)),
            "preemptionPolicy" => {
                if cx.one_of(v, &p, &[("PreemptLowerPriority", true), ("Never", false)])
                    == Some(false)
                {
                    cx.not_simulated(v.pos, &p, "non-preempting pods (preemptionPolicy: Never)");
                }
            }
            "hostNetwork" => spec.host_network = cx.bool(v, &p).unwrap_or(false),
            "shareProcessNamespace" => {
                spec.share_process_namespace = cx.bool(v, &p).unwrap_or(false)
            }
            "overhead" => spec.overhead = container::overhead(cx, v, &p),
            _ => ignored_or_unknown(cx, e, path),
        }
    }
    if !has_containers {
        cx.required(node.map_or(pos, |n| n.pos), &path.field("containers"));
    }
    spec.priority = resolve_priority(cx, path, class, priority);
    (spec, node_name)
}

fn node_name_field(cx: &mut Cx<'_>, e: &Entry, path: &Path<'_>, in_template: bool) -> String {
    let p = path.field("nodeName");
    let Some(name) = cx.string(&e.value, &p) else { return String::new() };
    if in_template && !name.is_empty() {
        cx.not_simulated(
            e.key_pos,
            &p,
            "nodeName in a pod template; use a nodeSelector on kubernetes.io/hostname",
        );
        return String::new();
    }
    if !name.is_empty() {
        for m in names::dns1123_subdomain(&name) {
            cx.invalid(e.value.pos, &p, quote(&name), m);
        }
    }
    name
}

/// The Priority admission plugin: `priorityClassName` gives the priority; a `priority` written
/// in the manifest must agree with it.
fn resolve_priority(
    cx: &mut Cx<'_>,
    path: &Path<'_>,
    class: Option<(String, Pos)>,
    priority: Option<(i32, Pos)>,
) -> i32 {
    let resolved = match &class {
        Some((name, pos)) if !name.is_empty() => {
            match SYSTEM_PRIORITY_CLASSES.iter().find(|(n, _)| n == name) {
                Some((_, v)) => *v,
                None => {
                    cx.not_simulated(
                        *pos,
                        &path.field("priorityClassName"),
                        &format!(
                            "no PriorityClass named {}; only the built-in system-cluster-critical and system-node-critical exist here",
                            quote(name)
                        ),
                    );
                    0
                }
            }
        }
        _ => 0,
    };
    if let Some((given, pos)) = priority
        && given != resolved
    {
        cx.forbidden(
            pos,
            &path.field("priority"),
            &format!("the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {resolved} from the given PriorityClass name"),
        );
    }
    resolved
}

/// Pod spec fields that are accepted without effect, or refused because ignoring them would
/// change scheduling.
fn ignored_or_unknown(cx: &mut Cx<'_>, e: &Entry, path: &Path<'_>) {
    let p = path.field(&e.key);
    match &*e.key {
        "volumes" => cx.ignored(e, path, "volumes are not simulated"),
        "dnsPolicy" => cx.ignored_unless_default(e, path, "ClusterFirst", "DNS is not simulated"),
        "dnsConfig" | "hostname" | "subdomain" | "setHostnameAsFQDN" | "hostAliases" => {
            cx.ignored(e, path, "DNS is not simulated");
        }
        "enableServiceLinks" => {
            cx.ignored_unless_default(e, path, "true", "environment variables are not simulated")
        }
        "serviceAccountName" | "serviceAccount" => {
            cx.ignored_unless_default(e, path, "default", "service accounts are not simulated");
        }
        "automountServiceAccountToken" | "imagePullSecrets" => {
            cx.ignored(e, path, "credentials are not simulated");
        }
        "securityContext" => {
            cx.ignored_unless_default(e, path, "{}", "security contexts are not simulated")
        }
        "hostPID" | "hostIPC" | "hostUsers" | "os" => {
            cx.ignored(e, path, "the node's OS namespaces are not simulated")
        }
        "activeDeadlineSeconds" => cx.ignored(e, path, "pod deadlines are not simulated"),
        "readinessGates" => cx.ignored(
            e,
            path,
            "readiness gates are not simulated; readiness comes from the containers",
        ),
        "runtimeClassName" => cx.ignored(e, path, "runtime classes are not simulated"),
        "hostnameOverride" => cx.ignored(e, path, "DNS is not simulated"),
        "schedulingGates" if e.value.is_null() => {}
        "schedulingGates" => {
            cx.not_simulated(e.key_pos, &p, "scheduling gates (pods would wait for them forever)")
        }
        "resourceClaims" => {
            cx.not_simulated(e.key_pos, &p, "dynamic resource allocation (resource claims)")
        }
        "resources" => {
            cx.not_simulated(e.key_pos, &p, "pod-level resources; set resources on each container")
        }
        _ => cx.unknown(e, path),
    }
}
