//! Showing where a number comes from: a source's label as a link, its confidence in words,
//! and its conditions. Shared by every widget that shows sourced figures (stack, packing,
//! namespaces, start-up race, serverless cost, era timeline and table), so it is in every
//! bundle that holds one of them.

use leptos::prelude::*;
use sim_core::eras::sourced::{Confidence, Source};

/// The reference's ✅ / 🟡 / ⚠️, in words.
pub fn confidence_text(c: Confidence) -> &'static str {
    match c {
        Confidence::Primary => "primary source",
        Confidence::Secondary => "secondary source",
        Confidence::Estimate => "estimate",
    }
}

/// A CSS class per confidence.
pub fn confidence_class(c: Confidence) -> &'static str {
    match c {
        Confidence::Primary => "conf conf-primary",
        Confidence::Secondary => "conf conf-secondary",
        Confidence::Estimate => "conf conf-estimate",
    }
}

/// A source: its label linking to it, then its confidence.
pub fn source_link(source: Source) -> impl IntoView {
    view! {
        <a class="source" href=source.url rel="noopener">{source.label}</a>
        " "
        <span class=confidence_class(source.confidence)>
            {confidence_text(source.confidence)}
        </span>
    }
}

/// A source with its conditions underneath.
pub fn source_block(source: Source) -> impl IntoView {
    view! {
        <span class="source-block">
            {source_link(source)}
            <span class="source-conditions">{source.conditions}</span>
        </span>
    }
}

/// "Source: <label> (primary source)", the label linking to the source and its conditions in
/// the link's title.
pub fn cite(source: &'static Source) -> impl IntoView {
    view! {
        <span class="cite">
            "Source: "
            <a class="source" href=source.url rel="noopener" title=source.conditions>
                {source.label}
            </a>
            " "
            <span class=confidence_class(source.confidence)>
                "(" {confidence_text(source.confidence)} ")"
            </span>
        </span>
    }
}

/// Unique sources in first-seen order, so a table can number its citations.
#[derive(Clone, Debug, Default)]
pub struct Citations(Vec<Source>);

impl Citations {
    /// The 1-based number of `source`, adding it if new.
    pub fn cite(&mut self, source: Source) -> usize {
        if let Some(i) = self.0.iter().position(|s| {
            s.url == source.url && s.label == source.label && s.conditions == source.conditions
        }) {
            return i + 1;
        }
        self.0.push(source);
        self.0.len()
    }

    /// Every source, in citation order.
    pub fn list(&self) -> &[Source] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Source = Source {
        label: "a",
        url: "https://a.example/",
        conditions: "",
        confidence: Confidence::Primary,
    };
    const B: Source = Source {
        label: "b",
        url: "https://b.example/",
        conditions: "",
        confidence: Confidence::Estimate,
    };

    #[test]
    fn citations_number_sources_once() {
        let mut c = Citations::default();
        assert_eq!((c.cite(A), c.cite(B), c.cite(A)), (1, 2, 1));
        assert_eq!(c.list().len(), 2);
    }
}
