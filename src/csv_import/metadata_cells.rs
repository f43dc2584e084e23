//! Metadata cells typed by the project's metadata schemas: coerced as the import does
//! (numbers, `true`/`false`/`null`, dates, comma-separated arrays), then checked against the
//! definition's rules, and written back in canonical form.

use serde_json::Value;

use crate::checker::Checker;
use crate::formats::{is_calendar_date, is_iso_timestamp};
use crate::json_tree::{Json, Members};
use crate::metadata::{check_metadata, coerce_text, Definition, MetaType, MetadataContext};
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

/// Which cells of a typed metadata column are valid and already canonical as written, so that
/// the column's common cells skip coercion and the schema check: the definition must have no
/// rule beyond its type (no `eq`/`ne`, bounds, lengths; not an array, not deleted). Any other
/// cell takes the full path of [`type_cell`], which decides alone what is valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum PlainCells {
    /// No cell skips the full path.
    #[default]
    None,
    /// `true`, `false` and `null`, in lower case.
    Booleans,
    /// Decimal numbers as JSON writes them, with at most 15 significant digits.
    Numbers,
    /// Any text.
    Text,
    /// Real calendar dates written `YYYY-MM-DD`.
    Dates,
    /// ISO 8601 timestamps.
    Timestamps,
}

impl PlainCells {
    /// The plain cells of a column typed by `definition`.
    pub(crate) fn of(definition: &Definition) -> PlainCells {
        let has_rules = definition.array
            || definition.deleted
            || definition.eq.is_some()
            || definition.ne.is_some()
            || definition.lt.is_some()
            || definition.lte.is_some()
            || definition.gt.is_some()
            || definition.gte.is_some()
            || definition.min_length.is_some()
            || definition.max_length.is_some()
            || definition.exact_length.is_some();
        if has_rules {
            return PlainCells::None;
        }
        match definition.kind {
            MetaType::Boolean => PlainCells::Booleans,
            MetaType::Number => PlainCells::Numbers,
            MetaType::String => PlainCells::Text,
            MetaType::Date => PlainCells::Dates,
            MetaType::Datetime => PlainCells::Timestamps,
            MetaType::Object | MetaType::Geopoint | MetaType::ImageUrl => PlainCells::None,
        }
    }

    /// Whether the trimmed, non-empty `cell` is valid and canonical as written.
    pub(crate) fn accepts(self, cell: &str) -> bool {
        match self {
            PlainCells::None => false,
            PlainCells::Booleans => matches!(cell, "true" | "false" | "null"),
            PlainCells::Numbers => is_canonical_number(cell.as_bytes()),
            PlainCells::Text => true,
            PlainCells::Dates => cell.len() == 10 && is_calendar_date(cell),
            PlainCells::Timestamps => is_iso_timestamp(cell),
        }
    }

    /// The form the cleaned file writes the trimmed, non-empty `cell` in, when it is valid and
    /// needs no coercion: the cell itself, or for numbers the cell without the trailing zeros
    /// of its fraction, as the full path writes it (`19.90` as `19.9`, `19.00` as `19.0`).
    /// `None` sends the cell through the full coercion and schema check.
    pub(crate) fn canonical(self, cell: &str) -> Option<&str> {
        if self.accepts(cell) {
            return Some(cell);
        }
        if self != PlainCells::Numbers {
            return None;
        }
        let dot = cell.bytes().position(|byte| byte == b'.')?;
        let fraction = cell.get(dot.saturating_add(1)..)?;
        let kept = fraction.trim_end_matches('0');
        if kept.len() == fraction.len() {
            return None;
        }
        if kept.is_empty() {
            // `19.00` is a double to the full path, which writes it `19.0`.
            let whole = cell.get(..dot)?;
            return is_canonical_number(whole.as_bytes())
                .then(|| cell.get(..dot.saturating_add(2)))
                .flatten();
        }
        let shortened = cell.get(..dot.saturating_add(1).saturating_add(kept.len()))?;
        is_canonical_number(shortened.as_bytes()).then_some(shortened)
    }
}

/// Whether `text` is a number JSON would write the same way after reading it: an optional
/// `-`, an integer part without leading zeros, an optional fraction not ending in `0`, at most
/// 15 significant digits (so the value reads back to the same digits), not `-0`, and no
/// fraction starting with `0` after a `0` integer part (which JSON may write with an exponent).
fn is_canonical_number(text: &[u8]) -> bool {
    let (negative, unsigned) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let (whole, fraction) = match unsigned.iter().position(|&b| b == b'.') {
        Some(dot) => (
            unsigned.get(..dot).unwrap_or_default(),
            Some(unsigned.get(dot.saturating_add(1)..).unwrap_or_default()),
        ),
        None => (unsigned, None),
    };
    let digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    if !digits(whole) || whole.len().saturating_add(fraction.map_or(0, <[u8]>::len)) > 15 {
        return false;
    }
    let zero_whole = whole == b"0";
    if whole.first() == Some(&b'0') && !zero_whole {
        return false;
    }
    match fraction {
        None => !(negative && zero_whole),
        Some(fraction) => {
            digits(fraction)
                && fraction.last() != Some(&b'0')
                && !(zero_whole && fraction.first() == Some(&b'0'))
        }
    }
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
    let context = MetadataContext {
        resource,
        creating: false,
    };
    let object = Json::Object(Members::one(key, Json::borrowed(&value)));
    check_metadata(&mut checker, Some(&object), &Path::ROOT, context);
    drop(object);
    let problems = checker
        .into_issues()
        .into_iter()
        .map(|issue| CellProblem {
            code: issue.code,
            severity: issue.severity,
            message: issue.message,
        })
        .collect();
    let value = Some(value);
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

    fn plain(kind: &str) -> PlainCells {
        let definition = Definition::from_json(
            "k",
            &serde_json::json!({"type": kind, "array": false, "optional": true}),
        )
        .unwrap();
        PlainCells::of(&definition)
    }

    #[test]
    fn only_definitions_without_rules_have_plain_cells() {
        assert_eq!(plain("boolean"), PlainCells::Booleans);
        assert_eq!(plain("number"), PlainCells::Numbers);
        assert_eq!(plain("geopoint"), PlainCells::None);
        let bounded = Definition::from_json(
            "k",
            &serde_json::json!({"type": "number", "array": false, "gte": 18}),
        )
        .unwrap();
        assert_eq!(PlainCells::of(&bounded), PlainCells::None);
        let listed =
            Definition::from_json("k", &serde_json::json!({"type": "string", "array": true}))
                .unwrap();
        assert_eq!(PlainCells::of(&listed), PlainCells::None);
    }

    #[test]
    fn canonical_numbers() {
        for yes in [
            "0",
            "7",
            "-7",
            "5300.57",
            "0.5",
            "-0.5",
            "123456789012345",
            "1.25",
        ] {
            assert!(is_canonical_number(yes.as_bytes()), "{yes}");
        }
        for no in [
            "",
            "-",
            "-0",
            "007",
            "1.",
            ".5",
            "1.50",
            "0.05",
            "+1",
            "1e3",
            "1234567890123456",
            "1,5",
            "1.2.3",
            "--1",
        ] {
            assert!(!is_canonical_number(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn numbers_lose_the_trailing_zeros_of_their_fraction() {
        let numbers = plain("number");
        for (cell, canonical) in [
            ("19.90", Some("19.9")),
            ("1.230", Some("1.23")),
            ("19.00", Some("19.0")),
            ("0.50", Some("0.5")),
            ("0.00", Some("0.0")),
            ("19.9", Some("19.9")),
            ("-0.00", None),
            ("007.10", None),
            ("1e2", None),
        ] {
            assert_eq!(numbers.canonical(cell), canonical, "{cell}");
        }
        assert_eq!(plain("boolean").canonical("true"), Some("true"));
        assert_eq!(plain("boolean").canonical("19.90"), None);
    }

    /// The shortcut must agree with the full path: a cell it accepts is one the full path
    /// finds valid and writes back as the shortcut does.
    fn agrees_with_full_path(kind: &str, cell: &str) {
        let schemas = MetadataSchemas::from_json(&serde_json::json!({"schemas": [{
            "related_object": "customer",
            "properties": {"k": {"type": kind, "array": false, "optional": true}}
        }]}))
        .unwrap();
        let options = ValidationOptions {
            metadata_schemas: Some(schemas),
            ..ValidationOptions::default()
        };
        let cell = cell.trim();
        let Some(canonical) = (!cell.is_empty())
            .then(|| plain(kind).canonical(cell))
            .flatten()
        else {
            return;
        };
        let typed = type_cell(&options, "customer", "k", cell).unwrap();
        assert!(
            typed.problems.is_empty(),
            "{kind} {cell:?}: {:?}",
            typed.problems
        );
        let value = typed.value.expect("a value");
        assert_eq!(canonical_text(&value), canonical, "{kind} {cell:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn plain_numbers_agree(cell in "-?[0-9]{1,16}(\\.[0-9]{0,8})?") {
            agrees_with_full_path("number", &cell);
        }

        #[test]
        fn plain_numbers_agree_on_any_text(cell in "[-+0-9.eE ]{0,12}") {
            agrees_with_full_path("number", &cell);
        }

        #[test]
        fn plain_booleans_dates_and_texts_agree(cell in "(true|false|null|TRUE|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?Z?|[a-z ]{0,5})") {
            for kind in ["boolean", "date", "datetime", "string"] {
                agrees_with_full_path(kind, &cell);
            }
        }
    }
}
