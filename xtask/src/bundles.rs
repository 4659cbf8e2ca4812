//! The app's bundles, in one place: which widgets each one holds.
//!
//! Every widget's views cost tens of KB of WASM (Leptos monomorphizes each view), so one bundle
//! with every widget made each page pay for all of them. Instead `app` is built once per bundle
//! with the Cargo features of its widgets (`app/Cargo.toml`), and each page loads the first
//! bundle in this list that holds every widget on it (`content::Assets::bundle_for`), and only
//! that one. The groups follow the lessons, so each page's set fits one bundle. Measured on
//! 2026-11-22 (WASM, brotli): reading 87 KB, namespaces 125 KB, eras 186 KB, machines 203 KB,
//! cluster 643 KB; the one bundle with every widget was 278 KB, plus 615 KB for the playground.
//!
//! The build fails if a page's widgets are not all in one bundle (`content::uncovered_pages`).

/// One build of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spec {
    /// Asset name prefix (`assets/<name>-<hash>.wasm`).
    pub(crate) name: &'static str,
    /// The widgets it mounts: catalogue names, which are also `app`'s feature names.
    pub(crate) widgets: &'static [&'static str],
}

/// In order of preference, smallest first: a page takes the first that holds its widgets.
pub(crate) const BUNDLES: &[Spec] = &[
    // Pages without widgets (glossary, handouts, ...): search, progress, notices.
    Spec { name: "reading", widgets: &["quiz"] },
    // The pods lesson.
    Spec { name: "namespaces", widgets: &["namespaces", "quiz"] },
    // The overview (home page) and the serverless lesson.
    Spec {
        name: "eras",
        widgets: &["era-table", "era-timeline", "serverless-cost", "startup-race", "quiz"],
    },
    // Bare metal, shared servers, virtual machines, containers, WebAssembly.
    Spec { name: "machines", widgets: &["stack", "packing", "startup-race", "quantity", "quiz"] },
    // Every lesson with a cluster playground, and the playground page.
    Spec { name: "cluster", widgets: &["cluster", "quantity", "quiz"] },
];

impl Spec {
    /// The arguments that make `cargo build -p app` build this bundle.
    pub(crate) fn cargo_features(&self) -> [String; 3] {
        ["--no-default-features".into(), "--features".into(), self.widgets.join(",")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_widget_is_in_a_bundle_and_every_bundle_widget_exists() {
        for w in widget_spec::CATALOG {
            assert!(BUNDLES.iter().any(|b| b.widgets.contains(&w.name)), "{} in no bundle", w.name);
        }
        for b in BUNDLES {
            for w in b.widgets {
                assert!(widget_spec::lookup(w).is_some(), "{}: unknown widget {w}", b.name);
            }
        }
    }

    #[test]
    fn every_bundle_widget_is_an_app_feature() {
        let manifest = include_str!("../../app/Cargo.toml");
        for b in BUNDLES {
            for w in b.widgets {
                assert!(manifest.contains(&format!("\n{w} = []")), "app has no feature `{w}`");
            }
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = BUNDLES.iter().map(|b| b.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BUNDLES.len());
    }
}
