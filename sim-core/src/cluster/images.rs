//! The simulated container registry: which images exist, their compressed sizes, platforms
//! and what their default command does.
//!
//! Sizes are compressed transfer sizes for linux/amd64 from docker-library/repo-info
//! (`repos/<image>/remote/<tag>.md`, snapshot August–September 2026), as listed in
//! `shared/reference/startup-and-cost.md` §7, plus `nginx:1.30` (66,084,169 B) and
//! `busybox:1.37` (2,211,507 B) from the same source. A reference that is not in the
//! catalogue fails to pull exactly as a typo does against Docker Hub.

use serde::{Deserialize, Serialize};

/// What an image's default entrypoint does when the pod gives no `command`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DefaultProcess {
    /// A server: runs until stopped, exits 0 on SIGTERM.
    Server,
    /// A shell or REPL (`sh`, `python3`, `node`): with no terminal attached it reads EOF and
    /// exits 0 at once, which under `restartPolicy: Always` becomes CrashLoopBackOff.
    ExitsImmediately,
}

/// How an image was published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Platforms {
    /// A multi-arch index with linux/amd64 and linux/arm64 (every official image here).
    AmdAndArm,
    /// A single-platform amd64 manifest (no index): it pulls anywhere, but its binaries fail
    /// with `exec format error` on arm64.
    AmdOnly,
}

/// One repository:tag in the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatalogImage {
    /// Normalized reference (`docker.io/library/nginx:1.30`).
    pub reference: &'static str,
    /// Compressed size in bytes (what a pull downloads).
    pub size_bytes: i64,
    /// Platforms published.
    pub platforms: Platforms,
    /// Default process behaviour.
    pub process: DefaultProcess,
}

const fn img(
    reference: &'static str,
    size_bytes: i64,
    platforms: Platforms,
    process: DefaultProcess,
) -> CatalogImage {
    CatalogImage { reference, size_bytes, platforms, process }
}

use DefaultProcess::{ExitsImmediately, Server};
use Platforms::{AmdAndArm, AmdOnly};

/// The registry's contents. `:latest` tags alias the versions listed.
pub const CATALOG: &[CatalogImage] = &[
    img("docker.io/library/nginx:1.30", 66_084_169, AmdAndArm, Server),
    img("docker.io/library/nginx:latest", 66_084_169, AmdAndArm, Server),
    img("docker.io/library/busybox:1.37", 2_211_507, AmdAndArm, ExitsImmediately),
    img("docker.io/library/busybox:latest", 2_211_507, AmdAndArm, ExitsImmediately),
    img("docker.io/library/alpine:3.22", 3_800_000, AmdAndArm, ExitsImmediately),
    img("docker.io/library/alpine:latest", 3_800_000, AmdAndArm, ExitsImmediately),
    img("docker.io/library/debian:bookworm-slim", 28_200_000, AmdAndArm, ExitsImmediately),
    img("docker.io/library/ubuntu:24.04", 29_800_000, AmdAndArm, ExitsImmediately),
    img("docker.io/library/ubuntu:latest", 29_800_000, AmdAndArm, ExitsImmediately),
    img("docker.io/library/python:3-slim", 43_400_000, AmdAndArm, ExitsImmediately),
    img("docker.io/library/python:3-bookworm", 384_500_000, AmdAndArm, ExitsImmediately),
    img("docker.io/library/node:22", 408_500_000, AmdAndArm, ExitsImmediately),
    img("docker.io/library/node:22-alpine", 60_700_000, AmdAndArm, ExitsImmediately),
    img("gcr.io/distroless/static-debian12:latest", 2_097_152, AmdAndArm, ExitsImmediately),
    // A teaching fixture, not a real repository: an application image built on an amd64
    // laptop with plain `docker build` and pushed without an index, as many private images
    // are. Size: the nginx:1.30 amd64 image it is built from.
    img("registry.example.com/shop/legacy-api:1.0", 66_084_169, AmdOnly, Server),
    // The same fixture rebuilt with `docker buildx build --platform linux/amd64,linux/arm64`
    // and pushed as an index: the fix the Raspberry Pi lesson's challenge asks for.
    img("registry.example.com/shop/legacy-api:1.1", 66_084_169, AmdAndArm, Server),
];

/// The pause image every sandbox uses; pre-loaded on every node.
pub const PAUSE_IMAGE: &str = "registry.k8s.io/pause:3.10";

/// Normalizes an image reference as containerd does: `nginx` is
/// `docker.io/library/nginx:latest`, `user/app:1` is `docker.io/user/app:1`.
pub fn normalize(reference: &str) -> String {
    let (name, digest) = match reference.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (reference, None),
    };
    let first = name.split('/').next().unwrap_or("");
    let has_registry =
        name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let mut full = if has_registry {
        name.to_owned()
    } else if name.contains('/') {
        format!("docker.io/{name}")
    } else {
        format!("docker.io/library/{name}")
    };
    let last = full.rsplit('/').next().unwrap_or("");
    if digest.is_none() && !last.contains(':') {
        full.push_str(":latest");
    }
    if let Some(d) = digest {
        full.push('@');
        full.push_str(d);
    }
    full
}

/// The catalogue entry for `reference` (any spelling), if the registry has it.
pub fn lookup(reference: &str) -> Option<&'static CatalogImage> {
    let n = normalize(reference);
    CATALOG.iter().find(|i| i.reference == n)
}

/// Whether the image's tag is `latest` (or absent), which makes `imagePullPolicy` default to
/// `Always`.
pub fn is_latest(reference: &str) -> bool {
    normalize(reference).ends_with(":latest")
}

/// The pull error message containerd returns for a reference the registry does not have.
pub fn not_found_message(reference: &str) -> String {
    let n = normalize(reference);
    format!(
        "failed to pull and unpack image \"{n}\": failed to resolve reference \"{n}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_containerd() {
        let cases = [
            ("nginx", "docker.io/library/nginx:latest"),
            ("nginx:1.30", "docker.io/library/nginx:1.30"),
            ("bitnami/redis:7", "docker.io/bitnami/redis:7"),
            ("gcr.io/distroless/static-debian12", "gcr.io/distroless/static-debian12:latest"),
            ("localhost:5000/app", "localhost:5000/app:latest"),
            ("nginx@sha256:abc", "docker.io/library/nginx@sha256:abc"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input}");
        }
    }

    #[test]
    fn finds_catalogue_images_and_misses_typos() {
        assert_eq!(lookup("nginx:1.30").map(|i| i.size_bytes), Some(66_084_169));
        assert!(lookup("ngnix:1.30").is_none());
        let platforms = |r| lookup(r).map(|i| i.platforms);
        assert_eq!(platforms("registry.example.com/shop/legacy-api:1.0"), Some(AmdOnly));
        assert_eq!(platforms("registry.example.com/shop/legacy-api:1.1"), Some(AmdAndArm));
        assert!(is_latest("busybox"));
        assert!(!is_latest("busybox:1.37"));
    }
}
