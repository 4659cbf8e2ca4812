//! One module per widget; [`view_for`] maps a widget name from the catalogue to its component.

pub mod quantity;

use crate::mount::Params;
use leptos::prelude::*;

/// The component for widget `name`, or `None` if this build has none.
pub(crate) fn view_for(name: &str, params: &Params) -> Option<AnyView> {
    match name {
        "quantity" => Some(
            quantity::QuantityWidget(quantity::QuantityWidgetProps {
                initial: params.get("value").unwrap_or_else(|| "1.5Gi".into()),
            })
            .into_any(),
        ),
        _ => None,
    }
}
