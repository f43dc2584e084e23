//! SKU request bodies: create and update.

use crate::json_tree::Json;

use super::fields::{check_object, expect_string, field, Field, Kind, Note, ObjectSpec};
use crate::checker::Checker;
use crate::path::Path;
use crate::values::shown;
use crate::Code;

const RESPONSE_ONLY: &[&str] = &["product_id", "created_at", "updated_at", "object"];

const UPDATE_FIELDS: [Field; 6] = [
    field("sku", Kind::Str),
    field("price", Kind::Cents),
    field("currency", Kind::Nested(check_currency)),
    field("attributes", Kind::Nested(check_attributes)),
    field("image_url", Kind::Url),
    field(
        "metadata",
        Kind::Metadata {
            resource: "sku",
            creating: false,
        },
    ),
];

const CREATE: ObjectSpec = ObjectSpec {
    noun: "SKU",
    fields: &{
        let [a, b, c, d, e, _] = UPDATE_FIELDS;
        [
            field("id", Kind::Id),
            field("source_id", Kind::Id),
            a,
            b,
            c,
            d,
            e,
            field(
                "metadata",
                Kind::Metadata {
                    resource: "sku",
                    creating: true,
                },
            ),
        ]
    },
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[],
};

const UPDATE: ObjectSpec = ObjectSpec {
    noun: "SKU update",
    fields: &UPDATE_FIELDS,
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[
        Note {
            name: "source_id",
            code: Code::IgnoredField,
            is_error: false,
            message: "source_id cannot be changed with PUT /v1/products/{productId}/skus/{skuId}; it is silently skipped",
        },
        Note {
            name: "id",
            code: Code::IgnoredField,
            is_error: false,
            message: "id is taken from the path; the id in the body is silently skipped",
        },
    ],
};

/// Checks the body of `POST /v1/products/{productId}/skus`.
pub(crate) fn check_create(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &CREATE);
}

/// Checks the body of `PUT /v1/products/{productId}/skus/{skuId}`.
pub(crate) fn check_update(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &UPDATE);
}

/// A currency should be a three-letter ISO 4217 code such as `USD`.
fn check_currency(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(text) = expect_string(ck, value, path, "currency") {
        if !(text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())) {
            ck.warn(
                Code::InvalidFormat,
                path,
                format!("currency should be a three-letter ISO 4217 code such as USD (actual value is {})", shown(value)),
            );
        }
    }
}

/// SKU attributes are an object of values for the parent product's attribute names.
fn check_attributes(ck: &mut Checker, value: &Json, path: &Path) {
    let Json::Object(map) = value else {
        super::fields::type_error(
            ck,
            value,
            path,
            "attributes",
            "an object of attribute values",
        );
        return;
    };
    for (key, member) in map {
        if matches!(member, Json::Object(_) | Json::Array(_)) {
            ck.warn(
                Code::InvalidType,
                &path.key(key),
                format!("attribute {key} should be a plain value (string, number or boolean)"),
            );
        }
    }
}
