//! The adjustable parameters, each sourced figure with its citation.

use super::logic::fmt_kib;
use crate::widgets::sources::cite;
use leptos::prelude::*;
use sim_core::eras::{
    packing::{GuestOs, Params, ShimMetric, defaults},
    sourced::Range,
};

/// A slider over a sourced range, with its value and its source.
fn range_field(
    id: String,
    label: &'static str,
    range: impl Fn() -> &'static Range + Copy + Send + Sync + 'static,
    value: impl Fn() -> u64 + Copy + Send + Sync + 'static,
    unit_kib: u64,
    set: impl Fn(u64) + Copy + 'static,
) -> impl IntoView {
    view! {
        <div class="pack-param">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="range"
                min=move || range().low.round().to_string()
                max=move || range().high.round().to_string()
                step="1"
                prop:value=move || value().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                        set(v);
                    }
                }
            />
            <span class="pack-param-value">
                {move || {
                    let r = range();
                    format!(
                        "{} (source range {} – {}, typical {})",
                        fmt_kib(value() * unit_kib),
                        fmt_kib(r.low as u64 * unit_kib),
                        fmt_kib(r.high as u64 * unit_kib),
                        fmt_kib(r.typical as u64 * unit_kib)
                    )
                }}
            </span>
            {move || cite(&range().source)}
        </div>
    }
}

/// The panel.
#[component]
pub fn ParamsPanel(
    /// The parameters it edits.
    params: RwSignal<Params>,
    /// A page-unique prefix for element ids.
    id: String,
) -> impl IntoView {
    let ram_id = format!("{id}-ram");
    let cpu_id = format!("{id}-cpu");
    let guest_id = format!("{id}-guest");
    let shim_id = format!("{id}-shim");
    let ram_choices = [8u64, 16, 32, 64].map(
        |g| view! { <option value=g.to_string() selected=g == 16>{format!("{g} GiB")}</option> },
    );
    let cpu_choices = [4u64, 8, 16, 32].map(
        |c| view! { <option value=c.to_string() selected=c == 8>{format!("{c} cores")}</option> },
    );
    view! {
        <details class="pack-params">
            <summary>"Parameters and their sources"</summary>
            <div class="pack-param">
                <label for=ram_id.clone()>"Memory per server (your choice)"</label>
                <select
                    id=ram_id
                    on:change=move |ev| {
                        if let Ok(g) = event_target_value(&ev).parse::<u64>() {
                            params.update(|p| p.server_ram_mib = g * 1024);
                        }
                    }
                >
                    {ram_choices}
                </select>
            </div>
            <div class="pack-param">
                <label for=cpu_id.clone()>"CPU per server (your choice)"</label>
                <select
                    id=cpu_id
                    on:change=move |ev| {
                        if let Ok(c) = event_target_value(&ev).parse::<u64>() {
                            params.update(|p| p.server_cpu_millis = c * 1000);
                        }
                    }
                >
                    {cpu_choices}
                </select>
            </div>
            {range_field(
                format!("{id}-host"),
                "Host operating system per server",
                || &defaults::LINUX_OS_MIB,
                move || params.with(|p| p.host_os_mib),
                1024,
                move |v| params.update(|p| p.host_os_mib = v),
            )}
            <div class="pack-param">
                <label for=guest_id.clone()>"Guest operating system in each VM"</label>
                <select
                    id=guest_id
                    on:change=move |ev| {
                        let guest = if event_target_value(&ev) == "windows" { GuestOs::Windows } else { GuestOs::Linux };
                        params.update(|p| *p = p.with_guest(guest));
                    }
                >
                    <option value="linux" selected=true>"Linux"</option>
                    <option value="windows">"Windows Server"</option>
                </select>
            </div>
            {range_field(
                format!("{id}-guestmem"),
                "Memory of one guest OS",
                move || params.with(|p| p.guest_range()),
                move || params.with(|p| p.guest_os_mib),
                1024,
                move |v| params.update(|p| p.guest_os_mib = v),
            )}
            <div class="pack-param">
                <label for=shim_id.clone()>"Count each containerd shim as"</label>
                <select
                    id=shim_id
                    on:change=move |ev| {
                        let metric = if event_target_value(&ev) == "pss" { ShimMetric::Pss } else { ShimMetric::Rss };
                        params.update(|p| *p = p.with_shim_metric(metric));
                    }
                >
                    <option value="rss" selected=true>"RSS (all pages it maps)"</option>
                    <option value="pss">"PSS (shared pages split between shims)"</option>
                </select>
            </div>
            {range_field(
                format!("{id}-shimmem"),
                "Memory of one shim",
                move || params.with(|p| p.shim_range()),
                move || params.with(|p| p.shim_kib),
                1,
                move |v| params.update(|p| p.shim_kib = v),
            )}
            {range_field(
                format!("{id}-wasm"),
                "Runtime memory per Wasm instance",
                || &defaults::WASM_INSTANCE_KIB,
                move || params.with(|p| p.wasm_instance_kib),
                1,
                move |v| params.update(|p| p.wasm_instance_kib = v),
            )}
            <p class="pack-param-note">
                "Not counted, for want of a sourced figure: the hypervisor's or Wasm runtime's own memory, a VM monitor process such as QEMU, and page sharing (KSM) between guests."
            </p>
        </details>
    }
}
