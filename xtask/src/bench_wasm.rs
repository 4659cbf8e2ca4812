//! The cross-target harness (`sim-core/wasm-bench`): built natively and for
//! `wasm32-unknown-unknown` from one source, the wasm module run under Node by
//! `bench_harness.mjs`. Used for the WASM/native ratio (`cargo xtask bench`) and for the
//! determinism check of `cargo xtask test` (same seed and scenario → same event-log hash on
//! both targets).

use crate::{build, cmd, pins, tools};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The harness crate, relative to the workspace root (its own Cargo workspace).
const MANIFEST: &str = "sim-core/wasm-bench/Cargo.toml";
/// The Node driver of the wasm module.
const DRIVER: &str = include_str!("bench_harness.mjs");

/// How to build the harness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Profile {
    /// Optimized as the native benchmark is (`opt-level = 3`, LTO): for timing.
    Release,
    /// A quick build for the determinism check.
    Check,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Release => "release",
            Profile::Check => "quick",
        }
    }
}

/// The two builds and the Node driver.
pub(crate) struct Harness {
    native: PathBuf,
    wasm: PathBuf,
    driver: PathBuf,
}

/// Builds the harness for both targets.
pub(crate) fn build(root: &Path, profile: Profile) -> Result<Harness> {
    tools::ensure_wasm_target()?;
    let target = build::target_dir(root);
    let cargo = |extra: &[&str]| {
        cmd::run(
            cmd::in_dir("cargo", root)
                .args(["build", "--manifest-path", MANIFEST, "--profile", profile.name()])
                // The harness is its own workspace: without this it builds into its own
                // `target/` whenever CARGO_TARGET_DIR is unset, not where we look for it.
                .arg("--target-dir")
                .arg(&target)
                .args(extra),
        )
    };
    cargo(&["--bin", "sim-core-wasm-bench"])?;
    cargo(&["--lib", "--target", pins::WASM_TARGET])?;
    let driver = target.join("sim-core-wasm-bench.mjs");
    std::fs::write(&driver, DRIVER).with_context(|| format!("writing {}", driver.display()))?;
    Ok(Harness {
        native: target.join(profile.name()).join("sim-core-wasm-bench"),
        wasm: target.join(pins::WASM_TARGET).join(profile.name()).join("sim_core_wasm_bench.wasm"),
        driver,
    })
}

impl Harness {
    /// Runs the native build with `args`; its stdout lines.
    fn native(&self, args: &[&str]) -> Result<Vec<String>> {
        lines(std::process::Command::new(&self.native).args(args), "the native harness")
    }

    /// Runs the wasm build under Node with `args`; its stdout lines.
    fn wasm(&self, args: &[&str]) -> Result<Vec<String>> {
        lines(
            std::process::Command::new("node").arg(&self.driver).arg(&self.wasm).args(args),
            "the wasm harness under node",
        )
    }
}

fn lines(cmd: &mut std::process::Command, what: &str) -> Result<Vec<String>> {
    let out = cmd.output().with_context(|| format!("could not start {what}"))?;
    if !out.status.success() {
        bail!("{what} failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect())
}

/// The value of `"key":` in one of the harness's flat JSON lines (quotes removed).
fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let pattern = format!("\"{key}\":");
    let start = line.find(&pattern)? + pattern.len();
    let rest = line.get(start..)?;
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    rest.get(..end).map(|v| v.trim().trim_matches('"'))
}

/// The same seed and scenarios give the same event-log hash natively and in wasm.
pub(crate) fn determinism(root: &Path) -> Result<()> {
    let harness = build(root, Profile::Check)?;
    let native = harness.native(&["scenarios"])?;
    let wasm = harness.wasm(&["scenarios"])?;
    let hashes = |ls: &[String]| -> Vec<String> {
        ls.iter().filter_map(|l| field(l, "hash")).map(str::to_owned).collect()
    };
    let (n, w) = (hashes(&native), hashes(&wasm));
    if n.is_empty() || n != w {
        bail!("event logs differ between native and wasm:\nnative {native:?}\nwasm   {wasm:?}");
    }
    for line in &native {
        println!(
            "same log natively and in wasm: {} ({} entries, hash {})",
            field(line, "name").unwrap_or("?"),
            field(line, "entries").unwrap_or("?"),
            field(line, "hash").unwrap_or("?")
        );
    }
    Ok(())
}

/// One timed scheduling run.
#[derive(Clone, Debug)]
struct Run {
    secs: f64,
    /// CPU seconds of the process during the run, if known: what the ratio uses, as wall
    /// time on a shared machine also counts other processes' turns.
    cpu_secs: Option<f64>,
    scheduled: u64,
    checksum: String,
    /// Heap bytes held after the run (scheduler and pods), minus those before preparing.
    rest_bytes: u64,
}

impl Run {
    /// CPU time if known, else wall time.
    fn time(&self) -> f64 {
        self.cpu_secs.unwrap_or(self.secs)
    }

    fn parse(lines: &[String]) -> Result<Run> {
        let line = lines.first().context("the harness printed nothing")?;
        let num = |key: &str| -> Result<f64> {
            field(line, key)
                .and_then(|v| v.parse().ok())
                .with_context(|| format!("no {key} in {line}"))
        };
        Ok(Run {
            secs: num("secs")?,
            cpu_secs: num("cpuSecs").ok().filter(|c| *c > 0.0),
            scheduled: num("scheduled")? as u64,
            checksum: field(line, "checksum").context("no checksum")?.to_owned(),
            rest_bytes: (num("liveBytes")? - num("baseBytes")?).max(0.0) as u64,
        })
    }
}

/// Best native and wasm runs of one workload.
pub(crate) struct Ratio {
    pods: u32,
    native: Run,
    wasm: Run,
}

/// Times the same run natively and under Node, alternating, best of `runs` each.
pub(crate) fn ratio(harness: &Harness, nodes: u32, pods: u32, runs: u32) -> Result<Ratio> {
    let args = [String::from("bench"), nodes.to_string(), pods.to_string(), String::from("1")];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (mut native, mut wasm): (Option<Run>, Option<Run>) = (None, None);
    for _ in 0..runs.max(1) {
        let n = Run::parse(&harness.native(&args)?)?;
        let w = Run::parse(&harness.wasm(&args)?)?;
        if n.checksum != w.checksum || n.scheduled != w.scheduled {
            bail!(
                "native and wasm disagree on the decisions: checksum {} vs {}, {} vs {} pods",
                n.checksum,
                w.checksum,
                n.scheduled,
                w.scheduled
            );
        }
        if native.as_ref().is_none_or(|b| n.time() < b.time()) {
            native = Some(n);
        }
        if wasm.as_ref().is_none_or(|b| w.time() < b.time()) {
            wasm = Some(w);
        }
    }
    match (native, wasm) {
        (Some(native), Some(wasm)) => Ok(Ratio { pods, native, wasm }),
        _ => bail!("no run finished"),
    }
}

impl Ratio {
    /// Prints both runs and the ratio.
    pub(crate) fn print(&self) {
        let per_pod = |r: &Run| r.rest_bytes / u64::from(self.pods.max(1));
        for (label, r) in [("native", &self.native), ("wasm", &self.wasm)] {
            let cpu = r.cpu_secs.map_or(String::new(), |c| format!("{c:.3} s CPU, "));
            println!(
                "{label:<8} {:.0} pods/s ({cpu}{:.3} s wall), {} B heap per pod at rest, checksum {}",
                r.scheduled as f64 / r.time().max(1e-9),
                r.secs,
                per_pod(r),
                r.checksum
            );
        }
        let what = match (self.native.cpu_secs, self.wasm.cpu_secs) {
            (Some(_), Some(_)) => "CPU time",
            _ => "wall time",
        };
        let (n, w) = match (self.native.cpu_secs, self.wasm.cpu_secs) {
            (Some(n), Some(w)) => (n, w),
            _ => (self.native.secs, self.wasm.secs),
        };
        println!(
            "ratio    {:.2} (wasm {what} / native {what}; goal ≤ 1.5); decisions identical",
            w / n.max(1e-9)
        );
        println!(
            "         (both builds set heap aside before the timed run, so it times the \
             scheduler rather than V8's garbage collections on memory.grow; see \
             reserve_heap in sim-core/wasm-bench)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_the_harness_lines() {
        let native = r#"{"name":"node-crash","entries":413,"hash":"8964b3a778ab587b"}"#;
        let wasm = r#"{"index":0,"hash":"8964b3a778ab587b"}"#;
        assert_eq!(field(native, "hash"), field(wasm, "hash"));
        assert_eq!(field(native, "entries"), Some("413"));
        assert_eq!(field(native, "name"), Some("node-crash"));
        assert_eq!(field(wasm, "name"), None);
    }

    #[test]
    fn a_run_parses_and_prefers_cpu_time() {
        let line = r#"{"secs":2.5,"cpuSecs":1.5,"scheduled":10,"checksum":"00ff","liveBytes":2000,"baseBytes":1000}"#;
        let run = Run::parse(&[line.to_owned()]).expect("parses");
        assert_eq!((run.scheduled, run.rest_bytes, run.checksum.as_str()), (10, 1000, "00ff"));
        assert!((run.time() - 1.5).abs() < 1e-9);
        let no_cpu = line.replace("1.5", "-1");
        assert!((Run::parse(&[no_cpu]).expect("parses").time() - 2.5).abs() < 1e-9);
    }
}
