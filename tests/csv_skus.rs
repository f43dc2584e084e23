//! SKU files: attribute objects, unique source_ids, and references to a products file.

mod csv_support;

use csv_support::{run_chunked, tuples};
use voucherify_sync::{CsvKind, CsvOptions, CsvValidator, UsageCode};

const PRODUCTS: &[u8] = include_bytes!("fixtures/csv/products.csv");
const SKUS: &[u8] = include_bytes!("fixtures/csv/skus.csv");

fn s(text: &str) -> String {
    text.to_string()
}

#[test]
fn checks_skus_against_the_products_file() {
    let options = CsvOptions {
        products: Some(PRODUCTS.to_vec()),
        ..csv_support::all_outputs()
    };
    let (report, outputs) = run_chunked(CsvKind::Skus, options, SKUS, 5);
    assert_eq!(
        tuples(&report),
        [
            ("csv_unknown_product", 3, 4, s("product_id")),
            ("csv_unknown_attribute", 4, 5, s("attributes")),
            ("duplicate", 5, 6, s("source_id")),
            ("invalid_format", 5, 6, s("attributes")),
            ("duplicate", 6, 7, s("source_id")),
            ("missing_field", 7, 8, s("product_id")),
        ]
    );
    assert!(report.issues[1].message.contains("fit"));
    assert!(report.issues[2].message.contains("row 1 (line 2)"));
    assert!(report.issues[4].message.contains("source_id of a product"));
    assert_eq!((report.valid_rows, report.invalid_rows), (2, 5));
    let failed = String::from_utf8(outputs.failed).unwrap();
    assert!(failed.starts_with("product_id,sku,source_id,price,image_url,attributes,error\n"));
    assert!(failed.contains("prod-9,Ghost,sku-3,10,,,product_id: product_id prod-9 is not the source_id of any row of the products file\n"));
}

#[test]
fn without_a_products_file_only_the_shape_is_checked() {
    let (report, _) = run_chunked(CsvKind::Skus, CsvOptions::default(), SKUS, 64);
    assert_eq!(
        tuples(&report),
        [
            ("duplicate", 5, 6, s("source_id")),
            ("invalid_format", 5, 6, s("attributes")),
            ("missing_field", 7, 8, s("product_id")),
        ]
    );
}

#[test]
fn refuses_a_products_file_without_source_ids_or_for_another_kind() {
    let options = CsvOptions {
        products: Some(b"name\nT-Shirt\n".to_vec()),
        ..CsvOptions::default()
    };
    let error = CsvValidator::new(CsvKind::Skus, options.clone())
        .err()
        .unwrap();
    assert_eq!(error.code, UsageCode::InvalidOptions);
    let error = CsvValidator::new(CsvKind::Customers, options)
        .err()
        .unwrap();
    assert_eq!(error.code, UsageCode::InvalidOptions);
    let error = CsvValidator::new(
        CsvKind::Customers,
        CsvOptions {
            max_part_bytes: 10,
            ..CsvOptions::default()
        },
    )
    .err()
    .unwrap();
    assert!(error.message.contains("maxPartBytes"));
}
