//! Phone numbers: kept as given, or converted to E.164 (`+14155550123`) from a national or
//! international spelling when the caller names the default country.

/// A country whose national phone numbers can be converted to E.164.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, e.g. `US`.
    pub iso: &'static str,
    /// The country calling code, e.g. `1`.
    pub calling_code: &'static str,
    /// The national trunk prefix dialled before a national number (`0` in most of Europe), if any.
    pub trunk_prefix: Option<&'static str>,
    /// The shortest and longest national significant number, in digits.
    pub national_digits: (usize, usize),
}

const fn country(
    iso: &'static str,
    calling_code: &'static str,
    trunk_prefix: Option<&'static str>,
    national_digits: (usize, usize),
) -> Country {
    Country {
        iso,
        calling_code,
        trunk_prefix,
        national_digits,
    }
}

/// The countries `defaultCountry` supports. Numbers already written with `+` or `00` and a
/// calling code are accepted for any country.
pub const SUPPORTED_COUNTRIES: &[Country] = &[
    country("US", "1", Some("1"), (10, 10)),
    country("CA", "1", Some("1"), (10, 10)),
    country("GB", "44", Some("0"), (9, 10)),
    country("IE", "353", Some("0"), (7, 9)),
    country("DE", "49", Some("0"), (6, 13)),
    country("AT", "43", Some("0"), (4, 13)),
    country("CH", "41", Some("0"), (9, 9)),
    country("FR", "33", Some("0"), (9, 9)),
    country("BE", "32", Some("0"), (8, 9)),
    country("NL", "31", Some("0"), (9, 9)),
    country("LU", "352", None, (4, 11)),
    country("ES", "34", None, (9, 9)),
    country("PT", "351", None, (9, 9)),
    country("IT", "39", None, (6, 11)),
    country("PL", "48", None, (9, 9)),
    country("CZ", "420", None, (9, 9)),
    country("SK", "421", Some("0"), (9, 9)),
    country("HU", "36", Some("06"), (8, 9)),
    country("RO", "40", Some("0"), (9, 9)),
    country("DK", "45", None, (8, 8)),
    country("NO", "47", None, (8, 8)),
    country("SE", "46", Some("0"), (7, 9)),
    country("FI", "358", Some("0"), (5, 12)),
    country("GR", "30", None, (10, 10)),
    country("TR", "90", Some("0"), (10, 10)),
    country("UA", "380", Some("0"), (9, 9)),
    country("IL", "972", Some("0"), (8, 9)),
    country("AE", "971", Some("0"), (8, 9)),
    country("ZA", "27", Some("0"), (9, 9)),
    country("IN", "91", Some("0"), (10, 10)),
    country("JP", "81", Some("0"), (9, 10)),
    country("AU", "61", Some("0"), (9, 9)),
    country("NZ", "64", Some("0"), (8, 10)),
    country("SG", "65", None, (8, 8)),
    country("BR", "55", Some("0"), (10, 11)),
    country("MX", "52", None, (10, 10)),
];

/// Finds a supported country by its ISO code, case-insensitively.
pub fn find_country(iso: &str) -> Option<Country> {
    SUPPORTED_COUNTRIES
        .iter()
        .copied()
        .find(|country| country.iso.eq_ignore_ascii_case(iso.trim()))
}

/// Why a phone number could not be converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneProblem {
    /// Letters or symbols other than spaces, dashes, dots, slashes and parentheses.
    UnexpectedCharacters,
    /// Too few or too many digits for the country, or for E.164 (at most 15).
    WrongLength {
        /// The digits after the calling code.
        digits: usize,
    },
    /// Written as international (`+` or `00`), but what follows starts with 0, which no calling
    /// code does (`+0486…`, `000486…`).
    NoCallingCode,
}

/// How many digits an E.164 number has after the `+`, calling code included.
const E164_DIGITS: std::ops::RangeInclusive<usize> = 8..=15;

/// Converts `text` to E.164 using `country` for numbers written without a calling code.
/// `+` or `00` followed by digits is taken as already international.
pub fn to_e164(text: &str, country: Country) -> Result<String, PhoneProblem> {
    let trimmed = text.trim();
    let (international, rest) = if let Some(rest) = trimmed.strip_prefix('+') {
        (true, rest)
    } else if let Some(rest) = trimmed.strip_prefix("00") {
        (true, rest)
    } else {
        (false, trimmed)
    };
    let mut digits = String::with_capacity(rest.len());
    for ch in rest.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' => {}
            _ => return Err(PhoneProblem::UnexpectedCharacters),
        }
    }
    if international {
        if digits.starts_with('0') {
            return Err(PhoneProblem::NoCallingCode);
        }
        let count = digits.len();
        return if E164_DIGITS.contains(&count) {
            Ok(format!("+{digits}"))
        } else {
            Err(PhoneProblem::WrongLength { digits: count })
        };
    }
    let national = national_number(&digits, country);
    let (min, max) = country.national_digits;
    let count = national.len();
    // The whole number must be as long as an international one, or the result would be refused
    // when read back (`2020` in Austria is not `+432020`).
    let total = count.saturating_add(country.calling_code.len());
    if (min..=max).contains(&count) && E164_DIGITS.contains(&total) {
        Ok(format!("+{}{}", country.calling_code, national))
    } else {
        Err(PhoneProblem::WrongLength { digits: count })
    }
}

/// Strips the trunk prefix, or a leading calling code written without `+`, when what remains
/// has the national length.
fn national_number(digits: &str, country: Country) -> String {
    let (min, max) = country.national_digits;
    let fits = |rest: &str| (min..=max).contains(&rest.len());
    if fits(digits)
        && country
            .trunk_prefix
            .is_none_or(|trunk| !digits.starts_with(trunk) || country.calling_code == "1")
    {
        return digits.to_string();
    }
    if let Some(rest) = country
        .trunk_prefix
        .and_then(|trunk| digits.strip_prefix(trunk))
    {
        if fits(rest) {
            return rest.to_string();
        }
    }
    if let Some(rest) = digits.strip_prefix(country.calling_code) {
        if fits(rest) {
            return rest.to_string();
        }
    }
    digits.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(text: &str, iso: &str) -> Result<String, PhoneProblem> {
        to_e164(text, find_country(iso).unwrap())
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
        assert_eq!(e164("0048 512 345 678", "US").unwrap(), "+48512345678");
        assert_eq!(e164("44 20 7946 0018", "GB").unwrap(), "+442079460018");
    }

    #[test]
    fn rejects_letters_and_wrong_lengths() {
        assert_eq!(
            e164("555-CALL-NOW", "US"),
            Err(PhoneProblem::UnexpectedCharacters)
        );
        assert_eq!(
            e164("555 0123", "US"),
            Err(PhoneProblem::WrongLength { digits: 7 })
        );
        assert_eq!(
            e164("+1234", "US"),
            Err(PhoneProblem::WrongLength { digits: 4 })
        );
        assert!(find_country("XX").is_none());
    }
}
