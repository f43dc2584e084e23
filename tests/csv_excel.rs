//! Files as Excel saves them (semicolons, tabs, UTF-8 with and without a byte order mark,
//! UTF-16LE and BE, Windows-1252, a `sep=` first line): each is read whatever the chunking, its
//! report starts with one `csv_converted` warning, and its outputs are UTF-8 with commas. The
//! fixtures and the expected cleaned files are written by `tests/fixtures/csv/excel/generate.py`
//! with Python's own codecs and csv module; the expected reports and failed files are reviewed
//! by hand (`UPDATE_EXPECT=1 cargo test --test csv_excel` rewrites them).

mod csv_support;
mod excel_fixtures;

use csv_support::{all_outputs, run_chunked};
use excel_fixtures::{expected, fixture_dir, read, FIXTURES};
use voucherify_sync::CsvKind;

#[test]
fn excel_files_match_their_expected_report_and_outputs_in_any_chunking() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    for (name, read_as) in FIXTURES {
        let input = read(&fixture_dir().join(name));
        for chunk in [1, 2, 3, 7, 64, 1 << 16] {
            let (report, outputs) = run_chunked(CsvKind::Customers, all_outputs(), &input, chunk);
            let report_json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
            if update && chunk == 1 {
                let pretty = serde_json::to_string_pretty(&report_json).unwrap() + "\n";
                std::fs::write(expected(name, "report.json"), pretty).unwrap();
                std::fs::write(expected(name, "failed.csv"), &outputs.failed).unwrap();
            }
            let want: serde_json::Value =
                serde_json::from_slice(&read(&expected(name, "report.json"))).unwrap();
            assert_eq!(report_json, want, "{name}, chunk {chunk}");
            assert_eq!(report.issues[0].code.as_str(), "csv_converted", "{name}");
            assert!(
                report.issues[0].message.contains(read_as),
                "{name}: {}",
                report.issues[0].message
            );
            assert_eq!(
                String::from_utf8(outputs.cleaned.clone()).unwrap(),
                String::from_utf8(read(&expected(name, "cleaned.csv"))).unwrap(),
                "{name}, chunk {chunk}"
            );
            assert_eq!(
                outputs.parts,
                std::slice::from_ref(&outputs.cleaned),
                "{name}"
            );
            assert_eq!(
                String::from_utf8(outputs.failed).unwrap(),
                String::from_utf8(read(&expected(name, "failed.csv"))).unwrap(),
                "{name}, chunk {chunk}"
            );
        }
    }
}

#[test]
fn a_plain_utf8_comma_file_gets_no_conversion_warning() {
    let (report, _) = run_chunked(
        CsvKind::Customers,
        all_outputs(),
        "\u{feff}source_id,name\nc1,Renée\n".as_bytes(),
        1,
    );
    assert!(report.issues.is_empty(), "{:?}", report.issues);
}

#[test]
fn the_conversion_warning_is_kept_first_when_issues_are_capped() {
    let options = voucherify_sync::CsvOptions {
        max_issues: 1,
        ..all_outputs()
    };
    let (report, _) = run_chunked(
        CsvKind::Customers,
        options,
        b"source_id;birthdate\nc1;1990-02-30\nc2;1990-02-31\n",
        5,
    );
    let codes: Vec<&str> = report.issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["csv_converted"]);
    assert!(report.truncated);
    assert_eq!((report.errors, report.warnings), (2, 1));
}

#[test]
fn a_semicolon_file_is_no_longer_missing_its_id_column() {
    let (report, outputs) = run_chunked(
        CsvKind::Customers,
        all_outputs(),
        b"source_id;name;email\nc1;\"Lee; Ann\";ann@example.com\n",
        4,
    );
    assert!(report.valid, "{:?}", report.issues);
    assert_eq!(
        outputs.cleaned,
        b"Source_id,Name,Email\nc1,Lee; Ann,ann@example.com\n"
    );
}
