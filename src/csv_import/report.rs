//! The CSV report: totals, and every problem with its data row, physical line and column.

use std::collections::BTreeMap;

use serde::Serialize;

use super::CsvKind;
use crate::{Code, Severity};

/// Longest value, in characters, quoted in an issue, and longest header name an issue repeats.
const MAX_VALUE_CHARS: usize = 80;

/// Longest message, in characters; messages quote header names and cells, which are cut first.
const MAX_MESSAGE_CHARS: usize = 400;

/// One problem in a CSV file.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvIssue {
    /// What kind of problem it is.
    pub code: Code,
    /// Whether the API would reject the row (or the file).
    pub severity: Severity,
    /// A lowercase explanation with no trailing period.
    pub message: String,
    /// The 1-based data row (the header excluded, as in the API's import report); 0 for the
    /// header and for the file as a whole.
    pub row: u64,
    /// The 1-based physical line where the record starts (quoted newlines make it differ from
    /// `row + 1`).
    pub line: u64,
    /// The header name of the column, as written (trimmed) and shortened to 80 characters like
    /// `value`; empty for whole-row and file issues.
    pub column: String,
    /// The 0-based position of the column in the header, which names it even when `column` is
    /// shortened or repeated; absent for whole-row and file issues and for a column the file
    /// lacks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column_index: Option<u64>,
    /// The cell's value, shortened to 80 characters, when it helps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The outcome of checking one CSV file.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvReport {
    /// The kind of file checked.
    pub kind: CsvKind,
    /// `true` when no issue is an error.
    pub valid: bool,
    /// Data records read (the header and lines with no characters excluded).
    pub rows: u64,
    /// Rows with no error, the rows of the cleaned file.
    pub valid_rows: u64,
    /// Rows with at least one error (or under a header with errors), the rows of the failed file.
    pub invalid_rows: u64,
    /// Input bytes read.
    pub bytes: u64,
    /// The issues, in input order, at most `max_issues` of them.
    pub issues: Vec<CsvIssue>,
    /// Whether issues were left out of `issues` because of `max_issues`.
    pub truncated: bool,
    /// How many issues of each code were found, including those left out.
    pub counts_by_code: BTreeMap<Code, u64>,
    /// How many issues are errors, including those left out.
    pub errors: u64,
    /// How many issues are warnings, including those left out.
    pub warnings: u64,
}

impl CsvReport {
    /// Serializes the report as compact JSON with camelCase keys.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| String::from("{\"valid\":false,\"issues\":[]}"))
    }
}

/// Keeps the first `max` issues and exact counts of all of them.
#[derive(Debug)]
pub(crate) struct IssueLog {
    max: usize,
    issues: Vec<CsvIssue>,
    truncated: bool,
    counts: BTreeMap<Code, u64>,
    errors: u64,
    warnings: u64,
}

impl IssueLog {
    /// An empty log keeping at most `max` issues.
    pub(crate) fn new(max: usize) -> Self {
        IssueLog {
            max,
            issues: Vec::new(),
            truncated: false,
            counts: BTreeMap::new(),
            errors: 0,
            warnings: 0,
        }
    }

    /// Whether another issue would still be kept in the list.
    pub(crate) fn has_room(&self) -> bool {
        self.issues.len() < self.max
    }

    /// Counts an issue without keeping it.
    pub(crate) fn count(&mut self, code: Code, severity: Severity) {
        let count = self.counts.entry(code).or_insert(0);
        *count = count.saturating_add(1);
        match severity {
            Severity::Error => self.errors = self.errors.saturating_add(1),
            Severity::Warning => self.warnings = self.warnings.saturating_add(1),
        }
    }

    /// Counts an issue and keeps it while there is room.
    pub(crate) fn add(&mut self, issue: CsvIssue) {
        self.count(issue.code, issue.severity);
        if self.has_room() {
            self.issues.push(issue);
        } else {
            self.truncated = true;
        }
    }

    /// Marks that an issue was counted but not kept.
    pub(crate) fn mark_truncated(&mut self) {
        self.truncated = true;
    }

    /// Builds the report from the log and the totals.
    pub(crate) fn into_report(self, kind: CsvKind, totals: Totals) -> CsvReport {
        CsvReport {
            kind,
            valid: self.errors == 0,
            rows: totals.rows,
            valid_rows: totals.valid_rows,
            invalid_rows: totals.invalid_rows,
            bytes: totals.bytes,
            issues: self.issues,
            truncated: self.truncated,
            counts_by_code: self.counts,
            errors: self.errors,
            warnings: self.warnings,
        }
    }
}

/// The row and byte counts of a run.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Totals {
    pub(crate) rows: u64,
    pub(crate) valid_rows: u64,
    pub(crate) invalid_rows: u64,
    pub(crate) bytes: u64,
}

/// A value as issues quote it: at most 80 characters, longer ones cut with `...`.
pub(crate) fn shorten(text: &str) -> String {
    cut_to(text, MAX_VALUE_CHARS)
}

/// A message as issues carry it: at most 400 characters, longer ones cut with `...`, so that
/// an issue stays small whatever the cells and header names it quotes.
pub(crate) fn bounded_message(message: String) -> String {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => message,
        Some(_) => cut_to(&message, MAX_MESSAGE_CHARS),
    }
}

fn cut_to(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some(_) => {
            let cut: String = text.chars().take(max.saturating_sub(3)).collect();
            format!("{cut}...")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_long_values_by_characters() {
        assert_eq!(shorten("abc"), "abc");
        let long = "é".repeat(100);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), 80);
        assert!(short.ends_with("..."));
        assert_eq!(shorten(&"x".repeat(80)), "x".repeat(80));
    }

    #[test]
    fn bounds_messages_by_characters() {
        assert_eq!(bounded_message(String::from("short")), "short");
        let long = bounded_message("é".repeat(1000));
        assert_eq!(long.chars().count(), 400);
        assert!(long.ends_with("..."));
    }

    #[test]
    fn keeps_counts_beyond_the_cap() {
        let mut log = IssueLog::new(1);
        for _ in 0..3 {
            log.add(CsvIssue {
                code: Code::CsvEmptyRow,
                severity: Severity::Error,
                message: String::from("empty"),
                row: 1,
                line: 2,
                column: String::new(),
                column_index: None,
                value: None,
            });
        }
        let report = log.into_report(CsvKind::Customers, Totals::default());
        assert_eq!(report.issues.len(), 1);
        assert!(report.truncated);
        assert_eq!(report.counts_by_code.get(&Code::CsvEmptyRow), Some(&3));
        assert!(report
            .to_json()
            .contains("\"countsByCode\":{\"csv_empty_row\":3}"));
    }
}
