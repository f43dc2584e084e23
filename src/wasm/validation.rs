//! Exports for payload validation: validators with their options, NDJSON, the operation and
//! code lists.

use wasm_bindgen::prelude::*;

use super::{envelope, parse_json_argument};
use crate::{upsert_effects, Code, Operation, UsageError, ValidationOptions, Validator};

/// A validator with its options read once, kept on the JavaScript side between calls.
#[wasm_bindgen]
pub struct WasmValidator {
    inner: Result<Validator, UsageError>,
}

#[wasm_bindgen]
impl WasmValidator {
    /// Reads the options (UTF-8 JSON; empty for the defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &[u8]) -> WasmValidator {
        WasmValidator {
            inner: ValidationOptions::from_json_bytes(options).map(Validator::new),
        }
    }

    /// The options error as an envelope, or `undefined` when the options were accepted.
    #[wasm_bindgen(js_name = optionsError)]
    pub fn options_error(&self) -> Option<String> {
        self.inner.as_ref().err().map(UsageError::to_envelope_json)
    }

    /// Validates one body (UTF-8 JSON bytes) of `operation`; returns the report as JSON, or
    /// `undefined` for a valid body without issues (the common answer, which the wrapper then
    /// builds without decoding or parsing anything).
    pub fn validate(&self, operation: &str, body: &[u8]) -> Option<String> {
        let (validator, op) = match self.prepare(operation) {
            Ok(prepared) => prepared,
            Err(envelope) => return Some(envelope),
        };
        let report = validator.validate_bytes(op, body);
        (!report.valid || !report.issues.is_empty()).then(|| report.to_json())
    }

    /// Validates NDJSON bytes, one body per line; returns the NDJSON report as JSON.
    #[wasm_bindgen(js_name = validateNdjson)]
    pub fn validate_ndjson(&self, operation: &str, ndjson: &[u8]) -> String {
        match self.prepare(operation) {
            Ok((validator, op)) => validator.validate_ndjson(op, ndjson).to_json(),
            Err(envelope) => envelope,
        }
    }

    /// The validator and the operation named by `operation`, or the error envelope of the
    /// options or of the operation.
    fn prepare(&self, operation: &str) -> Result<(&Validator, Operation), String> {
        let validator = self.inner.as_ref().map_err(UsageError::to_envelope_json)?;
        let op = Operation::parse(operation).map_err(|error| error.to_envelope_json())?;
        Ok((validator, op))
    }
}

/// The supported operations as a JSON array of `{operation, summary}`.
#[wasm_bindgen(js_name = listOperations)]
pub fn list_operations() -> String {
    #[derive(serde::Serialize)]
    struct Entry {
        operation: &'static str,
        summary: &'static str,
    }
    let list: Vec<Entry> = Operation::ALL
        .iter()
        .map(|op| Entry {
            operation: op.key(),
            summary: op.summary(),
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_default()
}

/// Every issue code as a JSON array of strings.
#[wasm_bindgen(js_name = issueCodes)]
pub fn issue_codes() -> String {
    let list: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
    serde_json::to_string(&list).unwrap_or_default()
}

/// The writes the API performs for `body` (UTF-8 JSON) sent to `operation`.
#[wasm_bindgen(js_name = upsertEffects)]
pub fn upsert_effects_json(operation: &str, body: &[u8]) -> String {
    let result = Operation::parse(operation).and_then(|operation| {
        Ok(upsert_effects(
            operation,
            &parse_json_argument(body, "body")?,
        ))
    });
    envelope(result)
}
