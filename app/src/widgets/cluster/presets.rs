//! The starting scenarios a lesson can name (`preset: node-failure`) and the manifests the
//! YAML editor offers as examples.
//!
//! Each preset is a `kubesim` scenario file under `presets/`, embedded at build time and read
//! by `sim-core`'s scenario parser, so the same file runs in the browser and under
//! `kubesim run`. A preset also says what the editor starts with and whether the clock starts
//! running.

use sim_core::cluster::scenario::{Scenario, ScenarioError, parse_scenario};

/// One starting scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The name a widget directive uses.
    pub name: &'static str,
    /// A short title for the preset picker.
    pub title: &'static str,
    /// The scenario file.
    pub scenario: &'static str,
    /// What the YAML editor (and `kubectl apply -f editor`) starts with.
    pub editor: &'static str,
    /// Whether the clock starts paused (the reader steps through it).
    pub start_paused: bool,
}

impl Preset {
    /// Parses the scenario file.
    pub fn parse(&self) -> Result<Scenario, Vec<ScenarioError>> {
        parse_scenario(self.scenario)
    }
}

/// An example manifest for the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// Shown in the example picker.
    pub label: &'static str,
    /// The manifest.
    pub text: &'static str,
}

const WEB: &str = include_str!("examples/web.yaml");
const REPORT: &str = include_str!("examples/report.yaml");
const GPU_JOB: &str = include_str!("examples/gpu-job.yaml");
const ROLLOUT: &str = include_str!("examples/rollout.yaml");

/// Every preset; the first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "three-nodes",
        title: "Three empty nodes",
        scenario: include_str!("presets/three-nodes.yaml"),
        editor: WEB,
        start_paused: false,
    },
    Preset {
        name: "deployment",
        title: "A Deployment behind a Service",
        scenario: include_str!("presets/deployment.yaml"),
        editor: WEB,
        start_paused: false,
    },
    Preset {
        name: "apply-journey",
        title: "Follow one kubectl apply",
        scenario: include_str!("presets/apply-journey.yaml"),
        editor: WEB,
        start_paused: true,
    },
    Preset {
        name: "node-failure",
        title: "One replica, three nodes",
        scenario: include_str!("presets/node-failure.yaml"),
        editor: WEB,
        start_paused: false,
    },
    Preset {
        name: "node-pools",
        title: "CPU and GPU node pools",
        scenario: include_str!("presets/node-pools.yaml"),
        editor: GPU_JOB,
        start_paused: false,
    },
    Preset {
        name: "pending-pod",
        title: "A pod that fits nowhere",
        scenario: include_str!("presets/pending-pod.yaml"),
        editor: REPORT,
        start_paused: false,
    },
    Preset {
        name: "raspberry-pi",
        title: "Raspberry Pi nodes (arm64)",
        scenario: include_str!("presets/raspberry-pi.yaml"),
        editor: WEB,
        start_paused: false,
    },
    Preset {
        name: "rolling-update",
        title: "Ten replicas to roll out",
        scenario: include_str!("presets/rolling-update.yaml"),
        editor: ROLLOUT,
        start_paused: false,
    },
    Preset {
        name: "services",
        title: "A Service with live traffic",
        scenario: include_str!("presets/services.yaml"),
        editor: WEB,
        start_paused: false,
    },
    Preset {
        name: "playground",
        title: "Mixed pools: CPU, GPU, Raspberry Pi",
        scenario: include_str!("presets/playground.yaml"),
        editor: WEB,
        start_paused: false,
    },
    Preset {
        name: "large",
        title: "200 nodes, 5,000 pods",
        scenario: include_str!("presets/large.yaml"),
        editor: WEB,
        start_paused: false,
    },
];

/// The editor's examples.
pub const EXAMPLES: &[Example] = &[
    Example { label: "Deployment", text: WEB },
    Example { label: "Service", text: include_str!("examples/service.yaml") },
    Example { label: "Pod", text: include_str!("examples/pod.yaml") },
    Example { label: "Node", text: include_str!("examples/node.yaml") },
    Example { label: "GPU training pod", text: GPU_JOB },
    Example { label: "Deployment with a rollout strategy", text: ROLLOUT },
    Example { label: "A pod that asks for 5 CPUs", text: REPORT },
];

/// The preset called `name`, or the default one.
pub fn find(name: &str) -> &'static Preset {
    PRESETS.iter().find(|p| p.name == name).unwrap_or(&PRESETS[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::manifest::parse_manifests;

    #[test]
    fn every_preset_parses() {
        for p in PRESETS {
            let s = p.parse().unwrap_or_else(|e| panic!("{}: {e:?}", p.name));
            assert_eq!(s.name, p.name, "metadata.name of {}", p.name);
        }
    }

    #[test]
    fn every_example_and_editor_text_parses() {
        for text in EXAMPLES.iter().map(|e| e.text).chain(PRESETS.iter().map(|p| p.editor)) {
            let parsed = parse_manifests(text);
            let errors: Vec<_> = parsed.errors().collect();
            assert!(errors.is_empty(), "{errors:?}\n{text}");
        }
    }

    #[test]
    fn the_catalogue_names_exactly_these_presets() {
        let spec = widget_spec::lookup("cluster").expect("cluster is catalogued");
        let preset = spec.param("preset").expect("preset param");
        let widget_spec::ParamKind::OneOf(names) = preset.kind else { panic!("OneOf") };
        let mut ours: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        ours.sort_unstable();
        let mut theirs = names.to_vec();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn unknown_names_fall_back_to_the_default() {
        assert_eq!(find("nope").name, "three-nodes");
        assert_eq!(find("services").name, "services");
    }
}
