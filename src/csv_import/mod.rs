//! CSV import validation: customers, products and SKUs files in the formats of the API's
//! import endpoints, and orders (one row per item) turned into `POST /v1/orders/import` bodies.
//!
//! The file streams through [`CsvValidator`] in chunks of any size. `csv_core` splits the
//! records; header names are recognized once (case-insensitively), and each cell is then checked
//! by the field of its column index, on bytes, with no allocation per row unless an issue or an
//! output needs one. Duplicate `source_id`s are found with a 64-bit hash confirmed by comparing
//! the stored bytes.
//!
//! # Decisions
//!
//! - **Blank lines**: a line with no characters at all is skipped and not counted as a row (its
//!   line still counts for `line`); a line of separators or spaces only is a row, reported
//!   `csv_empty_row`. `row` is the 1-based data row, the header excluded, as in the API's import
//!   report; header and file issues have row 0. `line` counts LF characters.
//! - **Price unit**: whole currency units with at most 2 decimals by default, since the official
//!   product and SKU templates write `21` and `14.5` and the API's CSV unit is undocumented;
//!   [`PriceUnit::Cents`] reads integer cents. The cleaned file keeps prices as written; import
//!   bodies always carry cents.
//! - **Header**: customers accept the API's and the template's names (`City` and
//!   `Address_City`); products, SKUs and orders their documented names; any other column is
//!   metadata. A header with an error makes every row invalid (rows are still checked for their
//!   own issues and go to the failed file); the cleaned file then holds the header only.
//! - **Duplicates**: a repeated `source_id` is a warning for customers and products (the later
//!   row overwrites) and an error for SKUs (unique in the catalogue); every later occurrence
//!   names the first one's row and line.
//! - **Formulas**: a cell or header name starting with `=`, `+`, `-`, `@` (also after
//!   white-space), tab or CR is a `csv_formula_injection` warning, except a plain decimal number
//!   (`-12.5`, `+3`) in any column and a phone number (`+`, digits, spaces, `(`, `)`, `-`, `.`,
//!   `/`) in the customer phone column. Flagged cells are kept as written (untrimmed when the
//!   trim would expose the trigger); the failed file's `error` text gets a leading `'` instead.
//! - **Bounded reports**: issues repeat a header name shortened to 80 characters, with its
//!   `columnIndex`; messages stop at 400 characters and a failed row's `error` text at about
//!   1 000; a header name over 64 KiB is a `too_large` warning and one with a NUL an error.
//! - **Orders**: columns `source_id` (the order's, required), `status`, `customer_source_id`,
//!   and per item `item_source_id` + `related_object` (`product` or `sku`), `sku_id`,
//!   `product_id`, `quantity`, `price` (unit price) and `amount` (price × quantity, checked when
//!   given); `metadata.<key>` and any other column are order metadata, `item_metadata.<key>` is
//!   item metadata. Later rows of an order may leave order-level cells empty; a different value
//!   is `csv_order_conflict`. Rows of one order need not be adjacent: orders stay open until more
//!   than `max_open_orders` are, then the oldest `orders_per_body` are sent (a later row of a sent
//!   order is `csv_order_not_grouped`), which bounds memory. An order with an invalid row is left
//!   out of the bodies. Item amount = price × quantity; order amount = the sum of item amounts.
//! - **Encoding and delimiter** are found from the file's start (`file_format`): a byte order
//!   mark names UTF-8 or UTF-16; without one, the first non-ASCII character decides between
//!   UTF-8 and Windows-1252. An Excel `sep=` first line names the delimiter, else the most
//!   frequent of `,` `;` and tab in the header line. Anything but UTF-8 with commas is said in
//!   one `csv_converted` warning, and every output is UTF-8 with commas.
//! - **Outputs** are off by default and drained with the `take_*` methods: the cleaned file
//!   (canonical header names, trimmed cells, canonical booleans, dates and lists, valid rows
//!   only), the failed rows (original bytes plus an `error` column), parts of the cleaned file
//!   of at most `max_part_bytes` with the header repeated and no record cut, and order import
//!   bodies.

mod attributes;
mod catalog;
mod cell_rules;
mod cells;
mod columns;
mod delimiter;
pub(crate) mod file_format;
mod header;
mod id_set;
mod metadata_cells;
mod options;
mod options_json;
mod orders;
mod outputs;
mod quote_scan;
pub(crate) mod records;
mod report;
mod row;
mod row_issues;
mod run;
mod source_encoding;
mod validator;

#[cfg(all(target_arch = "wasm32", feature = "data"))]
pub(crate) use id_set::seed_hashes;
pub use options::{CsvKind, CsvOptions, PriceUnit};
pub use report::{CsvIssue, CsvReport};
pub use validator::{validate_csv, CsvOutputs, CsvValidator};
