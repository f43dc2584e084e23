//! `read_csv_records` (the command line's `build-customers`, `plan` and `sync` reader) reads
//! the files Excel saves as the import check reads them: for each fixture, its records are the
//! rows of the expected cleaned file (written by Python's codecs and csv module) and of the
//! failed file, and its one `csv_converted` warning says what the import check's report says.

mod excel_fixtures;

use excel_fixtures::{expected, fixture_dir, read, FIXTURES};
use voucherify_sync::read_csv_records;

#[test]
fn excel_files_give_the_records_of_the_import_checks_cleaned_and_failed_files() {
    for (name, _) in FIXTURES {
        let read_back = read_csv_records(&read(&fixture_dir().join(name)));
        assert_eq!(read_back.errors, [], "{name}");
        let cleaned = read_csv_records(&read(&expected(name, "cleaned.csv")));
        let failed = read_csv_records(&read(&expected(name, "failed.csv")));
        assert_eq!(read_back.header, cleaned.header, "{name}");
        // The failed file repeats each row with an `error` column after it.
        let mut expected: Vec<Vec<String>> = cleaned.records.clone();
        expected.extend(failed.records.iter().map(|row| {
            let mut row = row.clone();
            row.pop();
            row
        }));
        expected.sort();
        let mut records = read_back.records.clone();
        records.sort();
        assert_eq!(records, expected, "{name}");
        assert!(!records.is_empty() && !failed.records.is_empty(), "{name}");
    }
}

#[test]
fn excel_files_carry_one_csv_converted_warning_as_the_import_check_reports_it() {
    for (name, _) in FIXTURES {
        let read_back = read_csv_records(&read(&fixture_dir().join(name)));
        let report: serde_json::Value =
            serde_json::from_slice(&read(&expected(name, "report.json"))).unwrap();
        let report_message = report["issues"][0]["message"].as_str().unwrap();
        let (how, _) = report_message.split_once("; the cleaned file").unwrap();
        let converted: Vec<_> = read_back
            .warnings
            .iter()
            .filter(|warning| warning.code.as_str() == "csv_converted")
            .collect();
        assert_eq!(converted.len(), 1, "{name}");
        assert_eq!(
            (read_back.warnings[0].row, read_back.warnings[0].line),
            (0, 1),
            "{name}"
        );
        assert_eq!(read_back.warnings[0].message, how, "{name}");
    }
}

#[test]
fn a_utf8_comma_file_carries_no_conversion_warning() {
    let read_back = read_csv_records("name,city\nRenée,Genève\n".as_bytes());
    assert_eq!(read_back.records, [["Renée", "Genève"]]);
    assert_eq!(read_back.warnings, []);
}
