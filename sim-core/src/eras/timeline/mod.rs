//! The eras from bare metal to WebAssembly: dated, sourced milestones for the timeline, and
//! one comparison row per era (isolation, density, start-up time, overhead, unit of
//! deployment, who operates what) whose numbers are the same sourced figures the start-up
//! race uses, so a number never differs between the overview and a lesson.

mod eras;
pub mod figure;
#[cfg(test)]
mod tests;

pub use eras::ERAS;
pub use figure::{Figure, Show, Unit, Value, format_count, format_ms, significant};

use crate::eras::sourced::Source;

/// One era.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Era {
    /// Stable key (`containers`).
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Slug of the lesson that teaches it.
    pub lesson: &'static str,
    /// What changed, in one sentence.
    pub summary: &'static str,
    /// Dated events, oldest first.
    pub milestones: &'static [Milestone],
    /// The era's row in the comparison table.
    pub row: Row,
}

impl Era {
    /// The years its milestones span, e.g. `1999–2018`.
    pub fn years(&self) -> String {
        let first = self.milestones.first().map(|m| m.year);
        let last = self.milestones.last().map(|m| m.year);
        match (first, last) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        }
    }

    /// Every figure in the era's row.
    pub fn figures(&self) -> impl Iterator<Item = (Column, &'static Figure)> {
        self.row.cells().into_iter().flat_map(|(c, cell)| cell.figures.iter().map(move |f| (c, f)))
    }
}

/// A dated event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Milestone {
    /// Year.
    pub year: u16,
    /// Month (1–12), when the source gives one.
    pub month: Option<u8>,
    /// What happened.
    pub event: &'static str,
    /// Where it is documented.
    pub source: Source,
}

impl Milestone {
    /// `November 2014`, or `2014` without a month.
    pub fn date(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self.month.and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1))) {
            Some(name) => format!("{name} {}", self.year),
            None => self.year.to_string(),
        }
    }
}

/// A column of the comparison table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Column {
    /// What keeps tenants apart.
    Isolation,
    /// How many units fit.
    Density,
    /// Time to start one.
    Startup,
    /// What each unit costs beyond the application.
    Overhead,
    /// What you deploy.
    Unit,
    /// Who runs which layer.
    Operates,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Column; 6] = [
        Column::Isolation,
        Column::Density,
        Column::Startup,
        Column::Overhead,
        Column::Unit,
        Column::Operates,
    ];

    /// The header.
    pub const fn title(self) -> &'static str {
        match self {
            Column::Isolation => "Isolation",
            Column::Density => "Density",
            Column::Startup => "Start-up time",
            Column::Overhead => "Overhead per unit",
            Column::Unit => "Unit of deployment",
            Column::Operates => "Who operates what",
        }
    }
}

/// One table cell: prose, plus the sourced figures and citations behind it.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Cell {
    /// The words.
    pub text: &'static str,
    /// Numbers, each with its source.
    pub figures: &'static [Figure],
    /// Citations for claims in `text` that carry no number.
    pub sources: &'static [Source],
}

/// An era's row.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Row {
    /// What keeps tenants apart.
    pub isolation: Cell,
    /// How many fit.
    pub density: Cell,
    /// Time to start.
    pub startup: Cell,
    /// Cost per unit beyond the application.
    pub overhead: Cell,
    /// What you deploy.
    pub unit: Cell,
    /// Who runs what.
    pub operates: Cell,
}

impl Row {
    /// The cells in [`Column::ALL`] order.
    pub fn cells(&self) -> [(Column, &Cell); 6] {
        [
            (Column::Isolation, &self.isolation),
            (Column::Density, &self.density),
            (Column::Startup, &self.startup),
            (Column::Overhead, &self.overhead),
            (Column::Unit, &self.unit),
            (Column::Operates, &self.operates),
        ]
    }
}
