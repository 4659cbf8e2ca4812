//! The overview's era widgets — the clickable timeline (`era-timeline`) and the comparison
//! table (`era-table`). Both read
//! `sim_core::eras::timeline::ERAS`, whose numbers are the start-up race's figures.

#[cfg(test)]
mod overview_check;
pub mod table;
pub mod timeline;

/// The address of lesson `slug` under the site's base path.
pub fn lesson_href(base: &str, slug: &str) -> String {
    format!("{base}lessons/{slug}/")
}

/// The site's base path, read from the page (`/` when absent).
pub fn site_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .map_or_else(|| "/".to_owned(), |d| crate::page::PageInfo::read(&d).base)
}
