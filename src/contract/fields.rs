//! Declarative field tables for request objects, and the walk that checks an object against one:
//! types, formats, required, unknown and response-only fields.

use std::collections::HashSet;

use crate::json_tree::{same_key, Json, Members};

use crate::checker::Checker;
use crate::formats::{is_calendar_date, is_http_url, is_rfc3339_date_time, looks_like_email};
use crate::limits::MAX_SAFE_INTEGER;
use crate::metadata::{check_metadata, MetadataContext};
use crate::path::Path;
use crate::values::{json_type, shown};
use crate::Code;

/// A check of a nested value that a field table cannot express.
pub(crate) type NestedCheck = fn(&mut Checker, &Json, &Path);

/// What a field must hold.
pub(crate) enum Kind {
    /// Any string.
    Str,
    /// An identifier: a string that should not be empty.
    Id,
    /// An identifier, or `null`.
    NullableId,
    /// A string that should be an email address by [`looks_like_email`] (a warning otherwise: the
    /// API stores any string); empty or blank is `empty_value`, a warning too.
    Email,
    /// A string that should be an http(s) URL (a warning otherwise).
    Url,
    /// An integer of at least `min`.
    Count { min: i64 },
    /// Money: an integer number of cents.
    Cents,
    /// Money the spec types as `number` (item `product.price`, `sku.price`): a fraction is a warning.
    Price,
    /// A boolean.
    Bool,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// An RFC 3339 date-time with a zone.
    DateTime,
    /// One of a fixed set of strings.
    Enum(&'static [&'static str]),
    /// An array of strings.
    StrList,
    /// A `metadata` object of `resource`; `creating` makes `optional: false` definitions required.
    Metadata {
        resource: &'static str,
        creating: bool,
    },
    /// A value with rules of its own.
    Nested(NestedCheck),
    /// `null` (which clears the field), or a value of the inner kind.
    OrNull(&'static Kind),
}

/// A request field and what it must hold.
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
}

/// A key with something to say beyond its type: deprecated, immutable, ignored.
pub(crate) struct Note {
    pub(crate) name: &'static str,
    pub(crate) code: Code,
    pub(crate) is_error: bool,
    pub(crate) message: &'static str,
}

/// The shape of one request object.
pub(crate) struct ObjectSpec {
    /// What the object is called in messages (`customer`, `order item`).
    pub(crate) noun: &'static str,
    /// The fields the request schema declares.
    pub(crate) fields: &'static [Field],
    /// Fields that must be present.
    pub(crate) required: &'static [&'static str],
    /// Fields that only appear in responses.
    pub(crate) response_only: &'static [&'static str],
    /// Keys with a note of their own.
    pub(crate) notes: &'static [Note],
}

/// Shorthand for a field table entry.
pub(crate) const fn field(name: &'static str, kind: Kind) -> Field {
    Field { name, kind }
}

/// Checks `value` against `spec`; returns the object's members when it is an object.
pub(crate) fn check_object<'v, 'a>(
    ck: &mut Checker,
    value: &'v Json<'a>,
    path: &Path,
    spec: &ObjectSpec,
) -> Option<&'v Members<'a>> {
    let Json::Object(map) = value else {
        ck.error(
            Code::InvalidType,
            path,
            format!(
                "a {} must be an object, not {}",
                spec.noun,
                json_type(value)
            ),
        );
        return None;
    };
    for (key, member) in map {
        let member_path = path.key(key);
        let note = spec.notes.iter().find(|note| same_key(note.name, key));
        if let Some(note) = note {
            if note.is_error {
                ck.error(note.code, &member_path, note.message);
            } else {
                ck.warn(note.code, &member_path, note.message);
            }
        }
        if let Some(field) = spec.fields.iter().find(|field| same_key(field.name, key)) {
            check_kind(ck, member, &member_path, key, &field.kind);
        } else if note.is_some() {
        } else if spec.response_only.iter().any(|name| same_key(name, key)) {
            ck.warn(
                Code::ResponseOnlyField,
                &member_path,
                format!("{key} only appears in API responses; a request should not send it"),
            );
        } else {
            ck.warn(
                Code::UnknownField,
                &member_path,
                format!(
                    "{key} is not a field of a {} request; the API ignores or rejects it",
                    spec.noun
                ),
            );
        }
    }
    for name in spec.required {
        if !map.contains_key(name) {
            ck.error(
                Code::MissingField,
                path,
                format!("a {} needs the field {name}", spec.noun),
            );
        }
    }
    for field in spec.fields {
        if let Kind::Metadata {
            resource,
            creating: true,
        } = field.kind
        {
            if !map.contains_key(field.name) {
                let context = MetadataContext {
                    resource,
                    creating: true,
                };
                check_metadata(ck, None, &path.key(field.name), context);
            }
        }
    }
    Some(map)
}

/// Checks one member against its kind.
pub(crate) fn check_kind(ck: &mut Checker, value: &Json, path: &Path, name: &str, kind: &Kind) {
    match kind {
        Kind::Str => {
            expect_string(ck, value, path, name);
        }
        Kind::Id => check_id(ck, value, path, name, false),
        Kind::NullableId => check_id(ck, value, path, name, true),
        Kind::Email => {
            if let Some(text) = expect_string(ck, value, path, name) {
                if text.trim().is_empty() {
                    // The API would store an empty address: "" and " " alike.
                    ck.warn(Code::EmptyValue, path, format!("{name} is empty or blank"));
                } else if !looks_like_email(text) {
                    ck.warn(
                        Code::InvalidFormat,
                        path,
                        format!(
                            "{name} does not look like an email address (actual value is {})",
                            shown(value)
                        ),
                    );
                }
            }
        }
        Kind::Url => {
            if let Some(text) = expect_string(ck, value, path, name) {
                if !text.is_empty() && !is_http_url(text) {
                    ck.warn(
                        Code::InvalidFormat,
                        path,
                        format!(
                            "{name} should be an http(s) URL (actual value is {})",
                            shown(value)
                        ),
                    );
                }
            }
        }
        Kind::Count { min } => {
            if let Some(number) = expect_integer(ck, value, path, name, false) {
                if number < *min {
                    ck.error(
                        Code::OutOfRange,
                        path,
                        format!("{name} cannot be lower than {min} (actual value is {number})"),
                    );
                }
            }
        }
        Kind::Cents => {
            if let Some(number) = expect_integer(ck, value, path, name, true) {
                if number < 0 {
                    ck.warn(
                        Code::OutOfRange,
                        path,
                        format!("{name} is negative ({number}); money amounts are normally zero or more"),
                    );
                }
            }
        }
        Kind::Price => check_price(ck, value, path, name),
        Kind::Bool => {
            if !value.is_boolean() {
                type_error(ck, value, path, name, "a boolean");
            }
        }
        Kind::Date => {
            if let Some(text) = expect_string(ck, value, path, name) {
                if !is_calendar_date(text) {
                    ck.error(
                        Code::InvalidFormat,
                        path,
                        format!("{name} must be a real calendar date written YYYY-MM-DD (actual value is {})", shown(value)),
                    );
                }
            }
        }
        Kind::DateTime => {
            if let Some(text) = expect_string(ck, value, path, name) {
                if !is_rfc3339_date_time(text) {
                    ck.error(
                        Code::InvalidFormat,
                        path,
                        format!(
                            "{name} must be an ISO 8601 date-time with a time zone, such as 2022-03-11T09:00:00.000Z (actual value is {})",
                            shown(value)
                        ),
                    );
                }
            }
        }
        Kind::Enum(allowed) => {
            if let Some(text) = expect_string(ck, value, path, name) {
                if !allowed.contains(&text) {
                    ck.error(
                        Code::InvalidValue,
                        path,
                        format!(
                            "{name} must be one of {} (actual value is {})",
                            allowed.join(", "),
                            shown(value)
                        ),
                    );
                }
            }
        }
        Kind::StrList => check_string_list(ck, value, path, name),
        Kind::Metadata { resource, creating } => {
            let context = MetadataContext {
                resource,
                creating: *creating,
            };
            check_metadata(ck, Some(value), path, context);
        }
        Kind::Nested(check) => check(ck, value, path),
        Kind::OrNull(inner) => {
            if !value.is_null() {
                check_kind(ck, value, path, name, inner);
            }
        }
    }
}

/// Records `invalid_type` for `name`, which should have been `wanted`.
pub(crate) fn type_error(ck: &mut Checker, value: &Json, path: &Path, name: &str, wanted: &str) {
    ck.error(
        Code::InvalidType,
        path,
        format!("{name} must be {wanted}, not {}", json_type(value)),
    );
}

/// Returns the string, or records `invalid_type`.
pub(crate) fn expect_string<'v>(
    ck: &mut Checker,
    value: &'v Json,
    path: &Path,
    name: &str,
) -> Option<&'v str> {
    match value {
        Json::String(text) => Some(text),
        other => {
            type_error(ck, other, path, name, "a string");
            None
        }
    }
}

fn check_id(ck: &mut Checker, value: &Json, path: &Path, name: &str, nullable: bool) {
    if nullable && value.is_null() {
        return;
    }
    let wanted = if nullable {
        "a string or null"
    } else {
        "a string"
    };
    match value {
        Json::String(text) if text.trim().is_empty() => ck.warn(
            Code::EmptyValue,
            path,
            format!(
                "{name} is empty; an empty identifier matches nothing or creates a blank record"
            ),
        ),
        Json::String(_) => {}
        other => type_error(ck, other, path, name, wanted),
    }
}

fn check_string_list(ck: &mut Checker, value: &Json, path: &Path, name: &str) {
    let Json::Array(items) = value else {
        type_error(ck, value, path, name, "an array of strings");
        return;
    };
    // A set, not a list: 100 000 strings must not take 100 000² comparisons.
    let mut seen: HashSet<&str> = HashSet::new();
    for (index, item) in items.iter().enumerate() {
        let item_path = path.index(index);
        if let Some(text) = expect_string(ck, item, &item_path, name) {
            if !seen.insert(text) {
                ck.warn(
                    Code::Duplicate,
                    &item_path,
                    format!("{name} lists {} twice", shown(item)),
                );
            }
        }
    }
}

fn check_price(ck: &mut Checker, value: &Json, path: &Path, name: &str) {
    let Json::Number(number) = value else {
        type_error(ck, value, path, name, "a number");
        return;
    };
    if number.as_i64().is_none() && number.as_u64().is_none() {
        let float = number.as_f64().unwrap_or(0.0);
        if float.fract() != 0.0 {
            ck.warn(
                Code::NotIntegerCents,
                path,
                format!("{name} is {number}; prices are in cents (1999 for 19.99), so a fraction is likely a unit mistake"),
            );
        }
    }
    if !within_safe_range(number) {
        ck.error(
            Code::OutOfRange,
            path,
            format!("{name} is beyond the largest exact integer (2^53 - 1)"),
        );
    }
}

fn within_safe_range(number: &serde_json::Number) -> bool {
    if let Some(int) = number.as_i64() {
        return (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&int);
    }
    if number.as_u64().is_some() {
        return false;
    }
    number
        .as_f64()
        .is_some_and(|float| float.abs() <= MAX_SAFE_INTEGER as f64)
}

/// Returns the integer, or records `invalid_type`, `not_integer_cents` (for money) or
/// `out_of_range` (beyond 2^53 − 1, which a JavaScript server cannot hold exactly).
pub(crate) fn expect_integer(
    ck: &mut Checker,
    value: &Json,
    path: &Path,
    name: &str,
    money: bool,
) -> Option<i64> {
    let Json::Number(number) = value else {
        let wanted = if money {
            "an integer amount in cents"
        } else {
            "an integer"
        };
        type_error(ck, value, path, name, wanted);
        return None;
    };
    if !within_safe_range(number) {
        ck.error(
            Code::OutOfRange,
            path,
            format!("{name} ({number}) is beyond the largest exact integer (2^53 - 1)"),
        );
        return None;
    }
    if let Some(int) = number.as_i64() {
        return Some(int);
    }
    let float = number.as_f64().unwrap_or(f64::NAN);
    if float.fract() == 0.0 {
        return Some(float as i64);
    }
    if money {
        ck.error(
            Code::NotIntegerCents,
            path,
            format!("{name} must be an integer amount in cents (1999 for 19.99), not {number}"),
        );
    } else {
        ck.error(
            Code::InvalidType,
            path,
            format!("{name} must be an integer, not {number}"),
        );
    }
    None
}
