//! Metadata cells typed by the project's metadata schemas: coerced as the import does
//! (numbers, `true`/`false`/`null`, dates, comma-separated arrays), then checked against the
//! definition's rules, and written back in canonical form.

use serde_json::{Map, Value};

use crate::checker::Checker;
use crate::metadata::{check_metadata, coerce_text, MetadataContext};
use crate::path::Path;
use crate::{Code, Operation, Severity, ValidationOptions};

/// A problem with a metadata cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CellProblem {
    pub(crate) code: Code,
    pub(crate) severity: Severity,
    pub(crate) message: String,
}

/// The typed value of a metadata cell and its problems.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TypedCell {
    /// The value as the import would store it; `None` when the cell cannot be read.
    pub(crate) value: Option<Value>,
    pub(crate) problems: Vec<CellProblem>,
}

/// Reads the trimmed, non-empty `text` of metadata `key` of `resource`, when the schemas in
/// `options` define the key.
pub(crate) fn type_cell(
    options: &ValidationOptions,
    resource: &str,
    key: &str,
    text: &str,
) -> Option<TypedCell> {
    let definition = options
        .metadata_schemas
        .as_ref()?
        .definition(resource, key)?;
    let value = match coerce_text(text, definition, None) {
        Ok(value) => value,
        Err(reason) => {
            let code = match definition.kind.name() {
                "date" | "datetime" => Code::MetadataInvalidFormat,
                _ => Code::MetadataInvalidType,
            };
            return Some(TypedCell {
                value: None,
                problems: vec![CellProblem {
                    code,
                    severity: Severity::Error,
                    message: format!("{key}: {reason}"),
                }],
            });
        }
    };
    let mut checker = Checker::new(Operation::ImportOrders, options);
    let mut map = Map::new();
    map.insert(key.to_string(), value);
    let object = Value::Object(map);
    let context = MetadataContext {
        resource,
        creating: false,
    };
    check_metadata(&mut checker, Some(&object), &Path::ROOT, context);
    let problems = checker
        .into_issues()
        .into_iter()
        .map(|issue| CellProblem {
            code: issue.code,
            severity: issue.severity,
            message: issue.message,
        })
        .collect();
    let value = match object {
        Value::Object(mut map) => map.remove(key),
        _ => None,
    };
    Some(TypedCell { value, problems })
}

/// The text a typed value is written as in the cleaned file: `true`, `false`, `null`, numbers
/// as JSON writes them, dates as `YYYY-MM-DD`, arrays comma-separated.
pub(crate) fn canonical_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items
            .iter()
            .map(canonical_text)
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MetadataSchemas;

    fn options() -> ValidationOptions {
        let schemas = MetadataSchemas::from_json(&serde_json::json!({"schemas": [{
            "related_object": "customer",
            "properties": {
                "vip": {"type": "boolean", "array": false, "optional": true},
                "age": {"type": "number", "array": false, "optional": true, "gte": 18},
                "since": {"type": "date", "array": false, "optional": true},
                "brands": {"type": "string", "array": true, "optional": true}
            }
        }]}))
        .unwrap();
        ValidationOptions {
            metadata_schemas: Some(schemas),
            ..ValidationOptions::default()
        }
    }

    #[test]
    fn types_and_checks_cells() {
        let options = options();
        let vip = type_cell(&options, "customer", "vip", "TRUE").unwrap();
        assert_eq!(vip.value, Some(Value::Bool(true)));
        assert!(vip.problems.is_empty());
        let age = type_cell(&options, "customer", "age", "12").unwrap();
        assert_eq!(age.problems[0].code, Code::MetadataOutOfRange);
        let age = type_cell(&options, "customer", "age", "twelve").unwrap();
        assert_eq!(age.problems[0].code, Code::MetadataInvalidType);
        let since = type_cell(&options, "customer", "since", "2020-02-30").unwrap();
        assert_eq!(since.problems[0].code, Code::MetadataInvalidFormat);
        let brands = type_cell(&options, "customer", "brands", "Nike, Fenty").unwrap();
        assert_eq!(canonical_text(brands.value.as_ref().unwrap()), "Nike,Fenty");
        assert!(type_cell(&options, "customer", "other", "x").is_none());
    }
}
