//! Stackable validation and redemption bodies (client- and server-side): redeemables, session
//! lock, options, and the order and customer they carry.

use std::collections::HashMap;

use crate::json_tree::{Json, Members};

use super::customer::check_optional_reference;
use super::fields::{
    check_object, expect_integer, expect_string, field, type_error, Kind, ObjectSpec,
};
use super::order;
use crate::checker::Checker;
use crate::decimal::display_f64;
use crate::path::Path;
use crate::values::shown;
use crate::Code;

/// The API's limit of redeemables in one request.
pub(crate) const MAX_REDEEMABLES: usize = 30;

const REDEEMABLE_OBJECTS: &[&str] = &["voucher", "promotion_tier", "promotion_stack"];
const TTL_UNITS: &[&str] = &[
    "DAYS",
    "HOURS",
    "MICROSECONDS",
    "MILLISECONDS",
    "MINUTES",
    "NANOSECONDS",
    "SECONDS",
];
const EXPAND: &[&str] = &["order", "redemption", "redeemable", "category"];

const STACKABLE: ObjectSpec = ObjectSpec {
    noun: "stackable request",
    fields: &[
        field("redeemables", Kind::Nested(check_redeemables)),
        field("order", Kind::Nested(order::check_nested)),
        field("customer", Kind::Nested(check_optional_reference)),
        field("session", Kind::Nested(check_session)),
        field("tracking_id", Kind::Id),
        field(
            "metadata",
            Kind::Metadata {
                resource: "redemption",
                creating: false,
            },
        ),
        field("options", Kind::Nested(check_options)),
    ],
    required: &["redeemables"],
    response_only: &[
        "id",
        "valid",
        "stacking_rules",
        "inapplicable_redeemables",
        "skipped_redeemables",
        "redemptions",
        "parent_redemption",
    ],
    notes: &[],
};

const REDEEMABLE: ObjectSpec = ObjectSpec {
    noun: "redeemable",
    fields: &[
        field("object", Kind::Enum(REDEEMABLE_OBJECTS)),
        field("id", Kind::Id),
        field("gift", Kind::Nested(check_gift)),
        field("reward", Kind::Nested(check_reward)),
    ],
    required: &["object", "id"],
    response_only: &[
        "status",
        "result",
        "applicable_to",
        "inapplicable_to",
        "categories",
        "order",
        "metadata",
    ],
    notes: &[],
};

const GIFT: ObjectSpec = ObjectSpec {
    noun: "gift",
    fields: &[field("credits", Kind::Nested(check_positive_amount))],
    required: &["credits"],
    response_only: &["balance", "locked_credits", "amount"],
    notes: &[],
};

const REWARD: ObjectSpec = ObjectSpec {
    noun: "reward",
    fields: &[
        field("id", Kind::Id),
        field("points", Kind::Nested(check_positive_points)),
    ],
    required: &["id"],
    response_only: &[],
    notes: &[],
};

const SESSION: ObjectSpec = ObjectSpec {
    noun: "session",
    fields: &[
        field("type", Kind::Enum(&["LOCK"])),
        field("key", Kind::Id),
        field("ttl", Kind::Nested(check_ttl)),
        field("ttl_unit", Kind::Enum(TTL_UNITS)),
    ],
    required: &[],
    response_only: &[],
    notes: &[],
};

const OPTIONS: ObjectSpec = ObjectSpec {
    noun: "options",
    fields: &[field("expand", Kind::Nested(check_expand))],
    required: &[],
    response_only: &[],
    notes: &[],
};

/// Checks the body of a stackable validation or redemption.
pub(crate) fn check_stackable(ck: &mut Checker, body: &Json, path: &Path) {
    check_object(ck, body, path, &STACKABLE);
}

fn check_redeemables(ck: &mut Checker, value: &Json, path: &Path) {
    let Json::Array(redeemables) = value else {
        type_error(ck, value, path, "redeemables", "an array of redeemables");
        return;
    };
    if redeemables.is_empty() {
        ck.error(
            Code::TooFew,
            path,
            "redeemables needs at least one redeemable",
        );
    }
    if redeemables.len() > MAX_REDEEMABLES {
        ck.error(
            Code::TooMany,
            path,
            format!(
                "a request takes at most {MAX_REDEEMABLES} redeemables, and this one has {}",
                redeemables.len()
            ),
        );
    }
    let mut first_seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut stacks = Vec::new();
    for (index, redeemable) in redeemables.iter().enumerate() {
        let item_path = path.index(index);
        let Some(map) = check_object(ck, redeemable, &item_path, &REDEEMABLE) else {
            continue;
        };
        let object = map.get("object").and_then(Json::as_str).unwrap_or_default();
        check_kind_fields(ck, map, &item_path, object);
        if object == "promotion_stack" {
            stacks.push(index);
        }
        if let Some(id) = map.get("id").and_then(Json::as_str) {
            if let Some(first) = first_seen.get(&(object, id)) {
                ck.error(
                    Code::Duplicate,
                    &item_path,
                    format!("{object} {} is already requested at index {first}; each redeemable may appear once", shown(&Json::String(id.into()))),
                );
            } else {
                first_seen.insert((object, id), index);
            }
        }
    }
    if stacks.len() > 1 {
        if let Some(second) = stacks.get(1) {
            ck.error(
                Code::TooMany,
                &path.index(*second),
                "a request takes at most one promotion_stack",
            );
        }
    }
    if let Some(stack) = stacks.first() {
        if redeemables.len() > 1 {
            ck.error(
                Code::ConflictingFields,
                &path.index(*stack),
                "a promotion_stack cannot be combined with other redeemables; send it alone",
            );
        }
    }
}

/// `gift` and `reward` only make sense on vouchers (gift cards and loyalty cards), and not together.
fn check_kind_fields(ck: &mut Checker, map: &Members, path: &Path, object: &str) {
    let has_gift = map.contains_key("gift");
    let has_reward = map.contains_key("reward");
    if has_gift && has_reward {
        ck.error(
            Code::ConflictingFields,
            &path.key("reward"),
            "a redeemable is a gift card (gift) or a loyalty card (reward), not both",
        );
    }
    if object != "voucher" && !object.is_empty() {
        for name in ["gift", "reward"]
            .into_iter()
            .filter(|name| map.contains_key(name))
        {
            ck.warn(
                Code::IgnoredField,
                &path.key(name),
                format!(
                    "{name} only applies to vouchers (gift and loyalty cards), not to a {object}"
                ),
            );
        }
    }
}

fn check_gift(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &GIFT);
}

/// A loyalty card pays with `points` of a `reward`; the spec's own example sends the reward
/// without points, so a missing `points` is a warning: the API then decides how many to use.
fn check_reward(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(map) = check_object(ck, value, path, &REWARD) {
        if !map.contains_key("points") {
            ck.warn(
                Code::MissingField,
                path,
                "a loyalty card reward without points leaves the number of points to pay with to the API; send points",
            );
        }
    }
}

fn check_positive_amount(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(credits) = expect_integer(ck, value, path, "credits", true) {
        if credits <= 0 {
            ck.error(
                Code::OutOfRange,
                path,
                format!("credits must be a positive amount in cents (actual value is {credits})"),
            );
        }
    }
}

fn check_positive_points(ck: &mut Checker, value: &Json, path: &Path) {
    if let Some(points) = expect_integer(ck, value, path, "points", false) {
        if points <= 0 {
            ck.error(
                Code::OutOfRange,
                path,
                format!("points must be a positive integer (actual value is {points})"),
            );
        }
    }
}

fn check_session(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &SESSION);
}

fn check_ttl(ck: &mut Checker, value: &Json, path: &Path) {
    match value.as_f64() {
        Some(ttl) if ttl > 0.0 => {}
        Some(ttl) => ck.error(
            Code::OutOfRange,
            path,
            format!(
                "ttl must be greater than 0 (actual value is {})",
                display_f64(ttl)
            ),
        ),
        None => type_error(ck, value, path, "ttl", "a number"),
    }
}

fn check_options(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &OPTIONS);
}

fn check_expand(ck: &mut Checker, value: &Json, path: &Path) {
    check_enum_list(ck, value, path, "expand", EXPAND);
}

/// An array of strings from `allowed`, each at most once.
pub(crate) fn check_enum_list(
    ck: &mut Checker,
    value: &Json,
    path: &Path,
    name: &str,
    allowed: &[&str],
) {
    let Json::Array(items) = value else {
        type_error(ck, value, path, name, "an array of strings");
        return;
    };
    let mut seen = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let item_path = path.index(index);
        let Some(text) = expect_string(ck, item, &item_path, name) else {
            continue;
        };
        if !allowed.contains(&text) {
            ck.error(
                Code::InvalidValue,
                &item_path,
                format!(
                    "{name} values are {} (actual value is {})",
                    allowed.join(", "),
                    shown(item)
                ),
            );
        } else if seen.contains(&text) {
            ck.warn(
                Code::Duplicate,
                &item_path,
                format!("{name} lists {} twice", shown(item)),
            );
        } else {
            seen.push(text);
        }
    }
}
