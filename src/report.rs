//! The validation report: every problem found, each with a code, a severity, a JSON pointer and
//! a message.

use serde::Serialize;

use crate::Code;

/// Whether the API would reject the input, or accept it while it is probably a mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The API would reject the request.
    Error,
    /// The API would accept the request, but it likely does not do what the caller means.
    Warning,
}

/// One problem in the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// What kind of problem it is.
    pub code: Code,
    /// Whether the API would reject the input.
    pub severity: Severity,
    /// An RFC 6901 JSON pointer to the value at fault (`""` is the whole body).
    pub path: String,
    /// A lowercase, human-readable explanation with no trailing period.
    pub message: String,
}

/// The outcome of validating one payload.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// `true` when no issue is an error (warnings alone keep a payload valid).
    pub valid: bool,
    /// Every problem found, in the order they were found.
    pub issues: Vec<Issue>,
}

impl Report {
    /// Builds a report from its issues, deriving `valid`.
    pub fn from_issues(issues: Vec<Issue>) -> Self {
        let valid = !issues.iter().any(|issue| issue.severity == Severity::Error);
        Report { valid, issues }
    }

    /// The number of issues that are errors.
    pub fn error_count(&self) -> usize {
        self.issues
            .iter()
            .filter(|issue| issue.severity == Severity::Error)
            .count()
    }

    /// Serializes the report as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| String::from("{\"valid\":false,\"issues\":[]}"))
    }
}
