//! One metadata property definition: its type, multiplicity and constraints.

use serde_json::{Map, Value};

use super::SchemaError;

/// The value types a metadata definition can declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MetaType {
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// A nested object, described by another schema (`objectType`).
    Object,
    /// A `YYYY-MM-DD` string.
    Date,
    /// An ISO 8601 timestamp string.
    Datetime,
    /// A `latitude, longitude` string.
    Geopoint,
    /// A JSON boolean (the dashboard's "Flag").
    Boolean,
    /// An http(s) URL of a JPG or PNG image.
    ImageUrl,
}

impl MetaType {
    fn parse(text: &str) -> Option<MetaType> {
        Some(match text {
            "string" => MetaType::String,
            "number" => MetaType::Number,
            "object" => MetaType::Object,
            "date" => MetaType::Date,
            "datetime" => MetaType::Datetime,
            "geopoint" => MetaType::Geopoint,
            "boolean" => MetaType::Boolean,
            "image_url" => MetaType::ImageUrl,
            _ => return None,
        })
    }

    /// The name the API uses for the type.
    pub(crate) fn name(self) -> &'static str {
        match self {
            MetaType::String => "string",
            MetaType::Number => "number",
            MetaType::Object => "object",
            MetaType::Date => "date",
            MetaType::Datetime => "datetime",
            MetaType::Geopoint => "geopoint",
            MetaType::Boolean => "boolean",
            MetaType::ImageUrl => "image_url",
        }
    }
}

/// A metadata property definition.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Definition {
    pub(crate) kind: MetaType,
    pub(crate) array: bool,
    pub(crate) optional: bool,
    pub(crate) deleted: bool,
    pub(crate) object_type: Option<String>,
    pub(crate) eq: Option<Vec<Value>>,
    pub(crate) ne: Option<Vec<Value>>,
    pub(crate) lt: Option<f64>,
    pub(crate) lte: Option<f64>,
    pub(crate) gt: Option<f64>,
    pub(crate) gte: Option<f64>,
    pub(crate) min_length: Option<u64>,
    pub(crate) max_length: Option<u64>,
    pub(crate) exact_length: Option<u64>,
}

impl Definition {
    /// Reads a definition, accepting both the v1 (`minLength`, `objectType`) and the management
    /// API (`min_length`, `object_type`) spellings.
    pub(crate) fn from_json(key: &str, value: &Value) -> Result<Definition, SchemaError> {
        let map = value
            .as_object()
            .ok_or_else(|| SchemaError::new(key, "a definition must be an object"))?;
        let type_name = map
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| SchemaError::new(key, "a definition needs a string \"type\""))?;
        let kind = MetaType::parse(type_name)
            .ok_or_else(|| SchemaError::new(key, format!("unknown metadata type {type_name:?}")))?;
        Ok(Definition {
            kind,
            array: flag(map, key, "array")?.unwrap_or(false),
            optional: flag(map, key, "optional")?.unwrap_or(true),
            deleted: flag(map, key, "deleted")?.unwrap_or(false),
            object_type: either(map, "objectType", "object_type")
                .and_then(Value::as_str)
                .map(str::to_string),
            eq: list(map, key, "eq")?,
            ne: list(map, key, "ne")?,
            lt: number(map, key, "lt")?,
            lte: number(map, key, "lte")?,
            gt: number(map, key, "gt")?,
            gte: number(map, key, "gte")?,
            min_length: length(map, key, "minLength", "min_length")?,
            max_length: length(map, key, "maxLength", "max_length")?,
            exact_length: length(map, key, "exactLength", "exact_length")?,
        })
    }
}

fn either<'m>(map: &'m Map<String, Value>, a: &str, b: &str) -> Option<&'m Value> {
    map.get(a).or_else(|| map.get(b)).filter(|v| !v.is_null())
}

fn flag(map: &Map<String, Value>, key: &str, name: &str) -> Result<Option<bool>, SchemaError> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(SchemaError::new(
            key,
            format!("\"{name}\" must be a boolean"),
        )),
    }
}

fn list(
    map: &Map<String, Value>,
    key: &str,
    name: &str,
) -> Result<Option<Vec<Value>>, SchemaError> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => Ok(Some(items.clone())),
        Some(_) => Err(SchemaError::new(
            key,
            format!("\"{name}\" must be an array"),
        )),
    }
}

fn number(map: &Map<String, Value>, key: &str, name: &str) -> Result<Option<f64>, SchemaError> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(_) => Err(SchemaError::new(
            key,
            format!("\"{name}\" must be a number"),
        )),
    }
}

fn length(
    map: &Map<String, Value>,
    key: &str,
    a: &str,
    b: &str,
) -> Result<Option<u64>, SchemaError> {
    match either(map, a, b) {
        None => Ok(None),
        Some(value) => value.as_u64().map(Some).ok_or_else(|| {
            SchemaError::new(key, format!("\"{a}\" must be a non-negative integer"))
        }),
    }
}
