//! Order request bodies (create, update, import) and their items: money in cents, amounts that
//! add up, item identification, and `override` only where an order is written.

use crate::json_tree::{Json, Members};

use super::customer::check_optional_reference;
use super::fields::{check_object, field, Field, Kind, Note, ObjectSpec};
use crate::checker::Checker;
use crate::path::Path;
use crate::Code;

const STATUSES: &[&str] = &["CREATED", "PAID", "CANCELED", "FULFILLED"];

const RESPONSE_ONLY: &[&str] = &[
    "items_discount_amount",
    "total_discount_amount",
    "total_amount",
    "applied_discount_amount",
    "items_applied_discount_amount",
    "total_applied_discount_amount",
    "object",
    "updated_at",
    "customer_id",
    "redemptions",
];

const ITEM_RESPONSE_ONLY: &[&str] = &[
    "id",
    "applied_discount_amount",
    "applied_discount_quantity",
    "applied_quantity",
    "applied_quantity_amount",
    "subtotal_amount",
    "application_details",
];

/// Fields of `OrderBase`, without `metadata` (whose required-ness depends on the operation).
const BASE_FIELDS: [Field; 9] = [
    field("source_id", Kind::NullableId),
    field("status", Kind::Enum(STATUSES)),
    field("amount", Kind::Cents),
    field("initial_amount", Kind::Cents),
    field("discount_amount", Kind::Cents),
    field("items", Kind::Nested(check_items)),
    field("referrer_id", Kind::NullableId),
    field("customer", Kind::Nested(check_optional_reference)),
    field("referrer", Kind::Nested(check_optional_reference)),
];

const fn order_metadata(creating: bool) -> Field {
    field(
        "metadata",
        Kind::Metadata {
            resource: "order",
            creating,
        },
    )
}

const CREATE: ObjectSpec = ObjectSpec {
    noun: "order",
    fields: &{
        let [a, b, c, d, e, f, g, h, i] = BASE_FIELDS;
        [
            field("id", Kind::Id),
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            i,
            order_metadata(true),
            field("created_at", Kind::DateTime),
        ]
    },
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[],
};

const UPDATE: ObjectSpec = ObjectSpec {
    noun: "order update",
    fields: &{
        let [a, b, c, d, e, f, g, h, i] = BASE_FIELDS;
        [
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            i,
            order_metadata(false),
            field("created_at", Kind::DateTime),
        ]
    },
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[Note {
        name: "id",
        code: Code::IgnoredField,
        is_error: false,
        message:
            "id is taken from the path of PUT /v1/orders/{orderId}; the id in the body is ignored",
    }],
};

const NESTED: ObjectSpec = ObjectSpec {
    noun: "order",
    fields: &{
        let [a, b, c, d, e, f, g, h, i] = BASE_FIELDS;
        [
            field("id", Kind::Id),
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            i,
            order_metadata(false),
            field("created_at", Kind::DateTime),
        ]
    },
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[],
};

const IMPORT_ITEM: ObjectSpec = ObjectSpec {
    noun: "imported order",
    fields: &{
        let [a, b, c, d, e, f, g, h, i] = BASE_FIELDS;
        [field("id", Kind::Id), a, b, c, d, e, f, g, h, i, order_metadata(true)]
    },
    required: &[],
    response_only: RESPONSE_ONLY,
    notes: &[Note {
        name: "created_at",
        code: Code::IgnoredField,
        is_error: false,
        message: "created_at is not accepted by the order import; an imported order is dated at the import time, so keep the real date in metadata",
    }],
};

const ITEM: ObjectSpec = ObjectSpec {
    noun: "order item",
    fields: &[
        field("sku_id", Kind::Id),
        field("product_id", Kind::Id),
        field("related_object", Kind::Enum(&["product", "sku"])),
        field("source_id", Kind::Id),
        field("quantity", Kind::Count { min: 1 }),
        field("discount_quantity", Kind::Count { min: 0 }),
        field("initial_quantity", Kind::Count { min: 1 }),
        field("amount", Kind::Cents),
        field("discount_amount", Kind::Cents),
        field("initial_amount", Kind::Cents),
        field("price", Kind::Cents),
        field("product", Kind::Nested(check_item_product)),
        field("sku", Kind::Nested(check_item_sku)),
        field(
            "metadata",
            Kind::Metadata {
                resource: "order_item",
                creating: false,
            },
        ),
        field("object", Kind::Enum(&["order_item"])),
    ],
    required: &[],
    response_only: ITEM_RESPONSE_ONLY,
    notes: &[],
};

const ITEM_PRODUCT: ObjectSpec = ObjectSpec {
    noun: "item product",
    fields: &[
        field("id", Kind::Id),
        field("source_id", Kind::Id),
        field("override", Kind::Bool),
        field("name", Kind::Str),
        field(
            "metadata",
            Kind::Metadata {
                resource: "product",
                creating: false,
            },
        ),
        field("price", Kind::Price),
    ],
    required: &[],
    response_only: &[
        "object",
        "created_at",
        "updated_at",
        "attributes",
        "image_url",
        "skus",
    ],
    notes: &[],
};

const ITEM_SKU: ObjectSpec = ObjectSpec {
    noun: "item SKU",
    fields: &[
        field("id", Kind::Id),
        field("source_id", Kind::Id),
        field("override", Kind::Bool),
        field("sku", Kind::Str),
        field("price", Kind::Price),
        field(
            "metadata",
            Kind::Metadata {
                resource: "sku",
                creating: false,
            },
        ),
    ],
    required: &[],
    response_only: &[
        "object",
        "created_at",
        "updated_at",
        "product_id",
        "attributes",
        "image_url",
    ],
    notes: &[],
};

/// Checks the body of `POST /v1/orders`.
pub(crate) fn check_create(ck: &mut Checker, body: &Json, path: &Path) {
    if let Some(map) = check_object(ck, body, path, &CREATE) {
        check_amount_total(ck, map, path);
    }
}

/// Checks the body of `PUT /v1/orders/{orderId}`.
pub(crate) fn check_update(ck: &mut Checker, body: &Json, path: &Path) {
    if let Some(map) = check_object(ck, body, path, &UPDATE) {
        check_amount_total(ck, map, path);
    }
}

/// Checks one order of a `POST /v1/orders/import` body.
pub(crate) fn check_import_item(ck: &mut Checker, body: &Json, path: &Path) {
    if let Some(map) = check_object(ck, body, path, &IMPORT_ITEM) {
        check_amount_total(ck, map, path);
    }
}

/// Checks an order nested in a stackable or qualification request.
pub(crate) fn check_nested(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(map) = check_object(ck, value, path, &NESTED) {
        check_amount_total(ck, map, path);
    }
}

fn check_items(ck: &mut Checker, value: &Json, path: &Path) {
    let Json::Array(items) = value else {
        super::fields::type_error(ck, value, path, "items", "an array of order items");
        return;
    };
    let max = ck.options.limits.max_order_items;
    if items.len() > max {
        ck.error(
            Code::TooMany,
            path,
            format!(
                "an order holds at most {max} items, and this one has {}",
                items.len()
            ),
        );
    }
    for (index, item) in items.iter().enumerate() {
        let item_path = path.index(index);
        if let Some(map) = check_object(ck, item, &item_path, &ITEM) {
            check_item_identity(ck, map, &item_path);
            check_item_amount(ck, map, &item_path);
        }
    }
}

fn check_item_identity(ck: &mut Checker, item: &Members, path: &Path) {
    let has = |key: &str| item.get(key).is_some_and(Json::is_string);
    let nested_has = |key: &str| {
        item.get(key)
            .and_then(Json::as_object)
            .is_some_and(|object| {
                object.get("id").is_some_and(Json::is_string)
                    || object.get("source_id").is_some_and(Json::is_string)
            })
    };
    if has("source_id") && !item.contains_key("related_object") {
        ck.warn(
            Code::MissingField,
            path,
            "an item with a source_id should say with related_object (product or sku) what the source_id names",
        );
    }
    if !(has("product_id")
        || has("sku_id")
        || has("source_id")
        || nested_has("product")
        || nested_has("sku"))
    {
        ck.warn(
            Code::MissingIdentifier,
            path,
            "an order item without a product_id, a sku_id, or a source_id with related_object (or a product or sku with an id or source_id) counts toward the amount but matches no product rule",
        );
    }
}

/// `amount` must equal `price × quantity` when all three are given.
fn check_item_amount(ck: &mut Checker, item: &Members, path: &Path) {
    let (Some(amount), Some(price), Some(quantity)) = (
        exact_integer(item.get("amount")),
        exact_integer(item.get("price")),
        exact_integer(item.get("quantity")),
    ) else {
        return;
    };
    match price.checked_mul(quantity) {
        Some(expected) if expected == amount => {}
        Some(expected) => ck.error(
            Code::AmountMismatch,
            &path.key("amount"),
            format!(
                "amount is {amount}, but price × quantity is {price} × {quantity} = {expected}"
            ),
        ),
        None => ck.error(
            Code::OutOfRange,
            &path.key("amount"),
            "price × quantity is too large to represent",
        ),
    }
}

/// The order `amount` must equal the sum of the item amounts, when every item's amount is known
/// (given, or `price × quantity`).
fn check_amount_total(ck: &mut Checker, order: &Members, path: &Path) {
    let Some(amount) = exact_integer(order.get("amount")) else {
        return;
    };
    let Some(Json::Array(items)) = order.get("items") else {
        return;
    };
    if items.is_empty() {
        return;
    }
    let mut sum: i64 = 0;
    for item in items {
        let Some(item) = item.as_object() else {
            return;
        };
        let line = exact_integer(item.get("amount")).or_else(|| {
            exact_integer(item.get("price"))?.checked_mul(exact_integer(item.get("quantity"))?)
        });
        match line.and_then(|line| sum.checked_add(line)) {
            Some(total) => sum = total,
            None => return,
        }
    }
    if sum != amount {
        ck.error(
            Code::AmountMismatch,
            &path.key("amount"),
            format!("amount is {amount}, but the items add up to {sum}"),
        );
    }
}

/// An integer value within the safe range, or `None` (other rules report why).
fn exact_integer(value: Option<&Json>) -> Option<i64> {
    let number = value?.as_number()?;
    let int = number.as_i64().or_else(|| {
        let float = number.as_f64()?;
        (float.fract() == 0.0).then_some(float as i64)
    })?;
    (int.unsigned_abs() <= crate::limits::MAX_SAFE_INTEGER.unsigned_abs()).then_some(int)
}

fn check_item_product(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(map) = check_object(ck, value, path, &ITEM_PRODUCT) {
        check_override(ck, map, path, "product");
    }
}

fn check_item_sku(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(map) = check_object(ck, value, path, &ITEM_SKU) {
        check_override(ck, map, path, "SKU");
    }
}

/// `override: true` stores the product or SKU, but only on operations that write an order, and
/// a new one is created by `source_id`.
fn check_override(ck: &mut Checker, map: &Members, path: &Path, noun: &str) {
    if map.get("override") != Some(&Json::Bool(true)) {
        return;
    }
    if !ck.operation.creates_order() {
        ck.warn(
            Code::IgnoredField,
            &path.key("override"),
            format!(
                "override only works on requests that write an order (orders, order imports, redemptions); {} uses the {noun} data for the calculation but does not store it",
                ck.operation.key()
            ),
        );
    } else if !map.get("source_id").is_some_and(Json::is_string)
        && !map.get("id").is_some_and(Json::is_string)
    {
        ck.warn(
            Code::MissingIdentifier,
            path,
            format!("override: true creates a missing {noun} by its source_id, but this {noun} has none"),
        );
    }
}
