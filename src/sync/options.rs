//! The options of sync planning, read from the JS wrapper's camelCase JSON.

use serde_json::Value;

use crate::{BuildOptions, PriceUnit, UsageCode, UsageError, ValidationOptions};

/// How a plan reads records and packs bodies.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    /// How flat customer records are built.
    pub build: BuildOptions,
    /// How prices in product records are written (default cents, as in JSON bodies).
    pub price_unit: PriceUnit,
    /// The largest bulk body, in bytes (default 10 485 760, the API's limit).
    pub max_body_bytes: usize,
    /// Metadata schemas for validating the bodies.
    pub validation: ValidationOptions,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            build: BuildOptions::default(),
            price_unit: PriceUnit::Cents,
            max_body_bytes: 10_485_760,
            validation: ValidationOptions::default(),
        }
    }
}

impl PlanOptions {
    /// Reads `{ customerOptions?, priceUnit?, maxBodyBytes?, metadataSchemas? }`.
    pub fn from_json(value: &Value) -> Result<PlanOptions, UsageError> {
        let mut options = PlanOptions::default();
        let map = match value {
            Value::Null => return Ok(options),
            Value::Object(map) => map,
            _ => return Err(invalid("options must be an object")),
        };
        for (key, value) in map {
            match key.as_str() {
                "customerOptions" => options.build = BuildOptions::from_json(value)?,
                "priceUnit" => {
                    options.price_unit = match value.as_str() {
                        Some("cents") => PriceUnit::Cents,
                        Some("units") => PriceUnit::Units,
                        _ => return Err(invalid("priceUnit must be \"cents\" or \"units\"")),
                    }
                }
                "maxBodyBytes" => {
                    let max = value
                        .as_u64()
                        .filter(|&max| (1024..=10_485_760).contains(&max))
                        .ok_or_else(|| invalid("maxBodyBytes must be an integer from 1024 to 10485760"))?;
                    options.max_body_bytes = usize::try_from(max).unwrap_or(10_485_760);
                }
                "metadataSchemas" => {
                    options.validation = ValidationOptions::from_json(&serde_json::json!({ "metadataSchemas": value }))?;
                    options.build.metadata_schemas = options.validation.metadata_schemas.clone();
                }
                other => {
                    return Err(invalid(format!(
                        "unknown option {other:?}; the options are customerOptions, priceUnit, maxBodyBytes and metadataSchemas"
                    )))
                }
            }
        }
        Ok(options)
    }
}

fn invalid(message: impl Into<String>) -> UsageError {
    UsageError::new(UsageCode::InvalidOptions, message)
}
