//! Exports for customers: the builder and the update diff.

use wasm_bindgen::prelude::*;

use super::{envelope, parse_json_argument, parse_small_argument};
use crate::{build_customer, diff_customer, BuildOptions, DiffOptions, UsageError};

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
            parse_small_argument(record, "the record")
                .and_then(|record| build_customer(&record, options)),
        )
    }
}

/// The minimal customer update between a stored and a local customer (UTF-8 JSON each).
#[wasm_bindgen(js_name = diffCustomer)]
pub fn diff_customer_json(stored: &[u8], local: &[u8], options: &[u8]) -> String {
    let result = (|| {
        let stored = parse_small_argument(stored, "stored")?;
        let local = parse_small_argument(local, "local")?;
        let options = DiffOptions::from_json(&parse_json_argument(options, "options")?)?;
        diff_customer(&stored, &local, &options)
    })();
    envelope(result)
}
