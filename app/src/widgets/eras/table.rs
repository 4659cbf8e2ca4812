//! The `era-table` widget: the eras side by side, every number a sourced figure with a
//! numbered citation and the conditions it was measured under.

use super::{lesson_href, site_base};
use crate::widgets::sources::{Citations, source_block};
use leptos::prelude::*;
use sim_core::eras::timeline::{Cell, Column, ERAS};

/// The widget.
#[component]
pub fn EraTable(
    /// A name unique on the page, for citation anchors.
    id: String,
) -> impl IntoView {
    let base = site_base();
    let mut cites = Citations::default();
    let head =
        Column::ALL.map(|c| view! { <th scope="col">{c.title()}</th> }).into_iter().collect_view();
    let rows = ERAS
        .iter()
        .map(|era| {
            let cells = era
                .row
                .cells()
                .map(|(_, cell)| view! { <td>{cell_view(cell, &mut cites, &id)}</td> })
                .into_iter()
                .collect_view();
            view! {
                <tr>
                    <th scope="row"><a href=lesson_href(&base, era.lesson)>{era.name}</a></th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let notes = cites
        .list()
        .iter()
        .enumerate()
        .map(|(i, s)| view! { <li id=format!("{id}-src-{}", i + 1)>{source_block(*s)}</li> })
        .collect_view();
    view! {
        <div class="era-table">
            <div class="table-scroll" role="region" aria-label="The eras compared" tabindex="0">
                <table>
                    <caption>"The eras compared; numbered notes give each figure's source and conditions."</caption>
                    <thead><tr><th scope="col">"Era"</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3 class="era-sources-title">"Sources"</h3>
            <ol class="era-sources">{notes}</ol>
        </div>
    }
}

fn cell_view(cell: &Cell, cites: &mut Citations, id: &str) -> impl IntoView + use<> {
    let cite = |n: usize| {
        view! { <sup><a class="cite" href=format!("#{id}-src-{n}") aria-label=format!("source {n}")>{format!("[{n}]")}</a></sup> }
    };
    let text_cites = cell.sources.iter().map(|s| cite(cites.cite(*s))).collect_view();
    let figures = cell
        .figures
        .iter()
        .map(|f| {
            let n = cites.cite(f.range().source);
            view! { <span class="fig">{f.label}": "<strong>{f.text()}</strong>{cite(n)}</span> }
        })
        .collect_view();
    view! { <span class="cell-text">{cell.text}</span>{text_cites}{figures} }
}
