//! The `options.filters` of a qualification: a junction and, per filter, `conditions` whose
//! operators take lists of ids, of enum values, or of any value.

use crate::json_tree::Json;

use super::fields::{check_object, expect_string, field, type_error, Kind, ObjectSpec};
use crate::checker::Checker;
use crate::path::Path;
use crate::values::shown;
use crate::Code;

const CAMPAIGN_TYPES: &[&str] = &[
    "PROMOTION",
    "GIFT_VOUCHERS",
    "REFERRAL_PROGRAM",
    "DISCOUNT_COUPONS",
    "LOYALTY_PROGRAM",
];
const RESOURCE_TYPES: &[&str] = &["campaign", "voucher", "promotion_tier"];
const HOLDER_ROLES: &[&str] = &["OWNER", "REFERRER", "REFEREE"];

/// The operators that take a list of strings (or of enum values).
const LIST_OPERATORS: &[&str] = &["$is", "$is_not", "$in", "$not_in"];
/// The operators that take a list of any values (strings, dates, numbers, objects).
const VALUE_OPERATORS: &[&str] = &["$has_value", "$is_unknown"];

const FILTERS: ObjectSpec = ObjectSpec {
    noun: "qualification filters",
    fields: &[
        field("junction", Kind::Enum(&["and", "or"])),
        field("category_id", Kind::Nested(check_id_filter)),
        field("campaign_id", Kind::Nested(check_id_filter)),
        field("campaign_type", Kind::Nested(check_campaign_type)),
        field("resource_id", Kind::Nested(check_id_filter)),
        field("resource_type", Kind::Nested(check_resource_type)),
        field("voucher_type", Kind::Nested(check_id_filter)),
        field("code", Kind::Nested(check_id_filter)),
        field("holder_role", Kind::Nested(check_holder_role)),
    ],
    required: &[],
    response_only: &[],
    notes: &[],
};

/// Checks `options.filters`.
pub(crate) fn check_filters(ck: &mut Checker, value: &Json, path: &Path) {
    check_object(ck, value, path, &FILTERS);
}

fn check_id_filter(ck: &mut Checker, value: &Json, path: &Path) {
    check_filter(ck, value, path, None);
}

fn check_campaign_type(ck: &mut Checker, value: &Json, path: &Path) {
    check_filter(ck, value, path, Some(CAMPAIGN_TYPES));
}

fn check_resource_type(ck: &mut Checker, value: &Json, path: &Path) {
    check_filter(ck, value, path, Some(RESOURCE_TYPES));
}

fn check_holder_role(ck: &mut Checker, value: &Json, path: &Path) {
    check_filter(ck, value, path, Some(HOLDER_ROLES));
}

/// A filter is `{ conditions: { <operator>: [values] } }`; with `allowed`, the list operators
/// take only those values and the any-value operators are not accepted.
fn check_filter(ck: &mut Checker, value: &Json, path: &Path, allowed: Option<&[&str]>) {
    let Json::Object(filter) = value else {
        type_error(ck, value, path, "a filter", "an object with conditions");
        return;
    };
    for (key, member) in filter {
        let member_path = path.key(key);
        if key != "conditions" {
            ck.warn(
                Code::UnknownField,
                &member_path,
                format!("{key} is not part of a filter; use conditions"),
            );
            continue;
        }
        let Json::Object(conditions) = member else {
            type_error(
                ck,
                member,
                &member_path,
                "conditions",
                "an object of operators",
            );
            continue;
        };
        for (operator, operand) in conditions {
            let operand_path = member_path.key(operator);
            let takes_any = VALUE_OPERATORS.contains(&operator) && allowed.is_none();
            if !LIST_OPERATORS.contains(&operator) && !takes_any {
                ck.warn(
                    Code::UnknownField,
                    &operand_path,
                    format!("{operator} is not a condition operator of this filter"),
                );
                continue;
            }
            let Json::Array(items) = operand else {
                type_error(ck, operand, &operand_path, operator, "an array");
                continue;
            };
            for (index, item) in items.iter().enumerate() {
                let item_path = operand_path.index(index);
                if takes_any {
                    if !(item.is_string() || item.is_number() || item.is_object()) {
                        type_error(
                            ck,
                            item,
                            &item_path,
                            operator,
                            "a string, a number or an object",
                        );
                    }
                } else if let Some(text) = expect_string(ck, item, &item_path, operator) {
                    if let Some(allowed) = allowed.filter(|allowed| !allowed.contains(&text)) {
                        ck.error(
                            Code::InvalidValue,
                            &item_path,
                            format!(
                                "{operator} values are {} (actual value is {})",
                                allowed.join(", "),
                                shown(item)
                            ),
                        );
                    }
                }
            }
        }
    }
}
