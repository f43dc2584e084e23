//! The products a SKU file refers to: read from the products CSV given in the options, by the
//! same record reader, before the SKU file is read.

use std::collections::HashMap;

use super::columns::{recognize, Field};
use super::records::{Record, RecordReader, RecordSink};
use super::CsvKind;
use crate::{UsageCode, UsageError};

/// A product of the products file: where it is, and its attribute names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Product {
    /// The data row of the product in the products file.
    pub(crate) row: u64,
    /// The names in its `attributes` cell.
    pub(crate) attributes: Vec<String>,
}

/// The products of a products file, by `source_id`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Catalog {
    products: HashMap<String, Product>,
}

impl Catalog {
    /// Reads a products CSV; it must have a `source_id` column.
    pub(crate) fn read(bytes: &[u8]) -> Result<Catalog, UsageError> {
        let mut builder = Builder::default();
        let mut reader = RecordReader::new(false, usize::MAX);
        reader.feed(bytes, &mut builder);
        reader.finish(&mut builder);
        if builder.source_id.is_none() {
            return Err(UsageError::new(
                UsageCode::InvalidOptions,
                "products must be a products CSV with a source_id column",
            ));
        }
        Ok(builder.catalog)
    }

    /// The product with this `source_id`.
    pub(crate) fn get(&self, source_id: &str) -> Option<&Product> {
        self.products.get(source_id)
    }
}

#[derive(Default)]
struct Builder {
    header_read: bool,
    source_id: Option<usize>,
    attributes: Option<usize>,
    rows: u64,
    catalog: Catalog,
}

impl RecordSink for Builder {
    fn record(&mut self, record: &Record<'_>) {
        let text = |index: usize| {
            String::from_utf8_lossy(record.field(index))
                .trim()
                .to_string()
        };
        if !self.header_read {
            self.header_read = true;
            for index in 0..record.len() {
                match recognize(CsvKind::Products, &text(index)) {
                    Field::SourceId if self.source_id.is_none() => self.source_id = Some(index),
                    Field::ProductAttributes if self.attributes.is_none() => {
                        self.attributes = Some(index);
                    }
                    _ => {}
                }
            }
            return;
        }
        self.rows = self.rows.saturating_add(1);
        let Some(source_id) = self.source_id.map(text).filter(|id| !id.is_empty()) else {
            return;
        };
        let attributes = self
            .attributes
            .map(|index| {
                super::attributes::attribute_names(&text(index))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        self.catalog.products.entry(source_id).or_insert(Product {
            row: self.rows,
            attributes,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_products_template() {
        let catalog = Catalog::read(
            b"name,source_id,price,attributes,image_url,Fashion\nT-Shirt,productSourceID11,21,\"color,size,ranking\",https://images.com/original.jpg,slim",
        )
        .unwrap();
        let product = catalog.get("productSourceID11").unwrap();
        assert_eq!(product.row, 1);
        assert_eq!(product.attributes, ["color", "size", "ranking"]);
        assert!(Catalog::read(b"name\nx").is_err());
    }
}
