//! The options of `prepare_stackable_request`, read from the JS wrapper's camelCase JSON.

use std::collections::BTreeMap;

use serde_json::Value;

use super::ordering::CategoryRef;
use super::rules::StackingRules;
use crate::option_json::{invalid_option, option_entries, unknown_option};
use crate::values::object;
use crate::{BuildOptions, Operation, UsageError, ValidationOptions};

/// How a cart becomes a request body.
#[derive(Clone, Debug)]
pub struct PrepareOptions {
    /// The project's stacking rules (defaults when absent).
    pub stacking_rules: StackingRules,
    /// The categories of each redeemable id, when known (from an earlier validation response).
    pub categories: BTreeMap<String, Vec<CategoryRef>>,
    /// The operation the body is for (default `POST /client/v1/validations`).
    pub operation: Operation,
    /// How a flat customer record is built.
    pub customer: BuildOptions,
    /// Metadata schemas and limits for validating the body.
    pub validation: ValidationOptions,
}

impl Default for PrepareOptions {
    fn default() -> Self {
        PrepareOptions {
            stacking_rules: StackingRules::default(),
            categories: BTreeMap::new(),
            operation: Operation::ValidateClient,
            customer: BuildOptions::default(),
            validation: ValidationOptions::default(),
        }
    }
}

impl PrepareOptions {
    /// Reads `{ stackingRules?, categories?, operation?, customerOptions?, metadataSchemas?,
    /// maxIssues? }`.
    pub fn from_json(value: &Value) -> Result<PrepareOptions, UsageError> {
        let mut options = PrepareOptions::default();
        let Some(map) = option_entries(value)? else {
            return Ok(options);
        };
        let mut max_issues = None;
        for (key, value) in map {
            match key.as_str() {
                "stackingRules" => options.stacking_rules = StackingRules::from_json(value)?,
                "categories" => options.categories = read_categories(value)?,
                "operation" => {
                    let text = value
                        .as_str()
                        .ok_or_else(|| invalid_option("operation must be a string"))?;
                    let operation = Operation::parse(text)?;
                    if !operation.is_stackable() {
                        return Err(invalid_option(format!(
                            "operation {text:?} is not a stackable validation or redemption"
                        )));
                    }
                    options.operation = operation;
                }
                "customerOptions" => options.customer = BuildOptions::from_json(value)?,
                "metadataSchemas" => {
                    let wrapped = object([("metadataSchemas", value.clone())]);
                    options.validation = ValidationOptions::from_json(&wrapped)?;
                    options.customer.metadata_schemas = options.validation.metadata_schemas.clone();
                }
                "maxIssues" => {
                    let wrapped = object([("maxIssues", value.clone())]);
                    max_issues = Some(ValidationOptions::from_json(&wrapped)?.limits.max_issues);
                }
                other => {
                    return Err(unknown_option(
                        other,
                        "stackingRules, categories, operation, customerOptions, metadataSchemas and maxIssues",
                    ))
                }
            }
        }
        if let Some(max) = max_issues {
            options.validation.limits.max_issues = max;
        }
        Ok(options)
    }
}

/// Reads `{ "<redeemable id>": [{ "id": "cat_...", "hierarchy": 1 }] }`, the shape of the
/// `categories` a validation response gives each redeemable.
fn read_categories(value: &Value) -> Result<BTreeMap<String, Vec<CategoryRef>>, UsageError> {
    let map = match value {
        Value::Null => return Ok(BTreeMap::new()),
        Value::Object(map) => map,
        _ => {
            return Err(invalid_option(
                "categories must map redeemable ids to arrays of categories",
            ))
        }
    };
    let mut out = BTreeMap::new();
    for (redeemable, list) in map {
        let list = list
            .as_array()
            .ok_or_else(|| invalid_option(format!("categories.{redeemable} must be an array")))?;
        let mut refs = Vec::with_capacity(list.len());
        for category in list {
            let id = category.get("id").and_then(Value::as_str);
            let hierarchy = category
                .get("hierarchy")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MAX);
            let id = id.ok_or_else(|| {
                invalid_option(format!("each category of {redeemable} needs a string id"))
            })?;
            refs.push(CategoryRef {
                id: id.to_string(),
                hierarchy,
            });
        }
        out.insert(redeemable.clone(), refs);
    }
    Ok(out)
}
