//! The numbering plans of countries (libphonenumber's metadata, generated into `phone_plans.rs`):
//! finding a country's plan, the plans of a calling code, and the possible lengths of a number.

use super::phone_plans::PLANS;

/// A country's numbering plan: what reading its national and international numbers needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, e.g. `US` (`001` for a non-geographic calling code).
    pub iso: &'static str,
    /// The country calling code, e.g. `1`.
    pub calling_code: &'static str,
    /// The pattern of the international prefix dialled in the country (`00`, `011`, `0011`, ...).
    pub international_prefix: &'static str,
    /// The national (trunk) prefix, e.g. `0`; empty when the country has none.
    pub national_prefix: &'static str,
    /// The pattern of what is removed from the start of a national number (the national prefix,
    /// sometimes a carrier code); empty when only `national_prefix` is.
    pub prefix_for_parsing: &'static str,
    /// What replaces the removed prefix, with `$1`, `$2` for its groups; empty for nothing.
    pub prefix_transform: &'static str,
    /// The possible lengths of a national significant number, ascending and comma-separated.
    pub possible_lengths: &'static str,
    /// The pattern every valid national significant number matches.
    pub pattern: &'static str,
}

/// What the possible lengths say of a national significant number's length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LengthCheck {
    /// One of the possible lengths.
    Possible,
    /// Shorter than the shortest.
    TooShort,
    /// Longer than the longest.
    TooLong,
    /// Between the shortest and the longest, but not one of them.
    Invalid,
}

impl Country {
    fn from_line(line: &'static str) -> Option<Country> {
        let mut fields = line.split(' ');
        let mut field = || fields.next();
        Some(Country {
            iso: field()?,
            calling_code: field()?,
            international_prefix: field()?,
            national_prefix: field()?,
            prefix_for_parsing: field()?,
            prefix_transform: field()?,
            possible_lengths: field()?,
            pattern: field()?,
        })
    }

    /// How `length` compares with the possible lengths (libphonenumber's `checkNumberLength`).
    pub fn check_length(&self, length: usize) -> LengthCheck {
        let lengths = || {
            self.possible_lengths
                .split(',')
                .filter_map(|n| n.parse::<usize>().ok())
        };
        match (lengths().next(), lengths().next_back()) {
            (Some(min), _) if length < min => LengthCheck::TooShort,
            (_, Some(max)) if length > max => LengthCheck::TooLong,
            _ if lengths().any(|n| n == length) => LengthCheck::Possible,
            _ => LengthCheck::Invalid,
        }
    }

    /// The pattern national prefixes are removed with: `prefix_for_parsing`, or the national
    /// prefix itself.
    pub fn national_prefix_pattern(&self) -> &'static str {
        if self.prefix_for_parsing.is_empty() {
            self.national_prefix
        } else {
            self.prefix_for_parsing
        }
    }
}

/// Every plan of the build: all of libphonenumber's with the `data` feature, the storefront
/// countries' without it.
fn plans() -> impl Iterator<Item = Country> {
    PLANS.iter().copied().filter_map(Country::from_line)
}

/// The countries `defaultCountry` accepts.
pub fn supported_countries() -> impl Iterator<Item = Country> {
    plans().filter(|plan| plan.iso != "001")
}

/// Finds a supported country by its ISO code, case-insensitively.
pub fn find_country(iso: &str) -> Option<Country> {
    let iso = iso.trim();
    PLANS
        .iter()
        .copied()
        .filter(|line| {
            line.split(' ')
                .next()
                .is_some_and(|code| code.eq_ignore_ascii_case(iso))
                && iso != "001"
        })
        .find_map(Country::from_line)
}

/// The plans of a calling code, its main country first; none for a code the build lacks. Only
/// the plans of the code are read.
pub fn plans_of(calling_code: &str) -> impl Iterator<Item = Country> + '_ {
    PLANS
        .iter()
        .copied()
        .filter(move |line| line.split(' ').nth(1) == Some(calling_code))
        .filter_map(Country::from_line)
}
