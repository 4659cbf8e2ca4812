//! The size budgets, in one place: what a first visit to a page may transfer (brotli bytes of
//! the page and every file its `<head>` loads; see `visits.rs`). `cargo xtask test` fails above
//! either.

/// Every page without a cluster playground: lessons, overview, glossary, embeds, ...
///
/// History: issue 2 set 250 KB when the app held the reading features and one small widget.
/// The era widgets took the single bundle to 300 KB, and the budget was briefly raised to
/// 320 KB; since each page loads only a bundle with its own widgets (`bundles.rs`) the largest
/// such visit is back under 250 KB, and so is the budget.
pub(crate) const FIRST_VISIT_BROTLI_BYTES: u64 = 250 * 1000;

/// Pages with a cluster playground. Its bundle carries the simulator (scheduler, controllers,
/// kubelets, printers), kubectl and the playground UI: about 600 KB brotli of WASM that no
/// amount of view trimming brings near 250 KB. Before the per-page bundles these pages loaded
/// the main bundle too and transferred over 900 KB without any budget.
pub(crate) const PLAYGROUND_PAGE_BROTLI_BYTES: u64 = 700 * 1000;
