//! Short messages to the reader in the page's `[data-notices]` live region (for example when
//! stored progress could not be read). Text only, never HTML.

use wasm_bindgen::{JsCast, closure::Closure};

/// Shows `message` with a dismiss button.
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(region) = document.query_selector("[data-notices]").ok().flatten() else { return };
    let (Ok(p), Ok(button)) = (document.create_element("p"), document.create_element("button"))
    else {
        return;
    };
    p.set_class_name("notice");
    p.set_text_content(Some(message));
    button.set_text_content(Some("Dismiss"));
    button.set_attribute("type", "button").ok();
    let target = p.clone();
    let dismiss = Closure::<dyn FnMut()>::new(move || target.remove());
    button.add_event_listener_with_callback("click", dismiss.as_ref().unchecked_ref()).ok();
    // The listener lives as long as the page; notices are rare, so leaking it is fine.
    dismiss.forget();
    p.append_child(&button).ok();
    region.append_child(&p).ok();
}
