//! Installing what the build and tests need, from the registries only, when it is missing.
//!
//! Each `ensure_*` is cheap when the tool is already there, so every command calls them.

use crate::{cmd, pins};
use anyhow::{Context, Result, bail};
use std::{
    path::{Path, PathBuf},
    process::Command,
};

/// `rustup target add wasm32-unknown-unknown` unless installed.
pub(crate) fn ensure_wasm_target() -> Result<()> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]));
    if installed.is_some_and(|list| list.lines().any(|l| l.trim() == pins::WASM_TARGET)) {
        return Ok(());
    }
    cmd::run(Command::new("rustup").args(["target", "add", pins::WASM_TARGET]))
}

/// The pinned `wasm-bindgen` CLI in `.tools/bin`, installed with `cargo install` if needed.
pub(crate) fn ensure_wasm_bindgen(root: &Path) -> Result<PathBuf> {
    check_lock_matches_pin(root)?;
    let bin = root.join(".tools/bin/wasm-bindgen");
    let version = cmd::output(Command::new(&bin).arg("--version"));
    if version.is_some_and(|v| v.split_whitespace().nth(1) == Some(pins::WASM_BINDGEN)) {
        return Ok(bin);
    }
    eprintln!("Installing wasm-bindgen-cli {} (about 2 minutes on 2 cores)…", pins::WASM_BINDGEN);
    cmd::run(
        Command::new("cargo")
            .args([
                "install",
                "--force",
                "wasm-bindgen-cli",
                "--version",
                pins::WASM_BINDGEN,
                "--root",
            ])
            .arg(root.join(".tools")),
    )?;
    Ok(bin)
}

/// `Cargo.lock`'s `wasm-bindgen` must be the pinned CLI version, or the generated glue and the
/// module disagree at run time.
fn check_lock_matches_pin(root: &Path) -> Result<()> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let locked = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")?.strip_suffix('"')));
    match locked {
        Some(v) if v == pins::WASM_BINDGEN => Ok(()),
        Some(v) => bail!(
            "Cargo.lock has wasm-bindgen {v} but xtask/src/pins.rs pins {}",
            pins::WASM_BINDGEN
        ),
        None => bail!("Cargo.lock has no wasm-bindgen package"),
    }
}

/// `npm ci` unless `node_modules` already matches `package-lock.json`. Returns the
/// `node_modules/.bin` directory.
pub(crate) fn ensure_npm(root: &Path) -> Result<PathBuf> {
    check_package_json_matches_pins(root)?;
    let lock =
        std::fs::read(root.join("package-lock.json")).context("reading package-lock.json")?;
    let stamp = root.join("node_modules/.xtask-lock-stamp");
    let want = crate::hash::hex(&lock);
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(want.as_str()) {
        cmd::run(
            cmd::in_dir("npm", root)
                .args(["ci", "--no-audit", "--no-fund"])
                // Playwright must never fetch a browser: the tests use Debian's Chromium.
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        )?;
        std::fs::write(&stamp, want)?;
    }
    Ok(root.join("node_modules/.bin"))
}

fn check_package_json_matches_pins(root: &Path) -> Result<()> {
    let text =
        std::fs::read_to_string(root.join("package.json")).context("reading package.json")?;
    for (name, version) in pins::NPM {
        if !text.contains(&format!("\"{name}\": \"{version}\"")) {
            bail!("package.json must pin \"{name}\": \"{version}\" (xtask/src/pins.rs)");
        }
    }
    Ok(())
}

/// Debian's Chromium and ChromeDriver, installed with apt-get if missing.
pub(crate) fn ensure_chromium() -> Result<PathBuf> {
    let chromium = PathBuf::from(pins::CHROMIUM);
    if chromium.exists() {
        return Ok(chromium);
    }
    eprintln!("Installing {} from Debian (about 20 seconds)…", pins::APT.join(" "));
    let root_user = cmd::output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let apt = |args: &[&str]| {
        let mut c = if root_user { Command::new("apt-get") } else { Command::new("sudo") };
        if !root_user {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    cmd::run(&mut apt(&["update"]))?;
    let mut install = apt(&["install", "-y", "--no-install-recommends"]);
    install.args(pins::APT);
    cmd::run(&mut install)?;
    if !chromium.exists() {
        bail!("apt-get finished but {} is still missing", chromium.display());
    }
    Ok(chromium)
}
