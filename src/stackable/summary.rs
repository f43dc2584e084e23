//! Reading a validation or redemption response as one line per requested redeemable: applied,
//! skipped or inapplicable, with the API's reason and what it produced.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use crate::values::json_type;
use crate::{UsageCode, UsageError};

/// What happened to one redeemable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedeemableStatus {
    /// It applied (validation) or was redeemed (redemption).
    Applied,
    /// The stacking rules skipped it; it can be used again.
    Skipped,
    /// It does not apply (not found, expired, rules not met, ...).
    Inapplicable,
}

/// One requested redeemable and its outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RedeemableOutcome {
    /// `voucher`, `promotion_tier` or `promotion_stack`.
    pub object: String,
    /// The code or id.
    pub id: String,
    /// Applied, skipped or inapplicable.
    pub status: RedeemableStatus,
    /// The API's machine key for a skip or failure (`not_found`, `applicable_redeemables_limit_exceeded`).
    pub reason_key: Option<String>,
    /// The API's message for a skip or failure.
    pub reason: Option<String>,
    /// The discount definition that applied, as the API describes it.
    pub discount: Option<Value>,
    /// The money off this redeemable produced, in cents.
    pub discount_amount: Option<i64>,
    /// Gift card credits used, in cents.
    pub credits: Option<i64>,
    /// Loyalty points used.
    pub points: Option<i64>,
}

/// The order totals before and after the redeemables.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// The order amount before discounts.
    pub amount: Option<i64>,
    /// All discounts together.
    pub discount_amount: Option<i64>,
    /// What the customer pays.
    pub total_amount: Option<i64>,
}

/// A response, summarized.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultSummary {
    /// `validation` or `redemption`.
    pub kind: &'static str,
    /// The response's `valid` (validations only).
    pub valid: Option<bool>,
    /// One entry per requested redeemable, applied ones first in application order.
    pub redeemables: Vec<RedeemableOutcome>,
    /// Order totals.
    pub totals: Totals,
    /// The parent redemption id, for a rollback (redemptions only).
    pub parent_redemption_id: Option<String>,
}

/// Summarizes the body of a stackable validation or redemption response.
pub fn summarize_result(response: &Value) -> Result<ResultSummary, UsageError> {
    let Value::Object(map) = response else {
        return Err(not_a_response(json_type(response)));
    };
    let (kind, mut redeemables) = if let Some(Value::Array(redemptions)) = map.get("redemptions") {
        (
            "redemption",
            redemptions
                .iter()
                .map(redemption_outcome)
                .collect::<Vec<_>>(),
        )
    } else if let Some(Value::Array(items)) = map.get("redeemables") {
        ("validation", items.iter().map(validation_outcome).collect())
    } else {
        return Err(not_a_response(
            "an object without redeemables or redemptions",
        ));
    };
    for key in ["skipped_redeemables", "inapplicable_redeemables"] {
        if let Some(Value::Array(items)) = map.get(key) {
            redeemables.extend(items.iter().map(validation_outcome));
        }
    }
    let mut seen = HashSet::new();
    redeemables.retain(|outcome| seen.insert((outcome.object.clone(), outcome.id.clone())));
    let order = map.get("order");
    Ok(ResultSummary {
        kind,
        valid: map.get("valid").and_then(Value::as_bool),
        redeemables,
        totals: Totals {
            amount: integer(order, "amount"),
            discount_amount: integer(order, "total_discount_amount"),
            total_amount: integer(order, "total_amount"),
        },
        parent_redemption_id: map
            .get("parent_redemption")
            .and_then(|parent| parent.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

fn not_a_response(what: &str) -> UsageError {
    UsageError::new(
        UsageCode::InvalidArgument,
        format!("expected the body of a validation or redemption response, not {what}"),
    )
}

fn integer(value: Option<&Value>, key: &str) -> Option<i64> {
    value?.get(key)?.as_i64()
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_string)
}

/// The discount a redeemable's own `order` says it applied.
fn applied_amount(order: Option<&Value>) -> Option<i64> {
    integer(order, "total_applied_discount_amount")
        .or_else(|| integer(order, "applied_discount_amount"))
}

/// An entry of `redeemables`, `skipped_redeemables` or `inapplicable_redeemables`.
fn validation_outcome(item: &Value) -> RedeemableOutcome {
    let result = item.get("result");
    let status = match item.get("status").and_then(Value::as_str) {
        Some("APPLICABLE") => RedeemableStatus::Applied,
        Some("SKIPPED") => RedeemableStatus::Skipped,
        _ => RedeemableStatus::Inapplicable,
    };
    let error = result.and_then(|r| r.get("error"));
    let details = result.and_then(|r| r.get("details"));
    let reason_key =
        text(details.and_then(|d| d.get("key"))).or_else(|| text(error.and_then(|e| e.get("key"))));
    let reason = text(details.and_then(|d| d.get("message")))
        .or_else(|| text(error.and_then(|e| e.get("details"))))
        .or_else(|| text(error.and_then(|e| e.get("message"))));
    RedeemableOutcome {
        object: text(item.get("object")).unwrap_or_default(),
        id: text(item.get("id")).unwrap_or_default(),
        status,
        reason_key,
        reason,
        discount: result.and_then(|r| r.get("discount")).cloned(),
        discount_amount: if status == RedeemableStatus::Applied {
            applied_amount(item.get("order"))
        } else {
            None
        },
        credits: integer(result.and_then(|r| r.get("gift")), "credits"),
        points: integer(result.and_then(|r| r.get("loyalty_card")), "points"),
    }
}

/// A child redemption of `redemptions`.
fn redemption_outcome(redemption: &Value) -> RedeemableOutcome {
    let object = text(redemption.get("related_object_type")).unwrap_or_default();
    let voucher = redemption.get("voucher");
    let id = text(voucher.and_then(|v| v.get("code")))
        .or_else(|| text(redemption.get("promotion_tier").and_then(|t| t.get("id"))))
        .or_else(|| text(redemption.get("related_object_id")))
        .unwrap_or_default();
    let succeeded = redemption.get("result").and_then(Value::as_str) == Some("SUCCESS");
    let amount = redemption.get("amount").and_then(Value::as_i64);
    let is_gift = redemption.get("gift").is_some()
        || voucher
            .and_then(|v| v.get("gift"))
            .is_some_and(|g| !g.is_null());
    let is_loyalty = redemption.get("loyalty_card").is_some() || redemption.get("reward").is_some();
    RedeemableOutcome {
        object,
        id,
        status: if succeeded {
            RedeemableStatus::Applied
        } else {
            RedeemableStatus::Inapplicable
        },
        reason_key: text(redemption.get("failure_code")),
        reason: text(redemption.get("failure_message")),
        discount: voucher
            .and_then(|v| v.get("discount"))
            .filter(|d| !d.is_null())
            .cloned(),
        discount_amount: if succeeded {
            applied_amount(redemption.get("order"))
        } else {
            None
        },
        credits: if is_gift { amount } else { None },
        points: if is_loyalty && !is_gift { amount } else { None },
    }
}
