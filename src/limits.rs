//! The size limits of the API and the defensive limits of this library.

use crate::{Code, Issue, Severity};

/// Limits applied while validating. The API's documented limits come first; the defensive ones
/// keep hostile input from exhausting memory, the stack or the reader of the report. Every
/// default is listed in the README's "Limits" section.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Largest bulk or metadata-async body the API accepts, in bytes (10 485 760).
    pub max_bulk_body_bytes: usize,
    /// Most items in one order (500).
    pub max_order_items: usize,
    /// Most orders in one `POST /v1/orders/import` body (2000).
    pub max_import_orders: usize,
    /// Largest body, in bytes, that is parsed at all; a larger one is a `too_large` error and is
    /// not read (16 777 216, above every body the API accepts).
    pub max_input_bytes: usize,
    /// Deepest nesting of arrays and objects a body may have before `too_deep` (64). No body,
    /// read from bytes or given as a value, may nest deeper than 128 whatever this says (the
    /// JSON reader's own limit, which bounds every walk of a tree).
    pub max_depth: usize,
    /// Longest string value or object key, in bytes, before a `too_large` warning (65 536). The
    /// API documents no string limit; a value this long is far more likely a mistake or an attack.
    pub max_string_bytes: usize,
    /// Most members one object may have before a `too_many` warning (1000): more than any API
    /// object has fields, and ten times the API's 100 metadata definitions per resource.
    pub max_fields: usize,
    /// Most issues kept in one report (1000). A single report beyond it keeps the first ones and
    /// ends with one `too_many` issue counting the rest; an NDJSON report keeps exact counts.
    pub max_issues: usize,
}

/// The largest integer a JavaScript number holds exactly (2^53 − 1).
pub(crate) const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Event names are 1 to 300 characters long.
pub(crate) const MAX_EVENT_NAME_CHARS: usize = 300;

/// `campaign.count` in a publication is 1 to 50.
pub(crate) const MAX_PUBLICATION_COUNT: i64 = 50;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bulk_body_bytes: 10_485_760,
            max_order_items: 500,
            max_import_orders: 2000,
            max_input_bytes: 16_777_216,
            max_depth: 64,
            max_string_bytes: 65_536,
            max_fields: 1000,
            max_issues: 1000,
        }
    }
}

/// Keeps the first `max` issues; when there were more, adds one `too_many` issue that counts the
/// rest and is an error if any of them was, so that the report's `valid` stays true to the body.
pub(crate) fn cap_issues(mut issues: Vec<Issue>, max: usize) -> Vec<Issue> {
    if issues.len() <= max {
        return issues;
    }
    let dropped = issues.split_off(max);
    let errors = dropped
        .iter()
        .filter(|issue| issue.severity == Severity::Error)
        .count();
    let severity = if errors > 0 {
        Severity::Error
    } else {
        Severity::Warning
    };
    issues.push(Issue {
        code: Code::TooMany,
        severity,
        path: String::new(),
        message: format!(
            "{} more issues ({errors} of them errors) are not listed; the report keeps the first {max}",
            dropped.len()
        ),
    });
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(severity: Severity) -> Issue {
        Issue {
            code: Code::UnknownField,
            severity,
            path: String::from("/a"),
            message: String::from("a is not a field"),
        }
    }

    #[test]
    fn keeps_short_lists_as_they_are() {
        let issues = vec![issue(Severity::Warning); 3];
        assert_eq!(cap_issues(issues.clone(), 3), issues);
    }

    #[test]
    fn counts_what_it_drops_and_keeps_an_error_an_error() {
        let mut issues = vec![issue(Severity::Warning); 3];
        issues.push(issue(Severity::Error));
        let capped = cap_issues(issues, 2);
        assert_eq!(capped.len(), 3);
        let last = capped.last().unwrap();
        assert_eq!(last.code, Code::TooMany);
        assert_eq!(last.severity, Severity::Error);
        assert!(
            last.message.starts_with("2 more issues (1 of them errors)"),
            "{}",
            last.message
        );
    }
}
