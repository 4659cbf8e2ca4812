//! Shipped-size accounting: raw, gzip and brotli bytes per file, and the first-visit total.

use std::io::Write;

/// Sizes of one shipped file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    /// Path relative to the site root.
    pub(crate) path: String,
    /// Bytes on disk.
    pub(crate) raw: u64,
    /// Bytes after gzip -9 (what most static hosts send).
    pub(crate) gzip: u64,
    /// Bytes after brotli -q 11 (what a host with precompressed files sends).
    pub(crate) brotli: u64,
}

/// Measures `bytes` stored at `path`.
pub(crate) fn measure(path: &str, bytes: &[u8]) -> Row {
    Row {
        path: path.to_owned(),
        raw: bytes.len() as u64,
        gzip: gzip_len(bytes),
        brotli: brotli_len(bytes),
    }
}

fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().map_or(0, |v| v.len() as u64)
}

fn brotli_len(bytes: &[u8]) -> u64 {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out.len() as u64
}

/// Sums rows into a total row named `label`.
pub(crate) fn total<'a>(label: &str, rows: impl IntoIterator<Item = &'a Row>) -> Row {
    rows.into_iter().fold(Row { path: label.to_owned(), raw: 0, gzip: 0, brotli: 0 }, |mut t, r| {
        t.raw += r.raw;
        t.gzip += r.gzip;
        t.brotli += r.brotli;
        t
    })
}

/// Prints rows as an aligned table with kilobyte figures.
pub(crate) fn print_table(title: &str, rows: &[Row]) {
    let width = rows.iter().map(|r| r.path.len()).max().unwrap_or(4).max(4);
    println!("\n{title}");
    println!("{:<width$}  {:>10}  {:>10}  {:>10}", "file", "raw", "gzip", "brotli");
    for r in rows {
        println!("{:<width$}  {:>10}  {:>10}  {:>10}", r.path, kb(r.raw), kb(r.gzip), kb(r.brotli));
    }
}

/// `12.3 KB` (1 KB = 1000 bytes, as transfer sizes are usually quoted).
pub(crate) fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_text() {
        let text = "kubectl get pods -o wide\n".repeat(200);
        let r = measure("x", text.as_bytes());
        assert_eq!(r.raw, text.len() as u64);
        assert!(r.gzip < r.raw / 10 && r.brotli < r.raw / 10, "{r:?}");
    }

    #[test]
    fn totals_add_up() {
        let rows = [measure("a", b"aaaa"), measure("b", b"bb")];
        assert_eq!(total("all", &rows).raw, 6);
    }
}
