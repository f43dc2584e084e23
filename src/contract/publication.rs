//! Publication bodies (`POST /v1/publications`): a voucher code or a campaign, and the customer
//! who receives it.

use crate::json_tree::Json;

use super::customer::check_reference;
use super::fields::{check_object, field, Kind, ObjectSpec};
use crate::checker::Checker;
use crate::limits::MAX_PUBLICATION_COUNT;
use crate::path::Path;
use crate::Code;

const PUBLICATION: ObjectSpec = ObjectSpec {
    noun: "publication",
    fields: &[
        field("voucher", Kind::Id),
        field("campaign", Kind::Nested(check_campaign)),
        field("source_id", Kind::Id),
        field("customer", Kind::Nested(check_publication_customer)),
        field("channel", Kind::Str),
        field(
            "metadata",
            Kind::Metadata {
                resource: "publication",
                creating: true,
            },
        ),
    ],
    required: &["customer"],
    response_only: &[
        "id",
        "object",
        "created_at",
        "customer_id",
        "tracking_id",
        "vouchers",
        "vouchers_id",
        "result",
    ],
    notes: &[],
};

const CAMPAIGN: ObjectSpec = ObjectSpec {
    noun: "publication campaign",
    fields: &[
        field("name", Kind::Id),
        field("count", Kind::Nested(check_count)),
    ],
    required: &["name"],
    response_only: &[],
    notes: &[],
};

/// Checks the body of `POST /v1/publications`.
pub(crate) fn check_publication(ck: &mut Checker, body: &Json, path: &Path) {
    let Some(map) = check_object(ck, body, path, &PUBLICATION) else {
        return;
    };
    match (map.contains_key("voucher"), map.contains_key("campaign")) {
        (true, true) => ck.warn(
            Code::ConflictingFields,
            &path.key("campaign"),
            "both voucher (a specific code) and campaign (a code drawn from a campaign) are given; send one, so that it is clear which code the customer gets",
        ),
        (false, false) => ck.error(
            Code::MissingField,
            path,
            "a publication needs a voucher code or a campaign",
        ),
        _ => {}
    }
}

fn check_publication_customer(ck: &mut Checker, value: &Json, path: &Path) {
    check_reference(ck, value, path, true);
}

/// The campaign is `{name, count}`.
fn check_campaign(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &CAMPAIGN);
}

fn check_count(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(count) = super::fields::expect_integer(ck, value, path, "count", false) {
        if !(1..=MAX_PUBLICATION_COUNT).contains(&count) {
            ck.error(
                Code::OutOfRange,
                path,
                format!(
                    "count must be from 1 to {MAX_PUBLICATION_COUNT} (actual value is {count})"
                ),
            );
        }
    }
}
