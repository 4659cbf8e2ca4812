//! The reader's progress: which lessons they visited and which "Try it" tasks they completed.
//! Plain data with a versioned text encoding; the browser glue is in `store.rs`.

use std::collections::BTreeSet;

/// The encoding's version prefix. A stored value with another prefix is discarded.
pub const VERSION: &str = "mtw-progress/1";
/// At most this many entries of each kind are kept, so a hostile value cannot grow unbounded.
pub const MAX_ENTRIES: usize = 500;

/// What the reader has done.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Slugs of lessons opened.
    pub visited: BTreeSet<String>,
    /// `slug:task` pairs completed.
    pub done: BTreeSet<String>,
}

/// Why a stored value was discarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// It is not this site's format or version.
    Foreign,
    /// It is this format but damaged at the given field.
    Corrupt(&'static str),
}

impl Progress {
    /// Records a visit to lesson `slug`.
    pub fn visit(&mut self, slug: &str) -> bool {
        valid_id(slug) && self.visited.len() < MAX_ENTRIES && self.visited.insert(slug.to_owned())
    }

    /// Records that `task` of lesson `slug` is complete.
    pub fn complete(&mut self, slug: &str, task: &str) -> bool {
        valid_id(slug)
            && valid_id(task)
            && self.done.len() < MAX_ENTRIES
            && self.done.insert(format!("{slug}:{task}"))
    }

    /// Whether `task` of lesson `slug` is complete.
    pub fn is_done(&self, slug: &str, task: &str) -> bool {
        self.done.contains(&format!("{slug}:{task}"))
    }

    /// Whether every task in `tasks` of lesson `slug` is complete (false if there are none).
    pub fn all_done(&self, slug: &str, tasks: &[&str]) -> bool {
        !tasks.is_empty() && tasks.iter().all(|t| self.is_done(slug, t))
    }

    /// `mtw-progress/1;v=slug,slug;d=slug:task,slug:task`
    pub fn encode(&self) -> String {
        let join =
            |s: &BTreeSet<String>| s.iter().map(String::as_str).collect::<Vec<_>>().join(",");
        format!("{VERSION};v={};d={}", join(&self.visited), join(&self.done))
    }

    /// Reads a stored value; anything not produced by [`Progress::encode`] is an error.
    pub fn decode(s: &str) -> Result<Self, DecodeError> {
        if s.len() > 64 * 1024 {
            return Err(DecodeError::Corrupt("length"));
        }
        let mut parts = s.split(';');
        if parts.next() != Some(VERSION) {
            return Err(DecodeError::Foreign);
        }
        let visited = field(parts.next(), "v=", valid_id).ok_or(DecodeError::Corrupt("visited"))?;
        let done = field(parts.next(), "d=", |e| {
            e.split_once(':').is_some_and(|(a, b)| valid_id(a) && valid_id(b))
        })
        .ok_or(DecodeError::Corrupt("done"))?;
        if parts.next().is_some() {
            return Err(DecodeError::Corrupt("trailing data"));
        }
        Ok(Progress { visited, done })
    }
}

fn field(
    part: Option<&str>,
    prefix: &str,
    valid: impl Fn(&str) -> bool,
) -> Option<BTreeSet<String>> {
    let list = part?.strip_prefix(prefix)?;
    let items: Vec<&str> = if list.is_empty() { Vec::new() } else { list.split(',').collect() };
    if items.len() > MAX_ENTRIES || !items.iter().all(|i| valid(i)) {
        return None;
    }
    Some(items.into_iter().map(str::to_owned).collect())
}

/// Slugs and task ids: 1–64 lowercase letters, digits and `-`.
fn valid_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut p = Progress::default();
        assert!(p.visit("pods"));
        assert!(!p.visit("pods"), "second visit changes nothing");
        assert!(p.complete("pods", "quiz-1"));
        let decoded = Progress::decode(&p.encode()).unwrap();
        assert_eq!(decoded, p);
        assert!(decoded.is_done("pods", "quiz-1"));
        assert!(decoded.all_done("pods", &["quiz-1"]));
        assert!(!decoded.all_done("pods", &[]));
    }

    #[test]
    fn rejects_foreign_and_corrupt_values() {
        assert_eq!(Progress::decode(""), Err(DecodeError::Foreign));
        assert_eq!(Progress::decode("{\"visited\":[]}"), Err(DecodeError::Foreign));
        assert_eq!(Progress::decode("mtw-progress/0;v=;d="), Err(DecodeError::Foreign));
        assert_eq!(
            Progress::decode("mtw-progress/1;v=Pods;d="),
            Err(DecodeError::Corrupt("visited"))
        );
        assert_eq!(
            Progress::decode("mtw-progress/1;v=a;d=nocolon"),
            Err(DecodeError::Corrupt("done"))
        );
        assert_eq!(Progress::decode("mtw-progress/1;v=a"), Err(DecodeError::Corrupt("done")));
        assert_eq!(
            Progress::decode("mtw-progress/1;v=a;d=;x"),
            Err(DecodeError::Corrupt("trailing data"))
        );
        assert!(Progress::decode(&"x".repeat(70_000)).is_err());
        assert_eq!(Progress::decode("mtw-progress/1;v=;d=").unwrap(), Progress::default());
    }

    #[test]
    fn refuses_invalid_ids_and_bounds_growth() {
        let mut p = Progress::default();
        assert!(!p.visit("<script>"));
        assert!(!p.complete("a", "b:c"));
        for i in 0..MAX_ENTRIES + 10 {
            p.visit(&format!("l{i}"));
        }
        assert_eq!(p.visited.len(), MAX_ENTRIES);
    }
}
