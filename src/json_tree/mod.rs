//! A JSON document that borrows its strings from the request bytes: the tree the contract rules
//! walk.
//!
//! `serde_json::Value` allocates every string and keeps every object in a `BTreeMap`; for a
//! 2 KB order that is about 400 allocations, and parsing, then freeing, them was most of the
//! time of a validation. [`Json`] keeps strings as slices of the input (an owned copy only when
//! a string has escapes) and objects as vectors of members in document order.
//!
//! - [`parse`] reads bytes (see `parse.rs`); [`Json::borrowed`] views a `serde_json::Value`
//!   without copying its strings, so both inputs meet the same rules, and
//!   [`Json::into_value`] turns a tree into one (see `serde_value.rs`) for the code that edits
//!   what it reads (options, carts, customers): the one JSON reader of the crate.
//! - Accessors mirror `serde_json::Value`'s (`get`, `as_str`, `is_string`, ...).
//! - An object keeps one member per key, the last one written, at the place of the first, as
//!   JavaScript's `JSON.parse` does.

mod parse;
mod serde_value;
mod serialize;

use std::borrow::Cow;

pub(crate) use parse::{parse, parse_value, ParseError, ParseLimits, Reason, MAX_READ_DEPTH};
use serde_json::Number;

/// A JSON value whose strings borrow from the text it was read from (`'a`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json reads it (unsigned, signed or floating).
    Number(Number),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object.
    Object(Members<'a>),
}

/// The members of an object, in document order, each key once.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Members<'a> {
    entries: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Json<'a> {
    /// The member `key` of an object; `None` for a missing key or a value that is no object.
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object().and_then(|members| members.get(key))
    }

    /// The text of a string.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The members of an object.
    pub(crate) fn as_object(&self) -> Option<&Members<'a>> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The number, when this is one.
    pub(crate) fn as_number(&self) -> Option<&Number> {
        match self {
            Json::Number(number) => Some(number),
            _ => None,
        }
    }

    /// The number as a double.
    pub(crate) fn as_f64(&self) -> Option<f64> {
        self.as_number().and_then(Number::as_f64)
    }

    /// Whether this is `null`.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// Whether this is `true` or `false`.
    pub(crate) fn is_boolean(&self) -> bool {
        matches!(self, Json::Bool(_))
    }

    /// Whether this is a number.
    pub(crate) fn is_number(&self) -> bool {
        matches!(self, Json::Number(_))
    }

    /// Whether this is a string.
    pub(crate) fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    /// Whether this is an object.
    pub(crate) fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    /// The JSON type as messages name it (`a string`, `null`).
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Whether this equals `value`, numbers compared as serde_json compares them.
    pub(crate) fn same_as(&self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (self, value) {
            (Json::Null, Value::Null) => true,
            (Json::Bool(a), Value::Bool(b)) => a == b,
            (Json::Number(a), Value::Number(b)) => a == b,
            (Json::String(a), Value::String(b)) => a == b,
            (Json::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_as(y))
            }
            (Json::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(key, x)| b.get(key).is_some_and(|y| x.same_as(y)))
            }
            _ => false,
        }
    }
}

impl<'a> Members<'a> {
    /// Members from entries whose keys are known to be distinct.
    fn from_distinct(entries: Vec<(Cow<'a, str>, Json<'a>)>) -> Self {
        Members { entries }
    }

    /// An object of one member.
    pub(crate) fn one(key: &'a str, value: Json<'a>) -> Self {
        Members {
            entries: vec![(Cow::Borrowed(key), value)],
        }
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.entries
            .iter()
            .find(|(name, _)| same_key(name, key))
            .map(|(_, value)| value)
    }

    /// Whether the object has the member `key`.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The number of members.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The members in document order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_ref(), value))
    }
}

/// Whether two keys are equal, their lengths and first bytes compared before the rest: most
/// keys a lookup passes differ there, and comparing the rest is a call to `memcmp`.
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// The type the member iterator of [`Members`] yields through `for (key, value) in members`.
type MemberRef<'m, 'a> = (&'m str, &'m Json<'a>);

impl<'m, 'a> IntoIterator for &'m Members<'a> {
    type Item = MemberRef<'m, 'a>;
    type IntoIter = std::iter::Map<
        std::slice::Iter<'m, (Cow<'a, str>, Json<'a>)>,
        fn(&'m (Cow<'a, str>, Json<'a>)) -> MemberRef<'m, 'a>,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_ref(), value))
    }
}

#[cfg(test)]
mod tests;
