//! The `stack` widget: layer diagrams of each era. Click (or press Enter on) a layer to learn
//! what it does at run time; play one file read or packet down the layers side by side; or
//! trace it yourself, layer by layer, for the lessons' Try it tasks. The path, the counts and
//! every text come from `sim_core::eras::stack`.

pub mod logic;

use leptos::prelude::*;
use logic::{Replay, click_message, step_numbers, step_text, task_for};
use sim_core::eras::stack::{Click, Direction, Io, Role, StackKind, Trace, counts, path};
use std::time::Duration;

/// Time each step of an animation stays highlighted.
const STEP_MS: u64 = 900;

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Shared state of one explorer.
#[derive(Clone, Copy)]
struct Ctx {
    io: RwSignal<Io>,
    selected: RwSignal<Option<(StackKind, usize)>>,
    replay: RwSignal<Option<Replay>>,
    trace: RwSignal<Option<Trace>>,
    /// Return hops of the trace shown so far (the way back up).
    returned: RwSignal<usize>,
    message: RwSignal<String>,
    timer: StoredValue<Option<IntervalHandle>>,
}

impl Ctx {
    fn stop_timer(&self) {
        if let Some(h) = self.timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }

    fn reset(&self) {
        self.stop_timer();
        self.replay.set(None);
        self.trace.set(None);
        self.returned.set(0);
    }

    /// Calls `tick` every step until it returns false; at once to the end under reduced motion.
    fn animate(&self, tick: impl Fn() -> bool + 'static) {
        self.stop_timer();
        if reduced_motion() {
            // Bounded: every tick advances a finite replay or trace.
            for _ in 0..64 {
                if !tick() {
                    break;
                }
            }
            return;
        }
        let me = *self;
        let handle = set_interval_with_handle(
            move || {
                if !tick() {
                    me.stop_timer();
                }
            },
            Duration::from_millis(STEP_MS),
        );
        if let Ok(h) = handle {
            self.timer.set_value(Some(h));
        }
    }
}

/// The explorer.
#[component]
pub fn StackExplorer(
    /// The stacks shown side by side.
    stacks: Vec<StackKind>,
    /// What travels first.
    io: Io,
    /// The Try it task (`trace-file-read` or `trace-packet`), or empty.
    task: String,
    /// A name unique on the page.
    id: String,
) -> impl IntoView {
    let ctx = Ctx {
        io: RwSignal::new(io),
        selected: RwSignal::new(None),
        replay: RwSignal::new(None),
        trace: RwSignal::new(None),
        returned: RwSignal::new(0),
        message: RwSignal::new(String::new()),
        timer: StoredValue::new(None),
    };
    on_cleanup(move || ctx.stop_timer());
    let first = stacks.first().copied().unwrap_or(StackKind::BareMetal);
    let trace_kind = RwSignal::new(first);
    let done = RwSignal::new(crate::progress::is_done(&task));
    let task = StoredValue::new(task);
    let kinds = StoredValue::new(stacks.clone());

    let finish_trace = move || {
        let io = ctx.io.get_untracked();
        ctx.message.update(|m| {
            m.push_str(match io {
                Io::FileRead => " The read has returned. Which layer did it never need?",
                Io::Packet => " The packet is on the wire.",
            })
        });
        if let Some(t) = task.with_value(|t| task_for(io, t).map(str::to_owned)) {
            crate::progress::complete(&t);
            done.set(true);
        }
    };

    let on_layer = move |kind: StackKind, layer: usize| {
        ctx.selected.set(Some((kind, layer)));
        let tracing = ctx.trace.with_untracked(|t| {
            t.as_ref().is_some_and(|t| t.kind() == kind && !t.reached_bottom())
        });
        if !tracing {
            return;
        }
        let Some(click) = ctx.trace.try_update(|t| t.as_mut().map(|t| t.click(layer))).flatten()
        else {
            return;
        };
        ctx.message.set(click_message(kind, click));
        if let Click::ReachedBottom { .. } = click {
            let back: Vec<String> = ctx.trace.with_untracked(|t| {
                t.iter().flat_map(|t| t.return_hops()).map(|h| step_text(kind, h)).collect()
            });
            if back.is_empty() {
                finish_trace();
                return;
            }
            ctx.animate(move || {
                let n = ctx.returned.get_untracked();
                match back.get(n) {
                    Some(text) => {
                        ctx.returned.set(n + 1);
                        ctx.message.set(text.clone());
                        true
                    }
                    None => {
                        finish_trace();
                        false
                    }
                }
            });
        }
    };

    let play = move |_| {
        ctx.reset();
        let io = ctx.io.get_untracked();
        let start = kinds.with_value(|k| Replay::new(k, io));
        ctx.replay.set(Some(start));
        ctx.message.set("Playing: every stack takes one step at a time.".to_owned());
        ctx.animate(move || {
            let Some(r) = ctx.replay.get_untracked() else { return false };
            let next = r.advanced();
            ctx.replay.set(Some(next));
            if next.finished() {
                ctx.message.set(
                    "Finished. The numbered steps under each stack describe every hop.".to_owned(),
                );
            }
            !next.finished()
        });
    };

    let start_trace = move |_| {
        ctx.reset();
        let kind = trace_kind.get_untracked();
        ctx.trace.set(Some(Trace::new(kind, ctx.io.get_untracked())));
        ctx.message.set(format!(
            "Tracing a {} through “{}”: click the layer where it starts.",
            ctx.io.get_untracked().label(),
            kind.stack().title
        ));
    };

    let io_name = format!("{id}-io");
    let io_choice = Io::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <label class="stack-radio">
                    <input
                        type="radio"
                        name=io_name.clone()
                        prop:checked=move || ctx.io.get() == choice
                        on:change=move |_| {
                            ctx.reset();
                            ctx.io.set(choice);
                            ctx.message.set(String::new());
                        }
                    />
                    {match choice {
                        Io::FileRead => "One file read",
                        Io::Packet => "One network packet",
                    }}
                </label>
            }
        })
        .collect_view();

    let trace_select = (stacks.len() > 1).then(|| {
        let select_id = format!("{id}-trace");
        let options = stacks
            .iter()
            .map(|k| view! { <option value=k.id()>{k.stack().title}</option> })
            .collect_view();
        view! {
            <label class="stack-field" for=select_id.clone()>"Trace through"</label>
            <select
                id=select_id
                on:change=move |ev| {
                    if let Some(k) = StackKind::from_id(&event_target_value(&ev)) {
                        trace_kind.set(k);
                        ctx.reset();
                    }
                }
            >
                {options}
            </select>
        }
    });

    let columns =
        stacks.into_iter().map(|kind| stack_column(kind, &id, ctx, on_layer)).collect_view();

    view! {
        <div class="stack-widget">
            <div class="stack-controls">
                <fieldset class="stack-io">
                    <legend>"Follow"</legend>
                    {io_choice}
                </fieldset>
                <div class="stack-actions">
                    <button type="button" on:click=play>"Play the path"</button>
                    {trace_select}
                    <button type="button" class="stack-trace-start" on:click=start_trace>
                        "Trace it yourself"
                    </button>
                </div>
            </div>
            <p class="stack-message" aria-live="polite">{move || ctx.message.get()}</p>
            {move || {
                done.get()
                    .then(|| {
                        view! {
                            <p class="stack-done">
                                "Task complete: you traced the request all the way."
                            </p>
                        }
                    })
            }}
            <div class="stack-columns">{columns}</div>
            <div class="stack-detail" aria-live="polite">{move || layer_detail(ctx)}</div>
        </div>
    }
}

/// The hop of `kind`'s path now highlighted, if any.
fn active_hop(ctx: Ctx, kind: StackKind) -> Option<usize> {
    if let Some(r) = ctx.replay.get() {
        let len = path(kind, ctx.io.get()).len();
        return (r.step < len).then_some(r.step);
    }
    ctx.trace.with(|t| {
        let t = t.as_ref().filter(|t| t.kind() == kind)?;
        let entered = t.entered().count();
        let back = ctx.returned.get();
        (entered > 0).then(|| entered - 1 + back)
    })
}

/// Layer indices already passed in the current replay or trace.
fn visited(ctx: Ctx, kind: StackKind, layer: usize) -> bool {
    let hops = path(kind, ctx.io.get());
    match active_hop(ctx, kind) {
        Some(a) => hops.iter().take(a).any(|h| h.layer == layer),
        None => {
            ctx.replay.get().is_some_and(|r| r.finished()) && hops.iter().any(|h| h.layer == layer)
        }
    }
}

fn stack_column<F: Fn(StackKind, usize) + Copy + 'static>(
    kind: StackKind,
    id: &str,
    ctx: Ctx,
    on_layer: F,
) -> impl IntoView + use<F> {
    let stack = kind.stack();
    let heading_id = format!("{id}-{}", kind.id());
    let labelled_by = heading_id.clone();
    let layers = stack
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            let class = move || {
                let io = ctx.io.get();
                let hops = path(kind, io);
                let mut c = String::from("stack-layer");
                c.push_str(if layer.on_path(io) { " on-path" } else { " off-path" });
                if layer.role == Role::Kernel {
                    c.push_str(" kernel");
                }
                let active = active_hop(ctx, kind).and_then(|a| hops.get(a)).map(|h| h.layer);
                if active == Some(i) {
                    c.push_str(" active");
                } else if visited(ctx, kind, i) {
                    c.push_str(" visited");
                }
                if ctx.selected.get() == Some((kind, i)) {
                    c.push_str(" selected");
                }
                c
            };
            let badge = move || {
                let io = ctx.io.get();
                let steps = step_numbers(&path(kind, io), i);
                if steps.is_empty() {
                    "not on the path".to_owned()
                } else {
                    let list: Vec<String> = steps.iter().map(usize::to_string).collect();
                    format!("step {}", list.join(" and "))
                }
            };
            let cells = (!layer.cells.is_empty()).then(|| {
                let items = layer
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(n, cell)| {
                        view! { <span class=if n == 0 { "cell traced" } else { "cell" }>{*cell}</span> }
                    })
                    .collect_view();
                view! { <span class="cells">{items}</span> }
            });
            view! {
                <li class=class>
                    <button
                        type="button"
                        aria-pressed=move || (ctx.selected.get() == Some((kind, i))).to_string()
                        on:click=move |_| on_layer(kind, i)
                    >
                        <span class="layer-name">{layer.name}</span>
                        {cells}
                        <span class="layer-badge">{badge}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let summary = move || {
        let io = ctx.io.get();
        let c = counts(kind, io);
        let kernels = if c.kernels_on_path == 1 { "kernel" } else { "kernels" };
        let hyper = if c.through_hypervisor { ", through a hypervisor" } else { "" };
        format!(
            "A {} crosses {} layers and {} {kernels}{hyper}; {} layers never see it. Kernels running in this picture: {}.",
            io.label(),
            c.layers_on_path,
            c.kernels_on_path,
            c.layers_skipped,
            c.kernels_running
        )
    };
    let steps = move || {
        let io = ctx.io.get();
        let active = active_hop(ctx, kind);
        path(kind, io)
            .iter()
            .enumerate()
            .map(|(n, h)| {
                let class = match (active == Some(n), h.direction) {
                    (true, _) => "current",
                    (false, Direction::Up) => "up",
                    (false, Direction::Down) => "down",
                };
                view! { <li class=class>{step_text(kind, h)}</li> }
            })
            .collect_view()
    };
    view! {
        <section class="stack-col" aria-labelledby=labelled_by>
            <h3 id=heading_id>{stack.title}</h3>
            <p class="stack-summary">{stack.summary}</p>
            <ol class="stack-layers">{layers}</ol>
            <p class="stack-counts">{summary}</p>
            <details class="stack-steps" open=reduced_motion()>
                <summary>"The path, step by step"</summary>
                <ol>{steps}</ol>
            </details>
        </section>
    }
}

fn layer_detail(ctx: Ctx) -> impl IntoView {
    let (kind, i) = ctx.selected.get()?;
    let layer = kind.stack().layers.get(i)?;
    let io = ctx.io.get();
    let path_text = if layer.on_path(io) {
        let up = layer.up_text(io);
        let up = (!up.is_empty()).then(|| view! { <p><strong>"Back up: "</strong>{up}</p> });
        view! {
            <p><strong>{format!("On the way down ({}): ", io.label())}</strong>{layer.down_text(io)}</p>
            {up}
        }
        .into_any()
    } else {
        view! { <p><strong>"Not on the path. "</strong>{layer.skipped_because}</p> }.into_any()
    };
    Some(view! {
        <h4>{format!("{} — {}", kind.stack().title, layer.name)}</h4>
        <p>{layer.does}</p>
        {path_text}
        {layer.source.map(super::sources::cite)}
    })
}
