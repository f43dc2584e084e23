//! Checks a `metadata` object against the schema of its resource.

use serde_json::Value;

use crate::json_tree::{Json, Members};

use super::definition::{Definition, MetaType};
use super::schema::ResourceSchema;
use crate::checker::Checker;
use crate::formats::{is_calendar_date, is_geopoint, is_image_url, is_iso_timestamp};
use crate::path::Path;
use crate::values::{json_type, shown};
use crate::Code;

/// Which schema applies to a metadata object, and whether the resource is being created (when
/// definitions with `optional: false` are required).
#[derive(Clone, Copy, Debug)]
pub(crate) struct MetadataContext<'a> {
    /// The resource name the schema is keyed by (`customer`, `order_item`, ...).
    pub(crate) resource: &'a str,
    /// Whether required definitions must be present.
    pub(crate) creating: bool,
}

/// Checks `value` (the `metadata` field, or `None` when absent) found at `path`.
pub(crate) fn check_metadata(
    ck: &mut Checker,
    value: Option<&Json>,
    path: &Path,
    context: MetadataContext,
) {
    let map = match value {
        None => None,
        Some(Json::Object(map)) => Some(map),
        Some(other) => {
            ck.error(
                Code::InvalidType,
                path,
                format!("metadata must be an object, not {}", json_type(other)),
            );
            return;
        }
    };
    let options = ck.options;
    let Some(schemas) = options.metadata_schemas.as_ref() else {
        return;
    };
    let Some(schema) = schemas.get(context.resource) else {
        return;
    };
    check_against(ck, map, path, schema, context, schemas);
}

fn check_against(
    ck: &mut Checker,
    map: Option<&Members>,
    path: &Path,
    schema: &ResourceSchema,
    context: MetadataContext,
    schemas: &super::MetadataSchemas,
) {
    if let Some(map) = map {
        for (key, value) in map {
            let key_path = path.key(key);
            match schema.properties.get(key) {
                None if schema.allow_defined_only => ck.error(
                    Code::MetadataUndefinedKey,
                    &key_path,
                    format!(
                        "{key}: the {} metadata schema allows only defined keys, and this key is not defined",
                        context.resource
                    ),
                ),
                None => {}
                Some(definition) if definition.deleted => {
                    let message = format!(
                        "{key}: the definition of this key was deleted from the {} metadata schema",
                        context.resource
                    );
                    if schema.allow_defined_only {
                        ck.error(Code::MetadataDeletedKey, &key_path, message);
                    } else {
                        ck.warn(
                            Code::MetadataDeletedKey,
                            &key_path,
                            format!("{message}; the value is stored as unknown metadata"),
                        );
                    }
                }
                Some(definition) => {
                    if value.is_null() {
                        if context.creating && !definition.optional {
                            ck.error(
                                Code::MetadataMissingRequired,
                                &key_path,
                                format!("{key}: property is required, and null is not a value"),
                            );
                        }
                    } else {
                        check_value(ck, key, value, &key_path, definition, context, schemas);
                    }
                }
            }
        }
    }
    if context.creating {
        for (key, definition) in &schema.properties {
            if !definition.optional
                && !definition.deleted
                && map.is_none_or(|m| !m.contains_key(key))
            {
                ck.error(
                    Code::MetadataMissingRequired,
                    path,
                    format!(
                        "{key}: property is required by the {} metadata schema when creating",
                        context.resource
                    ),
                );
            }
        }
    }
}

fn check_value(
    ck: &mut Checker,
    key: &str,
    value: &Json,
    path: &Path,
    definition: &Definition,
    context: MetadataContext,
    schemas: &super::MetadataSchemas,
) {
    match (definition.array, value) {
        (true, Json::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                check_element(
                    ck,
                    key,
                    item,
                    &path.index(index),
                    definition,
                    context,
                    schemas,
                );
            }
        }
        (true, other) => ck.error(
            Code::MetadataInvalidType,
            path,
            format!(
                "{key}: must be an array of {} (actual value is {})",
                definition.kind.name(),
                shown(other)
            ),
        ),
        (false, Json::Array(_)) => ck.error(
            Code::MetadataInvalidType,
            path,
            format!(
                "{key}: must be a single {}, not an array",
                definition.kind.name()
            ),
        ),
        (false, other) => check_element(ck, key, other, path, definition, context, schemas),
    }
}

fn check_element(
    ck: &mut Checker,
    key: &str,
    value: &Json,
    path: &Path,
    definition: &Definition,
    context: MetadataContext,
    schemas: &super::MetadataSchemas,
) {
    let type_ok = match definition.kind {
        MetaType::String
        | MetaType::Date
        | MetaType::Datetime
        | MetaType::Geopoint
        | MetaType::ImageUrl => value.is_string(),
        MetaType::Number => value.is_number(),
        MetaType::Boolean => value.is_boolean(),
        MetaType::Object => value.is_object(),
    };
    if !type_ok {
        ck.error(
            Code::MetadataInvalidType,
            path,
            format!(
                "{key}: must be a {} (actual value is {})",
                definition.kind.name(),
                shown(value)
            ),
        );
        return;
    }
    if let Json::String(text) = value {
        let format_ok = match definition.kind {
            MetaType::Date => is_calendar_date(text),
            MetaType::Datetime => is_iso_timestamp(text),
            MetaType::Geopoint => is_geopoint(text),
            MetaType::ImageUrl => is_image_url(text),
            _ => true,
        };
        if !format_ok {
            let wanted = match definition.kind {
                MetaType::Date => "a date written YYYY-MM-DD",
                MetaType::Datetime => "an ISO 8601 date-time such as 2022-03-11T09:00:00.000Z",
                MetaType::Geopoint => "a geopoint written \"latitude, longitude\"",
                _ => "a URL pointing to JPG/JPEG or PNG resource",
            };
            ck.error(
                Code::MetadataInvalidFormat,
                path,
                format!("{key}: must be {wanted} (actual value is {})", shown(value)),
            );
        }
        check_length(ck, key, text, path, definition);
    }
    check_allowed(ck, key, value, path, definition);
    if let Some(number) = value.as_f64() {
        check_bounds(ck, key, number, path, definition);
    }
    if let (Json::Object(map), Some(object_type)) = (value, &definition.object_type) {
        if let Some(nested) = schemas.get(object_type) {
            let nested_context = MetadataContext {
                resource: object_type,
                creating: context.creating,
            };
            check_against(ck, Some(map), path, nested, nested_context, schemas);
        }
    }
}

fn check_length(ck: &mut Checker, key: &str, text: &str, path: &Path, definition: &Definition) {
    let length = text.chars().count() as u64;
    let broken = if let Some(exact) = definition.exact_length.filter(|&exact| length != exact) {
        Some(format!("must be exactly {exact} characters long"))
    } else if let Some(min) = definition.min_length.filter(|&min| length < min) {
        Some(format!("must be at least {min} characters long"))
    } else {
        definition
            .max_length
            .filter(|&max| length > max)
            .map(|max| format!("must be at most {max} characters long"))
    };
    if let Some(rule) = broken {
        ck.error(
            Code::MetadataInvalidLength,
            path,
            format!("{key}: {rule} (actual length is {length})"),
        );
    }
}

fn check_allowed(ck: &mut Checker, key: &str, value: &Json, path: &Path, definition: &Definition) {
    if let Some(allowed) = &definition.eq {
        if !allowed.iter().any(|candidate| same_value(candidate, value)) {
            let list: Vec<String> = allowed.iter().map(plain).collect();
            ck.error(
                Code::MetadataNotAllowed,
                path,
                format!(
                    "{key}: must be equal to one of {} (actual value is {})",
                    list.join(","),
                    shown(value)
                ),
            );
        }
    }
    if let Some(forbidden) = &definition.ne {
        if forbidden
            .iter()
            .any(|candidate| same_value(candidate, value))
        {
            ck.error(
                Code::MetadataNotAllowed,
                path,
                format!(
                    "{key}: must not be equal to {} (actual value is {})",
                    plain_json(value),
                    shown(value)
                ),
            );
        }
    }
}

fn check_bounds(ck: &mut Checker, key: &str, number: f64, path: &Path, definition: &Definition) {
    let rules = [
        (
            definition.lt,
            "less than",
            number < definition.lt.unwrap_or(f64::INFINITY),
        ),
        (
            definition.lte,
            "less than or equal to",
            number <= definition.lte.unwrap_or(f64::INFINITY),
        ),
        (
            definition.gt,
            "greater than",
            number > definition.gt.unwrap_or(f64::NEG_INFINITY),
        ),
        (
            definition.gte,
            "greater than or equal to",
            number >= definition.gte.unwrap_or(f64::NEG_INFINITY),
        ),
    ];
    for (bound, words, holds) in rules {
        if let (Some(bound), false) = (bound, holds) {
            ck.error(
                Code::MetadataOutOfRange,
                path,
                format!(
                    "{key}: must be {words} {} (actual value is {})",
                    crate::decimal::display_f64(bound),
                    crate::decimal::display_f64(number)
                ),
            );
        }
    }
}

/// Whether the schema's `candidate` equals `value`, numbers compared by value (`1` equals `1.0`).
fn same_value(candidate: &Value, value: &Json) -> bool {
    match (candidate, value) {
        (Value::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        _ => value.same_as(candidate),
    }
}

/// A schema's value as the API's messages show it: strings unquoted, others as JSON.
fn plain(value: &Value) -> String {
    plain_json(&Json::borrowed(value))
}

/// A request's value as the API's messages show it: strings unquoted, others as JSON.
fn plain_json(value: &Json) -> String {
    match value {
        Json::String(text) => text.to_string(),
        other => other.to_json_text(),
    }
}
