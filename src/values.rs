//! How JSON values are named and quoted in messages, for both trees: `serde_json::Value` and
//! the borrowed [`Json`] the contract rules walk.

use serde_json::Value;

use crate::json_tree::Json;

/// A JSON object of `entries`, as `json!({...})` builds it but without the macro's
/// `to_value(..).unwrap()` per member, a panic path the WebAssembly module would carry.
pub(crate) fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

/// What a message needs of a JSON value.
pub(crate) trait Described {
    /// The JSON type as messages name it (`a string`, `null`).
    fn type_name(&self) -> &'static str;
    /// The value shown in a message: strings single-quoted, containers by their type, other
    /// values as JSON.
    fn unshortened(&self) -> String;
}

impl Described for Value {
    fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    fn unshortened(&self) -> String {
        match self {
            Value::String(text) => format!("'{text}'"),
            Value::Array(_) | Value::Object(_) => self.type_name().to_string(),
            other => other.to_string(),
        }
    }
}

impl Described for Json<'_> {
    fn type_name(&self) -> &'static str {
        Json::type_name(self)
    }

    fn unshortened(&self) -> String {
        match self {
            Json::String(text) => format!("'{text}'"),
            Json::Array(_) | Json::Object(_) => self.type_name().to_string(),
            other => other.to_json_text(),
        }
    }
}

/// The JSON type of a value, as messages name it (`a string`, `null`).
pub(crate) fn json_type(value: &impl Described) -> &'static str {
    value.type_name()
}

/// A value for an "actual value is" clause: strings single-quoted, long values shortened.
pub(crate) fn shown(value: &impl Described) -> String {
    let text = value.unshortened();
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}
