//! The streaming entry point: a validator fed chunks of any size, whose outputs the caller
//! drains as they grow, and whose report comes at the end.

use super::catalog::Catalog;
use super::file_format::FileFormat;
use super::records::RecordReader;
use super::run::Run;
use super::{CsvKind, CsvOptions, CsvReport};
use crate::UsageError;

/// What a run produced and the caller had not drained yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvOutputs {
    /// The cleaned file (valid rows only), when asked for.
    pub cleaned: Vec<u8>,
    /// The failed rows with an `error` column, when asked for.
    pub failed: Vec<u8>,
    /// The cleaned file in parts under `max_part_bytes`, each with the header, when asked for.
    pub parts: Vec<Vec<u8>>,
    /// `POST /v1/orders/import` bodies as JSON, when asked for (orders only).
    pub import_bodies: Vec<Vec<u8>>,
}

/// Checks a CSV file for an import, streaming: [`CsvValidator::push`] takes chunks of any size
/// (a chunk may end inside a record, a quoted field or a UTF-8 character), the `take_*` methods
/// drain the outputs produced so far, and [`CsvValidator::finish`] returns the report.
///
/// ```
/// use voucherify_sync::{CsvKind, CsvOptions, CsvValidator};
///
/// let options = CsvOptions { cleaned: true, ..CsvOptions::default() };
/// let mut validator = CsvValidator::new(CsvKind::Customers, options).unwrap();
/// validator.push(b"source_id,email,birthdate\nc1,a@b.io,1990-07-0");
/// validator.push(b"3\nc2,bob,1990-02-30\n");
/// let (report, outputs) = validator.finish_with_outputs();
/// assert_eq!((report.rows, report.valid_rows, report.invalid_rows), (2, 1, 1));
/// assert_eq!(report.issues[0].code.as_str(), "invalid_format");
/// assert_eq!((report.issues[0].row, report.issues[0].line), (2, 3));
/// assert_eq!(outputs.cleaned, b"Source_id,Email,Birthdate\nc1,a@b.io,1990-07-03\n");
/// ```
pub struct CsvValidator {
    format: FileFormat,
    max_issues: usize,
    reader: RecordReader,
    run: Run,
    ended: bool,
}

impl CsvValidator {
    /// A validator for a `kind` file; refuses options that cannot work (a `products` file
    /// without a `source_id` column, `products` for another kind than SKUs, limits too small).
    pub fn new(kind: CsvKind, options: CsvOptions) -> Result<CsvValidator, UsageError> {
        options.check(kind)?;
        let catalog = match options.products.as_deref() {
            Some(bytes) => Some(Catalog::read(bytes)?),
            None => None,
        };
        let reader = RecordReader::new(options.failed, options.max_record_bytes);
        Ok(CsvValidator {
            format: FileFormat::default(),
            max_issues: options.max_issues,
            reader,
            run: Run::new(kind, options, catalog),
            ended: false,
        })
    }

    /// Reads the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) {
        if self.ended {
            return;
        }
        self.run.totals.bytes = self.run.totals.bytes.saturating_add(chunk.len() as u64);
        self.format
            .feed(chunk, false, &mut self.reader, &mut self.run);
    }

    /// Ends the input: the last record is read, the last part and import bodies completed.
    /// Drain the outputs after it; [`CsvValidator::finish`] calls it when needed.
    pub fn end_input(&mut self) {
        if self.ended {
            return;
        }
        self.ended = true;
        self.format.feed(&[], true, &mut self.reader, &mut self.run);
        self.reader.finish(&mut self.run);
        self.run.end();
    }

    /// Data rows read so far (for progress).
    pub fn rows(&self) -> u64 {
        self.run.totals.rows
    }

    /// Bytes read so far (for progress).
    pub fn bytes(&self) -> u64 {
        self.run.totals.bytes
    }

    /// Drains the cleaned file written so far.
    pub fn take_cleaned(&mut self) -> Vec<u8> {
        self.run.outputs.take_cleaned()
    }

    /// Drains the failed rows written so far.
    pub fn take_failed(&mut self) -> Vec<u8> {
        self.run.outputs.take_failed()
    }

    /// Drains the parts completed so far (the last one is completed by
    /// [`CsvValidator::end_input`]).
    pub fn take_parts(&mut self) -> Vec<Vec<u8>> {
        self.run.outputs.take_parts()
    }

    /// Drains the order import bodies completed so far.
    pub fn take_import_bodies(&mut self) -> Vec<Vec<u8>> {
        self.run
            .orders
            .as_mut()
            .map(|orders| orders.take_bodies())
            .unwrap_or_default()
    }

    /// Ends the input and returns the report; outputs not drained are dropped.
    pub fn finish(mut self) -> CsvReport {
        self.end_input();
        self.into_report()
    }

    /// Ends the input and returns the report with the outputs not drained yet.
    pub fn finish_with_outputs(mut self) -> (CsvReport, CsvOutputs) {
        self.end_input();
        let outputs = CsvOutputs {
            cleaned: self.take_cleaned(),
            failed: self.take_failed(),
            parts: self.take_parts(),
            import_bodies: self.take_import_bodies(),
        };
        (self.into_report(), outputs)
    }

    fn into_report(self) -> CsvReport {
        let mut report = self.run.into_report();
        self.format.prepend_to(&mut report, self.max_issues);
        report
    }
}

/// Checks a whole file held in memory: the same as one [`CsvValidator::push`] and
/// [`CsvValidator::finish_with_outputs`].
pub fn validate_csv(
    kind: CsvKind,
    options: CsvOptions,
    bytes: &[u8],
) -> Result<(CsvReport, CsvOutputs), UsageError> {
    let mut validator = CsvValidator::new(kind, options)?;
    validator.push(bytes);
    Ok(validator.finish_with_outputs())
}
