//! A sourced number as the era table shows it, and the formatting every era widget shares, so
//! a figure reads the same on every page.

use crate::eras::{
    sourced::{Range, Source},
    startup::LaneId,
};

/// What a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Unit {
    /// A duration in milliseconds, printed in the unit that suits it (µs to min).
    Ms,
    /// Megabytes.
    Mb,
    /// Mebibytes.
    Mib,
    /// A plain count.
    Count,
    /// A share, printed as a percentage.
    Fraction,
}

/// Which part of the range a figure states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Show {
    /// The typical value ("about 568 ms").
    Typical,
    /// Low to typical ("17–33 ms"): the source's usual span, leaving out a rare high.
    LowToTypical,
    /// The whole range ("100 ms – 1 s").
    LowToHigh,
    /// An upper bound ("≤ 125 ms").
    AtMost,
    /// A strict upper bound ("< 1%").
    Under,
}

/// Where a figure's numbers come from.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum Value {
    /// A sourced range.
    Fixed(Range),
    /// The sum of a start-up lane's phases, cited by `Source`.
    LaneTotal(LaneId, Source),
}

/// One number in the era table.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Figure {
    /// What is measured ("docker run, image cached").
    pub label: &'static str,
    /// The numbers.
    pub value: Value,
    /// What they count.
    pub unit: Unit,
    /// Which part to state.
    pub show: Show,
}

impl Figure {
    /// The figure's range, computed for lane totals.
    pub fn range(&self) -> Range {
        match self.value {
            Value::Fixed(r) => r,
            Value::LaneTotal(lane, source) => {
                let (low, typical, high) = lane.lane().total_ms();
                Range::new(low, typical, high, source)
            }
        }
    }

    /// The figure as text, e.g. `17–33 ms`, `≤ 125 ms`, `about 29.2 s`.
    pub fn text(&self) -> String {
        let r = self.range();
        match self.show {
            Show::Typical => format!("about {}", self.unit.format(r.typical)),
            Show::LowToTypical => self.unit.format_span(r.low, r.typical),
            Show::LowToHigh => self.unit.format_span(r.low, r.high),
            Show::AtMost => format!("≤ {}", self.unit.format(r.typical)),
            Show::Under => format!("< {}", self.unit.format(r.typical)),
        }
    }
}

impl Unit {
    /// One value with its unit.
    pub fn format(self, v: f64) -> String {
        match self {
            Unit::Ms => format_ms(v),
            Unit::Mb => format!("{} MB", number(v)),
            Unit::Mib => format!("{} MiB", number(v)),
            Unit::Count => format_count(v),
            Unit::Fraction => format!("{}%", number(v * 100.0)),
        }
    }

    /// A span: `17–33 ms` when both ends share a unit, `100 ms – 1 s` otherwise.
    pub fn format_span(self, low: f64, high: f64) -> String {
        let (a, b) = (self.format(low), self.format(high));
        match (a.rsplit_once(' '), b.rsplit_once(' ')) {
            (Some((na, ua)), Some((nb, ub))) if ua == ub => format!("{na}–{nb} {ua}"),
            _ if a.ends_with('%') && b.ends_with('%') => {
                format!("{}–{b}", a.trim_end_matches('%'))
            }
            _ if self == Unit::Count => format!("{a}–{b}"),
            _ => format!("{a} – {b}"),
        }
    }
}

/// A duration given in milliseconds, in µs, ms, s or min with up to three significant
/// digits: `1.17 µs`, `568 ms`, `29.2 s`, `1.87 min`.
pub fn format_ms(ms: f64) -> String {
    let ms = if ms.is_finite() { ms.max(0.0) } else { 0.0 };
    if ms < 1.0 {
        format!("{} µs", significant(ms * 1_000.0))
    } else if ms < 1_000.0 {
        format!("{} ms", significant(ms))
    } else if ms < 60_000.0 {
        format!("{} s", significant(ms / 1_000.0))
    } else {
        format!("{} min", significant(ms / 60_000.0))
    }
}

/// A count with thousands separators: `150,000`.
pub fn format_count(v: f64) -> String {
    let n = if v.is_finite() && v > 0.0 { v.round() as u64 } else { 0 };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// [`significant`] below 1,000, [`format_count`] from there.
fn number(v: f64) -> String {
    if v >= 1_000.0 { format_count(v) } else { significant(v) }
}

/// Up to three significant digits (whole numbers from 100 up), trailing zeros dropped.
pub fn significant(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let decimals = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{v:.decimals$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s }
}
