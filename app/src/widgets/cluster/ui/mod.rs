//! The widget's browser side: the component, its panels, and the frame loop that drives the
//! simulation. Panels read the [`state::Playground`] through [`state::Ui`]; the hot panels
//! (the view, the events stream, the control-plane strip) are drawn by hand in the loop.

mod actions;
mod challenge;
mod console;
mod control_plane;
mod editor;
mod events;
mod explain;
mod looper;
mod sharing;
mod state;
mod table;
mod time;
mod view;

use super::{
    challenges,
    presets::{self, PRESETS},
    simplified,
    vm::ChipState,
};
use leptos::{ev, prelude::*};
use sim_core::model::Uid;
use state::{Playground, Selection, Speed, Ui};
use wasm_bindgen::JsCast;

/// Panels a directive may ask for.
const PANELS: [&str; 8] =
    ["view", "timeline", "control-plane", "console", "editor", "explain", "events", "table"];
const DEFAULT_PANELS: [&str; 4] = ["view", "timeline", "events", "explain"];

/// The widget's settings, from the directive's parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    pub(crate) preset: &'static presets::Preset,
    pub(crate) challenge: Option<&'static challenges::ChallengeDef>,
    pub(crate) panels: Vec<&'static str>,
    pub(crate) picker: bool,
}

impl Settings {
    /// Reads the parameters; anything missing or unknown falls back to a default (the build
    /// has validated them against the catalogue).
    pub(crate) fn read(get: impl Fn(&str) -> Option<String>) -> Settings {
        let challenge = get("challenge").and_then(|c| challenges::find(&c));
        let preset = match (get("preset"), challenge) {
            (Some(p), _) => presets::find(&p),
            (None, Some(c)) => presets::find(c.preset),
            (None, None) => presets::find("three-nodes"),
        };
        let asked: Vec<String> = get("panels")
            .map(|p| p.split(',').map(|s| s.trim().to_owned()).collect())
            .unwrap_or_default();
        let mut panels: Vec<&'static str> =
            PANELS.into_iter().filter(|p| asked.iter().any(|a| a == p)).collect();
        if panels.is_empty() {
            panels = DEFAULT_PANELS.to_vec();
        }
        Settings { preset, challenge, panels, picker: get("picker").as_deref() == Some("true") }
    }

    fn has(&self, panel: &str) -> bool {
        self.panels.contains(&panel)
    }
}

thread_local! {
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The widget for a placeholder with parameters `get` and element id `id`.
pub(crate) fn widget(get: impl Fn(&str) -> Option<String>, id: String) -> AnyView {
    let mut settings = Settings::read(get);
    let id = if id.is_empty() {
        let n = NEXT_ID.with(|c| {
            let n = c.get();
            c.set(n + 1);
            n
        });
        format!("cluster-{n}")
    } else {
        id
    };
    match sharing::load(&mut settings, &id) {
        Ok(pg) => view! { <ClusterWidget settings=settings pg=pg id=id /> }.into_any(),
        Err(e) => {
            view! { <p class="widget-error">{format!("The cluster could not start: {e}")}</p> }
                .into_any()
        }
    }
}

#[component]
fn ClusterWidget(settings: Settings, pg: Playground, id: String) -> impl IntoView {
    let playing = pg.clock.playing;
    let ui = Ui {
        pg: StoredValue::new_local(pg),
        tick: RwSignal::new(0),
        slow: RwSignal::new(0),
        playing: RwSignal::new(playing),
        speed: RwSignal::new(Speed::X1),
        seeking: RwSignal::new(false),
        selection: RwSignal::new(None),
        live: RwSignal::new(String::new()),
        verdict: RwSignal::new(None),
        last_output: RwSignal::new(None),
        view_ref: NodeRef::new(),
        events_ref: NodeRef::new(),
        strip_ref: NodeRef::new(),
        id: StoredValue::new(id),
    };
    let generation = RwSignal::new(0u32);
    let settings = StoredValue::new(settings);
    Effect::new(move |_| {
        generation.get();
        looper::refresh(ui, true);
        looper::wake(ui);
    });
    let body = move || {
        generation.get();
        let s = settings.get_value();
        let challenge = s.challenge.map(|def| view! { <challenge::ChallengeCard ui=ui def=def /> });
        view! {
            {challenge}
            {s.has("timeline").then(|| view! { <time::TimePanel ui=ui /> })}
            {s.has("view").then(|| view! { <ViewPanel ui=ui /> })}
            {s.has("control-plane").then(|| view! { <control_plane::ControlPlanePanel ui=ui /> })}
            {s.has("console").then(|| view! { <console::ConsolePanel ui=ui /> })}
            {s.has("editor").then(|| view! { <editor::EditorPanel ui=ui /> })}
            {s.has("explain").then(|| view! { <explain::ExplainPanel ui=ui /> })}
            {s.has("events").then(|| view! { <events::EventsPanel ui=ui /> })}
            {s.has("table").then(|| view! { <table::TablePanel ui=ui /> })}
        }
    };
    let picker =
        settings.get_value().picker.then(|| view! { <Picker ui=ui generation=generation /> });
    let no_timeline = !settings.get_value().has("timeline");
    let mini_controls = no_timeline.then(|| view! { <MiniControls ui=ui /> });
    let class = if settings.get_value().picker { "cluster-widget full" } else { "cluster-widget" };
    let presenter = RwSignal::new(false);
    let on_key = move |e: ev::KeyboardEvent| {
        if presenter.get_untracked() && presenter_key(ui, &e) {
            e.prevent_default();
        }
    };
    view! {
        <div class=class class:presenter=move || presenter.get() on:keydown=on_key>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">
                {move || ui.live.get()}
            </p>
            <div class="cluster-top">
                {picker}
                {mini_controls}
                <sharing::ShareButton ui=ui />
                <button
                    type="button"
                    aria-pressed=move || if presenter.get() { "true" } else { "false" }
                    title="Large type; K plays or pauses, N steps to the next event, + and - change the speed"
                    on:click=move |_| presenter.update(|p| *p = !*p)
                >
                    "Presenter mode"
                </button>
                <Simplified />
            </div>
            <div class="cluster-panels">{body}</div>
        </div>
    }
}

/// Play/pause and the clock, for widgets without the timeline panel.
#[component]
fn MiniControls(ui: Ui) -> impl IntoView {
    view! {
        <div class="mini-controls">
            <button
                type="button"
                aria-pressed=move || if ui.playing.get() { "true" } else { "false" }
                on:click=move |_| looper::set_playing(ui, !ui.playing.get_untracked())
            >
                {move || if ui.playing.get() { "Pause" } else { "Play" }}
            </button>
            <button type="button" on:click=move |_| looper::set_speed(ui, next_speed(ui.speed.get_untracked()))>
                {move || format!("Speed {}", ui.speed.get().label())}
            </button>
            <span class="clock">
                "Simulated time "
                <output>
                    {move || {
                        ui.tick.get();
                        super::text::clock(ui.read(|p| p.driver.now()).unwrap_or_default())
                    }}
                </output>
            </span>
        </div>
    }
}

/// Presenter mode's keys, when focus is in the widget but not in a text field. Returns
/// whether the key was used.
fn presenter_key(ui: Ui, e: &ev::KeyboardEvent) -> bool {
    let typing = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return false;
    }
    match e.key().as_str() {
        // Not Space: on a focused button it would also press the button.
        "k" | "K" => looper::set_playing(ui, !ui.playing.get_untracked()),
        "n" | "N" => looper::step(ui),
        "+" => looper::set_speed(ui, next_speed(ui.speed.get_untracked())),
        "-" => looper::set_speed(ui, previous_speed(ui.speed.get_untracked())),
        _ => return false,
    }
    true
}

fn previous_speed(s: Speed) -> Speed {
    let i = Speed::ALL.iter().position(|x| *x == s).unwrap_or(0);
    Speed::ALL[(i + Speed::ALL.len() - 1) % Speed::ALL.len()]
}

fn next_speed(s: Speed) -> Speed {
    let i = Speed::ALL.iter().position(|x| *x == s).unwrap_or(0);
    Speed::ALL[(i + 1) % Speed::ALL.len()]
}

/// The playground page's preset picker.
#[component]
fn Picker(ui: Ui, generation: RwSignal<u32>) -> impl IntoView {
    let id = ui.dom_id("preset");
    let chosen = RwSignal::new(ui.read(|p| p.preset.name).unwrap_or("three-nodes"));
    let options = PRESETS
        .iter()
        .map(|p| {
            let name = p.name;
            view! { <option value=name selected=move || chosen.get() == name>{p.title}</option> }
        })
        .collect_view();
    let load = move |_| {
        let preset = presets::find(chosen.get_untracked());
        let _ = ui.pg.try_update_value(|p| p.switch(preset));
        ui.selection.set(None);
        ui.last_output.set(None);
        ui.speed.set(Speed::X1);
        ui.playing.set(ui.read(|p| p.clock.playing).unwrap_or(false));
        generation.update(|g| *g += 1);
    };
    view! {
        <div class="picker">
            <label for=id.clone()>"Scenario"</label>
            <select
                id=id
                on:change=move |ev| chosen.set(presets::find(&event_target_value(&ev)).name)
            >
                {options}
            </select>
            <button type="button" on:click=load>"Start"</button>
        </div>
    }
}

#[component]
fn Simplified() -> impl IntoView {
    let items = simplified::NOTES
        .iter()
        .map(|(topic, text, _)| view! { <li><strong>{*topic}": "</strong>{*text}</li> })
        .collect_view();
    view! {
        <details class="simplified">
            <summary>"Simplified"</summary>
            <p>"The simulator follows upstream Kubernetes (v1.32+ defaults) except where listed here."</p>
            <ul>{items}</ul>
        </details>
    }
}

#[component]
fn ViewPanel(ui: Ui) -> impl IntoView {
    let heading = ui.dom_id("view");
    let on_click = move |e: ev::MouseEvent| {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let picked = if let Some(chip) = target.closest("[data-uid]").ok().flatten() {
            chip.get_attribute("data-uid")
                .and_then(|u| u.parse::<u128>().ok())
                .map(|u| Selection::Pod(Uid(u)))
        } else {
            target
                .closest("button[data-node]")
                .ok()
                .flatten()
                .and_then(|b| b.get_attribute("data-node"))
                .map(Selection::Node)
        };
        if let Some(s) = picked {
            let again = ui.selection.get_untracked().as_ref() == Some(&s);
            ui.selection.set(if again { None } else { Some(s) });
            looper::refresh(ui, false);
        }
    };
    let on_key = move |e: ev::KeyboardEvent| {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        if view::arrow_key(&target, &e.key()) {
            e.prevent_default();
        }
    };
    let legend = ChipState::ALL
        .into_iter()
        .map(|s| {
            view! {
                <li>
                    <span class=format!("chip o0 {}", s.class()) aria-hidden="true"></span>
                    " "
                    {s.label()}
                </li>
            }
        })
        .collect_view();
    view! {
        <div role="group" class="panel view-panel" aria-labelledby=heading.clone()>
            <h3 class="panel-title" id=heading.clone()>"Cluster"</h3>
            <details class="legend">
                <summary>"Legend"</summary>
                <p>"Each square is a pod, coloured by the ReplicaSet that owns it; its fill and border show its state."</p>
                <ul>{legend}</ul>
            </details>
            <div class="cluster-view" node_ref=ui.view_ref on:click=on_click on:keydown=on_key></div>
            <actions::SelectionBar ui=ui />
            <actions::ActionOutput ui=ui />
            <actions::ClusterActions ui=ui />
        </div>
    }
}
