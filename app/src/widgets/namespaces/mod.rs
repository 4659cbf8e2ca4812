//! The `namespaces` widget: a pod's containers and what each one sees — processes, hostname,
//! network, root file system, IPC — derived from `sim_core::eras::namespaces`; switches for
//! `shareProcessNamespace` and `hostNetwork`; a table of which namespaces are shared; and
//! `kubectl debug` with a small console to look inside a distroless pod.

pub mod logic;

use crate::widgets::sources::cite;
use leptos::{ev::SubmitEvent, prelude::*};
use logic::{Entry, SUGGESTIONS, kind_label, prompt, push, scope_label, task_met};
use sim_core::eras::namespaces::{MAX_EPHEMERAL, Options, Pod, Preset, Profile, sources};

/// Seed of the first pod; each recreation adds one, so PIDs and addresses change as they
/// would for a new pod.
const SEED: u64 = 5;

#[derive(Clone, Copy)]
struct Ctx {
    preset: Preset,
    pod: RwSignal<Pod>,
    generation: RwSignal<u64>,
    viewing: RwSignal<usize>,
    console: RwSignal<usize>,
    input: RwSignal<String>,
    transcript: RwSignal<Vec<Entry>>,
    done: RwSignal<bool>,
    task: StoredValue<String>,
}

impl Ctx {
    fn check_task(&self) {
        if self.done.get_untracked() {
            return;
        }
        let met = self.task.with_value(|t| self.pod.with_untracked(|p| task_met(t, p)));
        if met {
            self.done.set(true);
            crate::progress::complete(&self.task.get_value());
        }
    }

    fn recreate(&self, options: Options) {
        self.generation.update(|g| *g += 1);
        let seed = SEED + self.generation.get_untracked();
        self.pod.set(Pod::new(self.preset, options, seed));
        self.viewing.set(0);
        self.console.set(0);
        self.transcript.update(|t| {
            push(
                t,
                Entry {
                    prompt: "$".to_owned(),
                    command: "kubectl delete pod web && kubectl apply -f web.yaml".to_owned(),
                    lines: vec![
                        "pod \"web\" deleted".to_owned(),
                        "pod/web created".to_owned(),
                        "(A running pod's namespace settings cannot change: it was recreated, with new PIDs, and without its debug containers.)".to_owned(),
                    ],
                },
            )
        });
        self.check_task();
    }

    fn run(&self, c: usize, line: String) {
        let line = line.trim().to_owned();
        if line.is_empty() {
            return;
        }
        let before = self.pod.with_untracked(|p| prompt(p, c));
        let Some(result) = self.pod.try_update(|p| p.exec(c, &line)) else { return };
        self.transcript
            .update(|t| push(t, Entry { prompt: before, command: line, lines: result.lines }));
        self.input.set(String::new());
        self.check_task();
    }
}

/// The explorer.
#[component]
pub fn NamespaceExplorer(
    /// Which pod.
    preset: Preset,
    /// The Try it task id, or empty.
    task: String,
    /// A name unique on the page.
    id: String,
) -> impl IntoView {
    let ctx = Ctx {
        preset,
        pod: RwSignal::new(Pod::new(preset, Options::default(), SEED)),
        generation: RwSignal::new(0),
        viewing: RwSignal::new(0),
        console: RwSignal::new(0),
        input: RwSignal::new(String::new()),
        transcript: RwSignal::new(Vec::new()),
        done: RwSignal::new(crate::progress::is_done(&task)),
        task: StoredValue::new(task),
    };
    let toggle = move |share: Option<bool>, host: Option<bool>| {
        let mut o = ctx.pod.with_untracked(|p| p.options());
        if let Some(s) = share {
            o.share_process_namespace = s;
        }
        if let Some(h) = host {
            o.host_network = h;
        }
        ctx.recreate(o);
    };
    let share_id = format!("{id}-share");
    let share_for = share_id.clone();
    let host_id = format!("{id}-host");
    let host_for = host_id.clone();
    view! {
        <div class="ns-widget">
            <fieldset class="ns-spec">
                <legend>"Pod spec of " <code>"web"</code></legend>
                <label for=share_for>
                    <input
                        type="checkbox"
                        id=share_id
                        prop:checked=move || ctx.pod.with(|p| p.options().share_process_namespace)
                        on:change=move |ev| toggle(Some(event_target_checked(&ev)), None)
                    />
                    <code>"shareProcessNamespace: true"</code>
                </label>
                <label for=host_for>
                    <input
                        type="checkbox"
                        id=host_id
                        prop:checked=move || ctx.pod.with(|p| p.options().host_network)
                        on:change=move |ev| toggle(None, Some(event_target_checked(&ev)))
                    />
                    <code>"hostNetwork: true"</code>
                </label>
                <p class="ns-note">
                    "Changing either deletes and recreates the pod: a running pod's namespaces cannot change."
                </p>
            </fieldset>
            {move || {
                ctx.done.get().then(|| view! { <p class="ns-done">"Task complete."</p> })
            }}
            {move || table(ctx)}
            <p class="ns-sources">
                {cite(&sources::CRI_NAMESPACES)} " · " {cite(&sources::HOST_NETWORK)} " · "
                {cite(&sources::SHARE_PID)}
            </p>
            <h3 class="ns-heading">"What each container sees"</h3>
            {move || container_tabs(ctx)}
            {move || snapshot(ctx)}
            <h3 class="ns-heading">"Debug it"</h3>
            {debug_form(ctx, id.clone())}
            {console(ctx, id)}
        </div>
    }
}

fn table(ctx: Ctx) -> impl IntoView {
    // Unique per preset: a lesson may show both pods, and landmarks need distinct names.
    let region_label = match ctx.preset {
        Preset::Sidecar => "Namespaces per container, pod with a sidecar",
        Preset::DistrolessDebug => "Namespaces per container, distroless pod",
    };
    ctx.pod.with(|pod| {
        let heads = pod
            .containers()
            .iter()
            .map(|c| view! { <th scope="col">{c.name.clone()}</th> })
            .collect_view();
        let rows = pod
            .table()
            .into_iter()
            .map(|row| {
                let (name, what) = kind_label(row.kind);
                let shared = if row.all_shared() { "shared by all" } else { "not shared by all" };
                let cells = row
                    .cells
                    .iter()
                    .map(|(inode, scope)| {
                        view! {
                            <td>
                                <code>{format!("{}:[{inode}]", row.kind.proc_name())}</code>
                                <span class="ns-scope">{scope_label(*scope)}</span>
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr class=if row.all_shared() { "shared" } else { "separate" }>
                        <th scope="row">
                            {name} <span class="ns-what">{format!("{what} — {shared}")}</span>
                        </th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="ns-table-wrap" role="region" aria-label=region_label tabindex="0">
                <table class="ns-table">
                    <caption>
                        "Each container's namespaces. The number is the namespace's inode: the same number means the same namespace."
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Namespace"</th>
                            {heads}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    })
}

fn container_tabs(ctx: Ctx) -> impl IntoView {
    let names: Vec<String> =
        ctx.pod.with(|p| p.containers().iter().map(|c| c.name.clone()).collect());
    let buttons = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <button
                    type="button"
                    aria-pressed=move || (ctx.viewing.get() == i).to_string()
                    on:click=move |_| ctx.viewing.set(i)
                >
                    {name}
                </button>
            }
        })
        .collect_view();
    view! { <div class="ns-tabs" role="group" aria-label="Show the view of container">{buttons}</div> }
}

fn snapshot(ctx: Ctx) -> impl IntoView {
    let c = ctx.viewing.get();
    ctx.pod.with(|pod| {
        let container = pod.containers().get(c)?;
        let note = (!container.image.has_shell).then(|| {
            view! {
                <p class="ns-note">
                    {format!(
                        "{} has no shell and no ps: nothing here can run inside it. These are its namespaces as the node's kernel sees them.",
                        container.image.reference
                    )}
                </p>
            }
        });
        let blocks = pod
            .snapshot(c)
            .into_iter()
            .map(|(command, lines)| {
                view! {
                    <div class="ns-block">
                        <p class="ns-cmd"><code>{format!("$ {command}")}</code></p>
                        <pre>{lines.join("\n")}</pre>
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <div class="ns-view" aria-live="polite">
                <p class="ns-image">{format!("{} — image {}", container.name, container.image.reference)}</p>
                {note}
                {blocks}
            </div>
        })
    })
}

fn debug_form(ctx: Ctx, id: String) -> impl IntoView {
    let target = RwSignal::new(Some(0usize));
    let profile = RwSignal::new(Profile::General);
    let target_id = format!("{id}-target");
    let target_id_for = target_id.clone();
    let profile_id = format!("{id}-profile");
    let profile_id_for = profile_id.clone();
    let attach = move |_| {
        let outcome =
            ctx.pod.try_update(|p| p.attach_debug(target.get_untracked(), profile.get_untracked()));
        let entry = match outcome {
            Some(Ok(a)) => {
                ctx.console.set(a.index);
                ctx.viewing.set(a.index);
                Entry { prompt: "$".to_owned(), command: a.command, lines: a.output }
            }
            Some(Err(e)) => Entry {
                prompt: "$".to_owned(),
                command: "kubectl debug".to_owned(),
                lines: vec![e.to_string()],
            },
            None => return,
        };
        ctx.transcript.update(|t| push(t, entry));
    };
    let target_options = move || {
        ctx.pod.with(|p| {
            p.containers()
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_ephemeral())
                .map(|(i, c)| view! { <option value=i.to_string() selected=move || target.get() == Some(i)>{format!("--target={}", c.name)}</option> })
                .collect_view()
        })
    };
    view! {
        <div class="ns-debug">
            <p>
                "Attach an ephemeral container with BusyBox's tools. It joins the pod's network, IPC and UTS namespaces; "
                <code>"--target"</code>
                " also puts it in that container's PID namespace."
            </p>
            <label for=target_id_for>"Target"</label>
            <select
                id=target_id
                on:change=move |ev| target.set(event_target_value(&ev).parse::<usize>().ok())
            >
                {target_options}
                <option value="none">"no --target"</option>
            </select>
            <label for=profile_id_for>"Profile"</label>
            <select
                id=profile_id
                on:change=move |ev| {
                    profile.set(if event_target_value(&ev) == "legacy" { Profile::Legacy } else { Profile::General })
                }
            >
                <option value="general" selected=true>"general (kubectl 1.35+: adds SYS_PTRACE)"</option>
                <option value="legacy">"legacy (older default: no extra capabilities)"</option>
            </select>
            <button
                type="button"
                on:click=attach
                prop:disabled=move || {
                    ctx.pod.with(|p| p.containers().iter().filter(|c| c.is_ephemeral()).count() >= MAX_EPHEMERAL)
                }
            >
                "kubectl debug -it web --image=busybox:1.37"
            </button>
            <p class="ns-sources">
                {cite(&sources::EPHEMERAL)} " · " {cite(&sources::PROFILES)} " · "
                {cite(&sources::PTRACE_ACCESS)}
            </p>
        </div>
    }
}

fn console(ctx: Ctx, id: String) -> impl IntoView {
    let input_id = format!("{id}-cmd");
    let input_id_for = input_id.clone();
    let run_in_id = format!("{id}-runin");
    let run_in_id_for = run_in_id.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        ctx.run(ctx.console.get_untracked(), ctx.input.get_untracked());
    };
    let entries = move || {
        ctx.transcript
            .get()
            .into_iter()
            .map(|e| {
                view! {
                    <div class="ns-entry">
                        <p class="ns-cmd"><code>{format!("{} {}", e.prompt, e.command)}</code></p>
                        {(!e.lines.is_empty()).then(|| view! { <pre>{e.lines.join("\n")}</pre> })}
                    </div>
                }
            })
            .collect_view()
    };
    let run_in_options = move || {
        ctx.pod.with(|p| {
            p.containers()
                .iter()
                .enumerate()
                .map(|(i, c)| view! { <option value=i.to_string() selected=move || ctx.console.get() == i>{c.name.clone()}</option> })
                .collect_view()
        })
    };
    let suggestions = move || {
        let ephemeral = ctx
            .pod
            .with(|p| p.containers().get(ctx.console.get()).is_some_and(|c| c.is_ephemeral()));
        ephemeral.then(|| {
            let buttons = SUGGESTIONS
                .iter()
                .map(|s| view! { <button type="button" on:click=move |_| ctx.run(ctx.console.get_untracked(), (*s).to_owned())><code>{*s}</code></button> })
                .collect_view();
            view! { <div class="ns-suggest" role="group" aria-label="Try a command">{buttons}</div> }
        })
    };
    view! {
        <div class="ns-console">
            <div class="ns-transcript" role="log" aria-label="Console output" tabindex="0">
                {entries}
            </div>
            <form class="ns-prompt" on:submit=submit>
                <label for=run_in_id_for>"Run in"</label>
                <select
                    id=run_in_id
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            ctx.console.set(i);
                        }
                    }
                >
                    {run_in_options}
                </select>
                <label for=input_id_for class="ns-prompt-text">
                    {move || ctx.pod.with(|p| prompt(p, ctx.console.get()))}
                </label>
                <input
                    id=input_id
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength="200"
                    prop:value=move || ctx.input.get()
                    on:input=move |ev| ctx.input.set(event_target_value(&ev))
                />
                <button type="submit">"Run"</button>
            </form>
            {suggestions}
        </div>
    }
}
