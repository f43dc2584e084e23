//! The entry point of payload validation: a validator holding the caller's options, checking
//! bodies given as JSON values or as UTF-8 bytes.

use serde_json::Value;

use crate::checker::Checker;
use crate::contract::{check_body, check_body_size, has_size_limit};
use crate::json_input::{exceeds_depth, parse_json, size_issues, too_deep};
use crate::json_tree::{Json, MAX_READ_DEPTH};
use crate::limits::cap_issues;
use crate::ndjson::validate_lines;
use crate::{Issue, NdjsonReport, Operation, Report, ValidationOptions};

/// Validates request bodies against the API contract, with a fixed set of options (metadata
/// schemas are read once, then reused for every body).
#[derive(Clone, Debug, Default)]
pub struct Validator {
    options: ValidationOptions,
}

impl Validator {
    /// A validator with the given options.
    pub fn new(options: ValidationOptions) -> Self {
        Validator { options }
    }

    /// The options this validator applies.
    pub fn options(&self) -> &ValidationOptions {
        &self.options
    }

    /// Validates a body given as UTF-8 JSON bytes (the fast path from JavaScript).
    pub fn validate_bytes(&self, operation: Operation, bytes: &[u8]) -> Report {
        self.capped(self.issues_of_bytes(operation, bytes))
    }

    /// Every issue of a body given as bytes, not capped (NDJSON counts them all).
    pub(crate) fn issues_of_bytes(&self, operation: Operation, bytes: &[u8]) -> Vec<Issue> {
        match parse_json(bytes, &self.options.limits) {
            Ok((value, size_issues)) => self.check(operation, &value, bytes.len(), size_issues),
            Err(issue) => vec![issue],
        }
    }

    /// Validates a body given as a JSON value.
    pub fn validate(&self, operation: Operation, body: &Value) -> Report {
        // As for bytes: a tree deeper than the reader's own limit is not walked.
        if exceeds_depth(body, self.options.limits.max_depth.min(MAX_READ_DEPTH)) {
            return Report::from_issues(vec![too_deep(self.options.limits.max_depth)]);
        }
        let byte_len = if has_size_limit(operation) {
            serde_json::to_vec(body)
                .map(|bytes| bytes.len())
                .unwrap_or(0)
        } else {
            0
        };
        let body = Json::borrowed(body);
        let sizes = size_issues(&body, &self.options.limits);
        self.capped(self.check(operation, &body, byte_len, sizes))
    }

    /// Validates NDJSON: one body per line, blank lines skipped; issues carry their line number.
    pub fn validate_ndjson(&self, operation: Operation, bytes: &[u8]) -> NdjsonReport {
        validate_lines(self, operation, bytes)
    }

    /// The contract's issues of `body`, then its size warnings.
    fn check(
        &self,
        operation: Operation,
        body: &Json,
        byte_len: usize,
        size_issues: Vec<Issue>,
    ) -> Vec<Issue> {
        let mut ck = Checker::new(operation, &self.options);
        check_body_size(&mut ck, byte_len);
        check_body(&mut ck, body);
        let mut issues = ck.into_issues();
        issues.extend(size_issues);
        issues
    }

    fn capped(&self, issues: Vec<Issue>) -> Report {
        Report::from_issues(cap_issues(issues, self.options.limits.max_issues))
    }
}
