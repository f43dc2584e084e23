//! Reading a whole CSV file into header and records (`read_csv_records`, the `csvRecords`
//! export): the csv-spectrum cases, line and row numbers, and the records left out.

use voucherify_sync::{read_csv_records, Code, CsvRecords};

fn records(read: &CsvRecords) -> Vec<Vec<&str>> {
    read.records
        .iter()
        .map(|record| record.iter().map(String::as_str).collect())
        .collect()
}

fn errors(read: &CsvRecords) -> Vec<(u64, u64, Code)> {
    read.errors
        .iter()
        .map(|e| (e.row, e.line, e.code))
        .collect()
}

#[test]
fn reads_the_csv_spectrum_cases() {
    let cases: &[(&[u8], &[&[&str]])] = &[
        (b"first,last\nJohn,Doe\n", &[&["John", "Doe"]]),
        (b"first,last\r\nJohn,Doe\r\n", &[&["John", "Doe"]]),
        (b"a,b\n1,\"ha, ha\"\n", &[&["1", "ha, ha"]]),
        (
            b"a,b\n1,\"ha \"\"ha\"\" ha\"\n3,4\n",
            &[&["1", "ha \"ha\" ha"], &["3", "4"]],
        ),
        (b"a,b\n1,\"x\ny\"\n3,4\n", &[&["1", "x\ny"], &["3", "4"]]),
        (
            b"a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n",
            &[&["1", "x\r\ny"], &["3", "4"]],
        ),
        (b"a,b\n\"\",\"\"\n", &[&["", ""]]),
        (b"k,v\n1,\"{\"\"a\"\": 1}\"\n", &[&["1", "{\"a\": 1}"]]),
        ("a,b\n1,ŁÓdź ✓\n".as_bytes(), &[&["1", "ŁÓdź ✓"]]),
    ];
    for (input, expected) in cases {
        let read = read_csv_records(input);
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        assert_eq!(
            records(&read),
            *expected,
            "{}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn keeps_the_header_as_written_and_drops_a_bom() {
    let read = read_csv_records(b"\xef\xbb\xbf Name ,Source_id\nAnn,c1");
    assert_eq!(read.header, [" Name ", "Source_id"]);
    assert_eq!(records(&read), [["Ann", "c1"]]);
}

#[test]
fn gives_rows_and_lines_past_blank_lines_and_quoted_newlines() {
    let read = read_csv_records(b"a,b\r\n\r\n1,\"two\nlines\"\n\n\n3,4\n5,6");
    assert_eq!(read.rows, [1, 2, 3]);
    assert_eq!(read.lines, [3, 7, 8]);
}

#[test]
fn leaves_out_rows_with_another_field_count() {
    let read = read_csv_records(b"a,b\n1,2\n1,2,3\n4\n5,6\n");
    assert_eq!(records(&read), [["1", "2"], ["5", "6"]]);
    assert_eq!(read.rows, [1, 4]);
    assert_eq!(
        errors(&read),
        [(2, 3, Code::CsvFieldCount), (3, 4, Code::CsvFieldCount)]
    );
    assert_eq!(
        read.errors[0].message,
        "the row has 3 fields, but the header has 2"
    );
}

#[test]
fn reports_a_quote_still_open_at_the_end() {
    let read = read_csv_records(b"a,b\n1,2\n3,\"open\nstill open");
    assert_eq!(records(&read), [["1", "2"]]);
    assert_eq!(errors(&read), [(2, 3, Code::CsvUnterminatedQuote)]);
    assert!(read.errors[0].message.contains("field 2"));
}

#[test]
fn a_closed_quote_at_the_end_without_a_newline_is_fine() {
    let read = read_csv_records(b"a,b\n1,\"closed\"\"\"");
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(records(&read), [["1", "closed\""]]);
}

#[test]
fn leaves_out_rows_that_are_not_utf8() {
    // The byte order mark says UTF-8; without it, the file would be read as Windows-1252.
    let read = read_csv_records(b"\xef\xbb\xbfa,b\n1,\xff\n2,ok\n");
    assert_eq!(records(&read), [["2", "ok"]]);
    assert_eq!(errors(&read), [(1, 2, Code::CsvInvalidEncoding)]);
    assert_eq!(
        read.errors[0].message,
        "column \"b\" holds bytes that are not UTF-8"
    );
}

#[test]
fn an_empty_input_has_no_header() {
    for input in [&b""[..], b"\n\r\n", b"\xef\xbb\xbf"] {
        let read = read_csv_records(input);
        assert!(read.header.is_empty());
        assert_eq!(errors(&read), [(0, 1, Code::CsvMissingHeader)]);
    }
}

#[test]
fn a_header_alone_has_no_records() {
    let read = read_csv_records(b"a,b\n");
    assert_eq!(read.header, ["a", "b"]);
    assert!(read.records.is_empty() && read.errors.is_empty());
}

#[test]
fn reads_records_longer_than_the_first_buffers() {
    let long = "x".repeat(10_000);
    let many = (0..200)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let header = (0..200)
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let input = format!("a\n\"{long}\"\n").into_bytes();
    assert_eq!(records(&read_csv_records(&input)), [[long.as_str()]]);
    let read = read_csv_records(format!("{header}\n{many}\n").as_bytes());
    assert_eq!(read.records[0].len(), 200);
    assert_eq!(read.records[0][199], "199");
}

#[test]
fn serializes_as_the_export_returns_it() {
    let read = read_csv_records(b"a\n1\n\"\n");
    let json = serde_json::to_value(&read).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "header": ["a"],
            "records": [["1"]],
            "rows": [1],
            "lines": [2],
            "errors": [{ "row": 2, "line": 3, "code": "csv_unterminated_quote", "message": "the quoted field 1 is still open at the end of the input" }],
            "warnings": [],
        })
    );
}

#[test]
fn reports_an_open_quote_in_the_header_line() {
    let read = read_csv_records(b"name,\"open\n");
    assert_eq!(errors(&read), [(0, 1, Code::CsvUnterminatedQuote)]);
    assert!(read.records.is_empty());
}

#[test]
fn leaves_out_a_record_with_text_after_a_closing_quote() {
    let read = read_csv_records(b"a,b\n\"2\"z,w\n3,\"ok \"\"q\"\"\"\n");
    assert_eq!(records(&read), [["3", "ok \"q\""]]);
    assert_eq!(errors(&read), [(1, 2, Code::CsvInvalidQuote)]);
    assert!(read.errors[0].message.starts_with("column \"a\""));
}

#[test]
fn keeps_a_quote_inside_an_unquoted_field_with_a_warning() {
    let read = read_csv_records(b"a,b\n1,12\" pizza\n");
    assert_eq!(records(&read), [["1", "12\" pizza"]]);
    assert!(read.errors.is_empty());
    let warnings: Vec<_> = read
        .warnings
        .iter()
        .map(|w| (w.row, w.line, w.code))
        .collect();
    assert_eq!(warnings, [(1, 2, Code::CsvInvalidQuote)]);
}

#[test]
fn a_header_that_cannot_be_read_leaves_every_record_out() {
    let read = read_csv_records(b"a,\"b\"c\n1,2\n3\n");
    assert!(read.records.is_empty());
    assert_eq!(
        errors(&read),
        [(0, 1, Code::CsvInvalidQuote), (2, 3, Code::CsvFieldCount)]
    );
    assert!(read.errors[0]
        .message
        .ends_with("the 2 rows after it are left out"));
}
