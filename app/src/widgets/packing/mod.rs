//! The `packing` widget: place the example workload on servers as bare-metal processes, VMs,
//! containers or Wasm instances (a select per application — keyboard first), and read what
//! `sim_core::eras::packing` computes: servers, overhead, utilisation, conflicts, who the noisy
//! neighbour slows down, blast radius and patching, beside an automatic first-fit-decreasing
//! packing and the proven minimum.

pub mod logic;
pub mod params;

use leptos::prelude::*;
use logic::{
    Goals, Task, fmt_cores, fmt_kib, initial_placement, need_clash, placement_text, summary,
    unit_label,
};
use sim_core::eras::packing::{
    App, Mode, Need, Params, Placement, Report, ServerReport, WasmFit, defaults::APPS, evaluate,
    fewest_servers, first_fit_decreasing,
};

/// Shared state.
#[derive(Clone, Copy)]
struct Ctx {
    modes: StoredValue<Vec<Mode>>,
    mode: RwSignal<Mode>,
    params: RwSignal<Params>,
    /// One placement per offered mode, in `modes` order.
    placements: RwSignal<Vec<Placement>>,
    report: Memo<Option<Report>>,
    fewest: Memo<Option<usize>>,
    goals: RwSignal<Goals>,
    task: StoredValue<String>,
    /// The widget's page-unique name, for element ids.
    id: StoredValue<String>,
}

impl Ctx {
    fn slot(&self, mode: Mode) -> usize {
        self.modes.with_value(|m| m.iter().position(|x| *x == mode).unwrap_or(0))
    }

    /// After any of the reader's actions: check the goal.
    fn acted(&self) {
        let Some(report) = self.report.get_untracked() else { return };
        let fewest = self.fewest.get_untracked();
        let offered = self.modes.get_value();
        let completed =
            self.goals.try_update(|g| g.record(&offered, &report, fewest)).unwrap_or(false);
        if completed {
            crate::progress::complete(&self.task.get_value());
        }
    }

    fn move_app(&self, app: usize, server: usize) {
        let slot = self.slot(self.mode.get_untracked());
        self.placements.update(|p| {
            if let Some(s) = p.get_mut(slot).and_then(|pl| pl.server_of.get_mut(app)) {
                *s = server;
            }
        });
        self.acted();
    }

    fn set_placement(&self, placement: Placement) {
        let slot = self.slot(self.mode.get_untracked());
        self.placements.update(|p| {
            if let Some(s) = p.get_mut(slot) {
                *s = placement;
            }
        });
        self.acted();
    }
}

/// The widget.
#[component]
pub fn Packing(
    /// Modes offered.
    modes: Vec<Mode>,
    /// The Try it task id, or empty.
    task: String,
    /// A name unique on the page.
    id: String,
) -> impl IntoView {
    let kind = Task::from_id(&task);
    let first = modes.first().copied().unwrap_or(Mode::BareMetal);
    let params = RwSignal::new(Params::default());
    let start: Vec<Placement> =
        modes.iter().map(|m| initial_placement(kind, *m, &Params::default())).collect();
    let mode = RwSignal::new(first);
    let placements = RwSignal::new(start);
    let modes_store = StoredValue::new(modes.clone());
    let slot_of =
        move |m: Mode| modes_store.with_value(|ms| ms.iter().position(|x| *x == m).unwrap_or(0));
    let report = Memo::new(move |_| {
        let m = mode.get();
        let p = params.get();
        placements.with(|pl| pl.get(slot_of(m)).and_then(|pl| evaluate(&APPS, &p, m, pl).ok()))
    });
    let fewest =
        Memo::new(move |_| fewest_servers(&APPS, &params.get(), mode.get()).map(|o| o.servers));
    let ctx = Ctx {
        modes: modes_store,
        mode,
        params,
        placements,
        report,
        fewest,
        goals: RwSignal::new(Goals::new(kind, crate::progress::is_done(&task))),
        task: StoredValue::new(task),
        id: StoredValue::new(id.clone()),
    };

    let mode_buttons = (modes.len() > 1).then(|| {
        let buttons = modes
            .iter()
            .map(|&m| {
                view! {
                    <button
                        type="button"
                        aria-pressed=move || (ctx.mode.get() == m).to_string()
                        on:click=move |_| {
                            ctx.mode.set(m);
                            ctx.acted();
                        }
                    >
                        {m.label()}
                    </button>
                }
            })
            .collect_view();
        view! { <div class="pack-modes" role="group" aria-label="Run the applications as">{buttons}</div> }
    });

    let goal = move || goal_view(ctx);
    let one_per_server = move |_| ctx.set_placement(Placement::one_per_server(APPS.len()));
    let start_over = move |_| {
        let p = ctx.params.get_untracked();
        ctx.set_placement(initial_placement(kind, ctx.mode.get_untracked(), &p));
    };

    view! {
        <div class="packing-widget">
            {mode_buttons}
            {goal}
            <p class="pack-summary" aria-live="polite">
                {move || ctx.report.get().map(|r| summary(&r, ctx.fewest.get()))}
            </p>
            {move || ctx.report.get().map(|r| key_numbers(r, ctx))}
            <h3 class="pack-heading">"Your servers"</h3>
            <p class="pack-hint">
                "Move an application with the list beside it. Empty servers are switched off and not counted."
            </p>
            <ol class="pack-servers">{move || servers_view(ctx)}</ol>
            <div class="pack-actions">
                <button type="button" on:click=one_per_server>"One application per server"</button>
                <button type="button" on:click=start_over>"Start over"</button>
            </div>
            {move || packer_view(ctx)}
            {params::ParamsPanel(params::ParamsPanelProps { params: ctx.params, id: id.clone() })}
            {workload_table()}
        </div>
    }
}

fn goal_view(ctx: Ctx) -> Option<impl IntoView> {
    let g = ctx.goals.get();
    let text = match (g.task, g.done) {
        (Task::None, _) => return None,
        (_, true) => "Task complete.".to_owned(),
        (Task::IsolateNoisy, false) => {
            "Goal: place the applications so that the noisy reports job slows nobody down."
                .to_owned()
        }
        (Task::FewestServers, false) => {
            let modes = ctx.modes.get_value();
            let list: Vec<String> = modes
                .iter()
                .map(|m| {
                    let tick = if g.reached.contains(m) { "reached" } else { "not yet" };
                    format!("{}: {tick}", m.label())
                })
                .collect();
            format!("Goal: reach the fewest servers in each mode ({}).", list.join("; "))
        }
    };
    Some(view! { <p class=if g.done { "pack-goal done" } else { "pack-goal" }>{text}</p> })
}

fn key_numbers(r: Report, ctx: Ctx) -> impl IntoView {
    let fewest = ctx.fewest.get();
    let images = (r.images_to_rebuild > 0).then(|| {
        format!(" · {} container images carrying a Linux userland to rebuild", r.images_to_rebuild)
    });
    let process_note = match r.mode {
        Mode::Vm => " (its VM's monitor process)",
        Mode::Wasm => " (the shared Wasm runtime)",
        _ => "",
    };
    view! {
        <dl class="pack-numbers">
            <dt>"Servers in use"</dt>
            <dd class="pack-servers-used">
                {r.servers_used()}
                {fewest.map(|f| format!(" (fewest possible: {f})"))}
            </dd>
            <dt>"Memory used by applications"</dt>
            <dd>{format!("{}% of {}", r.ram_used_by_apps_percent(), fmt_kib(r.ram_capacity_kib))}</dd>
            <dt>"Memory lost to overhead"</dt>
            <dd class="pack-overhead">
                {format!("{} ({}%)", fmt_kib(r.overhead_kib), r.ram_overhead_percent())}
            </dd>
            <dt>"CPU busy"</dt>
            <dd>{format!("{}% of {}", r.cpu_busy_percent(), fmt_cores(r.cpu_capacity_millis))}</dd>
            <dt>"One failure stops"</dt>
            <dd>
                {format!(
                    "a server: {} apps · a kernel panic: {} · one host process{process_note}: {}",
                    r.blast.server,
                    r.blast.kernel,
                    r.blast.host_process
                )}
            </dd>
            <dt>"Operating systems to patch"</dt>
            <dd>{r.os_to_patch}{images}</dd>
        </dl>
    }
}

fn servers_view(ctx: Ctx) -> impl IntoView {
    let r = ctx.report.get()?;
    let p = ctx.params.get();
    let mode = r.mode;
    Some(r.servers.iter().map(|s| server_card(s, &r, &p, mode, ctx)).collect_view())
}

fn percent_of(part: u64, whole: u64) -> String {
    let pct = (part * 100).checked_div(whole).unwrap_or(0).min(100);
    format!("{pct}%")
}

fn server_card(
    s: &ServerReport,
    r: &Report,
    p: &Params,
    mode: Mode,
    ctx: Ctx,
) -> impl IntoView + use<> {
    let ram_cap = p.server_ram_mib * 1024;
    let apps_kib = s.ram_used_kib - s.overhead_kib;
    let over = s.over_ram || s.over_cpu;
    let class = if over { "pack-server over" } else { "pack-server" };
    let ram_text = format!(
        "Memory {} of {} ({} overhead){}",
        fmt_kib(s.ram_used_kib),
        fmt_kib(ram_cap),
        fmt_kib(s.overhead_kib),
        if s.over_ram { " — over capacity" } else { "" }
    );
    let cpu_text = format!(
        "CPU reserved {} of {}{}",
        fmt_cores(s.cpu_reserved_millis),
        fmt_cores(p.server_cpu_millis),
        if s.over_cpu { " — over capacity" } else { "" }
    );
    let rows = s
        .apps
        .iter()
        .zip(&s.cpu_received_millis)
        .filter_map(|(&a, &got)| APPS.get(a).map(|app| app_row(a, app, got, s.index, r, mode, ctx)))
        .collect_view();
    view! {
        <li class=class>
            <h4>{format!("Server {}", s.index + 1)}</h4>
            <div class="pack-bar" aria-hidden="true">
                <span class="pack-bar-apps" style:width=percent_of(apps_kib, ram_cap)></span>
                <span class="pack-bar-overhead" style:width=percent_of(s.overhead_kib, ram_cap)></span>
            </div>
            <p class="pack-bar-label">{ram_text}</p>
            <div class="pack-bar" aria-hidden="true">
                <span class="pack-bar-cpu" style:width=percent_of(s.cpu_reserved_millis, p.server_cpu_millis)></span>
            </div>
            <p class="pack-bar-label">{cpu_text}</p>
            <ul class="pack-apps">{rows}</ul>
        </li>
    }
}

fn app_row(
    a: usize,
    app: &'static App,
    got_millis: u64,
    server: usize,
    r: &Report,
    mode: Mode,
    ctx: Ctx,
) -> impl IntoView + use<> {
    let select_id = format!("{}-app{a}", ctx.id.get_value());
    let starved = r.starved.iter().any(|s| s.app == a);
    let conflict = r.conflicts.iter().find(|c| c.a == a || c.b == a).map(|c| need_clash(c.need));
    let mut notes: Vec<String> = Vec::new();
    if app.is_noisy() {
        notes.push(format!(
            "noisy: wants {}, gets {}",
            fmt_cores(app.cpu_millis_demand),
            fmt_cores(got_millis)
        ));
    }
    if starved {
        notes.push(format!(
            "slowed: gets {} of {}",
            fmt_cores(got_millis),
            fmt_cores(app.cpu_millis_demand)
        ));
    }
    if let Some(c) = conflict {
        notes.push(format!("conflict: {c}"));
    }
    let options = (0..APPS.len())
        .map(|s| view! { <option value=s.to_string() selected=s == server>{format!("Server {}", s + 1)}</option> })
        .collect_view();
    let class = if starved || conflict_flag(&notes) { "pack-app trouble" } else { "pack-app" };
    view! {
        <li class=class>
            <span class="pack-app-name">{app.name}</span>
            <span class="pack-app-size">
                {format!("{} · {} · {}", fmt_kib(app.ram_mib * 1024), fmt_cores(app.cpu_millis), unit_label(app, mode))}
            </span>
            {(!notes.is_empty()).then(|| view! { <span class="pack-app-note">{notes.join("; ")}</span> })}
            <label class="visually-hidden" for=select_id.clone()>{format!("Move {} to", app.name)}</label>
            <select
                id=select_id
                on:change=move |ev| {
                    if let Ok(s) = event_target_value(&ev).parse::<usize>() {
                        ctx.move_app(a, s);
                    }
                }
            >
                {options}
            </select>
        </li>
    }
}

fn conflict_flag(notes: &[String]) -> bool {
    notes.iter().any(|n| n.starts_with("conflict"))
}

fn packer_view(ctx: Ctx) -> impl IntoView {
    let p = ctx.params.get();
    let mode = ctx.mode.get();
    let ffd = first_fit_decreasing(&APPS, &p, mode);
    let ffd_report = evaluate(&APPS, &p, mode, &ffd).ok()?;
    let fewest = fewest_servers(&APPS, &p, mode);
    let yours = ctx.report.get()?;
    let fewest_text = match &fewest {
        Some(o) if o.proven => {
            format!("The fewest possible is {} (proven by a search of every placement).", o.servers)
        }
        Some(o) => format!("The search stopped at its limit; the best found uses {}.", o.servers),
        None => {
            "Some application does not fit on an empty server: choose bigger servers.".to_owned()
        }
    };
    Some(view! {
        <details class="pack-packer">
            <summary>"Compare with an automatic packer"</summary>
            <p>
                {format!(
                    "First-fit decreasing (largest first, each onto the first server with room{}) uses {} servers and loses {} to overhead; yours uses {} and loses {}.",
                    if mode == Mode::BareMetal { " and no conflict" } else { "" },
                    ffd_report.servers_used(),
                    fmt_kib(ffd_report.overhead_kib),
                    yours.servers_used(),
                    fmt_kib(yours.overhead_kib)
                )}
            </p>
            <p class="pack-packer-placement">{placement_text(&ffd)}</p>
            <p>{fewest_text}</p>
            {(!ffd_report.starved.is_empty()).then(|| view! {
                <p>"The packer ignores the noisy neighbour: it packs by requests, not by what the applications really use."</p>
            })}
        </details>
    })
}

fn needs_text(app: &App) -> String {
    let list: Vec<String> = app
        .needs
        .iter()
        .map(|n| match n {
            Need::Library(lib, v) => format!("{lib} {v}"),
            Need::Port(p) => format!("port {p}"),
        })
        .collect();
    list.join(", ")
}

fn workload_table() -> impl IntoView {
    let rows = APPS
        .iter()
        .map(|a| {
            let wasm = match a.wasm {
                WasmFit::Yes => "yes".to_owned(),
                WasmFit::No(why) => format!("no: {why}"),
            };
            view! {
                <tr>
                    <th scope="row">{a.name}</th>
                    <td>{fmt_kib(a.ram_mib * 1024)}</td>
                    <td>{fmt_cores(a.cpu_millis)}</td>
                    <td>{fmt_cores(a.cpu_millis_demand)}</td>
                    <td>{needs_text(a)}</td>
                    <td>{wasm}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="pack-workload">
            <summary>"The applications (an example workload, not measurements)"</summary>
            <div class="pack-table" role="region" aria-label="The example applications" tabindex="0">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Application"</th>
                            <th scope="col">"Memory"</th>
                            <th scope="col">"CPU planned"</th>
                            <th scope="col">"CPU it uses"</th>
                            <th scope="col">"Needs from its OS"</th>
                            <th scope="col">"Compiles to Wasm"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p>
                "Applications on one operating system conflict when they need different versions of a library or the same port. VMs, containers and Wasm modules each bring their own."
            </p>
        </details>
    }
}
