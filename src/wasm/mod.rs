//! The WebAssembly boundary: every export converts its arguments, calls the core, and returns
//! JSON text for the JS wrapper to parse. No rules live here.
//!
//! Results are JSON strings because one string crossing the boundary and one `JSON.parse` is the
//! cheapest way to hand a whole report to JavaScript. Misuse comes back as the envelope
//! `{"error":{"code","message"}}`, which the wrapper throws as a typed `Error`.

use wasm_bindgen::prelude::*;

use serde::Serialize;
use serde_json::Value;

use crate::{
    build_customer, diff_customer, upsert_effects, BuildOptions, Code, DiffOptions, Operation,
    UsageCode, UsageError, ValidationOptions, Validator,
};

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

    /// Validates one body (UTF-8 JSON bytes) of `operation`; returns the report as JSON.
    pub fn validate(&self, operation: &str, body: &[u8]) -> String {
        self.run(operation, |validator, op| {
            validator.validate_bytes(op, body).to_json()
        })
    }

    /// Validates NDJSON bytes, one body per line; returns the NDJSON report as JSON.
    #[wasm_bindgen(js_name = validateNdjson)]
    pub fn validate_ndjson(&self, operation: &str, ndjson: &[u8]) -> String {
        self.run(operation, |validator, op| {
            validator.validate_ndjson(op, ndjson).to_json()
        })
    }

    fn run(&self, operation: &str, call: impl FnOnce(&Validator, Operation) -> String) -> String {
        let validator = match &self.inner {
            Ok(validator) => validator,
            Err(error) => return error.to_envelope_json(),
        };
        match Operation::parse(operation) {
            Ok(op) => call(validator, op),
            Err(error) => error.to_envelope_json(),
        }
    }
}

/// The supported operations as a JSON array of `{operation, summary}`.
#[wasm_bindgen(js_name = listOperations)]
pub fn list_operations() -> String {
    let list: Vec<serde_json::Value> = Operation::ALL
        .iter()
        .map(|op| serde_json::json!({ "operation": op.key(), "summary": op.summary() }))
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Every issue code as a JSON array of strings.
#[wasm_bindgen(js_name = issueCodes)]
pub fn issue_codes() -> String {
    let list: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
    serde_json::to_string(&list).unwrap_or_default()
}

/// A customer builder with its options (mapping, metadata schemas) read once.
#[wasm_bindgen]
pub struct WasmCustomerBuilder {
    inner: Result<BuildOptions, UsageError>,
}

#[wasm_bindgen]
impl WasmCustomerBuilder {
    /// Reads the builder options (UTF-8 JSON; empty for the defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &[u8]) -> WasmCustomerBuilder {
        WasmCustomerBuilder {
            inner: parse_json_argument(options, "options")
                .and_then(|value| BuildOptions::from_json(&value)),
        }
    }

    /// The options error as an envelope, or `undefined` when the options were accepted.
    #[wasm_bindgen(js_name = optionsError)]
    pub fn options_error(&self) -> Option<String> {
        self.inner.as_ref().err().map(UsageError::to_envelope_json)
    }

    /// Builds a customer from a record (UTF-8 JSON of a flat object); returns the result as JSON.
    pub fn build(&self, record: &[u8]) -> String {
        let options = match &self.inner {
            Ok(options) => options,
            Err(error) => return error.to_envelope_json(),
        };
        envelope(
            parse_json_argument(record, "record")
                .and_then(|record| build_customer(&record, options)),
        )
    }
}

/// The minimal customer update between a stored and a local customer (UTF-8 JSON each).
#[wasm_bindgen(js_name = diffCustomer)]
pub fn diff_customer_json(stored: &[u8], local: &[u8], options: &[u8]) -> String {
    let result = (|| {
        let stored = parse_json_argument(stored, "stored")?;
        let local = parse_json_argument(local, "local")?;
        let options = DiffOptions::from_json(&parse_json_argument(options, "options")?)?;
        diff_customer(&stored, &local, &options)
    })();
    envelope(result)
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

/// Parses an argument the wrapper serialized; empty means `null`.
fn parse_json_argument(bytes: &[u8], name: &str) -> Result<Value, UsageError> {
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(bytes).map_err(|error| {
        UsageError::new(
            UsageCode::InvalidArgument,
            format!("{name} is not valid JSON: {error}"),
        )
    })
}

/// The result as JSON, or the error envelope.
fn envelope<T: Serialize>(result: Result<T, UsageError>) -> String {
    match result {
        Ok(value) => serde_json::to_string(&value).unwrap_or_default(),
        Err(error) => error.to_envelope_json(),
    }
}
