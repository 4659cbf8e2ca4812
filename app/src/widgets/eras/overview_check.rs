//! The overview page repeats the era table in Markdown (so it reads without JavaScript and in
//! print). This test keeps the two from disagreeing: every number in a Markdown cell must be
//! one of the model's figures for that era and column, rounded the way the Markdown rounds it.

use sim_core::eras::timeline::{Column, ERAS, Era, Unit};

const OVERVIEW: &str = include_str!("../../../../content/pages/overview.md");

/// A number read from the Markdown, in its own unit.
#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    text: String,
    value: f64,
    unit: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Milliseconds per unit of the written unit (µs = 0.001, s = 1000).
    Time(f64),
    Percent,
    Bytes(&'static str),
    Count,
}

fn unit_of(word: &str) -> Kind {
    match word {
        "µs" => Kind::Time(0.001),
        "ms" => Kind::Time(1.0),
        "s" => Kind::Time(1_000.0),
        "min" => Kind::Time(60_000.0),
        "%" => Kind::Percent,
        "MB" => Kind::Bytes("MB"),
        "MiB" => Kind::Bytes("MiB"),
        _ => Kind::Count,
    }
}

/// Drops footnote references, link targets and code marks.
fn plain(cell: &str) -> String {
    let mut out = String::new();
    let mut rest = cell;
    while let Some(i) = rest.find(['[', ']', '`']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("[^") {
            rest = tail.find(']').map_or("", |j| &tail[j + 1..]);
        } else if tail.starts_with("](") {
            rest = tail.find(')').map_or("", |j| &tail[j + 1..]);
        } else {
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn read_number(chars: &[char], mut i: usize) -> (String, usize) {
    let mut s = String::new();
    while let Some(&c) = chars.get(i) {
        let grouped =
            c == ',' && chars.get(i + 1..i + 4).is_some_and(|d| d.iter().all(char::is_ascii_digit));
        let decimal = c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || decimal {
            s.push(c);
        } else if !grouped {
            break;
        }
        i += 1;
    }
    (s, i)
}

/// Every quantity in `text`: `17–33 ms` gives two, `p99` none (a number glued to a word is a
/// name, not a quantity).
fn quantities(text: &str) -> Vec<Quantity> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let glued = i > 0 && chars[i - 1].is_alphanumeric();
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let (first, mut j) = read_number(&chars, i);
        if glued {
            i = j;
            continue;
        }
        let mut numbers = vec![first];
        if matches!(chars.get(j), Some('–' | '-'))
            && chars.get(j + 1).is_some_and(char::is_ascii_digit)
        {
            let (second, k) = read_number(&chars, j + 1);
            numbers.push(second);
            j = k;
        }
        let mut k = j;
        while chars.get(k) == Some(&' ') {
            k += 1;
        }
        let word: String =
            chars[k..].iter().take_while(|c| c.is_alphabetic() || **c == '%').collect();
        let unit = unit_of(if chars.get(j) == Some(&'%') { "%" } else { &word });
        for n in numbers {
            let value = n.parse().unwrap_or(f64::NAN);
            out.push(Quantity { text: n, value, unit });
        }
        i = j;
    }
    out
}

/// Significant digits as written: `0.6` has one, `25` two, `30` one, `10,240` four.
fn significant_digits(text: &str) -> i32 {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_start_matches('0');
    let n = if text.contains('.') { trimmed.len() } else { trimmed.trim_end_matches('0').len() };
    n.max(1) as i32
}

fn round_to(v: f64, sig: i32) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(sig - 1 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

/// Whether `q` is one of `era`'s figures in `column`, rounded as written.
fn matches_model(q: &Quantity, era: &Era, column: Column) -> bool {
    era.figures().filter(|(c, _)| *c == column).any(|(_, f)| {
        let r = f.range();
        [r.low, r.typical, r.high].into_iter().any(|v| {
            let in_markdown_unit = match (f.unit, q.unit) {
                (Unit::Ms, Kind::Time(ms_per_unit)) => v / ms_per_unit,
                (Unit::Fraction, Kind::Percent) => v * 100.0,
                (Unit::Mb, Kind::Bytes("MB")) | (Unit::Mib, Kind::Bytes("MiB")) => v,
                (Unit::Count, Kind::Count) => v,
                _ => return false,
            };
            (round_to(in_markdown_unit, significant_digits(&q.text)) - q.value).abs()
                <= 1e-9 * q.value.abs().max(1.0)
        })
    })
}

fn table_rows() -> Vec<Vec<String>> {
    let section =
        OVERVIEW.split("## The eras side by side").nth(1).expect("the overview's table section");
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and separator
        .map(|l| l.trim_matches('|').split('|').map(|c| c.trim().to_owned()).collect())
        .collect()
}

#[test]
fn every_number_in_the_overview_table_is_a_model_figure() {
    let rows = table_rows();
    assert_eq!(rows.len(), ERAS.len(), "one Markdown row per era");
    let mut checked = 0;
    for (row, era) in rows.iter().zip(&ERAS) {
        assert!(
            row[0].contains(&format!("(lesson:{})", era.lesson)),
            "row order: {} vs {}",
            row[0],
            era.key
        );
        assert_eq!(row.len(), 1 + Column::ALL.len(), "{}", era.key);
        for (cell, column) in row[1..].iter().zip(Column::ALL) {
            for q in quantities(&plain(cell)) {
                assert!(
                    matches_model(&q, era, column),
                    "{} / {}: “{}” ({:?}) is not one of the model's figures: {:?}",
                    era.name,
                    column.title(),
                    q.text,
                    q.unit,
                    era.figures()
                        .filter(|(c, _)| *c == column)
                        .map(|(_, f)| f.text())
                        .collect::<Vec<_>>()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 15, "only {checked} numbers found; is the table still there?");
}

#[test]
fn the_reader_parses_what_the_table_writes() {
    let q = quantities(&plain(
        "17–33 ms for the OCI runtime alone[^crun]; p99 ≤ 5 s; under 1% of invocations",
    ));
    let got: Vec<_> = q.iter().map(|q| (q.text.as_str(), q.unit)).collect();
    assert_eq!(
        got,
        [
            ("17", Kind::Time(1.0)),
            ("33", Kind::Time(1.0)),
            ("5", Kind::Time(1_000.0)),
            ("1", Kind::Percent)
        ]
    );
    let q = quantities("Up to 110 pods per node, 150,000 per cluster; 128–10,240 MB");
    let values: Vec<_> = q.iter().map(|q| q.value).collect();
    assert_eq!(values, [110.0, 150_000.0, 128.0, 10_240.0]);
    assert_eq!(
        (significant_digits("0.6"), significant_digits("30"), significant_digits("10,240")),
        (1, 1, 4)
    );
    assert_eq!(round_to(568.0 / 1_000.0, 1), 0.6);
    // A wrong number is caught.
    let era = &ERAS[3];
    let wrong = quantities("about 0.9 s").remove(0);
    assert!(!matches_model(&wrong, era, Column::Startup));
    let right = quantities("about 0.6 s").remove(0);
    assert!(matches_model(&right, era, Column::Startup));
}
