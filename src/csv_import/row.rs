//! The checks of one data row: the row's shape, then each cell by the field of its column
//! (dispatched by column index, with header names compared once), then the rules that span
//! cells (a customer's identity, an order item's identification and amount).

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::cells::{is_blank, runs_as_formula, trim_cell};
use super::columns::Field;
use super::header::{Column, Header};
use super::orders::OrderRow;
use super::records::Record;
use super::report::shorten;
use super::run::Run;
use super::CsvKind;
use crate::{Code, Severity};

/// The values of a row that rules spanning several cells need.
#[derive(Debug, Default)]
pub(crate) struct RowCells<'t> {
    pub(crate) source_id: &'t str,
    pub(crate) id: &'t str,
    pub(crate) product_id: &'t str,
    pub(crate) status: Option<Cow<'t, str>>,
    pub(crate) customer: &'t str,
    pub(crate) item_source_id: &'t str,
    pub(crate) related_object: Option<&'static str>,
    pub(crate) sku_id: &'t str,
    pub(crate) quantity: Option<i64>,
    pub(crate) price: Option<i64>,
    pub(crate) amount: Option<i64>,
    pub(crate) metadata: Vec<(String, Value)>,
    pub(crate) item_metadata: Vec<(String, Value)>,
}

impl Run {
    /// Checks the cells of a record read as a row (`text`: UTF-8, the header's field count),
    /// writing the cleaned record when asked; an order row is then placed in its order.
    pub(crate) fn check_cells(&mut self, record: &Record<'_>, text: &str, header: &Header) {
        if (0..record.len()).all(|index| is_blank(record.field(index))) {
            self.issues
                .add(Code::CsvEmptyRow, Severity::Error, None, None, || {
                    String::from("every cell of the row is empty")
                });
            return;
        }
        let write = self.outputs.wants_records();
        if write {
            self.outputs.begin_record();
        }
        let catalog = self.catalog.take();
        let product = match (&catalog, self.positions.product_id) {
            (Some(catalog), Some(index)) => text
                .get(record.range(index).0..record.range(index).1)
                .and_then(|id| catalog.get(id.trim())),
            _ => None,
        };
        let mut cells = RowCells::default();
        let mut start = 0;
        for (index, column) in header.columns.iter().enumerate() {
            let end = record.ends.get(index).copied().unwrap_or(start);
            let (from, to) = (start, end);
            start = end;
            let bytes = record.fields.get(from..to).unwrap_or_default();
            let formula = runs_as_formula(bytes, &column.field);
            if !formula && !column.checked && !write {
                continue;
            }
            // Fields split at ASCII bytes of a text that is UTF-8, so this holds unless the
            // reader's offsets are wrong; it is reported rather than trusted.
            let Some(raw) = text.get(from..to) else {
                self.issues.add(
                    Code::CsvInvalidEncoding,
                    Severity::Error,
                    Some(column),
                    None,
                    || {
                        String::from(
                            "the cell holds bytes that are not UTF-8; save the file as UTF-8",
                        )
                    },
                );
                continue;
            };
            if formula {
                self.formula_warning(column, raw);
            }
            if !column.checked && !write {
                continue;
            }
            let cell = trim_cell(raw);
            let canonical = if column.checked {
                self.check_cell(column, cell, &mut cells, product)
            } else {
                Cow::Borrowed(cell)
            };
            if write {
                // Trimming ` =X` would start the cleaned cell with a formula the file did not
                // start it with: such a cell is written as it came (and flagged above).
                let exposes_formula = formula && raw.starts_with(|c: char| c.is_whitespace());
                let out = if exposes_formula { raw } else { &canonical };
                self.outputs.cell(index, out.as_bytes());
            }
        }
        if let (Some(catalog), Some(index)) = (&catalog, self.positions.product_id) {
            self.check_product_reference(header, record.field(index), catalog);
            self.check_sku_is_not_a_product(header, cells.source_id, catalog);
        }
        self.catalog = catalog;
        match self.kind {
            CsvKind::Customers => self.check_identity(header, &cells),
            CsvKind::Orders => {
                let order_row = self.order_row(record, header, cells);
                self.check_part_fit();
                if let Some(order_row) = order_row {
                    self.place_order(order_row, record.line, header);
                }
                return;
            }
            CsvKind::Products | CsvKind::Skus => {}
        }
        self.check_part_fit();
    }

    fn formula_warning(&mut self, column: &Column, raw: &str) {
        let first = raw.chars().next().unwrap_or_default();
        let trigger = raw.trim_start().chars().next().unwrap_or_default();
        let shown = match first {
            '\t' => String::from("a tab"),
            '\r' => String::from("a carriage return"),
            other if other.is_whitespace() => {
                format!("white-space then '{trigger}' (the cleaned file trims the white-space)")
            }
            other => format!("'{other}'"),
        };
        self.issues.add(
            Code::CsvFormulaInjection,
            Severity::Warning,
            Some(column),
            Some(raw),
            || format!("the cell starts with {shown}, so a spreadsheet would run it as a formula; remove the character or start the cell with '"),
        );
    }

    fn check_identity(&mut self, header: &Header, cells: &RowCells<'_>) {
        let has_columns = self.positions.source_id.is_some() || self.positions.id.is_some();
        if has_columns && cells.source_id.is_empty() && cells.id.is_empty() {
            let column = self
                .positions
                .source_id
                .and_then(|index| header.columns.get(index));
            self.issues.add(
                Code::MissingIdentifier,
                Severity::Error,
                column,
                None,
                || String::from("the row needs a source_id or an id"),
            );
        }
    }

    fn check_product_reference(
        &mut self,
        header: &Header,
        product_id: &[u8],
        catalog: &super::catalog::Catalog,
    ) {
        let Ok(product_id) = std::str::from_utf8(product_id) else {
            return;
        };
        let product_id = product_id.trim();
        if product_id.is_empty() || catalog.get(product_id).is_some() {
            return;
        }
        let column = header
            .position(&Field::ProductId)
            .and_then(|index| header.columns.get(index));
        self.issues.add(
            Code::CsvUnknownProduct,
            Severity::Error,
            column,
            Some(product_id),
            || {
                format!(
                    "product_id {} is not the source_id of any row of the products file",
                    shorten(product_id)
                )
            },
        );
    }

    /// A SKU `source_id` must differ from every product's.
    fn check_sku_is_not_a_product(
        &mut self,
        header: &Header,
        source_id: &str,
        catalog: &super::catalog::Catalog,
    ) {
        let Some(product) = catalog.get(source_id) else {
            return;
        };
        let row = product.row;
        let column = self
            .positions
            .source_id
            .and_then(|index| header.columns.get(index));
        let shown = shorten(source_id);
        self.issues.add(Code::Duplicate, Severity::Error, column, Some(source_id), || {
            format!("{shown} is the source_id of a product (row {row} of the products file); a SKU source_id must differ from every product's")
        });
    }

    fn order_row<'t>(
        &mut self,
        record: &Record<'_>,
        header: &Header,
        cells: RowCells<'t>,
    ) -> Option<OrderRow<'t>> {
        let column_of = |field: &Field| {
            header
                .position(field)
                .and_then(|index| header.columns.get(index))
        };
        if cells.item_source_id.is_empty() && cells.sku_id.is_empty() && cells.product_id.is_empty()
        {
            self.issues
                .add(Code::MissingIdentifier, Severity::Error, None, None, || {
                    String::from("the row needs an item_source_id (with related_object), a sku_id or a product_id")
                });
        } else if !cells.item_source_id.is_empty() && cells.related_object.is_none() {
            let column = column_of(&Field::ItemSourceId);
            self.issues
                .add(Code::MissingField, Severity::Warning, column, None, || {
                    String::from("an item_source_id should come with related_object (product or sku) saying what it names")
                });
        }
        let line_amount = match (cells.price, cells.quantity) {
            (Some(price), Some(quantity)) => match price.checked_mul(quantity) {
                Some(product) => Some(product),
                None => {
                    self.issues
                        .add(Code::OutOfRange, Severity::Error, None, None, || {
                            String::from("price × quantity is too large to represent")
                        });
                    None
                }
            },
            _ => None,
        };
        if let (Some(amount), Some(expected)) = (cells.amount, line_amount) {
            if amount != expected {
                let column = column_of(&Field::Amount);
                let (price, quantity) = (cells.price.unwrap_or(0), cells.quantity.unwrap_or(0));
                self.issues
                    .add(Code::AmountMismatch, Severity::Error, column, None, || {
                        format!("amount is {amount} cents, but price × quantity is {price} × {quantity} = {expected} cents")
                    });
            }
        }
        if cells.source_id.is_empty() {
            return None;
        }
        let missing_required = self
            .required_order_metadata
            .iter()
            .filter(|&&index| is_blank(record.field(index)))
            .filter_map(|&index| header.columns.get(index))
            .filter_map(|column| column.field.metadata_key().map(str::to_string))
            .collect();
        let amount = cells.amount.or(line_amount);
        let item = self.build_bodies.then(|| item_json(&cells, amount));
        Some(OrderRow {
            source_id: cells.source_id,
            status: cells.status.map(Cow::into_owned),
            customer: Some(cells.customer).filter(|c| !c.is_empty()),
            metadata: cells.metadata,
            missing_required,
            item,
            amount,
        })
    }
}

fn item_json(cells: &RowCells<'_>, amount: Option<i64>) -> Map<String, Value> {
    let mut item = Map::new();
    let mut text = |key: &str, value: &str| {
        if !value.is_empty() {
            item.insert(key.to_string(), Value::String(value.to_string()));
        }
    };
    text("source_id", cells.item_source_id);
    text("related_object", cells.related_object.unwrap_or_default());
    text("sku_id", cells.sku_id);
    text("product_id", cells.product_id);
    for (key, value) in [
        ("quantity", cells.quantity),
        ("price", cells.price),
        ("amount", amount),
    ] {
        if let Some(value) = value {
            item.insert(key.to_string(), Value::from(value));
        }
    }
    if !cells.item_metadata.is_empty() {
        item.insert(
            String::from("metadata"),
            Value::Object(cells.item_metadata.iter().cloned().collect()),
        );
    }
    item
}
