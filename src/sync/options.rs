//! The options of sync planning, read from the JS wrapper's camelCase JSON.

use serde_json::Value;

use crate::option_json::{invalid_option, option_entries, unknown_option};
use crate::{BuildOptions, PriceUnit, UsageError, ValidationOptions};

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
        let Some(map) = option_entries(value)? else {
            return Ok(options);
        };
        for (key, value) in map {
            match key.as_str() {
                "customerOptions" => options.build = BuildOptions::from_json(value)?,
                "priceUnit" => {
                    options.price_unit = match value.as_str() {
                        Some("cents") => PriceUnit::Cents,
                        Some("units") => PriceUnit::Units,
                        _ => {
                            return Err(invalid_option("priceUnit must be \"cents\" or \"units\""))
                        }
                    }
                }
                "maxBodyBytes" => {
                    let max = value
                        .as_u64()
                        .filter(|&max| (1024..=10_485_760).contains(&max))
                        .ok_or_else(|| {
                            invalid_option("maxBodyBytes must be an integer from 1024 to 10485760")
                        })?;
                    options.max_body_bytes = usize::try_from(max).unwrap_or(10_485_760);
                }
                "metadataSchemas" => {
                    options.validation = ValidationOptions::from_json(
                        &serde_json::json!({ "metadataSchemas": value }),
                    )?;
                    options.build.metadata_schemas = options.validation.metadata_schemas.clone();
                }
                other => {
                    return Err(unknown_option(
                        other,
                        "customerOptions, priceUnit, maxBodyBytes and metadataSchemas",
                    ))
                }
            }
        }
        Ok(options)
    }
}
