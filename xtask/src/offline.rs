//! What makes the site installable and offline-capable: the web app manifest, PNG icons drawn
//! here (no image tools needed), and the service worker with this build's file list and
//! version.

use crate::hash;

/// The web app manifest for a site served under `base`.
pub(crate) fn manifest(base: &str) -> String {
    format!(
        r##"{{
  "name": "Metal to Wasm",
  "short_name": "Metal to Wasm",
  "description": "How infrastructure got from bare metal to Kubernetes, serverless and WebAssembly, by playing with it.",
  "start_url": "{base}",
  "scope": "{base}",
  "display": "standalone",
  "background_color": "#ffffff",
  "theme_color": "#1d4ed8",
  "icons": [
    {{ "src": "{base}icon-192.png", "sizes": "192x192", "type": "image/png" }},
    {{ "src": "{base}icon-512.png", "sizes": "512x512", "type": "image/png" }},
    {{ "src": "{base}icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" }},
    {{ "src": "{base}favicon.svg", "sizes": "any", "type": "image/svg+xml" }}
  ]
}}
"##
    )
}

/// The service worker for a build whose files (paths relative to the site root) are `files`,
/// with `version` naming its cache. Pages are cached under their directory URL, the one readers
/// navigate to.
pub(crate) fn service_worker(template: &str, files: &[(String, Vec<u8>)]) -> String {
    let mut urls = Vec::new();
    let mut all = Vec::new();
    for (path, bytes) in files {
        all.extend_from_slice(path.as_bytes());
        all.extend_from_slice(bytes);
        let url = match path.strip_suffix("index.html") {
            Some("") => "./".to_owned(),
            Some(dir) => dir.to_owned(),
            None => path.clone(),
        };
        urls.push(format!("\"{url}\""));
    }
    template
        .replace("__VERSION__", &hash::short(&all))
        .replace("__FILES__", &format!("[{}]", urls.join(", ")))
}

/// The site icon (the favicon's three stacked layers) as an RGBA PNG of `size` × `size`.
pub(crate) fn icon_png(size: u32) -> Vec<u8> {
    let s = size as f64;
    let layers = [(0.22, [255, 255, 255]), (0.44, [191, 219, 254]), (0.66, [255, 255, 255])];
    let mut rgba = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            // 4×4 supersampling for smooth edges.
            let mut acc = [0.0f64; 4];
            for sy in 0..4 {
                for sx in 0..4 {
                    let (px, py) = (
                        (x as f64 + (sx as f64 + 0.5) / 4.0) / s,
                        (y as f64 + (sy as f64 + 0.5) / 4.0) / s,
                    );
                    let colour = if !in_rounded_rect(px, py, 0.0, 0.0, 1.0, 1.0, 0.19) {
                        None
                    } else {
                        let layer = layers.iter().find(|(top, _)| {
                            in_rounded_rect(px, py, 0.22, *top, 0.78, top + 0.156, 0.03)
                        });
                        Some(layer.map_or([29, 78, 216], |(_, c)| *c))
                    };
                    if let Some(c) = colour {
                        acc[0] += f64::from(c[0]);
                        acc[1] += f64::from(c[1]);
                        acc[2] += f64::from(c[2]);
                        acc[3] += 255.0;
                    }
                }
            }
            let alpha = acc[3] / 16.0;
            for channel in &acc[..3] {
                rgba.push(if alpha > 0.0 {
                    (channel / 16.0 * 255.0 / alpha).round() as u8
                } else {
                    0
                });
            }
            rgba.push(alpha.round() as u8);
        }
    }
    png(size, size, &rgba)
}

#[allow(clippy::too_many_arguments, reason = "a rectangle is four numbers and a radius")]
fn in_rounded_rect(x: f64, y: f64, x0: f64, y0: f64, x1: f64, y1: f64, r: f64) -> bool {
    if x < x0 || x > x1 || y < y0 || y > y1 {
        return false;
    }
    let cx = x.clamp(x0 + r, x1 - r);
    let cy = y.clamp(y0 + r, y1 - r);
    (x - cx).powi(2) + (y - cy).powi(2) <= r * r
}

/// A minimal PNG encoder: 8-bit RGBA, no filtering, one zlib stream.
fn png(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut raw = Vec::with_capacity(rgba.len() + height as usize);
    for row in rgba.chunks((width * 4) as usize) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = z.write_all(&raw);
    let idat = z.finish().unwrap_or_default();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", &ihdr[..]), (b"IDAT", &idat[..]), (b"IEND", &[][..])] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_png_spec_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn icons_are_pngs_of_the_right_size() {
        let png = icon_png(192);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&png[16..24], &[0, 0, 0, 192, 0, 0, 0, 192]);
        assert!(png.ends_with(&[0xAE, 0x42, 0x60, 0x82]));
    }

    #[test]
    fn the_worker_lists_pages_by_directory_and_changes_version_with_content() {
        let files = vec![
            ("index.html".to_owned(), b"a".to_vec()),
            ("lessons/x/index.html".to_owned(), b"b".to_vec()),
        ];
        let sw = service_worker("const V='__VERSION__'; const F=__FILES__;", &files);
        assert!(sw.contains("const F=[\"./\", \"lessons/x/\"];"), "{sw}");
        let changed = vec![
            ("index.html".to_owned(), b"c".to_vec()),
            ("lessons/x/index.html".to_owned(), b"b".to_vec()),
        ];
        assert_ne!(sw, service_worker("const V='__VERSION__'; const F=__FILES__;", &changed));
    }

    #[test]
    fn the_manifest_is_scoped_to_the_base() {
        let m = manifest("/course/");
        assert!(m.contains("\"start_url\": \"/course/\"") && m.contains("\"scope\": \"/course/\""));
        assert!(m.contains("/course/icon-512.png"));
    }
}
