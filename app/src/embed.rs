//! Embedding: a widget on its own `embed/<name>/` page takes its parameters from the URL query
//! (validated against the same catalogue lessons are checked with, so a crafted URL can only
//! choose among allowed values), and every widget in a lesson offers an `<iframe>` snippet.

use widget_spec::{WidgetSpec, check_value, lookup};

/// Splits a URL query (`?a=1&b=x%20y`) into decoded pairs; malformed escapes are kept as text.
pub fn parse_query(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
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
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The parameters of `widget` that `pairs` set validly, and a sentence per rejected one.
pub fn validate(
    widget: &WidgetSpec,
    pairs: &[(String, String)],
) -> (Vec<(String, String)>, Vec<String>) {
    let mut ok: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    for (key, value) in pairs.iter().take(32) {
        match widget.param(key) {
            None => problems.push(format!(
                "Ignored `{key}`: the {} widget has no such parameter.",
                widget.name
            )),
            Some(spec) if spec.repeatable => {
                problems.push(format!("Ignored `{key}`: it cannot be set from a link."))
            }
            Some(spec) => match check_value(spec.kind, value) {
                Ok(()) if !ok.iter().any(|(k, _)| k == key) => {
                    ok.push((key.clone(), value.clone()))
                }
                Ok(()) => problems.push(format!("Ignored the second `{key}`.")),
                Err(why) => problems.push(format!("Ignored `{key}`: {why}.")),
            },
        }
    }
    (ok, problems)
}

/// A ready-to-paste `<iframe>` for widget `name` with `params`, hosted at `site` (origin and
/// base path, ending in `/`). The frame posts `{type: "metal-to-wasm:height", height}` to the
/// parent so the host can size it; the second part of the snippet does that.
pub fn snippet(site: &str, name: &str, params: &[(String, String)], title: &str) -> String {
    let query: Vec<String> =
        params.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    let query = if query.is_empty() { String::new() } else { format!("?{}", query.join("&amp;")) };
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{site}embed/{name}/{query}\" title=\"{title}\" width=\"100%\" height=\"480\" \
         loading=\"lazy\" class=\"metal-to-wasm\"></iframe>\n\
         <script>\n\
         addEventListener('message', (e) => {{\n  \
         if (e.data && e.data.type === 'metal-to-wasm:height') for (const f of document.querySelectorAll('iframe.metal-to-wasm'))\n    \
         if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';\n\
         }});\n\
         </script>"
    )
}

/// The widget named `name`, if it can be embedded.
pub fn embeddable(name: &str) -> Option<&'static WidgetSpec> {
    lookup(name).filter(|w| w.embeddable())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_decode() {
        assert_eq!(
            parse_query("?preset=node-failure&caption=A+b%20c&x"),
            [
                ("preset".into(), "node-failure".into()),
                ("caption".into(), "A b c".into()),
                ("x".into(), String::new())
            ]
        );
        assert_eq!(parse_query("?a=%zz%4"), [("a".into(), "%zz%4".into())]);
        assert!(parse_query("").is_empty());
    }

    #[test]
    fn only_catalogue_values_pass() {
        let cluster = lookup("cluster").unwrap();
        let pairs = parse_query(
            "?preset=node-failure&preset=services&bogus=1&panels=view,hack&challenge=%3Cscript%3E",
        );
        let (ok, problems) = validate(cluster, &pairs);
        assert_eq!(ok, [("preset".to_owned(), "node-failure".to_owned())]);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`bogus`")));
        assert!(problems.iter().any(|p| p.contains("`hack` is not one of")));
    }

    #[test]
    fn snippets_escape_and_encode() {
        let s = snippet(
            "https://x.org/c/",
            "cluster",
            &[("preset".into(), "node-failure".into()), ("panels".into(), "view,events".into())],
            "A \"b\" <c>",
        );
        assert!(s.starts_with("<iframe src=\"https://x.org/c/embed/cluster/?preset=node-failure&amp;panels=view%2Cevents\""), "{s}");
        assert!(s.contains("title=\"A &quot;b&quot; &lt;c>\""), "{s}");
        assert!(s.contains("metal-to-wasm:height"));
    }
}
