//! Bodies that hold many records: bulk upserts, metadata updates by `source_id`, order imports.

use std::collections::HashMap;

use crate::json_tree::Json;

use super::fields::{check_object, expect_string, field, type_error, Kind, ObjectSpec};
use crate::checker::Checker;
use crate::path::Path;
use crate::values::shown;
use crate::Code;

/// Checks an array body whose elements are each checked by `check_element`, with at most `max`
/// elements, and warns about a `source_id` that repeats (the later record overwrites the earlier).
pub(crate) fn check_records(
    ck: &mut Checker,
    body: &Json,
    path: &Path,
    noun: &str,
    max: Option<usize>,
    check_element: fn(&mut Checker, &Json, &Path),
) {
    let Json::Array(records) = body else {
        type_error(ck, body, path, "the body", &format!("an array of {noun}s"));
        return;
    };
    if records.is_empty() {
        ck.error(
            Code::TooFew,
            path,
            format!("the body needs at least one {noun}"),
        );
    }
    if let Some(max) = max.filter(|&max| records.len() > max) {
        ck.error(
            Code::TooMany,
            path,
            format!(
                "one request takes at most {max} {noun}s, and this one has {}; split it",
                records.len()
            ),
        );
    }
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        let record_path = path.index(index);
        check_element(ck, record, &record_path);
        if let Some(source_id) = record.get("source_id").and_then(Json::as_str) {
            if let Some(first) = first_seen.get(source_id) {
                ck.warn(
                    Code::Duplicate,
                    &record_path.key("source_id"),
                    format!(
                        "source_id {} is also used by the {noun} at index {first}; the later one overwrites the earlier",
                        shown(&Json::String(source_id.into()))
                    ),
                );
            } else {
                first_seen.insert(source_id, index);
            }
        }
    }
}

const CUSTOMERS_METADATA: ObjectSpec = ObjectSpec {
    noun: "customers metadata update",
    fields: &[
        field("source_ids", Kind::Nested(check_source_ids)),
        field(
            "metadata",
            Kind::Metadata {
                resource: "customer",
                creating: false,
            },
        ),
    ],
    required: &["source_ids", "metadata"],
    response_only: &[],
    notes: &[],
};

const PRODUCTS_METADATA: ObjectSpec = ObjectSpec {
    noun: "products metadata update",
    fields: &[
        field("source_ids", Kind::Nested(check_source_ids)),
        field(
            "metadata",
            Kind::Metadata {
                resource: "product",
                creating: false,
            },
        ),
    ],
    required: &["source_ids", "metadata"],
    response_only: &[],
    notes: &[],
};

/// Checks the body of `POST /v1/customers/metadata/async`.
pub(crate) fn check_customers_metadata(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &CUSTOMERS_METADATA);
}

/// Checks the body of `POST /v1/products/metadata/async`.
pub(crate) fn check_products_metadata(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &PRODUCTS_METADATA);
}

fn check_source_ids(ck: &mut Checker, value: &Json, path: &Path) {
    let Json::Array(ids) = value else {
        type_error(ck, value, path, "source_ids", "an array of strings");
        return;
    };
    if ids.is_empty() {
        ck.error(
            Code::TooFew,
            path,
            "source_ids needs at least one source_id",
        );
    }
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (index, id) in ids.iter().enumerate() {
        let id_path = path.index(index);
        let Some(text) = expect_string(ck, id, &id_path, "source_ids") else {
            continue;
        };
        if text.trim().is_empty() {
            ck.warn(
                Code::EmptyValue,
                &id_path,
                "an empty source_id matches no record",
            );
        } else if let Some(first) = first_seen.get(text) {
            ck.warn(
                Code::Duplicate,
                &id_path,
                format!(
                    "source_id {} is listed twice (first at index {first})",
                    shown(id)
                ),
            );
        } else {
            first_seen.insert(text, index);
        }
    }
}
