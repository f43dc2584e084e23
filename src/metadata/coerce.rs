//! Turning flat text (a CSV cell, a CRM field) into the typed metadata value its definition asks
//! for: numbers, booleans `true`/`false`/`null`, dates, comma-separated arrays.

use serde_json::{Number, Value};

use super::definition::{Definition, MetaType};
use crate::customer::{normalize_date, DateOrder, DateProblem};
use crate::formats::is_iso_timestamp;
use crate::limits::MAX_SAFE_INTEGER;

/// Converts `text` to the value `definition` describes; the error says what was expected.
pub(crate) fn coerce_text(
    text: &str,
    definition: &Definition,
    order: Option<DateOrder>,
) -> Result<Value, String> {
    if definition.array {
        let items: Result<Vec<Value>, String> = text
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| coerce_scalar(item, definition.kind, order))
            .collect();
        return items.map(Value::Array);
    }
    coerce_scalar(text.trim(), definition.kind, order)
}

fn coerce_scalar(text: &str, kind: MetaType, order: Option<DateOrder>) -> Result<Value, String> {
    match kind {
        MetaType::Number => {
            parse_number(text).ok_or_else(|| format!("must be a number (actual value is '{text}')"))
        }
        MetaType::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            "null" => Ok(Value::Null),
            _ => Err(format!(
                "must be true, false or null (actual value is '{text}')"
            )),
        },
        MetaType::Date => match normalize_date(text, order) {
            Ok(date) => Ok(Value::String(date)),
            Err(DateProblem::Ambiguous) => Err(format!(
                "'{text}' could be day/month or month/day; set the date order (dmy or mdy)"
            )),
            Err(DateProblem::Invalid) => Err(format!("must be a date (actual value is '{text}')")),
        },
        MetaType::Datetime => {
            if is_iso_timestamp(text) {
                Ok(Value::String(text.to_string()))
            } else {
                Err(format!(
                    "must be an ISO 8601 date-time (actual value is '{text}')"
                ))
            }
        }
        MetaType::Object => Err(String::from(
            "nested metadata objects cannot come from a flat field",
        )),
        MetaType::String | MetaType::Geopoint | MetaType::ImageUrl => {
            Ok(Value::String(text.to_string()))
        }
    }
}

/// Parses a decimal number as JSON would write it; integers within 2^53 stay integers.
pub(crate) fn parse_number(text: &str) -> Option<Value> {
    let valid_shape = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && text.bytes().any(|b| b.is_ascii_digit());
    if !valid_shape {
        return None;
    }
    if let Ok(int) = text.parse::<i64>() {
        if int.unsigned_abs() <= MAX_SAFE_INTEGER.unsigned_abs() {
            return Some(Value::Number(int.into()));
        }
        return None;
    }
    let float = crate::decimal::parse_f64(text)?;
    Number::from_f64(float).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition(kind: &str, array: bool) -> Definition {
        Definition::from_json("k", &serde_json::json!({"type": kind, "array": array})).unwrap()
    }

    #[test]
    fn coerces_each_type() {
        assert_eq!(
            coerce_text("42", &definition("number", false), None),
            Ok(serde_json::json!(42))
        );
        assert_eq!(
            coerce_text(" 4.5 ", &definition("number", false), None),
            Ok(serde_json::json!(4.5))
        );
        assert_eq!(
            coerce_text("TRUE", &definition("boolean", false), None),
            Ok(serde_json::json!(true))
        );
        assert_eq!(
            coerce_text("null", &definition("boolean", false), None),
            Ok(Value::Null)
        );
        assert_eq!(
            coerce_text("3.7.1990", &definition("date", false), None),
            Ok(serde_json::json!("1990-07-03"))
        );
        assert_eq!(
            coerce_text("Nike, Fenty,Reebok", &definition("string", true), None),
            Ok(serde_json::json!(["Nike", "Fenty", "Reebok"]))
        );
        assert_eq!(
            coerce_text("1,2", &definition("number", true), None),
            Ok(serde_json::json!([1, 2]))
        );
    }

    #[test]
    fn explains_what_was_expected() {
        assert!(coerce_text("abc", &definition("number", false), None)
            .unwrap_err()
            .contains("number"));
        assert!(coerce_text("yes", &definition("boolean", false), None)
            .unwrap_err()
            .contains("true"));
        assert!(coerce_text("01/02/2000", &definition("date", false), None)
            .unwrap_err()
            .contains("dmy"));
        assert!(coerce_text("1e999", &definition("number", false), None).is_err());
        assert!(coerce_text("9007199254740993", &definition("number", false), None).is_err());
    }
}
