//! Header lines: recognized names per kind (both customer spellings, any case), required
//! columns, duplicates, empty names, white-space in metadata names, canonical names.

mod csv_support;

use csv_support::{run, text, tuples};
use serde_json::json;
use voucherify_sync::{CsvKind, CsvOptions, MetadataSchemas};

fn header_issues(kind: CsvKind, input: &[u8]) -> Vec<(&'static str, u64, u64, String)> {
    let (report, _) = run(kind, input);
    tuples(&report).into_iter().filter(|t| t.1 == 0).collect()
}

#[test]
fn recognizes_both_customer_spellings_in_any_case() {
    let input = b"NAME,source_ID,email,PHONE,address_line_1,Address_Line_2,CITY,Address_Postal_Code,state,Address_Country,birthdate,Id,Description,tier\nAnn,c1,a@b.io,1,l1,l2,Warsaw,00-001,Maz,PL,1990-07-03,,d,gold\n";
    let (report, outputs) = run(CsvKind::Customers, input);
    assert!(report.valid, "{:?}", report.issues);
    assert_eq!(
        text(&outputs.cleaned).lines().next(),
        Some("Name,Source_id,Email,Phone,Address_line_1,Address_line_2,Address_City,Address_Postal_Code,Address_State,Address_Country,Birthdate,Id,Description,tier")
    );
}

#[test]
fn reports_two_spellings_of_one_field_as_a_duplicate() {
    assert_eq!(
        header_issues(CsvKind::Customers, b"source_id,City,Address_City\nc1,a,b\n"),
        [("csv_duplicate_header", 0, 1, "Address_City".to_string())]
    );
    assert_eq!(
        header_issues(CsvKind::Products, b"name,Name,tag,TAG\nx,y,z,w\n"),
        [
            ("csv_duplicate_header", 0, 1, "Name".to_string()),
            ("csv_duplicate_header", 0, 1, "TAG".to_string()),
        ]
    );
}

#[test]
fn requires_the_columns_each_import_needs() {
    assert_eq!(
        header_issues(CsvKind::Customers, b"name,email\nAnn,a@b.io\n"),
        [("missing_field", 0, 1, "Source_id".to_string())]
    );
    assert!(header_issues(CsvKind::Customers, b"id\ncust_1\n").is_empty());
    assert_eq!(
        header_issues(CsvKind::Products, b"source_id,price\np1,1\n"),
        [("missing_field", 0, 1, "name".to_string())]
    );
    assert_eq!(
        header_issues(CsvKind::Skus, b"sku,price\nx,1\n"),
        [
            ("missing_field", 0, 1, "source_id".to_string()),
            ("missing_field", 0, 1, "product_id".to_string()),
        ]
    );
    assert_eq!(
        header_issues(CsvKind::Orders, b"status,quantity\nPAID,1\n"),
        [
            ("missing_field", 0, 1, "source_id".to_string()),
            ("missing_field", 0, 1, "item_source_id".to_string()),
        ]
    );
}

#[test]
fn reports_empty_names_and_white_space_in_metadata_names() {
    assert_eq!(
        header_issues(CsvKind::Customers, b"source_id,,favorite brands\nc1,,x\n"),
        [
            ("csv_empty_header", 0, 1, String::new()),
            ("csv_invalid_header", 0, 1, "favorite brands".to_string()),
        ]
    );
}

#[test]
fn a_header_with_errors_makes_every_row_invalid() {
    let (report, outputs) = run(CsvKind::Customers, b"source_id,a,a\nc1,x,y\nc2,x,y\n");
    assert_eq!((report.valid_rows, report.invalid_rows), (0, 2));
    assert_eq!(text(&outputs.cleaned), "Source_id,a,a\n");
    assert_eq!(
        text(&outputs.failed),
        "source_id,a,a,error\nc1,x,y,the header has errors (see the issues of row 0)\nc2,x,y,the header has errors (see the issues of row 0)\n"
    );
}

#[test]
fn checks_metadata_columns_against_the_schema() {
    let schemas = MetadataSchemas::from_json(&json!({"schemas": [{
        "related_object": "customer",
        "allow_defined_only": true,
        "properties": {
            "tier": {"type": "string", "array": false, "optional": false},
            "old": {"type": "string", "array": false, "optional": true, "deleted": true}
        }
    }]}))
    .unwrap();
    let options = CsvOptions {
        metadata_schemas: Some(schemas),
        ..CsvOptions::default()
    };
    let (report, _) = csv_support::run_chunked(
        CsvKind::Customers,
        options,
        b"source_id,extra,old\nc1,x,y\n",
        5,
    );
    assert_eq!(
        tuples(&report),
        [
            ("metadata_undefined_key", 0, 1, "extra".to_string()),
            ("metadata_deleted_key", 0, 1, "old".to_string()),
            ("metadata_missing_required", 0, 1, "tier".to_string()),
        ]
    );
    assert_eq!(
        report.issues[2].severity,
        voucherify_sync::Severity::Warning
    );
}
