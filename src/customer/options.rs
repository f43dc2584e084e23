//! The options of the customer builder, read from the JS wrapper's camelCase JSON.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{find_country, Country, DateOrder, Target};
use crate::option_json::{
    bool_option, invalid_option, metadata_schemas_option, option_entries, unknown_option,
};
use crate::{MetadataSchemas, UsageError};

/// How [`crate::build_customer`] reads and normalizes a record.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Record keys mapped to customer fields; keys not listed are recognized by name.
    pub mapping: BTreeMap<String, Target>,
    /// Lowercase the whole email address, not only its domain.
    pub lowercase_email: bool,
    /// Convert phone numbers to E.164 with this country for national numbers.
    pub default_country: Option<Country>,
    /// The order of day and month in slash-separated dates.
    pub date_order: Option<DateOrder>,
    /// Send `null` for empty values (to clear the field) instead of dropping them.
    pub clear_empty: bool,
    /// The project's metadata schemas; the customer schema types the metadata values.
    pub metadata_schemas: Option<MetadataSchemas>,
}

impl BuildOptions {
    /// Reads `{ mapping?, lowercaseEmail?, defaultCountry?, dateOrder?, clearEmpty?, metadataSchemas? }`.
    pub fn from_json(value: &Value) -> Result<BuildOptions, UsageError> {
        let mut options = BuildOptions::default();
        let Some(map) = option_entries(value)? else {
            return Ok(options);
        };
        for (key, value) in map {
            match key.as_str() {
                "mapping" => options.mapping = read_mapping(value)?,
                "lowercaseEmail" => options.lowercase_email = bool_option(key, value)?,
                "clearEmpty" => options.clear_empty = bool_option(key, value)?,
                "defaultCountry" => {
                    if !value.is_null() {
                        let iso = value.as_str().ok_or_else(|| invalid_option("defaultCountry must be a string"))?;
                        let country = find_country(iso).ok_or_else(|| {
                            invalid_option(format!(
                                "defaultCountry {iso:?} is not supported; the supported countries are {}",
                                super::supported_countries().map(|c| c.iso).collect::<Vec<_>>().join(", ")
                            ))
                        })?;
                        options.default_country = Some(country);
                    }
                }
                "dateOrder" => {
                    if !value.is_null() {
                        let order = value
                            .as_str()
                            .and_then(DateOrder::parse)
                            .ok_or_else(|| invalid_option("dateOrder must be \"dmy\" or \"mdy\""))?;
                        options.date_order = Some(order);
                    }
                }
                "metadataSchemas" => options.metadata_schemas = metadata_schemas_option(value)?,
                other => return Err(unknown_option(other, "mapping, lowercaseEmail, defaultCountry, dateOrder, clearEmpty and metadataSchemas")),
            }
        }
        Ok(options)
    }
}

fn read_mapping(value: &Value) -> Result<BTreeMap<String, Target>, UsageError> {
    let map = match value {
        Value::Null => return Ok(BTreeMap::new()),
        Value::Object(map) => map,
        _ => {
            return Err(invalid_option(
                "mapping must be an object of record key to customer field",
            ))
        }
    };
    let mut mapping = BTreeMap::new();
    for (key, target) in map {
        let target = match target {
            Value::Null => Target::Ignore,
            Value::String(text) => Target::parse(text).ok_or_else(|| {
                invalid_option(format!(
                    "mapping.{key}: {text:?} is not a customer field; use name, source_id, email, phone, birthdate, description, id, address.line_1, address.line_2, address.city, address.state, address.postal_code, address.country, metadata.<key>, or null to drop the key"
                ))
            })?,
            _ => return Err(invalid_option(format!("mapping.{key} must be a string or null"))),
        };
        mapping.insert(key.clone(), target);
    }
    Ok(mapping)
}
