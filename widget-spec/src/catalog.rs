//! The widget table.

/// What values a parameter accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Free text up to a length, printed as text (never as HTML).
    Text {
        /// Longest accepted value, in bytes.
        max_len: usize,
    },
    /// An integer in a closed range.
    Int {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// `true` or `false`.
    Bool,
    /// Exactly one of the listed words.
    OneOf(&'static [&'static str]),
    /// A comma-separated subset of the listed words (at least one).
    SetOf(&'static [&'static str]),
}

/// One parameter of a widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSpec {
    /// The key as written in the directive and in the `data-` attribute.
    pub name: &'static str,
    /// Accepted values.
    pub kind: ParamKind,
    /// Whether the directive must give it.
    pub required: bool,
    /// One line for the authoring guide.
    pub doc: &'static str,
    /// Whether the key may appear more than once (the quiz's `question`, `choice`, ...).
    pub repeatable: bool,
}

/// One widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidgetSpec {
    /// The name after ```` ```widget ````.
    pub name: &'static str,
    /// What the reader can do with it.
    pub summary: &'static str,
    /// Parameters besides `caption`, which every widget takes and requires.
    pub params: &'static [ParamSpec],
    /// Whether the app mounts it yet. Until then the page shows a clearly marked static
    /// placeholder with the widget's caption.
    pub available: bool,
}

const CAPTION: ParamSpec = ParamSpec {
    name: "caption",
    kind: ParamKind::Text { max_len: 200 },
    required: true,
    doc: "A one-sentence caption shown under the widget (and in its placeholder).",
    repeatable: false,
};

/// Every widget a lesson may embed, in alphabetical order.
///
/// Widgets with `available: false` are planned: a lesson may already name them, and the page
/// shows a clearly marked static placeholder with the directive's caption until the app
/// implements them.
pub const CATALOG: &[WidgetSpec] = &[
    WidgetSpec {
        name: "cluster",
        summary: "A live Kubernetes cluster: schedule pods, crash nodes and watch the control plane heal it.",
        params: &[
            ParamSpec {
                name: "preset",
                kind: ParamKind::OneOf(&[
                    "apply-journey",
                    "deployment",
                    "large",
                    "node-failure",
                    "node-pools",
                    "pending-pod",
                    "playground",
                    "raspberry-pi",
                    "rolling-update",
                    "services",
                    "three-nodes",
                ]),
                required: false,
                doc: "The starting scenario (nodes, pools, workloads, a scripted event).",
                repeatable: false,
            },
            ParamSpec {
                name: "panels",
                kind: ParamKind::SetOf(&[
                    "console",
                    "control-plane",
                    "editor",
                    "events",
                    "explain",
                    "table",
                    "timeline",
                    "view",
                ]),
                required: false,
                doc: "Which panels to show (default: view, timeline, events, explain).",
                repeatable: false,
            },
            ParamSpec {
                name: "challenge",
                kind: ParamKind::OneOf(&[
                    "drain-keep-serving",
                    "fix-arch",
                    "rollback-bad-image",
                    "rollout-one-unavailable",
                    "schedule-pending",
                    "survive-crash",
                    "use-gpu-pool",
                ]),
                required: false,
                doc: "A goal the simulation verifies (the lesson's Try it task).",
                repeatable: false,
            },
            ParamSpec {
                name: "picker",
                kind: ParamKind::Bool,
                required: false,
                doc: "Show a scenario picker and lay the panels out for a full page (the playground page).",
                repeatable: false,
            },
        ],
        available: true,
    },
    WidgetSpec {
        name: "era-table",
        summary: "The eras side by side: isolation, density, start-up time, overhead, unit of deployment, who operates what.",
        params: &[],
        available: true,
    },
    WidgetSpec {
        name: "era-timeline",
        summary: "A clickable timeline from bare metal to WebAssembly, with the numbers behind each step.",
        params: &[],
        available: true,
    },
    WidgetSpec {
        name: "namespaces",
        summary: "What each container in a pod sees: processes, hostname, network, filesystem and IPC.",
        params: &[
            ParamSpec {
                name: "preset",
                kind: ParamKind::OneOf(&["sidecar", "distroless-debug"]),
                required: false,
                doc: "The pod to explore.",
                repeatable: false,
            },
            ParamSpec {
                name: "task",
                kind: ParamKind::OneOf(&["share-processes", "debug-distroless"]),
                required: false,
                doc: "The Try it goal the widget verifies.",
                repeatable: false,
            },
        ],
        available: true,
    },
    WidgetSpec {
        name: "packing",
        summary: "Place applications on servers as bare metal, VMs, containers or WASM and count the cost.",
        params: &[
            ParamSpec {
                name: "modes",
                kind: ParamKind::SetOf(&["bare-metal", "vm", "container", "wasm"]),
                required: false,
                doc: "Which ways of packing to offer (default: all).",
                repeatable: false,
            },
            ParamSpec {
                name: "task",
                kind: ParamKind::OneOf(&["fewest-servers", "isolate-noisy"]),
                required: false,
                doc: "The Try it goal the widget verifies.",
                repeatable: false,
            },
        ],
        available: true,
    },
    WidgetSpec {
        name: "quantity",
        summary: "Type a Kubernetes resource quantity and see how the API server reads it.",
        params: &[ParamSpec {
            name: "value",
            kind: ParamKind::Text { max_len: 40 },
            required: false,
            doc: "The quantity shown first, e.g. 1.5Gi.",
            repeatable: false,
        }],
        available: true,
    },
    WidgetSpec {
        name: "quiz",
        summary: "A few multiple-choice questions with explanations; all correct completes the lesson's task.",
        params: &[
            ParamSpec {
                name: "question",
                kind: ParamKind::Text { max_len: 300 },
                required: true,
                doc: "Starts a question; the `choice`, `answer` and `explain` lines after it belong to it.",
                repeatable: true,
            },
            ParamSpec {
                name: "choice",
                kind: ParamKind::Text { max_len: 200 },
                required: false,
                doc: "A wrong option.",
                repeatable: true,
            },
            ParamSpec {
                name: "answer",
                kind: ParamKind::Text { max_len: 200 },
                required: true,
                doc: "The right option (exactly one per question), shown in the order written.",
                repeatable: true,
            },
            ParamSpec {
                name: "explain",
                kind: ParamKind::Text { max_len: 600 },
                required: false,
                doc: "Why the answer is right, shown after the reader answers.",
                repeatable: true,
            },
        ],
        available: true,
    },
    WidgetSpec {
        name: "serverless-cost",
        summary: "Traffic in, instances and cold starts out: per-request pricing against always-on servers.",
        params: &[
            ParamSpec {
                name: "pattern",
                kind: ParamKind::OneOf(&["steady", "bursty", "daily", "idle", "spike"]),
                required: false,
                doc: "The traffic pattern shown first.",
                repeatable: false,
            },
            ParamSpec {
                name: "task",
                kind: ParamKind::OneOf(&["find-break-even"]),
                required: false,
                doc: "The Try it goal the widget verifies.",
                repeatable: false,
            },
        ],
        available: true,
    },
    WidgetSpec {
        name: "stack",
        summary: "Layer diagrams of each era; follow one file read or packet down through the layers.",
        params: &[
            ParamSpec {
                name: "stacks",
                kind: ParamKind::SetOf(&[
                    "bare-metal",
                    "multi-user",
                    "type-1",
                    "type-2",
                    "containers",
                    "pod",
                    "serverless",
                    "wasm",
                ]),
                required: false,
                doc: "Which stacks to show side by side (default: all).",
                repeatable: false,
            },
            ParamSpec {
                name: "io",
                kind: ParamKind::OneOf(&["file-read", "packet"]),
                required: false,
                doc: "What travels through the layers first (default: file-read, or packet for the trace-packet task).",
                repeatable: false,
            },
            ParamSpec {
                name: "task",
                kind: ParamKind::OneOf(&["trace-file-read", "trace-packet"]),
                required: false,
                doc: "The Try it goal the widget verifies.",
                repeatable: false,
            },
        ],
        available: true,
    },
    WidgetSpec {
        name: "startup-race",
        summary: "Bare metal, VMs, containers, pods, functions, isolates and WASM start side by side, phase by phase.",
        params: &[
            ParamSpec {
                name: "lanes",
                kind: ParamKind::SetOf(&[
                    "bare-metal",
                    "cloud-vm",
                    "microvm",
                    "container-cached",
                    "container-pull",
                    "pod",
                    "function-cold",
                    "function-warm",
                    "v8-isolate",
                    "wasm",
                ]),
                required: false,
                doc: "Which lanes to race (default: all).",
                repeatable: false,
            },
            ParamSpec {
                name: "live",
                kind: ParamKind::Bool,
                required: false,
                doc: "Whether to include the live lane measured in the reader's browser (default true).",
                repeatable: false,
            },
            ParamSpec {
                name: "task",
                kind: ParamKind::OneOf(&["run-twice", "arch-mismatch"]),
                required: false,
                doc: "The Try it goal the widget verifies.",
                repeatable: false,
            },
        ],
        available: true,
    },
];

/// The widget called `name`.
pub fn lookup(name: &str) -> Option<&'static WidgetSpec> {
    CATALOG.iter().find(|w| w.name == name)
}

impl WidgetSpec {
    /// The spec of parameter `key`, including the shared `caption`.
    pub fn param(&self, key: &str) -> Option<&'static ParamSpec> {
        if key == CAPTION.name {
            return Some(&CAPTION);
        }
        self.params.iter().find(|p| p.name == key)
    }

    /// Whether the widget can stand alone on an `embed/<name>/` page. A quiz cannot: its
    /// questions live in the lesson that declares it.
    pub fn embeddable(&self) -> bool {
        self.name != "quiz"
    }

    /// Every parameter including `caption`.
    pub fn all_params(&self) -> impl Iterator<Item = &'static ParamSpec> {
        std::iter::once(&CAPTION).chain(self.params.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_is_sorted_and_unique() {
        let names: Vec<_> = CATALOG.iter().map(|w| w.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn names_are_attribute_safe() {
        for w in CATALOG {
            for p in w.all_params() {
                assert!(p.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", p.name);
            }
            assert!(w.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", w.name);
        }
    }
}
