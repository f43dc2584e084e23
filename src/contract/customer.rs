//! Customer request bodies: create, update (where `source_id` is immutable), bulk upsert, and
//! the customer objects nested in orders, events and publications.

use crate::json_tree::{Json, Members};

use super::fields::{check_object, field, Field, Kind, Note, ObjectSpec};
use crate::checker::Checker;
use crate::path::Path;
use crate::Code;

/// Fields a customer response carries that a request never should.
const RESPONSE_ONLY: &[&str] = &[
    "summary",
    "loyalty",
    "referrals",
    "system_metadata",
    "created_at",
    "updated_at",
    "assets",
    "object",
    "segments",
    "events",
];

const BIRTHDAY_NOTE: Note = Note {
    name: "birthday",
    code: Code::DeprecatedField,
    is_error: false,
    message: "birthday is deprecated; send birthdate instead",
};

/// The fields of `CustomerBase` shared by every customer request.
macro_rules! customer_base_fields {
    ($metadata:expr) => {
        [
            field("name", Kind::Str),
            field("description", Kind::Str),
            field("email", Kind::Email),
            field("phone", Kind::Str),
            field("birthdate", Kind::Date),
            field("birthday", Kind::Date),
            field("address", Kind::Nested(check_address)),
            field("metadata", $metadata),
        ]
    };
}

const BASE_FIELDS: [Field; 8] = customer_base_fields!(Kind::Metadata {
    resource: "customer",
    creating: false
});

/// The fields of an update, where `null` clears a field. This deviates from the spec, which
/// types them as plain strings: an update that cannot clear a phone number or an address line
/// leaves stale data behind, and the customer builder's `clearEmpty` and the customer diff send
/// `null` for exactly that. The contract test documents the deviation.
const CLEARABLE_FIELDS: [Field; 8] = [
    field("name", Kind::OrNull(&Kind::Str)),
    field("description", Kind::OrNull(&Kind::Str)),
    field("email", Kind::OrNull(&Kind::Email)),
    field("phone", Kind::OrNull(&Kind::Str)),
    field("birthdate", Kind::OrNull(&Kind::Date)),
    field("birthday", Kind::OrNull(&Kind::Date)),
    field("address", Kind::Nested(check_clearable_address)),
    field(
        "metadata",
        Kind::Metadata {
            resource: "customer",
            creating: false,
        },
    ),
];

const CREATE_FIELDS: &[Field] = &{
    let [a, b, c, d, e, f, g, _] = BASE_FIELDS;
    [
        field("id", Kind::Id),
        field("source_id", Kind::Id),
        a,
        b,
        c,
        d,
        e,
        f,
        g,
        field(
            "metadata",
            Kind::Metadata {
                resource: "customer",
                creating: true,
            },
        ),
    ]
};

const REFERENCE_FIELDS: &[Field] = &{
    let [a, b, c, d, e, f, g, h] = BASE_FIELDS;
    [
        field("id", Kind::Id),
        field("source_id", Kind::Id),
        a,
        b,
        c,
        d,
        e,
        f,
        g,
        h,
    ]
};

const BULK_FIELDS: &[Field] = &{
    let [a, b, c, d, e, f, g, h] = BASE_FIELDS;
    [field("source_id", Kind::Id), a, b, c, d, e, f, g, h]
};

const CREATE: ObjectSpec = ObjectSpec {
    noun: "customer",
    fields: CREATE_FIELDS,
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[BIRTHDAY_NOTE],
};

const UPDATE: ObjectSpec = ObjectSpec {
    noun: "customer update",
    fields: &CLEARABLE_FIELDS,
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[
        BIRTHDAY_NOTE,
        Note {
            name: "source_id",
            code: Code::ImmutableField,
            is_error: true,
            message: "source_id cannot change once a customer has it; to change it, delete the customer and create it again with the new source_id",
        },
        Note {
            name: "id",
            code: Code::IgnoredField,
            is_error: false,
            message: "id is taken from the path of PUT /v1/customers/{customerId}; the id in the body is ignored",
        },
    ],
};

const BULK_ITEM: ObjectSpec = ObjectSpec {
    noun: "bulk customer",
    fields: BULK_FIELDS,
    required: &["source_id"],
    response_only: RESPONSE_ONLY,
    notes: &[
        BIRTHDAY_NOTE,
        Note {
            name: "id",
            code: Code::UnknownField,
            is_error: false,
            message: "id is not accepted in a bulk update; customers are matched by source_id only",
        },
    ],
};

const REFERENCE: ObjectSpec = ObjectSpec {
    noun: "customer",
    fields: REFERENCE_FIELDS,
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[BIRTHDAY_NOTE],
};

const ADDRESS: ObjectSpec = ObjectSpec {
    noun: "address",
    fields: &[
        field("city", Kind::Str),
        field("state", Kind::Str),
        field("line_1", Kind::Str),
        field("line_2", Kind::Str),
        field("country", Kind::Str),
        field("postal_code", Kind::Str),
    ],
    required: &[],
    response_only: &[],
    notes: &[],
};

/// The address of an update, whose lines `null` clears.
const CLEARABLE_ADDRESS: ObjectSpec = ObjectSpec {
    noun: "address",
    fields: &[
        field("city", Kind::OrNull(&Kind::Str)),
        field("state", Kind::OrNull(&Kind::Str)),
        field("line_1", Kind::OrNull(&Kind::Str)),
        field("line_2", Kind::OrNull(&Kind::Str)),
        field("country", Kind::OrNull(&Kind::Str)),
        field("postal_code", Kind::OrNull(&Kind::Str)),
    ],
    required: &[],
    response_only: &[],
    notes: &[],
};

/// Checks a nullable address object.
fn check_address(ck: &mut Checker, value: &Json, path: &Path) {
    if !value.is_null() {
        check_object(ck, value, path, &ADDRESS);
    }
}

/// Checks the nullable address of an update.
fn check_clearable_address(ck: &mut Checker, value: &Json, path: &Path) {
    if !value.is_null() {
        check_object(ck, value, path, &CLEARABLE_ADDRESS);
    }
}

/// Checks the body of `POST /v1/customers`.
pub(crate) fn check_create(ck: &mut Checker, body: &Json, path: &Path) {
    if let Some(map) = check_object(ck, body, path, &CREATE) {
        check_identity(ck, map, path, false);
    }
}

/// Checks the body of `PUT /v1/customers/{customerId}`.
pub(crate) fn check_update(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &UPDATE);
}

/// Checks one element of a `POST /v1/customers/bulk/async` body.
pub(crate) fn check_bulk_item(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &BULK_ITEM);
}

/// Checks a customer nested in another request (order `customer` and `referrer`, event and
/// publication `customer`). With `identifier_required`, a customer without `id` or `source_id`
/// is an error; otherwise a warning, since the API then cannot match or upsert it by key.
pub(crate) fn check_reference(
    ck: &mut Checker,
    value: &Json,
    path: &Path,
    identifier_required: bool,
) {
    if let Some(map) = check_object(ck, value, path, &REFERENCE) {
        check_identity(ck, map, path, identifier_required);
    }
}

/// A customer nested where the API can create one without a key (orders).
pub(crate) fn check_optional_reference(ck: &mut Checker, value: &Json, path: &Path) {
    check_reference(ck, value, path, false);
}

fn check_identity(ck: &mut Checker, map: &Members, path: &Path, identifier_required: bool) {
    let has_id = map.get("id").is_some_and(Json::is_string);
    let has_source_id = map.get("source_id").is_some_and(Json::is_string);
    if has_id && has_source_id {
        ck.warn(
            Code::IgnoredField,
            &path.key("source_id"),
            "source_id is ignored when id is given; the customer is matched by id",
        );
    }
    if identifier_required && !has_id && !has_source_id {
        ck.error(
            Code::MissingIdentifier,
            path,
            "the customer needs an id or a source_id",
        );
    }
}
