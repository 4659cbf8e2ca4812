//! Simulated container logs: the playground runs no containers, so `kubectl logs` prints lines
//! derived from the simulation's container state — when the container started, its readiness,
//! how it ended (`exec format error` for an amd64 binary on arm64) — plus what the container's
//! own command would print (`echo` in a `sh -c` script). Lifecycle lines carry a `[sim]` tag so
//! no one mistakes them for application output. Nothing is random: the same state gives the
//! same lines.

use sim_core::{
    model::{
        Container, Pod,
        pod::{ContainerState, ContainerStatus, PodConditionType},
    },
    time::{SimTime, rfc3339},
};

/// One container run: the state it started and ended in.
struct Run {
    started: SimTime,
    ended: Option<(SimTime, i32, String, String)>,
    attempt: i32,
}

/// Why there are no logs to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NoLogs {
    /// The container has not started (`is waiting to start: …`).
    Waiting(String),
    /// `--previous` with no earlier run.
    NoPrevious,
}

/// The log lines of `container`'s current run (or its previous one).
pub(crate) fn container_logs(
    pod: &Pod,
    container: &Container,
    status: Option<&ContainerStatus>,
    previous: bool,
) -> Result<Vec<String>, NoLogs> {
    let Some(status) = status else {
        return Err(NoLogs::Waiting("ContainerCreating".into()));
    };
    let run = if previous {
        match &status.last_state {
            Some(ContainerState::Terminated {
                exit_code,
                reason,
                message,
                started_at,
                finished_at,
            }) => Run {
                started: *started_at,
                ended: Some((*finished_at, *exit_code, reason.clone(), message.clone())),
                // The restart count goes up when the next run starts: while the container
                // waits in back-off, its last run is still the newest one.
                attempt: status.restart_count + i32::from(!restarted(status)),
            },
            _ => return Err(NoLogs::NoPrevious),
        }
    } else {
        current_run(status)?
    };
    let mut lines = vec![format!(
        "{} [sim] container \"{}\" started (image {}, run {})",
        rfc3339(run.started),
        container.name,
        container.image,
        run.attempt
    )];
    let exec_failed = run.ended.as_ref().is_some_and(|e| e.3 == "exec format error");
    if !exec_failed {
        lines.extend(echo_output(container));
    }
    match &run.ended {
        Some((at, code, reason, message)) => {
            if !message.is_empty() {
                lines.push(message.clone());
            }
            let why = if reason.is_empty() { String::new() } else { format!(" ({reason})") };
            lines.push(format!("{} [sim] container exited with code {code}{why}", rfc3339(*at)));
        }
        None if status.ready => {
            let since = pod
                .status
                .condition(PodConditionType::Ready)
                .map_or(run.started, |c| c.last_transition_time.max(run.started));
            let how = if container.readiness_probe.is_some() {
                "readiness probe succeeded"
            } else {
                "no readiness probe"
            };
            lines.push(format!("{} [sim] container is ready ({how})", rfc3339(since)));
        }
        None => lines.push("[sim] container is running, not ready".into()),
    }
    Ok(lines)
}

/// Whether a new run has begun since the last one ended.
fn restarted(status: &ContainerStatus) -> bool {
    match &status.state {
        ContainerState::Running { .. } => true,
        ContainerState::Terminated { .. } => false,
        ContainerState::Waiting { reason, .. } => reason != "CrashLoopBackOff",
    }
}

fn current_run(status: &ContainerStatus) -> Result<Run, NoLogs> {
    match &status.state {
        ContainerState::Running { started_at } => {
            Ok(Run { started: *started_at, ended: None, attempt: status.restart_count + 1 })
        }
        ContainerState::Terminated { exit_code, reason, message, started_at, finished_at } => {
            Ok(Run {
                started: *started_at,
                ended: Some((*finished_at, *exit_code, reason.clone(), message.clone())),
                attempt: status.restart_count + 1,
            })
        }
        // Between restarts the kubelet serves the last run's log.
        ContainerState::Waiting { reason, .. } if reason == "CrashLoopBackOff" => {
            match &status.last_state {
                Some(ContainerState::Terminated {
                    exit_code,
                    reason,
                    message,
                    started_at,
                    finished_at,
                }) => Ok(Run {
                    started: *started_at,
                    ended: Some((*finished_at, *exit_code, reason.clone(), message.clone())),
                    attempt: status.restart_count + 1,
                }),
                _ => Err(NoLogs::Waiting(reason.clone())),
            }
        }
        ContainerState::Waiting { reason, .. }
            if reason == "ErrImagePull" || reason == "ImagePullBackOff" =>
        {
            Err(NoLogs::Waiting("trying and failing to pull image".into()))
        }
        ContainerState::Waiting { reason, .. } => Err(NoLogs::Waiting(reason.clone())),
    }
}

/// What `echo` statements in the container's command print, for commands the simulator's
/// kubelet also interprets (`echo …`, `sh -c "…; echo …"`). Loops print nothing here: how
/// many iterations ran is not tracked.
fn echo_output(c: &Container) -> Vec<String> {
    let argv: Vec<&str> = c.command.iter().chain(&c.args).map(String::as_str).collect();
    let Some(first) = argv.first() else { return Vec::new() };
    let prog = first.rsplit('/').next().unwrap_or("");
    if prog == "echo" {
        return vec![argv[1..].join(" ")];
    }
    if !matches!(prog, "sh" | "bash" | "ash" | "dash") || argv.get(1) != Some(&"-c") {
        return Vec::new();
    }
    let Some(script) = argv.get(2) else { return Vec::new() };
    let words: Vec<&str> = script.split_whitespace().collect();
    if words.iter().any(|w| matches!(*w, "while" | "for" | "until")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for part in script.split([';', '\n']) {
        for stmt in part.split("&&") {
            let stmt = stmt.trim();
            match stmt.split_whitespace().next() {
                Some("echo") => out.push(unquote(stmt["echo".len()..].trim())),
                Some("exit") => return out,
                Some("false") => break,
                _ => {}
            }
        }
    }
    out
}

/// Removes one level of shell quotes from `echo`'s arguments.
fn unquote(s: &str) -> String {
    crate::tokenize::tokenize(s).map(|w| w.join(" ")).unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(command: &[&str]) -> Container {
        Container {
            name: "app".into(),
            image: "busybox:1.37".into(),
            command: command.iter().map(|s| (*s).to_owned()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn echoes_what_the_script_prints() {
        let c = container(&[
            "sh",
            "-c",
            "echo \"starting up\"; sleep 2 && echo 'done'; exit 1; echo never",
        ]);
        assert_eq!(echo_output(&c), ["starting up", "done"]);
        assert_eq!(echo_output(&container(&["echo", "hi", "there"])), ["hi there"]);
        assert!(echo_output(&container(&["sh", "-c", "while true; do echo x; done"])).is_empty());
        assert!(echo_output(&container(&["nginx"])).is_empty());
    }
}
