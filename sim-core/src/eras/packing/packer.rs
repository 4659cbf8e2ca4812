//! Automatic packing: first-fit decreasing, and a bounded exact search for the minimum.

use super::{App, Mode, Params, Placement, Unit};

/// Search nodes [`fewest_servers`] may visit before it settles for the best placement found.
/// Eight applications need a few thousand; the bound keeps a larger workload from blocking
/// the page.
pub const SEARCH_NODE_LIMIT: u64 = 200_000;

/// The result of [`fewest_servers`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Optimum {
    /// A placement using the fewest servers found.
    pub placement: Placement,
    /// How many servers it uses.
    pub servers: usize,
    /// Whether the search finished, so no placement uses fewer servers.
    pub proven: bool,
}

#[derive(Clone)]
struct Item {
    app: usize,
    ram_kib: u64,
    cpu_millis: u64,
}

#[derive(Clone, Default)]
struct Bin {
    ram_kib: u64,
    cpu_millis: u64,
    apps: Vec<usize>,
}

struct Packing<'a> {
    apps: &'a [App],
    params: &'a Params,
    mode: Mode,
}

impl Packing<'_> {
    /// Applications with what each takes in this mode, largest dominant share first (ties in
    /// workload order, so the result is deterministic).
    fn items(&self) -> Vec<Item> {
        let mut items: Vec<Item> = self
            .apps
            .iter()
            .enumerate()
            .map(|(app, a)| {
                let unit = Unit::of(a, self.mode);
                Item {
                    app,
                    ram_kib: a.ram_mib * 1024 + unit.overhead_kib(self.params),
                    cpu_millis: unit.cpu_reserved_millis(a.cpu_millis),
                }
            })
            .collect();
        let (ram_cap, cpu_cap) = (self.ram_cap_kib(), self.params.server_cpu_millis);
        // Compare ram/ram_cap with cpu/cpu_cap without division: scale both by both caps.
        let dominant = |i: &Item| (i.ram_kib * cpu_cap).max(i.cpu_millis * ram_cap);
        items.sort_by(|x, y| dominant(y).cmp(&dominant(x)).then(x.app.cmp(&y.app)));
        items
    }

    fn ram_cap_kib(&self) -> u64 {
        self.params.server_ram_mib * 1024
    }

    fn empty_bin(&self) -> Bin {
        Bin { ram_kib: self.params.host_os_mib * 1024, ..Bin::default() }
    }

    fn fits(&self, bin: &Bin, item: &Item) -> bool {
        bin.ram_kib + item.ram_kib <= self.ram_cap_kib()
            && bin.cpu_millis + item.cpu_millis <= self.params.server_cpu_millis
            && !(self.mode.shares_userland() && self.conflicts(bin, item.app))
    }

    fn conflicts(&self, bin: &Bin, app: usize) -> bool {
        let Some(a) = self.apps.get(app) else { return false };
        bin.apps
            .iter()
            .filter_map(|b| self.apps.get(*b))
            .any(|b| a.needs.iter().any(|n| b.needs.iter().any(|m| n.conflicts_with(*m))))
    }

    fn place(bin: &mut Bin, item: &Item) {
        bin.ram_kib += item.ram_kib;
        bin.cpu_millis += item.cpu_millis;
        bin.apps.push(item.app);
    }

    fn placement(&self, bins: &[Bin]) -> Placement {
        let mut server_of = vec![0; self.apps.len()];
        for (s, bin) in bins.iter().enumerate() {
            for a in &bin.apps {
                if let Some(slot) = server_of.get_mut(*a) {
                    *slot = s;
                }
            }
        }
        Placement { server_of }
    }
}

/// Packs `apps` with first-fit decreasing: largest first (by its larger share of a server's
/// memory or CPU), each onto the first server with room and, on bare metal, no conflicting
/// dependency. An application too large for any server still gets a server of its own, which
/// [`super::evaluate`] reports as over capacity.
pub fn first_fit_decreasing(apps: &[App], params: &Params, mode: Mode) -> Placement {
    let p = Packing { apps, params, mode };
    let mut bins: Vec<Bin> = Vec::new();
    for item in p.items() {
        match bins.iter_mut().find(|b| p.fits(b, &item)) {
            Some(bin) => Packing::place(bin, &item),
            None => {
                let mut bin = p.empty_bin();
                Packing::place(&mut bin, &item);
                bins.push(bin);
            }
        }
    }
    p.placement(&bins)
}

/// The fewest servers that hold `apps` with room to spare and no conflicts, found by a
/// branch-and-bound search seeded with first-fit decreasing. `None` when some application does
/// not fit on an empty server at all.
pub fn fewest_servers(apps: &[App], params: &Params, mode: Mode) -> Option<Optimum> {
    let p = Packing { apps, params, mode };
    let items = p.items();
    if items.iter().any(|i| !p.fits(&p.empty_bin(), i)) {
        return None;
    }
    let seed = first_fit_decreasing(apps, params, mode);
    let seed_servers = seed.server_of.iter().max().map_or(0, |m| m + 1);
    let mut search = Search { p: &p, items: &items, best: None, best_len: seed_servers, nodes: 0 };
    search.run(0, &mut Vec::new());
    let proven = search.nodes <= SEARCH_NODE_LIMIT;
    Some(match search.best {
        Some(bins) => Optimum { placement: p.placement(&bins), servers: bins.len(), proven },
        None => Optimum { placement: seed, servers: seed_servers, proven },
    })
}

struct Search<'a> {
    p: &'a Packing<'a>,
    items: &'a [Item],
    best: Option<Vec<Bin>>,
    best_len: usize,
    nodes: u64,
}

impl Search<'_> {
    fn run(&mut self, next: usize, bins: &mut Vec<Bin>) {
        self.nodes += 1;
        if self.nodes > SEARCH_NODE_LIMIT || bins.len() >= self.best_len {
            return;
        }
        let Some(item) = self.items.get(next) else {
            self.best_len = bins.len();
            self.best = Some(bins.clone());
            return;
        };
        for b in 0..bins.len() {
            if self.p.fits(&bins[b], item) {
                let saved = bins[b].clone();
                Packing::place(&mut bins[b], item);
                self.run(next + 1, bins);
                bins[b] = saved;
            }
        }
        // A new server: every empty server is alike, so one branch covers them all.
        if bins.len() + 1 < self.best_len {
            let mut bin = self.p.empty_bin();
            Packing::place(&mut bin, item);
            bins.push(bin);
            self.run(next + 1, bins);
            bins.pop();
        }
    }
}
