//! `kubectl describe pod` (`describePod`, `describeContainers`).

use super::{
    PrefixWriter, annotations_multiline, events_section, labels_multiline, or_none, rfc1123z,
    tolerations_multiline, yes_no,
};
use crate::{
    manifest::qos_class,
    model::{
        Container, Event, Pod, PodPhase, ResourceList,
        pod::{
            ContainerPort, ContainerState, ContainerStatus, Probe, ProbeHandler,
            TopologySpreadConstraint, UnsatisfiableConstraintAction,
        },
    },
    printers::{duration::human_duration, labels::format_selector},
    time::SimTime,
};

/// Describes one pod; `events` are the pod's Events (see [`super::events_for`]), `None` to
/// leave the section out (kubectl does when describing several objects).
pub fn describe_pod(pod: &Pod, events: Option<&[&Event]>, now: SimTime) -> String {
    let mut w = PrefixWriter::new();
    let m = &pod.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(0, &format!("Priority:\t{}\n", pod.spec.priority));
    // The API server's ServiceAccount admission gives every pod `default` (the wire form
    // prints it too); the simulator models no other.
    w.write(0, "Service Account:\tdefault\n");
    if pod.node_name.is_empty() {
        w.write(0, "Node:\t<none>\n");
    } else {
        let host = pod.status.host_ip.map(|ip| ip.to_string()).unwrap_or_default();
        w.write(0, &format!("Node:\t{}/{host}\n", pod.node_name));
    }
    if let Some(t) = pod.status.start_time {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(t)));
    }
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    let terminal = matches!(pod.status.phase, PodPhase::Succeeded | PodPhase::Failed);
    match m.deletion_timestamp {
        Some(t) if !terminal => {
            w.write(
                0,
                &format!("Status:\tTerminating (lasts {})\n", human_duration(now.millis_since(t))),
            );
            let grace = m.deletion_grace_period_seconds.unwrap_or(0);
            w.write(0, &format!("Termination Grace Period:\t{grace}s\n"));
        }
        _ => w.write(0, &format!("Status:\t{}\n", pod.status.phase.as_str())),
    }
    if !pod.status.reason.is_empty() {
        w.write(0, &format!("Reason:\t{}\n", pod.status.reason));
    }
    if !pod.status.message.is_empty() {
        w.write(0, &format!("Message:\t{}\n", pod.status.message));
    }
    match pod.status.pod_ip {
        Some(ip) => {
            w.write(0, &format!("IP:\t{ip}\n"));
            w.write(0, "IPs:\n");
            w.write(1, &format!("IP:\t{ip}\n"));
        }
        None => {
            w.write(0, "IP:\t\n");
            w.write(0, "IPs:\t<none>\n");
        }
    }
    if let Some(o) = m.controller_ref() {
        w.write(0, &format!("Controlled By:\t{}/{}\n", o.kind, o.name));
    }
    if !pod.status.nominated_node_name.is_empty() {
        w.write(0, &format!("NominatedNodeName:\t{}\n", pod.status.nominated_node_name));
    }
    if !pod.spec.init_containers.is_empty() {
        let statuses = &pod.status.init_container_statuses;
        containers(&mut w, "Init Containers", &pod.spec.init_containers, Some(statuses), "");
    }
    containers(
        &mut w,
        "Containers",
        &pod.spec.containers,
        Some(&pod.status.container_statuses),
        "",
    );
    if !pod.spec.ephemeral_containers.is_empty() {
        let ephemeral: Vec<Container> = pod
            .spec
            .ephemeral_containers
            .iter()
            .map(|e| Container {
                name: e.name.clone(),
                image: e.image.clone(),
                command: e.command.clone(),
                ..Default::default()
            })
            .collect();
        let statuses = &pod.status.ephemeral_container_statuses;
        containers(&mut w, "Ephemeral Containers", &ephemeral, Some(statuses), "");
    }
    if !pod.status.conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in &pod.status.conditions {
            w.write(1, &format!("{} \t{} \n", c.type_.as_str(), c.status.as_str()));
        }
    }
    w.write(0, "Volumes:\t<none>\n");
    w.write(0, &format!("QoS Class:\t{}\n", qos_class(&pod.spec).as_str()));
    labels_multiline(&mut w, "", "Node-Selectors", &pod.spec.node_selector);
    tolerations_multiline(&mut w, "", "Tolerations", &pod.spec.tolerations);
    spread_constraints(&mut w, &pod.spec.topology_spread_constraints, "");
    if let Some(events) = events {
        events_section(&mut w, events, now);
    }
    w.finish()
}

/// `describeContainers` (`statuses` is `None` for a pod template).
pub(super) fn containers(
    w: &mut PrefixWriter,
    label: &str,
    list: &[Container],
    statuses: Option<&[ContainerStatus]>,
    space: &str,
) {
    let none = if list.is_empty() { " <none>" } else { "" };
    w.write(0, &format!("{space}{label}:{none}\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in list {
        let status = statuses.and_then(|s| s.iter().find(|s| s.name == c.name));
        w.write(1, &format!("{name_indent}{}:\n", c.name));
        if let Some(s) = status {
            w.write(2, &format!("Container ID:\t{}\n", s.container_id));
        }
        w.write(2, &format!("Image:\t{}\n", c.image));
        if let Some(s) = status {
            w.write(2, &format!("Image ID:\t{}\n", s.image_id));
        }
        port_lines(w, &c.ports);
        command_lines(w, c);
        if let Some(s) = status {
            state(w, "State", &s.state);
            if let Some(last @ ContainerState::Terminated { .. }) = &s.last_state {
                state(w, "Last State", last);
            }
            w.write(2, &format!("Ready:\t{}\n", yes_no(s.ready)));
            w.write(2, &format!("Restart Count:\t{}\n", s.restart_count));
        }
        resources(w, "Limits", &c.resources.limits);
        resources(w, "Requests", &c.resources.requests);
        for (title, probe) in [
            ("Liveness", &c.liveness_probe),
            ("Readiness", &c.readiness_probe),
            ("Startup", &c.startup_probe),
        ] {
            if let Some(p) = probe {
                w.write(2, &format!("{title}:\t{}\n", describe_probe(p)));
            }
        }
        w.write(2, "Environment:\t<none>\n");
        w.write(2, "Mounts:\t<none>\n");
    }
}

fn port_lines(w: &mut PrefixWriter, ports: &[ContainerPort]) {
    let spell = |n: i32, p: &ContainerPort| {
        let s = format!("{n}/{}", p.protocol.as_str());
        if p.name.is_empty() { s } else { format!("{s} ({})", p.name) }
    };
    let container: Vec<String> = ports.iter().map(|p| spell(p.container_port, p)).collect();
    let host: Vec<String> = ports.iter().map(|p| spell(p.host_port, p)).collect();
    for (one, many, list) in [("Port", "Ports", container), ("Host Port", "Host Ports", host)] {
        let joined = list.join(", ");
        if joined.contains(',') {
            w.write(2, &format!("{many}:\t{joined}\n"));
        } else {
            w.write(2, &format!("{one}:\t{}\n", or_none(&joined)));
        }
    }
}

fn command_lines(w: &mut PrefixWriter, c: &Container) {
    for (title, words) in [("Command", &c.command), ("Args", &c.args)] {
        if words.is_empty() {
            continue;
        }
        w.write(2, &format!("{title}:\n"));
        for word in words {
            for line in word.split('\n') {
                w.write(3, &format!("{line}\n"));
            }
        }
    }
}

fn resources(w: &mut PrefixWriter, title: &str, list: &ResourceList) {
    if list.is_empty() {
        return;
    }
    w.write(2, &format!("{title}:\n"));
    for (name, q) in list.iter() {
        w.write(3, &format!("{name}:\t{q}\n"));
    }
}

/// `describeStatus`.
fn state(w: &mut PrefixWriter, title: &str, s: &ContainerState) {
    match s {
        ContainerState::Running { started_at } => {
            w.write(2, &format!("{title}:\tRunning\n"));
            w.write(3, &format!("Started:\t{}\n", rfc1123z(*started_at)));
        }
        ContainerState::Waiting { reason, .. } => {
            w.write(2, &format!("{title}:\tWaiting\n"));
            if !reason.is_empty() {
                w.write(3, &format!("Reason:\t{reason}\n"));
            }
        }
        ContainerState::Terminated { exit_code, reason, message, started_at, finished_at } => {
            w.write(2, &format!("{title}:\tTerminated\n"));
            if !reason.is_empty() {
                w.write(3, &format!("Reason:\t{reason}\n"));
            }
            if !message.is_empty() {
                w.write(3, &format!("Message:\t{message}\n"));
            }
            w.write(3, &format!("Exit Code:\t{exit_code}\n"));
            w.write(3, &format!("Started:\t{}\n", rfc1123z(*started_at)));
            w.write(3, &format!("Finished:\t{}\n", rfc1123z(*finished_at)));
        }
    }
}

/// `DescribeProbe`.
pub(super) fn describe_probe(p: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s successThreshold={} failureThreshold={}",
        p.initial_delay_seconds,
        p.timeout_seconds,
        p.period_seconds,
        p.success_threshold,
        p.failure_threshold
    );
    match &p.handler {
        ProbeHandler::Exec { command } => format!("exec [{}] {attrs}", command.join(" ")),
        ProbeHandler::HttpGet { path, port } => format!("http-get http://:{port}{path} {attrs}"),
        ProbeHandler::TcpSocket { port } => format!("tcp-socket :{port} {attrs}"),
        ProbeHandler::Grpc { port } => format!("grpc <pod>:{port}  {attrs}"),
    }
}

/// `describeTopologySpreadConstraints`.
pub(super) fn spread_constraints(
    w: &mut PrefixWriter,
    list: &[TopologySpreadConstraint],
    space: &str,
) {
    if list.is_empty() {
        return;
    }
    let mut sorted: Vec<&TopologySpreadConstraint> = list.iter().collect();
    sorted.sort_by(|a, b| a.topology_key.cmp(&b.topology_key));
    w.write(0, &format!("{space}Topology Spread Constraints:\t"));
    for (i, c) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, &format!("{space}\t"));
        }
        let when = match c.when_unsatisfiable {
            UnsatisfiableConstraintAction::DoNotSchedule => "DoNotSchedule",
            UnsatisfiableConstraintAction::ScheduleAnyway => "ScheduleAnyway",
        };
        let mut s = format!("{}:{when} when max skew {} is exceeded", c.topology_key, c.max_skew);
        if let Some(sel) = &c.label_selector {
            s.push_str(&format!(" for selector {}", format_selector(sel)));
        }
        w.write(0, &format!("{s}\n"));
    }
}
