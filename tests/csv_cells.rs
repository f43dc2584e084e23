//! Cell rules: dates, emails, duplicates, formulas, prices in units or cents, product
//! attributes, image URLs, and metadata typed by the schemas.

mod csv_support;

use csv_support::{only, run, run_chunked, text, tuples};
use serde_json::json;
use voucherify_sync::{CsvKind, CsvOptions, MetadataSchemas, PriceUnit, Severity};

fn s(text: &str) -> String {
    text.to_string()
}

#[test]
fn birthdates_must_be_real_iso_dates_with_a_hint() {
    let (report, _) = run(
        CsvKind::Customers,
        b"source_id,birthdate\nc1,1990-07-03\nc2,1990-02-30\nc3,03.07.1990\nc4,03/07/1990\nc5,\n",
    );
    assert_eq!(
        tuples(&report),
        [
            ("invalid_format", 2, 3, s("birthdate")),
            ("invalid_format", 3, 4, s("birthdate")),
            ("invalid_format", 4, 5, s("birthdate")),
        ]
    );
    assert!(report.issues[1].message.ends_with("write it as 1990-07-03"));
    assert!(report.issues[2].message.contains("day/month or month/day"));
    assert_eq!(report.issues[0].value.as_deref(), Some("1990-02-30"));
    assert_eq!(report.issues[0].severity, Severity::Error);
}

#[test]
fn a_bad_email_is_only_a_warning() {
    let (report, outputs) = run(
        CsvKind::Customers,
        b"source_id,email\nc1, bob at example.com \n",
    );
    let issue = only(&report, "invalid_format");
    assert_eq!(
        (issue.row, issue.line, issue.severity),
        (1, 2, Severity::Warning)
    );
    assert_eq!(issue.value.as_deref(), Some("bob at example.com"));
    assert!(report.valid);
    assert_eq!(
        text(&outputs.cleaned),
        "Source_id,Email\nc1,bob at example.com\n"
    );
}

#[test]
fn every_later_duplicate_names_the_first_occurrence() {
    let input = b"source_id,name\nc1,a\n\"c2\nx\",b\nc1,c\nc1,d\n";
    let (report, _) = run(CsvKind::Customers, input);
    assert_eq!(
        tuples(&report),
        [
            ("duplicate", 3, 5, s("source_id")),
            ("duplicate", 4, 6, s("source_id")),
        ]
    );
    for issue in &report.issues {
        assert!(
            issue.message.contains("row 1 (line 2)"),
            "{}",
            issue.message
        );
        assert_eq!(issue.severity, Severity::Warning);
    }
    assert_eq!(report.valid_rows, 4);
}

#[test]
fn formulas_are_flagged_but_phones_and_negative_numbers_are_not() {
    let input = b"source_id,phone,name,score\nc1,+1 (989) 123-4632,=SUM(A1),-12.5\nc2,+cmd|' /C calc'!A0,@x,\tTab\nc3,-5,-5,+1 555\n";
    let (report, _) = run(CsvKind::Customers, input);
    assert_eq!(
        tuples(&report),
        [
            ("csv_formula_injection", 1, 2, s("name")),
            ("csv_formula_injection", 2, 3, s("phone")),
            ("csv_formula_injection", 2, 3, s("name")),
            ("csv_formula_injection", 2, 3, s("score")),
            ("csv_formula_injection", 3, 4, s("score")),
        ]
    );
    assert!(report.valid, "formulas are warnings");
}

#[test]
fn prices_default_to_whole_units_with_two_decimals() {
    let input = b"name,price\na,21\nb,14.5\nc,14.999\nd,1,299.00\ne,$5\nf,-3\n";
    let (report, _) = run(CsvKind::Products, input);
    assert_eq!(
        tuples(&report),
        [
            ("not_integer_cents", 3, 4, s("price")),
            ("csv_field_count", 4, 5, s("")),
            ("invalid_type", 5, 6, s("price")),
            ("out_of_range", 6, 7, s("price")),
        ]
    );
    assert_eq!(report.issues[3].severity, Severity::Warning);
}

#[test]
fn prices_in_cents_must_be_integers() {
    let options = CsvOptions {
        price_unit: PriceUnit::Cents,
        ..CsvOptions::default()
    };
    let (report, _) = run_chunked(
        CsvKind::Products,
        options,
        b"name,price\na,2100\nb,14.5\n",
        3,
    );
    assert_eq!(tuples(&report), [("not_integer_cents", 2, 3, s("price"))]);
    assert!(report.issues[0].message.contains("cents"));
}

#[test]
fn product_rows_need_a_name_and_list_attributes_once() {
    let (report, outputs) = run(
        CsvKind::Products,
        include_bytes!("fixtures/csv/products.csv"),
    );
    assert_eq!(
        tuples(&report),
        [
            ("missing_field", 3, 4, s("name")),
            ("not_integer_cents", 4, 5, s("price")),
            ("duplicate", 4, 5, s("attributes")),
            ("invalid_format", 4, 5, s("image_url")),
            ("duplicate", 5, 6, s("source_id")),
            ("invalid_type", 5, 6, s("price")),
        ]
    );
    assert!(text(&outputs.cleaned)
        .contains("Hoodie,prod-2,49.99,\"color,size\",https://images.com/hoodie.png,regular\n"));
}

#[test]
fn metadata_cells_are_typed_and_written_canonically() {
    let schemas = MetadataSchemas::from_json(&json!({"schemas": [{
        "related_object": "customer",
        "properties": {
            "vip": {"type": "boolean", "array": false, "optional": true},
            "visits": {"type": "number", "array": false, "optional": true, "gte": 0},
            "since": {"type": "date", "array": false, "optional": true},
            "seen_at": {"type": "datetime", "array": false, "optional": true},
            "brands": {"type": "string", "array": true, "optional": true},
            "plan": {"type": "string", "array": false, "optional": true, "eq": ["free", "pro"]}
        }
    }]}))
    .unwrap();
    let options = CsvOptions {
        metadata_schemas: Some(schemas),
        ..csv_support::all_outputs()
    };
    let input = b"source_id,vip,visits,since,seen_at,brands,plan,note\nc1,TRUE,3,2020-01-02,2022-05-18T10:00:00.000Z,\"Nike, Fenty\",pro,x\nc2,yes,-1,2020-02-30,yesterday,,gold,y\nc3,null,,,,,,\n";
    let (report, outputs) = run_chunked(CsvKind::Customers, options, input, 4);
    assert_eq!(
        tuples(&report),
        [
            ("metadata_invalid_type", 2, 3, s("vip")),
            ("metadata_out_of_range", 2, 3, s("visits")),
            ("metadata_invalid_format", 2, 3, s("since")),
            ("metadata_invalid_format", 2, 3, s("seen_at")),
            ("metadata_not_allowed", 2, 3, s("plan")),
        ]
    );
    assert_eq!(
        text(&outputs.cleaned),
        "Source_id,vip,visits,since,seen_at,brands,plan,note\nc1,true,3,2020-01-02,2022-05-18T10:00:00.000Z,\"Nike,Fenty\",pro,x\nc3,null,,,,,,\n"
    );
}

#[test]
fn long_values_are_shortened_in_issues() {
    let long = "x".repeat(200);
    let input = format!("source_id,birthdate\nc1,{long}\n");
    let (report, _) = run(CsvKind::Customers, input.as_bytes());
    let value = report.issues[0].value.as_deref().unwrap();
    assert_eq!(value.chars().count(), 80);
    assert!(value.ends_with("..."));
}
