//! What a CSV import check is told: the kind of file, how prices are written, which outputs to
//! produce, and the limits that keep memory bounded.

use serde::Serialize;

use crate::{MetadataSchemas, UsageCode, UsageError};

/// The import endpoint a CSV file is meant for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvKind {
    /// `POST /v1/customers/importCSV`.
    Customers,
    /// `POST /v1/products/importCSV`.
    Products,
    /// `POST /v1/skus/importCSV`.
    Skus,
    /// One row per order item, turned into `POST /v1/orders/import` bodies.
    Orders,
}

impl CsvKind {
    /// Reads `customers`, `products`, `skus` or `orders`.
    pub fn parse(text: &str) -> Option<CsvKind> {
        match text {
            "customers" => Some(CsvKind::Customers),
            "products" => Some(CsvKind::Products),
            "skus" => Some(CsvKind::Skus),
            "orders" => Some(CsvKind::Orders),
            _ => None,
        }
    }

    /// The kind's name as [`CsvKind::parse`] reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            CsvKind::Customers => "customers",
            CsvKind::Products => "products",
            CsvKind::Skus => "skus",
            CsvKind::Orders => "orders",
        }
    }

    /// The metadata schema resource of the file's records.
    pub(crate) fn resource(self) -> &'static str {
        match self {
            CsvKind::Customers => "customer",
            CsvKind::Products => "product",
            CsvKind::Skus => "sku",
            CsvKind::Orders => "order",
        }
    }
}

/// How the `price` (and order `amount`) cells of a file are written.
///
/// The API keeps money as integer cents, but the official product and SKU templates write
/// `21` and `14.5`, which only make sense as whole currency units, so [`PriceUnit::Units`] is
/// the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceUnit {
    /// Whole currency units with at most 2 decimals (`21`, `14.5`, `14.99`).
    #[default]
    Units,
    /// Integer cents, as in the JSON API (`2100`, `1450`).
    Cents,
}

/// Options of a [`crate::CsvValidator`]. Every output is off by default, so a validate-only run
/// does no output work at all.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvOptions {
    /// Most issues kept in the report; the counts stay exact beyond it (default 1000).
    pub max_issues: usize,
    /// How prices are written (default [`PriceUnit::Units`]).
    pub price_unit: PriceUnit,
    /// The project's metadata schemas; metadata columns are typed and checked against them.
    pub metadata_schemas: Option<MetadataSchemas>,
    /// The bytes of a products CSV (for `skus` only): `product_id`s must be `source_id`s of its
    /// rows, and attribute keys must be among the product's `attributes`.
    pub products: Option<Vec<u8>>,
    /// Produce the cleaned file (valid rows, canonical header names, trimmed canonical cells).
    pub cleaned: bool,
    /// Produce the file of failed rows, with a final `error` column.
    pub failed: bool,
    /// Produce the cleaned file split into parts of at most `max_part_bytes`.
    pub parts: bool,
    /// Produce `POST /v1/orders/import` bodies (for `orders` only).
    pub import_bodies: bool,
    /// Largest part, header included (default 10 485 760, the API's import file limit).
    pub max_part_bytes: usize,
    /// Largest record; a longer one is reported and skipped unread (default 1 MiB).
    pub max_record_bytes: usize,
    /// Most orders in one import body (default and maximum 2000).
    pub orders_per_body: usize,
    /// Most orders held open while their rows may still come (default 10 000); beyond it the
    /// oldest orders are completed and sent.
    pub max_open_orders: usize,
    /// The size of the whole file, when the caller knows it: the duplicate index is then sized
    /// once from the first row's length (for up to 1 048 576 rows) instead of doubling as rows
    /// come. Only speed depends on it.
    pub total_bytes: Option<u64>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            max_issues: 1000,
            price_unit: PriceUnit::Units,
            metadata_schemas: None,
            products: None,
            cleaned: false,
            failed: false,
            parts: false,
            import_bodies: false,
            max_part_bytes: 10_485_760,
            max_record_bytes: 1_048_576,
            orders_per_body: 2000,
            max_open_orders: 10_000,
            total_bytes: None,
        }
    }
}

impl CsvOptions {
    /// Refuses options that cannot work for `kind`.
    pub(crate) fn check(&self, kind: CsvKind) -> Result<(), UsageError> {
        if self.max_issues > 1_000_000 {
            return Err(invalid("maxIssues must be an integer from 0 to 1000000"));
        }
        if self.max_part_bytes < 1024 {
            return Err(invalid("maxPartBytes must be at least 1024"));
        }
        if self.max_record_bytes < 1024 {
            return Err(invalid("maxRecordBytes must be at least 1024"));
        }
        if self.orders_per_body == 0 || self.orders_per_body > 2000 {
            return Err(invalid("ordersPerBody must be from 1 to 2000"));
        }
        if self.max_open_orders < self.orders_per_body {
            return Err(invalid("maxOpenOrders must be at least ordersPerBody"));
        }
        if self.products.is_some() && kind != CsvKind::Skus {
            return Err(invalid("products applies only to the skus kind"));
        }
        if self.import_bodies && kind != CsvKind::Orders {
            return Err(invalid("importBodies applies only to the orders kind"));
        }
        Ok(())
    }
}

fn invalid(message: &str) -> UsageError {
    UsageError::new(UsageCode::InvalidOptions, message)
}
