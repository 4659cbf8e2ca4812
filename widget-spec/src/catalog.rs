//! The widget table.

/// What values a parameter accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Free text up to a length, printed as text (never as HTML).
    Text {
        /// Longest accepted value, in bytes.
        max_len: usize,
    },
    /// An integer in a closed range.
    Int {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// `true` or `false`.
    Bool,
    /// Exactly one of the listed words.
    OneOf(&'static [&'static str]),
    /// A comma-separated subset of the listed words (at least one).
    SetOf(&'static [&'static str]),
}

/// One parameter of a widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSpec {
    /// The key as written in the directive and in the `data-` attribute.
    pub name: &'static str,
    /// Accepted values.
    pub kind: ParamKind,
    /// Whether the directive must give it.
    pub required: bool,
    /// One line for the authoring guide.
    pub doc: &'static str,
}

/// One widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidgetSpec {
    /// The name after ```` ```widget ````.
    pub name: &'static str,
    /// What the reader can do with it.
    pub summary: &'static str,
    /// Parameters besides `caption`, which every widget takes and requires.
    pub params: &'static [ParamSpec],
    /// Whether the app mounts it yet. Until then the page shows a clearly marked static
    /// placeholder with the widget's caption.
    pub available: bool,
}

const CAPTION: ParamSpec = ParamSpec {
    name: "caption",
    kind: ParamKind::Text { max_len: 200 },
    required: true,
    doc: "A one-sentence caption shown under the widget (and in its placeholder).",
};

/// Every widget a lesson may embed, in alphabetical order.
pub const CATALOG: &[WidgetSpec] = &[WidgetSpec {
    name: "quantity",
    summary: "Type a Kubernetes resource quantity and see how the API server reads it.",
    params: &[ParamSpec {
        name: "value",
        kind: ParamKind::Text { max_len: 40 },
        required: false,
        doc: "The quantity shown first, e.g. 1.5Gi.",
    }],
    available: true,
}];

/// The widget called `name`.
pub fn lookup(name: &str) -> Option<&'static WidgetSpec> {
    CATALOG.iter().find(|w| w.name == name)
}

impl WidgetSpec {
    /// The spec of parameter `key`, including the shared `caption`.
    pub fn param(&self, key: &str) -> Option<&'static ParamSpec> {
        if key == CAPTION.name {
            return Some(&CAPTION);
        }
        self.params.iter().find(|p| p.name == key)
    }

    /// Every parameter including `caption`.
    pub fn all_params(&self) -> impl Iterator<Item = &'static ParamSpec> {
        std::iter::once(&CAPTION).chain(self.params.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_is_sorted_and_unique() {
        let names: Vec<_> = CATALOG.iter().map(|w| w.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn names_are_attribute_safe() {
        for w in CATALOG {
            for p in w.all_params() {
                assert!(p.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", p.name);
            }
            assert!(w.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", w.name);
        }
    }
}
