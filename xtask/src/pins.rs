//! Every pinned tool version, in one place. `xtask` installs exactly these, from the registries
//! only (crates.io, npm, Debian), and checks that `Cargo.lock` and `package.json` agree.

/// `wasm-bindgen-cli`, installed with `cargo install` into `.tools/`. Must equal the
/// `wasm-bindgen` crate in `Cargo.lock` (the app pins it with `=`).
/// Note: `--locked` fails for this version here (its lock file names a crate version the
/// registry lacks), so it is installed without it.
pub(crate) const WASM_BINDGEN: &str = "0.2.130";

/// npm packages (exact versions in `package.json`, resolved in `package-lock.json`):
/// `binaryen` provides `wasm-opt` 132 (Debian's wasm-opt 108 silently breaks the site),
/// `@playwright/test` drives Debian's Chromium, `axe-core` checks accessibility.
pub(crate) const NPM: &[(&str, &str)] =
    &[("@playwright/test", "1.65.1"), ("axe-core", "4.14.1"), ("binaryen", "132.0.0")];

/// Debian packages for the browser tests: the headless browser and its driver.
pub(crate) const APT: &[&str] = &["chromium", "chromium-driver"];

/// Where Debian installs Chromium; Playwright is pointed at it (it must never download one).
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";

/// The Rust target the app compiles to.
pub(crate) const WASM_TARGET: &str = "wasm32-unknown-unknown";
