//! Checks of single cells by their bytes: money in the file's price unit, quantities, and cells
//! a spreadsheet would run as formulas.

use super::columns::Field;
use super::PriceUnit;
use crate::limits::MAX_SAFE_INTEGER;

/// Why a money cell cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MoneyProblem {
    /// Not a plain decimal number.
    NotANumber,
    /// More decimals than the unit allows (a fraction of a cent).
    FractionOfCent,
    /// Beyond 2^53 − 1 cents.
    TooLarge,
}

/// Reads a money cell written in `unit` and returns it in cents.
///
/// Units accept `21`, `14.5`, `14.99`, `-3` (more decimals only when they are zeros); cents
/// accept integers only (`1450`, or `1450.00`).
pub(crate) fn parse_money(text: &str, unit: PriceUnit) -> Result<i64, MoneyProblem> {
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    let (whole, fraction) = match digits.iter().position(|&b| b == b'.') {
        Some(dot) => (
            digits.get(..dot).unwrap_or_default(),
            digits.get(dot.saturating_add(1)..).unwrap_or_default(),
        ),
        None => (digits, &[][..]),
    };
    let all_digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(MoneyProblem::NotANumber);
    }
    if digits.contains(&b'.') && fraction.is_empty() {
        return Err(MoneyProblem::NotANumber);
    }
    let kept = match unit {
        PriceUnit::Units => 2,
        PriceUnit::Cents => 0,
    };
    let (significant, extra) = fraction.split_at(fraction.len().min(kept));
    if extra.iter().any(|&b| b != b'0') {
        return Err(MoneyProblem::FractionOfCent);
    }
    let mut cents: i64 = 0;
    let padded = significant
        .iter()
        .chain(std::iter::repeat(&b'0'))
        .take(kept);
    for &digit in whole.iter().chain(padded) {
        cents = cents
            .checked_mul(10)
            .and_then(|c| c.checked_add(i64::from(digit.saturating_sub(b'0'))))
            .filter(|&c| c <= MAX_SAFE_INTEGER)
            .ok_or(MoneyProblem::TooLarge)?;
    }
    Ok(if negative {
        cents.saturating_neg()
    } else {
        cents
    })
}

/// Reads a positive whole quantity; `None` when the cell is not an integer.
pub(crate) fn parse_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, digits),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = digits.parse().ok().filter(|&v| v <= MAX_SAFE_INTEGER)?;
    Some(if negative {
        value.saturating_neg()
    } else {
        value
    })
}

/// Whether a raw (untrimmed) cell would run as a formula when the file is opened in a
/// spreadsheet: it starts with tab or CR, or with `=`, `+`, `-` or `@` after any white-space
/// (spaces, line breaks, no-break spaces): some spreadsheets skip it, and the cleaned file trims
/// it, which would turn ` =X` into `=X`.
///
/// Not flagged: a plain decimal number (`-12.50`, `+3`), which spreadsheets read as a number,
/// and in the phone column a phone number written with `+`, digits, spaces, `(`, `)`, `-`, `.`
/// and `/` (`+1 (989) 123-4632`).
pub(crate) fn runs_as_formula(cell: &[u8], field: &Field) -> bool {
    let Some(&first) = cell.first() else {
        return false;
    };
    if matches!(first, b'\t' | b'\r') {
        return true;
    }
    let cell = skip_white_space(cell);
    let Some(&first) = cell.first() else {
        return false;
    };
    if !matches!(first, b'=' | b'+' | b'-' | b'@') {
        return false;
    }
    if matches!(first, b'+' | b'-') {
        let text = cell
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .and_then(|last| cell.get(..=last))
            .unwrap_or_default();
        if is_plain_number(text) {
            return false;
        }
        if *field == Field::Phone && is_phone_like(text) {
            return false;
        }
    }
    true
}

/// `cell` after its leading white-space: ASCII, and Unicode white-space such as a no-break
/// space (read one character at a time, so a long cell is not decoded whole).
fn skip_white_space(cell: &[u8]) -> &[u8] {
    let mut rest = cell;
    while let Some(&first) = rest.first() {
        let width = match first {
            _ if first.is_ascii_whitespace() => 1,
            0x00..=0x7f => break,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let white = width == 1
            || rest
                .get(..width)
                .and_then(|bytes| std::str::from_utf8(bytes).ok())
                .and_then(|text| text.chars().next())
                .is_some_and(char::is_whitespace);
        if !white {
            break;
        }
        rest = rest.get(width..).unwrap_or_default();
    }
    rest
}

fn is_plain_number(cell: &[u8]) -> bool {
    let digits = cell.get(1..).unwrap_or_default();
    let mut seen_digit = false;
    let mut seen_dot = false;
    for &byte in digits {
        match byte {
            b'0'..=b'9' => seen_digit = true,
            b'.' if !seen_dot => seen_dot = true,
            _ => return false,
        }
    }
    seen_digit
}

fn is_phone_like(cell: &[u8]) -> bool {
    cell.iter().filter(|b| b.is_ascii_digit()).count() >= 3
        && cell.iter().all(|&b| {
            b.is_ascii_digit() || matches!(b, b'+' | b' ' | b'(' | b')' | b'-' | b'.' | b'/')
        })
}

/// Trims white-space from both ends, by bytes for ASCII edges (the common case) and as
/// `str::trim` does when an edge is not ASCII.
pub(crate) fn trim_cell(cell: &str) -> &str {
    let bytes = cell.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |last| last.saturating_add(1));
    let edges_ascii = bytes.get(start).is_none_or(u8::is_ascii)
        && end
            .checked_sub(1)
            .and_then(|last| bytes.get(last))
            .is_none_or(u8::is_ascii);
    match cell.get(start..end.max(start)) {
        Some(trimmed) if edges_ascii => trimmed,
        _ => cell.trim(),
    }
}

/// Whether every byte of a cell is ASCII white-space.
pub(crate) fn is_blank(cell: &[u8]) -> bool {
    cell.iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_money_in_units_and_cents() {
        use PriceUnit::{Cents, Units};
        assert_eq!(parse_money("21", Units), Ok(2100));
        assert_eq!(parse_money("14.5", Units), Ok(1450));
        assert_eq!(parse_money("14.99", Units), Ok(1499));
        assert_eq!(parse_money("14.990", Units), Ok(1499));
        assert_eq!(parse_money("-3", Units), Ok(-300));
        assert_eq!(
            parse_money("14.999", Units),
            Err(MoneyProblem::FractionOfCent)
        );
        assert_eq!(
            parse_money("1,299.00", Units),
            Err(MoneyProblem::NotANumber)
        );
        assert_eq!(parse_money("14.", Units), Err(MoneyProblem::NotANumber));
        assert_eq!(parse_money(".5", Units), Err(MoneyProblem::NotANumber));
        assert_eq!(parse_money("1e3", Units), Err(MoneyProblem::NotANumber));
        assert_eq!(parse_money("", Units), Err(MoneyProblem::NotANumber));
        assert_eq!(parse_money("1450", Cents), Ok(1450));
        assert_eq!(parse_money("1450.00", Cents), Ok(1450));
        assert_eq!(
            parse_money("14.5", Cents),
            Err(MoneyProblem::FractionOfCent)
        );
        assert_eq!(
            parse_money("90071992547409.92", Units),
            Err(MoneyProblem::TooLarge)
        );
    }

    #[test]
    fn flags_formulas_but_not_numbers_or_phones() {
        let other = Field::Name;
        for formula in [
            "=1+2",
            "@SUM(A1)",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "\tx",
            "\r=1",
            " =1+2",
            "  @SUM(A1)",
            "\n=1",
            "\u{a0}=1",
            " -2+3",
        ] {
            assert!(runs_as_formula(formula.as_bytes(), &other), "{formula}");
        }
        for plain in [
            "-12.50", "+3", "hello", "", "a=b", " -12.50 ", "  +3", " x=1", "   ",
        ] {
            assert!(!runs_as_formula(plain.as_bytes(), &other), "{plain}");
        }
        assert!(!runs_as_formula(b"+1 (989) 123-4632", &Field::Phone));
        assert!(runs_as_formula(b"+1 (989) 123-4632", &other));
        assert!(runs_as_formula(b"+HYPERLINK(\"x\")", &Field::Phone));
    }

    #[test]
    fn trims_like_str_trim() {
        for text in [
            "",
            " ",
            " a ",
            "a",
            "\t a b \r",
            "\u{a0}x\u{a0}",
            " é ",
            "é",
        ] {
            assert_eq!(trim_cell(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn reads_integers() {
        assert_eq!(parse_integer("3"), Some(3));
        assert_eq!(parse_integer("-3"), Some(-3));
        assert_eq!(parse_integer("3.0"), None);
        assert_eq!(parse_integer("x"), None);
    }
}
