//! The rule of each kind of cell, chosen by the field of its column: identifiers and their
//! duplicates, emails, birthdates, money, attributes, image URLs, order values, and metadata.

use std::borrow::Cow;

use serde_json::Value;

use super::attributes::{attribute_names, repeated_name, sku_attribute_keys};
use super::catalog::Product;
use super::cells::{parse_integer, parse_money, MoneyProblem};
use super::columns::Field;
use super::header::Column;
use super::id_set::Seen;
use super::metadata_cells::{canonical_text, type_cell};
use super::report::shorten;
use super::row::RowCells;
use super::run::Run;
use super::{CsvKind, PriceUnit};
use crate::customer::{normalize_date, DateProblem};
use crate::formats::{is_calendar_date, is_image_url, looks_like_email};
use crate::{Code, Severity};

const STATUSES: [&str; 4] = ["CREATED", "PAID", "CANCELED", "FULFILLED"];

impl Run {
    /// Checks one trimmed cell and returns its text for the cleaned file.
    pub(crate) fn check_cell<'t>(
        &mut self,
        column: &Column,
        cell: &'t str,
        cells: &mut RowCells<'t>,
        product: Option<&Product>,
    ) -> Cow<'t, str> {
        let header = column;
        match &column.field {
            Field::Id => cells.id = cell,
            Field::SourceId => {
                cells.source_id = cell;
                self.check_source_id(header, cell);
            }
            Field::Name if self.kind == CsvKind::Products && cell.is_empty() => {
                self.error(Code::MissingField, header, None, || {
                    String::from("name is required")
                });
            }
            Field::Email if !cell.is_empty() && !looks_like_email(cell) => {
                self.issues.add(
                    Code::InvalidFormat,
                    Severity::Warning,
                    Some(header),
                    Some(cell),
                    || String::from("this does not look like an email address"),
                );
            }
            Field::Birthdate if !cell.is_empty() && !is_calendar_date(cell) => {
                self.error(Code::InvalidFormat, header, Some(cell), || {
                    let hint = match normalize_date(cell, None) {
                        Ok(iso) => format!("; write it as {iso}"),
                        Err(DateProblem::Ambiguous) => {
                            String::from("; it could be day/month or month/day")
                        }
                        Err(DateProblem::Invalid) => String::new(),
                    };
                    format!("birthdate must be a real date written YYYY-MM-DD{hint}")
                });
            }
            Field::Price => cells.price = self.money(header, cell),
            Field::Amount => cells.amount = self.money(header, cell),
            Field::ProductAttributes if !cell.is_empty() => {
                return self.product_attributes(header, cell);
            }
            Field::SkuAttributes if !cell.is_empty() => self.sku_attributes(header, cell, product),
            Field::ImageUrl if !cell.is_empty() && !is_image_url(cell) => {
                self.issues.add(
                    Code::InvalidFormat,
                    Severity::Warning,
                    Some(header),
                    Some(cell),
                    || String::from("image_url should be an http(s) URL of a .png or .jpg image"),
                );
            }
            Field::ProductId => {
                cells.product_id = cell;
                if self.kind == CsvKind::Skus && cell.is_empty() {
                    self.error(Code::MissingField, header, None, || {
                        String::from("product_id is required: the source_id of the SKU's product")
                    });
                }
            }
            Field::Status if !cell.is_empty() => return self.status(header, cell, cells),
            Field::CustomerSourceId => cells.customer = cell,
            Field::ItemSourceId => cells.item_source_id = cell,
            Field::RelatedObject if !cell.is_empty() => {
                return self.related_object(header, cell, cells);
            }
            Field::SkuId => cells.sku_id = cell,
            Field::Quantity if !cell.is_empty() => self.quantity(header, cell, cells),
            Field::Metadata(key) | Field::ItemMetadata(key) if !cell.is_empty() => {
                return self.metadata(column, key, cell, cells);
            }
            _ => {}
        }
        Cow::Borrowed(cell)
    }

    fn error(
        &mut self,
        code: Code,
        column: &Column,
        value: Option<&str>,
        message: impl FnOnce() -> String,
    ) {
        self.issues
            .add(code, Severity::Error, Some(column), value, message);
    }

    fn check_source_id(&mut self, header: &Column, cell: &str) {
        let required = matches!(self.kind, CsvKind::Skus | CsvKind::Orders);
        if cell.is_empty() {
            if required {
                self.error(Code::MissingField, header, None, || {
                    String::from("source_id is required")
                });
            }
            return;
        }
        if self.kind == CsvKind::Orders {
            return;
        }
        let seen = Seen {
            row: self.totals.rows,
            line: self.issues.line(),
        };
        let Some(first) = self.ids.insert(cell.as_bytes(), seen) else {
            return;
        };
        if self.kind == CsvKind::Skus {
            self.error(Code::Duplicate, header, Some(cell), || {
                format!("a SKU source_id must be unique in the whole catalogue, and {} is also used by row {} (line {})", shorten(cell), first.row, first.line)
            });
        } else {
            self.issues
                .add(Code::Duplicate, Severity::Warning, Some(header), Some(cell), || {
                    format!("source_id {} is also used by row {} (line {}); the later row overwrites the earlier", shorten(cell), first.row, first.line)
                });
        }
    }

    fn money(&mut self, header: &Column, cell: &str) -> Option<i64> {
        if cell.is_empty() {
            return None;
        }
        let unit = self.price_unit;
        match parse_money(cell, unit) {
            Ok(cents) => {
                if cents < 0 {
                    self.issues.add(
                        Code::OutOfRange,
                        Severity::Warning,
                        Some(header),
                        Some(cell),
                        || format!("{header} is negative; money amounts are normally zero or more"),
                    );
                }
                Some(cents)
            }
            Err(problem) => {
                let code = match problem {
                    MoneyProblem::NotANumber => Code::InvalidType,
                    MoneyProblem::FractionOfCent => Code::NotIntegerCents,
                    MoneyProblem::TooLarge => Code::OutOfRange,
                };
                self.error(code, header, Some(cell), || match (problem, unit) {
                    (MoneyProblem::NotANumber, PriceUnit::Units) => format!("{header} must be a number such as 14.99, with no currency sign or thousands separator"),
                    (MoneyProblem::NotANumber, PriceUnit::Cents) => format!("{header} must be a whole number of cents such as 1499"),
                    (MoneyProblem::FractionOfCent, PriceUnit::Units) => format!("{header} has more than 2 decimals, a fraction of a cent"),
                    (MoneyProblem::FractionOfCent, PriceUnit::Cents) => format!("{header} must be a whole number of cents (the file's price unit is cents)"),
                    (MoneyProblem::TooLarge, _) => format!("{header} is beyond 2^53 − 1 cents"),
                });
                None
            }
        }
    }

    fn product_attributes<'t>(&mut self, header: &Column, cell: &'t str) -> Cow<'t, str> {
        if let Some(name) = repeated_name(cell) {
            let name = name.to_string();
            self.issues.add(
                Code::Duplicate,
                Severity::Warning,
                Some(header),
                Some(cell),
                || format!("the attribute {name} is listed twice"),
            );
        }
        let joined = attribute_names(cell).collect::<Vec<_>>().join(",");
        if joined == cell {
            Cow::Borrowed(cell)
        } else {
            Cow::Owned(joined)
        }
    }

    fn sku_attributes(&mut self, header: &Column, cell: &str, product: Option<&Product>) {
        match sku_attribute_keys(cell) {
            Err(reason) => self.error(Code::InvalidFormat, header, Some(cell), || {
                format!(
                    "attributes must be an object such as {{'color':'blue','size':'XS'}}: {reason}"
                )
            }),
            Ok(keys) => {
                let Some(product) = product else {
                    return;
                };
                for key in keys {
                    if !product.attributes.contains(&key) {
                        let known = product.attributes.join(",");
                        self.issues.add(
                            Code::CsvUnknownAttribute,
                            Severity::Error,
                            Some(header),
                            Some(cell),
                            || format!("the attribute {key} is not among the attributes of the SKU's product ({known})"),
                        );
                    }
                }
            }
        }
    }

    fn status<'t>(
        &mut self,
        header: &Column,
        cell: &'t str,
        cells: &mut RowCells<'t>,
    ) -> Cow<'t, str> {
        let upper = cell.to_ascii_uppercase();
        if !STATUSES.contains(&upper.as_str()) {
            self.error(Code::InvalidValue, header, Some(cell), || {
                format!("status must be one of {}", STATUSES.join(", "))
            });
            return Cow::Borrowed(cell);
        }
        let canonical: Cow<'t, str> = if upper == cell {
            Cow::Borrowed(cell)
        } else {
            Cow::Owned(upper)
        };
        cells.status = Some(canonical.clone());
        canonical
    }

    fn related_object<'t>(
        &mut self,
        header: &Column,
        cell: &'t str,
        cells: &mut RowCells<'t>,
    ) -> Cow<'t, str> {
        let known = ["product", "sku"]
            .into_iter()
            .find(|name| name.eq_ignore_ascii_case(cell));
        match known {
            Some(name) => {
                cells.related_object = Some(name);
                if name == cell {
                    Cow::Borrowed(cell)
                } else {
                    Cow::Borrowed(name)
                }
            }
            None => {
                self.error(Code::InvalidValue, header, Some(cell), || {
                    String::from("related_object must be product or sku")
                });
                Cow::Borrowed(cell)
            }
        }
    }

    fn quantity<'t>(&mut self, header: &Column, cell: &'t str, cells: &mut RowCells<'t>) {
        match parse_integer(cell) {
            Some(quantity) if quantity >= 1 => cells.quantity = Some(quantity),
            Some(_) => self.error(Code::OutOfRange, header, Some(cell), || {
                String::from("quantity cannot be lower than 1")
            }),
            None => self.error(Code::InvalidType, header, Some(cell), || {
                String::from("quantity must be a whole number")
            }),
        }
    }

    fn metadata<'t>(
        &mut self,
        column: &Column,
        key: &str,
        cell: &'t str,
        cells: &mut RowCells<'t>,
    ) -> Cow<'t, str> {
        if self.kind != CsvKind::Orders {
            if let Some(canonical) = column.plain.canonical(cell) {
                return Cow::Borrowed(canonical);
            }
        }
        let typed = if column.typed {
            type_cell(&self.validation, column.resource, key, cell)
        } else {
            None
        };
        let (value, canonical) = match typed {
            Some(typed) => {
                for problem in typed.problems {
                    let message = problem.message;
                    self.issues.add(
                        problem.code,
                        problem.severity,
                        Some(column),
                        Some(cell),
                        || message,
                    );
                }
                match typed.value {
                    Some(value) => {
                        let text = canonical_text(&value);
                        let canonical = if text == cell {
                            Cow::Borrowed(cell)
                        } else {
                            Cow::Owned(text)
                        };
                        (value, canonical)
                    }
                    None => (Value::String(cell.to_string()), Cow::Borrowed(cell)),
                }
            }
            None => {
                if self.kind != CsvKind::Orders {
                    return Cow::Borrowed(cell);
                }
                (Value::String(cell.to_string()), Cow::Borrowed(cell))
            }
        };
        if self.kind == CsvKind::Orders {
            match &column.field {
                Field::ItemMetadata(key) => {
                    cells.item_metadata.push((key.clone(), value));
                }
                _ => cells.metadata.push((key.to_string(), value)),
            }
        }
        canonical
    }
}
