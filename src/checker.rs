//! The state of one validation run: the operation, the options, and the issues found so far.

use crate::path::Path;
use crate::{Code, Issue, Operation, Severity, ValidationOptions};

/// Collects issues while the contract rules walk a body.
pub(crate) struct Checker<'o> {
    /// The operation whose body is being checked.
    pub(crate) operation: Operation,
    /// The caller's options (metadata schemas, limits).
    pub(crate) options: &'o ValidationOptions,
    issues: Vec<Issue>,
}

impl<'o> Checker<'o> {
    /// Starts a run for one body of `operation`.
    pub(crate) fn new(operation: Operation, options: &'o ValidationOptions) -> Self {
        Checker {
            operation,
            options,
            issues: Vec::new(),
        }
    }

    /// Records an issue with an explicit severity.
    pub(crate) fn report(
        &mut self,
        code: Code,
        severity: Severity,
        path: &Path,
        message: impl Into<String>,
    ) {
        self.issues.push(Issue {
            code,
            severity,
            path: path.render(),
            message: message.into(),
        });
    }

    /// Records an issue the API would reject.
    pub(crate) fn error(&mut self, code: Code, path: &Path, message: impl Into<String>) {
        self.report(code, Severity::Error, path, message);
    }

    /// Records an issue the API would accept but that is probably a mistake.
    pub(crate) fn warn(&mut self, code: Code, path: &Path, message: impl Into<String>) {
        self.report(code, Severity::Warning, path, message);
    }

    /// The issues found, in order.
    pub(crate) fn into_issues(self) -> Vec<Issue> {
        self.issues
    }
}
