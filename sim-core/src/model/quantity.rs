//! `resource.Quantity`: Kubernetes' fixed-point numbers with SI suffixes (`500m`, `1Gi`, `1e3`).

use serde::{Deserialize, Serialize};
use std::{cmp::Ordering, fmt};

/// The largest magnitude accepted, in milli-units: 2^63 whole units, the limit of `int64`
/// `Value()` that the scheduler and kubelet compute with upstream.
const MAX_MILLIS: i128 = (i64::MAX as i128) * 1000;

/// How a quantity was written, which decides how it is printed back (upstream keeps the format
/// of the first suffix it parsed and canonicalizes within it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum QuantityFormat {
    /// Powers of 1024: `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`.
    BinarySI,
    /// Powers of 1000 with SI letters: `m`, (none), `k`, `M`, `G`, `T`, `P`, `E`.
    #[default]
    DecimalSI,
    /// Scientific notation: `1e3`, `5E-3`.
    DecimalExponent,
}

/// An exact quantity, stored in thousandths ("milli-units").
///
/// Upstream rounds anything finer than a milli-unit *up* (`0.1m` is `1m`); so does this type.
/// Equality and ordering compare values only, never the format.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct Quantity {
    millis: i128,
    format: QuantityFormat,
}

/// Why a string is not a quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuantityError {
    /// The text does not follow the quantity grammar.
    Syntax,
    /// The value is larger than the simulator (and the scheduler upstream) can represent.
    TooLarge,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The same wording as apimachinery's ErrFormatWrong.
            QuantityError::Syntax => {
                f.write_str("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
            }
            QuantityError::TooLarge => f.write_str("quantity is too large"),
        }
    }
}

impl std::error::Error for QuantityError {}

impl Quantity {
    /// A quantity of `millis` thousandths, printed in decimal SI.
    pub const fn from_millis(millis: i64) -> Self {
        Quantity { millis: millis as i128, format: QuantityFormat::DecimalSI }
    }

    /// A whole number of units printed in decimal SI (`3` cpus, `110` pods).
    pub const fn from_units(units: i64) -> Self {
        Quantity { millis: units as i128 * 1000, format: QuantityFormat::DecimalSI }
    }

    /// A byte count printed in binary SI (`1Gi`).
    pub const fn from_bytes(bytes: i64) -> Self {
        Quantity { millis: bytes as i128 * 1000, format: QuantityFormat::BinarySI }
    }

    /// The value in thousandths, as `MilliValue()` upstream (saturating at `i64`).
    pub fn milli_value(&self) -> i64 {
        self.millis.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// The value in whole units rounded up, as `Value()` upstream (`1500m` is 2).
    pub fn value(&self) -> i64 {
        let v = self.millis.div_euclid(1000) + i128::from(self.millis.rem_euclid(1000) != 0);
        v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.millis == 0
    }

    /// The format this quantity prints in.
    pub fn format(&self) -> QuantityFormat {
        self.format
    }

    /// Parses a quantity as `resource.ParseQuantity` does.
    pub fn parse(s: &str) -> Result<Self, QuantityError> {
        let (number, suffix) = split_number(s).ok_or(QuantityError::Syntax)?;
        let (negative, digits) = match number.as_bytes().first() {
            Some(b'-') => (true, &number[1..]),
            Some(b'+') => (false, &number[1..]),
            _ => (false, number),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(QuantityError::Syntax);
        }
        let (format, base, exp10) = parse_suffix(suffix)?;
        // value = 0.<frac> + <int>, times base (a power of two) times 10^exp10, in milli-units.
        let mantissa_digits = format!("{int_part}{frac_part}");
        let scale10 = exp10 + 3 - frac_part.len() as i32;
        let millis = scaled(&mantissa_digits, base, scale10)?;
        Ok(Quantity { millis: if negative { -millis } else { millis }, format })
    }
}

/// Splits `s` into the signed decimal number and the suffix after it.
fn split_number(s: &str) -> Option<(&str, &str)> {
    let bytes = s.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let start_digits = i;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
        i += 1;
    }
    if i == start_digits || s[start_digits..i].matches('.').count() > 1 {
        return None;
    }
    Some((&s[..i], &s[i..]))
}

/// (format, multiplier as a power of 1024, power of ten) for a suffix.
fn parse_suffix(suffix: &str) -> Result<(QuantityFormat, u32, i32), QuantityError> {
    use QuantityFormat::*;
    let decimal = |e| Ok((DecimalSI, 0, e));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => Ok((BinarySI, 1, 0)),
        "Mi" => Ok((BinarySI, 2, 0)),
        "Gi" => Ok((BinarySI, 3, 0)),
        "Ti" => Ok((BinarySI, 4, 0)),
        "Pi" => Ok((BinarySI, 5, 0)),
        "Ei" => Ok((BinarySI, 6, 0)),
        _ => {
            let rest = suffix.strip_prefix(['e', 'E']).ok_or(QuantityError::Syntax)?;
            let digits = rest.strip_prefix(['+', '-']).unwrap_or(rest);
            if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(QuantityError::Syntax);
            }
            let exp: i32 = rest.parse().map_err(|_| QuantityError::Syntax)?;
            Ok((DecimalExponent, 0, exp))
        }
    }
}

/// `digits × 1024^base × 10^scale10`, rounded up to an integer, or `TooLarge`.
fn scaled(digits: &str, base: u32, scale10: i32) -> Result<i128, QuantityError> {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(0);
    }
    if digits.len() > 36 {
        return Err(QuantityError::TooLarge);
    }
    let mut v: i128 = digits.parse().map_err(|_| QuantityError::Syntax)?;
    for _ in 0..base {
        v = v.checked_mul(1024).ok_or(QuantityError::TooLarge)?;
    }
    if scale10 >= 0 {
        for _ in 0..scale10 {
            v = v.checked_mul(10).ok_or(QuantityError::TooLarge)?;
            if v > MAX_MILLIS {
                return Err(QuantityError::TooLarge);
            }
        }
    } else {
        let div = (-scale10).min(40);
        let mut rounded_up = false;
        for _ in 0..div {
            rounded_up |= v % 10 != 0;
            v /= 10;
        }
        v += i128::from(rounded_up);
    }
    if v > MAX_MILLIS { Err(QuantityError::TooLarge) } else { Ok(v) }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.millis == other.millis
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.millis.cmp(&other.millis)
    }
}

impl std::hash::Hash for Quantity {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.millis.hash(state);
    }
}

impl std::str::FromStr for Quantity {
    type Err = QuantityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Quantity::parse(s)
    }
}

/// Prints the canonical form, as `Quantity.String()` upstream: the largest suffix of the
/// quantity's own format that keeps the number whole (`1Gi`, `1536Mi`, `500m`, `2k`, `1e3`).
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.millis < 0 { "-" } else { "" };
        let m = self.millis.unsigned_abs();
        if m == 0 {
            return f.write_str("0");
        }
        if !m.is_multiple_of(1000) {
            // Fractions of a unit only exist in decimal, whatever the quantity was written in.
            return write!(f, "{sign}{m}m");
        }
        let units = m / 1000;
        match self.format {
            QuantityFormat::BinarySI => {
                const SUFFIXES: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
                let (mut v, mut i) = (units, 0);
                while i + 1 < SUFFIXES.len() && v.is_multiple_of(1024) {
                    v /= 1024;
                    i += 1;
                }
                if i == 0 {
                    // Not a multiple of 1024: upstream falls back to decimal SI.
                    return write_decimal(f, sign, units, false);
                }
                write!(f, "{sign}{v}{}", SUFFIXES[i])
            }
            QuantityFormat::DecimalSI => write_decimal(f, sign, units, false),
            QuantityFormat::DecimalExponent => write_decimal(f, sign, units, true),
        }
    }
}

fn write_decimal(
    f: &mut fmt::Formatter<'_>,
    sign: &str,
    units: u128,
    exponent: bool,
) -> fmt::Result {
    const SUFFIXES: [&str; 7] = ["", "k", "M", "G", "T", "P", "E"];
    let (mut v, mut i) = (units, 0);
    while i + 1 < SUFFIXES.len() && v.is_multiple_of(1000) {
        v /= 1000;
        i += 1;
    }
    if exponent && i > 0 {
        write!(f, "{sign}{v}e{}", i * 3)
    } else {
        write!(f, "{sign}{v}{}", SUFFIXES[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_the_documented_forms() {
        let cases: &[(&str, i64)] = &[
            ("500m", 500),
            ("0.5", 500),
            ("1", 1000),
            ("1.5", 1500),
            (".5", 500),
            ("5.", 5000),
            ("+2", 2000),
            ("-1", -1000),
            ("1k", 1_000_000),
            ("1e3", 1_000_000),
            ("1E3", 1_000_000),
            ("5e-3", 5),
            ("1Ki", 1_024_000),
            ("1Mi", 1_048_576_000),
            ("0.5Gi", 536_870_912_000),
            ("0.1m", 1),
            ("100n", 1),
            ("0", 0),
            ("0Gi", 0),
        ];
        for (s, millis) in cases {
            assert_eq!(q(s).milli_value(), *millis, "{s}");
        }
    }

    #[test]
    fn value_rounds_up_like_upstream() {
        assert_eq!(q("1500m").value(), 2);
        assert_eq!(q("1Gi").value(), 1 << 30);
        assert_eq!(q("-1500m").value(), -1);
    }

    #[test]
    fn rejects_garbage() {
        for s in
            ["", "m", "Gi", "1.2.3", "1GiB", "1 Gi", "abc", "1e", "1e+", "--1", "1ki", "1e99999"]
        {
            assert!(Quantity::parse(s).is_err(), "{s:?} should be rejected");
        }
        assert_eq!(Quantity::parse("1e30"), Err(QuantityError::TooLarge));
        assert_eq!(
            Quantity::parse("99999999999999999999999999999999999999999"),
            Err(QuantityError::TooLarge)
        );
    }

    #[test]
    fn prints_canonically() {
        let cases = [
            ("500m", "500m"),
            ("1000m", "1"),
            ("0.5", "500m"),
            ("2000", "2k"),
            ("1500", "1500"),
            ("1024Mi", "1Gi"),
            ("1.5Gi", "1536Mi"),
            ("1e3", "1e3"),
            ("1000Ki", "1000Ki"),
            ("0", "0"),
            ("-2Gi", "-2Gi"),
        ];
        for (input, printed) in cases {
            assert_eq!(q(input).to_string(), printed, "{input}");
        }
    }

    #[test]
    fn compares_by_value_not_format() {
        assert_eq!(q("1k"), q("1000"));
        assert_eq!(q("1e3"), q("1k"));
        assert!(q("1Ki") > q("1k"));
    }
}
