//! Native throughput of the streaming CSV validator on generated customers files of 100 000 and
//! 1 000 000 rows (~0.5 % bad rows), validate-only and with every output, in 64 KiB chunks,
//! beside `csv_core` parsing the same bytes with no check, as the ceiling in the same run.
//! Run with `cargo bench --bench csv_throughput`; `-- validate` (or `-- outputs`, `-- 100000`)
//! runs only the measurements whose label or size contains the word.

use std::time::{Duration, Instant};

use voucherify_sync::{CsvKind, CsvOptions, CsvReport, CsvValidator};

#[path = "../tests/csv_support/generate.rs"]
mod generate;

const CHUNK: usize = 64 * 1024;

fn run(bytes: &[u8], options: &CsvOptions) -> (Duration, CsvReport, usize) {
    let start = Instant::now();
    let mut validator =
        CsvValidator::new(CsvKind::Customers, options.clone()).expect("valid options");
    let mut output_bytes = 0;
    for chunk in bytes.chunks(CHUNK) {
        validator.push(chunk);
        output_bytes += validator.take_cleaned().len() + validator.take_failed().len();
        output_bytes += validator.take_parts().iter().map(Vec::len).sum::<usize>();
    }
    validator.end_input();
    output_bytes += validator.take_cleaned().len() + validator.take_failed().len();
    output_bytes += validator.take_parts().iter().map(Vec::len).sum::<usize>();
    let report = validator.finish();
    (start.elapsed(), report, output_bytes)
}

/// `csv_core` alone: every record split, nothing checked or kept.
fn parse_only(bytes: &[u8]) -> u64 {
    let mut reader = csv_core::Reader::new();
    let (mut output, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 1024]);
    let mut records = 0;
    let mut input = bytes;
    loop {
        let (result, nin, _, _) = reader.read_record(input, &mut output, &mut ends);
        input = &input[nin..];
        match result {
            csv_core::ReadRecordResult::Record => records += 1,
            csv_core::ReadRecordResult::End => return records,
            _ => {}
        }
    }
}

fn measure_parse(bytes: &[u8], runs: usize) {
    let mut times = Vec::new();
    let mut records = 0;
    for _ in 0..runs {
        let start = Instant::now();
        records = parse_only(bytes);
        times.push(start.elapsed());
    }
    times.sort();
    let seconds = times[times.len() / 2].as_secs_f64();
    println!(
        "{:<36} {:>8.1} MB/s {:>12.0} rows/s  median {:>8.1} ms of {runs}  records {records}",
        "  csv_core parse only (ceiling)",
        bytes.len() as f64 / seconds / 1e6,
        records as f64 / seconds,
        seconds * 1e3,
    );
}

fn measure(label: &str, bytes: &[u8], options: &CsvOptions, runs: usize) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let (elapsed, report, output_bytes) = run(bytes, options);
        times.push(elapsed);
        last = Some((report, output_bytes));
    }
    times.sort();
    let median = times[times.len() / 2];
    let Some((report, output_bytes)) = last else {
        return;
    };
    let seconds = median.as_secs_f64();
    println!(
        "{label:<36} {:>8.1} MB/s {:>12.0} rows/s  median {:>8.1} ms of {runs}  rows {} valid {} invalid {} issues {} output {:.1} MB",
        bytes.len() as f64 / seconds / 1e6,
        report.rows as f64 / seconds,
        seconds * 1e3,
        report.rows,
        report.valid_rows,
        report.invalid_rows,
        report.errors + report.warnings,
        output_bytes as f64 / 1e6,
    );
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let wanted = |label: &str, rows: u64| {
        filter.is_empty()
            || filter
                .iter()
                .all(|word| label.contains(word.as_str()) || rows.to_string() == *word)
    };
    let everything = CsvOptions {
        cleaned: true,
        failed: true,
        parts: true,
        ..CsvOptions::default()
    };
    for (rows, runs) in [(100_000u64, 9), (1_000_000, 5)] {
        if !["parse", "validate only", "outputs"]
            .iter()
            .any(|label| wanted(label, rows))
        {
            continue;
        }
        let (bytes, generated) = generate::customers_csv(rows, 42, 5);
        println!(
            "customers {rows} rows, {:.1} MB, {} bad rows, {} warned rows",
            bytes.len() as f64 / 1e6,
            generated.invalid,
            generated.warned
        );
        if wanted("parse", rows) {
            measure_parse(&bytes, runs);
        }
        if wanted("validate only", rows) {
            measure("  validate only", &bytes, &CsvOptions::default(), runs);
        }
        if wanted("outputs", rows) {
            measure(
                "  outputs (cleaned, failed, parts)",
                &bytes,
                &everything,
                runs,
            );
        }
    }
}
