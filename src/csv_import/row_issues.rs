//! The issues of the row being checked: formatted only when someone will read them (the report
//! has room, or the failed file wants the row's error text), always counted.

use super::report::{shorten, CsvIssue, IssueLog};
use crate::{Code, Severity};

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

    /// Records an issue; `message` is called only when the message will be read.
    pub(crate) fn add(
        &mut self,
        code: Code,
        severity: Severity,
        column: &str,
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
                message: message(),
                row: self.row,
                line: self.line,
                column: column.to_string(),
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
                value: None,
            }
        };
        self.list.push(issue);
    }

    /// The text of the failed file's `error` column: the errors' messages, each after its
    /// column, joined with `; `.
    pub(crate) fn error_text(&self) -> String {
        let mut text = String::new();
        for issue in self.list.iter().filter(|i| i.severity == Severity::Error) {
            if !text.is_empty() {
                text.push_str("; ");
            }
            if !issue.column.is_empty() {
                text.push_str(&issue.column);
                text.push_str(": ");
            }
            text.push_str(&issue.message);
        }
        text
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
