//! A sourced number's citation: the source's label linking to it, and how sure it is. Shared
//! by the stack, packing and namespace widgets.

use leptos::prelude::*;
use sim_core::eras::sourced::{Confidence, Source};

/// The reference's ✅ / 🟡 / ⚠️ in words, with a class for its colour.
pub fn confidence(c: Confidence) -> (&'static str, &'static str) {
    match c {
        Confidence::Primary => ("primary source", "conf conf-primary"),
        Confidence::Secondary => ("secondary source", "conf conf-secondary"),
        Confidence::Estimate => ("estimate", "conf conf-estimate"),
    }
}

/// "Source: <label> (primary source)", the label linking to the source.
pub fn cite(source: &'static Source) -> impl IntoView {
    let (word, class) = confidence(source.confidence);
    view! {
        <span class="cite">
            "Source: "
            <a class="source" href=source.url rel="noopener" title=source.conditions>
                {source.label}
            </a>
            " "
            <span class=class>"(" {word} ")"</span>
        </span>
    }
}

/// [`cite`] followed by the conditions the figure was measured under.
pub fn cite_with_conditions(source: &'static Source) -> impl IntoView {
    view! {
        <span class="cite-block">
            {cite(source)}
            <span class="cite-conditions">{source.conditions}</span>
        </span>
    }
}
