//! CSV reading: BOM, line endings, quoting, blank lines, invalid UTF-8, open quotes, field
//! counts, and row and line numbers that match the file.

mod csv_support;

use csv_support::{of_code, only, run, run_chunked, text, tuples};
use voucherify_sync::{CsvKind, CsvOptions, Severity};

const FIXTURE: &[u8] = include_bytes!("fixtures/csv/customers_mixed.csv");

#[test]
fn reads_the_mixed_fixture_with_rows_and_lines_that_match_the_file() {
    let (report, _) = run(CsvKind::Customers, FIXTURE);
    assert_eq!(
        (report.rows, report.valid_rows, report.invalid_rows),
        (9, 5, 4)
    );
    let s = String::from;
    assert_eq!(
        tuples(&report),
        [
            ("invalid_format", 2, 3, s("Email")),
            ("invalid_format", 2, 3, s("Birthdate")),
            ("duplicate", 4, 8, s("Source_id")),
            ("csv_formula_injection", 4, 8, s("Notes")),
            ("csv_empty_row", 5, 9, s("")),
            ("missing_identifier", 6, 10, s("Source_id")),
            ("csv_field_count", 7, 11, s("")),
            ("csv_formula_injection", 8, 12, s("Notes")),
        ]
    );
    let duplicate = only(&report, "duplicate");
    assert!(
        duplicate.message.contains("row 1 (line 2)"),
        "{}",
        duplicate.message
    );
    assert_eq!(duplicate.value.as_deref(), Some("c-001"));
    assert!(!report.valid);
    assert_eq!(report.bytes, FIXTURE.len() as u64);
}

#[test]
fn cleans_quotes_newlines_and_spaces_and_drops_the_bom() {
    let (_, outputs) = run(CsvKind::Customers, FIXTURE);
    let cleaned = text(&outputs.cleaned);
    let mut lines = cleaned.split('\n');
    assert_eq!(
        lines.next(),
        Some(
            "Name,Source_id,Email,Phone,Address_City,Address_Postal_Code,Birthdate,vip_level,Notes"
        )
    );
    assert!(cleaned.contains("Ann Lee,c-001,ann@example.com,+1 (989) 123-4632,Warsaw,00-001,1990-07-03,gold,\"likes \"\"quotes\"\", commas\"\n"));
    assert!(cleaned.contains(
        "\"Multi\nLine\",c-003,multi@example.com,,Austin,73301,,bronze,\"line one\nline two\"\n"
    ));
    assert!(
        cleaned.ends_with("Last,c-008,last@example.com,,Osaka,,1999-12-31,,no newline at end\n")
    );
    assert!(!cleaned.contains('\u{feff}'));
}

#[test]
fn blank_lines_are_skipped_and_not_counted() {
    let input = b"source_id\n\n\r\nc1\n\n\nc2\r\n\r\n";
    let (report, outputs) = run(CsvKind::Customers, input);
    assert_eq!(report.rows, 2);
    assert!(report.valid);
    assert_eq!(outputs.cleaned, b"Source_id\nc1\nc2\n");
    let (report, _) = run(CsvKind::Customers, b"\n\nsource_id,email\nc1,bad\n");
    assert_eq!(
        tuples(&report),
        [("invalid_format", 1, 4, "email".to_string())]
    );
}

#[test]
fn a_line_of_separators_or_spaces_is_an_empty_row() {
    let (report, _) = run(CsvKind::Customers, b"source_id,name\n , \nc1,x\n");
    assert_eq!(tuples(&report), [("csv_empty_row", 1, 2, String::new())]);
    assert_eq!((report.rows, report.invalid_rows), (2, 1));
}

#[test]
fn accepts_lf_crlf_mixed_and_no_final_newline() {
    for input in [
        &b"source_id,name\nc1,a\nc2,b\n"[..],
        b"source_id,name\r\nc1,a\r\nc2,b\r\n",
        b"source_id,name\r\nc1,a\nc2,b",
        b"\xef\xbb\xbfsource_id,name\nc1,a\r\nc2,b",
    ] {
        let (report, outputs) = run(CsvKind::Customers, input);
        assert!(report.valid, "{:?}", report.issues);
        assert_eq!(report.rows, 2);
        assert_eq!(outputs.cleaned, b"Source_id,Name\nc1,a\nc2,b\n");
    }
}

#[test]
fn reports_invalid_utf8_with_its_line_and_column_and_goes_on() {
    // The byte order mark says UTF-8; without it the first non-ASCII byte would make the file
    // Windows-1252.
    let input = b"\xef\xbb\xbfsource_id,name\nc1,ok\nc2,caf\xe9\nc3,\xc3\xa9t\xc3\xa9\n";
    for chunk in [1, 2, 3, 1000] {
        let (report, outputs) =
            run_chunked(CsvKind::Customers, csv_support::all_outputs(), input, chunk);
        assert_eq!(
            tuples(&report),
            [("csv_invalid_encoding", 2, 3, "name".to_string())]
        );
        assert_eq!((report.valid_rows, report.invalid_rows), (2, 1));
        assert_eq!(text(&outputs.cleaned), "Source_id,Name\nc1,ok\nc3,été\n");
        assert!(outputs.failed.ends_with(
            b"c2,caf\xe9,name: the cell holds bytes that are not UTF-8; save the file as UTF-8\n"
        ));
    }
}

#[test]
fn invalid_utf8_split_across_two_cells_is_found() {
    // \xc3 ends one field and \xa9 starts the next: each half is invalid on its own.
    let (report, _) = run(
        CsvKind::Customers,
        b"\xef\xbb\xbfsource_id,name\nc\xc3,\xa9\n",
    );
    let columns: Vec<&str> = of_code(&report, "csv_invalid_encoding")
        .iter()
        .map(|issue| issue.column.as_str())
        .collect();
    assert_eq!(columns, ["source_id", "name"]);
    assert_eq!(report.invalid_rows, 1);
}

#[test]
fn reports_a_quote_left_open_at_the_end() {
    let input = b"source_id,name\nc1,a\nc2,\"open\nc3,b\n";
    let (report, outputs) = run(CsvKind::Customers, input);
    assert_eq!(
        tuples(&report),
        [("csv_unterminated_quote", 2, 3, "name".to_string())]
    );
    assert_eq!((report.rows, report.invalid_rows), (2, 1));
    assert!(text(&outputs.failed).contains("c2,\"open\nc3,b\n\",name: a quoted field"));
}

#[test]
fn reports_rows_with_too_many_or_too_few_fields() {
    let (report, outputs) = run(
        CsvKind::Customers,
        b"source_id,name,email\nc1,a\nc2,b,c@d.io,x\nc3,c,\n",
    );
    assert_eq!(
        tuples(&report),
        [
            ("csv_field_count", 1, 2, String::new()),
            ("csv_field_count", 2, 3, String::new()),
        ]
    );
    assert!(report.issues[0]
        .message
        .contains("2 fields, but the header has 3"));
    // the failed file pads a short row so that the error lands in the error column
    assert!(text(&outputs.failed)
        .starts_with("source_id,name,email,error\nc1,a,,\"the row has 2 fields"));
}

#[test]
fn reports_an_empty_file_and_a_file_without_rows() {
    let (report, _) = run(CsvKind::Customers, b"");
    assert_eq!(
        tuples(&report),
        [("csv_missing_header", 0, 1, String::new())]
    );
    let (report, _) = run(CsvKind::Customers, b"\xef\xbb\xbf\n\n");
    assert_eq!(
        tuples(&report),
        [("csv_missing_header", 0, 1, String::new())]
    );
    let (report, outputs) = run(CsvKind::Customers, b"\nsource_id\n");
    assert_eq!(tuples(&report), [("too_few", 0, 2, String::new())]);
    assert_eq!(outputs.parts, [b"Source_id\n".to_vec()]);
}

#[test]
fn refuses_a_record_over_the_limit_and_reads_on() {
    let mut input = b"source_id,name\nc1,\"".to_vec();
    input.extend(std::iter::repeat_n(b'x', 3000));
    input.extend_from_slice(b"\"\nc2,b\n");
    let options = CsvOptions {
        max_record_bytes: 1024,
        ..csv_support::all_outputs()
    };
    let (report, outputs) = run_chunked(CsvKind::Customers, options, &input, 100);
    assert_eq!(
        tuples(&report),
        [("csv_record_too_large", 1, 2, String::new())]
    );
    assert_eq!(text(&outputs.cleaned), "Source_id,Name\nc2,b\n");
    assert_eq!(
        text(&outputs.failed),
        "source_id,name,error\n,,the record is larger than the record limit; it was not read\n"
    );
}

#[test]
fn caps_the_issue_list_but_keeps_counts_exact() {
    let mut input = b"source_id,email\n".to_vec();
    for i in 0..50 {
        input.extend_from_slice(format!("c{i},not-an-email\n").as_bytes());
    }
    let options = CsvOptions {
        max_issues: 10,
        ..CsvOptions::default()
    };
    let (report, _) = run_chunked(CsvKind::Customers, options, &input, 7);
    assert_eq!(report.issues.len(), 10);
    assert!(report.truncated);
    assert_eq!(report.warnings, 50);
    assert_eq!(report.counts_by_code.values().sum::<u64>(), 50);
    assert!(report.valid);
    let json = report.to_json();
    assert!(json.contains("\"validRows\":50"));
    assert!(json.contains("\"countsByCode\":{\"invalid_format\":50}"));
}

#[test]
fn text_after_a_closing_quote_is_a_csv_invalid_quote_error() {
    let input = b"source_id,name\nc2,\"a\"b\nc3,\"ok\"\n";
    let (report, _) = run(CsvKind::Customers, input);
    let issue = only(&report, "csv_invalid_quote");
    assert_eq!(
        (issue.row, issue.line, issue.column.as_str()),
        (1, 2, "name")
    );
    assert_eq!(issue.severity, Severity::Error);
    assert_eq!((report.valid_rows, report.invalid_rows), (1, 1));
}

#[test]
fn a_quote_inside_an_unquoted_cell_is_a_csv_invalid_quote_warning() {
    let (report, outputs) = run(CsvKind::Customers, b"source_id,name\nc1,12\" pizza\n");
    let issue = only(&report, "csv_invalid_quote");
    assert_eq!(
        (issue.row, issue.line, issue.column.as_str()),
        (1, 2, "name")
    );
    assert_eq!(issue.severity, Severity::Warning);
    assert!(report.valid);
    assert_eq!(
        text(&outputs.cleaned),
        "Source_id,Name\nc1,\"12\"\" pizza\"\n"
    );
}

#[test]
fn text_after_a_closing_quote_in_the_header_is_csv_invalid_quote() {
    let (report, _) = run(CsvKind::Customers, b"source_id,\"na\"me\nc1,x\n");
    let issue = only(&report, "csv_invalid_quote");
    assert_eq!((issue.row, issue.line), (0, 1));
    assert_eq!(report.invalid_rows, 1);
}

#[test]
fn a_blank_row_of_another_width_is_a_field_count() {
    let (report, _) = run(CsvKind::Customers, b"source_id,name,email\n,\nc1,x,\n");
    assert_eq!(tuples(&report), [("csv_field_count", 1, 2, String::new())]);
}
