//! Export for reading a whole CSV file into its header and records of text.

use wasm_bindgen::prelude::*;

use crate::read_csv_records;

/// Reads a CSV file (UTF-8 bytes) into `{ header, records, rows, lines, errors }` as JSON.
#[wasm_bindgen(js_name = csvRecords)]
pub fn csv_records_json(bytes: &[u8]) -> String {
    serde_json::to_string(&read_csv_records(bytes)).unwrap_or_default()
}
