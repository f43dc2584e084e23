//! Qualification bodies (`POST /v1/qualifications`, `POST /client/v1/qualifications`).

use crate::json_tree::Json;

use super::customer::check_optional_reference;
use super::fields::{check_object, expect_integer, field, Kind, ObjectSpec};
use super::order;
use super::qualification_filters::check_filters;
use super::stackable::check_enum_list;
use crate::checker::Checker;
use crate::path::Path;
use crate::Code;

const SCENARIOS: &[&str] = &[
    "ALL",
    "CUSTOMER_WALLET",
    "AUDIENCE_ONLY",
    "PRODUCTS",
    "PRODUCTS_DISCOUNT",
    "PROMOTION_STACKS",
    "PRODUCTS_BY_CUSTOMER",
    "PRODUCTS_DISCOUNT_BY_CUSTOMER",
];

/// The most results one qualification page returns.
const MAX_LIMIT: i64 = 50;

const QUALIFICATION: ObjectSpec = ObjectSpec {
    noun: "qualification",
    fields: &[
        field("customer", Kind::Nested(check_optional_reference)),
        field("order", Kind::Nested(order::check_nested)),
        field("tracking_id", Kind::Id),
        field("scenario", Kind::Enum(SCENARIOS)),
        field("options", Kind::Nested(check_options)),
        field("session", Kind::Nested(check_session)),
        field(
            "metadata",
            Kind::Metadata {
                resource: "redemption",
                creating: false,
            },
        ),
    ],
    required: &[],
    response_only: &["redeemables", "stacking_rules", "id", "created_at"],
    notes: &[],
};

const OPTIONS: ObjectSpec = ObjectSpec {
    noun: "qualification options",
    fields: &[
        field("limit", Kind::Nested(check_limit)),
        field("starting_after", Kind::Nested(check_starting_after)),
        field("filters", Kind::Nested(check_filters)),
        field("expand", Kind::Nested(check_expand)),
        field(
            "sorting_rule",
            Kind::Enum(&["BEST_DEAL", "LEAST_DEAL", "DEFAULT"]),
        ),
    ],
    required: &[],
    response_only: &[],
    notes: &[],
};

const SESSION: ObjectSpec = ObjectSpec {
    noun: "qualification session",
    fields: &[field("type", Kind::Enum(&["LOCK"]))],
    required: &[],
    response_only: &[],
    notes: &[],
};

/// Checks the body of a qualification request.
pub(crate) fn check_qualification(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &QUALIFICATION);
}

fn check_options(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &OPTIONS);
}

fn check_session(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &SESSION);
}

fn check_limit(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(limit) = expect_integer(ck, value, path, "limit", false) {
        if !(1..=MAX_LIMIT).contains(&limit) {
            ck.error(
                Code::OutOfRange,
                path,
                format!("limit must be from 1 to {MAX_LIMIT} (actual value is {limit})"),
            );
        }
    }
}

fn check_starting_after(ck: &mut Checker, value: &Json, path: &Path) {
    if !value.is_null() {
        super::fields::check_kind(ck, value, path, "starting_after", &Kind::DateTime);
    }
}

fn check_expand(ck: &mut Checker, value: &Json, path: &Path) {
    check_enum_list(
        ck,
        value,
        path,
        "expand",
        &["redeemable", "category", "validation_rules"],
    );
}
