//! The project's stacking rules as a validation response echoes them, with the documented
//! defaults for whatever is absent.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::{UsageCode, UsageError};

/// The order in which the API applies redeemables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortingRule {
    /// In the order of the request.
    RequestedOrder,
    /// By category: exclusive first, then by category hierarchy (lower first), joint last.
    CategoryHierarchy,
}

/// Whether one inapplicable redeemable fails the whole request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplicationMode {
    /// Every redeemable must be valid, or nothing is applied.
    All,
    /// Valid redeemables are applied, the others reported.
    Partial,
}

/// The stacking rules that decide how many redeemables are applied and in which order.
#[derive(Clone, Debug, PartialEq)]
pub struct StackingRules {
    /// Most redeemables sent in one request (default 30).
    pub redeemables_limit: usize,
    /// Most redeemables applied (default 5).
    pub applicable_redeemables_limit: usize,
    /// Most redeemables applied from one category (default 1).
    pub applicable_redeemables_per_category_limit: usize,
    /// Per-category overrides of the limit above.
    pub applicable_redeemables_category_limits: BTreeMap<String, usize>,
    /// Most redeemables applied from exclusive categories (default 1).
    pub applicable_exclusive_redeemables_limit: usize,
    /// Most redeemables applied from one exclusive category (default 1).
    pub applicable_exclusive_redeemables_per_category_limit: usize,
    /// Category ids whose redeemables never stack with common ones.
    pub exclusive_categories: Vec<String>,
    /// Category ids whose redeemables always stack.
    pub joint_categories: Vec<String>,
    /// `ALL` or `PARTIAL` (default `ALL`).
    pub application_mode: ApplicationMode,
    /// `REQUESTED_ORDER` (default) or `CATEGORY_HIERARCHY`.
    pub sorting_rule: SortingRule,
}

impl Default for StackingRules {
    fn default() -> Self {
        StackingRules {
            redeemables_limit: 30,
            applicable_redeemables_limit: 5,
            applicable_redeemables_per_category_limit: 1,
            applicable_redeemables_category_limits: BTreeMap::new(),
            applicable_exclusive_redeemables_limit: 1,
            applicable_exclusive_redeemables_per_category_limit: 1,
            exclusive_categories: Vec::new(),
            joint_categories: Vec::new(),
            application_mode: ApplicationMode::All,
            sorting_rule: SortingRule::RequestedOrder,
        }
    }
}

impl StackingRules {
    /// Reads the `stacking_rules` object of a validation response; unknown keys are ignored, as
    /// the API adds settings over time.
    pub fn from_json(value: &Value) -> Result<StackingRules, UsageError> {
        let mut rules = StackingRules::default();
        let map = match value {
            Value::Null => return Ok(rules),
            Value::Object(map) => map,
            _ => return Err(invalid("stackingRules must be an object")),
        };
        read_limit(map, "redeemables_limit", &mut rules.redeemables_limit)?;
        read_limit(
            map,
            "applicable_redeemables_limit",
            &mut rules.applicable_redeemables_limit,
        )?;
        read_limit(
            map,
            "applicable_redeemables_per_category_limit",
            &mut rules.applicable_redeemables_per_category_limit,
        )?;
        read_limit(
            map,
            "applicable_exclusive_redeemables_limit",
            &mut rules.applicable_exclusive_redeemables_limit,
        )?;
        read_limit(
            map,
            "applicable_exclusive_redeemables_per_category_limit",
            &mut rules.applicable_exclusive_redeemables_per_category_limit,
        )?;
        if let Some(Value::Object(limits)) = map.get("applicable_redeemables_category_limits") {
            for (category, limit) in limits {
                let limit = limit
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| invalid(format!("applicable_redeemables_category_limits.{category} must be a positive integer")))?;
                rules
                    .applicable_redeemables_category_limits
                    .insert(category.clone(), limit);
            }
        }
        rules.exclusive_categories = read_strings(map, "exclusive_categories")?;
        rules.joint_categories = read_strings(map, "joint_categories")?;
        match map
            .get("redeemables_application_mode")
            .and_then(Value::as_str)
        {
            Some("PARTIAL") => rules.application_mode = ApplicationMode::Partial,
            Some("ALL") | None => {}
            Some(other) => {
                return Err(invalid(format!(
                    "redeemables_application_mode {other:?} is not ALL or PARTIAL"
                )))
            }
        }
        match map.get("redeemables_sorting_rule").and_then(Value::as_str) {
            Some("CATEGORY_HIERARCHY") => rules.sorting_rule = SortingRule::CategoryHierarchy,
            Some("REQUESTED_ORDER") | None => {}
            Some(other) => {
                return Err(invalid(format!(
                "redeemables_sorting_rule {other:?} is not REQUESTED_ORDER or CATEGORY_HIERARCHY"
            )))
            }
        }
        Ok(rules)
    }

    /// The applied-redeemables limit of one category.
    pub(crate) fn category_limit(&self, category: &str) -> usize {
        self.applicable_redeemables_category_limits
            .get(category)
            .copied()
            .unwrap_or(self.applicable_redeemables_per_category_limit)
    }
}

fn read_limit(map: &Map<String, Value>, key: &str, slot: &mut usize) -> Result<(), UsageError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(value) => {
            let limit = value
                .as_u64()
                .filter(|&n| (1..=30).contains(&n))
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| invalid(format!("{key} must be an integer from 1 to 30")))?;
            *slot = limit;
            Ok(())
        }
    }
}

fn read_strings(map: &Map<String, Value>, key: &str) -> Result<Vec<String>, UsageError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| invalid(format!("{key} must be an array of category ids")))
            })
            .collect(),
        Some(_) => Err(invalid(format!("{key} must be an array of category ids"))),
    }
}

fn invalid(message: impl Into<String>) -> UsageError {
    UsageError::new(UsageCode::InvalidOptions, message)
}
