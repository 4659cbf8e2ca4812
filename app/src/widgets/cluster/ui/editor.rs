//! The YAML editor: a textarea with line numbers, examples to start from, and Apply, which
//! applies every object as `kubectl apply -f` would or shows each error at its line.

use super::{
    super::{
        driver::Command,
        forms::{LineError, manifest_plan},
        presets::EXAMPLES,
    },
    state::Ui,
};
use leptos::{html, prelude::*};
use sim_core::cluster::Action;

/// The panel.
#[component]
pub(crate) fn EditorPanel(ui: Ui) -> impl IntoView {
    let heading = ui.dom_id("editor");
    let area_id = ui.dom_id("yaml");
    let errors_id = ui.dom_id("yaml-errors");
    let example_id = ui.dom_id("example");
    let initial = ui.read(|p| p.editor.clone()).unwrap_or_default();
    let text = RwSignal::new(initial);
    let errors: RwSignal<Vec<LineError>> = RwSignal::new(Vec::new());
    let output: RwSignal<Vec<(bool, String)>> = RwSignal::new(Vec::new());
    let example = RwSignal::new(0usize);
    let area: NodeRef<html::Textarea> = NodeRef::new();
    let gutter: NodeRef<html::Pre> = NodeRef::new();

    let set_text = move |t: String| {
        let _ = ui.pg.try_update_value(|p| p.editor = t.clone());
        text.set(t);
        errors.set(Vec::new());
    };
    let apply = move |_| {
        let t = text.get_untracked();
        match manifest_plan(&t) {
            Err(list) => {
                output.set(vec![(false, format!("error: {}", plural_errors(list.len())))]);
                errors.set(list);
            }
            Ok(plan) => {
                errors.set(Vec::new());
                let mut lines: Vec<(bool, String)> =
                    plan.warnings.into_iter().map(|w| (true, format!("Warning: {w}"))).collect();
                for (_, object) in plan.objects {
                    let out = ui.perform(Command::Action(Box::new(Action::Apply(object))));
                    lines.push(if out.success() {
                        (true, out.stdout)
                    } else {
                        (false, out.stderr)
                    });
                }
                output.set(lines);
            }
        }
    };
    let numbers = move || {
        let n = text.with(|t| t.lines().count().max(1) + usize::from(t.ends_with('\n')));
        let bad: Vec<u32> = errors.with(|e| e.iter().map(|e| e.line).collect());
        (1..=n)
            .map(|i| {
                let line = u32::try_from(i).unwrap_or(u32::MAX);
                let class = if bad.contains(&line) { "ln error" } else { "ln" };
                view! { <span class=class>{i}"\n"</span> }
            })
            .collect_view()
    };
    let sync_scroll = move |_| {
        if let (Some(a), Some(g)) = (area.get_untracked(), gutter.get_untracked()) {
            g.set_scroll_top(a.scroll_top());
        }
    };
    let go_to = move |line: u32| {
        let Some(a) = area.get_untracked() else { return };
        let t = text.get_untracked();
        let start: usize = t
            .split_inclusive('\n')
            .take(line.saturating_sub(1) as usize)
            .map(|l| l.chars().count())
            .sum();
        let len = t.lines().nth(line.saturating_sub(1) as usize).map_or(0, |l| l.chars().count());
        let _ = a.focus();
        let (s, e) = (u32::try_from(start).unwrap_or(0), u32::try_from(start + len).unwrap_or(0));
        let _ = a.set_selection_range(s, e);
    };
    let examples = EXAMPLES
        .iter()
        .enumerate()
        .map(|(i, e)| view! { <option value=i.to_string()>{e.label}</option> })
        .collect_view();
    view! {
        <div role="group" class="panel editor-panel" aria-labelledby=heading.clone()>
            <h3 class="panel-title" id=heading.clone()>"YAML editor"</h3>
            <div class="editor-tools">
                <label for=example_id.clone()>"Example"</label>
                <select
                    id=example_id
                    on:change=move |ev| example.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    {examples}
                </select>
                <button
                    type="button"
                    on:click=move |_| {
                        if let Some(e) = EXAMPLES.get(example.get_untracked()) {
                            set_text(e.text.to_owned());
                            output.set(Vec::new());
                        }
                    }
                >
                    "Load example"
                </button>
            </div>
            <div class="editor">
                <pre class="gutter" node_ref=gutter aria-hidden="true">{numbers}</pre>
                <textarea
                    id=area_id.clone()
                    node_ref=area
                    class="yaml"
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    aria-label="Manifest (YAML)"
                    aria-describedby=errors_id.clone()
                    aria-invalid=move || errors.with(|e| if e.is_empty() { "false" } else { "true" })
                    prop:value=move || text.get()
                    on:input=move |ev| set_text(event_target_value(&ev))
                    on:scroll=sync_scroll
                ></textarea>
            </div>
            <div class="editor-actions">
                <button type="button" class="primary" on:click=apply>"Apply"</button>
                <span class="hint">"Like "<code>"kubectl apply -f"</code>"; the console can apply it too with "<code>"kubectl apply -f editor"</code>"."</span>
            </div>
            <div id=errors_id class="editor-errors" aria-live="polite">
                <ul>
                    <For
                        each=move || errors.get()
                        key=|e| (e.line, e.column, e.message.clone())
                        children=move |e| {
                            let line = e.line;
                            view! {
                                <li>
                                    <button type="button" class="error-line" on:click=move |_| go_to(line)>
                                        {format!("Line {}, column {}", e.line, e.column)}
                                    </button>
                                    ": "
                                    {e.message.clone()}
                                </li>
                            }
                        }
                    />
                </ul>
                <pre class="editor-output">
                    {move || {
                        output
                            .get()
                            .into_iter()
                            .map(|(ok, line)| {
                                view! { <span class=if ok { "out" } else { "err" }>{line}"\n"</span> }
                            })
                            .collect_view()
                    }}
                </pre>
            </div>
        </div>
    }
}

fn plural_errors(n: usize) -> String {
    if n == 1 {
        "1 error; nothing was applied".into()
    } else {
        format!("{n} errors; nothing was applied")
    }
}
