//! Reading a whole CSV file into its header and records of text, with `csv_core`, for tools
//! that need flat records (the command line's `build-customers` and `plan`) rather than an
//! import check.

use csv_core::{ReadRecordResult, Reader};
use serde::Serialize;

use crate::Code;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// A CSV file as text: the header, the records that can be used, and the ones left out.
///
/// `records`, `rows` and `lines` are parallel: record `i` is data row `rows[i]` and starts on
/// physical line `lines[i]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CsvRecords {
    /// The names of the first record, as written (unescaped, not trimmed).
    pub header: Vec<String>,
    /// The records with as many fields as the header, all UTF-8, unescaped and not trimmed.
    pub records: Vec<Vec<String>>,
    /// The 1-based data row of each record (the header is row 0).
    pub rows: Vec<u64>,
    /// The 1-based physical line (counted by LF) where each record starts.
    pub lines: Vec<u64>,
    /// The records left out, and why.
    pub errors: Vec<CsvRecordError>,
}

/// A record left out of [`CsvRecords::records`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CsvRecordError {
    /// The 1-based data row (0 for the header).
    pub row: u64,
    /// The 1-based physical line where the record starts.
    pub line: u64,
    /// `csv_missing_header`, `csv_field_count`, `csv_unterminated_quote` or `csv_invalid_encoding`.
    pub code: Code,
    /// A lowercase explanation with no trailing period.
    pub message: String,
}

/// Reads `input` (the whole file) into its header and records. Blank lines are skipped (they
/// still count for `line`); a leading UTF-8 BOM is dropped.
///
/// ```
/// let read = voucherify_sync::read_csv_records(b"name,city\n\"Smith, Ann\",Oslo\n");
/// assert_eq!(read.header, ["name", "city"]);
/// assert_eq!(read.records, [["Smith, Ann", "Oslo"]]);
/// assert_eq!((read.rows[0], read.lines[0]), (1, 2));
/// ```
pub fn read_csv_records(input: &[u8]) -> CsvRecords {
    let mut read = CsvRecords::default();
    let mut splitter = Splitter::new(input.strip_prefix(BOM).unwrap_or(input));
    let mut row = 0u64;
    let mut header = None;
    while let Some(record) = splitter.next_record() {
        let fields: Vec<Option<String>> = (0..record.ends.len())
            .map(|index| String::from_utf8(record.field(index).to_vec()).ok())
            .collect();
        let Some(width) = header else {
            if let Some(index) = fields.iter().position(Option::is_none) {
                read.errors.push(error(
                    0,
                    record.line,
                    Code::CsvInvalidEncoding,
                    format!(
                        "header name {} holds bytes that are not UTF-8",
                        index.saturating_add(1)
                    ),
                ));
            }
            read.header = (0..record.ends.len())
                .map(|index| String::from_utf8_lossy(record.field(index)).into_owned())
                .collect();
            header = Some(read.header.len());
            continue;
        };
        row = row.saturating_add(1);
        let problem = if let Some(field) = record.open_quote {
            Some((
                Code::CsvUnterminatedQuote,
                format!(
                    "the quoted field {} is still open at the end of the input",
                    field.saturating_add(1)
                ),
            ))
        } else if fields.len() != width {
            Some((
                Code::CsvFieldCount,
                format!(
                    "the row has {} fields, but the header has {width}",
                    fields.len()
                ),
            ))
        } else {
            fields.iter().position(Option::is_none).map(|index| {
                (
                    Code::CsvInvalidEncoding,
                    format!(
                        "column {:?} holds bytes that are not UTF-8",
                        read.header.get(index).map_or("", String::as_str)
                    ),
                )
            })
        };
        match problem {
            Some((code, message)) => read.errors.push(error(row, record.line, code, message)),
            None => {
                read.records.push(fields.into_iter().flatten().collect());
                read.rows.push(row);
                read.lines.push(record.line);
            }
        }
    }
    if header.is_none() {
        read.errors.push(error(
            0,
            1,
            Code::CsvMissingHeader,
            "the input is empty: there is no header line".into(),
        ));
    }
    read
}

fn error(row: u64, line: u64, code: Code, message: String) -> CsvRecordError {
    CsvRecordError {
        row,
        line,
        code,
        message,
    }
}

/// One record as `csv_core` split it.
struct RawRecord<'a> {
    fields: &'a [u8],
    ends: &'a [usize],
    line: u64,
    /// The 0-based field where a quote opened and never closed.
    open_quote: Option<usize>,
}

impl RawRecord<'_> {
    fn field(&self, index: usize) -> &[u8] {
        let start = index
            .checked_sub(1)
            .and_then(|previous| self.ends.get(previous))
            .copied()
            .unwrap_or(0);
        let end = self.ends.get(index).copied().unwrap_or(start);
        self.fields.get(start..end).unwrap_or_default()
    }
}

/// Splits a whole input into records, keeping the line each starts on.
struct Splitter<'a> {
    input: &'a [u8],
    pos: usize,
    line: u64,
    core: Reader,
    fields: Vec<u8>,
    ends: Vec<usize>,
}

impl<'a> Splitter<'a> {
    fn new(input: &'a [u8]) -> Self {
        Splitter {
            input,
            pos: 0,
            line: 1,
            core: Reader::new(),
            fields: vec![0; 4096],
            ends: vec![0; 64],
        }
    }

    fn next_record(&mut self) -> Option<RawRecord<'_>> {
        // Blank lines: csv_core skips them too, but the record's line must count them.
        while let Some(&byte) = self.input.get(self.pos) {
            match byte {
                b'\n' => self.line = self.line.saturating_add(1),
                b'\r' => {}
                _ => break,
            }
            self.pos = self.pos.saturating_add(1);
        }
        if self.pos >= self.input.len() {
            return None;
        }
        let start = self.pos;
        let (mut nout, mut nend) = (0usize, 0usize);
        let mut feed = self.input.get(self.pos..).unwrap_or_default();
        let mut probed = false;
        let mut open_quote = false;
        loop {
            let (result, nin, out, end) = self.core.read_record(
                feed,
                self.fields.get_mut(nout..).unwrap_or_default(),
                self.ends.get_mut(nend..).unwrap_or_default(),
            );
            feed = feed.get(nin..).unwrap_or_default();
            if !probed {
                self.pos = self.pos.saturating_add(nin);
            }
            nout = nout.saturating_add(out);
            nend = nend.saturating_add(end);
            match result {
                ReadRecordResult::Record => break,
                ReadRecordResult::OutputFull => {
                    let bigger = self.fields.len().saturating_mul(2);
                    self.fields.resize(bigger, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let bigger = self.ends.len().saturating_mul(2);
                    self.ends.resize(bigger, 0);
                }
                // The input ended inside the record. A newline ends it, unless a quote is open
                // and takes the newline into the field; then the end of input ends it.
                ReadRecordResult::InputEmpty | ReadRecordResult::End if !probed => {
                    probed = true;
                    feed = b"\n";
                }
                ReadRecordResult::InputEmpty | ReadRecordResult::End if !open_quote => {
                    open_quote = true;
                    feed = b"";
                }
                ReadRecordResult::InputEmpty | ReadRecordResult::End => break,
            }
        }
        let line = self.line;
        let consumed = self.input.get(start..self.pos).unwrap_or_default();
        let newlines = consumed.iter().filter(|byte| **byte == b'\n').count();
        self.line = self
            .line
            .saturating_add(u64::try_from(newlines).unwrap_or(u64::MAX));
        let ends = self.ends.get(..nend).unwrap_or_default();
        Some(RawRecord {
            fields: self.fields.get(..nout).unwrap_or_default(),
            open_quote: open_quote.then(|| ends.len().saturating_sub(1)),
            ends,
            line,
        })
    }
}
