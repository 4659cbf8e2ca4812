//! Actions from the view: on the selected node or pod (crash, recover, partition, cordon,
//! drain, taint, label, delete) and on the cluster (add nodes or a pool, create a
//! Deployment, scale it, change its image, roll it back). Every one is a native button or a
//! form, so all work from the keyboard; each prints what kubectl would.

use super::{
    super::{
        driver::{Command, Outcome},
        forms::{self, DeploymentForm, PoolForm},
    },
    state::{Selection, Ui},
};
use leptos::{ev::SubmitEvent, prelude::*};
use sim_core::cluster::{Action, Kind, KubeletHealth};

fn act(ui: Ui, a: Action) {
    let out = ui.perform(Command::Action(Box::new(a)));
    ui.last_output.set(Some(out));
}

fn refuse(ui: Ui, message: String) {
    ui.last_output.set(Some(Outcome { stdout: String::new(), stderr: message, exit_code: 1 }));
}

fn field(ui: Ui, name: &str) -> String {
    ui.dom_id(name)
}

/// What the selection allows, under the view.
#[component]
pub(crate) fn SelectionBar(ui: Ui) -> impl IntoView {
    move || {
        match ui.selection.get() {
        None => view! {
            <p class="selection-hint">
                "Select a node or a pod to act on it. Tab reaches each node; arrow keys move through its pods; Enter selects."
            </p>
        }
        .into_any(),
        Some(Selection::Node(name)) => node_actions(ui, name).into_any(),
        Some(Selection::Pod(uid)) => {
            let pod = ui
                .read(|p| {
                    p.driver
                        .sim()
                        .store()
                        .pod(uid)
                        .map(|x| (x.metadata.namespace.clone(), x.metadata.name.clone()))
                })
                .flatten();
            match pod {
                Some((ns, name)) => pod_actions(ui, ns, name).into_any(),
                None => view! { <p class="selection-hint">"That pod is gone."</p> }.into_any(),
            }
        }
    }
    }
}

fn node_actions(ui: Ui, name: String) -> impl IntoView {
    let n = name.clone();
    let health = move || {
        ui.tick.get();
        ui.read(|p| p.driver.sim().kubelet_health(&n)).flatten()
    };
    let health_later = health.clone();
    let n = name.clone();
    let cordoned = move || {
        ui.tick.get();
        ui.read(|p| p.driver.sim().store().node(&n).is_some_and(|x| x.spec.unschedulable))
            .unwrap_or(false)
    };
    let (n1, n2, n3, n4, n5) =
        (name.clone(), name.clone(), name.clone(), name.clone(), name.clone());
    let taint_spec = RwSignal::new(String::new());
    let label_spec = RwSignal::new(String::new());
    let (t_node, l_node) = (name.clone(), name.clone());
    let taint_id = field(ui, "taint");
    let label_id = field(ui, "label");
    let on_taint = move |ev: SubmitEvent| {
        ev.prevent_default();
        match forms::taint(&t_node, &taint_spec.get_untracked()) {
            Ok(a) => act(ui, a),
            Err(e) => refuse(ui, format!("error: {e}")),
        }
    };
    let on_label = move |ev: SubmitEvent| {
        ev.prevent_default();
        match forms::label(&l_node, &label_spec.get_untracked()) {
            Ok(a) => act(ui, a),
            Err(e) => refuse(ui, format!("error: {e}")),
        }
    };
    view! {
        <div class="selection-bar" role="group" aria-label=format!("Actions on node {name}")>
            <p class="selection-title">"Node "<strong>{name.clone()}</strong></p>
            <div class="buttons">
                {move || match health() {
                    Some(KubeletHealth::Crashed) => {
                        let n = n1.clone();
                        view! {
                            <button type="button" on:click=move |_| act(ui, Action::RecoverNode { node: n.clone() })>
                                "Recover machine"
                            </button>
                        }
                        .into_any()
                    }
                    _ => {
                        let n = n1.clone();
                        view! {
                            <button type="button" class="danger" on:click=move |_| act(ui, Action::CrashNode { node: n.clone() })>
                                "Crash machine"
                            </button>
                        }
                        .into_any()
                    }
                }}
                {move || match health_later() {
                    Some(KubeletHealth::Partitioned) => {
                        let n = n2.clone();
                        view! {
                            <button type="button" on:click=move |_| act(ui, Action::HealNode { node: n.clone() })>
                                "Reconnect"
                            </button>
                        }
                        .into_any()
                    }
                    _ => {
                        let n = n2.clone();
                        view! {
                            <button type="button" on:click=move |_| act(ui, Action::PartitionNode { node: n.clone() })>
                                "Partition from API server"
                            </button>
                        }
                        .into_any()
                    }
                }}
                {move || {
                    let n = n3.clone();
                    let on = cordoned();
                    view! {
                        <button
                            type="button"
                            on:click=move |_| act(ui, Action::Cordon { node: n.clone(), unschedulable: !on })
                        >
                            {if on { "Uncordon" } else { "Cordon" }}
                        </button>
                    }
                }}
                <button type="button" on:click=move |_| act(ui, Action::Drain { node: n4.clone(), force: false })>
                    "Drain"
                </button>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        act(
                            ui,
                            Action::Delete {
                                kind: Kind::Node,
                                namespace: String::new(),
                                name: n5.clone(),
                                grace_period_seconds: None,
                                force: false,
                            },
                        )
                    }
                >
                    "Delete node"
                </button>
            </div>
            <form class="inline-form" on:submit=on_taint>
                <label for=taint_id.clone()>"Taint"</label>
                <input
                    id=taint_id
                    type="text"
                    placeholder="key=value:NoSchedule (or key- to remove)"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || taint_spec.get()
                    on:input=move |ev| taint_spec.set(event_target_value(&ev))
                />
                <button type="submit">"Taint"</button>
            </form>
            <form class="inline-form" on:submit=on_label>
                <label for=label_id.clone()>"Label"</label>
                <input
                    id=label_id
                    type="text"
                    placeholder="key=value (or key- to remove)"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || label_spec.get()
                    on:input=move |ev| label_spec.set(event_target_value(&ev))
                />
                <button type="submit">"Label"</button>
            </form>
        </div>
    }
}

fn pod_actions(ui: Ui, namespace: String, name: String) -> impl IntoView {
    let (ns1, n1) = (namespace.clone(), name.clone());
    let (ns2, n2) = (namespace, name.clone());
    view! {
        <div class="selection-bar" role="group" aria-label=format!("Actions on pod {name}")>
            <p class="selection-title">"Pod "<strong>{name.clone()}</strong></p>
            <div class="buttons">
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        act(
                            ui,
                            Action::Delete {
                                kind: Kind::Pod,
                                namespace: ns1.clone(),
                                name: n1.clone(),
                                grace_period_seconds: None,
                                force: false,
                            },
                        )
                    }
                >
                    "Delete pod"
                </button>
                <button
                    type="button"
                    on:click=move |_| {
                        act(
                            ui,
                            Action::CrashContainer {
                                namespace: ns2.clone(),
                                pod: n2.clone(),
                                container: None,
                                exit_code: 1,
                            },
                        )
                    }
                >
                    "Crash its container"
                </button>
            </div>
        </div>
    }
}

/// The last action's output, as kubectl would print it.
#[component]
pub(crate) fn ActionOutput(ui: Ui) -> impl IntoView {
    view! {
        <output class="action-output" role="status">
            {move || {
                ui.last_output
                    .get()
                    .map(|o| {
                        let ok = o.success();
                        let text = if ok { o.stdout } else { o.stderr };
                        view! { <pre class=if ok { "out" } else { "err" }>{text}</pre> }
                    })
            }}
        </output>
    }
}

/// Cluster-wide actions, folded away by default.
#[component]
pub(crate) fn ClusterActions(ui: Ui) -> impl IntoView {
    view! {
        <details class="cluster-actions">
            <summary>"Cluster actions: add nodes, create and change Deployments"</summary>
            <AddNodes ui=ui />
            <CreateDeployment ui=ui />
            <ChangeDeployment ui=ui />
        </details>
    }
}

fn text_input(
    ui: Ui,
    id: &str,
    label: &'static str,
    value: RwSignal<String>,
    hint: &'static str,
) -> impl IntoView {
    let id = field(ui, id);
    view! {
        <span class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                placeholder=hint
                spellcheck="false"
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </span>
    }
}

#[component]
fn AddNodes(ui: Ui) -> impl IntoView {
    let name = RwSignal::new("node".to_owned());
    let kind = RwSignal::new("cpu".to_owned());
    let count = RwSignal::new("1".to_owned());
    let cpu = RwSignal::new(String::new());
    let memory = RwSignal::new(String::new());
    let kind_id = field(ui, "pool-kind");
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = PoolForm {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            count: count.get_untracked(),
            cpu: cpu.get_untracked(),
            memory: memory.get_untracked(),
        };
        match form.action() {
            Ok(a) => act(ui, a),
            Err(e) => refuse(ui, format!("error: {e}")),
        }
    };
    view! {
        <form class="action-form" on:submit=submit>
            <fieldset>
                <legend>"Add nodes (an existing pool grows; a new name makes a new pool)"</legend>
                {text_input(ui, "pool-name", "Pool", name, "node")}
                <span class="field">
                    <label for=kind_id.clone()>"Kind"</label>
                    <select id=kind_id on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="cpu">"CPU (amd64, 4 CPU, 16Gi)"</option>
                        <option value="gpu">"GPU (8 CPU, 32Gi, 1 GPU, tainted)"</option>
                        <option value="pi">"Raspberry Pi (arm64, 4 CPU, 4Gi)"</option>
                    </select>
                </span>
                {text_input(ui, "pool-count", "Count", count, "1")}
                {text_input(ui, "pool-cpu", "CPU per node", cpu, "default")}
                {text_input(ui, "pool-memory", "Memory per node", memory, "default")}
                <button type="submit">"Add nodes"</button>
            </fieldset>
        </form>
    }
}

#[component]
fn CreateDeployment(ui: Ui) -> impl IntoView {
    let name = RwSignal::new("hello".to_owned());
    let image = RwSignal::new("nginx:1.30".to_owned());
    let replicas = RwSignal::new("2".to_owned());
    let cpu = RwSignal::new("100m".to_owned());
    let memory = RwSignal::new("64Mi".to_owned());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = DeploymentForm {
            name: name.get_untracked(),
            image: image.get_untracked(),
            replicas: replicas.get_untracked(),
            cpu: cpu.get_untracked(),
            memory: memory.get_untracked(),
        };
        match form.action() {
            Ok(a) => act(ui, a),
            Err(e) => refuse(ui, format!("error: {e}")),
        }
    };
    view! {
        <form class="action-form" on:submit=submit>
            <fieldset>
                <legend>"Create a Deployment (kubectl create deployment)"</legend>
                {text_input(ui, "dep-name", "Name", name, "hello")}
                {text_input(ui, "dep-image", "Image", image, "nginx:1.30")}
                {text_input(ui, "dep-replicas", "Replicas", replicas, "2")}
                {text_input(ui, "dep-cpu", "CPU request", cpu, "100m")}
                {text_input(ui, "dep-memory", "Memory request", memory, "64Mi")}
                <button type="submit">"Create"</button>
            </fieldset>
        </form>
    }
}

#[component]
fn ChangeDeployment(ui: Ui) -> impl IntoView {
    let names = move || {
        ui.slow.get();
        ui.read(|p| {
            p.driver
                .sim()
                .store()
                .deployments()
                .map(|d| d.metadata.name.clone())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let chosen = RwSignal::new(String::new());
    let replicas = RwSignal::new("3".to_owned());
    let image = RwSignal::new("nginx:latest".to_owned());
    let select_id = field(ui, "dep-pick");
    let target = move || {
        let c = chosen.get_untracked();
        if c.is_empty() { names().into_iter().next().unwrap_or_default() } else { c }
    };
    let scale = move |ev: SubmitEvent| {
        ev.prevent_default();
        match replicas.get_untracked().trim().parse::<i32>() {
            Ok(n) => act(
                ui,
                Action::Scale {
                    kind: Kind::Deployment,
                    namespace: "default".into(),
                    name: target(),
                    replicas: n,
                },
            ),
            Err(_) => refuse(ui, "error: replicas must be a whole number".into()),
        }
    };
    let set_image =
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let name = target();
            let container = ui
                .read(|p| {
                    p.driver.sim().store().deployment("default", &name).and_then(|d| {
                        d.spec.template.spec.containers.first().map(|c| c.name.clone())
                    })
                })
                .flatten()
                .unwrap_or_default();
            act(
                ui,
                Action::SetImage {
                    namespace: "default".into(),
                    deployment: name,
                    container,
                    image: image.get_untracked().trim().to_owned(),
                },
            );
        };
    let undo = move |_| {
        act(
            ui,
            Action::RolloutUndo {
                namespace: "default".into(),
                deployment: target(),
                to_revision: None,
            },
        )
    };
    view! {
        <div class="action-form">
            <fieldset>
                <legend>"Change a Deployment"</legend>
                <span class="field">
                    <label for=select_id.clone()>"Deployment"</label>
                    <select id=select_id on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {move || {
                            names()
                                .into_iter()
                                .map(|n| view! { <option value=n.clone()>{n.clone()}</option> })
                                .collect_view()
                        }}
                    </select>
                </span>
                <form class="inline-form" on:submit=scale>
                    {text_input(ui, "dep-scale", "Replicas", replicas, "3")}
                    <button type="submit">"Scale"</button>
                </form>
                <form class="inline-form" on:submit=set_image>
                    {text_input(ui, "dep-set-image", "New image", image, "nginx:latest")}
                    <button type="submit">"Set image (rolling update)"</button>
                </form>
                <button type="button" on:click=undo>"Roll back to the previous revision"</button>
            </fieldset>
        </div>
    }
}
