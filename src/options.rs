//! The caller's options for payload validation, read from JSON with unknown keys refused.

use serde_json::Value;

use crate::option_json::{
    invalid_option, metadata_schemas_option, option_entries, parse_option_bytes, unknown_option,
};
#[cfg(test)]
use crate::UsageCode;
use crate::{Limits, MetadataSchemas, UsageError};

/// Options for payload validation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationOptions {
    /// The project's metadata schemas; metadata is checked against them when given.
    pub metadata_schemas: Option<MetadataSchemas>,
    /// Size limits.
    pub limits: Limits,
}

impl ValidationOptions {
    /// Reads options from the JSON the JS wrapper sends: `{ metadataSchemas?, maxIssues? }`.
    /// Empty input means the defaults. Unknown keys are refused so that a misspelt option is not
    /// silently ignored.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<ValidationOptions, UsageError> {
        ValidationOptions::from_json(&parse_option_bytes(bytes)?)
    }

    /// Reads options from a JSON value; `null` means the defaults.
    pub fn from_json(value: &Value) -> Result<ValidationOptions, UsageError> {
        let mut options = ValidationOptions::default();
        let Some(map) = option_entries(value)? else {
            return Ok(options);
        };
        for (key, value) in map {
            match key.as_str() {
                "metadataSchemas" => options.metadata_schemas = metadata_schemas_option(value)?,
                "maxIssues" => {
                    let max = value
                        .as_u64()
                        .filter(|&max| max <= 1_000_000)
                        .ok_or_else(|| {
                            invalid_option("maxIssues must be an integer from 0 to 1000000")
                        })?;
                    options.limits.max_issues = usize::try_from(max).unwrap_or(usize::MAX);
                }
                other => return Err(unknown_option(other, "metadataSchemas and maxIssues")),
            }
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_null_mean_defaults() {
        assert_eq!(
            ValidationOptions::from_json_bytes(b"").unwrap(),
            ValidationOptions::default()
        );
        assert_eq!(
            ValidationOptions::from_json_bytes(b"null").unwrap(),
            ValidationOptions::default()
        );
        assert_eq!(
            ValidationOptions::from_json_bytes(b"{}").unwrap(),
            ValidationOptions::default()
        );
    }

    #[test]
    fn refuses_unknown_keys_and_bad_schemas() {
        for bad in [&b"{\"metadataSchema\":{}}"[..], b"[1]", b"{\"maxIssues\":-1}", b"{\"metadataSchemas\":{\"schemas\":[{\"related_object\":\"customer\",\"properties\":{\"a\":{\"type\":\"nope\"}}}]}}", b"{"] {
            let error = ValidationOptions::from_json_bytes(bad).unwrap_err();
            assert_eq!(error.code, UsageCode::InvalidOptions);
        }
    }
}
