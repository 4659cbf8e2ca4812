//! The `quantity` widget: type a resource quantity and see how the API server reads it.

use leptos::prelude::*;
use sim_core::model::{Quantity, quantity::QuantityFormat};

/// What the widget shows for one input: plain data, tested natively.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The canonical form the API server would print back.
    pub canonical: String,
    /// The value in thousandths (`MilliValue()`), how CPU is counted.
    pub millis: i64,
    /// The value in whole units rounded up (`Value()`), how memory is counted.
    pub units: i64,
    /// Which suffix family the input used.
    pub format: &'static str,
}

/// Reads `input` as the API server would.
pub fn read(input: &str) -> Result<Reading, String> {
    let q = Quantity::parse(input.trim())
        .map_err(|e| format!("Invalid value: \"{}\": {e}", input.trim()))?;
    Ok(Reading {
        canonical: q.to_string(),
        millis: q.milli_value(),
        units: q.value(),
        format: match q.format() {
            QuantityFormat::BinarySI => "binary SI (powers of 1024)",
            QuantityFormat::DecimalSI => "decimal SI (powers of 1000)",
            QuantityFormat::DecimalExponent => "decimal exponent",
        },
    })
}

/// Examples the reader can click.
pub const EXAMPLES: [&str; 6] = ["500m", "0.5", "1.5Gi", "1e3", "128974848", "1.2.3"];

/// The widget.
#[component]
pub fn QuantityWidget(
    /// The quantity shown first.
    initial: String,
) -> impl IntoView {
    let (input, set_input) = signal(initial);
    let reading = move || read(&input.get());
    view! {
        <div class="quantity-widget">
            <label class="field">
                <span>"Quantity"</span>
                <input
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=input
                    on:input=move |ev| set_input.set(event_target_value(&ev))
                />
            </label>
            <div class="examples" role="group" aria-label="Examples">
                {EXAMPLES
                    .into_iter()
                    .map(|ex| {
                        view! {
                            <button type="button" on:click=move |_| set_input.set(ex.to_owned())>
                                {ex}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <output class="reading" aria-live="polite">
                {move || match reading() {
                    Ok(r) => {
                        view! {
                            <dl>
                                <dt>"Canonical form"</dt>
                                <dd class="canonical">{r.canonical}</dd>
                                <dt>"Milli-units (how CPU is counted)"</dt>
                                <dd class="millis">{r.millis}</dd>
                                <dt>"Whole units, rounded up (how memory is counted)"</dt>
                                <dd class="units">{r.units}</dd>
                                <dt>"Suffix family"</dt>
                                <dd>{r.format}</dd>
                            </dl>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                }}
            </output>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_examples_like_the_api_server() {
        let r = read("1.5Gi").unwrap();
        assert_eq!((r.canonical.as_str(), r.units), ("1536Mi", 1_610_612_736));
        assert_eq!(read("500m").unwrap().millis, 500);
        assert_eq!(read(" 0.5 ").unwrap().canonical, "500m");
    }

    #[test]
    fn rejects_with_the_api_servers_words() {
        let e = read("1.2.3").unwrap_err();
        assert!(e.starts_with("Invalid value: \"1.2.3\": quantities must match"), "{e}");
    }
}
