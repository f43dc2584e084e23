//! Hostile CSV files: a report stays in proportion to its input and `max_issues` whatever the
//! header names (issues repeat a name shortened, with its `columnIndex`), a header name over
//! 64 KiB is `too_large`, a NUL in a header name is refused, and formula triggers are flagged
//! after white-space, in header names, and kept out of the failed file's `error` column.

mod csv_support;

use csv_support::{of_code, only, run_chunked};
use voucherify_sync::{CsvKind, CsvOptions};

/// A header of one name of `name_bytes` bytes, then `rows` rows of `cell`.
fn long_header_file(name_bytes: usize, rows: usize, cell: &str) -> Vec<u8> {
    let mut file = "h".repeat(name_bytes).into_bytes();
    file.push(b'\n');
    for _ in 0..rows {
        file.extend_from_slice(cell.as_bytes());
        file.push(b'\n');
    }
    file
}

/// The `columnIndex` of an issue as the report's JSON writes it (read through JSON so that the
/// test compiles against any version of the report).
fn column_index(issue: &voucherify_sync::CsvIssue) -> Option<u64> {
    let value = serde_json::to_value(issue).expect("an issue serializes");
    value.get("columnIndex").and_then(serde_json::Value::as_u64)
}

fn options() -> CsvOptions {
    CsvOptions {
        failed: true,
        ..CsvOptions::default()
    }
}

#[test]
fn a_900_kb_header_name_with_1000_formula_rows_gives_a_report_of_a_few_hundred_kb() {
    // The file of the report: one 900 KB header name, 1,000 rows of `=x` (908 KB).
    let input = long_header_file(900 * 1024, 1000, "=x");
    let max_issues = CsvOptions::default().max_issues;
    let (report, outputs) = run_chunked(CsvKind::Customers, options(), &input, 64 * 1024);
    let json = report.to_json();
    // Every issue is bounded (a shortened name, value and message), so the report is bounded
    // by max_issues, not by the header's size times the rows.
    assert!(
        json.len() < 1024 * (max_issues + 1),
        "the report is {} bytes for a {}-byte file",
        json.len(),
        input.len()
    );
    let formulas = report
        .counts_by_code
        .get(&voucherify_sync::Code::CsvFormulaInjection);
    assert_eq!(formulas, Some(&1000));
    assert!(report.truncated);
    assert!(outputs.failed.len() < 2 * input.len());
}

#[test]
fn issues_name_a_long_column_shortened_and_by_its_index() {
    let input = long_header_file(1000, 3, "=x");
    let (report, _) = run_chunked(CsvKind::Customers, options(), &input, 1 << 20);
    let formulas = of_code(&report, "csv_formula_injection");
    assert_eq!(formulas.len(), 3);
    for issue in formulas {
        assert_eq!(issue.column, format!("{}...", "h".repeat(77)));
        assert_eq!(column_index(issue), Some(0));
        assert_eq!(issue.row, issue.line - 1);
    }
    assert!(report.to_json().contains("\"columnIndex\":0"));
}

#[test]
fn a_header_name_over_64_kib_is_too_large() {
    let input = long_header_file(65_537, 1, "x");
    let (report, _) = run_chunked(CsvKind::Customers, options(), &input, 1 << 20);
    let issue = only(&report, "too_large");
    assert_eq!((issue.row, issue.line), (0, 1));
    assert_eq!(column_index(issue), Some(0));
    assert_eq!(issue.severity, voucherify_sync::Severity::Warning);
    assert!(issue.column.chars().count() <= 80);
    assert!(issue.message.contains("65537 bytes"), "{}", issue.message);

    let (report, _) = run_chunked(
        CsvKind::Customers,
        options(),
        &long_header_file(65_536, 1, "x"),
        1 << 20,
    );
    assert!(of_code(&report, "too_large").is_empty());
}

#[test]
fn the_failed_file_does_not_repeat_a_long_header_name_per_row() {
    // Every row has an error in the long-named column (bytes that are not UTF-8; the byte
    // order mark says the file is UTF-8, so it is not read as Windows-1252).
    let mut input = format!("\u{feff}Source_id,{}\n", "h".repeat(100 * 1024)).into_bytes();
    for row in 0..200 {
        input.extend_from_slice(format!("c{row},").as_bytes());
        input.extend_from_slice(b"\xff\n");
    }
    let (report, outputs) = run_chunked(CsvKind::Customers, options(), &input, 1 << 20);
    assert_eq!(report.invalid_rows, 200);
    assert_eq!(of_code(&report, "csv_invalid_encoding").len(), 200);
    assert!(
        outputs.failed.len() < input.len() + 1024 * 200,
        "the failed file is {} bytes for a {}-byte file",
        outputs.failed.len(),
        input.len()
    );
}

#[test]
fn the_error_text_of_a_row_is_capped_with_a_count_of_the_rest() {
    // 300 columns of typed-number metadata, each cell not a number: 300 errors in one row.
    let keys: Vec<String> = (0..300).map(|i| format!("k{i}")).collect();
    let schema = serde_json::json!({
        "schemas": [{
            "related_object": "customer",
            "allow_defined_only": false,
            "properties": keys.iter().map(|k| (k.clone(), serde_json::json!({"type": "number", "array": false, "optional": true}))).collect::<serde_json::Map<_, _>>(),
        }]
    });
    let options = CsvOptions {
        failed: true,
        metadata_schemas: Some(
            voucherify_sync::MetadataSchemas::from_json(&schema).expect("schema"),
        ),
        ..CsvOptions::default()
    };
    let input = format!(
        "Source_id,{}\nc1,{}\n",
        keys.join(","),
        vec!["abc"; 300].join(",")
    );
    let (report, outputs) = run_chunked(CsvKind::Customers, options, input.as_bytes(), 1 << 20);
    assert_eq!(report.errors, 300);
    let failed = String::from_utf8(outputs.failed).expect("utf-8");
    let row = failed.lines().nth(1).expect("the failed row");
    let error = row.strip_prefix(&format!("c1,{},", vec!["abc"; 300].join(",")));
    let error = error.expect("the row's cells, then its error");
    assert!(error.len() < 1600, "{} bytes", error.len());
    assert!(error.ends_with("; and 280 more errors"), "{error}");
}

#[test]
fn a_nul_in_a_header_name_is_an_error_of_its_column() {
    let (report, outputs) = run_chunked(
        CsvKind::Customers,
        CsvOptions {
            cleaned: true,
            ..options()
        },
        b"Source_id,na\0me\nc1,x\n",
        1 << 20,
    );
    let issue = only(&report, "csv_invalid_header");
    assert_eq!((issue.row, column_index(issue)), (0, Some(1)));
    assert_eq!(issue.severity, voucherify_sync::Severity::Error);
    assert_eq!(report.invalid_rows, 1);
    assert_eq!(outputs.cleaned, b"Source_id,na\0me\n");
}

#[test]
fn white_space_before_a_formula_trigger_is_flagged() {
    let (report, outputs) = run_chunked(
        CsvKind::Customers,
        CsvOptions {
            cleaned: true,
            ..options()
        },
        b"Source_id,note\nc1, =HYPERLINK(\"x\")\nc2,\t =1\nc3, -12.5\nc4,\xc2\xa0@SUM(A1)\n",
        1 << 20,
    );
    let rows: Vec<u64> = of_code(&report, "csv_formula_injection")
        .iter()
        .map(|issue| issue.row)
        .collect();
    assert_eq!(rows, [1, 2, 4]);
    let first = of_code(&report, "csv_formula_injection")[0];
    assert_eq!(column_index(first), Some(1));
    assert!(first.message.contains("white-space"), "{}", first.message);
    // The cleaned file keeps the white-space rather than start the cell with the trigger.
    let cleaned = String::from_utf8(outputs.cleaned).expect("utf-8");
    assert!(
        cleaned.contains("c1,\" =HYPERLINK(\"\"x\"\")\"\n"),
        "{cleaned}"
    );
    assert!(cleaned.contains("c3,-12.5\n"), "{cleaned}");
}

#[test]
fn a_header_name_that_runs_as_a_formula_is_flagged() {
    let (report, _) = run_chunked(
        CsvKind::Customers,
        options(),
        b"Source_id, =cmd|' /C calc'!A0\nc1,x\n",
        1 << 20,
    );
    let issue = only(&report, "csv_formula_injection");
    assert_eq!(
        (issue.row, issue.line, column_index(issue)),
        (0, 1, Some(1))
    );
}

#[test]
fn the_error_column_of_the_failed_file_never_starts_a_formula() {
    // The error text starts with the name of the column at fault: here `=x`. The byte order
    // mark makes the file UTF-8, so the last byte is an encoding error.
    let (report, outputs) = run_chunked(
        CsvKind::Customers,
        options(),
        b"\xef\xbb\xbfSource_id,=x\nc1,\xff\n",
        1 << 20,
    );
    assert_eq!(report.invalid_rows, 1);
    let failed = String::from_utf8_lossy(&outputs.failed).into_owned();
    let row = failed.lines().nth(1).expect("the failed row");
    let error = row.rsplit_once(',').expect("an error column").1;
    assert!(error.starts_with("'=x: "), "{error}");
}
