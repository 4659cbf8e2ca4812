//! `kubectl get pods [-o wide]`, with STATUS and RESTARTS computed as kubectl's `printPod`
//! does (`pkg/printers/internalversion/printers.go`).

use super::{duration::human_duration, table::Table};
use crate::{
    model::{
        Pod, PodPhase,
        node::ConditionStatus,
        pod::RestartPolicy,
        pod::{ContainerState, PodConditionType},
    },
    time::SimTime,
};

/// `status.reason` kubectl shows as `Unknown` on a deleted pod (the legacy NodeLost path).
pub const NODE_UNREACHABLE_POD_REASON: &str = "NodeLost";

/// A pod's row: (READY, STATUS, RESTARTS).
pub fn pod_columns(pod: &Pod, now: SimTime) -> (String, String, String) {
    let sidecar = |name: &str| {
        pod.spec
            .init_containers
            .iter()
            .any(|c| c.name == name && c.restart_policy == Some(RestartPolicy::Always))
    };
    let total = pod.spec.containers.len()
        + pod
            .spec
            .init_containers
            .iter()
            .filter(|c| c.restart_policy == Some(RestartPolicy::Always))
            .count();
    let mut ready = 0;
    let mut restarts = 0;
    let mut sidecar_restarts = 0;
    let mut last_restart: Option<SimTime> = None;
    let mut last_sidecar_restart: Option<SimTime> = None;
    let mut reason = if pod.status.reason.is_empty() {
        pod.status.phase.as_str().to_owned()
    } else {
        pod.status.reason.clone()
    };
    let finished = |c: &crate::model::pod::ContainerStatus| match &c.last_state {
        Some(ContainerState::Terminated { finished_at, .. }) => Some(*finished_at),
        _ => None,
    };
    let mut initializing = false;
    for (i, c) in pod.status.init_container_statuses.iter().enumerate() {
        restarts += c.restart_count;
        if let Some(t) = finished(c) {
            last_restart = last_restart.max(Some(t));
        }
        if sidecar(&c.name) {
            sidecar_restarts += c.restart_count;
            if let Some(t) = finished(c) {
                last_sidecar_restart = last_sidecar_restart.max(Some(t));
            }
        }
        match &c.state {
            ContainerState::Terminated { exit_code: 0, .. } => continue,
            _ if sidecar(&c.name) && c.started => {
                if c.ready {
                    ready += 1;
                }
                continue;
            }
            ContainerState::Terminated { reason: r, exit_code, .. } => {
                reason = if r.is_empty() {
                    format!("Init:ExitCode:{exit_code}")
                } else {
                    format!("Init:{r}")
                };
            }
            ContainerState::Waiting { reason: r, .. }
                if !r.is_empty() && r != "PodInitializing" =>
            {
                reason = format!("Init:{r}");
            }
            _ => reason = format!("Init:{i}/{}", pod.spec.init_containers.len()),
        }
        initializing = true;
        break;
    }
    let initialized = pod
        .status
        .condition(PodConditionType::Initialized)
        .is_some_and(|c| c.status == ConditionStatus::True);
    if !initializing || initialized {
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        let mut has_running = false;
        for c in pod.status.container_statuses.iter().rev() {
            restarts += c.restart_count;
            if let Some(t) = finished(c) {
                last_restart = last_restart.max(Some(t));
            }
            match &c.state {
                ContainerState::Waiting { reason: r, .. } if !r.is_empty() => reason = r.clone(),
                ContainerState::Terminated { reason: r, .. } if !r.is_empty() => reason = r.clone(),
                ContainerState::Terminated { exit_code, .. } => {
                    reason = format!("ExitCode:{exit_code}")
                }
                ContainerState::Running { .. } if c.ready => {
                    has_running = true;
                    ready += 1;
                }
                _ => {}
            }
        }
        if reason == "Completed" && has_running {
            let ready_cond = pod
                .status
                .condition(PodConditionType::Ready)
                .is_some_and(|c| c.status == ConditionStatus::True);
            reason = if ready_cond { "Running".into() } else { "NotReady".into() };
        }
    }
    let terminal = matches!(pod.status.phase, PodPhase::Succeeded | PodPhase::Failed);
    if pod.metadata.deletion_timestamp.is_some() && pod.status.reason == NODE_UNREACHABLE_POD_REASON
    {
        reason = "Unknown".into();
    } else if pod.metadata.deletion_timestamp.is_some() && !terminal {
        reason = "Terminating".into();
    }
    let restarts_str = match last_restart {
        Some(t) if restarts != 0 => {
            format!("{restarts} ({} ago)", human_duration(now.millis_since(t)))
        }
        _ => restarts.to_string(),
    };
    (format!("{ready}/{total}"), reason, restarts_str)
}

/// kubectl's STATUS column for a pod.
pub fn pod_status(pod: &Pod, now: SimTime) -> String {
    pod_columns(pod, now).1
}

/// Columns of `kubectl get pods`.
pub const HEADER: &[&str] = &["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
/// Columns `-o wide` adds.
pub const WIDE: &[&str] = &["IP", "NODE", "NOMINATED NODE", "READINESS GATES"];

/// One row of `kubectl get pods`.
pub fn row(p: &Pod, now: SimTime, wide: bool) -> Vec<String> {
    let (ready, status, restarts) = pod_columns(p, now);
    let age = human_duration(now.millis_since(p.metadata.creation_timestamp));
    let mut row = vec![p.metadata.name.clone(), ready, status, restarts, age];
    if wide {
        let or_none = |s: &str| if s.is_empty() { "<none>".to_owned() } else { s.to_owned() };
        row.push(p.status.pod_ip.map_or_else(|| "<none>".to_owned(), |ip| ip.to_string()));
        row.push(or_none(&p.node_name));
        row.push(or_none(&p.status.nominated_node_name));
        // The simulator has no readiness gates.
        row.push("<none>".into());
    }
    row
}

/// `kubectl get pods` as a table (pods in the order given).
pub fn table<'a>(pods: impl IntoIterator<Item = &'a Pod>, now: SimTime, wide: bool) -> Table {
    let mut t = Table::new(HEADER);
    if wide {
        t.header.extend(WIDE.iter().map(|h| (*h).to_owned()));
    }
    t.rows = pods.into_iter().map(|p| row(p, now, wide)).collect();
    t
}

/// `kubectl get pods` in the default namespace (`wide` adds IP, NODE, NOMINATED NODE,
/// READINESS GATES), sorted by name, or kubectl's message when there are none.
pub fn get_pods<'a>(pods: impl IntoIterator<Item = &'a Pod>, now: SimTime, wide: bool) -> String {
    let mut pods: Vec<&Pod> = pods.into_iter().collect();
    pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let t = table(pods, now, wide);
    if t.is_empty() {
        return "No resources found in default namespace.\n".into();
    }
    t.render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, PodSpec, pod::ContainerStatus};
    use std::sync::Arc;

    fn pod(statuses: Vec<ContainerStatus>) -> Pod {
        let mut p = Pod::default();
        p.metadata.name = "web".into();
        p.spec = Arc::new(PodSpec {
            containers: statuses
                .iter()
                .map(|s| Container { name: s.name.clone(), ..Default::default() })
                .collect(),
            ..Default::default()
        });
        p.status.phase = PodPhase::Running;
        p.status.container_statuses = statuses;
        p
    }

    fn cs(
        state: ContainerState,
        ready: bool,
        restarts: i32,
        last: Option<SimTime>,
    ) -> ContainerStatus {
        ContainerStatus {
            name: "c".into(),
            ready,
            restart_count: restarts,
            state,
            last_state: last.map(|t| ContainerState::Terminated {
                exit_code: 1,
                reason: "Error".into(),
                message: String::new(),
                started_at: SimTime::ZERO,
                finished_at: t,
            }),
            ..Default::default()
        }
    }

    #[test]
    fn statuses_like_print_pod() {
        let now = SimTime::from_secs(600);
        let waiting =
            |r: &str| ContainerState::Waiting { reason: r.into(), message: String::new() };
        let running = ContainerState::Running { started_at: SimTime::ZERO };
        let cases = [
            (pod(vec![cs(running.clone(), true, 0, None)]), ("1/1", "Running", "0")),
            (
                pod(vec![cs(waiting("ContainerCreating"), false, 0, None)]),
                ("0/1", "ContainerCreating", "0"),
            ),
            (
                pod(vec![cs(waiting("CrashLoopBackOff"), false, 5, Some(SimTime::from_secs(300)))]),
                ("0/1", "CrashLoopBackOff", "5 (5m ago)"),
            ),
            (
                pod(vec![cs(waiting("ImagePullBackOff"), false, 0, None)]),
                ("0/1", "ImagePullBackOff", "0"),
            ),
            (
                pod(vec![cs(
                    ContainerState::Terminated {
                        exit_code: 0,
                        reason: "Completed".into(),
                        message: String::new(),
                        started_at: SimTime::ZERO,
                        finished_at: SimTime::ZERO,
                    },
                    false,
                    0,
                    None,
                )]),
                ("0/1", "Completed", "0"),
            ),
        ];
        for (p, (ready, status, restarts)) in cases {
            let (r, s, x) = pod_columns(&p, now);
            assert_eq!((r.as_str(), s.as_str(), x.as_str()), (ready, status, restarts));
        }
        let mut deleting = pod(vec![cs(running, true, 0, None)]);
        deleting.metadata.deletion_timestamp = Some(SimTime::from_secs(630));
        assert_eq!(pod_status(&deleting, now), "Terminating");
    }

    #[test]
    fn init_containers_show_progress() {
        let mut p = pod(vec![cs(
            ContainerState::Waiting { reason: "PodInitializing".into(), message: String::new() },
            false,
            0,
            None,
        )]);
        p.status.phase = PodPhase::Pending;
        let mut spec = (*p.spec).clone();
        spec.init_containers.push(Container { name: "init".into(), ..Default::default() });
        p.spec = Arc::new(spec);
        p.status.init_container_statuses = vec![ContainerStatus {
            name: "init".into(),
            state: ContainerState::Running { started_at: SimTime::ZERO },
            ..Default::default()
        }];
        assert_eq!(pod_status(&p, SimTime::ZERO), "Init:0/1");
    }
}
