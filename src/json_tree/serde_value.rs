//! Between [`Json`] and `serde_json::Value`: a borrowed view of a value, so that bodies built in
//! Rust or JavaScript objects meet the same rules as bytes, and an owned value from a tree, for
//! the code that edits what it reads.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::{Json, Members};

impl<'a> Json<'a> {
    /// A view of `value`. Recursive: the caller bounds the depth first (the validator measures
    /// it against `Limits::max_depth`).
    pub(crate) fn borrowed(value: &'a Value) -> Json<'a> {
        match value {
            Value::Null => Json::Null,
            Value::Bool(flag) => Json::Bool(*flag),
            Value::Number(number) => Json::Number(number.clone()),
            Value::String(text) => Json::String(Cow::Borrowed(text)),
            Value::Array(items) => Json::Array(items.iter().map(Json::borrowed).collect()),
            Value::Object(map) => Json::Object(Members::from_distinct(
                map.iter()
                    .map(|(key, member)| (Cow::Borrowed(key.as_str()), Json::borrowed(member)))
                    .collect(),
            )),
        }
    }

    /// The tree as an owned `serde_json::Value`. Recursive, as deep as the tree (which
    /// [`super::parse`] bounds).
    pub(crate) fn into_value(self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(flag) => Value::Bool(flag),
            Json::Number(number) => Value::Number(number),
            Json::String(text) => Value::String(text.into_owned()),
            Json::Array(items) => Value::Array(items.into_iter().map(Json::into_value).collect()),
            Json::Object(members) => Value::Object(
                members
                    .entries
                    .into_iter()
                    .map(|(key, member)| (key.into_owned(), member.into_value()))
                    .collect::<Map<String, Value>>(),
            ),
        }
    }
}
