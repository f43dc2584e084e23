//! Exports for CSV import validation: a streaming validator the JS wrapper feeds chunk by chunk
//! and drains outputs from.

use wasm_bindgen::prelude::*;

use crate::{CsvKind, CsvOptions, CsvValidator, UsageCode, UsageError};

/// The longest string V8 makes (2^29 − 24 UTF-16 units); a UTF-8 answer of at most this many
/// bytes always fits, a longer one would throw a `RangeError` in the wrapper instead.
const MAX_ANSWER_BYTES: usize = (1 << 29) - 24;

/// A streaming CSV validator kept on the JavaScript side while a file is read.
#[wasm_bindgen]
pub struct WasmCsvValidator {
    inner: Result<CsvValidator, UsageError>,
    parts: std::collections::VecDeque<Vec<u8>>,
    bodies: std::collections::VecDeque<Vec<u8>>,
}

#[wasm_bindgen]
impl WasmCsvValidator {
    /// A validator for a `kind` file with options (UTF-8 JSON; empty for the defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(kind: &str, options: &[u8]) -> WasmCsvValidator {
        let inner = CsvKind::parse(kind)
            .ok_or_else(|| {
                UsageError::new(
                    UsageCode::InvalidArgument,
                    format!("kind must be customers, products, skus or orders, not {kind:?}"),
                )
            })
            .and_then(|kind| Ok((kind, CsvOptions::from_json_bytes(options)?)))
            .and_then(|(kind, options)| CsvValidator::new(kind, options));
        WasmCsvValidator {
            inner,
            parts: Default::default(),
            bodies: Default::default(),
        }
    }

    /// The options error as an envelope, or `undefined` when the validator is ready.
    #[wasm_bindgen(js_name = optionsError)]
    pub fn options_error(&self) -> Option<String> {
        self.inner.as_ref().err().map(UsageError::to_envelope_json)
    }

    /// Reads the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) {
        if let Ok(validator) = &mut self.inner {
            validator.push(chunk);
        }
    }

    /// Ends the input; drain the outputs after it, then call `finish`.
    #[wasm_bindgen(js_name = endInput)]
    pub fn end_input(&mut self) {
        if let Ok(validator) = &mut self.inner {
            validator.end_input();
        }
    }

    /// Records read so far.
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |v| v.rows() as f64)
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |v| v.bytes() as f64)
    }

    /// The cleaned-file bytes produced since the last call.
    #[wasm_bindgen(js_name = takeCleaned)]
    pub fn take_cleaned(&mut self) -> Vec<u8> {
        self.inner
            .as_mut()
            .map(CsvValidator::take_cleaned)
            .unwrap_or_default()
    }

    /// The failed-rows bytes produced since the last call.
    #[wasm_bindgen(js_name = takeFailed)]
    pub fn take_failed(&mut self) -> Vec<u8> {
        self.inner
            .as_mut()
            .map(CsvValidator::take_failed)
            .unwrap_or_default()
    }

    /// The next completed part, or `undefined` when none is ready.
    #[wasm_bindgen(js_name = takePart)]
    pub fn take_part(&mut self) -> Option<Vec<u8>> {
        if let Ok(validator) = &mut self.inner {
            self.parts.extend(validator.take_parts());
        }
        self.parts.pop_front()
    }

    /// The next completed `POST /v1/orders/import` body (JSON bytes), or `undefined`.
    #[wasm_bindgen(js_name = takeImportBody)]
    pub fn take_import_body(&mut self) -> Option<Vec<u8>> {
        if let Ok(validator) = &mut self.inner {
            self.bodies.extend(validator.take_import_bodies());
        }
        self.bodies.pop_front()
    }

    /// The report as JSON; the validator is spent afterwards.
    pub fn finish(&mut self) -> String {
        let spent = Err(UsageError::new(
            UsageCode::InvalidArgument,
            "this validator has already finished",
        ));
        match std::mem::replace(&mut self.inner, spent) {
            Ok(validator) => match serde_json::to_string(&validator.finish()) {
                Ok(json) if json.len() <= MAX_ANSWER_BYTES => json,
                Ok(json) => UsageError::new(
                    UsageCode::TooLarge,
                    format!(
                        "the report is {} bytes of JSON, more than a JavaScript string holds; lower maxIssues",
                        json.len()
                    ),
                )
                .to_envelope_json(),
                Err(error) => UsageError::new(
                    UsageCode::TooLarge,
                    format!("the report cannot be written as JSON: {error}"),
                )
                .to_envelope_json(),
            },
            Err(error) => error.to_envelope_json(),
        }
    }
}

/// Mixes 16 random bytes (from `crypto.getRandomValues`, given by the JS entry when it loads the
/// module) into the keys of the duplicate-id index, which wasm32 has no randomness of its own to
/// draw.
#[wasm_bindgen(js_name = seedHashes)]
pub fn seed_hashes(random: &[u8]) {
    crate::csv_import::seed_hashes(random);
}
