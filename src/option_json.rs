//! Reading the option objects the JS wrapper sends as JSON: the shape checks and messages every
//! options reader shares. Unknown keys are refused everywhere, so a misspelt option is never
//! silently ignored.

use serde_json::{Map, Value};

use crate::{MetadataSchemas, UsageCode, UsageError};

/// Parses option bytes; empty (or blank) input is `null`, the defaults.
pub(crate) fn parse_option_bytes(bytes: &[u8]) -> Result<Value, UsageError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    crate::json_tree::parse_value(bytes)
        .map_err(|error| invalid_option(format!("options are not valid JSON: {error}")))
}

/// The entries of an options object, or `None` for `null` (the defaults).
pub(crate) fn option_entries(value: &Value) -> Result<Option<&Map<String, Value>>, UsageError> {
    match value {
        Value::Null => Ok(None),
        Value::Object(map) => Ok(Some(map)),
        _ => Err(invalid_option("options must be an object")),
    }
}

/// The error for a key no reader knows, listing the ones it does.
pub(crate) fn unknown_option(key: &str, known: &str) -> UsageError {
    invalid_option(format!("unknown option {key:?}; the options are {known}"))
}

/// Reads `metadataSchemas`; `null` means none.
pub(crate) fn metadata_schemas_option(
    value: &Value,
) -> Result<Option<MetadataSchemas>, UsageError> {
    if value.is_null() {
        return Ok(None);
    }
    MetadataSchemas::from_json(value)
        .map(Some)
        .map_err(|error| invalid_option(format!("metadataSchemas: {error}")))
}

/// A boolean option; `null` is `false`.
pub(crate) fn bool_option(key: &str, value: &Value) -> Result<bool, UsageError> {
    match value {
        Value::Null => Ok(false),
        Value::Bool(flag) => Ok(*flag),
        _ => Err(invalid_option(format!("{key} must be a boolean"))),
    }
}

/// An `invalid_options` error.
pub(crate) fn invalid_option(message: impl Into<String>) -> UsageError {
    UsageError::new(UsageCode::InvalidOptions, message)
}
