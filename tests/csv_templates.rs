//! The official CSV import templates validate with no errors.

mod csv_support;

use csv_support::{run_chunked, tuples};
use voucherify_sync::{CsvKind, CsvOptions};

const CUSTOMERS: &str =
    include_str!("../spec/voucherify-openapi/examples/import-customers-template.csv");
const PRODUCTS: &str =
    include_str!("../spec/voucherify-openapi/examples/import-products-template.csv");
const SKUS: &str = include_str!("../spec/voucherify-openapi/examples/import-skus-template.csv");

#[test]
fn the_customers_template_is_valid_and_cleans_to_the_api_names() {
    for chunk in [1, 7, 4096] {
        let (report, outputs) = run_chunked(
            CsvKind::Customers,
            csv_support::all_outputs(),
            CUSTOMERS.as_bytes(),
            chunk,
        );
        assert!(report.valid, "{:?}", report.issues);
        assert!(report.issues.is_empty(), "{:?}", tuples(&report));
        assert_eq!((report.rows, report.valid_rows), (1, 1));
        let cleaned = String::from_utf8(outputs.cleaned).unwrap();
        assert_eq!(
            cleaned,
            "Name,Source_id,Description,Email,Phone,Address_line_1,Address_line_2,Address_City,Address_Postal_Code,Address_State,Address_Country,Birthdate,favorite_brands,CRM_created_date\n\
             John Smith,test-user@voucherify.io,A good customer.,test-user@voucherify.io,+1 (989) 123-4632,100 Main St,Blg 2 Apt 3,New York,12345,New York,United States,2022-07-03,\"Nike,Fenty,Reebok\",2022-05-18T10:00:00.000Z\n"
        );
    }
}

#[test]
fn the_products_template_is_valid() {
    let (report, _) = run_chunked(
        CsvKind::Products,
        CsvOptions::default(),
        PRODUCTS.as_bytes(),
        3,
    );
    assert!(report.issues.is_empty(), "{:?}", tuples(&report));
    assert_eq!(report.valid_rows, 1);
}

#[test]
fn the_skus_template_is_valid_against_the_products_template() {
    let options = CsvOptions {
        products: Some(PRODUCTS.as_bytes().to_vec()),
        ..CsvOptions::default()
    };
    let (report, _) = run_chunked(CsvKind::Skus, options, SKUS.as_bytes(), 2);
    assert!(report.issues.is_empty(), "{:?}", tuples(&report));
    assert_eq!((report.rows, report.valid_rows), (4, 4));
}
