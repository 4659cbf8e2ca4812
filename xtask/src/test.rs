//! `cargo xtask test`: everything CI proves, in the order that fails fastest.

use crate::{budget, build, cmd, sizes, tools, visits};
use anyhow::{Result, bail};
use std::path::Path;

/// The sub-path the browser tests serve the second build under.
pub(crate) const E2E_SUBPATH: &str = "/metal-to-wasm/course/";

/// Runs formatting and lint checks, native tests, the release build with its size budget, and
/// the browser tests against the built site at the root and under a sub-path.
pub(crate) fn run(root: &Path) -> Result<()> {
    let cargo = |args: &[&str]| cmd::run(cmd::in_dir("cargo", root).args(args));
    cargo(&["fmt", "--all", "--", "--check"])?;
    tools::ensure_wasm_target()?;
    cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    cargo(&[
        "clippy",
        "--package",
        "app",
        "--target",
        crate::pins::WASM_TARGET,
        "--",
        "-D",
        "warnings",
    ])?;
    cargo(&["test", "--workspace"])?;
    // Same seed and scenario, same event log natively and in wasm (a quick dedicated build).
    crate::bench_wasm::determinism(root)?;

    let app = build::compile_app(root)?;
    let dist = root.join("dist");
    let report = build::assemble(root, &app, "/", &dist)?;
    report.print();
    check_budgets(&report.visits)?;
    let subpath_root = build::target_dir(root).join("e2e-subpath");
    build::assemble(root, &app, E2E_SUBPATH, &subpath_root.join(E2E_SUBPATH.trim_matches('/')))?;

    let npm_bin = tools::ensure_npm(root)?;
    let chromium = tools::ensure_chromium()?;
    cmd::run(
        cmd::in_dir(npm_bin.join("playwright"), root)
            .args(["test", "--config", "e2e/playwright.config.mjs"])
            .env("CHROMIUM", chromium)
            .env("DIST_DIR", &dist)
            .env("SUBPATH_ROOT", &subpath_root)
            .env("SUBPATH", E2E_SUBPATH)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )?;
    println!("\nAll checks passed.");
    Ok(())
}

/// Every page's first visit against its budget; all pages over budget are named.
fn check_budgets(visits: &[visits::Visit]) -> Result<()> {
    let limit = |v: &visits::Visit| {
        if v.playground {
            budget::PLAYGROUND_PAGE_BROTLI_BYTES
        } else {
            budget::FIRST_VISIT_BROTLI_BYTES
        }
    };
    for (playground, what) in [(false, "without"), (true, "with")] {
        if let Some(v) = visits::largest(visits, playground) {
            println!(
                "\nLargest first visit {what} a playground: {} brotli, {} (budget {}, xtask/src/budget.rs)",
                sizes::kb(v.total.brotli),
                v.page,
                sizes::kb(limit(v))
            );
        }
    }
    let over: Vec<String> = visits
        .iter()
        .filter(|v| v.total.brotli > limit(v))
        .map(|v| format!("{}: {} > {}", v.page, sizes::kb(v.total.brotli), sizes::kb(limit(v))))
        .collect();
    if !over.is_empty() {
        bail!("first visits over budget (brotli):\n  {}", over.join("\n  "));
    }
    Ok(())
}
