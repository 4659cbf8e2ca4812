//! One module per widget; [`view_for`] maps a widget name from the catalogue to its component.

// A widget's module is compiled only into bundles with its feature (see `app/Cargo.toml`).
#[cfg(feature = "cluster")]
pub mod cluster;
#[cfg(any(feature = "era-table", feature = "era-timeline"))]
pub mod eras;
#[cfg(feature = "namespaces")]
pub mod namespaces;
#[cfg(feature = "packing")]
pub mod packing;
#[cfg(feature = "quantity")]
pub mod quantity;
#[cfg(feature = "quiz")]
pub mod quiz;
#[cfg(feature = "quiz")]
pub mod quiz_model;
#[cfg(feature = "serverless-cost")]
pub mod serverless_cost;
pub mod sources;
#[cfg(feature = "stack")]
pub mod stack;
#[cfg(feature = "startup-race")]
pub mod startup_race;

use crate::mount::Params;
use leptos::prelude::*;
use web_sys::Element;

/// The component for widget `name` in `figure`, or `None` if this build has none. Runs before
/// the placeholder's fallback is cleared, so a widget may read the static markup it replaces.
pub(crate) fn view_for(name: &str, figure: &Element, params: &Params) -> Option<AnyView> {
    // Each arm exists only in bundles built with that widget's feature (see `app/Cargo.toml`);
    // a page loads a bundle that holds all of its widgets.
    let _ = (figure, params); // unused in a bundle built without widgets
    match name {
        #[cfg(feature = "cluster")]
        "cluster" => Some(cluster::widget(|k| params.get(k), figure.id())),
        #[cfg(feature = "quantity")]
        "quantity" => Some(
            quantity::QuantityWidget(quantity::QuantityWidgetProps {
                initial: params.get("value").unwrap_or_else(|| "1.5Gi".into()),
            })
            .into_any(),
        ),
        #[cfg(feature = "quiz")]
        "quiz" => {
            let questions = quiz::read_questions(figure);
            if questions.is_empty() {
                return None;
            }
            Some(
                quiz::Quiz(quiz::QuizProps {
                    questions,
                    task: params.get("task").unwrap_or_default(),
                    id: figure.id(),
                })
                .into_any(),
            )
        }
        #[cfg(feature = "startup-race")]
        "startup-race" => Some(
            startup_race::StartupRace(startup_race::StartupRaceProps {
                lanes: startup_race::parse_lanes(params.get("lanes").as_deref()),
                live: params.get("live").is_none_or(|v| v != "false"),
                task: params.get("task").unwrap_or_default(),
                id: figure.id(),
            })
            .into_any(),
        ),
        #[cfg(feature = "serverless-cost")]
        "serverless-cost" => Some(
            serverless_cost::ServerlessCost(serverless_cost::ServerlessCostProps {
                pattern: params.get("pattern").unwrap_or_default(),
                task: params.get("task").unwrap_or_default(),
                id: figure.id(),
            })
            .into_any(),
        ),
        #[cfg(feature = "era-timeline")]
        "era-timeline" => Some(
            eras::timeline::EraTimeline(eras::timeline::EraTimelineProps { id: figure.id() })
                .into_any(),
        ),
        #[cfg(feature = "era-table")]
        "era-table" => {
            Some(eras::table::EraTable(eras::table::EraTableProps { id: figure.id() }).into_any())
        }
        #[cfg(feature = "packing")]
        "packing" => Some(
            packing::Packing(packing::PackingProps {
                modes: packing::logic::parse_modes(params.get("modes").as_deref()),
                task: params.get("task").unwrap_or_default(),
                id: figure.id(),
            })
            .into_any(),
        ),
        #[cfg(feature = "namespaces")]
        "namespaces" => Some(
            namespaces::NamespaceExplorer(namespaces::NamespaceExplorerProps {
                preset: namespaces::logic::parse_preset(params.get("preset").as_deref()),
                task: params.get("task").unwrap_or_default(),
                id: figure.id(),
            })
            .into_any(),
        ),
        #[cfg(feature = "stack")]
        "stack" => {
            let task = params.get("task").unwrap_or_default();
            Some(
                stack::StackExplorer(stack::StackExplorerProps {
                    stacks: stack::logic::parse_stacks(params.get("stacks").as_deref()),
                    io: stack::logic::initial_io(params.get("io").as_deref(), &task),
                    task,
                    id: figure.id(),
                })
                .into_any(),
            )
        }
        _ => None,
    }
}
