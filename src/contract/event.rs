//! Custom event bodies (`POST /v1/events`, `POST /client/v1/events`).

use crate::json_tree::Json;

use super::customer::check_reference;
use super::fields::{check_object, expect_string, field, Kind, ObjectSpec};
use crate::checker::Checker;
use crate::limits::MAX_EVENT_NAME_CHARS;
use crate::path::Path;
use crate::Code;

const EVENT: ObjectSpec = ObjectSpec {
    noun: "custom event",
    fields: &[
        field("event", Kind::Nested(check_event_name)),
        field("customer", Kind::Nested(check_event_customer)),
        field("referral", Kind::Nested(check_referral)),
        field("loyalty", Kind::Nested(check_loyalty)),
        field(
            "metadata",
            Kind::Metadata {
                resource: "event",
                creating: false,
            },
        ),
    ],
    required: &["event", "customer"],
    response_only: &["object", "type", "created_at"],
    notes: &[],
};

const REFERRAL: ObjectSpec = ObjectSpec {
    noun: "referral",
    fields: &[field("code", Kind::Id), field("referrer_id", Kind::Id)],
    required: &["code"],
    response_only: &[],
    notes: &[],
};

const LOYALTY: ObjectSpec = ObjectSpec {
    noun: "loyalty",
    fields: &[field("code", Kind::Id)],
    required: &["code"],
    response_only: &[],
    notes: &[],
};

/// Checks the body of a custom event.
pub(crate) fn check_event(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &EVENT);
}

fn check_event_name(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(name) = expect_string(ck, value, path, "event") {
        let length = name.chars().count();
        if length == 0 || length > MAX_EVENT_NAME_CHARS {
            ck.error(
                Code::InvalidLength,
                path,
                format!("event must be 1 to {MAX_EVENT_NAME_CHARS} characters long (actual length is {length})"),
            );
        }
    }
}

/// The event's customer is upserted; without an `id` or `source_id` it cannot be matched.
fn check_event_customer(ck: &mut Checker, value: &Json, path: &Path) {
    check_reference(ck, value, path, true);
}

fn check_referral(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &REFERRAL);
}

fn check_loyalty(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &LOYALTY);
}
