//! A small static file server for `cargo xtask serve`: serves a directory under a base path,
//! with the MIME types browsers insist on (`application/wasm` for streaming compilation).

use anyhow::{Context, Result};
use std::{
    io::{BufRead, BufReader, Write},
    net::{TcpListener, TcpStream},
    path::{Path, PathBuf},
};

/// Serves `dir` at `http://127.0.0.1:<port><base>` until the process is stopped.
pub(crate) fn serve(dir: &Path, base: &str, port: u16) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("binding 127.0.0.1:{port}"))?;
    println!("\nServing {} at http://127.0.0.1:{port}{base}  (Ctrl-C to stop)", dir.display());
    for stream in listener.incoming().flatten() {
        let (dir, base) = (dir.to_owned(), base.to_owned());
        std::thread::spawn(move || {
            // A broken connection only affects that request.
            let _ = handle(stream, &dir, &base);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, dir: &Path, base: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, 405, "text/plain", b"method not allowed", method == "HEAD");
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match resolve(dir, base, path) {
        Resolved::File(file) => {
            let body = std::fs::read(&file)?;
            respond(&mut stream, 200, mime(&file), &body, method == "HEAD")
        }
        Resolved::Redirect(to) => {
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes())
        }
        Resolved::NotFound => {
            let page =
                std::fs::read(dir.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
            respond(&mut stream, 404, "text/html; charset=utf-8", &page, method == "HEAD")
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

/// Maps a URL path to a file under `dir`, as static hosts do: the base is stripped, a
/// directory serves its `index.html`, and a directory without a trailing slash redirects.
fn resolve(dir: &Path, base: &str, url_path: &str) -> Resolved {
    let Some(rest) = url_path
        .strip_prefix(base)
        .or_else(|| (url_path == base.trim_end_matches('/')).then_some(""))
    else {
        return Resolved::NotFound;
    };
    if url_path.len() < base.len() {
        return Resolved::Redirect(base.to_owned());
    }
    let decoded = percent_decode(rest);
    if decoded.split('/').any(|seg| seg == ".." || seg.contains('\\')) {
        return Resolved::NotFound;
    }
    let candidate = dir.join(&decoded);
    if candidate.is_dir() {
        if !url_path.ends_with('/') {
            return Resolved::Redirect(format!("{url_path}/"));
        }
        let index = candidate.join("index.html");
        return if index.is_file() { Resolved::File(index) } else { Resolved::NotFound };
    }
    if candidate.is_file() { Resolved::File(candidate) } else { Resolved::NotFound }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    mime: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_static_host() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lessons/a")).unwrap();
        std::fs::write(dir.join("index.html"), "home").unwrap();
        std::fs::write(dir.join("lessons/a/index.html"), "a").unwrap();
        std::fs::write(dir.join("app.wasm"), "w").unwrap();
        assert_eq!(resolve(&dir, "/", "/"), Resolved::File(dir.join("index.html")));
        assert_eq!(
            resolve(&dir, "/", "/lessons/a/"),
            Resolved::File(dir.join("lessons/a/index.html"))
        );
        assert_eq!(resolve(&dir, "/", "/lessons/a"), Resolved::Redirect("/lessons/a/".into()));
        assert_eq!(resolve(&dir, "/sub/", "/sub/app.wasm"), Resolved::File(dir.join("app.wasm")));
        assert_eq!(resolve(&dir, "/sub/", "/sub"), Resolved::Redirect("/sub/".into()));
        assert_eq!(resolve(&dir, "/sub/", "/app.wasm"), Resolved::NotFound);
        assert_eq!(resolve(&dir, "/", "/../etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(&dir, "/", "/%2e%2e/x"), Resolved::NotFound);
        assert_eq!(mime(Path::new("x.wasm")), "application/wasm");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
