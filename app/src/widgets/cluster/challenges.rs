//! Challenges: the lessons' "Try it" goals, verified by watching the simulation itself.
//!
//! A [`Checker`] is told about every engine step while its challenge is open (see
//! [`Checker::observe`]), so a budget that breaks for one step between two frames is still
//! caught. It reads only the engine's state and log: what the reader did is known from the
//! log's `Action` entries (`deployment.apps/web rolled back`), what the cluster does from the
//! API objects, and whether a Service really answers from `Sim::connect` and the kubelets'
//! health. The checker is plain data, cloned into the driver's snapshots, so scrubbing back
//! to before a mistake undoes the mistake's verdict too.

use super::text::when;
use sim_core::{
    cluster::{ConnectError, KubeletHealth, Sim, SimEvent, images},
    model::{Deployment, Pod, PodPhase, ResourceName, resources::RESOURCE_NVIDIA_GPU},
    printers::pod::pod_status,
    time::SimTime,
};

/// A challenge as the reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChallengeDef {
    /// The id a lesson names (`challenge: survive-crash`) and progress stores.
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    /// The preset it is played on.
    pub preset: &'static str,
    /// What to achieve.
    pub goal: &'static str,
    /// Hints, revealed one at a time.
    pub hints: &'static [&'static str],
}

/// Every challenge.
pub const CHALLENGES: &[ChallengeDef] = &[
    ChallengeDef {
        id: "schedule-pending",
        title: "Schedule the Pending pod",
        preset: "pending-pod",
        goal: "The report pod is stuck in Pending. Get it bound to a node and running without deleting anything.",
        hints: &[
            "Select the Pending pod and read the explanation: every node says why it refused.",
            "The CPU nodes have 4 CPUs and the pod asks for 5. The GPU node is big enough but tainted.",
            "In the editor, lower the cpu request to 3 (or add a toleration for nvidia.com/gpu) and apply.",
        ],
    },
    ChallengeDef {
        id: "use-gpu-pool",
        title: "Put a training pod on the GPU pool",
        preset: "node-pools",
        goal: "Run a pod on a GPU node, and only there: it must ask for an nvidia.com/gpu and tolerate the pool's taint.",
        hints: &[
            "Start from the GPU training pod in the editor: as written it lands on a CPU node.",
            "Add resources.limits with nvidia.com/gpu: 1, so only nodes with a GPU fit.",
            "Add a toleration: key nvidia.com/gpu, operator Exists, effect NoSchedule.",
        ],
    },
    ChallengeDef {
        id: "rollout-one-unavailable",
        title: "Roll out with at most one pod unavailable",
        preset: "rolling-update",
        goal: "Roll the ten web replicas to a new image (say nginx:latest) while never having fewer than nine available.",
        hints: &[
            "With the default maxUnavailable of 25%, ten replicas may drop to eight.",
            "Set strategy.rollingUpdate.maxUnavailable to 1 (or 0, with maxSurge 1) and change the image in the same apply.",
            "Wait until all ten replicas are available before you apply.",
        ],
    },
    ChallengeDef {
        id: "rollback-bad-image",
        title: "Roll back a broken release",
        preset: "rolling-update",
        goal: "Set the web Deployment to an image tag that does not exist, watch the rollout stall, then undo it until all ten replicas run the last good image.",
        hints: &[
            "kubectl set image deployment/web web=nginx:9.99 starts a rollout to a tag the registry does not have.",
            "The new pods sit in ErrImagePull / ImagePullBackOff and the rollout stops; kubectl rollout status shows it waiting.",
            "kubectl rollout undo deployment/web goes back to the previous revision.",
        ],
    },
    ChallengeDef {
        id: "drain-keep-serving",
        title: "Drain node-2 without dropping service",
        preset: "services",
        goal: "Drain node-2 while the web Service keeps at least three ready replicas answering the whole time.",
        hints: &[
            "Draining evicts node-2's replica: with exactly three replicas you drop to two until its replacement is ready.",
            "Cordon node-2 first, so new pods avoid it.",
            "Then scale web to four replicas, wait for them to be ready, and drain node-2.",
        ],
    },
    ChallengeDef {
        id: "survive-crash",
        title: "Survive a node crash",
        preset: "node-failure",
        goal: "Crash a node that runs a web replica while at least one replica keeps serving, and wait until the replacements run elsewhere.",
        hints: &[
            "With one replica, the node that runs it is a single point of failure.",
            "Scale web to three replicas: the scheduler spreads them over the nodes.",
            "Crash a node with a replica, then play at 60× or faster: NotReady after about 50 s, eviction about 300 s later.",
        ],
    },
    ChallengeDef {
        id: "fix-arch",
        title: "Fix the exec format error",
        preset: "raspberry-pi",
        goal: "Make every legacy replica run and become ready on the arm64 Raspberry Pi nodes.",
        hints: &[
            "kubectl logs on a crashing legacy pod shows exec format error; kubectl get nodes -L kubernetes.io/arch shows arm64.",
            "The image was published for linux/amd64 only. The team has since published a multi-arch build, registry.example.com/shop/legacy-api:1.1.",
            "kubectl set image deployment/legacy api=registry.example.com/shop/legacy-api:1.1",
        ],
    },
];

/// The challenge with `id`.
pub fn find(id: &str) -> Option<&'static ChallengeDef> {
    CHALLENGES.iter().find(|c| c.id == id)
}

/// Where a challenge stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Not there yet; what the checker sees now.
    Working(String),
    /// Broken for this run (scrub back or reset to retry); why.
    Failed(String),
    /// Achieved; what was verified.
    Done(String),
}

impl Verdict {
    /// Whether the verdict is final for this run.
    pub fn is_final(&self) -> bool {
        !matches!(self, Verdict::Working(_))
    }
}

/// Requests sent to a Service by the live-traffic probe.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Traffic {
    /// Connections that reached a serving pod.
    pub ok: u64,
    /// Connections refused or timed out.
    pub failed: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Goal {
    SchedulePending,
    UseGpuPool,
    RolloutOneUnavailable { image: Option<String>, started: bool },
    RollbackBadImage { bad: Option<String>, stalled: bool, undone: bool },
    DrainKeepServing { drained: bool },
    SurviveCrash { crashed: Option<String>, wasted: Option<String>, came_back: Option<String> },
    FixArch,
}

/// Watches the simulation for one challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checker {
    def: &'static ChallengeDef,
    goal: Goal,
    log_seen: usize,
    verdict: Verdict,
    traffic: Traffic,
}

const NS: &str = "default";
/// Connections the traffic probe opens per observed step.
const PROBES_PER_STEP: u32 = 2;

impl Checker {
    /// A checker for challenge `id`, if there is one.
    pub fn new(id: &str) -> Option<Checker> {
        let def = find(id)?;
        let goal = match def.id {
            "schedule-pending" => Goal::SchedulePending,
            "use-gpu-pool" => Goal::UseGpuPool,
            "rollout-one-unavailable" => {
                Goal::RolloutOneUnavailable { image: None, started: false }
            }
            "rollback-bad-image" => {
                Goal::RollbackBadImage { bad: None, stalled: false, undone: false }
            }
            "drain-keep-serving" => Goal::DrainKeepServing { drained: false },
            "survive-crash" => Goal::SurviveCrash { crashed: None, wasted: None, came_back: None },
            "fix-arch" => Goal::FixArch,
            _ => return None,
        };
        Some(Checker {
            def,
            goal,
            log_seen: 0,
            verdict: Verdict::Working(String::new()),
            traffic: Traffic::default(),
        })
    }

    /// The challenge.
    pub fn def(&self) -> &'static ChallengeDef {
        self.def
    }

    /// Where it stands.
    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }

    /// The live-traffic probe's counts (challenges about serving).
    pub fn traffic(&self) -> Traffic {
        self.traffic
    }

    /// Whether the checker wants to see every engine step (it does until its verdict is final).
    pub fn every_step(&self) -> bool {
        !self.verdict.is_final()
    }

    /// Looks at the simulation after a step.
    pub fn observe(&mut self, sim: &mut Sim) {
        if self.verdict.is_final() {
            return;
        }
        let actions: Vec<String> = sim
            .events_since(self.log_seen)
            .iter()
            .filter_map(|e| match &e.event {
                SimEvent::Action { description } => Some(description.clone()),
                _ => None,
            })
            .collect();
        self.log_seen = sim.log_len();
        let now = sim.now();
        let mut goal = std::mem::replace(&mut self.goal, Goal::FixArch);
        self.verdict = match &mut goal {
            Goal::SchedulePending => schedule_pending(sim, &actions),
            Goal::UseGpuPool => use_gpu_pool(sim),
            Goal::RolloutOneUnavailable { image, started } => {
                rollout_one_unavailable(sim, image, started, now)
            }
            Goal::RollbackBadImage { bad, stalled, undone } => {
                rollback_bad_image(sim, &actions, bad, stalled, undone)
            }
            Goal::DrainKeepServing { drained } => {
                let v = drain_keep_serving(sim, &actions, drained, now);
                if *drained {
                    self.probe(sim, "web");
                    if self.traffic.failed > 0 && !v.is_final() {
                        Verdict::Failed(format!(
                            "A request to the web Service failed at {} during the drain.",
                            when(now)
                        ))
                    } else {
                        v
                    }
                } else {
                    v
                }
            }
            Goal::SurviveCrash { crashed, wasted, came_back } => {
                if crashed.is_some() {
                    self.probe(sim, "web");
                }
                survive_crash(sim, &actions, crashed, wasted, came_back, now)
            }
            Goal::FixArch => fix_arch(sim),
        };
        self.goal = goal;
    }

    fn probe(&mut self, sim: &mut Sim, service: &str) {
        for _ in 0..PROBES_PER_STEP {
            match sim.connect(NS, service) {
                Ok(_) => self.traffic.ok += 1,
                Err(ConnectError::NoSuchService(_)) => {}
                Err(_) => self.traffic.failed += 1,
            }
        }
    }
}

/// Pods of a Deployment (through its ReplicaSets), by name.
pub fn deployment_pods<'a>(sim: &'a Sim, d: &Deployment) -> Vec<&'a Pod> {
    let store = sim.store();
    let mut pods: Vec<&Pod> = store
        .replica_sets_owned_by(d.metadata.uid)
        .flat_map(|rs| store.pods_owned_by(rs.metadata.uid))
        .filter_map(|uid| store.pod(uid))
        .collect();
    pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    pods
}

fn is_active(p: &Pod) -> bool {
    sim_core::cluster::controllers::replicaset::is_pod_active(p)
}

/// Active pods of `d` available by the ReplicaSet controller's rule (Ready for
/// `minReadySeconds`).
pub fn available(sim: &Sim, d: &Deployment) -> i32 {
    let now = sim.now();
    let n = deployment_pods(sim, d)
        .into_iter()
        .filter(|p| {
            is_active(p)
                && sim_core::cluster::controllers::replicaset::is_pod_available(
                    p,
                    d.spec.min_ready_seconds,
                    now,
                )
        })
        .count();
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Ready endpoints of a Service whose pod really answers: the pod is Running and its machine
/// is up. (Right after a crash the endpoints still say ready; the pods behind them are gone.)
pub fn serving_endpoints(sim: &Sim, namespace: &str, service: &str) -> usize {
    let store = sim.store();
    store
        .endpoint_slices_for(namespace, service)
        .flat_map(|s| &s.endpoints)
        .filter(|e| e.ready)
        .filter(|e| {
            store.pod(e.target_ref.uid).is_some_and(|p| {
                p.status.phase == PodPhase::Running
                    && sim.kubelet_health(&p.node_name).is_some_and(|h| h != KubeletHealth::Crashed)
            })
        })
        .count()
}

fn first_image(d: &Deployment) -> String {
    d.spec.template.spec.containers.first().map(|c| c.image.clone()).unwrap_or_default()
}

/// Whether a rollout of `d` is finished: every replica updated and available, no old pods.
pub fn rollout_complete(sim: &Sim, d: &Deployment) -> bool {
    let s = &d.status;
    let want = d.spec.replicas;
    s.observed_generation >= d.metadata.generation
        && s.updated_replicas == want
        && s.replicas == want
        && available(sim, d) == want
}

fn schedule_pending(sim: &Sim, actions: &[String]) -> Verdict {
    if let Some(a) = actions.iter().find(|a| a.contains(" deleted") || a.contains("evicting pod")) {
        return Verdict::Failed(format!(
            "Something was deleted ({}). Reset and get the pod scheduled without deleting anything.",
            a.lines().next().unwrap_or(a)
        ));
    }
    let Some(d) = sim.store().deployment(NS, "report") else {
        return Verdict::Working("The report Deployment is gone; apply it again.".into());
    };
    let pods: Vec<&Pod> = deployment_pods(sim, d).into_iter().filter(|p| is_active(p)).collect();
    if d.spec.replicas < 1 {
        return Verdict::Working("report is scaled to zero: there is no pod to schedule.".into());
    }
    let running =
        pods.iter().filter(|p| !p.node_name.is_empty() && p.status.phase == PodPhase::Running);
    let running: Vec<&&Pod> = running.collect();
    if !running.is_empty() && running.len() == pods.len() && available(sim, d) >= d.spec.replicas {
        let p = running[0];
        return Verdict::Done(format!(
            "{} is bound to {} and running.",
            p.metadata.name, p.node_name
        ));
    }
    let pending = pods.iter().filter(|p| p.node_name.is_empty()).count();
    Verdict::Working(if pending > 0 {
        "The report pod is still Pending.".into()
    } else {
        "The report pod is bound; waiting for it to run.".into()
    })
}

fn gpus_requested(p: &Pod) -> i64 {
    let gpu = ResourceName::from_name(RESOURCE_NVIDIA_GPU);
    p.spec
        .containers
        .iter()
        .map(|c| {
            let r = c.resources.requests.get(&gpu).or_else(|| c.resources.limits.get(&gpu));
            r.map_or(0, |q| q.value())
        })
        .sum()
}

fn node_gpus(sim: &Sim, node: &str) -> i64 {
    let gpu = ResourceName::from_name(RESOURCE_NVIDIA_GPU);
    sim.store().node(node).and_then(|n| n.status.allocatable.get(&gpu)).map_or(0, |q| q.value())
}

fn use_gpu_pool(sim: &Sim) -> Verdict {
    let candidates: Vec<&Pod> = sim
        .store()
        .pods()
        .filter(|p| is_active(p) && p.metadata.labels.get("app") != Some("web"))
        .collect();
    if let Some(p) = candidates.iter().find(|p| {
        gpus_requested(p) > 0
            && node_gpus(sim, &p.node_name) > 0
            && p.status.phase == PodPhase::Running
    }) {
        return Verdict::Done(format!(
            "{} runs on {}, holding {} of its GPUs; no other node could take it.",
            p.metadata.name,
            p.node_name,
            gpus_requested(p)
        ));
    }
    let Some(p) = candidates.first() else {
        return Verdict::Working("No training pod yet: apply one from the editor.".into());
    };
    let name = &p.metadata.name;
    Verdict::Working(match (p.node_name.as_str(), gpus_requested(p) > 0) {
        ("", _) => format!("{name} is Pending: select it to read why."),
        (node, false) if node_gpus(sim, node) == 0 => {
            format!("{name} runs on {node}, a CPU node: it does not ask for a GPU.")
        }
        (node, false) => format!(
            "{name} landed on {node}, but without a GPU request it could as well have gone elsewhere."
        ),
        (node, true) => format!("{name} is on {node}; waiting for it to run."),
    })
}

fn rollout_one_unavailable(
    sim: &Sim,
    image: &mut Option<String>,
    started: &mut bool,
    now: SimTime,
) -> Verdict {
    let Some(d) = sim.store().deployment(NS, "web") else {
        return Verdict::Failed("The web Deployment was deleted.".into());
    };
    let current = first_image(d);
    let initial = image.get_or_insert_with(|| current.clone()).clone();
    let avail = available(sim, d);
    if !*started {
        if current == initial {
            return Verdict::Working(format!(
                "{avail} of {} replicas available. Change the image to start a rollout.",
                d.spec.replicas
            ));
        }
        *started = true;
    }
    if d.spec.replicas != 10 {
        return Verdict::Failed(format!(
            "web was scaled to {}: the rollout has to keep all ten replicas.",
            d.spec.replicas
        ));
    }
    if avail < 9 {
        return Verdict::Failed(format!(
            "At {} only {avail} of 10 replicas were available. Scrub back before the rollout (or reset) and lower maxUnavailable.",
            when(now)
        ));
    }
    if current != initial && rollout_complete(sim, d) {
        return Verdict::Done(format!(
            "All ten replicas run {current}, and at least nine were available at every step."
        ));
    }
    Verdict::Working(format!(
        "Rolling out {current}: {} updated, {avail} available.",
        d.status.updated_replicas
    ))
}

fn rollback_bad_image(
    sim: &Sim,
    actions: &[String],
    bad: &mut Option<String>,
    stalled: &mut bool,
    undone: &mut bool,
) -> Verdict {
    let Some(d) = sim.store().deployment(NS, "web") else {
        return Verdict::Failed("The web Deployment was deleted.".into());
    };
    let current = first_image(d);
    if images::lookup(&current).is_none() {
        *bad = Some(current.clone());
    }
    let now = sim.now();
    let pods = deployment_pods(sim, d);
    if let Some(bad_image) = bad.as_deref() {
        let pulling_fails = pods.iter().any(|p| {
            p.spec.containers.iter().any(|c| c.image == bad_image)
                && matches!(pod_status(p, now).as_str(), "ErrImagePull" | "ImagePullBackOff")
        });
        *stalled |= pulling_fails;
    }
    if *stalled && actions.iter().any(|a| a.contains("deployment.apps/web rolled back")) {
        *undone = true;
    }
    match (bad.as_deref(), *stalled, *undone) {
        (None, _, _) => {
            Verdict::Working("Set an image tag that does not exist, for example nginx:9.99.".into())
        }
        (Some(b), false, _) => Verdict::Working(format!("Rolling out {b}: watch the new pods.")),
        (Some(b), true, false) => Verdict::Working(format!(
            "The rollout to {b} is stuck: the new pods cannot pull it. Now undo it."
        )),
        (Some(b), true, true) => {
            let clean = !pods
                .iter()
                .any(|p| is_active(p) && p.spec.containers.iter().any(|c| c.image == b));
            if images::lookup(&current).is_some() && clean && rollout_complete(sim, d) {
                Verdict::Done(format!(
                    "Rolled back: all {} replicas run {current} again.",
                    d.spec.replicas
                ))
            } else {
                Verdict::Working(
                    "Rolled back; waiting for the old revision to be fully available.".into(),
                )
            }
        }
    }
}

fn drain_keep_serving(sim: &Sim, actions: &[String], drained: &mut bool, now: SimTime) -> Verdict {
    const NODE: &str = "node-2";
    let serving = serving_endpoints(sim, NS, "web");
    if !*drained && actions.iter().any(|a| a.contains("node/node-2 drained")) {
        *drained = true;
    }
    if !*drained {
        return Verdict::Working(format!("{serving} replicas serving. Drain {NODE} when ready."));
    }
    if serving < 3 {
        return Verdict::Failed(format!(
            "At {} only {serving} replicas were serving. Reset or scrub back to before the drain and try again.",
            when(now)
        ));
    }
    let Some(d) = sim.store().deployment(NS, "web") else {
        return Verdict::Failed("The web Deployment was deleted.".into());
    };
    let left_on_node =
        deployment_pods(sim, d).iter().filter(|p| p.node_name == NODE && is_active(p)).count();
    if left_on_node == 0 && available(sim, d) >= d.spec.replicas && d.spec.replicas >= 3 {
        return Verdict::Done(format!(
            "{NODE} is drained, and at least three replicas answered throughout; {} now serve.",
            serving
        ));
    }
    Verdict::Working(format!("Draining {NODE}: {serving} replicas serving."))
}

fn survive_crash(
    sim: &Sim,
    actions: &[String],
    crashed: &mut Option<String>,
    wasted: &mut Option<String>,
    came_back: &mut Option<String>,
    now: SimTime,
) -> Verdict {
    let Some(d) = sim.store().deployment(NS, "web") else {
        return Verdict::Failed("The web Deployment was deleted.".into());
    };
    let pods = deployment_pods(sim, d);
    for a in actions {
        if crashed.is_some() {
            break;
        }
        let Some(node) = a.strip_prefix("node/").and_then(|r| r.strip_suffix(" crashed")) else {
            continue;
        };
        if pods.iter().any(|p| p.node_name == node && is_active(p)) {
            *crashed = Some(node.to_owned());
        } else {
            *wasted = Some(node.to_owned());
            *came_back = None;
        }
    }
    let serving = serving_endpoints(sim, NS, "web");
    let Some(node) = crashed.clone() else {
        let running = pods.iter().filter(|p| is_active(p)).count();
        return Verdict::Working(match (wasted, came_back) {
            (Some(w), _) => format!(
                "{w} ran no web replica, so its crash proves nothing. Recover it and crash a node that runs one."
            ),
            (None, Some(b)) => came_back_message(b),
            (None, None) => format!(
                "{} running. Spread the replicas, then crash a node that runs one.",
                super::text::plural(running, "web replica", "web replicas")
            ),
        });
    };
    if serving == 0 {
        return Verdict::Failed(format!(
            "At {} no web replica was serving: every one was on {node}. Reset, spread the replicas and try again.",
            when(now)
        ));
    }
    let elsewhere = pods
        .iter()
        .filter(|p| is_active(p) && p.node_name != node && p.status.phase == PodPhase::Running)
        .count();
    let want = usize::try_from(d.spec.replicas).unwrap_or(0);
    if elsewhere >= want && available(sim, d) >= d.spec.replicas {
        return Verdict::Done(format!(
            "{node} crashed, web kept serving, and all {want} replicas now run on other nodes."
        ));
    }
    // Recovered before the taint manager evicted its pods: they restart in place and nothing
    // will be replaced, so this crash is over; the next crash of a node with a replica counts.
    let back_in_place = sim.kubelet_health(&node) == Some(KubeletHealth::Up)
        && pods.iter().any(|p| p.node_name == node && is_active(p));
    if back_in_place {
        let message = came_back_message(&node);
        *crashed = None;
        *wasted = None;
        *came_back = Some(node);
        return Verdict::Working(message);
    }
    Verdict::Working(format!(
        "{node} is down; {serving} replica(s) serving, {elsewhere} of {want} running elsewhere."
    ))
}

fn came_back_message(node: &str) -> String {
    format!(
        "{node} came back before its pods were evicted, so they restarted there and nothing was replaced. Crash a node that runs a web replica and leave it down until the replacements run."
    )
}

fn fix_arch(sim: &Sim) -> Verdict {
    let Some(d) = sim.store().deployment(NS, "legacy") else {
        return Verdict::Failed("The legacy Deployment was deleted.".into());
    };
    let now = sim.now();
    let pods: Vec<&Pod> = deployment_pods(sim, d).into_iter().filter(|p| is_active(p)).collect();
    let arm = |p: &&Pod| {
        sim.store()
            .node(&p.node_name)
            .and_then(|n| n.metadata.labels.get(sim_core::model::meta::LABEL_ARCH))
            == Some("arm64")
    };
    let want = d.spec.replicas;
    let all_ok = want >= 3
        && pods.len() == usize::try_from(want).unwrap_or(0)
        && pods.iter().all(|p| arm(p) && pod_status(p, now) == "Running")
        && available(sim, d) == want;
    if all_ok && rollout_complete(sim, d) {
        return Verdict::Done(format!(
            "All {want} legacy replicas are ready on arm64 nodes, running {}.",
            first_image(d)
        ));
    }
    if want < 3 {
        return Verdict::Working("legacy needs its three replicas.".into());
    }
    let crashing = pods.iter().filter(|p| pod_status(p, now).contains("CrashLoopBackOff")).count();
    Verdict::Working(format!(
        "{} of {want} legacy replicas available; {crashing} in CrashLoopBackOff.",
        available(sim, d)
    ))
}

#[cfg(test)]
mod tests;
