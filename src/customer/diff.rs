//! The smallest `PUT /v1/customers/{customerId}` body that turns a stored profile into a local
//! one, refusing a `source_id` change (the API never changes it).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::option_json::{bool_option, option_entries, unknown_option};
use crate::path::Path;
use crate::values::{json_type, shown};
use crate::{Code, Issue, Severity, UsageCode, UsageError};

/// The customer fields an update can change, besides `address` and `metadata`.
const SCALAR_FIELDS: &[&str] = &["name", "description", "email", "phone", "birthdate"];

/// The sub-fields of `address`.
const ADDRESS_FIELDS: &[&str] = &[
    "line_1",
    "line_2",
    "city",
    "state",
    "postal_code",
    "country",
];

/// How to treat fields the local customer does not have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Keep stored values of fields (and metadata keys) that the local customer lacks, instead
    /// of clearing them with `null`. Use it when local records carry only some of the fields.
    pub keep_missing: bool,
}

impl DiffOptions {
    /// Reads `{ keepMissing? }`.
    pub fn from_json(value: &Value) -> Result<DiffOptions, UsageError> {
        let mut options = DiffOptions::default();
        let Some(map) = option_entries(value)? else {
            return Ok(options);
        };
        for (key, value) in map {
            match key.as_str() {
                "keepMissing" => options.keep_missing = bool_option(key, value)?,
                other => return Err(unknown_option(other, "keepMissing")),
            }
        }
        Ok(options)
    }
}

/// The update body, or `None` when nothing changed, and the problems found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomerDiff {
    /// `true` when no issue is an error.
    pub valid: bool,
    /// The `PUT` body, or `None` (`null` in JSON) when the profiles already match.
    pub body: Option<Map<String, Value>>,
    /// Problems, such as a `source_id` that differs (`immutable_field`).
    pub issues: Vec<Issue>,
}

/// Compares a stored customer (the API's customer object, response fields and all) with the
/// local one and returns the minimal update body. Metadata is merged key by key, with `null`
/// removing a key.
pub fn diff_customer(
    stored: &Value,
    local: &Value,
    options: &DiffOptions,
) -> Result<CustomerDiff, UsageError> {
    let stored = expect_object(stored, "stored")?;
    let local = expect_object(local, "local")?;
    let mut issues = Vec::new();
    check_source_id(stored, local, &mut issues);
    let mut body = Map::new();
    for field in SCALAR_FIELDS {
        let wanted = local_field(local, field);
        if wanted.is_none() && options.keep_missing {
            continue;
        }
        let current = present(stored.get(*field)).or_else(|| {
            (*field == "birthdate")
                .then(|| present(stored.get("birthday")))
                .flatten()
        });
        if !same(current, wanted) {
            body.insert((*field).to_string(), wanted.cloned().unwrap_or(Value::Null));
        }
    }
    if let Some(address) = diff_address(stored.get("address"), local.get("address"), options) {
        body.insert("address".into(), address);
    }
    if let Some(metadata) = diff_metadata(stored.get("metadata"), local.get("metadata"), options) {
        body.insert("metadata".into(), metadata);
    }
    let valid = !issues
        .iter()
        .any(|issue: &Issue| issue.severity == Severity::Error);
    Ok(CustomerDiff {
        valid,
        body: (!body.is_empty()).then_some(body),
        issues,
    })
}

fn expect_object<'v>(value: &'v Value, name: &str) -> Result<&'v Map<String, Value>, UsageError> {
    value.as_object().ok_or_else(|| {
        UsageError::new(
            UsageCode::InvalidArgument,
            format!("{name} must be a customer object, not {}", json_type(value)),
        )
    })
}

/// A local field, reading the deprecated `birthday` when `birthdate` is absent.
fn local_field<'v>(local: &'v Map<String, Value>, field: &str) -> Option<&'v Value> {
    present(local.get(field)).or_else(|| {
        (field == "birthdate")
            .then(|| present(local.get("birthday")))
            .flatten()
    })
}

/// A value that says something: not absent, not `null`.
fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|value| !value.is_null())
}

fn check_source_id(
    stored: &Map<String, Value>,
    local: &Map<String, Value>,
    issues: &mut Vec<Issue>,
) {
    let Some(wanted) = present(local.get("source_id")) else {
        return;
    };
    let current = present(stored.get("source_id"));
    if current == Some(wanted) {
        return;
    }
    let message = match current {
        Some(current) => format!(
            "source_id is {} in Voucherify and {} locally; it can never change, so delete the customer and create it again with the new source_id (its history stays with the old profile)",
            shown(current),
            shown(wanted)
        ),
        None => format!(
            "the stored customer has no source_id and an update cannot set one; to sync it by {}, delete it and create it again with that source_id",
            shown(wanted)
        ),
    };
    issues.push(Issue {
        code: Code::ImmutableField,
        severity: Severity::Error,
        path: Path::ROOT.key("source_id").render(),
        message,
    });
}

/// The address to send: the whole wanted address (with `null` for sub-fields only the stored
/// one has, or with their stored values under `keep_missing`) when any sub-field differs, so that
/// it is right whether the API merges or replaces the address.
fn diff_address(
    stored: Option<&Value>,
    local: Option<&Value>,
    options: &DiffOptions,
) -> Option<Value> {
    if local.is_none() && options.keep_missing {
        return None;
    }
    let stored_map = stored.and_then(Value::as_object);
    let local_map = local.and_then(Value::as_object);
    // With keep_missing, a sub-field the local address lacks keeps its stored value.
    let wanted = |key: &str| match sub_field(local_map, key) {
        None if options.keep_missing => sub_field(stored_map, key),
        other => other,
    };
    let differs = ADDRESS_FIELDS
        .iter()
        .any(|key| !same(sub_field(stored_map, key), wanted(key)));
    if !differs {
        return None;
    }
    if local_map.is_none() {
        return Some(Value::Null);
    }
    let mut address = Map::new();
    for key in ADDRESS_FIELDS {
        match (wanted(key), sub_field(stored_map, key)) {
            (Some(value), _) => {
                address.insert((*key).to_string(), value.clone());
            }
            (None, Some(_)) => {
                address.insert((*key).to_string(), Value::Null);
            }
            (None, None) => {}
        }
    }
    Some(Value::Object(address))
}

/// A present address sub-field.
fn sub_field<'v>(map: Option<&'v Map<String, Value>>, key: &str) -> Option<&'v Value> {
    present(map.and_then(|map| map.get(key)))
}

/// The metadata keys that changed, with `null` for keys to remove.
pub(crate) fn diff_metadata(
    stored: Option<&Value>,
    local: Option<&Value>,
    options: &DiffOptions,
) -> Option<Value> {
    let empty = Map::new();
    let stored = stored.and_then(Value::as_object).unwrap_or(&empty);
    let local_map = local.and_then(Value::as_object);
    if local_map.is_none() && options.keep_missing {
        return None;
    }
    let local = local_map.unwrap_or(&empty);
    let mut changes = Map::new();
    for (key, value) in local {
        if !same(present(stored.get(key)), present(Some(value))) {
            changes.insert(key.clone(), value.clone());
        }
    }
    if !options.keep_missing {
        for (key, value) in stored {
            if !value.is_null() && !local.contains_key(key) {
                changes.insert(key.clone(), Value::Null);
            }
        }
    }
    (!changes.is_empty()).then_some(Value::Object(changes))
}

/// Deep equality where numbers compare by value (`1` equals `1.0`).
pub(crate) fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same_value(a, b),
        _ => false,
    }
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, value)| y.get(key).is_some_and(|other| same_value(value, other)))
        }
        _ => a == b,
    }
}
