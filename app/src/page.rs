//! What the pre-rendered page tells the app about itself (`<body data-…>`, `<meta>`).

use web_sys::Document;

/// Facts about the current page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The site's base path (`/` or `/some/path/`).
    pub base: String,
    /// `lesson`, `page` or `home`.
    pub kind: String,
    /// The lesson or page slug.
    pub slug: String,
    /// The lesson's "Try it" task ids.
    pub tasks: Vec<String>,
}

impl PageInfo {
    /// Reads the page's attributes; missing ones are empty.
    pub fn read(document: &Document) -> Self {
        let body = document.body();
        let attr =
            |name: &str| body.as_ref().and_then(|b| b.get_attribute(name)).unwrap_or_default();
        let base = document
            .query_selector("meta[name=\"site-base\"]")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .filter(|b| b.starts_with('/') && b.ends_with('/'))
            .unwrap_or_else(|| "/".to_owned());
        PageInfo {
            base,
            kind: attr("data-kind"),
            slug: attr("data-slug"),
            tasks: split_list(&attr("data-tasks")),
        }
    }

    /// Whether this page is a lesson.
    pub fn is_lesson(&self) -> bool {
        self.kind == "lesson" && !self.slug.is_empty()
    }
}

/// `a,b,c` to a list, dropping empty items.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_split_and_drop_empties() {
        assert_eq!(super::split_list("a, b,,"), ["a", "b"]);
        assert!(super::split_list("").is_empty());
    }
}
