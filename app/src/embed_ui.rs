//! The DOM side of embedding: applying URL parameters on `embed/<name>/` pages, and the
//! "Embed" button on widgets in lessons.

use crate::embed;
use leptos::{mount::mount_to, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// On an embed page, copies the URL's valid parameters onto the placeholder as `data-*`
/// attributes (where lesson directives put them) and tells the reader what was ignored.
pub(crate) fn apply_url_params(figure: &HtmlElement, name: &str) {
    let Some(widget) = embed::embeddable(name) else { return };
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let (params, problems) = embed::validate(widget, &embed::parse_query(&search));
    for (key, value) in params {
        figure.set_attribute(&format!("data-{key}"), &value).ok();
    }
    for problem in problems.iter().take(5) {
        crate::notices::show(problem);
    }
}

/// Adds an "Embed" button under a lesson's widget that reveals a ready `<iframe>` snippet.
pub(crate) fn add_button(figure: &HtmlElement, name: &str, base: &str) {
    let Some(widget) = embed::embeddable(name) else { return };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(holder) = document.create_element("div") else { return };
    holder.set_class_name("embed-tools");
    figure.append_child(&holder).ok();
    let Ok(holder) = holder.dyn_into::<HtmlElement>() else { return };
    let params: Vec<(String, String)> = widget
        .all_params()
        .filter(|p| p.name != "caption" && !p.repeatable)
        .filter_map(|p| {
            figure.get_attribute(&format!("data-{}", p.name)).map(|v| (p.name.to_owned(), v))
        })
        .collect();
    let caption = figure
        .query_selector("figcaption")
        .ok()
        .flatten()
        .and_then(|c| c.text_content())
        .unwrap_or_else(|| widget.summary.to_owned());
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let code = embed::snippet(&format!("{origin}{base}"), name, &params, &caption);
    let id = format!("{}-embed", figure.id());
    mount_to(holder, move || view! { <EmbedButton code=code id=id/> }).forget();
}

#[component]
fn EmbedButton(code: String, id: String) -> impl IntoView {
    let (open, set_open) = signal(false);
    let (status, set_status) = signal(String::new());
    let code_for_copy = code.clone();
    let copy = move |_| {
        let text = code_for_copy.clone();
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else { return };
        spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            set_status.set(if done.is_ok() {
                "Copied to the clipboard.".to_owned()
            } else {
                "Copying is blocked here: select the code and copy it yourself.".to_owned()
            });
        });
    };
    let panel_id = id.clone();
    view! {
        <button
            type="button"
            class="embed-button"
            aria-expanded=move || open.get().to_string()
            aria-controls=panel_id.clone()
            on:click=move |_| set_open.update(|o| *o = !*o)
        >
            "Embed"
        </button>
        <div class="embed-panel" id=id.clone() hidden=move || !open.get()>
            <label for=format!("{id}-code")>"Paste this into a web page to embed this simulation:"</label>
            <textarea id=format!("{id}-code") readonly rows="6" spellcheck="false">{code}</textarea>
            <button type="button" on:click=copy>"Copy"</button>
            <span class="embed-status" aria-live="polite">{status}</span>
        </div>
    }
}
