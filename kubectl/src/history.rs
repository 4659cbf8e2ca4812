//! Command history for the console's arrow keys: up walks back, down walks forward to the
//! line being edited, consecutive duplicates and blank lines are not recorded.

/// Most entries kept.
pub(crate) const MAX_ENTRIES: usize = 500;

/// Entered command lines and a browsing position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// `Some(i)` while browsing entry `i`; `None` at the draft line.
    position: Option<usize>,
    /// What was typed before browsing started.
    draft: String,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        History::default()
    }

    /// Records an entered line and returns to the draft position.
    pub fn push(&mut self, line: &str) {
        self.position = None;
        self.draft.clear();
        let line = line.trim();
        if line.is_empty() || self.entries.last().is_some_and(|l| l == line) {
            return;
        }
        self.entries.push(line.to_owned());
        if self.entries.len() > MAX_ENTRIES {
            self.entries.remove(0);
        }
    }

    /// Arrow up: the previous entry, remembering `current` as the draft on the first step.
    /// `None` when there is nothing older.
    pub fn up(&mut self, current: &str) -> Option<&str> {
        let next = match self.position {
            None if self.entries.is_empty() => return None,
            None => {
                self.draft = current.to_owned();
                self.entries.len() - 1
            }
            Some(0) => return None,
            Some(i) => i - 1,
        };
        self.position = Some(next);
        self.entries.get(next).map(String::as_str)
    }

    /// Arrow down: the next entry, or the draft after the newest. `None` when not browsing.
    pub fn down(&mut self) -> Option<&str> {
        let i = self.position?;
        if i + 1 < self.entries.len() {
            self.position = Some(i + 1);
            return self.entries.get(i + 1).map(String::as_str);
        }
        self.position = None;
        Some(&self.draft)
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_back_and_forth_keeping_the_draft() {
        let mut h = History::new();
        for l in ["get pods", "get pods", " ", "get nodes"] {
            h.push(l);
        }
        assert_eq!(h.entries(), ["get pods", "get nodes"]);
        assert_eq!(h.up("desc"), Some("get nodes"));
        assert_eq!(h.up("ignored"), Some("get pods"));
        assert_eq!(h.up("ignored"), None);
        assert_eq!(h.down(), Some("get nodes"));
        assert_eq!(h.down(), Some("desc"));
        assert_eq!(h.down(), None);
        assert_eq!(History::new().up(""), None);
    }

    #[test]
    fn is_bounded() {
        let mut h = History::new();
        for i in 0..MAX_ENTRIES + 10 {
            h.push(&format!("get pod p{i}"));
        }
        assert_eq!(h.entries().len(), MAX_ENTRIES);
        assert_eq!(h.entries()[0], "get pod p10");
    }
}
