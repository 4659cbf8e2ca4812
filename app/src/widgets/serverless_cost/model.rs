//! The serverless widget's plain-Rust parts (tested natively): the logarithmic rate slider,
//! the task check, money formatting and the two charts' geometry.

use sim_core::eras::serverless::{
    Fleet, MINUTES_PER_DAY, Minute, Pattern, Workload,
    pricing::{lambda_bill, seconds_per_month},
};

/// Slider positions: 100 per factor of ten, from 0.01 to 1,000 requests a second.
pub const RATE_STEPS: u32 = 500;
/// Lowest rate on the slider, per second.
pub const RATE_MIN: f64 = 0.01;

/// The rate at slider position `pos`.
pub fn rate_from_pos(pos: u32) -> f64 {
    RATE_MIN * 10f64.powf(f64::from(pos.min(RATE_STEPS)) / 100.0)
}

/// The slider position closest to `rps`.
pub fn pos_from_rate(rps: f64) -> u32 {
    let pos = ((rps / RATE_MIN).log10() * 100.0).round();
    if pos.is_finite() { pos.clamp(0.0, f64::from(RATE_STEPS)) as u32 } else { 0 }
}

/// How close the reader must get to the break-even rate, as a fraction of it.
pub const BREAK_EVEN_TOLERANCE: f64 = 0.05;

/// Whether the reader has found the break-even point of the steady pattern.
pub fn found_break_even(pattern: Pattern, rps: f64, break_even_rps: Option<f64>) -> bool {
    pattern == Pattern::Steady
        && break_even_rps.is_some_and(|b| b > 0.0 && (rps / b - 1.0).abs() <= BREAK_EVEN_TOLERANCE)
}

/// Dollars: cents under $1,000, whole dollars with separators above, more digits below a cent.
pub fn usd(v: f64) -> String {
    let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
    if v == 0.0 {
        "$0".to_owned()
    } else if v < 0.01 {
        format!("${v:.4}")
    } else if v < 1_000.0 {
        format!("${v:.2}")
    } else {
        format!("${}", sim_core::eras::timeline::format_count(v))
    }
}

/// A rate as text: `25.8 requests/s`.
pub fn rate_text(rps: f64) -> String {
    format!("{} requests/s", sim_core::eras::timeline::significant(rps))
}

/// Requests a month as text: `67.8 million`.
pub fn monthly_text(requests: f64) -> String {
    if requests >= 1e9 {
        format!("{} billion", sim_core::eras::timeline::significant(requests / 1e9))
    } else if requests >= 1e6 {
        format!("{} million", sim_core::eras::timeline::significant(requests / 1e6))
    } else {
        sim_core::eras::timeline::format_count(requests)
    }
}

/// Drawing area of both charts, in SVG user units.
pub const WIDTH: f64 = 360.0;
/// Height of the charts.
pub const HEIGHT: f64 = 150.0;
/// Left margin for the y labels.
pub const LEFT: f64 = 40.0;
/// Bottom margin for the x labels.
pub const BOTTOM: f64 = 18.0;

/// The environments alive through the day as an SVG path (the busiest minute of every five),
/// scaled so `max` reaches the top.
pub fn environments_path(minutes: &[Minute], max: u32) -> String {
    let max = f64::from(max.max(1));
    let w = WIDTH - LEFT;
    let h = HEIGHT - BOTTOM;
    let mut d = format!("M{LEFT:.1},{h:.1}");
    for (i, chunk) in minutes.chunks(5).enumerate() {
        let peak = chunk.iter().map(|m| m.environments).max().unwrap_or(0);
        let x = LEFT + w * (i * 5) as f64 / MINUTES_PER_DAY as f64;
        let x2 = LEFT + w * ((i * 5 + chunk.len()) as f64) / MINUTES_PER_DAY as f64;
        let y = h - h * f64::from(peak) / max;
        d.push_str(&format!(" L{x:.1},{y:.1} L{x2:.1},{y:.1}"));
    }
    d.push_str(&format!(" L{:.1},{h:.1} Z", WIDTH));
    d
}

/// x of minute `m` in the day chart.
pub fn minute_x(m: usize) -> f64 {
    LEFT + (WIDTH - LEFT) * m as f64 / MINUTES_PER_DAY as f64
}

/// y of `v` environments when `max` reaches the top.
pub fn count_y(v: u32, max: u32) -> f64 {
    let h = HEIGHT - BOTTOM;
    h - h * f64::from(v) / f64::from(max.max(1))
}

/// The cost chart: both monthly bills over the slider's rates, on log–log axes.
#[derive(Clone, Debug, PartialEq)]
pub struct CostChart {
    /// Lambda's line.
    pub lambda_path: String,
    /// The fleet's line (steps where servers are added).
    pub fleet_path: String,
    /// Lowest dollar value on the y axis (a power of ten).
    pub usd_min: f64,
    /// Highest.
    pub usd_max: f64,
}

/// x of rate `rps` on the cost chart.
pub fn rate_x(rps: f64) -> f64 {
    LEFT + (WIDTH - LEFT) * f64::from(pos_from_rate_exact(rps)) / f64::from(RATE_STEPS)
}

fn pos_from_rate_exact(rps: f64) -> f32 {
    let p = (rps / RATE_MIN).log10() * 100.0;
    if p.is_finite() { p.clamp(0.0, f64::from(RATE_STEPS)) as f32 } else { 0.0 }
}

impl CostChart {
    /// Both lines for `workload` and `fleet` under traffic whose peak is `peak_ratio` × mean.
    pub fn new(peak_ratio: f64, workload: &Workload, fleet: Fleet, free_tier: bool) -> CostChart {
        let month = seconds_per_month();
        let points: Vec<(f64, f64, f64)> = (0..=RATE_STEPS)
            .step_by(5)
            .map(|pos| {
                let r = rate_from_pos(pos);
                let lambda = lambda_bill(r * month, workload, free_tier, 0.0).total_usd();
                let servers = fleet.servers_for(r * peak_ratio, workload);
                (r, lambda, Fleet::monthly_usd(servers))
            })
            .collect();
        let top = points.iter().map(|p| p.1.max(p.2)).fold(1.0, f64::max);
        let usd_max = 10f64.powf(top.log10().ceil());
        let usd_min = (usd_max / 1e6).max(0.01);
        let y = |v: f64| {
            let h = HEIGHT - BOTTOM;
            let f = (v.max(usd_min) / usd_min).log10() / (usd_max / usd_min).log10();
            h - h * f.clamp(0.0, 1.0)
        };
        let path = |pick: fn(&(f64, f64, f64)) -> f64| {
            points
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    format!(
                        "{}{:.1},{:.1}",
                        if i == 0 { "M" } else { " L" },
                        rate_x(p.0),
                        y(pick(p))
                    )
                })
                .collect::<String>()
        };
        CostChart { lambda_path: path(|p| p.1), fleet_path: path(|p| p.2), usd_min, usd_max }
    }

    /// y of `usd` on this chart.
    pub fn usd_y(&self, usd: f64) -> f64 {
        let h = HEIGHT - BOTTOM;
        let f =
            (usd.max(self.usd_min) / self.usd_min).log10() / (self.usd_max / self.usd_min).log10();
        h - h * f.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::eras::serverless::{WORKLOADS, break_even};

    #[test]
    fn slider_covers_five_decades_in_small_steps() {
        assert!((rate_from_pos(0) - 0.01).abs() < 1e-12);
        assert!((rate_from_pos(500) - 1_000.0).abs() < 1e-9);
        assert_eq!(pos_from_rate(25.8), 341);
        assert_eq!(pos_from_rate(-1.0), 0);
        assert_eq!(pos_from_rate(1e9), 500);
        // One step changes the rate by about 2.3 %, inside the task's 5 % tolerance.
        assert!(rate_from_pos(342) / rate_from_pos(341) < 1.024);
    }

    #[test]
    fn the_task_needs_the_steady_pattern_near_its_break_even() {
        let b = break_even(1.0, &WORKLOADS[0], Fleet::OneVm, false).map(|b| b.rps);
        assert!(found_break_even(Pattern::Steady, rate_from_pos(pos_from_rate(25.8)), b));
        assert!(!found_break_even(Pattern::Steady, 20.0, b));
        assert!(!found_break_even(Pattern::Daily, 25.8, b));
        assert!(!found_break_even(Pattern::Steady, 25.8, None));
    }

    #[test]
    fn money_reads_naturally() {
        assert_eq!(usd(70.08), "$70.08");
        assert_eq!(usd(0.0), "$0");
        assert_eq!(usd(0.001_03), "$0.0010");
        assert_eq!(usd(12_345.6), "$12,346");
        assert_eq!(monthly_text(67_824_000.0), "67.8 million");
        assert_eq!(rate_text(25.81), "25.8 requests/s");
    }

    #[test]
    fn the_lines_cross_where_the_model_says() {
        let c = CostChart::new(1.0, &WORKLOADS[0], Fleet::OneVm, false);
        assert!(c.lambda_path.starts_with('M') && c.fleet_path.contains(" L"));
        assert_eq!(c.lambda_path.matches(" L").count(), 100);
        // The fleet's flat line sits at $70.08.
        let y = c.usd_y(70.08);
        assert!(
            c.fleet_path.starts_with(&format!("M{LEFT:.1},{y:.1}")),
            "{} {y}",
            &c.fleet_path[..20]
        );
    }

    #[test]
    fn the_day_path_closes_along_the_axis() {
        let minutes = vec![Minute { environments: 2, ..Minute::default() }; MINUTES_PER_DAY];
        let d = environments_path(&minutes, 4);
        assert!(d.starts_with("M40.0,132.0") && d.ends_with("Z"));
        assert!(d.contains(",66.0"));
    }
}
