//! Turning the records a shop holds (flat CSV rows, JSON objects) and the records Voucherify
//! holds (export rows, list responses) into API-shaped products, and reading list responses.

use serde_json::{Map, Value};

use crate::customer::{collapse_whitespace, RESPONSE_FIELDS};
use crate::metadata::parse_number;
use crate::{Code, Issue, PriceUnit, Severity};

/// The records of a list response saved as JSON (`{"customers": [...]}`, `{"products": [...]}`,
/// `{"data": [...]}`), or the array itself.
pub fn list_items(value: &Value) -> Option<&Vec<Value>> {
    match value {
        Value::Array(items) => Some(items),
        Value::Object(map) => ["customers", "products", "data"]
            .iter()
            .find_map(|key| map.get(*key).and_then(Value::as_array)),
        _ => None,
    }
}

/// The product fields a sync compares.
pub(crate) const PRODUCT_FIELDS: &[&str] =
    &["name", "price", "attributes", "image_url", "metadata"];

/// An API product from a record: known fields are typed (price in cents, attributes as a list);
/// other keys of a flat record become metadata.
pub(crate) fn to_product(record: &Value, unit: PriceUnit) -> (Map<String, Value>, Vec<Issue>) {
    let mut product = Map::new();
    let mut issues = Vec::new();
    let Value::Object(map) = record else {
        issues.push(issue(
            Code::InvalidType,
            "",
            "a product record must be an object".into(),
        ));
        return (product, issues);
    };
    for (key, value) in map {
        if value.is_null() || value.as_str().is_some_and(|text| text.trim().is_empty()) {
            continue;
        }
        let path = format!("/{}", key.replace('~', "~0").replace('/', "~1"));
        match key.to_ascii_lowercase().as_str() {
            "id" | "source_id" | "image_url" => {
                product.insert(key.to_ascii_lowercase(), text_of(value));
            }
            "name" => {
                product.insert(
                    "name".into(),
                    Value::String(collapse_whitespace(&text_of_str(value))),
                );
            }
            "price" => match price_of(value, unit) {
                Some(cents) => {
                    product.insert("price".into(), Value::from(cents));
                }
                None => issues.push(issue(
                    Code::NotIntegerCents,
                    &path,
                    format!(
                        "price {value} is not a price in {}",
                        if unit == PriceUnit::Cents {
                            "integer cents"
                        } else {
                            "units with at most two decimals"
                        }
                    ),
                )),
            },
            "attributes" => {
                let list = match value {
                    Value::Array(items) => items.iter().map(text_of).collect(),
                    other => text_of_str(other)
                        .split(',')
                        .map(str::trim)
                        .filter(|name| !name.is_empty())
                        .map(|name| Value::String(name.to_string()))
                        .collect(),
                };
                product.insert("attributes".into(), Value::Array(list));
            }
            "metadata" if value.is_object() => {
                let metadata = product
                    .entry("metadata")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let (Some(target), Some(source)) = (metadata.as_object_mut(), value.as_object())
                {
                    target.extend(source.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
            // Response fields (a customer's, and a product's `skus`) are not data to sync.
            _ if key == "skus" || RESPONSE_FIELDS.contains(&key.as_str()) => {}
            _ => {
                let name = key.strip_prefix("metadata.").unwrap_or(key).to_string();
                let metadata = product
                    .entry("metadata")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Some(target) = metadata.as_object_mut() {
                    target.insert(name, value.clone());
                }
            }
        }
    }
    (product, issues)
}

fn price_of(value: &Value, unit: PriceUnit) -> Option<i64> {
    let number = match value {
        Value::String(text) => parse_number(text.trim())?,
        other => other.clone(),
    };
    match unit {
        PriceUnit::Cents => number.as_i64().or_else(|| {
            let float = number.as_f64()?;
            (float.fract() == 0.0 && float.abs() < 9.0e15).then_some(float as i64)
        }),
        PriceUnit::Units => {
            let cents = (number.as_f64()? * 100.0).round();
            let exact = (number.as_f64()? * 100.0 - cents).abs() < 1e-6;
            (exact && cents.abs() < 9.0e15).then_some(cents as i64)
        }
    }
}

fn text_of(value: &Value) -> Value {
    Value::String(text_of_str(value))
}

fn text_of_str(value: &Value) -> String {
    match value {
        Value::String(text) => text.trim().to_string(),
        other => other.to_string(),
    }
}

fn issue(code: Code, path: &str, message: String) -> Issue {
    Issue {
        code,
        severity: Severity::Error,
        path: path.to_string(),
        message,
    }
}
