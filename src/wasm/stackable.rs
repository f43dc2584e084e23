//! Exports for client-side stackable redemption: request preparation and result summaries.

use wasm_bindgen::prelude::*;

use super::{envelope, parse_json_argument, parse_small_argument};
use crate::{prepare_stackable_request, summarize_result, PrepareOptions, UsageError};

/// A cart preparer with its options (stacking rules, categories) read once.
#[wasm_bindgen]
pub struct WasmStackablePreparer {
    inner: Result<PrepareOptions, UsageError>,
}

#[wasm_bindgen]
impl WasmStackablePreparer {
    /// Reads the options (UTF-8 JSON; empty for the defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &[u8]) -> WasmStackablePreparer {
        WasmStackablePreparer {
            inner: parse_json_argument(options, "options")
                .and_then(|value| PrepareOptions::from_json(&value)),
        }
    }

    /// The options error as an envelope, or `undefined` when the options were accepted.
    #[wasm_bindgen(js_name = optionsError)]
    pub fn options_error(&self) -> Option<String> {
        self.inner.as_ref().err().map(UsageError::to_envelope_json)
    }

    /// Prepares the request body from a cart (UTF-8 JSON); returns `{valid, body, issues, applicationOrder}`.
    pub fn prepare(&self, cart: &[u8]) -> String {
        let options = match &self.inner {
            Ok(options) => options,
            Err(error) => return error.to_envelope_json(),
        };
        envelope(
            parse_small_argument(cart, "the cart")
                .and_then(|cart| prepare_stackable_request(&cart, options)),
        )
    }
}

/// Summarizes a validation or redemption response (UTF-8 JSON).
#[wasm_bindgen(js_name = summarizeResult)]
pub fn summarize_result_json(response: &[u8]) -> String {
    envelope(
        parse_small_argument(response, "the response")
            .and_then(|response| summarize_result(&response)),
    )
}
