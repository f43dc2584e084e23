//! Customers from records of any shape: an API customer object passes (response fields
//! dropped), a flat record (a CRM row, a CSV row, a form) goes through the customer builder.

use serde_json::{Map, Value};

use crate::{build_customer, BuildOptions, Issue, UsageError};

/// The fields of an API customer object; an object with other keys is a flat record.
const CUSTOMER_FIELDS: &[&str] = &[
    "id",
    "source_id",
    "name",
    "description",
    "email",
    "phone",
    "birthdate",
    "birthday",
    "address",
    "metadata",
];

/// Fields of a customer response that are not data: they are dropped from API-shaped objects.
pub(crate) const RESPONSE_FIELDS: &[&str] = &[
    "object",
    "created_at",
    "updated_at",
    "summary",
    "loyalty",
    "referrals",
    "system_metadata",
    "assets",
];

/// An API customer from a record: an API-shaped object passes (response fields dropped, and
/// empty values dropped as the builder drops them), a flat record goes through the customer
/// builder. Issues point into the record.
pub(crate) fn customer_from_record(
    record: &Value,
    options: &BuildOptions,
) -> Result<(Map<String, Value>, Vec<Issue>), UsageError> {
    if let Value::Object(map) = record {
        if map.keys().all(|key| {
            CUSTOMER_FIELDS.contains(&key.as_str()) || RESPONSE_FIELDS.contains(&key.as_str())
        }) {
            let kept = map
                .iter()
                .filter(|(key, value)| CUSTOMER_FIELDS.contains(&key.as_str()) && !is_empty(value))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            return Ok((kept, Vec::new()));
        }
    }
    let built = build_customer(record, options)?;
    Ok((built.customer, built.issues))
}

/// Whether a value says nothing: `null`, or a string of whitespace only (an empty CSV cell).
fn is_empty(value: &Value) -> bool {
    value.is_null() || value.as_str().is_some_and(|text| text.trim().is_empty())
}
