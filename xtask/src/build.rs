//! Building the release site: the WASM app (cargo → wasm-bindgen → wasm-opt), hashed assets,
//! pre-rendered pages from `content/`, and `public/` copied as is.

use crate::{bundles, cmd, hash, pins, sizes, tools, visits};
use anyhow::{Context, Result, bail};
use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

/// The optimized app, independent of the base path it will be served under: one build per
/// bundle in [`bundles::BUNDLES`], in that order.
pub(crate) struct App {
    bundles: Vec<(bundles::Spec, Bundle)>,
}

/// One wasm-bindgen output: its JS glue and its optimized module.
struct Bundle {
    js: Vec<u8>,
    wasm: Vec<u8>,
}

/// What `assemble` produced.
pub(crate) struct Report {
    /// Every shipped file.
    pub(crate) rows: Vec<sizes::Row>,
    /// What a first visit to each page transfers.
    pub(crate) visits: Vec<visits::Visit>,
}

impl Report {
    /// Prints every file, then the first visit to each page, then the files of the largest
    /// first visit with and without a playground.
    pub(crate) fn print(&self) {
        sizes::print_table("Shipped files", &self.rows);
        visits::print(&self.visits, &self.rows);
    }
}

/// Compiles and optimizes every bundle of the app.
pub(crate) fn compile_app(root: &Path) -> Result<App> {
    tools::ensure_wasm_target()?;
    let bindgen = tools::ensure_wasm_bindgen(root)?;
    let npm_bin = tools::ensure_npm(root)?;
    let mut built = Vec::new();
    for spec in bundles::BUNDLES {
        let bundle = compile_bundle(root, &bindgen, &npm_bin, spec.name, &spec.cargo_features())?;
        built.push((*spec, bundle));
    }
    Ok(App { bundles: built })
}

/// Builds the `app` crate with `features`, then wasm-bindgen and wasm-opt, as bundle `name`.
fn compile_bundle(
    root: &Path,
    bindgen: &Path,
    npm_bin: &Path,
    name: &str,
    features: &[String],
) -> Result<Bundle> {
    cmd::run(
        cmd::in_dir("cargo", root)
            .args(["build", "--release", "--package", "app", "--target", pins::WASM_TARGET])
            .args(features),
    )?;
    let target_dir = target_dir(root);
    let raw = target_dir.join(pins::WASM_TARGET).join("release/app.wasm");
    let work = target_dir.join("site-build").join(name);
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    fs::create_dir_all(&work)?;
    cmd::run(
        Command::new(bindgen)
            .arg(&raw)
            .args(["--target", "web", "--no-typescript", "--out-name", name, "--out-dir"])
            .arg(&work),
    )?;
    let optimized = work.join(format!("{name}_bg.opt.wasm"));
    cmd::run(
        Command::new(npm_bin.join("wasm-opt"))
            .arg(work.join(format!("{name}_bg.wasm")))
            .arg("-o")
            .arg(&optimized)
            // Size over speed; the features are the ones rustc enables for this target.
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
            ])
            .args(["--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]),
    )?;
    Ok(Bundle { js: fs::read(work.join(format!("{name}.js")))?, wasm: fs::read(optimized)? })
}

/// `CARGO_TARGET_DIR` or `<root>/target`.
pub(crate) fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// Checks a `--base` value: `/` or `/a/b/`, URL-path-safe characters only.
pub(crate) fn normalize_base(base: &str) -> Result<String> {
    let mut b = base.trim().to_owned();
    if !b.starts_with('/') {
        b.insert(0, '/');
    }
    if !b.ends_with('/') {
        b.push('/');
    }
    let ok = b.bytes().all(|c| c.is_ascii_alphanumeric() || b"/-_.~".contains(&c));
    if !ok || b.contains("//") || b.split('/').any(|s| s == "..") {
        bail!("--base must be a URL path like /course/ (letters, digits, - _ . ~), got `{base}`");
    }
    Ok(b)
}

/// Writes the complete site for `base` into `out` (emptied first).
pub(crate) fn assemble(root: &Path, app: &App, base: &str, out: &Path) -> Result<Report> {
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("emptying {}", out.display()))?;
    }
    fs::create_dir_all(out.join("assets"))?;
    let mut shipped: Vec<(String, Vec<u8>)> = Vec::new();
    let mut assets = Vec::new();
    for (spec, bundle) in &app.bundles {
        let wasm = format!("assets/{}-{}.wasm", spec.name, hash::short(&bundle.wasm));
        let js = format!("assets/{}-{}.js", spec.name, hash::short(&bundle.js));
        let boot = boot_js(&js, &wasm);
        let boot_name = format!("assets/boot-{}-{}.js", spec.name, hash::short(boot.as_bytes()));
        shipped.push((wasm.clone(), bundle.wasm.clone()));
        shipped.push((js.clone(), bundle.js.clone()));
        shipped.push((boot_name.clone(), boot.into_bytes()));
        assets.push(content::Bundle {
            name: spec.name.to_owned(),
            widgets: spec.widgets.iter().map(|w| (*w).to_owned()).collect(),
            boot_js: boot_name,
            app_js: js,
            wasm,
        });
    }
    let theme = fs::read(root.join("app/js/site.js")).context("reading app/js/site.js")?;
    let theme_name = format!("assets/site-{}.js", hash::short(&theme));
    shipped.push((theme_name.clone(), theme));
    let css = stylesheet(&root.join("app/style"))?;
    let css_name = format!("assets/style-{}.css", hash::short(&css));
    shipped.push((css_name.clone(), css));
    for entry in fs::read_dir(root.join("public"))? {
        let path = entry?.path();
        if path.is_file() {
            let name =
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            shipped.push((name, fs::read(&path)?));
        }
    }
    let course = content::load(&root.join("content")).map_err(|d| anyhow::anyhow!("{d}"))?;
    let options = content::SiteOptions {
        base: base.to_owned(),
        assets: content::Assets { css: css_name, site_js: theme_name, bundles: assets },
    };
    let uncovered = content::uncovered_pages(&course, &options.assets);
    if !uncovered.is_empty() {
        bail!(
            "no bundle in xtask/src/bundles.rs holds every widget of these pages:\n  {}",
            uncovered.join("\n  ")
        );
    }
    for page in content::render_site(&course, &options) {
        shipped.push((page.path, page.contents.into_bytes()));
    }
    shipped.push(("manifest.webmanifest".to_owned(), crate::offline::manifest(base).into_bytes()));
    shipped.push(("icon-192.png".to_owned(), crate::offline::icon_png(192)));
    shipped.push(("icon-512.png".to_owned(), crate::offline::icon_png(512)));
    let sw_template =
        fs::read_to_string(root.join("app/js/sw.js")).context("reading app/js/sw.js")?;
    let sw = crate::offline::service_worker(&sw_template, &shipped);
    shipped.push(("sw.js".to_owned(), sw.into_bytes()));
    for (path, bytes) in &shipped {
        let dest = out.join(path);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&dest, bytes)?;
    }
    let rows: Vec<_> = shipped.iter().map(|(p, b)| sizes::measure(p, b)).collect();
    let visits = visits::every_page(&shipped, &rows, base);
    let links = crate::links::check(out, base)?;
    println!("Checked {links} internal links in {}: all resolve.", out.display());
    let mut all = rows;
    all.push(sizes::total("total", &all));
    Ok(Report { rows: all, visits })
}

/// Every `app/style/*.css` in name order, as one stylesheet (one request; each widget keeps
/// its styles in its own file).
fn stylesheet(dir: &Path) -> Result<Vec<u8>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .collect();
    files.sort();
    let mut css = Vec::new();
    for f in files {
        css.extend(fs::read(&f)?);
        css.push(b'\n');
    }
    Ok(css)
}

/// The boot module: loads the glue and instantiates the module by URLs relative to itself, so
/// the same file works under any base path. An external file, because the CSP forbids inline
/// scripts.
fn boot_js(js_name: &str, wasm_name: &str) -> String {
    let js = js_name.trim_start_matches("assets/");
    let wasm = wasm_name.trim_start_matches("assets/");
    format!(
        "import init from \"./{js}\";\ninit({{ module_or_path: new URL(\"./{wasm}\", import.meta.url) }});\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_are_normalized_or_rejected() {
        assert_eq!(normalize_base("/").unwrap(), "/");
        assert_eq!(normalize_base("course").unwrap(), "/course/");
        assert_eq!(normalize_base("/a/b/").unwrap(), "/a/b/");
        for bad in ["/a//b/", "/../x/", "/a b/", "/<x>/"] {
            assert!(normalize_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn boot_uses_relative_urls() {
        let b = boot_js("assets/app-1.js", "assets/app-2.wasm");
        assert!(b.contains("from \"./app-1.js\""));
        assert!(b.contains("new URL(\"./app-2.wasm\", import.meta.url)"));
    }
}
