//! The cluster view's DOM, kept by hand: one element per pool, node and pod, keyed by name
//! and uid, touched only where the frame changed. A node whose chips are as they were (same
//! [`NodeCard::chips_version`]) is skipped without looking at its chips, and a chip is looked
//! at again only when its pod's `resourceVersion` moved, so a frame costs what changed, not
//! what exists. A chip that changes state gets a new class (CSS animates it); a chip that
//! moves is re-parented, not re-created. New elements are created in bounded slices, so a
//! 5,000-pod cluster appears over a few frames instead of blocking the page.
//!
//! Leptos owns the container (and its click and key handlers); this module owns what is in
//! it. All text goes in with `set_text_content` or attributes, never as HTML.

use super::{
    super::{
        fasthash::FastMap,
        text,
        vm::{Builder, Frame, NodeCard, Usage},
    },
    looper::now_ms,
    state::Selection,
};
use sim_core::{cluster::KubeletHealth, model::Uid};
use std::collections::HashSet;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Above this many nodes or pods the view switches to compact cards.
const COMPACT_NODES: usize = 40;
const COMPACT_PODS: usize = 1_200;
/// Chips handled between two deadline checks.
const CHECK_EVERY: usize = 64;

struct PoolEl {
    name: String,
    el: Element,
    title: Element,
    grid: Element,
    text: String,
    generation: u32,
}

struct NodeEl {
    el: Element,
    button: Element,
    badges: Element,
    bars: Element,
    chips: Element,
    last: Option<NodeCard>,
    generation: u32,
    /// The `chips_version` whose chips are all in place.
    chips_version: Option<u64>,
}

struct ChipEl {
    el: Element,
    class: String,
    label: String,
    parent: String,
    /// The pod's `resourceVersion` the element shows.
    version: u64,
}

struct Lane {
    el: Element,
    title: Element,
    chips: Element,
    text: String,
    chips_version: Option<u64>,
}

/// The view's DOM.
pub(crate) struct Renderer {
    root: Element,
    doc: Option<Document>,
    lane: Option<Lane>,
    pools: Vec<PoolEl>,
    nodes: FastMap<String, NodeEl>,
    chips: FastMap<Uid, ChipEl>,
    generation: u32,
    selected: Option<Selection>,
    compact: bool,
}

impl Renderer {
    pub(crate) fn new(root: Element) -> Self {
        Renderer {
            doc: root.owner_document(),
            root,
            lane: None,
            pools: Vec::new(),
            nodes: FastMap::default(),
            chips: FastMap::default(),
            generation: 0,
            selected: None,
            compact: false,
        }
    }

    /// Removes everything (a reset or a rewind).
    pub(crate) fn clear(&mut self) {
        self.root.set_text_content(None);
        self.lane = None;
        self.pools.clear();
        self.nodes.clear();
        self.chips.clear();
        self.selected = None;
    }

    fn make(&self, tag: &str, class: &str) -> Option<Element> {
        let el = self.doc.as_ref()?.create_element(tag).ok()?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        Some(el)
    }

    /// Brings the DOM to `frame`; returns `false` if the deadline stopped it early (call again
    /// next frame).
    pub(crate) fn render(
        &mut self,
        frame: &Frame,
        b: &Builder,
        selected: Option<&Selection>,
        deadline: f64,
    ) -> bool {
        self.generation = self.generation.wrapping_add(1);
        let compact = frame.node_count() > COMPACT_NODES || frame.pod_count > COMPACT_PODS;
        if compact != self.compact {
            self.compact = compact;
            let _ = self.root.class_list().toggle_with_force("compact", compact);
        }
        let mut budget = Slices { deadline, count: 0 };
        let done =
            self.render_lane(frame, b, &mut budget) && self.render_pools(frame, b, &mut budget);
        if done {
            self.sweep(frame);
        }
        self.select(selected);
        done
    }

    fn render_lane(&mut self, frame: &Frame, b: &Builder, budget: &mut Slices) -> bool {
        if self.lane.is_none() {
            let (Some(el), Some(title), Some(chips)) = (
                self.make("div", "pending-lane"),
                self.make("p", "lane-title"),
                self.make("div", "chips"),
            ) else {
                return true;
            };
            let _ = el.set_attribute("role", "group");
            let _ = el.set_attribute("aria-label", "Pods not scheduled to any node");
            let _ = chips.set_attribute("role", "group");
            let _ = chips.set_attribute("aria-label", "Unscheduled pods");
            let _ = el.append_child(&title);
            let _ = el.append_child(&chips);
            let _ = self.root.prepend_with_node_1(&el);
            self.lane = Some(Lane { el, title, chips, text: String::new(), chips_version: None });
        }
        let Some(lane) = &mut self.lane else { return true };
        if lane.chips_version == Some(frame.pending_version) {
            return true;
        }
        let _ = lane.el.class_list().toggle_with_force("empty", frame.pending.is_empty());
        let words = format!("Not scheduled: {}", text::plural(frame.pending.len(), "pod", "pods"));
        if lane.text != words {
            lane.title.set_text_content(Some(&words));
            lane.text = words;
        }
        let chips = lane.chips.clone();
        let done = self.place_chips(&frame.pending, "", &chips, b, budget);
        if done && let Some(lane) = &mut self.lane {
            lane.chips_version = Some(frame.pending_version);
        }
        done
    }

    fn render_pools(&mut self, frame: &Frame, b: &Builder, budget: &mut Slices) -> bool {
        for pool in &frame.pools {
            let i = match self.pools.iter().position(|p| p.name == pool.name) {
                Some(i) => i,
                None => {
                    let Some(p) = self.new_pool(&pool.name) else { return true };
                    self.pools.push(p);
                    self.pools.len() - 1
                }
            };
            let words = format!(
                "{} pool “{}” · {}",
                pool.kind,
                if pool.name.is_empty() { "none" } else { &pool.name },
                text::plural(pool.nodes.len(), "node", "nodes")
            );
            let generation = self.generation;
            let p = &mut self.pools[i];
            p.generation = generation;
            if p.text != words {
                p.title.set_text_content(Some(&words));
                let _ = p.el.set_attribute("aria-label", &words);
                p.text = words;
            }
            let grid = p.grid.clone();
            for card in &pool.nodes {
                if !self.nodes.contains_key(&card.name) {
                    let Some(n) = self.new_node(&card.name) else { return true };
                    let _ = grid.append_child(&n.el);
                    self.nodes.insert(card.name.clone(), n);
                }
                let Some(n) = self.nodes.get_mut(&card.name) else { continue };
                n.generation = generation;
                update_node(n, card, self.doc.as_ref());
                if n.chips_version == Some(card.chips_version) {
                    continue;
                }
                let chips = n.chips.clone();
                if !self.place_chips(&card.chips, &card.name, &chips, b, budget) {
                    return false;
                }
                if let Some(n) = self.nodes.get_mut(&card.name) {
                    n.chips_version = Some(card.chips_version);
                }
            }
        }
        true
    }

    fn new_pool(&self, name: &str) -> Option<PoolEl> {
        let el = self.make("div", "pool")?;
        let _ = el.set_attribute("role", "group");
        let title = self.make("p", "pool-title")?;
        let grid = self.make("div", "nodes")?;
        let _ = el.append_child(&title);
        let _ = el.append_child(&grid);
        let _ = self.root.append_child(&el);
        Some(PoolEl {
            name: name.to_owned(),
            el,
            title,
            grid,
            text: String::new(),
            generation: self.generation,
        })
    }

    fn new_node(&self, name: &str) -> Option<NodeEl> {
        let el = self.make("article", "node")?;
        let head = self.make("div", "node-head")?;
        let button = self.make("button", "node-name")?;
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("data-node", name);
        let _ = button.set_attribute("aria-pressed", "false");
        button.set_text_content(Some(name));
        let badges = self.make("span", "badges")?;
        let _ = badges.set_attribute("aria-hidden", "true");
        let bars = self.make("div", "bars")?;
        let _ = bars.set_attribute("aria-hidden", "true");
        let chips = self.make("div", "chips")?;
        let _ = chips.set_attribute("role", "group");
        let _ = chips.set_attribute("aria-label", &format!("Pods on {name}"));
        let _ = head.append_child(&button);
        let _ = head.append_child(&badges);
        let _ = el.append_child(&head);
        let _ = el.append_child(&bars);
        let _ = el.append_child(&chips);
        let _ = el.set_attribute("data-node", name);
        Some(NodeEl {
            el,
            button,
            badges,
            bars,
            chips,
            last: None,
            generation: self.generation,
            chips_version: None,
        })
    }

    /// Puts the chips of `uids` into `container`; `false` if the deadline hit.
    fn place_chips(
        &mut self,
        uids: &[Uid],
        parent: &str,
        container: &Element,
        b: &Builder,
        budget: &mut Slices,
    ) -> bool {
        for uid in uids {
            if budget.spent() {
                return false;
            }
            let Some((chip, version)) = b.chip_version(*uid) else { continue };
            match self.chips.get_mut(uid) {
                Some(c) => {
                    if c.parent != parent {
                        let _ = container.append_child(&c.el);
                        let _ = c.el.set_attribute("tabindex", tab_index(parent));
                        c.parent = parent.to_owned();
                    }
                    if c.version == version {
                        continue;
                    }
                    c.version = version;
                    let class = chip.class();
                    if c.class != class {
                        // Keep the selection mark across state changes.
                        let selected = c.el.class_list().contains("selected");
                        c.el.set_class_name(&class);
                        if selected {
                            let _ = c.el.class_list().add_1("selected");
                        }
                        c.class = class;
                    }
                    let label = chip.label();
                    if c.label != label {
                        let _ = c.el.set_attribute("aria-label", &label);
                        let _ = c.el.set_attribute("title", &label);
                        c.label = label;
                    }
                }
                None => {
                    let class = chip.class();
                    let Some(el) = self.make("button", &class) else { return true };
                    let label = chip.label();
                    let _ = el.set_attribute("type", "button");
                    let _ = el.set_attribute("tabindex", tab_index(parent));
                    let _ = el.set_attribute("data-uid", &uid.0.to_string());
                    let _ = el.set_attribute("aria-label", &label);
                    let _ = el.set_attribute("title", &label);
                    let _ = el.set_attribute("aria-pressed", "false");
                    let _ = container.append_child(&el);
                    budget.created();
                    self.chips.insert(
                        *uid,
                        ChipEl { el, class, label, parent: parent.to_owned(), version },
                    );
                }
            }
        }
        true
    }

    /// Removes what the frame no longer has. Chips are not visited on every frame, so they
    /// are counted instead: after a complete render every chip of the frame has its element,
    /// and any extra element belongs to a pod that is gone.
    fn sweep(&mut self, frame: &Frame) {
        let generation = self.generation;
        let mut gone: Vec<String> = Vec::new();
        self.nodes.retain(|name, n| {
            let keep = n.generation == generation;
            if !keep {
                n.el.remove();
                gone.push(name.clone());
            }
            keep
        });
        let shown = frame.pending.len() + frame.nodes().map(|n| n.chips.len()).sum::<usize>();
        if self.chips.len() > shown || !gone.is_empty() {
            let live: HashSet<Uid> =
                frame.nodes().flat_map(|n| &n.chips).chain(&frame.pending).copied().collect();
            self.chips.retain(|uid, c| {
                let keep = live.contains(uid);
                if !keep {
                    c.el.remove();
                }
                keep
            });
        }
        self.pools.retain(|p| {
            let keep = p.generation == generation;
            if !keep {
                p.el.remove();
            }
            keep
        });
    }

    fn element_of(&self, s: &Selection) -> Option<&Element> {
        match s {
            Selection::Pod(uid) => self.chips.get(uid).map(|c| &c.el),
            Selection::Node(name) => self.nodes.get(name).map(|n| &n.button),
        }
    }

    fn select(&mut self, selected: Option<&Selection>) {
        if self.selected.as_ref() == selected {
            // Newly created elements for the selection still need marking.
            if let Some(el) = selected.and_then(|s| self.element_of(s))
                && !el.class_list().contains("selected")
            {
                mark(el, true);
            }
            return;
        }
        if let Some(el) = self.selected.as_ref().and_then(|s| self.element_of(s)) {
            mark(el, false);
        }
        if let Some(el) = selected.and_then(|s| self.element_of(s)) {
            mark(el, true);
        }
        self.selected = selected.cloned();
    }
}

/// Unscheduled pods have no node button to start from, so each is its own tab stop; pods on
/// a node are reached with the arrow keys from the node's name.
fn tab_index(parent: &str) -> &'static str {
    if parent.is_empty() { "0" } else { "-1" }
}

fn mark(el: &Element, on: bool) {
    let _ = el.class_list().toggle_with_force("selected", on);
    let _ = el.set_attribute("aria-pressed", if on { "true" } else { "false" });
}

struct Slices {
    deadline: f64,
    count: usize,
}

impl Slices {
    fn created(&mut self) {
        self.count += 1;
    }

    /// Checks the clock every few creations only: `performance.now()` is not free.
    fn spent(&mut self) -> bool {
        self.count > 0 && self.count.is_multiple_of(CHECK_EVERY) && {
            self.count += 1;
            now_ms() > self.deadline
        }
    }
}

/// Updates a node card's header, badges and bars where they changed.
fn update_node(n: &mut NodeEl, card: &NodeCard, doc: Option<&Document>) {
    let same = n.last.as_ref().is_some_and(|l| {
        l.ready == card.ready
            && l.health == card.health
            && l.cordoned == card.cordoned
            && l.taints == card.taints
            && l.arch == card.arch
            && l.cpu == card.cpu
            && l.memory == card.memory
            && l.pods == card.pods
            && l.gpus == card.gpus
    });
    if same {
        return;
    }
    let _ = n.button.set_attribute("aria-label", &card.label());
    let cls = n.el.class_list();
    let _ = cls.toggle_with_force("not-ready", card.ready != "Ready");
    let _ = cls.toggle_with_force("cordoned", card.cordoned);
    let _ = cls.toggle_with_force("crashed", card.health == Some(KubeletHealth::Crashed));
    let _ = cls.toggle_with_force("partitioned", card.health == Some(KubeletHealth::Partitioned));
    let Some(doc) = doc else { return };
    n.badges.set_text_content(None);
    let badge = |text: &str, class: &str| {
        if let Ok(b) = doc.create_element("span") {
            b.set_class_name(class);
            b.set_text_content(Some(text));
            let _ = n.badges.append_child(&b);
        }
    };
    badge(&card.arch, "badge arch");
    badge(card.ready, if card.ready == "Ready" { "badge ok" } else { "badge bad" });
    if card.cordoned {
        badge("SchedulingDisabled", "badge warn");
    }
    match card.health {
        Some(KubeletHealth::Crashed) => badge("machine down", "badge bad"),
        Some(KubeletHealth::Partitioned) => badge("partitioned", "badge warn"),
        None => badge("no kubelet", "badge warn"),
        Some(KubeletHealth::Up) => {}
    }
    for t in &card.taints {
        badge(t, "badge taint");
    }
    n.bars.set_text_content(None);
    let bar = |name: &str, u: Usage, value: String| {
        let (Ok(row), Ok(label), Ok(track), Ok(fill), Ok(val)) = (
            doc.create_element("span"),
            doc.create_element("span"),
            doc.create_element("span"),
            doc.create_element("span"),
            doc.create_element("span"),
        ) else {
            return;
        };
        row.set_class_name("bar");
        label.set_class_name("bar-name");
        label.set_text_content(Some(name));
        track.set_class_name("bar-track");
        fill.set_class_name("bar-fill");
        let _ = fill.class_list().toggle_with_force("over", u.requested > u.allocatable);
        if let Some(h) = fill.dyn_ref::<HtmlElement>() {
            let _ = h.style().set_property("--fill", &format!("{:.3}", u.fraction()));
        }
        val.set_class_name("bar-value");
        val.set_text_content(Some(&value));
        let _ = track.append_child(&fill);
        let _ = row.append_child(&label);
        let _ = row.append_child(&track);
        let _ = row.append_child(&val);
        let _ = n.bars.append_child(&row);
    };
    bar(
        "CPU",
        card.cpu,
        format!("{} / {}", text::cpu(card.cpu.requested), text::cpu(card.cpu.allocatable)),
    );
    bar(
        "Memory",
        card.memory,
        format!(
            "{} / {}",
            text::memory(card.memory.requested),
            text::memory(card.memory.allocatable)
        ),
    );
    bar("Pods", card.pods, format!("{} / {}", card.pods.requested, card.pods.allocatable));
    if card.gpus.allocatable > 0 {
        bar("GPU", card.gpus, format!("{} / {}", card.gpus.requested, card.gpus.allocatable));
    }
    let mut last = card.clone();
    last.chips.clear();
    n.last = Some(last);
}

/// Moves focus between a node's name and its chips with the arrow keys (the chips are one
/// tab stop per node). Returns whether the key was handled.
pub(crate) fn arrow_key(target: &Element, key: &str) -> bool {
    let next = |el: &Element| el.next_element_sibling();
    let prev = |el: &Element| el.previous_element_sibling();
    let chip = target.class_list().contains("chip");
    let move_to = match (key, chip) {
        ("ArrowRight" | "ArrowDown", true) => next(target),
        ("ArrowLeft" | "ArrowUp", true) => prev(target).or_else(|| {
            // From the first chip back to the node's name.
            target
                .closest(".node")
                .ok()
                .flatten()
                .and_then(|n| n.query_selector(".node-name").ok().flatten())
        }),
        ("ArrowRight" | "ArrowDown", false) => target
            .closest(".node, .pending-lane")
            .ok()
            .flatten()
            .and_then(|n| n.query_selector(".chip").ok().flatten()),
        ("Home", true) => target.parent_element().and_then(|p| p.first_element_child()),
        ("End", true) => target.parent_element().and_then(|p| p.last_element_child()),
        _ => None,
    };
    match move_to.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        Some(el) => {
            let _ = el.focus();
            true
        }
        None => false,
    }
}
