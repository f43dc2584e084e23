//! The issues of the row being checked: formatted only when someone will read them (the report
//! has room, or the failed file wants the row's error text), always counted.

use super::header::Column;
use super::report::{bounded_message, shorten, CsvIssue, IssueLog};
use crate::{Code, Severity};

/// Longest `error` text of a failed row, in characters: the first errors' messages, then how
/// many more there are, so that a row with many bad cells does not multiply the file.
const MAX_ERROR_TEXT_CHARS: usize = 1000;

/// The issues of one row, reused from row to row.
#[derive(Debug, Default)]
pub(crate) struct RowIssues {
    list: Vec<CsvIssue>,
    errors: bool,
    detail: bool,
    row: u64,
    line: u64,
}

impl RowIssues {
    /// Starts a row; `detail` says whether messages are needed.
    pub(crate) fn start(&mut self, row: u64, line: u64, detail: bool) {
        self.list.clear();
        self.errors = false;
        self.detail = detail;
        self.row = row;
        self.line = line;
    }

    /// The line where the row starts.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// Whether the row has an error so far.
    pub(crate) fn has_errors(&self) -> bool {
        self.errors
    }

    /// Records an issue of `column` (none for a whole-row issue); `message` is called only
    /// when the message will be read.
    pub(crate) fn add(
        &mut self,
        code: Code,
        severity: Severity,
        column: Option<&Column>,
        value: Option<&str>,
        message: impl FnOnce() -> String,
    ) {
        if severity == Severity::Error {
            self.errors = true;
        }
        let issue = if self.detail {
            CsvIssue {
                code,
                severity,
                message: bounded_message(message()),
                row: self.row,
                line: self.line,
                column: column.map(|c| c.header.clone()).unwrap_or_default(),
                column_index: column.map(|c| c.index as u64),
                value: value.map(shorten),
            }
        } else {
            CsvIssue {
                code,
                severity,
                message: String::new(),
                row: self.row,
                line: self.line,
                column: String::new(),
                column_index: None,
                value: None,
            }
        };
        self.list.push(issue);
    }

    /// The text of the failed file's `error` column: the errors' messages, each after its
    /// column, joined with `; `, at most about 1000 characters (then `and N more errors`).
    /// It never starts with a character that a spreadsheet runs as a formula: it would, when
    /// the first column at fault is named `=...`, so such a text starts with `'`.
    pub(crate) fn error_text(&self) -> String {
        let mut text = String::new();
        let errors = self.list.iter().filter(|i| i.severity == Severity::Error);
        let mut left_out = 0usize;
        for issue in errors {
            if text.len() >= MAX_ERROR_TEXT_CHARS {
                left_out = left_out.saturating_add(1);
                continue;
            }
            if !text.is_empty() {
                text.push_str("; ");
            }
            if !issue.column.is_empty() {
                text.push_str(&issue.column);
                text.push_str(": ");
            }
            text.push_str(&issue.message);
        }
        if left_out > 0 {
            let noun = if left_out == 1 { "error" } else { "errors" };
            text.push_str(&format!("; and {left_out} more {noun}"));
        }
        neutralized(text)
    }

    /// Moves the row's issues into the log.
    pub(crate) fn flush(&mut self, log: &mut IssueLog) {
        for issue in self.list.drain(..) {
            if self.detail {
                log.add(issue);
            } else {
                log.count(issue.code, issue.severity);
                log.mark_truncated();
            }
        }
    }
}

/// `text`, with `'` in front when a spreadsheet would run it as a formula.
pub(crate) fn neutralized(text: String) -> String {
    if super::cells::runs_as_formula(text.as_bytes(), &super::columns::Field::Name) {
        format!("'{text}")
    } else {
        text
    }
}
