//! The table view: the cluster as two tables (nodes, pods), the text mirror of the picture for
//! screen readers and for anyone who prefers rows to boxes. Rows are keyed by their content,
//! so only rows that changed are rebuilt.

use super::{super::text, state::Ui};
use leptos::prelude::*;

/// Pod rows shown; the rest are counted (the console lists them all).
const MAX_POD_ROWS: usize = 100;

type NodeRow = [String; 7];
type PodRow = [String; 4];

fn rows(ui: Ui) -> (Vec<NodeRow>, Vec<PodRow>, usize) {
    ui.read(|p| {
        let f = &p.frame;
        let nodes = f
            .nodes()
            .map(|c| {
                [
                    c.name.clone(),
                    c.status(),
                    format!("{} ({})", c.pool, c.arch),
                    format!("{} / {}", text::cpu(c.cpu.requested), text::cpu(c.cpu.allocatable)),
                    format!(
                        "{} / {}",
                        text::memory(c.memory.requested),
                        text::memory(c.memory.allocatable)
                    ),
                    format!("{} / {}", c.pods.requested, c.pods.allocatable),
                    if c.taints.is_empty() { "none".into() } else { c.taints.join(", ") },
                ]
            })
            .collect();
        let total = f.pod_count;
        let pods = p
            .builder
            .chips_by_name()
            .take(MAX_POD_ROWS)
            .map(|c| {
                [
                    c.name.clone(),
                    c.status.clone(),
                    if c.node.is_empty() { "<none>".into() } else { c.node.clone() },
                    c.owner.clone().unwrap_or_else(|| "<none>".into()),
                ]
            })
            .collect();
        (nodes, pods, total)
    })
    .unwrap_or_default()
}

/// The panel.
#[component]
pub(crate) fn TablePanel(ui: Ui) -> impl IntoView {
    let heading = ui.dom_id("table");
    let data = Memo::new(move |_| {
        ui.slow.get();
        rows(ui)
    });
    let pod_note = move || {
        let (_, pods, total) = data.get();
        (total > pods.len()).then(|| {
            format!(
                "Showing the first {} of {total} pods by name; kubectl get pods lists them all.",
                pods.len()
            )
        })
    };
    view! {
        <div role="group" class="panel table-panel" aria-labelledby=heading.clone()>
            <h3 class="panel-title" id=heading.clone()>"Cluster as tables"</h3>
            <div class="table-scroll" tabindex="0" role="group" aria-label="Nodes table">
                <table class="nodes-table">
                    <caption>{move || format!("Nodes ({})", data.with(|d| d.0.len()))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Pool"</th>
                            <th scope="col">"CPU requested"</th>
                            <th scope="col">"Memory requested"</th>
                            <th scope="col">"Pods"</th>
                            <th scope="col">"Taints"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || data.get().0
                            key=|r| r.clone()
                            children=|r| {
                                let [name, rest @ ..] = r;
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        {rest.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <div class="table-scroll" tabindex="0" role="group" aria-label="Pods table">
                <table class="pods-table">
                    <caption>{move || format!("Pods ({})", data.with(|d| d.2))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Node"</th>
                            <th scope="col">"Owner"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || data.get().1
                            key=|r| r.clone()
                            children=|r| {
                                let [name, rest @ ..] = r;
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        {rest.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <p class="panel-note">{pod_note}</p>
        </div>
    }
}
