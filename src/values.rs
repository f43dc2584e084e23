//! How JSON values are named and quoted in messages.

use serde_json::Value;

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

/// The JSON type of a value, as messages name it (`a string`, `null`).
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value for an "actual value is" clause: strings single-quoted, long values shortened.
pub(crate) fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(text) => format!("'{text}'"),
        Value::Array(_) => String::from("an array"),
        Value::Object(_) => String::from("an object"),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}
