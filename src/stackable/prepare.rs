//! Turning a storefront cart into the body of a stackable validation or redemption, checked
//! against the contract and the project's stacking rules before it leaves the browser.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Map, Value};

use super::cart::{read_items, read_session, CartReader};
use super::ordering::{plan_application, Placement};
use super::PrepareOptions;
use crate::contract::MAX_REDEEMABLES;
use crate::customer::customer_from_record;
use crate::limits::cap_issues;
use crate::path::Path;
use crate::values::{json_type, object};
use crate::{Code, Issue, Severity, UsageCode, UsageError, Validator};

/// The cart keys, as the JS API names them.
const CART_KEYS: &[&str] = &[
    "codes",
    "giftCards",
    "loyaltyCards",
    "promotionTiers",
    "promotionStack",
    "items",
    "customer",
    "trackingId",
    "session",
    "metadata",
    "expand",
];

/// A prepared request: the body, the problems (pointers into the cart, or into the body under
/// `/body`), and the order in which the API will apply the redeemables.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreparedRequest {
    /// `true` when no issue is an error.
    pub valid: bool,
    /// The request body.
    pub body: Value,
    /// Problems found in the cart and in the body.
    pub issues: Vec<Issue>,
    /// The redeemables in the order the API applies them, with the ones the limits will skip.
    pub application_order: Vec<Placement>,
}

/// Builds the body of a stackable request from a cart.
pub fn prepare_stackable_request(
    cart: &Value,
    options: &PrepareOptions,
) -> Result<PreparedRequest, UsageError> {
    let Value::Object(cart) = cart else {
        return Err(UsageError::new(
            UsageCode::InvalidArgument,
            format!("the cart must be an object, not {}", json_type(cart)),
        ));
    };
    let root = Path::ROOT;
    let mut reader = CartReader::default();
    for key in cart.keys().filter(|key| !CART_KEYS.contains(&key.as_str())) {
        reader.warn(
            Code::UnknownField,
            &root.key(key),
            format!(
                "{key} is not a cart field ({}); it is left out",
                CART_KEYS.join(", ")
            ),
        );
    }
    let requested = read_redeemables(
        &mut reader,
        cart,
        &root,
        options.stacking_rules.redeemables_limit,
    );
    let mut body = Map::new();
    body.insert(
        "redeemables".into(),
        Value::Array(requested.iter().map(Requested::to_json).collect()),
    );
    let (items, amount) = read_items(&mut reader, cart.get("items"), &root.key("items"));
    if !items.is_empty() {
        let mut order = Map::new();
        if let Some(amount) = amount {
            order.insert("amount".into(), Value::from(amount));
        }
        order.insert("items".into(), Value::Array(items));
        body.insert("order".into(), Value::Object(order));
    }
    if let Some(customer) = read_customer(
        &mut reader,
        cart.get("customer"),
        &root.key("customer"),
        options,
    )? {
        body.insert("customer".into(), customer);
    }
    if let Some(tracking_id) = cart.get("trackingId").filter(|v| !v.is_null()) {
        if let Some(id) = reader.code(Some(tracking_id), &root.key("trackingId"), "trackingId") {
            body.insert("tracking_id".into(), Value::from(id));
        }
    }
    if let Some(session) = read_session(&mut reader, cart.get("session"), &root.key("session")) {
        body.insert("session".into(), session);
    }
    if let Some(metadata) = cart.get("metadata").filter(|v| !v.is_null()) {
        body.insert("metadata".into(), metadata.clone());
    }
    if let Some(expand) = cart.get("expand").filter(|v| !v.is_null()) {
        body.insert("options".into(), object([("expand", expand.clone())]));
    }
    let body = Value::Object(body);
    let mut issues = reader.issues;
    // The body's issues are capped with the cart's below, once, so that the count left out is
    // exact; the cart is under the input limit, which bounds them.
    let mut validation = options.validation.clone();
    validation.limits.max_issues = usize::MAX;
    let report = Validator::new(validation).validate(options.operation, &body);
    issues.extend(report.issues.into_iter().map(|issue| Issue {
        path: format!("/body{}", issue.path),
        ..issue
    }));
    let pairs: Vec<(String, String)> = requested
        .into_iter()
        .map(|r| (r.object.to_string(), r.id))
        .collect();
    let application_order = application_order(&pairs, options, &mut issues);
    let valid = !issues.iter().any(|issue| issue.severity == Severity::Error);
    Ok(PreparedRequest {
        valid,
        body,
        issues: cap_issues(issues, options.validation.limits.max_issues),
        application_order,
    })
}

/// A redeemable read from the cart, with the pointer to where the cart asked for it.
struct Requested {
    pointer: String,
    object: &'static str,
    id: String,
    extra: Option<(&'static str, Value)>,
}

impl Requested {
    fn new(
        path: &Path,
        object: &'static str,
        id: String,
        extra: Option<(&'static str, Value)>,
    ) -> Self {
        Requested {
            pointer: path.render(),
            object,
            id,
            extra,
        }
    }

    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("object".into(), Value::from(self.object));
        map.insert("id".into(), Value::from(self.id.clone()));
        if let Some((name, value)) = &self.extra {
            map.insert((*name).to_string(), value.clone());
        }
        Value::Object(map)
    }
}

fn read_redeemables(
    reader: &mut CartReader,
    cart: &Map<String, Value>,
    root: &Path,
    limit: usize,
) -> Vec<Requested> {
    let mut redeemables = Vec::new();
    let codes = root.key("codes");
    for (index, code) in reader.list(cart.get("codes"), &codes, "codes") {
        if let Some(code) = reader.code(Some(code), &codes.index(index), "a code") {
            redeemables.push(Requested::new(&codes.index(index), "voucher", code, None));
        }
    }
    let gift_cards = root.key("giftCards");
    for (index, card) in reader.list(cart.get("giftCards"), &gift_cards, "giftCards") {
        let path = gift_cards.index(index);
        let code = reader.code(card.get("code"), &path.key("code"), "a gift card code");
        let credits = reader.positive_integer(
            card.get("credits"),
            &path.key("credits"),
            "credits",
            "in cents",
        );
        if let (Some(code), Some(credits)) = (code, credits) {
            redeemables.push(Requested::new(
                &path,
                "voucher",
                code,
                Some(("gift", object([("credits", Value::from(credits))]))),
            ));
        }
    }
    let loyalty_cards = root.key("loyaltyCards");
    for (index, card) in reader.list(cart.get("loyaltyCards"), &loyalty_cards, "loyaltyCards") {
        let path = loyalty_cards.index(index);
        let code = reader.code(card.get("code"), &path.key("code"), "a loyalty card code");
        let reward = reader.code(card.get("rewardId"), &path.key("rewardId"), "rewardId");
        let points = reader.positive_integer(card.get("points"), &path.key("points"), "points", "");
        if let (Some(code), Some(reward), Some(points)) = (code, reward, points) {
            let reward = object([("id", Value::from(reward)), ("points", Value::from(points))]);
            redeemables.push(Requested::new(
                &path,
                "voucher",
                code,
                Some(("reward", reward)),
            ));
        }
    }
    let tiers = root.key("promotionTiers");
    for (index, tier) in reader.list(cart.get("promotionTiers"), &tiers, "promotionTiers") {
        if let Some(id) = reader.code(Some(tier), &tiers.index(index), "a promotion tier id") {
            redeemables.push(Requested::new(
                &tiers.index(index),
                "promotion_tier",
                id,
                None,
            ));
        }
    }
    if let Some(stack) = cart.get("promotionStack").filter(|v| !v.is_null()) {
        if let Some(id) = reader.code(Some(stack), &root.key("promotionStack"), "promotionStack") {
            redeemables.push(Requested::new(
                &root.key("promotionStack"),
                "promotion_stack",
                id,
                None,
            ));
        }
    }
    let mut seen = HashSet::new();
    let mut unique = Vec::with_capacity(redeemables.len());
    for requested in redeemables {
        if seen.insert((requested.object, requested.id.clone())) {
            unique.push(requested);
        } else {
            reader.issues.push(Issue {
                code: Code::Duplicate,
                severity: Severity::Warning,
                path: requested.pointer,
                message: format!(
                    "{} {:?} is already in the cart; the repeat is left out (the API rejects duplicates)",
                    requested.object, requested.id
                ),
            });
        }
    }
    let limit = limit.min(MAX_REDEEMABLES);
    if unique.len() > limit {
        reader.error(
            Code::TooMany,
            root,
            format!("the cart holds {} redeemables, and the project's stacking rules accept at most {limit} per request", unique.len()),
        );
    }
    unique
}

/// An API customer object is passed through; a flat record (any other key) is built into one.
fn read_customer(
    reader: &mut CartReader,
    value: Option<&Value>,
    path: &Path,
    options: &PrepareOptions,
) -> Result<Option<Value>, UsageError> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    if !value.is_object() {
        reader.error(
            Code::InvalidType,
            path,
            format!("customer must be an object, not {}", json_type(value)),
        );
        return Ok(None);
    }
    let (customer, issues) = customer_from_record(value, &options.customer)?;
    let prefix = path.render();
    reader.issues.extend(issues.into_iter().map(|issue| Issue {
        path: format!("{prefix}{}", issue.path),
        ..issue
    }));
    Ok(Some(Value::Object(customer)))
}

/// Plans the application order and warns about redeemables the limits will skip.
fn application_order(
    redeemables: &[(String, String)],
    options: &PrepareOptions,
    issues: &mut Vec<Issue>,
) -> Vec<Placement> {
    let placements = plan_application(redeemables, &options.categories, &options.stacking_rules);
    for placement in &placements {
        if let Some(reason) = placement.skipped_because {
            issues.push(Issue {
                code: Code::SkippedByStackingRules,
                severity: Severity::Warning,
                path: format!("/body/redeemables/{}", placement.request_index),
                message: format!(
                    "{} {} will be skipped ({reason}) if every redeemable applied before it applies",
                    placement.object, placement.id
                ),
            });
        }
    }
    placements
}
