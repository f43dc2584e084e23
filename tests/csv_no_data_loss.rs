//! No data loss, as a property over random customers files: every record ends up in exactly one
//! of the cleaned file or the failed rows (the failed rows keep its original fields), the counts
//! add up, and the parts rejoin into the cleaned file byte for byte.

use std::collections::BTreeSet;

use proptest::prelude::*;
use voucherify_sync::{read_csv_records, CsvKind, CsvOptions, CsvValidator};

/// A cell: plain text, text that needs quoting, a bad or good date, an email, or empty.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        Just("Smith, John".to_string()),
        Just("say \"hi\"".to_string()),
        Just("two\nlines".to_string()),
        Just("1990-02-30".to_string()),
        Just("1990-07-03".to_string()),
        Just("bob@example.com".to_string()),
        Just("not-an-email".to_string()),
        Just(String::new()),
        Just("=SUM(A1)".to_string()),
    ]
}

fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A customers file with unique source_ids, LF or CRLF line ends, with or without a final newline.
fn customers_file() -> impl Strategy<Value = (String, usize)> {
    (
        prop::collection::vec((cell(), cell(), cell()), 0..60),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rows, crlf, final_newline)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = String::from("source_id,name,email,birthdate");
            for (index, (name, email, birthdate)) in rows.iter().enumerate() {
                text.push_str(end);
                text.push_str(&format!(
                    "c{index},{},{},{}",
                    quote(name),
                    quote(email),
                    quote(birthdate)
                ));
            }
            if final_newline {
                text.push_str(end);
            }
            (text, rows.len())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_record_lands_in_exactly_one_output((file, count) in customers_file(), part_bytes in 200usize..2000) {
        let options = CsvOptions { cleaned: true, failed: true, parts: true, max_part_bytes: part_bytes.max(1024), ..CsvOptions::default() };
        let mut validator = CsvValidator::new(CsvKind::Customers, options).unwrap();
        validator.push(file.as_bytes());
        let (report, outputs) = validator.finish_with_outputs();
        prop_assert_eq!(report.rows as usize, count);
        prop_assert_eq!(report.valid_rows + report.invalid_rows, report.rows);

        let input = read_csv_records(file.as_bytes());
        let cleaned = read_csv_records(&outputs.cleaned);
        let failed = read_csv_records(&outputs.failed);
        prop_assert_eq!(cleaned.records.len(), report.valid_rows as usize);
        prop_assert_eq!(failed.records.len(), report.invalid_rows as usize);
        let ids = |records: &[Vec<String>]| records.iter().map(|r| r[0].trim().to_string()).collect::<BTreeSet<_>>();
        let kept = ids(&cleaned.records);
        let dropped = ids(&failed.records);
        prop_assert!(kept.is_disjoint(&dropped));
        prop_assert_eq!(kept.union(&dropped).cloned().collect::<BTreeSet<_>>(), ids(&input.records));
        // A failed row keeps the record's original fields, then the error column.
        for record in &failed.records {
            let original = input.records.iter().find(|r| r[0] == record[0]).unwrap();
            prop_assert_eq!(&record[..original.len()], &original[..]);
            prop_assert_eq!(record.len(), original.len() + 1);
        }

        let mut joined: Vec<u8> = Vec::new();
        for (index, part) in outputs.parts.iter().enumerate() {
            prop_assert!(part.len() <= part_bytes.max(1024));
            let header_end = part.iter().position(|b| *b == b'\n').map_or(part.len(), |i| i + 1);
            joined.extend_from_slice(if index == 0 { part } else { &part[header_end..] });
        }
        if !outputs.parts.is_empty() {
            prop_assert_eq!(joined, outputs.cleaned);
        }
    }
}
