//! `v1.Pod` and pod specs on the wire.

use super::{
    meta::{self, header, labels, strings},
    resources::{protocol, resource_list},
    value::{Obj, Value},
};
use crate::{
    manifest::{decode::priority_class_name, timestamp},
    model::{
        Pod, TaintEffect, Toleration, TolerationOperator,
        node::ConditionStatus,
        pod::{
            Affinity, Container, ContainerPort, ContainerState, ContainerStatus,
            EphemeralContainer, NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm,
            PodSpec, PodStatus, Probe, ProbeHandler, PullPolicy, RestartPolicy,
            TopologySpreadConstraint, UnsatisfiableConstraintAction,
        },
    },
};

/// A Pod.
pub(crate) fn pod(p: &Pod) -> Value {
    header("v1", "Pod", &p.metadata)
        .put("spec", pod_spec(&p.spec, &p.node_name, true))
        .put("status", status(&p.status))
        .build()
}

/// A pod spec. `admitted` adds what admission plugins set on Pods (service account, priority,
/// preemption policy, service links), which pod templates do not get.
pub(crate) fn pod_spec(s: &PodSpec, node_name: &str, admitted: bool) -> Value {
    let class = priority_class_name(s.priority);
    let mut o = Obj::new()
        .coll("initContainers", Value::Array(s.init_containers.iter().map(container).collect()))
        .put("containers", containers(&s.containers))
        .coll(
            "ephemeralContainers",
            Value::Array(s.ephemeral_containers.iter().map(ephemeral).collect()),
        )
        .put("restartPolicy", restart_policy(s.restart_policy))
        .put("terminationGracePeriodSeconds", s.termination_grace_period_seconds)
        .put("dnsPolicy", "ClusterFirst")
        .coll("nodeSelector", labels(&s.node_selector))
        .str("nodeName", node_name)
        .flag("hostNetwork", s.host_network)
        .opt("shareProcessNamespace", s.share_process_namespace.then_some(true))
        .put("securityContext", Obj::new().build())
        .opt("affinity", s.affinity.as_ref().map(affinity))
        .put("schedulerName", &s.scheduler_name)
        .coll("tolerations", Value::Array(s.tolerations.iter().map(toleration).collect()))
        .opt("priorityClassName", class)
        .coll("overhead", resource_list(&s.overhead))
        .coll(
            "topologySpreadConstraints",
            Value::Array(s.topology_spread_constraints.iter().map(spread).collect()),
        );
    if admitted {
        o = o
            .put("serviceAccount", "default")
            .put("serviceAccountName", "default")
            .put("priority", s.priority)
            .put("enableServiceLinks", true)
            .put("preemptionPolicy", "PreemptLowerPriority");
    }
    o.build()
}

fn containers(cs: &[Container]) -> Value {
    if cs.is_empty() { Value::Null } else { Value::Array(cs.iter().map(container).collect()) }
}

fn restart_policy(p: RestartPolicy) -> &'static str {
    match p {
        RestartPolicy::Always => "Always",
        RestartPolicy::OnFailure => "OnFailure",
        RestartPolicy::Never => "Never",
    }
}

fn container(c: &Container) -> Value {
    let pull = match c.image_pull_policy {
        PullPolicy::Always => "Always",
        PullPolicy::IfNotPresent => "IfNotPresent",
        PullPolicy::Never => "Never",
    };
    let resources = Obj::new()
        .coll("limits", resource_list(&c.resources.limits))
        .coll("requests", resource_list(&c.resources.requests))
        .build();
    Obj::new()
        .put("name", &c.name)
        .str("image", &c.image)
        .coll("command", strings(&c.command))
        .coll("args", strings(&c.args))
        .coll("ports", Value::Array(c.ports.iter().map(port).collect()))
        .put("resources", resources)
        .opt("restartPolicy", c.restart_policy.map(restart_policy))
        .opt("livenessProbe", c.liveness_probe.as_ref().map(probe))
        .opt("readinessProbe", c.readiness_probe.as_ref().map(probe))
        .opt("startupProbe", c.startup_probe.as_ref().map(probe))
        .put("terminationMessagePath", "/dev/termination-log")
        .put("terminationMessagePolicy", "File")
        .put("imagePullPolicy", pull)
        .build()
}

fn ephemeral(c: &EphemeralContainer) -> Value {
    Obj::new()
        .put("name", &c.name)
        .str("image", &c.image)
        .coll("command", strings(&c.command))
        .str("targetContainerName", &c.target_container_name)
        .put("resources", Obj::new().build())
        .put("terminationMessagePath", "/dev/termination-log")
        .put("terminationMessagePolicy", "File")
        .put("imagePullPolicy", "IfNotPresent")
        .build()
}

fn port(p: &ContainerPort) -> Value {
    Obj::new()
        .str("name", &p.name)
        .int("hostPort", i64::from(p.host_port))
        .put("containerPort", p.container_port)
        .put("protocol", protocol(p.protocol))
        .str("hostIP", &p.host_ip)
        .build()
}

fn probe(p: &Probe) -> Value {
    let o = match &p.handler {
        ProbeHandler::HttpGet { path, port } => Obj::new().put(
            "httpGet",
            Obj::new().put("path", path).put("port", *port).put("scheme", "HTTP").build(),
        ),
        ProbeHandler::TcpSocket { port } => {
            Obj::new().put("tcpSocket", Obj::new().put("port", *port).build())
        }
        ProbeHandler::Exec { command } => {
            Obj::new().put("exec", Obj::new().coll("command", strings(command)).build())
        }
        ProbeHandler::Grpc { port } => {
            Obj::new().put("grpc", Obj::new().put("port", *port).put("service", "").build())
        }
    };
    o.int("initialDelaySeconds", i64::from(p.initial_delay_seconds))
        .int("timeoutSeconds", i64::from(p.timeout_seconds))
        .int("periodSeconds", i64::from(p.period_seconds))
        .int("successThreshold", i64::from(p.success_threshold))
        .int("failureThreshold", i64::from(p.failure_threshold))
        .build()
}

fn affinity(a: &Affinity) -> Value {
    let node = a.node_affinity.as_ref().map(|n| {
        let preferred: Vec<Value> = n
            .preferred
            .iter()
            .map(|p| {
                Obj::new().put("weight", p.weight).put("preference", term(&p.preference)).build()
            })
            .collect();
        Obj::new()
            .opt(
                "requiredDuringSchedulingIgnoredDuringExecution",
                n.required.as_ref().map(|r| {
                    let terms: Vec<Value> = r.node_selector_terms.iter().map(term).collect();
                    Obj::new().put("nodeSelectorTerms", Value::Array(terms)).build()
                }),
            )
            .coll("preferredDuringSchedulingIgnoredDuringExecution", Value::Array(preferred))
            .build()
    });
    Obj::new().opt("nodeAffinity", node).build()
}

fn term(t: &NodeSelectorTerm) -> Value {
    let reqs = |rs: &[NodeSelectorRequirement]| Value::Array(rs.iter().map(requirement).collect());
    Obj::new()
        .coll("matchExpressions", reqs(&t.match_expressions))
        .coll("matchFields", reqs(&t.match_fields))
        .build()
}

fn requirement(r: &NodeSelectorRequirement) -> Value {
    let op = match r.operator {
        NodeSelectorOperator::In => "In",
        NodeSelectorOperator::NotIn => "NotIn",
        NodeSelectorOperator::Exists => "Exists",
        NodeSelectorOperator::DoesNotExist => "DoesNotExist",
        NodeSelectorOperator::Gt => "Gt",
        NodeSelectorOperator::Lt => "Lt",
    };
    Obj::new().put("key", &r.key).put("operator", op).coll("values", strings(&r.values)).build()
}

/// A toleration. Simplified: the model keeps no "unset" operator, so `Equal` is always printed
/// (upstream prints nothing when the manifest left it out; the meaning is the same).
pub(crate) fn toleration(t: &Toleration) -> Value {
    let op = match t.operator {
        TolerationOperator::Equal => "Equal",
        TolerationOperator::Exists => "Exists",
    };
    Obj::new()
        .str("key", &t.key)
        .put("operator", op)
        .str("value", &t.value)
        .opt("effect", t.effect.map(TaintEffect::as_str))
        .opt("tolerationSeconds", t.toleration_seconds)
        .build()
}

fn spread(c: &TopologySpreadConstraint) -> Value {
    let when = match c.when_unsatisfiable {
        UnsatisfiableConstraintAction::DoNotSchedule => "DoNotSchedule",
        UnsatisfiableConstraintAction::ScheduleAnyway => "ScheduleAnyway",
    };
    Obj::new()
        .put("maxSkew", c.max_skew)
        .put("topologyKey", &c.topology_key)
        .put("whenUnsatisfiable", when)
        .opt("labelSelector", c.label_selector.as_ref().map(meta::label_selector))
        .opt("minDomains", c.min_domains)
        .build()
}

fn condition_status(s: ConditionStatus) -> &'static str {
    s.as_str()
}

fn status(s: &PodStatus) -> Value {
    let conditions: Vec<Value> = s
        .conditions
        .iter()
        .map(|c| {
            Obj::new()
                .put("type", c.type_.as_str())
                .put("status", condition_status(c.status))
                .put("lastProbeTime", Value::Null)
                .put("lastTransitionTime", timestamp::format(c.last_transition_time))
                .str("reason", &c.reason)
                .str("message", &c.message)
                .build()
        })
        .collect();
    let ips = |ip: Option<std::net::Ipv4Addr>| {
        Value::Array(ip.iter().map(|ip| Obj::new().put("ip", ip.to_string()).build()).collect())
    };
    let statuses = |v: &[ContainerStatus]| Value::Array(v.iter().map(container_status).collect());
    Obj::new()
        .put("phase", s.phase.as_str())
        .coll("conditions", Value::Array(conditions))
        .str("message", &s.message)
        .str("reason", &s.reason)
        .str("nominatedNodeName", &s.nominated_node_name)
        .opt("hostIP", s.host_ip.map(|ip| ip.to_string()))
        .coll("hostIPs", ips(s.host_ip))
        .opt("podIP", s.pod_ip.map(|ip| ip.to_string()))
        .coll("podIPs", ips(s.pod_ip))
        .opt("startTime", s.start_time.map(timestamp::format))
        .coll("initContainerStatuses", statuses(&s.init_container_statuses))
        .coll("containerStatuses", statuses(&s.container_statuses))
        .put("qosClass", s.qos_class.as_str())
        .coll("ephemeralContainerStatuses", statuses(&s.ephemeral_container_statuses))
        .build()
}

fn container_status(c: &ContainerStatus) -> Value {
    Obj::new()
        .put("name", &c.name)
        .put("state", state(Some(&c.state)))
        .put("lastState", state(c.last_state.as_ref()))
        .put("ready", c.ready)
        .put("restartCount", c.restart_count)
        .put("image", &c.image)
        .put("imageID", &c.image_id)
        .str("containerID", &c.container_id)
        .put("started", c.started)
        .build()
}

fn state(s: Option<&ContainerState>) -> Value {
    let Some(s) = s else { return Obj::new().build() };
    match s {
        ContainerState::Waiting { reason, message } => Obj::new()
            .put("waiting", Obj::new().str("reason", reason).str("message", message).build())
            .build(),
        ContainerState::Running { started_at } => Obj::new()
            .put("running", Obj::new().put("startedAt", timestamp::format(*started_at)).build())
            .build(),
        ContainerState::Terminated { exit_code, reason, message, started_at, finished_at } => {
            Obj::new()
                .put(
                    "terminated",
                    Obj::new()
                        .put("exitCode", *exit_code)
                        .str("reason", reason)
                        .str("message", message)
                        .put("startedAt", timestamp::format(*started_at))
                        .put("finishedAt", timestamp::format(*finished_at))
                        .build(),
                )
                .build()
        }
    }
}
