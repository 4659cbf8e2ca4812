//! The search index the build writes (`search-index.tsv`) and ranking over it. Plain Rust,
//! tested natively; the component in `widget.rs` only renders results.

/// The first line of a compatible index.
pub const HEADER: &str = "mtw-search 1";

/// One searchable section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// URL relative to the site root.
    pub url: String,
    /// The page's title.
    pub page: String,
    /// The section heading (empty for a page's introduction).
    pub heading: String,
    /// The section text.
    pub text: String,
    lower_page: String,
    lower_heading: String,
    lower_text: String,
}

/// A ranked result with a snippet split around the first match, for highlighting as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Index::entries`].
    pub entry: usize,
    /// Higher is better.
    pub score: u32,
    /// Text before the match, the match, and text after it.
    pub snippet: (String, String, String),
}

/// The parsed index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// All sections.
    pub entries: Vec<Entry>,
}

impl Index {
    /// Parses the index file; `None` if it is not a compatible index. Malformed lines are
    /// skipped rather than failing the whole search.
    pub fn parse(text: &str) -> Option<Index> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let entries = lines
            .filter_map(|line| {
                let mut f = line.split('\t');
                let (url, page, heading, text) = (f.next()?, f.next()?, f.next()?, f.next()?);
                Some(Entry {
                    url: url.to_owned(),
                    page: page.to_owned(),
                    heading: heading.to_owned(),
                    text: text.to_owned(),
                    lower_page: page.to_lowercase(),
                    lower_heading: heading.to_lowercase(),
                    lower_text: text.to_lowercase(),
                })
            })
            .collect();
        Some(Index { entries })
    }

    /// The best `limit` sections for `query`: every word of the query must appear (the last
    /// as a prefix, so results come as you type); title matches outrank heading matches, which
    /// outrank body matches.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms: Vec<String> = query
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
            .collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let mut score = 0;
                for t in &terms {
                    let s = 8 * count(&e.lower_page, t).min(1)
                        + 4 * count(&e.lower_heading, t).min(2)
                        + count(&e.lower_text, t).min(10);
                    if s == 0 {
                        return None;
                    }
                    score += s;
                }
                Some(Hit { entry: i, score, snippet: snippet(&e.text, &e.lower_text, &terms[0]) })
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.entry.cmp(&b.entry)));
        hits.truncate(limit);
        hits
    }
}

/// Occurrences of `term` at the start of a word in `haystack`.
fn count(haystack: &str, term: &str) -> u32 {
    haystack
        .match_indices(term)
        .filter(|(i, _)| haystack[..*i].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        .count() as u32
}

/// About 140 characters around the first match of `term`, cut at character boundaries.
fn snippet(text: &str, lower: &str, term: &str) -> (String, String, String) {
    // Lowercasing can change byte lengths outside ASCII; fall back to the start of the text.
    let at = lower.find(term).filter(|_| lower.len() == text.len());
    let Some(at) = at else {
        return (clip_end(text, 140), String::new(), String::new());
    };
    let end = at + term.len();
    let before = &text[floor_boundary(text, at.saturating_sub(60))..at];
    let after = &text[end..floor_boundary(text, (end + 80).min(text.len()))];
    let lead = if before.len() < at { "…" } else { "" };
    (format!("{lead}{before}"), text[at..end].to_owned(), format!("{after}…"))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn clip_end(s: &str, n: usize) -> String {
    if s.len() <= n { s.to_owned() } else { format!("{}…", &s[..floor_boundary(s, n)]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "mtw-search 1\n\
        lessons/pods/\tPods\t\tA pod groups containers that share a network namespace.\n\
        lessons/pods/#the-pause-container\tPods\tThe pause container\tThe pause container holds the namespaces.\n\
        lessons/containers/\tContainers\t\tNamespaces and cgroups isolate processes.\n\
        broken line without tabs\n";

    #[test]
    fn parses_and_skips_bad_lines() {
        let idx = Index::parse(INDEX).unwrap();
        assert_eq!(idx.entries.len(), 3);
        assert!(Index::parse("something else\n").is_none());
        assert!(Index::parse("").is_none());
    }

    #[test]
    fn ranks_titles_and_headings_above_body_text() {
        let idx = Index::parse(INDEX).unwrap();
        let hits = idx.search("pause", 5);
        assert_eq!(hits.len(), 1);
        assert_eq!(idx.entries[hits[0].entry].url, "lessons/pods/#the-pause-container");
        let hits = idx.search("namespace", 5);
        assert_eq!(hits.len(), 3, "prefix matches namespaces too");
        let hits = idx.search("pods namespace", 5);
        assert!(hits.iter().all(|h| idx.entries[h.entry].page == "Pods"), "every term must match");
    }

    #[test]
    fn searches_as_you_type_with_prefixes_only_at_word_starts() {
        let idx = Index::parse(INDEX).unwrap();
        assert!(!idx.search("cgr", 5).is_empty());
        assert!(idx.search("roups", 5).is_empty(), "no mid-word matches");
        assert!(idx.search("   ", 5).is_empty());
    }

    #[test]
    fn snippets_split_around_the_match() {
        let idx = Index::parse(INDEX).unwrap();
        let hit = &idx.search("cgroups", 1)[0];
        assert_eq!(hit.snippet.1, "cgroups");
        assert_eq!(hit.snippet.0, "Namespaces and ");
        let (a, b, c) = snippet("ünïcode text here", "ünïcode text here", "text");
        assert_eq!((a.as_str(), b.as_str()), ("ünïcode ", "text"));
        assert!(c.starts_with(" here"));
    }
}
