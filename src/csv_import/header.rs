//! Reading the header line once: each column's field and canonical name, the metadata
//! definition that types it, and the header's own problems (a required column missing, a name
//! twice, an empty name, white-space in a metadata name, keys the metadata schema refuses).

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::cells::runs_as_formula;
use super::columns::{canonical_name, recognize, Field};
use super::metadata_cells::PlainCells;
use super::report::shorten;
use super::CsvKind;
use crate::{Code, MetadataSchemas, Severity};

/// Longest header name, in bytes, before a `too_large` warning: the limit of a JSON string or
/// key (64 KiB).
pub(crate) const MAX_HEADER_NAME_BYTES: usize = 65_536;

/// One column of the file.
#[derive(Clone, Debug)]
pub(crate) struct Column {
    /// The field it feeds.
    pub(crate) field: Field,
    /// The 0-based position of the column in the header.
    pub(crate) index: usize,
    /// The header name as written (trimmed), shortened to 80 characters: what issues and
    /// messages repeat, so that a long name is not copied into every issue of its column.
    pub(crate) header: String,
    /// The name in the cleaned file.
    pub(crate) canonical: String,
    /// Whether a metadata definition types the column (looked up in the schemas by key).
    pub(crate) typed: bool,
    /// The metadata schema resource of a metadata column.
    pub(crate) resource: &'static str,
    /// Which cells of a typed metadata column are valid and canonical as written.
    pub(crate) plain: PlainCells,
    /// Whether its cells have a rule to check (free text columns have none).
    pub(crate) checked: bool,
}

impl std::fmt::Display for Column {
    /// The header name as issues show it (shortened to 80 characters).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.header)
    }
}

/// A problem with the header, reported on row 0.
#[derive(Clone, Debug)]
pub(crate) struct HeaderProblem {
    pub(crate) code: Code,
    pub(crate) severity: Severity,
    pub(crate) column: String,
    pub(crate) column_index: Option<usize>,
    pub(crate) message: String,
}

/// The columns of a file and the problems of its header.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub(crate) columns: Vec<Column>,
    pub(crate) problems: Vec<HeaderProblem>,
}

impl Header {
    /// Reads the header names of a `kind` file.
    pub(crate) fn read(kind: CsvKind, names: &[String], schemas: Option<&MetadataSchemas>) -> Self {
        let mut header = Header {
            columns: Vec::with_capacity(names.len()),
            problems: Vec::new(),
        };
        // The first column of each field, so that a repeat is found without comparing every
        // column with every earlier one (a file may have 100 000 columns).
        let mut first_of: HashMap<String, usize> = HashMap::with_capacity(names.len());
        for (index, name) in names.iter().enumerate() {
            let trimmed = name.trim();
            let field = recognize(kind, trimmed);
            let resource = match field {
                Field::ItemMetadata(_) => "order_item",
                _ => kind.resource(),
            };
            let column = Column {
                canonical: canonical_name(kind, &field),
                index,
                header: shorten(trimmed),
                typed: false,
                resource,
                plain: PlainCells::None,
                checked: true,
                field,
            };
            let earlier = match first_of.entry(identity(&column.field)) {
                Entry::Occupied(slot) => Some(*slot.get()),
                Entry::Vacant(slot) => {
                    slot.insert(index);
                    None
                }
            };
            header.check_name(index, &column, earlier);
            header.check_text(name, &column);
            let mut column = header.type_metadata(column, schemas);
            column.checked = has_rule(kind, &column);
            header.columns.push(column);
        }
        header.check_required(kind, schemas);
        header
    }

    /// Whether the header has an error, which makes every row unusable.
    pub(crate) fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// The index of the first column feeding `field`.
    pub(crate) fn position(&self, field: &Field) -> Option<usize> {
        self.columns.iter().position(|c| &c.field == field)
    }

    fn problem(&mut self, code: Code, severity: Severity, column: &str, message: String) {
        self.problems.push(HeaderProblem {
            code,
            severity,
            column: column.to_string(),
            column_index: None,
            message,
        });
    }

    /// A problem of the column at `column.index`.
    fn column_problem(&mut self, code: Code, severity: Severity, column: &Column, message: String) {
        self.problems.push(HeaderProblem {
            code,
            severity,
            column: column.header.clone(),
            column_index: Some(column.index),
            message,
        });
    }

    /// The name's own text: a NUL character (an error: many programs cut the name there), a
    /// name over 64 KiB (a warning, as for a JSON string), and a name a spreadsheet would run as
    /// a formula (a warning, as for a cell).
    fn check_text(&mut self, name: &str, column: &Column) {
        if name.contains('\0') {
            self.column_problem(
                Code::CsvInvalidHeader,
                Severity::Error,
                column,
                format!(
                    "header name {} holds a NUL character, which the API and many programs cut the name at",
                    column.index.saturating_add(1)
                ),
            );
        }
        if name.len() > MAX_HEADER_NAME_BYTES {
            self.column_problem(
                Code::TooLarge,
                Severity::Warning,
                column,
                format!(
                    "header name {} is {} bytes long, over the limit of {MAX_HEADER_NAME_BYTES} bytes; issues repeat it shortened, with its columnIndex",
                    column.index.saturating_add(1),
                    name.len()
                ),
            );
        }
        if runs_as_formula(name.as_bytes(), &Field::Name) {
            self.column_problem(
                Code::CsvFormulaInjection,
                Severity::Warning,
                column,
                format!(
                    "header name {} starts with a character that makes a spreadsheet run it as a formula",
                    column.index.saturating_add(1)
                ),
            );
        }
    }

    fn check_name(&mut self, index: usize, column: &Column, earlier: Option<usize>) {
        if column.header.is_empty() {
            self.column_problem(
                Code::CsvEmptyHeader,
                Severity::Error,
                column,
                format!("column {} has no name", index.saturating_add(1)),
            );
            return;
        }
        if let Some(earlier) = earlier.and_then(|index| self.columns.get(index)) {
            let message = if earlier.header.eq_ignore_ascii_case(&column.header) {
                format!("the column {} appears twice", column.header)
            } else {
                format!(
                    "{} and {} are two names of the same field ({})",
                    earlier.header, column.header, column.canonical
                )
            };
            self.column_problem(Code::CsvDuplicateHeader, Severity::Error, column, message);
        }
        if let Some(key) = column.field.metadata_key() {
            if key.is_empty() || key.chars().any(char::is_whitespace) {
                self.column_problem(
                    Code::CsvInvalidHeader,
                    Severity::Error,
                    column,
                    format!(
                        "the metadata column {:?} has white-space (or nothing) in its name, which the API refuses; use _ instead",
                        column.header
                    ),
                );
            }
        }
    }

    fn type_metadata(&mut self, mut column: Column, schemas: Option<&MetadataSchemas>) -> Column {
        let (Some(key), Some(schemas)) = (column.field.metadata_key(), schemas) else {
            return column;
        };
        let Some(schema) = schemas.get(column.resource) else {
            return column;
        };
        let shown = shorten(key);
        match schema.properties.get(key) {
            None if schema.allow_defined_only => self.column_problem(
                Code::MetadataUndefinedKey,
                Severity::Error,
                &column,
                format!(
                    "{shown}: the {} metadata schema allows only defined keys, and this key is not defined",
                    column.resource
                ),
            ),
            None => {}
            Some(definition) if definition.deleted => {
                let severity = if schema.allow_defined_only {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                self.column_problem(
                    Code::MetadataDeletedKey,
                    severity,
                    &column,
                    format!(
                        "{shown}: the definition of this key was deleted from the {} metadata schema",
                        column.resource
                    ),
                );
            }
            Some(definition) => {
                column.typed = true;
                column.plain = PlainCells::of(definition);
            }
        }
        column
    }

    fn check_required(&mut self, kind: CsvKind, schemas: Option<&MetadataSchemas>) {
        let has = |header: &Header, field: &Field| header.position(field).is_some();
        let missing: Vec<(&str, &str)> = match kind {
            CsvKind::Customers if !has(self, &Field::SourceId) && !has(self, &Field::Id) => {
                vec![("Source_id", "the file needs a Source_id or an Id column")]
            }
            CsvKind::Products if !has(self, &Field::Name) => {
                vec![("name", "the file needs a name column")]
            }
            CsvKind::Skus => [
                (Field::SourceId, "source_id"),
                (Field::ProductId, "product_id"),
            ]
            .into_iter()
            .filter(|(field, _)| !has(self, field))
            .map(|(_, name)| (name, "the file needs this column"))
            .collect(),
            CsvKind::Orders => {
                let mut missing = Vec::new();
                if !has(self, &Field::SourceId) {
                    missing.push(("source_id", "the file needs the order's source_id column"));
                }
                if ![Field::ItemSourceId, Field::SkuId, Field::ProductId]
                    .iter()
                    .any(|field| has(self, field))
                {
                    missing.push((
                        "item_source_id",
                        "the file needs an item_source_id, sku_id or product_id column",
                    ));
                }
                missing
            }
            _ => Vec::new(),
        };
        for (column, message) in missing {
            self.problem(
                Code::MissingField,
                Severity::Error,
                column,
                message.to_string(),
            );
        }
        self.check_required_metadata(kind, schemas);
    }

    /// Definitions with `optional: false` need a column: an error for orders (an import creates
    /// every order), a warning otherwise (rows that update an existing record do not need it).
    fn check_required_metadata(&mut self, kind: CsvKind, schemas: Option<&MetadataSchemas>) {
        let Some(schema) = schemas.and_then(|s| s.get(kind.resource())) else {
            return;
        };
        let severity = if kind == CsvKind::Orders {
            Severity::Error
        } else {
            Severity::Warning
        };
        let required: Vec<String> = schema
            .properties
            .iter()
            .filter(|(_, d)| !d.optional && !d.deleted)
            .map(|(key, _)| key.clone())
            .filter(|key| {
                !self.columns.iter().any(|c| {
                    matches!(&c.field, Field::Metadata(k) if k == key)
                        && c.resource == kind.resource()
                })
            })
            .collect();
        for key in required {
            self.problem(
                Code::MetadataMissingRequired,
                severity,
                &key,
                format!(
                    "{key}: property is required by the {} metadata schema when creating, and the file has no column for it",
                    kind.resource()
                ),
            );
        }
    }
}

/// Whether the cells of a column have a rule: free text (a customer's name, description,
/// phone and address, a SKU's name, untyped metadata) has none, except in orders, whose every
/// cell goes into the import bodies.
/// A key equal for two columns of the same field; metadata keys compare case-insensitively.
fn identity(field: &Field) -> String {
    match field {
        Field::Metadata(key) => format!("metadata:{}", key.to_ascii_lowercase()),
        Field::ItemMetadata(key) => format!("item_metadata:{}", key.to_ascii_lowercase()),
        other => format!("{other:?}"),
    }
}

fn has_rule(kind: CsvKind, column: &Column) -> bool {
    match &column.field {
        _ if kind == CsvKind::Orders => true,
        Field::Description | Field::Phone | Field::Address(_) | Field::Sku => false,
        Field::Name => kind == CsvKind::Products,
        Field::Metadata(_) | Field::ItemMetadata(_) => column.typed,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn codes(header: &Header) -> Vec<(Code, String)> {
        header
            .problems
            .iter()
            .map(|p| (p.code, p.column.clone()))
            .collect()
    }

    #[test]
    fn finds_two_spellings_of_one_field() {
        let header = Header::read(
            CsvKind::Customers,
            &names(&["Source_id", "City", "address_city", "my key", ""]),
            None,
        );
        assert_eq!(
            codes(&header),
            [
                (Code::CsvDuplicateHeader, "address_city".to_string()),
                (Code::CsvInvalidHeader, "my key".to_string()),
                (Code::CsvEmptyHeader, String::new()),
            ]
        );
    }

    #[test]
    fn requires_the_identifying_columns() {
        let header = Header::read(CsvKind::Skus, &names(&["sku"]), None);
        assert_eq!(
            codes(&header),
            [
                (Code::MissingField, "source_id".to_string()),
                (Code::MissingField, "product_id".to_string()),
            ]
        );
        let header = Header::read(CsvKind::Customers, &names(&["ID", "name"]), None);
        assert!(!header.has_errors());
    }
}
