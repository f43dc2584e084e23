//! No data loss: every record is counted once and lands in exactly one of the cleaned file and
//! the failed rows; parts re-join into the cleaned file byte for byte, each under the limit.

mod csv_support;

use csv_support::{generate, join_parts, run_chunked, text};
use voucherify_sync::{CsvKind, CsvOptions};

/// Data lines of a file written by this library (no quoted newlines in generated data).
fn data_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if lines.last() == Some(&&b""[..]) {
        lines.pop();
    }
    lines.remove(0);
    lines
}

#[test]
fn a_generated_file_of_100_000_rows_loses_no_record() {
    let (input, generated) = generate::customers_csv(100_000, 42, 5);
    let options = CsvOptions {
        max_part_bytes: 64 * 1024,
        ..csv_support::all_outputs()
    };
    let (report, outputs) = run_chunked(CsvKind::Customers, options, &input, 65_536);
    assert_eq!(report.rows, generated.records);
    assert_eq!(report.valid_rows + report.invalid_rows, report.rows);
    assert_eq!(report.invalid_rows, generated.invalid);
    assert!(generated.invalid > 100, "the file has errors");

    let cleaned = data_lines(&outputs.cleaned);
    let failed = data_lines(&outputs.failed);
    assert_eq!(cleaned.len() as u64, report.valid_rows);
    assert_eq!(failed.len() as u64, report.invalid_rows);

    // Every input record is in exactly one output: the cleaned rows are the input records
    // (already clean here) and the failed rows start with the input record's original bytes.
    let records = data_lines(&input);
    let (mut c, mut f) = (0, 0);
    for record in records {
        if cleaned.get(c) == Some(&record) {
            c += 1;
        } else {
            let failed_row = failed[f];
            assert!(failed_row.starts_with(record), "{}", text(record));
            f += 1;
        }
    }
    assert_eq!((c, f), (cleaned.len(), failed.len()));

    assert!(outputs.parts.len() > 300);
    for part in &outputs.parts {
        assert!(part.len() <= 64 * 1024);
        assert!(part.starts_with(b"Name,Source_id,"));
    }
    assert_eq!(join_parts(&outputs.parts), outputs.cleaned);
}

#[test]
fn parts_keep_quoted_newlines_whole() {
    let mut input = b"source_id,note\n".to_vec();
    for i in 0..3000 {
        input.extend_from_slice(format!("c{i},\"line one\nline, two \"\"{i}\"\"\"\n").as_bytes());
    }
    let options = CsvOptions {
        max_part_bytes: 4096,
        ..csv_support::all_outputs()
    };
    let (report, outputs) = run_chunked(CsvKind::Customers, options, &input, 1000);
    assert!(report.valid);
    assert_eq!(join_parts(&outputs.parts), outputs.cleaned);
    for part in &outputs.parts {
        assert!(part.len() <= 4096);
        // each part is a CSV of whole records: its quotes are balanced
        assert_eq!(part.iter().filter(|&&b| b == b'"').count() % 2, 0);
    }
}

#[test]
fn a_row_that_cannot_fit_in_a_part_is_refused() {
    let big = "x".repeat(2000);
    let input = format!("source_id,note\nc1,small\nc2,{big}\nc3,small\n");
    let options = CsvOptions {
        max_part_bytes: 1024,
        ..csv_support::all_outputs()
    };
    let (report, outputs) = run_chunked(CsvKind::Customers, options, input.as_bytes(), 100);
    assert_eq!(report.invalid_rows, 1);
    assert_eq!(report.issues[0].code.as_str(), "csv_record_too_large");
    assert_eq!(
        outputs.parts,
        [b"Source_id,note\nc1,small\nc3,small\n".to_vec()]
    );
}

#[test]
fn failed_rows_keep_their_original_bytes() {
    let input =
        b"source_id,name,birthdate\r\nc1,\"Ann, \"\"A\"\"\",1990-02-30\r\nc2,Bob,1990-01-01\r\n";
    let (_, outputs) = run_chunked(CsvKind::Customers, csv_support::all_outputs(), input, 4);
    assert_eq!(
        text(&outputs.failed),
        "source_id,name,birthdate,error\nc1,\"Ann, \"\"A\"\"\",1990-02-30,birthdate: birthdate must be a real date written YYYY-MM-DD\n"
    );
    assert_eq!(
        text(&outputs.cleaned),
        "Source_id,Name,Birthdate\nc2,Bob,1990-01-01\n"
    );
}

#[test]
fn outputs_are_off_unless_asked_for() {
    let (report, outputs) = run_chunked(
        CsvKind::Customers,
        CsvOptions::default(),
        b"source_id\nc1\n",
        2,
    );
    assert!(report.valid);
    assert!(outputs.cleaned.is_empty() && outputs.failed.is_empty() && outputs.parts.is_empty());
}
