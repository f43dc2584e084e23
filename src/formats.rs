//! Checks of the string formats the API uses: calendar dates, ISO 8601 timestamps, emails, image
//! URLs and geopoints. Small hand-written checks, so the package carries no regex engine.

use crate::decimal::parse_f64;

/// Whether `text` is a real calendar date written `YYYY-MM-DD` (the API's `format: date`).
pub(crate) fn is_calendar_date(text: &str) -> bool {
    parse_date(text.as_bytes()).is_some()
}

/// Parses `YYYY-MM-DD` into its parts, checking that the day exists in that month and that the
/// year is at least 1 (the API's date-time range starts at `0001-01-01`).
fn parse_date(bytes: &[u8]) -> Option<(u32, u32, u32)> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *bytes else {
        return None;
    };
    let year = digits(&[y1, y2, y3, y4])?;
    let month = digits(&[m1, m2])?;
    let day = digits(&[d1, d2])?;
    (year > 0 && day > 0 && day <= days_in_month(year, month)).then_some((year, month, day))
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        if !b.is_ascii_digit() {
            return None;
        }
        acc.checked_mul(10)?
            .checked_add(u32::from(b.wrapping_sub(b'0')))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `text` is an RFC 3339 date-time with a time zone (JSON schema `format: date-time`):
/// `2022-03-11T09:00:00Z`, `2022-03-11T09:00:00.123+02:00`.
pub(crate) fn is_rfc3339_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(date), Some(&separator), Some(time)) =
        (bytes.get(..10), bytes.get(10), bytes.get(11..))
    else {
        return false;
    };
    if !matches!(separator, b'T' | b't' | b' ') || parse_date(date).is_none() {
        return false;
    }
    let Some(rest) = parse_time_of_day(time, 3) else {
        return false;
    };
    let rest = skip_fraction(rest);
    is_zone(rest)
}

/// Whether `text` is one of the ISO 8601 shapes the API's imports and metadata accept:
/// `YYYY-MM-DD`, `YYYY-MM-DDTHH`, `YYYY-MM-DDTHH:mm`, `YYYY-MM-DDTHH:mm:ss`, each time optionally
/// with fractional seconds and a `Z` or `±hh:mm` zone.
pub(crate) fn is_iso_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(date) = bytes.get(..10) else {
        return false;
    };
    if parse_date(date).is_none() {
        return false;
    }
    match bytes.get(10..) {
        None | Some([]) => true,
        Some([b'T', time @ ..]) => {
            let parts = time_parts(time);
            match parse_time_of_day(time, parts) {
                Some(rest) => {
                    let rest = if parts == 3 {
                        skip_fraction(rest)
                    } else {
                        rest
                    };
                    rest.is_empty() || is_zone(rest)
                }
                None => false,
            }
        }
        Some(_) => false,
    }
}

/// How many `:`-separated parts (1 to 3) a time starts with.
fn time_parts(time: &[u8]) -> usize {
    match (time.get(2), time.get(5)) {
        (Some(b':'), Some(b':')) => 3,
        (Some(b':'), _) => 2,
        _ => 1,
    }
}

/// Parses `HH`, `HH:mm` or `HH:mm:ss` (by `parts`) and returns what follows.
fn parse_time_of_day(time: &[u8], parts: usize) -> Option<&[u8]> {
    let limits = [23, 59, 59];
    let mut rest = time;
    for (index, limit) in limits.iter().take(parts).enumerate() {
        if index > 0 {
            rest = rest.strip_prefix(b":")?;
        }
        let value = digits(rest.get(..2)?)?;
        if value > *limit {
            return None;
        }
        rest = rest.get(2..)?;
    }
    Some(rest)
}

fn skip_fraction(rest: &[u8]) -> &[u8] {
    match rest.strip_prefix(b".") {
        Some(fraction) => {
            let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if count == 0 {
                rest
            } else {
                fraction.get(count..).unwrap_or_default()
            }
        }
        None => rest,
    }
}

/// `Z`, `±hh`, `±hhmm` or `±hh:mm`.
fn is_zone(rest: &[u8]) -> bool {
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, tail @ ..] => {
            let Some(hours) = digits(&[*h1, *h2]) else {
                return false;
            };
            let minutes = match tail {
                [] => Some(0),
                [b':', m1, m2] | [m1, m2] => digits(&[*m1, *m2]),
                _ => None,
            };
            hours <= 23 && minutes.is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

/// Whether `text` is an email address by the HTML standard's rule for `<input type=email>` (a
/// "valid email address": the local part of letters, digits and ``.!#$%&'*+/=?^_`{|}~-``, an
/// `@`, and labels of 1 to 63 letters, digits and inner hyphens), with one rule more: the domain
/// has at least two labels. ASCII only: an international domain is written in its `xn--` form,
/// as browsers convert it. The one check of payloads, built customers and CSV cells.
pub(crate) fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-./=?^_`{|}~".contains(&b))
        && domain.contains('.')
        && domain.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Whether `text` is an absolute `http` or `https` URL with a host.
pub(crate) fn is_http_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !text.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Whether `text` is an http(s) URL whose path ends in `.jpg`, `.jpeg` or `.png`.
pub(crate) fn is_image_url(text: &str) -> bool {
    if !is_http_url(text) {
        return false;
    }
    let path = text
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    path.ends_with(".jpg") || path.ends_with(".jpeg") || path.ends_with(".png")
}

/// Whether `text` is a geopoint `latitude, longitude`, optionally prefixed `geo:`.
pub(crate) fn is_geopoint(text: &str) -> bool {
    let text = text.strip_prefix("geo:").unwrap_or(text);
    let Some((lat, lng)) = text.split_once(',') else {
        return false;
    };
    match (parse_f64(lat.trim()), parse_f64(lng.trim())) {
        (Some(lat), Some(lng)) => (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_must_exist() {
        assert!(is_calendar_date("2024-02-29"));
        assert!(is_calendar_date("2000-02-29"));
        assert!(!is_calendar_date("1900-02-29"));
        assert!(!is_calendar_date("2023-02-29"));
        assert!(!is_calendar_date("2023-04-31"));
        assert!(!is_calendar_date("2023-13-01"));
        assert!(!is_calendar_date("2023-00-10"));
        assert!(!is_calendar_date("2023-1-10"));
        assert!(!is_calendar_date("2023/01/10"));
        assert!(!is_calendar_date("2023-01-10T00:00:00Z"));
        assert!(!is_calendar_date("２０２３-01-10"));
    }

    #[test]
    fn date_times_need_a_zone() {
        assert!(is_rfc3339_date_time("2022-03-11T09:00:00Z"));
        assert!(is_rfc3339_date_time("2022-03-11T09:00:00.123+02:00"));
        assert!(is_rfc3339_date_time("2022-03-11t09:00:00-0530"));
        assert!(!is_rfc3339_date_time("2022-03-11T09:00:00"));
        assert!(!is_rfc3339_date_time("2022-03-11T24:00:00Z"));
        assert!(!is_rfc3339_date_time("2022-03-11"));
        assert!(!is_rfc3339_date_time("2022-02-30T09:00:00Z"));
        assert!(!is_rfc3339_date_time("2022-03-11T09:00:00.Z"));
    }

    #[test]
    fn iso_timestamps_accept_the_import_shapes() {
        for ok in [
            "2022-03-11",
            "2022-03-11T09",
            "2022-03-11T09:30",
            "2022-03-11T09:30:15",
            "2022-03-11T09:30:15Z",
            "2022-03-11T09:30:15.000Z",
            "2022-03-11T09:30:15+01:00",
        ] {
            assert!(is_iso_timestamp(ok), "{ok}");
        }
        for bad in [
            "2022-03-11 09:30",
            "2022-03-11T9",
            "2022-03-11T09:61",
            "11.03.2022",
            "",
        ] {
            assert!(!is_iso_timestamp(bad), "{bad}");
        }
    }

    #[test]
    fn emails_follow_the_whatwg_rule_with_a_dotted_domain() {
        assert!(looks_like_email("bob.smith@email.com"));
        assert!(looks_like_email("a!#$%&'*+/=?^_`{|}~-@x-1.io"));
        assert!(looks_like_email(&format!("a@{}.io", "b".repeat(63))));
        assert!(looks_like_email("jurgen@xn--bcher-kva.de"));
        for bad in [
            "bob.smith@email",
            "bob smith@email.com",
            "@email.com",
            "a@b@c.com",
            "a@.com",
            "a@b..com",
            "a@-b.com",
            "a@b-.com",
            "a@b_c.com",
            "a,b@x.com",
            "a(b)@x.com",
            "a<b>@x.com",
            "a;b@x.com",
            "a\"b@x.com",
            "a\\b@x.com",
            "ü@bücher.de",
            "a@bücher.de",
            "",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
        assert!(!looks_like_email(&format!("a@{}.io", "b".repeat(64))));
    }

    #[test]
    fn urls_and_geopoints() {
        assert!(is_image_url("https://images.com/original.jpg"));
        assert!(is_image_url("http://x.io/a.PNG?size=2"));
        assert!(!is_image_url("http.com"));
        assert!(!is_image_url("https://x.io/a.gif"));
        assert!(is_http_url("https://x.io"));
        assert!(!is_http_url("ftp://x.io/a.png"));
        assert!(is_geopoint("37.786971, -122.399677"));
        assert!(is_geopoint("geo:37.786971,-122.399677"));
        assert!(!is_geopoint("91,0"));
        assert!(!is_geopoint("north"));
    }
}
