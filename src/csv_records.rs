//! Reading a whole CSV file into its header and records of text, for tools that need flat
//! records (the command line's `build-customers` and `plan`) rather than an import check. The
//! records are split, and their reading problems found, by the import check's own reader, after
//! the same encoding and delimiter detection (Excel's semicolons, tabs, `sep=` line, UTF-16 and
//! Windows-1252 files are read as the import check reads them).

use serde::Serialize;

use crate::csv_import::file_format::FileFormat;
use crate::csv_import::records::{ReadProblem, Record, RecordReader, RecordSink};
use crate::Code;

/// A CSV file as text: the header, the records that can be used, and the ones left out.
///
/// `records`, `rows` and `lines` are parallel: record `i` is data row `rows[i]` and starts on
/// physical line `lines[i]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CsvRecords {
    /// The names of the first record, as written (unescaped, not trimmed).
    pub header: Vec<String>,
    /// The records with as many fields as the header, all UTF-8 (converted from the file's
    /// encoding), unescaped and not trimmed.
    pub records: Vec<Vec<String>>,
    /// The 1-based data row of each record (the header is row 0).
    pub rows: Vec<u64>,
    /// The 1-based physical line (counted by LF) where each record starts.
    pub lines: Vec<u64>,
    /// The records left out, and why.
    pub errors: Vec<CsvRecordError>,
    /// Records kept with a problem: a quote inside an unquoted field (`csv_invalid_quote`), which
    /// RFC 4180 does not allow but every reader keeps as written. When the file is not UTF-8 with
    /// commas, the first warning is one `csv_converted` (row 0, line 1) saying how it was read.
    pub warnings: Vec<CsvRecordError>,
}

/// A record left out of [`CsvRecords::records`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CsvRecordError {
    /// The 1-based data row (0 for the header).
    pub row: u64,
    /// The 1-based physical line where the record starts.
    pub line: u64,
    /// `csv_missing_header`, `csv_unterminated_quote`, `csv_invalid_quote`, `csv_invalid_encoding`,
    /// `csv_field_count` or (a warning) `csv_converted`.
    pub code: Code,
    /// A lowercase explanation with no trailing period.
    pub message: String,
}

/// Reads `input` (the whole file) into its header and records. The encoding (UTF-8, a UTF-8,
/// UTF-16LE or UTF-16BE byte order mark, else Windows-1252 when the bytes are not UTF-8) and the
/// delimiter (comma, semicolon, tab, or an Excel `sep=` line, which is not a record) are found as
/// the import check finds them. Blank lines are skipped (they still count for `line`). A record with a reading problem is
/// left out with its error; when the header has one, every record is left out (the header's
/// error says how many), and each keeps its own error too.
///
/// ```
/// let read = voucherify_sync::read_csv_records(b"name,city\n\"Smith, Ann\",Oslo\n");
/// assert_eq!(read.header, ["name", "city"]);
/// assert_eq!(read.records, [["Smith, Ann", "Oslo"]]);
/// assert_eq!((read.rows[0], read.lines[0]), (1, 2));
///
/// let excel = voucherify_sync::read_csv_records(b"name;city\r\nZo\xeb;Malm\xf6\r\n");
/// assert_eq!(excel.records, [["Zo\u{eb}", "Malm\u{f6}"]]);
/// assert_eq!(excel.warnings[0].code.as_str(), "csv_converted");
/// ```
pub fn read_csv_records(input: &[u8]) -> CsvRecords {
    let mut collect = Collect::default();
    let mut format = FileFormat::default();
    let mut reader = RecordReader::new(false, usize::MAX);
    format.feed(input, true, &mut reader, &mut collect);
    reader.finish(&mut collect);
    let mut read = collect.finish();
    if let Some(message) = format.conversion() {
        read.warnings
            .insert(0, error(0, 1, Code::CsvConverted, message));
    }
    read
}

/// Builds [`CsvRecords`] from the records as the reader hands them over.
#[derive(Default)]
struct Collect {
    read: CsvRecords,
    /// The header's field count, once read.
    width: Option<usize>,
    /// Whether the header could not be read.
    header_failed: bool,
    row: u64,
}

impl Collect {
    fn finish(mut self) -> CsvRecords {
        if self.width.is_none() {
            self.read.errors.push(error(
                0,
                1,
                Code::CsvMissingHeader,
                "the input is empty: there is no header line".into(),
            ));
        } else if self.header_failed && self.row > 0 {
            if let Some(header_error) = self.read.errors.first_mut() {
                header_error
                    .message
                    .push_str(&format!("; the {} rows after it are left out", self.row));
            }
        }
        self.read
    }

    fn header(&mut self, record: &Record<'_>) {
        let names = match record.read(None) {
            Ok(text) => (0..record.len())
                .map(|index| field_text(text, record, index))
                .collect::<Result<Vec<_>, _>>(),
            Err(problem) => Err(problem),
        };
        match names {
            Ok(names) => {
                self.read.header = names.into_iter().map(str::to_string).collect();
                if let Some(field) = record.stray_quote {
                    let message = format!(
                        "header field {} has a quote inside it while unquoted; it is read as written",
                        field.saturating_add(1)
                    );
                    self.read
                        .warnings
                        .push(error(0, record.line, Code::CsvInvalidQuote, message));
                }
            }
            Err(problem) => {
                self.header_failed = true;
                self.read.header = (0..record.len())
                    .map(|index| String::from_utf8_lossy(record.field(index)).into_owned())
                    .collect();
                let message = format!("the header cannot be read: {}", describe(problem, &[]));
                self.read
                    .errors
                    .push(error(0, record.line, problem.code(), message));
            }
        }
        self.width = Some(record.len());
    }

    fn row(&mut self, record: &Record<'_>, width: usize) {
        self.row = self.row.saturating_add(1);
        let fields = record.read(Some(width)).and_then(|text| {
            (0..record.len())
                .map(|index| field_text(text, record, index).map(str::to_string))
                .collect::<Result<Vec<_>, _>>()
        });
        match fields {
            // Under a header that could not be read, no record is used; the header's error
            // counts them.
            Ok(_) if self.header_failed => {}
            Ok(fields) => {
                if let Some(field) = record.stray_quote {
                    let message = format!(
                        "{} has a quote inside it while unquoted; it is read as written, but RFC 4180 wants the field quoted and the quote doubled",
                        column(&self.read.header, field)
                    );
                    self.read.warnings.push(error(
                        self.row,
                        record.line,
                        Code::CsvInvalidQuote,
                        message,
                    ));
                }
                self.read.records.push(fields);
                self.read.rows.push(self.row);
                self.read.lines.push(record.line);
            }
            Err(problem) => {
                let message = describe(problem, &self.read.header);
                self.read
                    .errors
                    .push(error(self.row, record.line, problem.code(), message));
            }
        }
    }
}

impl RecordSink for Collect {
    fn record(&mut self, record: &Record<'_>) {
        match self.width {
            None => self.header(record),
            Some(width) => self.row(record, width),
        }
    }
}

/// Field `index` of a record read as `text`.
fn field_text<'t>(
    text: &'t str,
    record: &Record<'_>,
    index: usize,
) -> Result<&'t str, ReadProblem> {
    let (start, end) = record.range(index);
    text.get(start..end)
        .ok_or(ReadProblem::InvalidEncoding(index))
}

/// The message of a reading problem; `header` names the columns (empty for the header itself).
fn describe(problem: ReadProblem, header: &[String]) -> String {
    let column = |field: usize| column(header, field);
    match problem {
        ReadProblem::UnterminatedQuote(field) => format!(
            "the quoted field {} is still open at the end of the input",
            field.saturating_add(1)
        ),
        ReadProblem::MisplacedQuote(field) => format!(
            "{} has text after its closing quote, which readers read differently (quote the whole field and double the quotes in it)",
            column(field)
        ),
        ReadProblem::InvalidEncoding(field) => {
            format!("{} holds bytes that are not UTF-8", column(field))
        }
        ReadProblem::FieldCount(got) => format!(
            "the row has {got} fields, but the header has {}",
            header.len()
        ),
        ReadProblem::TooLarge => String::from("the record is larger than the record limit"),
    }
}

/// A column by its header name, or a field by its 1-based number.
fn column(header: &[String], field: usize) -> String {
    match header.get(field) {
        Some(name) => format!("column {name:?}"),
        None => format!("field {}", field.saturating_add(1)),
    }
}

fn error(row: u64, line: u64, code: Code, message: String) -> CsvRecordError {
    CsvRecordError {
        row,
        line,
        code,
        message,
    }
}
