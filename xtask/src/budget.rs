//! The size budget, in one place: what a first visit to a lesson may transfer.

/// Brotli-compressed bytes a first visit to a lesson page may transfer (HTML, CSS, JS, WASM,
/// favicon). `cargo xtask test` fails above it.
///
/// History: issue 2 started it at 250 KB, when the app held the reading features and one small
/// widget (111 KB). The six era widgets (stack, packing, namespaces, start-up race, serverless
/// cost, era timeline and table) took the main bundle to 300 KB on 2026-11-22, so the budget
/// was raised to 320 KB rather than ship without them; bringing it back under 250 KB (lazy
/// per-widget bundles sharing one runtime, leaner view code) is open work. The playground's
/// own bundle is not part of a first visit: `boot.js` loads it only on pages with a playground.
pub(crate) const FIRST_VISIT_BROTLI_BYTES: u64 = 320 * 1000;
