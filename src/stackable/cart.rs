//! Reading the cart: codes, cards, promotion tiers, items, customer and session, each problem
//! reported with a pointer into the cart.

use serde_json::{Map, Value};

use crate::path::Path;
use crate::values::{json_type, object, shown};
use crate::{Code, Issue, Severity};

/// Collects the issues found while reading a cart.
#[derive(Default)]
pub(crate) struct CartReader {
    pub(crate) issues: Vec<Issue>,
}

impl CartReader {
    pub(crate) fn error(&mut self, code: Code, path: &Path, message: impl Into<String>) {
        self.push(code, Severity::Error, path, message);
    }

    pub(crate) fn warn(&mut self, code: Code, path: &Path, message: impl Into<String>) {
        self.push(code, Severity::Warning, path, message);
    }

    fn push(&mut self, code: Code, severity: Severity, path: &Path, message: impl Into<String>) {
        self.issues.push(Issue {
            code,
            severity,
            path: path.render(),
            message: message.into(),
        });
    }

    /// The elements of an optional array field (a lone value is read as a one-element list).
    pub(crate) fn list<'v>(
        &mut self,
        value: Option<&'v Value>,
        path: &Path,
        name: &str,
    ) -> Vec<(usize, &'v Value)> {
        match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.iter().enumerate().collect(),
            Some(Value::Object(_)) | Some(Value::String(_)) => {
                value.map(|v| vec![(0, v)]).unwrap_or_default()
            }
            Some(other) => {
                self.error(
                    Code::InvalidType,
                    path,
                    format!("{name} must be an array, not {}", json_type(other)),
                );
                Vec::new()
            }
        }
    }

    /// A code or id: trimmed; empty or with control characters is an error.
    pub(crate) fn code(
        &mut self,
        value: Option<&Value>,
        path: &Path,
        name: &str,
    ) -> Option<String> {
        let text = match value {
            Some(Value::String(text)) => text.trim(),
            Some(Value::Number(number)) => return Some(number.to_string()),
            None | Some(Value::Null) => {
                self.error(Code::MissingField, path, format!("{name} is missing"));
                return None;
            }
            Some(other) => {
                self.error(
                    Code::InvalidType,
                    path,
                    format!("{name} must be a string, not {}", json_type(other)),
                );
                return None;
            }
        };
        if text.is_empty() {
            self.error(Code::EmptyValue, path, format!("{name} is empty"));
            return None;
        }
        if text.chars().any(char::is_control) {
            self.error(
                Code::InvalidFormat,
                path,
                format!(
                    "{name} {} contains control characters (a pasted tab or line break?)",
                    shown(&Value::String(text.into()))
                ),
            );
            return None;
        }
        Some(text.to_string())
    }

    /// A positive integer (credits in cents, points).
    pub(crate) fn positive_integer(
        &mut self,
        value: Option<&Value>,
        path: &Path,
        name: &str,
        unit: &str,
    ) -> Option<i64> {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            self.error(Code::MissingField, path, format!("{name} is missing"));
            return None;
        };
        match value.as_i64().or_else(|| {
            value
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }) {
            Some(n) if n > 0 && n <= crate::limits::MAX_SAFE_INTEGER => Some(n),
            Some(n) => {
                self.error(
                    Code::OutOfRange,
                    path,
                    format!("{name} must be a positive integer {unit} (actual value is {n})"),
                );
                None
            }
            None if value.is_number() => {
                let code = if unit.is_empty() {
                    Code::InvalidType
                } else {
                    Code::NotIntegerCents
                };
                self.error(
                    code,
                    path,
                    format!("{name} must be an integer {unit} (actual value is {value})"),
                );
                None
            }
            None => {
                self.error(
                    Code::InvalidType,
                    path,
                    format!("{name} must be a number, not {}", json_type(value)),
                );
                None
            }
        }
    }
}

/// The API's name of a cart item key (`productId` → `product_id`); `None` for unknown keys.
fn item_key(key: &str) -> Option<&'static str> {
    Some(match key {
        "productId" | "product_id" => "product_id",
        "skuId" | "sku_id" => "sku_id",
        "sourceId" | "source_id" => "source_id",
        "relatedObject" | "related_object" => "related_object",
        "price" => "price",
        "quantity" => "quantity",
        "amount" => "amount",
        "product" => "product",
        "sku" => "sku",
        "metadata" => "metadata",
        _ => return None,
    })
}

/// Turns cart items into order items, computing `amount = price × quantity` where absent.
/// Returns the items and the order amount when every item's amount is known.
pub(crate) fn read_items(
    reader: &mut CartReader,
    value: Option<&Value>,
    path: &Path,
) -> (Vec<Value>, Option<i64>) {
    let mut items = Vec::new();
    let mut total: Option<i64> = Some(0);
    for (index, item) in reader.list(value, path, "items") {
        let item_path = path.index(index);
        let Value::Object(map) = item else {
            reader.error(
                Code::InvalidType,
                &item_path,
                format!("an item must be an object, not {}", json_type(item)),
            );
            total = None;
            continue;
        };
        let mut out = Map::new();
        for (key, member) in map {
            match item_key(key) {
                Some(name) => {
                    out.insert(name.to_string(), member.clone());
                }
                None => reader.warn(
                    Code::UnknownField,
                    &item_path.key(key),
                    format!("{key} is not an item field (productId, skuId, sourceId, relatedObject, price, quantity, amount, product, sku, metadata); it is left out"),
                ),
            }
        }
        let price = out.get("price").and_then(Value::as_i64);
        let quantity = out.get("quantity").and_then(Value::as_i64);
        if !out.contains_key("amount") {
            if let Some(amount) = price.zip(quantity).and_then(|(p, q)| p.checked_mul(q)) {
                out.insert("amount".into(), Value::from(amount));
            }
        }
        let amount = out.get("amount").and_then(Value::as_i64);
        total = total.zip(amount).and_then(|(t, a)| t.checked_add(a));
        items.push(Value::Object(out));
    }
    let total = if items.is_empty() { None } else { total };
    (items, total)
}

/// Reads the session lock: `true` for a new lock, or `{ key?, ttl?, ttlUnit? }`.
pub(crate) fn read_session(
    reader: &mut CartReader,
    value: Option<&Value>,
    path: &Path,
) -> Option<Value> {
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => None,
        Some(Value::Bool(true)) => Some(object([("type", Value::from("LOCK"))])),
        Some(Value::Object(map)) => {
            let mut session = Map::new();
            session.insert("type".into(), Value::from("LOCK"));
            for (key, member) in map {
                let name = match key.as_str() {
                    "key" => "key",
                    "ttl" => "ttl",
                    "ttlUnit" | "ttl_unit" => "ttl_unit",
                    "type" => "type",
                    other => {
                        reader.warn(
                            Code::UnknownField,
                            &path.key(key),
                            format!("{other} is not a session field (key, ttl, ttlUnit)"),
                        );
                        continue;
                    }
                };
                session.insert(name.into(), member.clone());
            }
            Some(Value::Object(session))
        }
        Some(other) => {
            reader.error(
                Code::InvalidType,
                path,
                format!(
                    "session must be true or an object, not {}",
                    json_type(other)
                ),
            );
            None
        }
    }
}
