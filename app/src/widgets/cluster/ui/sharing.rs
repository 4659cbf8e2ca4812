//! The Share button and opening a shared link. The link lives in the URL fragment as
//! `#<figure id>=<link>`, so a page with several playgrounds restores the right one and the
//! fragment never reaches a server. A link that does not decode, or that was made for another
//! playground, leaves a notice and the scenario starts fresh.

use super::{
    super::share,
    Settings,
    state::{Playground, Ui},
};
use leptos::prelude::*;

/// The shared state for the widget with element id `id`, if the page's fragment holds one.
/// `Err` is the sentence to show the reader.
fn fragment_link(id: &str) -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let rest = hash.strip_prefix('#')?.strip_prefix(id)?.strip_prefix('=')?;
    Some(rest.to_owned())
}

/// Loads the playground from the page's share link if it has one for this widget; otherwise
/// (or when the link is refused, with a notice) the directive's scenario.
pub(super) fn load(settings: &mut Settings, id: &str) -> Result<Playground, String> {
    let Some(link) = fragment_link(id) else {
        return Playground::new(settings.preset, settings.challenge);
    };
    match restore(settings, &link) {
        Ok(pg) => Ok(pg),
        Err(why) => {
            crate::notices::show(&format!(
                "This share link could not be opened: {why}. The playground starts fresh."
            ));
            Playground::new(settings.preset, settings.challenge)
        }
    }
}

fn restore(settings: &mut Settings, link: &str) -> Result<Playground, String> {
    let shared = share::decode(link)?;
    let same_challenge = shared.challenge.map(|c| c.id) == settings.challenge.map(|c| c.id);
    let same = shared.preset.name == settings.preset.name && same_challenge;
    // The full-page playground (with its picker) opens any scenario; a lesson's playground
    // only its own.
    if !(same || (settings.picker && shared.challenge.is_none())) {
        return Err("it was made for another playground on this site".into());
    }
    let mut pg = Playground::new(shared.preset, shared.challenge)?;
    pg.driver.replace_inputs(shared.inputs)?;
    pg.clock.playing = false;
    pg.clock.seek = Some(shared.time);
    settings.preset = shared.preset;
    Ok(pg)
}

/// The Share button: puts the link in the address bar and in a field to copy from.
#[component]
pub(crate) fn ShareButton(ui: Ui) -> impl IntoView {
    let field_id = ui.dom_id("share-link");
    let url = RwSignal::new(None::<String>);
    let make = move |_| {
        let Some(link) = ui.read(|p| share::encode(p.preset, p.challenge, &p.driver)) else {
            return;
        };
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        let fragment = format!("{}={link}", ui.id.get_value());
        let _ = location.set_hash(&fragment);
        let href = location.href().unwrap_or_default();
        if let Some(w) = web_sys::window() {
            // Best effort: the field below works without clipboard permission.
            let _ = w.navigator().clipboard().write_text(&href);
        }
        url.set(Some(href));
    };
    view! {
        <div class="share">
            <button type="button" on:click=make>"Share"</button>
            {move || {
                url.get()
                    .map(|href| {
                        let id = field_id.clone();
                        view! {
                            <label for=id.clone() class="visually-hidden">"Link to this moment"</label>
                            <input id=id type="text" readonly class="share-link" prop:value=href />
                            <span class="share-note" role="status">
                                "This link replays the playground to this moment (copied to the clipboard where the browser allows)."
                            </span>
                        }
                    })
            }}
        </div>
    }
}
