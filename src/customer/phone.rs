//! Phone numbers: kept as given, or converted to E.164 (`+14155550123`) from a national or
//! international spelling when the caller names the default country, read as libphonenumber
//! reads them (its parsing steps, on its metadata) and kept only when valid by the country's
//! general pattern, as libphonenumber-js's `isValid()` with its default metadata.

use super::phone_pattern::{matches_entirely, Pattern};
use super::phone_plan::{plans_of, Country, LengthCheck};

/// Why a phone number could not be converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneProblem {
    /// Letters or symbols other than spaces, dashes, dots, slashes and parentheses.
    UnexpectedCharacters,
    /// Written as international (`+` or the country's international prefix), but no calling code
    /// the build knows follows (`+0486…`, `+999…`).
    NoCallingCode,
    /// The national significant number matches no number of its calling code.
    NotValid {
        /// The calling code the number was read with, e.g. `33`.
        calling_code: &'static str,
        /// How many digits follow the calling code once national prefixes are removed.
        national_digits: usize,
    },
}

/// The most digits read: more is no phone number (libphonenumber reads 250 characters).
const MAX_DIGITS: usize = 64;

/// Converts `text` to E.164 using `country` for numbers written without a calling code: `+`,
/// or the country's international prefix (`00`, `011`, `0011`, ...), starts an international
/// number; a national number may start with the national prefix (`0`).
pub fn to_e164(text: &str, country: Country) -> Result<String, PhoneProblem> {
    let (plus, digits) = read_digits(text)?;
    if digits.len() > MAX_DIGITS {
        return Err(PhoneProblem::NotValid {
            calling_code: country.calling_code,
            national_digits: digits.len(),
        });
    }
    let (plan, number) = if plus {
        international(&digits)?
    } else if let Some(rest) = after_international_prefix(&digits, country) {
        international(rest)?
    } else if let Some(rest) = after_own_calling_code(&digits, country) {
        let main = plans_of(country.calling_code).next().unwrap_or(country);
        (Some(main), rest)
    } else {
        (Some(country), digits.as_str())
    };
    let Some(plan) = plan else {
        return unknown_calling_code(number);
    };
    let national = national_number(number, plan);
    // E.164 has at most 15 digits; libphonenumber accepts a few longer national ranges (DE, JP).
    let digits = plan.calling_code.len().saturating_add(national.len());
    if digits <= 15 && is_valid(plan.calling_code, &national) {
        Ok(format!("+{}{national}", plan.calling_code))
    } else {
        Err(PhoneProblem::NotValid {
            calling_code: plan.calling_code,
            national_digits: national.len(),
        })
    }
}

/// Whether `text` starts with `+`, and its digits; separators are skipped.
fn read_digits(text: &str) -> Result<(bool, String), PhoneProblem> {
    let trimmed = text.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(rest.len());
    for ch in rest.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' => {}
            _ => return Err(PhoneProblem::UnexpectedCharacters),
        }
    }
    Ok((plus, digits))
}

/// The plan of the calling code `digits` start with, and the digits after it; no plan when the
/// build does not know the code.
fn international(digits: &str) -> Result<(Option<Country>, &str), PhoneProblem> {
    if digits.is_empty() || digits.starts_with('0') {
        return Err(PhoneProblem::NoCallingCode);
    }
    for length in 1..=3 {
        if let (Some(code), Some(rest)) = (digits.get(..length), digits.get(length..)) {
            if let Some(plan) = plans_of(code).next() {
                return Ok((Some(plan), rest));
            }
        }
    }
    Ok((None, digits))
}

/// A calling code the whole metadata lacks is no calling code.
#[cfg(feature = "data")]
fn unknown_calling_code(_digits: &str) -> Result<String, PhoneProblem> {
    Err(PhoneProblem::NoCallingCode)
}

/// The storefront build knows the calling codes of its countries only: another international
/// number is kept, unchecked, when it has the 8 to 15 digits of E.164.
#[cfg(not(feature = "data"))]
fn unknown_calling_code(digits: &str) -> Result<String, PhoneProblem> {
    if (8..=15).contains(&digits.len()) {
        Ok(format!("+{digits}"))
    } else {
        Err(PhoneProblem::NoCallingCode)
    }
}

/// The digits after the country's international prefix, when they start one: not when a 0
/// follows the prefix (libphonenumber's `stripIddPrefix`).
fn after_international_prefix(digits: &str, country: Country) -> Option<&str> {
    let (end, _) = Pattern::parse(country.international_prefix)?.match_start(digits)?;
    let rest = digits.get(end..)?;
    (end > 0 && !rest.is_empty() && !rest.starts_with('0')).then_some(rest)
}

/// The digits after the country's own calling code written without `+` (`44 20 7946 0018` in
/// GB), when the whole is not a valid national number but the rest is, or the whole is too long.
fn after_own_calling_code(digits: &str, country: Country) -> Option<&str> {
    let rest = digits.strip_prefix(country.calling_code)?;
    let whole = national_number(digits, country);
    let pattern = Pattern::parse(country.pattern)?;
    let valid = |number: &str| pattern.matches_entirely(number);
    let strip = (!valid(&whole) && valid(&national_number(rest, country)))
        || country.check_length(whole.len()) == LengthCheck::TooLong;
    strip.then_some(rest)
}

/// The national significant number: `number` without its national prefix (or carrier code),
/// unless removing it turns a valid number into an invalid one or leaves too few digits
/// (libphonenumber's `extractNationalNumber`).
fn national_number(number: &str, plan: Country) -> String {
    let Some(candidate) = without_national_prefix(number, plan) else {
        return number.to_string();
    };
    let pattern = Pattern::parse(plan.pattern);
    let valid = |number: &str| pattern.as_ref().is_some_and(|p| p.matches_entirely(number));
    if candidate == number || (valid(number) && !valid(&candidate)) {
        return number.to_string();
    }
    let lengths = country_of(plan.calling_code, &candidate).unwrap_or(plan);
    match lengths.check_length(candidate.len()) {
        LengthCheck::TooShort | LengthCheck::Invalid => number.to_string(),
        LengthCheck::Possible | LengthCheck::TooLong => candidate,
    }
}

/// `number` with its national prefix removed or transformed by the plan's rule, when it starts
/// with one (libphonenumber's `extractNationalNumberFromPossiblyIncompleteNumber`).
fn without_national_prefix(number: &str, plan: Country) -> Option<String> {
    let source = plan.national_prefix_pattern();
    if source.is_empty() || number.is_empty() {
        return None;
    }
    let pattern = Pattern::parse(source)?;
    let (end, captures) = pattern.match_start(number)?;
    let rest = number.get(end..)?;
    let group = |n: usize| -> &str {
        n.checked_sub(1)
            .and_then(|i| captures.get(i).copied().flatten())
            .and_then(|(from, to)| number.get(from..to))
            .unwrap_or_default()
    };
    if pattern.groups == 0 || group(pattern.groups).is_empty() || plan.prefix_transform.is_empty() {
        return Some(rest.to_string());
    }
    let mut transformed = String::new();
    let mut rule = plan.prefix_transform.chars().peekable();
    while let Some(ch) = rule.next() {
        match (ch, rule.peek().and_then(|d| d.to_digit(10))) {
            ('$', Some(n)) => {
                rule.next();
                transformed.push_str(group(n as usize));
            }
            _ => transformed.push(ch),
        }
    }
    transformed.push_str(rest);
    Some(transformed)
}

/// The country of a calling code a national number belongs to: the only one, or the first whose
/// pattern and lengths it fits.
fn country_of(calling_code: &str, national: &str) -> Option<Country> {
    let shared = plans_of(calling_code).nth(1).is_some();
    plans_of(calling_code).find(|plan| {
        !shared
            || (matches_entirely(plan.pattern, national)
                && plan.check_length(national.len()) == LengthCheck::Possible)
    })
}

/// Whether a national significant number is valid: it matches the general pattern of its
/// calling code's country (and, where countries share the code, one country's lengths too).
fn is_valid(calling_code: &str, national: &str) -> bool {
    (2..=17).contains(&national.len())
        && country_of(calling_code, national)
            .is_some_and(|plan| matches_entirely(plan.pattern, national))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::find_country;

    fn e164(text: &str, iso: &str) -> Result<String, PhoneProblem> {
        to_e164(text, find_country(iso).unwrap())
    }

    fn not_valid(
        calling_code: &'static str,
        national_digits: usize,
    ) -> Result<String, PhoneProblem> {
        Err(PhoneProblem::NotValid {
            calling_code,
            national_digits,
        })
    }

    #[test]
    fn converts_national_numbers() {
        assert_eq!(e164("(415) 555-0123", "US").unwrap(), "+14155550123");
        assert_eq!(e164("1-415-555-0123", "us").unwrap(), "+14155550123");
        assert_eq!(e164("020 7946 0018", "GB").unwrap(), "+442079460018");
        assert_eq!(e164("030 1234567", "DE").unwrap(), "+49301234567");
        assert_eq!(e164("06 12 34 56 78", "FR").unwrap(), "+33612345678");
        assert_eq!(e164("512 345 678", "PL").unwrap(), "+48512345678");
        assert_eq!(e164("06 1 234 5678", "HU").unwrap(), "+3612345678");
        assert_eq!(e164("0412 345 678", "AU").unwrap(), "+61412345678");
    }

    #[test]
    fn keeps_international_numbers() {
        assert_eq!(e164("+1 (989) 123-4632", "GB").unwrap(), "+19891234632");
        assert_eq!(e164("0048 512 345 678", "GB").unwrap(), "+48512345678");
        assert_eq!(e164("44 20 7946 0018", "GB").unwrap(), "+442079460018");
    }

    #[test]
    fn reads_each_countrys_own_international_prefix() {
        // libphonenumber: AU dials 0011 (not 00), US 011, JP 010.
        assert_eq!(e164("0011 61 412345678", "AU").unwrap(), "+61412345678");
        assert_eq!(e164("011 48 512 345 678", "US").unwrap(), "+48512345678");
        assert_eq!(e164("010 33 6 12 34 56 78", "JP").unwrap(), "+33612345678");
        // 00 is no international prefix in the US: a national number, and not a valid one.
        assert_eq!(e164("0048 512 345 678", "US"), not_valid("1", 13));
    }

    #[test]
    fn refuses_a_national_number_one_digit_short_instead_of_keeping_its_trunk_zero() {
        assert_eq!(e164("06 12 34 56 7", "FR"), not_valid("33", 9));
    }

    #[test]
    fn accepts_valid_short_fixed_lines() {
        assert_eq!(e164("01 3846", "AT").unwrap(), "+4313846");
        assert_eq!(e164("5540", "LU").unwrap(), "+3525540");
        assert_eq!(e164("031 0729", "RO").unwrap(), "+40310729");
        assert_eq!(e164("0800 12288", "NL").unwrap(), "+3180012288");
    }

    #[test]
    fn refuses_numbers_longer_than_e164_allows() {
        // libphonenumber-js finds +49 43104403528464 valid; E.164 ends at 15 digits.
        assert_eq!(e164("43104403528464", "DE"), not_valid("49", 14));
        assert_eq!(e164("4310440352846", "DE").unwrap(), "+494310440352846");
    }

    #[test]
    fn rejects_letters_and_invalid_numbers() {
        assert_eq!(
            e164("555-CALL-NOW", "US"),
            Err(PhoneProblem::UnexpectedCharacters)
        );
        assert_eq!(e164("555 0123", "US"), not_valid("1", 7));
        // The calling code is not counted among the national digits.
        assert_eq!(e164("+1234", "US"), not_valid("1", 3));
        assert_eq!(e164("+0 48 601", "US"), Err(PhoneProblem::NoCallingCode));
        assert!(find_country("XX").is_none());
    }
}
