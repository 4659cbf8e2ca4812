//! Build tooling, run as `cargo xtask <command>` (the alias is in `.cargo/config.toml`):
//!
//! - `serve [--port 8080] [--base /]` — build the release site and serve it.
//! - `dist [--base /path/] [--out dist]` — build the release site into a folder.
//! - `test` — fmt, clippy, native tests, release build + size budget, browser tests.
//! - `bench [--nodes 5000] [--pods 150000] [--runs 1] [--dist dist]` — the benchmark figures.
//!
//! Every command first installs what it needs and is missing, from the registries only
//! (versions in `pins.rs`).

mod bench;
mod bench_wasm;
mod budget;
mod build;
mod bundles;
mod cmd;
mod hash;
mod links;
mod offline;
mod pins;
mod serve;
mod sizes;
mod test;
mod tools;
mod visits;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N] [--base /path/]   build the release site and serve it (default port 8080)
  dist [--base /path/] [--out DIR]   build the release site into DIR (default dist/)
  test                               everything CI runs: fmt, clippy, tests, build, browser tests
  bench [--nodes N] [--pods N] [--runs N] [--dist DIR]
                                     scheduler pods/s, memory per pod, crash recovery,
                                     the WASM/native ratio and bytes shipped";

fn main() {
    if let Err(e) = run(std::env::args().skip(1).collect()) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn run(args: Vec<String>) -> Result<()> {
    let root = workspace_root()?;
    let Some((command, rest)) = args.split_first() else { bail!("{USAGE}") };
    let flags = Flags::parse(rest)?;
    match command.as_str() {
        "serve" => {
            let base = build::normalize_base(flags.get("base").unwrap_or("/"))?;
            let port: u16 =
                flags.get("port").unwrap_or("8080").parse().context("--port must be a number")?;
            let out = root.join("dist");
            let app = build::compile_app(&root)?;
            build::assemble(&root, &app, &base, &out)?.print();
            serve::serve(&out, &base, port)
        }
        "dist" => {
            let base = build::normalize_base(flags.get("base").unwrap_or("/"))?;
            let out = flags.get("out").map_or_else(|| root.join("dist"), |o| root.join(o));
            let app = build::compile_app(&root)?;
            let report = build::assemble(&root, &app, &base, &out)?;
            report.print();
            println!("\nWrote {} for base {base}", out.display());
            Ok(())
        }
        "test" => test::run(&root),
        "bench" => bench::run(&root, &bench::options(&root, |k| flags.get(k).map(str::to_owned))?),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

/// `--key value` pairs.
struct Flags(Vec<(String, String)>);

impl Flags {
    fn parse(args: &[String]) -> Result<Self> {
        let mut pairs = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let Some(key) = a.strip_prefix("--") else {
                bail!("unexpected argument `{a}`\n\n{USAGE}")
            };
            let (key, value) = match key.split_once('=') {
                Some((k, v)) => (k.to_owned(), v.to_owned()),
                None => (
                    key.to_owned(),
                    it.next().with_context(|| format!("--{key} needs a value"))?.clone(),
                ),
            };
            if !["base", "port", "out", "nodes", "pods", "runs", "dist"].contains(&key.as_str()) {
                bail!("unknown option --{key}\n\n{USAGE}");
            }
            pairs.push((key, value));
        }
        Ok(Flags(pairs))
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// The workspace root: the parent of this crate's manifest directory.
fn workspace_root() -> Result<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_owned).context("xtask has no parent directory")
}
