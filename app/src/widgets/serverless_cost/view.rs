//! The serverless widget's results: the simulated day, latency, the monthly bills, the
//! break-even chart, the limits hit and the sources.

use super::model::{self, CostChart, HEIGHT, LEFT, WIDTH, usd};
use crate::widgets::sources::{Citations, source_block};
use leptos::prelude::*;
use sim_core::eras::{
    serverless::{Limit, Report, Scenario, pricing},
    startup::figures,
    timeline::{format_count, format_ms, significant},
};

/// Everything below the controls, for scenario `s` and its report `r`.
pub(super) fn results(r: Report, s: Scenario) -> impl IntoView {
    view! {
        {day(&r, s.seed)}
        {latency(&r)}
        {bills(&r)}
        {break_even(&r, &s)}
        {limits(&r.limits)}
        {sources()}
    }
}

fn day(r: &Report, seed: u64) -> impl IntoView + use<> {
    let d = &r.day;
    let max = d.peak_environments.max(r.servers).max(1);
    let area = model::environments_path(&d.minutes, max);
    let fleet_y = model::count_y(r.servers, max);
    let h = HEIGHT - model::BOTTOM;
    let colds = d
        .minutes
        .iter()
        .enumerate()
        .filter(|(_, m)| m.cold_starts > 0)
        .map(|(i, _)| {
            let x = model::minute_x(i);
            view! { <line class="cold-tick" x1=x x2=x y1=h y2=h - 8.0></line> }
        })
        .collect_view();
    let hours = [0usize, 6, 12, 18, 24]
        .map(|hr| {
            let x = model::minute_x(hr * 60);
            view! { <text class="axis-label" x=x y=HEIGHT - 4.0 text-anchor="middle">{format!("{hr:02}:00")}</text> }
        })
        .into_iter()
        .collect_view();
    let zero_minutes = d.minutes.iter().filter(|m| m.environments == 0).count();
    let summary = format!(
        "Simulated day (seed {seed}): {} requests. Up to {} execution environments were alive at once ({} busy); {} cold starts. Idle environments were kept {} minutes, so the function was scaled to zero for {} of the day's 1,440 minutes. The always-on alternative runs {} × m5.large all day.",
        format_count(d.requests as f64),
        d.peak_environments,
        d.peak_busy,
        format_count(d.cold_starts as f64),
        d.keep_alive_min,
        format_count(zero_minutes as f64),
        r.servers
    );
    view! {
        <section class="sl-day">
            <h3>"Instances over one day"</h3>
            <svg class="sl-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label="Execution environments and always-on servers over the simulated day; the text below describes it.">
                <text class="axis-label" x=LEFT - 4.0 y="10" text-anchor="end">{max}</text>
                <text class="axis-label" x=LEFT - 4.0 y=h text-anchor="end">"0"</text>
                <line class="axis" x1=LEFT x2=WIDTH y1=h y2=h></line>
                <path class="env-area" d=area></path>
                <line class="fleet-line" x1=LEFT x2=WIDTH y1=fleet_y y2=fleet_y></line>
                {colds}
                {hours}
            </svg>
            <p class="sl-legend">
                <span class="key env-key"></span>"Lambda execution environments "
                <span class="key fleet-key"></span>"always-on servers "
                <span class="key cold-key"></span>"minutes with a cold start"
            </p>
            <p class="sl-day-summary">{summary}</p>
        </section>
    }
}

fn latency(r: &Report) -> impl IntoView + use<> {
    let l = r.day.latency;
    let percent = format!("{}%", significant(l.cold_fraction * 100.0));
    view! {
        <section class="sl-latency">
            <h3>"Latency on Lambda"</h3>
            <dl class="sl-stats">
                <dt>"Warm request"</dt><dd>{format_ms(l.warm_ms)}</dd>
                <dt>"Median (p50)"</dt><dd class="sl-p50">{format_ms(l.p50_ms)}</dd>
                <dt>"99th percentile (p99)"</dt><dd class="sl-p99">{format_ms(l.p99_ms)}</dd>
                <dt>"Slowest"</dt><dd>{format_ms(l.max_ms)}</dd>
                <dt>"Requests that met a cold start"</dt><dd>{percent}</dd>
            </dl>
            <p class="sl-note">
                "A warm request is the platform's median warm latency plus the handler; a cold one adds a cold start drawn from its sourced range. On the always-on servers every request takes the handler time alone (queueing is not modelled)."
            </p>
        </section>
    }
}

fn bills(r: &Report) -> impl IntoView + use<> {
    let total = r.lambda.total_usd();
    let verdict = if total < r.fleet_usd {
        format!("Per-request pricing is cheaper by {} a month.", usd(r.fleet_usd - total))
    } else if total > r.fleet_usd {
        format!("The always-on servers are cheaper by {} a month.", usd(total - r.fleet_usd))
    } else {
        "The two bills are equal.".to_owned()
    };
    view! {
        <section class="sl-bills">
            <h3>"Monthly bill"</h3>
            <div class="table-scroll" role="region" aria-label="Monthly bills" tabindex="0">
                <table>
                    <caption>{format!("{} requests a month (a 730-hour month)", model::monthly_text(r.requests_per_month))}</caption>
                    <tbody>
                        <tr><th scope="row">"Lambda: requests"</th><td class="num">{usd(r.lambda.requests_usd)}</td></tr>
                        <tr><th scope="row">"Lambda: duration (handler)"</th><td class="num">{usd(r.lambda.duration_usd)}</td></tr>
                        <tr><th scope="row">"Lambda: INIT time of cold starts"</th><td class="num">{usd(r.lambda.init_usd)}</td></tr>
                        <tr class="total"><th scope="row">"Lambda total"</th><td class="num sl-lambda-total">{usd(total)}</td></tr>
                        <tr class="total"><th scope="row">{format!("{} × m5.large, always on", r.servers)}</th><td class="num sl-fleet-total">{usd(r.fleet_usd)}</td></tr>
                    </tbody>
                </table>
            </div>
            <p class="sl-verdict" aria-live="polite">{verdict}</p>
        </section>
    }
}

fn break_even(r: &Report, s: &Scenario) -> impl IntoView + use<> {
    let c = CostChart::new(s.pattern.peak_ratio(), &s.workload, s.fleet, s.free_tier);
    let h = HEIGHT - model::BOTTOM;
    let you = model::rate_x(s.mean_rps);
    let (marker, text) = match r.break_even {
        Some(b) => {
            let x = model::rate_x(b.rps);
            (
                Some(view! {
                    <line class="be-line" x1=x x2=x y1="0" y2=h></line>
                    <circle class="be-dot" cx=x cy=c.usd_y(b.usd) r="4"></circle>
                }),
                format!(
                    "For this pattern and workload the bills cross at {} (about {} requests a month), where both are {} a month{}.",
                    model::rate_text(b.rps),
                    model::monthly_text(b.requests_per_month),
                    usd(b.usd),
                    if b.at_step { ", at the step where another server is added" } else { "" }
                ),
            )
        }
        None => (
            None,
            "For this pattern and workload the bills never cross: servers sized for the busiest minute cost more than Lambda at every rate up to a million requests a second.".to_owned(),
        ),
    };
    let decades = (0..=5)
        .map(|i| {
            let r = model::RATE_MIN * 10f64.powi(i);
            view! { <text class="axis-label" x=model::rate_x(r) y=HEIGHT - 4.0 text-anchor="middle">{significant(r)}</text> }
        })
        .collect_view();
    view! {
        <section class="sl-break-even">
            <h3>"Where the bills cross"</h3>
            <svg class="sl-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label="Monthly cost against mean request rate, both axes logarithmic; the text below gives the crossing point.">
                <text class="axis-label" x=LEFT - 4.0 y="10" text-anchor="end">{usd(c.usd_max)}</text>
                <text class="axis-label" x=LEFT - 4.0 y=h text-anchor="end">{usd(c.usd_min)}</text>
                <line class="axis" x1=LEFT x2=WIDTH y1=h y2=h></line>
                <path class="lambda-line" d=c.lambda_path.clone()></path>
                <path class="fleet-cost-line" d=c.fleet_path.clone()></path>
                {marker}
                <line class="you-line" x1=you x2=you y1="0" y2=h></line>
                {decades}
            </svg>
            <p class="sl-legend">
                <span class="key lambda-key"></span>"Lambda (without INIT) "
                <span class="key fleet-key"></span>"always-on servers "
                <span class="key you-key"></span>"your rate (requests/s, log scale)"
            </p>
            <p class="sl-break-even-text" data-break-even-rps=r.break_even.map(|b| format!("{:.4}", b.rps))>{text}</p>
        </section>
    }
}

fn limits(list: &[Limit]) -> impl IntoView + use<> {
    if list.is_empty() {
        return view! { <p class="sl-limits-none">"This workload fits within Lambda's limits."</p> }.into_any();
    }
    let items = list
        .iter()
        .map(|l| match *l {
            Limit::MaxDuration { duration_s, max } => view! {
                <li>{format!(
                    "Each job runs {} but an invocation stops after {}: split the work into shorter steps or run it on a server.",
                    format_ms(duration_s * 1e3), format_ms(max.typical * 1e3)
                )}" "{source_block(max.source)}</li>
            }.into_any(),
            Limit::LongLivedConnection { held_s, max } => view! {
                <li>{format!(
                    "Each connection stays open {} but an invocation ends after {}, and while it holds the connection it occupies (and bills) a whole execution environment. Keep connections in a gateway or a server and call functions per message.",
                    format_ms(held_s * 1e3), format_ms(max.typical * 1e3)
                )}" "{source_block(max.source)}</li>
            }.into_any(),
            Limit::Concurrency { wanted, throttled, quota } => view! {
                <li>{format!(
                    "The busiest minute wanted {} concurrent environments; the default quota is {}, so {} requests were throttled. Each environment also opens its own database connections.",
                    format_count(f64::from(wanted)), format_count(quota.typical), format_count(throttled as f64)
                )}" "{source_block(quota.source)}</li>
            }.into_any(),
            Limit::Memory { memory_mb, allowed } => view! {
                <li>{format!("{memory_mb} MB is outside the {}–{} MB a function may have.", allowed.low, allowed.high)}" "{source_block(allowed.source)}</li>
            }.into_any(),
        })
        .collect_view();
    view! {
        <section class="sl-limits">
            <h3>"Limits this workload hits"</h3>
            <ul>{items}</ul>
        </section>
    }
    .into_any()
}

fn sources() -> impl IntoView {
    let mut c = Citations::default();
    for s in [
        pricing::REQUEST_USD.source,
        pricing::M5_LARGE_HOURLY_USD.source,
        figures::LAMBDA_COLD_START_MS.source,
        figures::LAMBDA_WARM_MS.source,
        pricing::KEEP_ALIVE_MIN.source,
        pricing::MAX_DURATION_S.source,
        pricing::CONCURRENCY_QUOTA.source,
    ] {
        c.cite(s);
    }
    let items = c.list().iter().map(|s| view! { <li>{source_block(*s)}</li> }).collect_view();
    view! {
        <details class="sl-sources">
            <summary>"Prices, figures and their sources"</summary>
            <ul>
                <li>{format!(
                    "Lambda: ${:.7} per request and ${:.10} per GB-second; free tier {} requests and {} GB-seconds a month. m5.large: ${:.3} an hour, {} hours a month. Idle environments kept {}–{} minutes (drawn per simulated day).",
                    pricing::REQUEST_USD.typical, pricing::GB_SECOND_USD.typical,
                    format_count(pricing::FREE_REQUESTS.typical), format_count(pricing::FREE_GB_SECONDS.typical),
                    pricing::M5_LARGE_HOURLY_USD.typical, pricing::HOURS_PER_MONTH.typical,
                    pricing::KEEP_ALIVE_MIN.low, pricing::KEEP_ALIVE_MIN.high
                )}</li>
                {items}
            </ul>
        </details>
    }
}
