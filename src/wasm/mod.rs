//! The WebAssembly boundary: every export converts its arguments, calls the core, and returns
//! JSON text for the JS wrapper to parse. No rules live here.
//!
//! Results are JSON strings because one string crossing the boundary and one `JSON.parse` is the
//! cheapest way to hand a whole report to JavaScript. Misuse comes back as the envelope
//! `{"error":{"code","message"}}`, which the wrapper throws as a typed `Error`.
//!
//! The `data` feature (on by default) adds the CSV, CSV-records and sync-planning exports; the
//! storefront build leaves it off, so that code is not linked into its module.

#[cfg(feature = "data")]
mod csv;
mod customers;
mod heap;
#[cfg(feature = "data")]
mod records;
mod stackable;
#[cfg(feature = "data")]
mod sync;
mod validation;

use serde::Serialize;
use serde_json::Value;

use crate::{UsageCode, UsageError};

/// Parses an argument the wrapper serialized; empty means `null`. A leading UTF-8 byte order
/// mark is skipped, as validation skips it in a body.
pub(crate) fn parse_json_argument(bytes: &[u8], name: &str) -> Result<Value, UsageError> {
    let bytes = crate::json_input::without_bom(bytes);
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    crate::json_tree::parse_value(bytes).map_err(|error| {
        UsageError::new(
            UsageCode::InvalidArgument,
            format!("{name} is not valid JSON: {error}"),
        )
    })
}

/// Parses a single-object argument (a record, a customer, a cart, a response), refusing one over
/// the input limit before reading it: such an object is never legitimate, and reading it could
/// exhaust the module's memory.
pub(crate) fn parse_small_argument(bytes: &[u8], name: &str) -> Result<Value, UsageError> {
    let max = crate::Limits::default().max_input_bytes;
    if bytes.len() > max {
        return Err(UsageError::new(
            UsageCode::TooLarge,
            format!("{name} is {} bytes, over the {max}-byte limit", bytes.len()),
        ));
    }
    parse_json_argument(bytes, name)
}

/// The result as JSON, or the error envelope.
pub(crate) fn envelope<T: Serialize>(result: Result<T, UsageError>) -> String {
    match result {
        Ok(value) => serde_json::to_string(&value).unwrap_or_default(),
        Err(error) => error.to_envelope_json(),
    }
}
