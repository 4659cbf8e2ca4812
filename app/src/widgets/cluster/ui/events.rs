//! The events panel: Kubernetes Events as they happen, one line each, like
//! `kubectl get events -w`. Lines are appended to a list by hand (a log only grows), and the
//! oldest are dropped beyond a limit.

use super::{super::feed::EventLine, state::Ui};
use leptos::prelude::*;
use web_sys::Element;

/// Lines kept in the DOM.
const MAX_LINES: u32 = 300;

/// Appends event lines to the panel's list.
pub(crate) struct Renderer {
    list: Element,
}

impl Renderer {
    pub(crate) fn new(list: Element) -> Self {
        Renderer { list }
    }

    pub(crate) fn clear(&mut self) {
        self.list.set_text_content(None);
    }

    pub(crate) fn append(&mut self, lines: &[EventLine]) {
        let Some(doc) = self.list.owner_document() else { return };
        // Only the newest lines can stay; skip the rest without creating them.
        let skip = lines.len().saturating_sub(MAX_LINES as usize);
        for line in &lines[skip..] {
            let Ok(li) = doc.create_element("li") else { continue };
            if line.warning {
                li.set_class_name("warning");
            }
            li.set_text_content(Some(&line.text()));
            let _ = self.list.append_child(&li);
        }
        while self.list.child_element_count() > MAX_LINES {
            match self.list.first_element_child() {
                Some(first) => first.remove(),
                None => break,
            }
        }
        // No scrolling to the newest line here: reading the list's height would force a
        // layout of the whole page on every frame. The scroll box is a reversed flex column
        // (cluster.css), which keeps it at the bottom as lines arrive.
    }
}

/// The panel.
#[component]
pub(crate) fn EventsPanel(ui: Ui) -> impl IntoView {
    let heading = ui.dom_id("events");
    view! {
        <div role="group" class="panel events-panel" aria-labelledby=heading.clone()>
            <h3 class="panel-title" id=heading.clone()>"Events"</h3>
            <p class="panel-note">"As "<code>"kubectl get events -w"</code>" prints them, with the simulated time."</p>
            <div class="events-scroll" tabindex="0" role="group" aria-label="Event stream">
                <p class="events-header" aria-hidden="true">{super::super::feed::HEADER}</p>
                <ol class="events" node_ref=ui.events_ref aria-live="off"></ol>
            </div>
        </div>
    }
}
