//! Reading [`CsvOptions`] from the JSON the JavaScript wrapper sends, with camelCase keys and
//! unknown keys refused, as for the payload validation options.

use serde_json::Value;

use super::{CsvOptions, PriceUnit};
use crate::option_json::{
    bool_option, invalid_option, metadata_schemas_option, option_entries, parse_option_bytes,
    unknown_option,
};
use crate::UsageError;

const KEYS: &str = "maxIssues, priceUnit, metadataSchemas, products, cleaned, failed, parts, importBodies, maxPartBytes, maxRecordBytes, ordersPerBody, maxOpenOrders, totalBytes";

impl CsvOptions {
    /// Reads options from JSON bytes; empty input means the defaults.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<CsvOptions, UsageError> {
        CsvOptions::from_json(&parse_option_bytes(bytes)?)
    }

    /// Reads options from a JSON value (`null` means the defaults): `{ maxIssues?, priceUnit?:
    /// "units" | "cents", metadataSchemas?, products?: "<products CSV text>", cleaned?, failed?,
    /// parts?, importBodies?, maxPartBytes?, maxRecordBytes?, ordersPerBody?, maxOpenOrders?, totalBytes? }`.
    pub fn from_json(value: &Value) -> Result<CsvOptions, UsageError> {
        let mut options = CsvOptions::default();
        let Some(map) = option_entries(value)? else {
            return Ok(options);
        };
        for (key, value) in map {
            match key.as_str() {
                "maxIssues" => options.max_issues = size(key, value)?,
                "priceUnit" => {
                    options.price_unit = match value.as_str() {
                        Some("units") => PriceUnit::Units,
                        Some("cents") => PriceUnit::Cents,
                        _ => {
                            return Err(invalid_option("priceUnit must be \"units\" or \"cents\""))
                        }
                    }
                }
                "metadataSchemas" => options.metadata_schemas = metadata_schemas_option(value)?,
                "products" => {
                    options.products = match value {
                        Value::Null => None,
                        Value::String(text) => Some(text.as_bytes().to_vec()),
                        _ => {
                            return Err(invalid_option(
                                "products must be the text of a products CSV",
                            ))
                        }
                    }
                }
                "cleaned" => options.cleaned = bool_option(key, value)?,
                "failed" => options.failed = bool_option(key, value)?,
                "parts" => options.parts = bool_option(key, value)?,
                "importBodies" => options.import_bodies = bool_option(key, value)?,
                "maxPartBytes" => options.max_part_bytes = size(key, value)?,
                "maxRecordBytes" => options.max_record_bytes = size(key, value)?,
                "ordersPerBody" => options.orders_per_body = size(key, value)?,
                "maxOpenOrders" => options.max_open_orders = size(key, value)?,
                "totalBytes" => {
                    options.total_bytes = match value {
                        Value::Null => None,
                        other => Some(size(key, other)? as u64),
                    }
                }
                other => return Err(unknown_option(other, KEYS)),
            }
        }
        Ok(options)
    }
}

fn size(key: &str, value: &Value) -> Result<usize, UsageError> {
    value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| invalid_option(format!("{key} must be a non-negative integer")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UsageCode;

    #[test]
    fn reads_every_option() {
        let options = CsvOptions::from_json_bytes(
            br#"{"maxIssues":5,"priceUnit":"cents","cleaned":true,"failed":true,"parts":true,
                "importBodies":true,"maxPartBytes":2048,"maxRecordBytes":4096,"ordersPerBody":10,
                "maxOpenOrders":20,"products":"name,source_id\nA,a","metadataSchemas":null}"#,
        )
        .unwrap();
        assert_eq!(options.max_issues, 5);
        assert_eq!(options.price_unit, PriceUnit::Cents);
        assert!(options.cleaned && options.failed && options.parts && options.import_bodies);
        assert_eq!(
            (options.max_part_bytes, options.max_record_bytes),
            (2048, 4096)
        );
        assert_eq!((options.orders_per_body, options.max_open_orders), (10, 20));
        assert_eq!(
            options.products.as_deref(),
            Some(&b"name,source_id\nA,a"[..])
        );
        assert_eq!(
            CsvOptions::from_json_bytes(b" ").unwrap(),
            CsvOptions::default()
        );
    }

    #[test]
    fn refuses_unknown_keys_and_wrong_types() {
        for bad in [
            &br#"{"clean":true}"#[..],
            br#"{"cleaned":1}"#,
            br#"{"priceUnit":"euros"}"#,
            br#"{"maxPartBytes":-1}"#,
            br#"{"products":[1]}"#,
            b"[]",
            b"{",
        ] {
            let error = CsvOptions::from_json_bytes(bad).unwrap_err();
            assert_eq!(error.code, UsageCode::InvalidOptions);
        }
    }
}
