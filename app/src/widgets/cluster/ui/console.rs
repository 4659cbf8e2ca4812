//! The kubectl console: a text input and an output log (not a canvas terminal), so screen
//! readers, zoom and copy-paste all work. Enter runs the line with the `kubectl` crate against
//! the playground's simulation; arrow keys walk the history; Tab completes (and only keeps
//! focus when there is something to complete, so Tab still leaves the field).

use super::{looper, state::Ui};
use leptos::{ev, html, prelude::*};

/// Entries kept in the log (older ones scroll away for good).
const MAX_ENTRIES: usize = 60;
/// Completions listed under the input.
const MAX_LISTED: usize = 24;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    id: u32,
    line: String,
    stdout: String,
    stderr: String,
}

/// Where the text cursor is, as a byte offset: the DOM counts UTF-16 code units.
fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    text.len()
}

fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// The panel.
#[component]
pub(crate) fn ConsolePanel(ui: Ui) -> impl IntoView {
    let heading = ui.dom_id("console");
    let input_id = ui.dom_id("kubectl");
    let hint_id = ui.dom_id("kubectl-hint");
    let line = RwSignal::new(String::new());
    let log: RwSignal<Vec<Entry>> = RwSignal::new(Vec::new());
    let listed: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let next_id = StoredValue::new(0u32);
    let input: NodeRef<html::Input> = NodeRef::new();
    let scroller: NodeRef<html::Div> = NodeRef::new();

    let run = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let text = line.get_untracked();
        listed.set(Vec::new());
        line.set(String::new());
        if text.trim() == "clear" {
            log.set(Vec::new());
            let _ = ui.pg.try_update_value(|p| p.history.push(&text));
            return;
        }
        if text.trim().is_empty() {
            return;
        }
        let out = ui.pg.try_update_value(|p| {
            p.history.push(&text);
            p.session.editor.clone_from(&p.editor);
            p.driver.kubectl(&mut p.session, &text)
        });
        let Some(out) = out else { return };
        if !out.actions.is_empty() {
            looper::refresh(ui, true);
            looper::wake(ui);
        }
        let id = next_id.get_value();
        next_id.set_value(id.wrapping_add(1));
        log.update(|l| {
            l.push(Entry { id, line: text, stdout: out.stdout, stderr: out.stderr });
            let excess = l.len().saturating_sub(MAX_ENTRIES);
            l.drain(..excess);
        });
        if let Some(s) = scroller.get_untracked() {
            // After Leptos has put the new entry in (the update above is synchronous).
            s.set_scroll_top(s.scroll_height());
        }
    };

    let on_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
        "ArrowUp" | "ArrowDown" => {
            let current = line.get_untracked();
            let up = e.key() == "ArrowUp";
            let found = ui
                .pg
                .try_update_value(|p| {
                    let h = &mut p.history;
                    if up { h.up(&current).map(String::from) } else { h.down().map(String::from) }
                })
                .flatten();
            if let Some(text) = found {
                e.prevent_default();
                set_line(input, line, &text, None);
            }
        }
        "Tab" if !e.shift_key() => {
            let Some(el) = input.get_untracked() else { return };
            let text = el.value();
            let cursor = byte_offset(&text, el.selection_start().ok().flatten().unwrap_or(0));
            let Some(c) = ui.read(|p| kubectl::complete(p.driver.sim(), &p.session, &text, cursor))
            else {
                return;
            };
            let typed = text.get(c.replace_from..cursor).unwrap_or("");
            let (Some(head), Some(tail)) = (text.get(..c.replace_from), text.get(cursor..)) else {
                return;
            };
            let insert = match c.candidates.as_slice() {
                [] => return,
                [only] => format!("{only} "),
                _ if c.common_prefix.len() > typed.len() => c.common_prefix.clone(),
                _ => typed.to_owned(),
            };
            e.prevent_default();
            listed.set(if c.candidates.len() > 1 { c.candidates } else { Vec::new() });
            let new_text = format!("{head}{insert}{tail}");
            let caret = utf16_len(head) + utf16_len(&insert);
            set_line(input, line, &new_text, Some(caret));
        }
        "Escape" => listed.set(Vec::new()),
        _ => {}
    };

    let listing = move || {
        listed.with(|l| {
            (!l.is_empty()).then(|| {
                let shown: Vec<&str> = l.iter().take(MAX_LISTED).map(String::as_str).collect();
                let more = l.len().saturating_sub(MAX_LISTED);
                let mut text = shown.join("  ");
                if more > 0 {
                    text.push_str(&format!("  … and {more} more"));
                }
                view! { <p class="completions" role="status">{text}</p> }
            })
        })
    };

    view! {
        <div role="group" class="panel console-panel" aria-labelledby=heading.clone()>
            <h3 class="panel-title" id=heading.clone()>"kubectl"</h3>
            <div class="console-log" node_ref=scroller tabindex="0" role="log" aria-live="polite" aria-label="kubectl output">
                <For
                    each=move || log.get()
                    key=|e| e.id
                    children=move |e| {
                        view! {
                            <div class="entry">
                                <span class="cmd">"$ "{e.line}</span>
                                "\n"
                                <span class="out">{e.stdout}</span>
                                <span class="err">{e.stderr}</span>
                            </div>
                        }
                    }
                />
            </div>
            <form class="console-form" on:submit=run>
                <label class="prompt" for=input_id.clone()>"$ "</label>
                <input
                    id=input_id
                    node_ref=input
                    type="text"
                    class="console-input"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    aria-describedby=hint_id.clone()
                    placeholder="kubectl get pods -o wide"
                    prop:value=move || line.get()
                    on:input=move |ev| line.set(event_target_value(&ev))
                    on:keydown=on_key
                />
                <button type="submit">"Run"</button>
            </form>
            {listing}
            <p class="panel-note" id=hint_id>
                "Type a kubectl command and press Enter ("<code>"kubectl"</code>" is optional). Up and down recall earlier commands; Tab completes. "
                <code>"apply -f editor"</code>" applies the YAML editor's text; "<code>"help"</code>" lists what is supported."
            </p>
        </div>
    }
}

/// Puts `text` in the input (and the signal), with the caret at `caret` or the end.
fn set_line(input: NodeRef<html::Input>, line: RwSignal<String>, text: &str, caret: Option<u32>) {
    line.set(text.to_owned());
    if let Some(el) = input.get_untracked() {
        el.set_value(text);
        let at = caret.unwrap_or_else(|| utf16_len(text));
        let _ = el.set_selection_range(at, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_follow_utf16_cursors() {
        assert_eq!(byte_offset("get pods", 3), 3);
        assert_eq!(byte_offset("get pods", 99), 8);
        // "é" is one UTF-16 unit and two bytes; "😀" two units and four bytes.
        assert_eq!(byte_offset("é x", 1), 2);
        assert_eq!(byte_offset("😀 x", 2), 4);
        assert_eq!(utf16_len("😀 x"), 4);
    }
}
