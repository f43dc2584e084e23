//! The set of metadata schemas of a project, keyed by the resource they describe.

use std::collections::BTreeMap;

use serde_json::Value;

use super::definition::Definition;

/// A malformed metadata schema passed in the options.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    /// Where in the schemas the problem is (a resource or a property key).
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl SchemaError {
    pub(crate) fn new(at: &str, message: impl Into<String>) -> Self {
        SchemaError {
            at: at.to_string(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "metadata schema {:?}: {}", self.at, self.message)
    }
}

/// One resource's schema: its definitions and whether undefined keys are rejected.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ResourceSchema {
    pub(crate) properties: BTreeMap<String, Definition>,
    pub(crate) allow_defined_only: bool,
}

/// The metadata schemas of a project, as returned by `GET /v1/metadata-schemas`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MetadataSchemas {
    by_resource: BTreeMap<String, ResourceSchema>,
}

impl MetadataSchemas {
    /// Reads the body of `GET /v1/metadata-schemas` (`{"schemas": [...]}`), an array of schema
    /// objects, or one schema object (the body of `GET /v1/metadata-schemas/{resource}`).
    pub fn from_json(value: &Value) -> Result<MetadataSchemas, SchemaError> {
        let schemas: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            Value::Object(map) => match map.get("schemas") {
                Some(Value::Array(items)) => items.iter().collect(),
                Some(_) => return Err(SchemaError::new("schemas", "must be an array")),
                None if map.contains_key("related_object") => vec![value],
                None => {
                    return Err(SchemaError::new(
                        "",
                        "expected the body of GET /v1/metadata-schemas, an array of schemas, or one schema",
                    ))
                }
            },
            _ => return Err(SchemaError::new("", "metadata schemas must be an object or an array")),
        };
        let mut by_resource = BTreeMap::new();
        for schema in schemas {
            let map = schema
                .as_object()
                .ok_or_else(|| SchemaError::new("", "each schema must be an object"))?;
            let resource = map
                .get("related_object")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    SchemaError::new("", "each schema needs a string \"related_object\"")
                })?;
            let mut properties = BTreeMap::new();
            match map.get("properties") {
                Some(Value::Object(props)) => {
                    for (key, definition) in props {
                        properties.insert(key.clone(), Definition::from_json(key, definition)?);
                    }
                }
                None | Some(Value::Null) => {}
                Some(_) => {
                    return Err(SchemaError::new(
                        resource,
                        "\"properties\" must be an object",
                    ))
                }
            }
            let allow_defined_only = map
                .get("allow_defined_only")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            by_resource.insert(
                resource.to_string(),
                ResourceSchema {
                    properties,
                    allow_defined_only,
                },
            );
        }
        Ok(MetadataSchemas { by_resource })
    }

    /// The schema of a resource (`customer`, `order_item`, or a nested object type), if any.
    pub(crate) fn get(&self, resource: &str) -> Option<&ResourceSchema> {
        self.by_resource.get(resource)
    }

    /// The definition of `key` in the schema of `resource`, if both exist.
    pub(crate) fn definition(&self, resource: &str, key: &str) -> Option<&Definition> {
        self.get(resource)?.properties.get(key)
    }

    /// Whether no schema is known.
    pub fn is_empty(&self) -> bool {
        self.by_resource.is_empty()
    }
}
