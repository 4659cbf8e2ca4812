//! `cargo xtask bench`: the figures the project promises, measured in one run on this machine.
//!
//! 1. `kubesim bench` (native, `bench-native` profile): the scheduler at the Kubernetes
//!    scalability envelope — pods/s, total time, peak memory and memory per pod at rest.
//! 2. `kubesim bench --crash`: a node crash in a 1,000-node / 30,000-pod cluster, simulated
//!    to full recovery.
//! 3. The WASM/native ratio: one harness (`sim-core/wasm-bench`) built natively and for
//!    `wasm32-unknown-unknown` with the same settings, each timing the same scheduling run;
//!    the wasm build runs under Node. Their checksums must agree (that is determinism, and
//!    fails the command); their speed never fails it — benchmarks print.
//! 4. Bytes shipped, if a built site exists (`dist/` or `--dist DIR`).

use crate::{bench_wasm, build, cmd, sizes, visits};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// What to measure.
pub(crate) struct Options {
    /// Nodes of the scheduler envelope.
    pub(crate) nodes: u32,
    /// Pods of the scheduler envelope.
    pub(crate) pods: u32,
    /// Timed runs of each measurement; the best is reported.
    pub(crate) runs: u32,
    /// The built site to measure, if any.
    pub(crate) dist: PathBuf,
}

/// Runs every benchmark and prints the figures.
pub(crate) fn run(root: &Path, opts: &Options) -> Result<()> {
    cmd::run(cmd::in_dir("cargo", root).args([
        "build",
        "--package",
        "sim-core",
        "--profile",
        "bench-native",
        "--bin",
        "kubesim",
    ]))?;
    let kubesim = build::target_dir(root).join("bench-native").join("kubesim");
    let (nodes, pods, runs) =
        (opts.nodes.to_string(), opts.pods.to_string(), opts.runs.to_string());

    heading("Scheduler, native (kubesim bench)");
    cmd::run(
        cmd::in_dir(&kubesim, root)
            .args(["bench", "--nodes", &nodes, "--pods", &pods, "--runs", &runs]),
    )?;

    heading("Node crash to full recovery, native (kubesim bench --crash)");
    cmd::run(cmd::in_dir(&kubesim, root).args(["bench", "--crash"]))?;

    heading("WASM / native (one harness, both builds, timed in this run)");
    let harness = bench_wasm::build(root, bench_wasm::Profile::Release)?;
    let ratio = bench_wasm::ratio(&harness, opts.nodes, opts.pods, opts.runs)?;
    ratio.print();

    heading("Bytes shipped");
    shipped(&opts.dist)
}

fn heading(title: &str) {
    println!("\n== {title} ==");
}

/// The size table of a built site: every file, and totals per kind.
fn shipped(dist: &Path) -> Result<()> {
    if !dist.join("index.html").is_file() {
        println!(
            "no built site at {} (run `cargo xtask dist` first, or pass --dist DIR)",
            dist.display()
        );
        return Ok(());
    }
    let mut files = Vec::new();
    walk(dist, dist, &mut files)?;
    files.sort();
    let contents: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|rel| {
            let bytes = std::fs::read(dist.join(rel)).with_context(|| format!("reading {rel}"))?;
            Ok((rel.clone(), bytes))
        })
        .collect::<Result<_>>()?;
    let rows: Vec<sizes::Row> = contents.iter().map(|(p, b)| sizes::measure(p, b)).collect();
    let mut summary: Vec<sizes::Row> = ["wasm", "js", "css", "html"]
        .iter()
        .map(|ext| {
            let suffix = format!(".{ext}");
            sizes::total(&format!("*.{ext}"), rows.iter().filter(|r| r.path.ends_with(&suffix)))
        })
        .collect();
    summary.push(sizes::total(&format!("all {} files", rows.len()), &rows));
    let wasm: Vec<sizes::Row> =
        rows.iter().filter(|r| r.path.ends_with(".wasm")).cloned().collect();
    sizes::print_table(&format!("{} (the app's wasm)", dist.display()), &wasm);
    sizes::print_table("By kind", &summary);
    let index = contents.iter().find(|(p, _)| p == "index.html").map(|(_, b)| b.as_slice());
    let base = index.and_then(site_base).unwrap_or_else(|| "/".to_owned());
    let visits = visits::every_page(&contents, &rows, &base);
    for (playground, what) in [(false, "without"), (true, "with")] {
        if let Some(v) = visits::largest(&visits, playground) {
            println!(
                "largest first visit {what} a playground: {} brotli ({}, bundle {})",
                sizes::kb(v.total.brotli),
                v.page,
                v.bundle
            );
        }
    }
    println!("(`cargo xtask dist` prints every file and the first visit to every page.)");
    Ok(())
}

/// The base path a built page was rendered for (its `<meta name="site-base">`).
fn site_base(html: &[u8]) -> Option<String> {
    let html = String::from_utf8_lossy(html);
    let tag = "<meta name=\"site-base\" content=\"";
    let rest = &html[html.find(tag)? + tag.len()..];
    Some(rest[..rest.find('"')?].to_owned())
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

/// `--key value` options of `cargo xtask bench`, with defaults.
pub(crate) fn options(root: &Path, get: impl Fn(&str) -> Option<String>) -> Result<Options> {
    let number = |key: &str, default: u32| -> Result<u32> {
        match get(key) {
            Some(v) => v.parse().with_context(|| format!("--{key} must be a whole number")),
            None => Ok(default),
        }
    };
    let opts = Options {
        nodes: number("nodes", 5000)?,
        pods: number("pods", 150_000)?,
        runs: number("runs", 1)?.max(1),
        dist: get("dist").map_or_else(|| root.join("dist"), |d| root.join(d)),
    };
    if opts.nodes == 0 {
        bail!("--nodes must be at least 1");
    }
    Ok(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_comes_from_the_page() {
        let page = b"<head><meta name=\"site-base\" content=\"/c/v1/\"><title>x</title>";
        assert_eq!(site_base(page).as_deref(), Some("/c/v1/"));
        assert_eq!(site_base(b"<head></head>"), None);
        assert_eq!(site_base(b"<meta name=\"site-base\" content=\"/c"), None);
    }
}
