//! Containers: image, ports, resources and probes, with upstream defaulting and validation.

use super::{cx::Cx, names};
use crate::{
    manifest::{
        diagnostic::{Path, Pos, quote},
        tree::{Entry, Node},
    },
    model::{
        Quantity, ResourceList, ResourceName,
        pod::{
            Container, ContainerPort, EphemeralContainer, Probe, ProbeHandler, Protocol,
            PullPolicy, ResourceRequirements, RestartPolicy,
        },
    },
};

/// Which list a container is in: init containers may set `restartPolicy: Always` (sidecars).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ContainerKind {
    /// `containers`.
    App,
    /// `initContainers`.
    Init,
}

pub(crate) const PROTOCOLS: [(&str, Protocol); 3] =
    [("TCP", Protocol::TCP), ("UDP", Protocol::UDP), ("SCTP", Protocol::SCTP)];

/// Decodes a list of containers, checking names are unique across `seen` (all of a pod's
/// containers share one namespace of names).
pub(crate) fn containers(
    cx: &mut Cx<'_>,
    node: &Node,
    path: &Path<'_>,
    kind: ContainerKind,
    seen: &mut Vec<String>,
) -> Vec<Container> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(c) = container(cx, item, &p, kind) else { continue };
        if !c.name.is_empty() {
            if seen.contains(&c.name) {
                cx.duplicate(item.pos, &p.field("name"), quote(&c.name));
            } else {
                seen.push(c.name.clone());
            }
        }
        out.push(c);
    }
    out
}

fn container(
    cx: &mut Cx<'_>,
    node: &Node,
    path: &Path<'_>,
    kind: ContainerKind,
) -> Option<Container> {
    if node.is_null() {
        // `- ~` decodes to an empty container upstream, which then lacks a name and an image.
        cx.required(node.pos, &path.field("name"));
        cx.required(node.pos, &path.field("image"));
        return None;
    }
    let entries = cx.map(node, path)?;
    let mut c = Container::default();
    let mut pull_policy = None;
    let mut probes: Vec<(&Entry, &str)> = Vec::new();
    for e in entries {
        let p = path.field(&e.key);
        let v = &e.value;
        match &*e.key {
            "name" => c.name = cx.string(v, &p).unwrap_or_default(),
            "image" => c.image = cx.string(v, &p).unwrap_or_default(),
            "command" => c.command = cx.strings(v, &p),
            "args" => c.args = cx.strings(v, &p),
            "ports" => c.ports = ports(cx, v, &p),
            "resources" => c.resources = resources(cx, v, &p),
            "imagePullPolicy" => {
                pull_policy = cx.one_of(
                    v,
                    &p,
                    &[
                        ("Always", PullPolicy::Always),
                        ("IfNotPresent", PullPolicy::IfNotPresent),
                        ("Never", PullPolicy::Never),
                    ],
                );
            }
            "readinessProbe" | "livenessProbe" | "startupProbe" => probes.push((e, &e.key)),
            "restartPolicy" => {
                let policy = cx.one_of(v, &p, &[("Always", RestartPolicy::Always)]);
                if kind == ContainerKind::App && policy.is_some() {
                    cx.forbidden(e.key_pos, &p, "may not be set for non-init containers");
                }
                c.restart_policy = policy;
            }
            "terminationMessagePath" => {
                cx.ignored_unless_default(
                    e,
                    path,
                    "/dev/termination-log",
                    "termination messages are not simulated",
                );
            }
            "terminationMessagePolicy" => {
                cx.ignored_unless_default(
                    e,
                    path,
                    "File",
                    "termination messages are not simulated",
                );
            }
            "env" | "envFrom" => cx.ignored(e, path, "environment variables are not simulated"),
            "volumeMounts" | "volumeDevices" => cx.ignored(e, path, "volumes are not simulated"),
            "securityContext" => {
                cx.ignored_unless_default(e, path, "{}", "security contexts are not simulated")
            }
            "lifecycle" => cx.ignored(e, path, "lifecycle hooks are not simulated"),
            "workingDir" | "stdin" | "stdinOnce" | "tty" => {
                cx.ignored(e, path, "the container's process environment is not simulated");
            }
            "resizePolicy" => cx.ignored(e, path, "in-place resize is not simulated"),
            "restartPolicyRules" => {
                cx.not_simulated(
                    e.key_pos,
                    &p,
                    "per-exit-code restart rules; the pod's restartPolicy applies",
                );
            }
            _ => cx.unknown(e, path),
        }
    }
    if c.name.is_empty() {
        cx.required(node.pos, &path.field("name"));
    } else {
        for m in names::dns1123_label(&c.name) {
            cx.invalid(node.pos, &path.field("name"), quote(&c.name), m);
        }
    }
    if c.image.trim().is_empty() {
        cx.required(node.pos, &path.field("image"));
    }
    c.image_pull_policy = pull_policy.unwrap_or_else(|| default_pull_policy(&c.image));
    for (e, which) in probes {
        let p = path.field(which);
        let probe = probe(cx, &e.value, &p, &c.ports, which != "readinessProbe");
        match which {
            "readinessProbe" => c.readiness_probe = probe,
            "livenessProbe" => c.liveness_probe = probe,
            _ => c.startup_probe = probe,
        }
    }
    Some(c)
}

/// `imagePullPolicy` defaulting: `Always` for `:latest` or an untagged, undigested image,
/// `IfNotPresent` otherwise.
pub(crate) fn default_pull_policy(image: &str) -> PullPolicy {
    let (name, digest) = match image.split_once('@') {
        Some((n, _)) => (n, true),
        None => (image, false),
    };
    let last_segment = name.rsplit('/').next().unwrap_or(name);
    let tag = last_segment.split_once(':').map(|(_, t)| t);
    match tag {
        Some("latest") => PullPolicy::Always,
        Some(_) => PullPolicy::IfNotPresent,
        None if digest => PullPolicy::IfNotPresent,
        None => PullPolicy::Always,
    }
}

fn ports(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> Vec<ContainerPort> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out: Vec<ContainerPort> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let mut port = ContainerPort::default();
        let mut has_port = false;
        for e in entries {
            let fp = p.field(&e.key);
            let v = &e.value;
            match &*e.key {
                "name" => port.name = cx.string(v, &fp).unwrap_or_default(),
                "containerPort" => {
                    if let Some(n) = cx.i32(v, &fp) {
                        has_port = true;
                        port.container_port = n;
                        for m in names::port_number(n) {
                            cx.invalid(v.pos, &fp, n, m);
                        }
                    }
                }
                "hostPort" => {
                    if let Some(n) = cx.i32(v, &fp) {
                        port.host_port = n;
                        if n != 0 {
                            for m in names::port_number(n) {
                                cx.invalid(v.pos, &fp, n, m);
                            }
                        }
                    }
                }
                "hostIP" => port.host_ip = cx.string(v, &fp).unwrap_or_default(),
                "protocol" => port.protocol = cx.one_of(v, &fp, &PROTOCOLS).unwrap_or_default(),
                _ => cx.unknown(e, &p),
            }
        }
        if !has_port {
            cx.required(item.pos, &p.field("containerPort"));
        }
        if !port.name.is_empty() {
            for m in names::port_name(&port.name) {
                cx.invalid(item.pos, &p.field("name"), quote(&port.name), m);
            }
            if out.iter().any(|o| o.name == port.name) {
                cx.duplicate(item.pos, &p.field("name"), quote(&port.name));
            }
        }
        out.push(port);
    }
    out
}

fn resources(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> ResourceRequirements {
    let mut r = ResourceRequirements::default();
    let Some(entries) = cx.map(node, path) else { return r };
    for e in entries {
        let p = path.field(&e.key);
        match &*e.key {
            "requests" => r.requests = cx.resource_list(&e.value, &p),
            "limits" => r.limits = cx.resource_list(&e.value, &p),
            "claims" => {
                cx.not_simulated(e.key_pos, &p, "dynamic resource allocation (resource claims)")
            }
            _ => cx.unknown(e, path),
        }
    }
    validate_resources(cx, node, path, &r);
    // Defaulting: a resource with only a limit gets a request equal to it.
    for (name, q) in r.limits.clone().iter() {
        if r.requests.get(name).is_none() {
            r.requests.set(name.clone(), q);
        }
    }
    r
}

/// `ValidateResourceRequirements`: names, non-negative values, whole extended resources,
/// requests within limits (equal to them for resources that cannot be overcommitted).
fn validate_resources(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>, r: &ResourceRequirements) {
    let (req_path, lim_path) = (path.field("requests"), path.field("limits"));
    let at =
        |list: &str, name: &ResourceName| node.pos_at(&[list, name.as_str()]).unwrap_or(node.pos);
    for (list, list_name, list_path) in
        [(&r.limits, "limits", &lim_path), (&r.requests, "requests", &req_path)]
    {
        for (name, q) in list.iter() {
            let (p, pos) = (list_path.key(name.as_str()), at(list_name, name));
            resource_name(cx, pos, &p, name);
            if q < Quantity::from_millis(0) {
                cx.invalid(pos, &p, quote(&q.to_string()), "must be greater than or equal to 0");
            }
            if is_integer_resource(name) && q.milli_value() % 1000 != 0 {
                cx.invalid(pos, &p, quote(&q.to_string()), "must be an integer");
            }
        }
    }
    for (name, q) in r.requests.iter() {
        let pos = at("requests", name);
        match r.limits.get(name) {
            Some(limit) if !overcommit_allowed(name) && q != limit => cx.invalid(
                pos,
                &req_path.key(name.as_str()),
                quote(&q.to_string()),
                format_args!("must be equal to {name} limit of {limit}"),
            ),
            Some(limit) if q > limit => cx.invalid(
                pos,
                &req_path.key(name.as_str()),
                quote(&q.to_string()),
                format_args!("must be less than or equal to {name} limit of {limit}"),
            ),
            None if !overcommit_allowed(name) => cx.required_because(
                pos,
                &lim_path,
                "Limit must be set for non overcommitable resources",
            ),
            _ => {}
        }
    }
}

/// `validateContainerResourceName`: cpu, memory, ephemeral-storage, hugepages-*, or an
/// extended resource (a domain outside `kubernetes.io`, such as `nvidia.com/gpu`).
fn resource_name(cx: &mut Cx<'_>, pos: Pos, p: &Path<'_>, name: &ResourceName) {
    let s = name.as_str();
    let for_containers =
        matches!(name, ResourceName::Cpu | ResourceName::Memory | ResourceName::EphemeralStorage)
            || s.starts_with("hugepages-");
    if !s.contains('/') {
        if !for_containers && name != &ResourceName::Pods {
            cx.invalid(pos, p, quote(s), "must be a standard resource type or fully qualified");
        }
        if !for_containers {
            cx.invalid(pos, p, quote(s), "must be a standard resource for containers");
        }
    } else if !s.contains("kubernetes.io/") && !is_extended_resource_name(s) {
        cx.invalid(pos, p, quote(s), "doesn't follow extended resource name standard");
    }
}

/// `IsExtendedResourceName`: a qualified name with a domain, not in `kubernetes.io/`, not
/// starting with `requests.`.
pub(crate) fn is_extended_resource_name(s: &str) -> bool {
    let Some((domain, _)) = s.split_once('/') else { return false };
    !domain.contains("kubernetes.io")
        && !s.starts_with("requests.")
        && names::qualified_name(s).is_empty()
}

fn is_integer_resource(name: &ResourceName) -> bool {
    matches!(name, ResourceName::Extended(s) if is_extended_resource_name(s))
}

/// Only cpu, memory, ephemeral-storage and hugepages may have requests below their limits.
fn overcommit_allowed(name: &ResourceName) -> bool {
    match name {
        ResourceName::Extended(s) => !is_extended_resource_name(s),
        _ => true,
    }
}

/// A probe with upstream's defaults (period 10 s, timeout 1 s, success 1, failure 3).
fn probe(
    cx: &mut Cx<'_>,
    node: &Node,
    path: &Path<'_>,
    ports: &[ContainerPort],
    success_must_be_one: bool,
) -> Option<Probe> {
    let entries = cx.map(node, path)?;
    let mut probe = Probe::default();
    let mut handlers: Vec<ProbeHandler> = Vec::new();
    let mut handler_keys = 0;
    for e in entries {
        let p = path.field(&e.key);
        let v = &e.value;
        let int = |cx: &mut Cx<'_>, field: &mut i32, default: i32| {
            if let Some(n) = cx.i32_at_least(v, &p, 0) {
                *field = if n == 0 { default } else { n };
            }
        };
        match &*e.key {
            "initialDelaySeconds" => int(cx, &mut probe.initial_delay_seconds, 0),
            "periodSeconds" => int(cx, &mut probe.period_seconds, 10),
            "timeoutSeconds" => int(cx, &mut probe.timeout_seconds, 1),
            "successThreshold" => int(cx, &mut probe.success_threshold, 1),
            "failureThreshold" => int(cx, &mut probe.failure_threshold, 3),
            "terminationGracePeriodSeconds" => {
                cx.ignored(e, path, "the probe-level grace period is not simulated")
            }
            "httpGet" | "tcpSocket" | "grpc" | "exec" => {
                handler_keys += 1;
                if let Some(h) = handler(cx, e, &p, ports) {
                    handlers.push(h);
                }
            }
            _ => cx.unknown(e, path),
        }
    }
    match handler_keys {
        0 => cx.required_because(node.pos, path, "must specify a handler type"),
        1 => {}
        _ => cx.forbidden(node.pos, path, "may not specify more than 1 handler type"),
    }
    if success_must_be_one && probe.success_threshold != 1 {
        cx.invalid(node.pos, &path.field("successThreshold"), probe.success_threshold, "must be 1");
    }
    probe.handler = handlers.into_iter().next()?;
    Some(probe)
}

fn handler(
    cx: &mut Cx<'_>,
    e: &Entry,
    path: &Path<'_>,
    ports: &[ContainerPort],
) -> Option<ProbeHandler> {
    let entries = cx.map(&e.value, path)?;
    let mut path_text = String::from("/");
    let mut port = None;
    let mut port_seen = false;
    let mut command = Vec::new();
    for f in entries {
        let p = path.field(&f.key);
        let v = &f.value;
        match (&*e.key, &*f.key) {
            ("httpGet", "path") => path_text = cx.string(v, &p).unwrap_or_else(|| "/".into()),
            ("httpGet" | "tcpSocket" | "grpc", "port") => {
                port_seen = !v.is_null();
                port = probe_port(cx, v, &p, ports);
            }
            ("httpGet", "scheme") => {
                cx.one_of(v, &p, &[("HTTP", ()), ("HTTPS", ())]);
            }
            ("grpc", "service") => {
                // `""` is what the API server fills in (the default gRPC health service).
                cx.ignored_unless_default(
                    f,
                    path,
                    "",
                    "probes always reach the pod in this simulator",
                );
            }
            ("httpGet" | "tcpSocket", "host") | ("httpGet", "httpHeaders") => {
                cx.ignored(f, path, "probes always reach the pod in this simulator");
            }
            ("exec", "command") => command = cx.strings(v, &p),
            _ => cx.unknown(f, path),
        }
    }
    if e.key.as_ref() != "exec" && !port_seen {
        cx.required(e.value.pos, &path.field("port"));
    }
    Some(match &*e.key {
        "httpGet" => ProbeHandler::HttpGet { path: path_text, port: port? },
        "tcpSocket" => ProbeHandler::TcpSocket { port: port? },
        "grpc" => ProbeHandler::Grpc { port: port? },
        _ => ProbeHandler::Exec { command },
    })
}

/// A probe port: a number, or the name of one of the container's ports.
///
/// Simplified: upstream keeps a named port and resolves it each time the kubelet probes; the
/// simulator resolves it once, here, against the container's own ports.
fn probe_port(
    cx: &mut Cx<'_>,
    node: &Node,
    path: &Path<'_>,
    ports: &[ContainerPort],
) -> Option<i32> {
    match cx.int_or_string(node, path)? {
        crate::model::IntOrString::Int(n) => {
            for m in names::port_number(n) {
                cx.invalid(node.pos, path, n, m);
            }
            Some(n)
        }
        crate::model::IntOrString::String(name) => {
            for m in names::port_name(&name) {
                cx.invalid(node.pos, path, quote(&name), m);
            }
            let found = ports.iter().find(|p| p.name == name).map(|p| p.container_port);
            if found.is_none() {
                cx.not_simulated(
                    node.pos,
                    path,
                    &format!("named port {} must be one of this container's ports", quote(&name)),
                );
            }
            found
        }
    }
}

/// `ephemeralContainers` (added by `kubectl debug`): name, image, command and target.
pub(crate) fn ephemeral_containers(
    cx: &mut Cx<'_>,
    node: &Node,
    path: &Path<'_>,
) -> Vec<EphemeralContainer> {
    let Some(items) = cx.seq(node, path) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(entries) = cx.map(item, &p) else { continue };
        let mut c = EphemeralContainer::default();
        for e in entries {
            let fp = p.field(&e.key);
            match &*e.key {
                "name" => c.name = cx.string(&e.value, &fp).unwrap_or_default(),
                "image" => c.image = cx.string(&e.value, &fp).unwrap_or_default(),
                "command" => c.command = cx.strings(&e.value, &fp),
                "targetContainerName" => {
                    c.target_container_name = cx.string(&e.value, &fp).unwrap_or_default()
                }
                "imagePullPolicy"
                | "terminationMessagePath"
                | "terminationMessagePolicy"
                | "resources"
                | "stdin"
                | "tty"
                | "args"
                | "env"
                | "securityContext" => {}
                _ => cx.unknown(e, &p),
            }
        }
        if c.name.is_empty() {
            cx.required(item.pos, &p.field("name"));
        }
        out.push(c);
    }
    out
}

/// The resources of a list, for `overhead`.
pub(crate) fn overhead(cx: &mut Cx<'_>, node: &Node, path: &Path<'_>) -> ResourceList {
    cx.resource_list(node, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_policy_defaults_follow_the_tag() {
        assert_eq!(default_pull_policy("nginx"), PullPolicy::Always);
        assert_eq!(default_pull_policy("nginx:latest"), PullPolicy::Always);
        assert_eq!(default_pull_policy("nginx:1.27"), PullPolicy::IfNotPresent);
        assert_eq!(default_pull_policy("registry:5000/nginx"), PullPolicy::Always);
        assert_eq!(default_pull_policy("registry:5000/nginx:1.0"), PullPolicy::IfNotPresent);
        assert_eq!(default_pull_policy("nginx@sha256:abc"), PullPolicy::IfNotPresent);
    }

    #[test]
    fn extended_resources() {
        assert!(is_extended_resource_name("nvidia.com/gpu"));
        assert!(!is_extended_resource_name("kubernetes.io/foo"));
        assert!(!is_extended_resource_name("gpu"));
    }
}
