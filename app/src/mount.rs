//! Finding widget placeholders and mounting components into them.

use leptos::mount::mount_to;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Mounts a component into every `figure[data-widget]` on the page.
///
/// A placeholder whose widget this bundle does not hold keeps its static fallback, so a page
/// never breaks because of one widget.
pub fn mount_widgets(base: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(figures) = document.query_selector_all("figure[data-widget]") else { return };
    for i in 0..figures.length() {
        if let Some(figure) = figures.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
            mount_one(&figure, base);
        }
    }
}

fn mount_one(figure: &HtmlElement, base: &str) {
    let name = figure.get_attribute("data-widget").unwrap_or_default();
    let Some(target) = figure
        .query_selector(".widget-mount")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let embedded = figure.has_attribute("data-embed");
    if embedded {
        crate::embed_ui::apply_url_params(figure, &name);
    }
    let params = Params(figure.clone().into());
    let view = match crate::widgets::view_for(&name, figure, &params) {
        Some(view) => view,
        None => return,
    };
    target.set_inner_html("");
    figure.set_attribute("data-mounted", "true").ok();
    mount_to(target, move || view).forget();
    if !embedded {
        crate::embed_ui::add_button(figure, &name, base);
    }
}

/// Read access to a placeholder's `data-*` parameters (validated at build time by
/// `widget-spec`, so a missing or odd value only means "use the default").
pub(crate) struct Params(Element);

impl Params {
    /// The value of parameter `key`.
    pub(crate) fn get(&self, key: &str) -> Option<String> {
        self.0.get_attribute(&format!("data-{key}"))
    }
}
