//! Helpers shared by the CSV integration tests: run a validator over chunks, draining the
//! outputs after every push, and read issues as comparable tuples.
#![allow(dead_code)]

pub mod generate;

use voucherify_sync::{CsvIssue, CsvKind, CsvOptions, CsvOutputs, CsvReport, CsvValidator};

/// Every output on.
pub fn all_outputs() -> CsvOptions {
    CsvOptions {
        cleaned: true,
        failed: true,
        parts: true,
        ..CsvOptions::default()
    }
}

/// Feeds `bytes` in chunks of `chunk` bytes, draining the outputs after each push, and returns
/// the report with everything the run produced.
pub fn run_chunked(
    kind: CsvKind,
    options: CsvOptions,
    bytes: &[u8],
    chunk: usize,
) -> (CsvReport, CsvOutputs) {
    let mut validator = CsvValidator::new(kind, options).expect("valid options");
    let mut outputs = CsvOutputs::default();
    let drain = |validator: &mut CsvValidator, outputs: &mut CsvOutputs| {
        outputs.cleaned.extend(validator.take_cleaned());
        outputs.failed.extend(validator.take_failed());
        outputs.parts.extend(validator.take_parts());
        outputs.import_bodies.extend(validator.take_import_bodies());
    };
    for piece in bytes.chunks(chunk.max(1)) {
        validator.push(piece);
        drain(&mut validator, &mut outputs);
    }
    validator.end_input();
    drain(&mut validator, &mut outputs);
    (validator.finish(), outputs)
}

/// Runs a whole input in one chunk with every output on.
pub fn run(kind: CsvKind, bytes: &[u8]) -> (CsvReport, CsvOutputs) {
    run_chunked(kind, all_outputs(), bytes, bytes.len().max(1))
}

/// The issues as `(code, row, line, column)`.
pub fn tuples(report: &CsvReport) -> Vec<(&'static str, u64, u64, String)> {
    report
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.row, i.line, i.column.clone()))
        .collect()
}

/// The issues of one code.
pub fn of_code<'r>(report: &'r CsvReport, code: &str) -> Vec<&'r CsvIssue> {
    report
        .issues
        .iter()
        .filter(|i| i.code.as_str() == code)
        .collect()
}

/// The one issue of `code`, asserting there is exactly one.
pub fn only<'r>(report: &'r CsvReport, code: &str) -> &'r CsvIssue {
    let found = of_code(report, code);
    assert_eq!(found.len(), 1, "one {code} in {:#?}", report.issues);
    found[0]
}

/// The output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Concatenates parts, dropping the header line of every part after the first.
pub fn join_parts(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut joined = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        if index == 0 {
            joined.extend_from_slice(part);
        } else {
            let header_end = part
                .iter()
                .position(|&b| b == b'\n')
                .map_or(part.len(), |p| p + 1);
            joined.extend_from_slice(&part[header_end..]);
        }
    }
    joined
}
