//! RFC 3339 timestamps in and out, against the simulation's fixed epoch
//! ([`crate::time::EPOCH_UNIX_SECS`]).

use crate::time::{EPOCH_UNIX_SECS, SimTime, rfc3339};

/// A parsed timestamp: the simulated time, and whether it had to be clamped because it lies
/// before the simulation's epoch (manifests copied from a real cluster carry older dates).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) time: SimTime,
    pub(crate) clamped: bool,
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` as `time.RFC3339` does. The fraction is
/// checked and dropped: `metav1.Time` travels in whole seconds.
pub(crate) fn parse(s: &str) -> Option<Parsed> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-')
        && at(7, b'-')
        && matches!(b.get(10), Some(b'T' | b't'))
        && at(13, b':')
        && at(16, b':'))
    {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if !(1..=9).contains(&(i - start)) {
            return None;
        }
    }
    let offset_secs = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && at(i + 3, b':') => {
            let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let v = h * 3600 + m * 60;
            if sign == b'+' { v } else { -v }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let unix = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    let since_epoch_ms = (unix - EPOCH_UNIX_SECS as i64) * 1000;
    Some(match u64::try_from(since_epoch_ms) {
        Ok(ms) => Parsed { time: SimTime::from_millis(ms), clamped: false },
        Err(_) => Parsed { time: SimTime::ZERO, clamped: true },
    })
}

/// `metav1.Time`: whole seconds (`2026-01-01T00:05:03Z`).
pub(crate) fn format(t: SimTime) -> String {
    rfc3339(t)
}

/// `metav1.MicroTime` (Lease `renewTime`, Event `eventTime`): six fraction digits.
pub(crate) fn format_micro(t: SimTime) -> String {
    let secs = rfc3339(t);
    let base = secs.strip_suffix('Z').unwrap_or(&secs);
    format!("{base}.{:03}000Z", t.as_millis() % 1000)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_the_printer() {
        for secs in [0u64, 1, 303, 86_400 * 59, 86_400 * 400 + 3723] {
            let t = SimTime::from_secs(secs);
            assert_eq!(parse(&format(t)), Some(Parsed { time: t, clamped: false }));
        }
        let t = SimTime::from_millis(5_123);
        assert_eq!(format_micro(t), "2026-01-01T00:00:05.123000Z");
        assert_eq!(parse(&format_micro(t)).map(|p| p.time), Some(SimTime::from_secs(5)));
    }

    #[test]
    fn offsets_and_old_dates() {
        assert_eq!(parse("2026-01-01T01:00:00+01:00").map(|p| p.time), Some(SimTime::ZERO));
        assert_eq!(
            parse("2024-05-01T10:00:00Z"),
            Some(Parsed { time: SimTime::ZERO, clamped: true })
        );
        for bad in [
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-01-01",
            "yesterday",
            "2026-01-01T00:00:00",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
