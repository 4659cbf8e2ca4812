//! The control-plane strip: kubectl, the API server and etcd, the scheduler, the controllers
//! and the kubelets as boxes that light up when they act, with live counters and the last
//! few things each did, in order, so one `kubectl apply` can be followed through every part.

use super::{
    super::{
        activity::{Part, Pulse},
        text,
    },
    state::Ui,
};
use leptos::prelude::*;
use sim_core::{cluster::Sim, time::SimTime};
use web_sys::Element;

/// Recent pulses listed.
const RECENT: usize = 10;

/// Lights parts and lists recent activity. The elements are looked up once: this runs on
/// every frame.
pub(crate) struct Renderer {
    /// Each part's box, whether it is lit, and its counter with the text it shows.
    parts: Vec<(Part, Element, bool)>,
    values: Vec<(&'static str, Element, String)>,
    list: Option<Element>,
    recent: Vec<String>,
}

impl Renderer {
    pub(crate) fn new(root: Element) -> Self {
        let find = |sel: &str| root.query_selector(sel).ok().flatten();
        let mut parts = Vec::new();
        let mut values = Vec::new();
        for part in Part::ALL {
            let Some(el) = find(&format!("[data-part=\"{}\"]", part.id())) else { continue };
            if let Ok(Some(value)) = el.query_selector(".part-value") {
                values.push((part.id(), value, String::new()));
            }
            let lit = el.class_list().contains("lit");
            parts.push((part, el, lit));
        }
        Renderer { parts, values, list: find(".recent"), recent: Vec::new() }
    }

    pub(crate) fn clear(&mut self) {
        self.recent.clear();
        if let Some(list) = &self.list {
            list.set_text_content(None);
        }
        self.light(&[]);
    }

    /// Shows this frame's pulses (nothing new leaves the last lit parts lit, so a paused or
    /// stepped clock keeps showing who acted last).
    pub(crate) fn show(&mut self, pulses: &[Pulse], sim: &Sim, _now: SimTime) {
        self.counters(sim);
        if pulses.is_empty() {
            return;
        }
        let mut lit: Vec<Part> = pulses.iter().flat_map(|p| p.parts.iter().copied()).collect();
        lit.sort();
        lit.dedup();
        self.light(&lit);
        let skip = pulses.len().saturating_sub(RECENT);
        self.recent.extend(pulses[skip..].iter().map(|p| p.text.clone()));
        let excess = self.recent.len().saturating_sub(RECENT);
        self.recent.drain(..excess);
        let Some(list) = &self.list else { return };
        let Some(doc) = list.owner_document() else { return };
        list.set_text_content(None);
        for line in &self.recent {
            if let Ok(li) = doc.create_element("li") {
                li.set_text_content(Some(line));
                let _ = list.append_child(&li);
            }
        }
    }

    fn light(&mut self, lit: &[Part]) {
        for (part, el, was) in &mut self.parts {
            let on = lit.contains(part);
            if *was != on {
                let _ = el.class_list().toggle_with_force("lit", on);
                *was = on;
            }
        }
    }

    fn counters(&mut self, sim: &Sim) {
        let cp = sim.control_plane();
        let q = cp.scheduler_queue;
        let syncs = |name: &str| cp.counters.syncs.get(name).copied().unwrap_or(0);
        let values = [
            ("apiserver", format!("{} writes", cp.counters.requests)),
            ("etcd", format!("{} objects", cp.etcd_objects)),
            (
                "scheduler",
                format!(
                    "queue {} active · {} backoff · {} unschedulable",
                    q.active, q.backoff, q.unschedulable
                ),
            ),
            ("deployment", format!("{} syncs", syncs("deployment-controller"))),
            ("replicaset", format!("{} syncs", syncs("replicaset-controller"))),
            (
                "node",
                format!("{} syncs", syncs("node-controller") + syncs("taint-eviction-controller")),
            ),
            ("endpointslice", format!("{} syncs", syncs("endpointslice-controller"))),
            ("kubelet", text::plural(sim.store().nodes().count(), "node", "nodes")),
        ];
        for (id, value) in values {
            let shown = self.values.iter_mut().find(|(part, _, _)| *part == id);
            if let Some((_, el, text)) = shown
                && *text != value
            {
                el.set_text_content(Some(&value));
                *text = value;
            }
        }
    }
}

/// The panel.
#[component]
pub(crate) fn ControlPlanePanel(ui: Ui) -> impl IntoView {
    let heading = ui.dom_id("cp");
    let part = |p: Part| {
        view! {
            <div class="part" data-part=p.id()>
                <span class="part-name">{p.name()}</span>
                <span class="part-value"></span>
            </div>
        }
    };
    let controllers = Part::ALL.into_iter().filter(|p| p.is_controller()).map(part).collect_view();
    view! {
        <div role="group" class="panel cp-panel" aria-labelledby=heading.clone()>
            <h3 class="panel-title" id=heading.clone()>"Control plane"</h3>
            <p class="panel-note">
                "Every component talks only to the API server. A box lights when it acts; the list shows what it did, oldest first."
            </p>
            <div class="strip" node_ref=ui.strip_ref>
                <div class="strip-row">
                    {part(Part::Kubectl)}
                    <span class="arrow" aria-hidden="true">"⇄"</span>
                    {part(Part::ApiServer)}
                    <span class="arrow" aria-hidden="true">"⇄"</span>
                    {part(Part::Etcd)}
                </div>
                <div class="strip-row">
                    {part(Part::Scheduler)}
                    <div class="part-group" role="group" aria-label="kube-controller-manager">
                        <span class="group-name">"kube-controller-manager"</span>
                        {controllers}
                    </div>
                    {part(Part::Kubelet)}
                </div>
                <p class="recent-title">"Recent activity"</p>
                <ol class="recent" aria-live="off" tabindex="0" aria-label="Recent activity"></ol>
            </div>
        </div>
    }
}
