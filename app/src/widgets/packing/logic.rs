//! The packing widget's decisions and wording, kept out of the view and tested natively.

use sim_core::eras::packing::{
    App, Mode, Params, Placement, Report, Unit, defaults::APPS, first_fit_decreasing,
};

/// The modes a directive offers, in the course's order; all of them when it names none.
pub fn parse_modes(param: Option<&str>) -> Vec<Mode> {
    let mut modes: Vec<Mode> =
        param.unwrap_or_default().split(',').filter_map(Mode::from_id).collect();
    if modes.is_empty() {
        modes = Mode::ALL.to_vec();
    }
    modes.sort();
    modes.dedup();
    modes
}

/// The lesson goal the widget checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// No goal.
    None,
    /// Reach the fewest servers in every offered mode (lesson 3).
    FewestServers,
    /// Stop the noisy neighbour from slowing anyone down (lesson 2).
    IsolateNoisy,
}

impl Task {
    /// The task named `id`.
    pub fn from_id(id: &str) -> Task {
        match id {
            "fewest-servers" => Task::FewestServers,
            "isolate-noisy" => Task::IsolateNoisy,
            _ => Task::None,
        }
    }
}

/// Where the reader starts. Packing goals start unpacked (one application per server); the
/// noisy-neighbour goal starts packed, so the noisy job shares a server; without a goal, bare
/// metal shows the one-application-per-server era and the other modes start packed.
pub fn initial_placement(task: Task, mode: Mode, params: &Params) -> Placement {
    match (task, mode) {
        (Task::FewestServers, _) | (Task::None, Mode::BareMetal) => {
            Placement::one_per_server(APPS.len())
        }
        _ => first_fit_decreasing(&APPS, params, mode),
    }
}

/// Progress towards the goal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Goals {
    /// The goal.
    pub task: Task,
    /// Modes in which the reader has reached the fewest servers.
    pub reached: Vec<Mode>,
    /// Whether the goal is met.
    pub done: bool,
}

impl Goals {
    /// Fresh progress.
    pub fn new(task: Task, done_before: bool) -> Self {
        Goals { task, reached: Vec::new(), done: done_before }
    }

    /// Records the state after one of the reader's actions; true when this completes the goal.
    pub fn record(&mut self, offered: &[Mode], report: &Report, fewest: Option<usize>) -> bool {
        if self.done {
            return false;
        }
        let met = match self.task {
            Task::None => false,
            Task::IsolateNoisy => report.is_valid() && report.starved.is_empty(),
            Task::FewestServers => {
                if report.is_valid()
                    && Some(report.servers_used()) == fewest
                    && !self.reached.contains(&report.mode)
                {
                    self.reached.push(report.mode);
                }
                offered.iter().all(|m| self.reached.contains(m))
            }
        };
        self.done = met;
        met
    }
}

/// Memory for people: GiB above one, MiB above one, KiB below.
pub fn fmt_kib(kib: u64) -> String {
    const MIB: u64 = 1024;
    const GIB: u64 = 1024 * 1024;
    if kib >= GIB {
        let tenths = (kib * 10 + GIB / 2) / GIB;
        format!("{}.{} GiB", tenths / 10, tenths % 10)
    } else if kib >= MIB {
        format!("{} MiB", (kib + MIB / 2) / MIB)
    } else {
        format!("{kib} KiB")
    }
}

/// CPU for people: cores with up to two decimals.
pub fn fmt_cores(millis: u64) -> String {
    let whole = millis / 1000;
    let frac = millis % 1000;
    let unit = if millis == 1000 { "core" } else { "cores" };
    if frac == 0 {
        format!("{whole} {unit}")
    } else {
        let hundredths = (frac + 5) / 10;
        let text = format!("{whole}.{hundredths:02}");
        format!("{} {unit}", text.trim_end_matches('0'))
    }
}

/// How an application runs, in words.
pub fn unit_label(app: &App, mode: Mode) -> &'static str {
    match Unit::of(app, mode) {
        Unit::Process => "process",
        Unit::Vm => "VM",
        Unit::Container => "container",
        Unit::WasmInstance => "Wasm instance",
    }
}

fn names(apps: &[usize]) -> String {
    let list: Vec<&str> = apps.iter().filter_map(|a| APPS.get(*a)).map(|a| a.name).collect();
    list.join(", ")
}

/// The report in sentences: the text equivalent of the servers picture.
pub fn summary(r: &Report, fewest: Option<usize>) -> String {
    let mut s = format!("{}: {} servers", r.mode.label(), r.servers_used());
    if let Some(f) = fewest {
        s.push_str(&format!(" (the fewest possible is {f})"));
    }
    s.push_str(&format!(
        ". Applications use {}% of the servers' memory; overhead takes {} ({}%). The CPUs are {}% busy.",
        r.ram_used_by_apps_percent(),
        fmt_kib(r.overhead_kib),
        r.ram_overhead_percent(),
        r.cpu_busy_percent()
    ));
    for server in r.servers.iter().filter(|s| s.over_ram || s.over_cpu) {
        s.push_str(&format!(" Server {} is over capacity.", server.index + 1));
    }
    for c in &r.conflicts {
        s.push_str(&format!(
            " Conflict on server {}: {} and {} {}.",
            c.server + 1,
            name(c.a),
            name(c.b),
            need_clash(c.need)
        ));
    }
    for st in &r.starved {
        s.push_str(&format!(
            " {} gets {} of the {} it needs: the noisy neighbour takes the rest.",
            name(st.app),
            fmt_cores(st.received_millis),
            fmt_cores(st.demand_millis)
        ));
    }
    s
}

fn name(app: usize) -> &'static str {
    APPS.get(app).map_or("?", |a| a.name)
}

/// Why two applications' needs clash, as a phrase.
pub fn need_clash(need: sim_core::eras::packing::Need) -> String {
    match need {
        sim_core::eras::packing::Need::Library(lib, _) => {
            format!("need different versions of {lib}")
        }
        sim_core::eras::packing::Need::Port(p) => format!("both want port {p}"),
    }
}

/// A placement as text: "Server 1: database, web shop; Server 2: …".
pub fn placement_text(p: &Placement) -> String {
    let c = p.compacted();
    let servers = c.server_of.iter().max().map_or(0, |m| m + 1);
    (0..servers)
        .map(|s| {
            let on: Vec<usize> = (0..c.server_of.len()).filter(|a| c.server_of[*a] == s).collect();
            format!("Server {}: {}", s + 1, names(&on))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::eras::packing::{evaluate, fewest_servers};

    fn report(mode: Mode, p: &Placement) -> Report {
        evaluate(&APPS, &Params::default(), mode, p).expect("valid")
    }

    #[test]
    fn modes_follow_the_directive() {
        assert_eq!(parse_modes(Some("vm, bare-metal")), vec![Mode::BareMetal, Mode::Vm]);
        assert_eq!(parse_modes(None).len(), 4);
        assert_eq!(parse_modes(Some("mainframe")).len(), 4);
    }

    #[test]
    fn goals_start_unmet() {
        let p = Params::default();
        for mode in Mode::ALL {
            let start = report(mode, &initial_placement(Task::FewestServers, mode, &p));
            let fewest = fewest_servers(&APPS, &p, mode).map(|o| o.servers);
            assert_ne!(Some(start.servers_used()), fewest, "{mode:?}");
        }
        let noisy =
            report(Mode::BareMetal, &initial_placement(Task::IsolateNoisy, Mode::BareMetal, &p));
        assert!(!noisy.starved.is_empty());
        let era = report(Mode::BareMetal, &initial_placement(Task::None, Mode::BareMetal, &p));
        assert_eq!(era.servers_used(), APPS.len());
    }

    #[test]
    fn fewest_servers_needs_every_offered_mode() {
        let p = Params::default();
        let offered = [Mode::BareMetal, Mode::Vm];
        let mut g = Goals::new(Task::FewestServers, false);
        for (i, mode) in offered.into_iter().enumerate() {
            let best = fewest_servers(&APPS, &p, mode).expect("fits");
            let done = g.record(&offered, &report(mode, &best.placement), Some(best.servers));
            assert_eq!(done, i == 1, "{mode:?}");
        }
        assert!(!g.record(&offered, &report(Mode::Vm, &Placement::one_per_server(8)), Some(2)));
    }

    #[test]
    fn isolating_the_noisy_job_completes_the_goal() {
        let p = Params::default();
        let mut g = Goals::new(Task::IsolateNoisy, false);
        let mut placement = initial_placement(Task::IsolateNoisy, Mode::BareMetal, &p);
        assert!(!g.record(&Mode::ALL, &report(Mode::BareMetal, &placement), None));
        placement.server_of[4] = 7;
        assert!(g.record(&Mode::ALL, &report(Mode::BareMetal, &placement), None));
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(fmt_kib(88 * 1024), "88 MiB");
        assert_eq!(fmt_kib(5660), "6 MiB");
        assert_eq!(fmt_kib(4), "4 KiB");
        assert_eq!(fmt_kib(23_040 * 1024), "22.5 GiB");
        assert_eq!(fmt_cores(500), "0.5 cores");
        assert_eq!(fmt_cores(1000), "1 core");
        assert_eq!(fmt_cores(181), "0.18 cores");
        assert_eq!(fmt_cores(8000), "8 cores");
        let r = report(
            Mode::BareMetal,
            &initial_placement(Task::IsolateNoisy, Mode::BareMetal, &Params::default()),
        );
        let s = summary(&r, Some(3));
        assert!(s.starts_with("Bare metal: 3 servers (the fewest possible is 3)."), "{s}");
        assert!(s.contains("payroll gets 0.36 cores of the 0.5 cores it needs"), "{s}");
        assert_eq!(
            placement_text(&Placement { server_of: vec![3, 3, 1, 1, 1, 1, 1, 1] }),
            "Server 1: web shop, database; Server 2: mail, payroll, reports, blog, wiki, monitoring"
        );
    }
}
