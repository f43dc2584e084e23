//! Product request bodies: create, update and the elements of a bulk upsert.

use crate::json_tree::Json;

use super::fields::{check_object, field, Field, Kind, Note, ObjectSpec};
use crate::checker::Checker;
use crate::path::Path;
use crate::Code;

const RESPONSE_ONLY: &[&str] = &["created_at", "updated_at", "object", "skus"];

const UPDATE_FIELDS: [Field; 5] = [
    field("name", Kind::Str),
    field("price", Kind::Cents),
    field("attributes", Kind::StrList),
    field(
        "metadata",
        Kind::Metadata {
            resource: "product",
            creating: false,
        },
    ),
    field("image_url", Kind::Url),
];

const CREATE: ObjectSpec = ObjectSpec {
    noun: "product",
    fields: &[
        field("id", Kind::Id),
        field("source_id", Kind::Id),
        field("name", Kind::Str),
        field("price", Kind::Cents),
        field("attributes", Kind::StrList),
        field(
            "metadata",
            Kind::Metadata {
                resource: "product",
                creating: true,
            },
        ),
        field("image_url", Kind::Url),
    ],
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[],
};

const UPDATE: ObjectSpec = ObjectSpec {
    noun: "product update",
    fields: &UPDATE_FIELDS,
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[
        Note {
            name: "source_id",
            code: Code::IgnoredField,
            is_error: false,
            message: "source_id cannot be changed with PUT /v1/products/{productId}; it is ignored",
        },
        Note {
            name: "id",
            code: Code::IgnoredField,
            is_error: false,
            message: "id is taken from the path of PUT /v1/products/{productId}; the id in the body is ignored",
        },
    ],
};

const BULK_ITEM: ObjectSpec = ObjectSpec {
    noun: "bulk product",
    fields: &{
        let [a, b, c, d, e] = UPDATE_FIELDS;
        [field("source_id", Kind::Id), a, b, c, d, e]
    },
    required: &["source_id"],
    response_only: RESPONSE_ONLY,
    notes: &[Note {
        name: "id",
        code: Code::UnknownField,
        is_error: false,
        message: "id is not accepted in a bulk update; products are matched by source_id only",
    }],
};

/// Checks the body of `POST /v1/products`.
pub(crate) fn check_create(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &CREATE);
}

/// Checks the body of `PUT /v1/products/{productId}`.
pub(crate) fn check_update(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &UPDATE);
}

/// Checks one element of a `POST /v1/products/bulk/async` body.
pub(crate) fn check_bulk_item(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &BULK_ITEM);
}
