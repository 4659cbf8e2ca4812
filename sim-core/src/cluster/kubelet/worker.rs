//! One pod on one kubelet: the sandbox, its containers' state machines and the pod status
//! they add up to.

use super::{backoff::Backoff, program::Program};
use crate::{
    model::{
        PodPhase, PodSpec, Uid,
        node::ConditionStatus,
        pod::RestartPolicy,
        pod::{ContainerState, ContainerStatus, PodCondition, PodConditionType, Probe},
    },
    time::SimTime,
};
use serde::{Deserialize, Serialize};
use std::{net::Ipv4Addr, sync::Arc};

/// Where a pod is in its life on the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Stage {
    /// RunPodSandbox (pause container + CNI) finishes at this time.
    Sandbox(SimTime),
    /// Init container `i` is running or starting.
    Init(usize),
    /// App containers run.
    Main,
    /// Graceful termination until the SIGKILL deadline.
    Terminating(SimTime),
    /// Every container has stopped for good.
    Finished,
}

/// A container's state as the runtime and kubelet see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum CState {
    /// Needs its image checked (pull policy) before it can be created.
    NeedImage,
    /// Waiting for the node's serialized image puller.
    Pulling,
    /// The last pull failed; state `ErrImagePull` until the next sync notices the back-off.
    ErrImagePull { notice_at: SimTime, retry_at: SimTime, message: String },
    /// `ImagePullBackOff` until the retry.
    ImagePullBackOff { retry_at: SimTime, message: String },
    /// CreateContainer finishes at this time.
    Creating(SimTime),
    /// StartContainer finishes at this time.
    Starting(SimTime),
    /// Running since `since`; exits with `code` at `exit_at` if set.
    Running { since: SimTime, exit_at: Option<(SimTime, i32)> },
    /// Exited; restarts at `restart_at` if the policy says so.
    Exited { code: i32, started: SimTime, finished: SimTime, restart_at: Option<SimTime> },
}

/// A container's runtime record.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Ctr {
    pub(crate) name: String,
    pub(crate) image: String,
    pub(crate) program: Program,
    pub(crate) state: CState,
    pub(crate) restart_count: i32,
    pub(crate) backoff: Backoff,
    pub(crate) pull_backoff: Backoff,
    /// Startup probe passed (or none).
    pub(crate) started_at_probe: Option<SimTime>,
    /// Readiness probe first succeeds at this time.
    pub(crate) ready_at: Option<SimTime>,
    /// Readiness forced to fail by a fault (`Unhealthy` events).
    pub(crate) readiness_failing: bool,
    pub(crate) last_term: Option<(i32, SimTime, SimTime)>,
    pub(crate) container_id: u64,
    /// The binary does not match the node's architecture.
    pub(crate) wrong_arch: bool,
    pub(crate) pull_requested_at: SimTime,
}

impl Ctr {
    pub(crate) fn new(name: &str, image: &str, program: Program, wrong_arch: bool) -> Self {
        Ctr {
            name: name.to_owned(),
            image: image.to_owned(),
            program,
            state: CState::NeedImage,
            restart_count: 0,
            backoff: Backoff::default(),
            pull_backoff: Backoff::default(),
            started_at_probe: None,
            ready_at: None,
            readiness_failing: false,
            last_term: None,
            container_id: 0,
            wrong_arch,
            pull_requested_at: SimTime::ZERO,
        }
    }

    /// Whether the container is running and its readiness probe passes.
    pub(crate) fn is_ready(&self, now: SimTime) -> bool {
        matches!(self.state, CState::Running { .. })
            && !self.readiness_failing
            && self.ready_at.is_some_and(|t| t <= now)
    }

    /// Whether the startup probe has passed.
    pub(crate) fn is_started(&self, now: SimTime) -> bool {
        matches!(self.state, CState::Running { .. })
            && self.started_at_probe.is_some_and(|t| t <= now)
    }

    /// The next time this container needs attention.
    pub(crate) fn next_wake(&self, now: SimTime) -> Option<SimTime> {
        let t = match &self.state {
            CState::NeedImage => Some(now),
            CState::Pulling => None,
            CState::ErrImagePull { notice_at, retry_at, .. } => Some(*notice_at.min(retry_at)),
            CState::ImagePullBackOff { retry_at, .. } => Some(*retry_at),
            CState::Creating(t) | CState::Starting(t) => Some(*t),
            CState::Running { exit_at, .. } => {
                let probe = [self.started_at_probe, self.ready_at]
                    .into_iter()
                    .flatten()
                    .filter(|t| *t > now)
                    .min();
                [exit_at.map(|e| e.0), probe].into_iter().flatten().min()
            }
            CState::Exited { restart_at, .. } => *restart_at,
        };
        t.map(|t| t.max(now))
    }
}

/// The first time a probe reports success: its first tick at or after `initialDelaySeconds`
/// (ticks run every `periodSeconds` from the container start), plus `successThreshold - 1`
/// more periods.
pub(crate) fn probe_success_ms(p: &Probe) -> u64 {
    let period = u64::try_from(p.period_seconds.max(1)).unwrap_or(10) * 1000;
    let delay = u64::try_from(p.initial_delay_seconds.max(0)).unwrap_or(0) * 1000;
    let first = delay.div_ceil(period) * period;
    first + u64::try_from(p.success_threshold.max(1) - 1).unwrap_or(0) * period
}

/// One pod's worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Worker {
    pub(crate) uid: Uid,
    pub(crate) namespace: String,
    pub(crate) name: String,
    pub(crate) spec: Arc<PodSpec>,
    pub(crate) stage: Stage,
    pub(crate) ip: Option<Ipv4Addr>,
    pub(crate) init: Vec<Ctr>,
    pub(crate) main: Vec<Ctr>,
    pub(crate) started_at: SimTime,
    /// Time of the PodSync already queued, to avoid duplicates.
    pub(crate) wake: Option<SimTime>,
    /// The grace deadline was reached with containers still running.
    pub(crate) killed_at_deadline: bool,
}

impl Worker {
    /// `"<name>_<namespace>(<uid>)"`, upstream's `format.Pod`.
    pub(crate) fn format_pod(&self) -> String {
        format!("{}_{}({})", self.name, self.namespace, self.uid)
    }

    /// Containers in the current stage.
    pub(crate) fn active_indexes(&self) -> (bool, std::ops::Range<usize>) {
        match self.stage {
            Stage::Init(i) => (true, i..i + 1),
            Stage::Main | Stage::Terminating(_) | Stage::Finished => (false, 0..self.main.len()),
            Stage::Sandbox(_) => (false, 0..0),
        }
    }

    /// The container `(init, index)`.
    pub(crate) fn ctr_mut(&mut self, init: bool, i: usize) -> Option<&mut Ctr> {
        if init { self.init.get_mut(i) } else { self.main.get_mut(i) }
    }

    /// The pod phase, as the kubelet's `getPhase` computes it.
    pub(crate) fn phase(&self) -> PodPhase {
        match self.stage {
            Stage::Sandbox(_) | Stage::Init(_) => return PodPhase::Pending,
            Stage::Finished => {
                let all_ok = self.main.iter().all(|c| c.last_term.is_some_and(|t| t.0 == 0))
                    && !self.killed_at_deadline;
                return if all_ok { PodPhase::Succeeded } else { PodPhase::Failed };
            }
            Stage::Main | Stage::Terminating(_) => {}
        }
        let (mut running, mut waiting, mut stopped, mut succeeded) = (0, 0, 0, 0);
        for c in &self.main {
            match &c.state {
                CState::Running { .. } => running += 1,
                CState::Exited { code, .. } => {
                    stopped += 1;
                    if *code == 0 {
                        succeeded += 1;
                    }
                }
                _ if c.last_term.is_some() => stopped += 1,
                _ => waiting += 1,
            }
        }
        if running > 0 {
            return PodPhase::Running;
        }
        if stopped > 0 && waiting == 0 {
            return match self.spec.restart_policy {
                RestartPolicy::Always => PodPhase::Running,
                _ if stopped == succeeded => PodPhase::Succeeded,
                RestartPolicy::Never => PodPhase::Failed,
                RestartPolicy::OnFailure => PodPhase::Running,
            };
        }
        PodPhase::Pending
    }

    /// Container statuses for `init` or app containers.
    pub(crate) fn container_statuses(&self, init: bool, now: SimTime) -> Vec<ContainerStatus> {
        let list = if init { &self.init } else { &self.main };
        list.iter().map(|c| container_status(c, init, self, now)).collect()
    }

    /// Pod conditions (without `PodScheduled`, which the binding set).
    pub(crate) fn conditions(
        &self,
        now: SimTime,
    ) -> Vec<(PodConditionType, bool, &'static str, String)> {
        let sandbox_ready = !matches!(self.stage, Stage::Sandbox(_) | Stage::Finished);
        let initialized = !matches!(self.stage, Stage::Sandbox(_) | Stage::Init(_));
        let unready: Vec<&str> =
            self.main.iter().filter(|c| !c.is_ready(now)).map(|c| c.name.as_str()).collect();
        let ready =
            initialized && unready.is_empty() && !matches!(self.stage, Stage::Terminating(_));
        let unready_msg = format!("containers with unready status: [{}]", unready.join(" "));
        let incomplete: Vec<&str> = match self.stage {
            Stage::Init(i) => self.init[i..].iter().map(|c| c.name.as_str()).collect(),
            Stage::Sandbox(_) => self.init.iter().map(|c| c.name.as_str()).collect(),
            _ => Vec::new(),
        };
        let (init_reason, init_msg) = if initialized {
            ("", String::new())
        } else {
            (
                "ContainersNotInitialized",
                format!("containers with incomplete status: [{}]", incomplete.join(" ")),
            )
        };
        let (ready_reason, ready_msg) =
            if ready { ("", String::new()) } else { ("ContainersNotReady", unready_msg) };
        vec![
            (PodConditionType::PodReadyToStartContainers, sandbox_ready, "", String::new()),
            (PodConditionType::Initialized, initialized, init_reason, init_msg),
            (PodConditionType::Ready, ready, ready_reason, ready_msg.clone()),
            (PodConditionType::ContainersReady, ready, ready_reason, ready_msg),
        ]
    }
}

/// Merges kubelet-owned conditions into `existing`, keeping `lastTransitionTime` unless the
/// status flips.
pub(crate) fn merge_conditions(
    existing: &[PodCondition],
    computed: Vec<(PodConditionType, bool, &'static str, String)>,
    now: SimTime,
) -> Vec<PodCondition> {
    let mut out: Vec<PodCondition> = Vec::with_capacity(5);
    for (type_, ok, reason, message) in computed {
        let status = if ok { ConditionStatus::True } else { ConditionStatus::False };
        let since = existing
            .iter()
            .find(|c| c.type_ == type_ && c.status == status)
            .map_or(now, |c| c.last_transition_time);
        out.push(PodCondition {
            type_,
            status,
            last_transition_time: since,
            reason: reason.to_owned(),
            message,
        });
    }
    out.extend(
        existing
            .iter()
            .filter(|c| {
                matches!(
                    c.type_,
                    PodConditionType::PodScheduled | PodConditionType::DisruptionTarget
                )
            })
            .cloned(),
    );
    out
}

fn container_status(c: &Ctr, init: bool, w: &Worker, now: SimTime) -> ContainerStatus {
    let state = match &c.state {
        CState::NeedImage | CState::Pulling | CState::Creating(_) | CState::Starting(_) => {
            let initializing = !init
                && !w.init.is_empty()
                && matches!(w.stage, Stage::Sandbox(_) | Stage::Init(_));
            let reason = if initializing { "PodInitializing" } else { "ContainerCreating" };
            ContainerState::Waiting { reason: reason.into(), message: String::new() }
        }
        CState::ErrImagePull { message, .. } => {
            ContainerState::Waiting { reason: "ErrImagePull".into(), message: message.clone() }
        }
        CState::ImagePullBackOff { message, .. } => {
            ContainerState::Waiting { reason: "ImagePullBackOff".into(), message: message.clone() }
        }
        CState::Running { since, .. } => ContainerState::Running { started_at: *since },
        CState::Exited { finished, restart_at: Some(r), .. } if r > finished => {
            ContainerState::Waiting {
                reason: "CrashLoopBackOff".into(),
                message: format!(
                    "back-off {} restarting failed container={} pod={}",
                    go_duration(c.backoff.current_ms()),
                    c.name,
                    w.format_pod()
                ),
            }
        }
        CState::Exited { code, started, finished, .. } => terminated(*code, *started, *finished, c),
    };
    let last_state = match state {
        ContainerState::Terminated { .. } => None,
        _ => c.last_term.map(|(code, started, finished)| terminated(code, started, finished, c)),
    };
    ContainerStatus {
        name: c.name.clone(),
        image: c.image.clone(),
        image_id: if c.container_id == 0 { String::new() } else { image_id(&c.image) },
        container_id: if c.container_id == 0 {
            String::new()
        } else {
            format!("containerd://{:016x}{:016x}", c.container_id, c.container_id.rotate_left(17))
        },
        ready: c.is_ready(now),
        started: c.is_started(now),
        restart_count: c.restart_count,
        state,
        last_state,
    }
}

fn terminated(code: i32, started: SimTime, finished: SimTime, c: &Ctr) -> ContainerState {
    ContainerState::Terminated {
        exit_code: code,
        reason: if code == 0 { "Completed".into() } else { "Error".into() },
        message: if c.wrong_arch { "exec format error".into() } else { String::new() },
        started_at: started,
        finished_at: finished,
    }
}

/// `docker.io/library/nginx@sha256:…`: a stable digest derived from the reference.
fn image_id(image: &str) -> String {
    let n = super::super::images::normalize(image);
    let repo = n.rsplit_once(':').map_or(n.as_str(), |(r, _)| r);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in n.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!(
        "{repo}@sha256:{h:016x}{:016x}{:016x}{:016x}",
        h.rotate_left(13),
        h.rotate_left(29),
        h.rotate_left(41)
    )
}

/// Go's `time.Duration.String()` for whole milliseconds: `10s`, `1.5s`, `313ms`, `5m0s`.
pub(crate) fn go_duration(ms: u64) -> String {
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (h, rem) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rem) = (rem / 60_000, rem % 60_000);
    let (s, frac) = (rem / 1000, rem % 1000);
    let secs = if frac == 0 {
        format!("{s}s")
    } else {
        let f = format!("{frac:03}");
        format!("{s}.{}s", f.trim_end_matches('0'))
    };
    match (h, m) {
        (0, 0) => secs,
        (0, m) => format!("{m}m{secs}"),
        (h, m) => format!("{h}h{m}m{secs}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        let cases = [
            (0, "0s"),
            (313, "313ms"),
            (1000, "1s"),
            (1500, "1.5s"),
            (2641, "2.641s"),
            (300_000, "5m0s"),
            (65_200, "1m5.2s"),
            (3_723_000, "1h2m3s"),
        ];
        for (ms, want) in cases {
            assert_eq!(go_duration(ms), want);
        }
    }

    #[test]
    fn probes_succeed_on_the_first_tick_after_the_delay() {
        let p = |delay, period, threshold| Probe {
            initial_delay_seconds: delay,
            period_seconds: period,
            success_threshold: threshold,
            ..Default::default()
        };
        assert_eq!(probe_success_ms(&p(0, 10, 1)), 0);
        assert_eq!(probe_success_ms(&p(5, 10, 1)), 10_000);
        assert_eq!(probe_success_ms(&p(10, 10, 1)), 10_000);
        assert_eq!(probe_success_ms(&p(5, 2, 3)), 10_000);
    }
}
