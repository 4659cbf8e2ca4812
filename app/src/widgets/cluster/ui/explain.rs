//! The explain panel: for the selected pod, why it is on its node or why it is Pending; for
//! the selected node, its conditions, taints, labels, pods and allocations.

use super::{
    super::{
        explain::{self, AttemptTable, NodeExplanation, Placement, PodExplanation},
        text,
    },
    state::{Selection, Ui},
};
use leptos::prelude::*;

enum Shown {
    Nothing,
    Gone,
    Pod(PodExplanation),
    Node(NodeExplanation),
}

/// The panel.
#[component]
pub(crate) fn ExplainPanel(ui: Ui) -> impl IntoView {
    let heading = ui.dom_id("explain");
    let content = move || {
        ui.slow.get();
        let shown = match ui.selection.get() {
            None => Shown::Nothing,
            Some(Selection::Pod(uid)) => ui
                .read(|p| explain::pod(p.driver.sim(), uid))
                .flatten()
                .map_or(Shown::Gone, Shown::Pod),
            Some(Selection::Node(name)) => ui
                .read(|p| explain::node(p.driver.sim(), &p.frame, &p.builder, &name))
                .flatten()
                .map_or(Shown::Gone, Shown::Node),
        };
        match shown {
            Shown::Nothing => view! {
                <p class="hint">
                    "Select a pod or a node in the view (click it, or Tab to a node and press Enter; arrow keys move between its pods)."
                </p>
            }
            .into_any(),
            Shown::Gone => view! { <p class="hint">"It no longer exists."</p> }.into_any(),
            Shown::Pod(e) => pod_view(e).into_any(),
            Shown::Node(e) => node_view(e).into_any(),
        }
    };
    view! {
        <div role="group" class="panel explain-panel" aria-labelledby=heading.clone()>
            <h3 class="panel-title" id=heading.clone()>"Explain"</h3>
            <div class="explain">{content}</div>
        </div>
    }
}

fn pod_view(e: PodExplanation) -> impl IntoView {
    let placement = match e.placement {
        Placement::Scheduled { node, attempt } => view! {
            <p class="why">
                "Bound to "<strong>{node.clone()}</strong>" by kube-scheduler."
            </p>
            {match attempt {
                Some(t) => attempt_view(t).into_any(),
                None => view! {
                    <p class="hint">"That scheduling attempt is no longer kept (the scheduler keeps the last 256)."</p>
                }
                .into_any(),
            }}
        }
        .into_any(),
        Placement::Direct { node } => view! {
            <p class="why">
                "Created with "<code>"spec.nodeName: "{node}</code>
                ": the scheduler never saw it; the kubelet ran it directly."
            </p>
        }
        .into_any(),
        Placement::Pending { message, attempt } => view! {
            <p class="why">"Pending: no node can take it yet."</p>
            {message.map(|m| view! {
                <p class="failed-scheduling">
                    <span class="label">"Warning FailedScheduling default-scheduler "</span>
                    <span class="message">{m}</span>
                </p>
            })}
            {attempt.map(attempt_view)}
            <p class="hint">
                "The pod waits in the scheduling queue and is tried again when something relevant changes (a node joins, a pod ends), with a back-off of 1 to 10 s."
            </p>
        }
        .into_any(),
    };
    view! {
        <h4 class="subject">"Pod "{e.name}</h4>
        <dl class="facts">
            <dt>"Status"</dt>
            <dd>{e.status}</dd>
            <dt>"Owner"</dt>
            <dd>{e.owner.unwrap_or_else(|| "none (a bare pod)".into())}</dd>
            <dt>"Requests"</dt>
            <dd>{e.requests}</dd>
            <dt>"Images"</dt>
            <dd>{e.images.join(", ")}</dd>
        </dl>
        {placement}
    }
}

fn attempt_view(t: AttemptTable) -> impl IntoView {
    let columns = t.columns.clone();
    let header = columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view();
    let rows = t
        .rows
        .into_iter()
        .map(|r| {
            let class = if r.chosen {
                "chosen"
            } else if r.feasible {
                "feasible"
            } else {
                "rejected"
            };
            let scores = r
                .scores
                .iter()
                .map(|s| view! { <td>{s.map_or_else(|| "–".to_owned(), |v| v.to_string())}</td> })
                .collect_view();
            view! {
                <tr class=class>
                    <th scope="row">{r.node}{r.chosen.then_some(" (chosen)")}</th>
                    <td>{r.verdict}</td>
                    {scores}
                    <td>{if r.feasible { r.total.to_string() } else { "–".into() }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="summary">{t.summary}</p>
        <div class="table-scroll" tabindex="0" role="group" aria-label="Scheduling attempt">
            <table class="attempt">
                <caption>"Each node's filter verdict, normalized scores (0–100) and weighted total"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Node"</th>
                        <th scope="col">"Filters"</th>
                        {header}
                        <th scope="col">"Total"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {t.tie_break.map(|s| view! { <p class="tie">{s}</p> })}
    }
}

fn node_view(e: NodeExplanation) -> impl IntoView {
    let c = e.card;
    let status = c.status();
    let conditions = e
        .conditions
        .into_iter()
        .map(|(t, s, reason, message)| {
            view! {
                <tr>
                    <th scope="row">{t}</th>
                    <td>{s}</td>
                    <td>{reason}</td>
                    <td>{message}</td>
                </tr>
            }
        })
        .collect_view();
    let taints = if c.taints.is_empty() { "none".to_owned() } else { c.taints.join(", ") };
    let pods = if e.pods.is_empty() {
        "none".to_owned()
    } else {
        e.pods.iter().map(|(n, s)| format!("{n} ({s})")).collect::<Vec<_>>().join(", ")
    };
    let mut alloc = format!(
        "CPU {} of {}, memory {} of {}, pods {} of {}",
        text::cpu(c.cpu.requested),
        text::cpu(c.cpu.allocatable),
        text::memory(c.memory.requested),
        text::memory(c.memory.allocatable),
        c.pods.requested,
        c.pods.allocatable
    );
    if c.gpus.allocatable > 0 {
        alloc.push_str(&format!(", nvidia.com/gpu {} of {}", c.gpus.requested, c.gpus.allocatable));
    }
    view! {
        <h4 class="subject">"Node "{c.name.clone()}</h4>
        <dl class="facts">
            <dt>"Status"</dt>
            <dd>{status}</dd>
            <dt>"Machine"</dt>
            <dd>{e.machine}</dd>
            <dt>"Pool"</dt>
            <dd>{format!("{} ({}, {})", c.pool, c.arch, c.zone)}</dd>
            <dt>"Requested / allocatable"</dt>
            <dd>{alloc}</dd>
            <dt>"Taints"</dt>
            <dd>{taints}</dd>
            <dt>"Labels"</dt>
            <dd class="labels">{e.labels.join(", ")}</dd>
            <dt>"Pods"</dt>
            <dd>{pods}</dd>
            <dt>"Images cached"</dt>
            <dd>{e.images.join(", ")}</dd>
        </dl>
        <div class="table-scroll" tabindex="0" role="group" aria-label="Node conditions">
            <table class="conditions">
                <caption>"Conditions"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Reason"</th>
                        <th scope="col">"Message"</th>
                    </tr>
                </thead>
                <tbody>{conditions}</tbody>
            </table>
        </div>
    }
}
