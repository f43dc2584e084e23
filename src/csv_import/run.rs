//! The state of one CSV check: the header once read, the totals, the issues, the duplicate
//! set, the outputs, and the flow of each record through the checks.

use super::catalog::Catalog;
use super::columns::Field;
use super::header::Header;
use super::id_set::IdSet;
use super::orders::{OrderBook, OrderRow};
use super::outputs::{write_line, Outputs};
use super::records::{ReadProblem, Record, RecordSink};
use super::report::{bounded_message, shorten, CsvIssue, CsvReport, IssueLog, Totals};
use super::row_issues::RowIssues;
use super::{CsvKind, CsvOptions, PriceUnit};
use crate::{Code, Severity, ValidationOptions};

/// The warning of a quote inside an unquoted cell, which RFC 4180 does not allow.
const STRAY_QUOTE: &str =
    "a quote inside an unquoted cell is read as written, but RFC 4180 wants the cell quoted and the quote doubled";

/// Where the columns that rows look up across cells are.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Positions {
    pub(crate) source_id: Option<usize>,
    pub(crate) id: Option<usize>,
    pub(crate) product_id: Option<usize>,
}

/// Everything one check holds between records.
pub(crate) struct Run {
    pub(crate) kind: CsvKind,
    pub(crate) price_unit: PriceUnit,
    pub(crate) validation: ValidationOptions,
    pub(crate) header: Option<Header>,
    pub(crate) header_ok: bool,
    pub(crate) positions: Positions,
    pub(crate) required_order_metadata: Vec<usize>,
    pub(crate) totals: Totals,
    pub(crate) log: IssueLog,
    pub(crate) issues: RowIssues,
    pub(crate) ids: IdSet,
    pub(crate) catalog: Option<Catalog>,
    pub(crate) outputs: Outputs,
    pub(crate) orders: Option<OrderBook>,
    pub(crate) build_bodies: bool,
    total_bytes: Option<u64>,
    header_line: u64,
    ended: bool,
}

impl Run {
    /// A run of `kind` with checked options.
    pub(crate) fn new(kind: CsvKind, options: CsvOptions, catalog: Option<Catalog>) -> Self {
        let orders = (kind == CsvKind::Orders).then(|| {
            OrderBook::new(
                options.import_bodies,
                options.orders_per_body,
                options.max_open_orders,
            )
        });
        Run {
            kind,
            price_unit: options.price_unit,
            validation: ValidationOptions {
                metadata_schemas: options.metadata_schemas,
                ..ValidationOptions::default()
            },
            header: None,
            header_ok: false,
            positions: Positions::default(),
            required_order_metadata: Vec::new(),
            totals: Totals::default(),
            log: IssueLog::new(options.max_issues),
            issues: RowIssues::default(),
            ids: IdSet::default(),
            catalog,
            outputs: Outputs::new(
                options.cleaned,
                options.failed,
                options.parts,
                options.max_part_bytes,
            ),
            orders,
            build_bodies: options.import_bodies,
            total_bytes: options.total_bytes,
            header_line: 1,
            ended: false,
        }
    }

    /// Closes the run after the last record: file-level issues, the last part, the last orders.
    pub(crate) fn end(&mut self) {
        if self.ended {
            return;
        }
        self.ended = true;
        if self.header.is_none() {
            self.file_issue(
                Code::CsvMissingHeader,
                1,
                "the file is empty; the first line must be the header",
            );
        } else if self.totals.rows == 0 {
            self.file_issue(
                Code::TooFew,
                self.header_line,
                "the file has a header but no data rows",
            );
        }
        if let Some(orders) = self.orders.as_mut() {
            orders.finish();
        }
        self.outputs.finish();
    }

    /// The report of the run.
    pub(crate) fn into_report(self) -> CsvReport {
        self.log.into_report(self.kind, self.totals)
    }

    fn file_issue(&mut self, code: Code, line: u64, message: &str) {
        self.log.add(CsvIssue {
            code,
            severity: Severity::Error,
            message: message.to_string(),
            row: 0,
            line,
            column: String::new(),
            column_index: None,
            value: None,
        });
    }

    fn read_header(&mut self, record: &Record<'_>) {
        let mut problems = Vec::new();
        // The first reading problem of the line, as for rows; bytes that are not UTF-8 are
        // reported below, name by name, when the line could be split.
        let structural = record.read(None).err().filter(|problem| {
            !matches!(
                problem,
                ReadProblem::InvalidEncoding(_) | ReadProblem::FieldCount(_)
            )
        });
        if let Some(problem) = structural {
            let message = match problem {
                ReadProblem::UnterminatedQuote(field) => format!(
                    "a quote opened in header field {} is never closed",
                    field.saturating_add(1)
                ),
                ReadProblem::MisplacedQuote(field) => format!(
                    "text follows a closing quote in header field {}",
                    field.saturating_add(1)
                ),
                _ => String::from("the header line is larger than the record limit"),
            };
            problems.push((problem.code(), None, message));
        }
        let split = problems.is_empty();
        // As for rows: the warning of a line read whole, with no other problem.
        if let (Ok(_), Some(field)) = (record.read(None), record.stray_quote) {
            let message = format!("header field {}: {STRAY_QUOTE}", field.saturating_add(1));
            self.header_issue(
                Code::CsvInvalidQuote,
                Severity::Warning,
                (String::new(), None),
                message,
                record.line,
            );
        }
        let names: Vec<String> = (0..record.len())
            .map(|index| {
                let bytes = record.field(index);
                match std::str::from_utf8(bytes) {
                    Ok(text) => text.to_string(),
                    Err(_) => {
                        let lossy = String::from_utf8_lossy(bytes).trim().to_string();
                        if split {
                            problems.push((
                                Code::CsvInvalidEncoding,
                                Some((index, shorten(&lossy))),
                                String::from("the header name holds bytes that are not UTF-8"),
                            ));
                        }
                        lossy
                    }
                }
            })
            .collect();
        let header = Header::read(self.kind, &names, self.validation.metadata_schemas.as_ref());
        self.header_ok = problems.is_empty() && !header.has_errors();
        for (code, column, message) in problems {
            let (index, name) = column.map_or((None, String::new()), |(i, n)| (Some(i), n));
            self.header_issue(code, Severity::Error, (name, index), message, record.line);
        }
        for problem in &header.problems {
            self.header_issue(
                problem.code,
                problem.severity,
                (problem.column.clone(), problem.column_index),
                problem.message.clone(),
                record.line,
            );
        }
        self.header_line = record.line;
        self.positions = Positions {
            source_id: header.position(&Field::SourceId),
            id: header.position(&Field::Id),
            product_id: header.position(&Field::ProductId),
        };
        if self.kind == CsvKind::Orders {
            self.required_order_metadata = self.required_metadata_columns(&header);
        }
        let canonical: Vec<&str> = header
            .columns
            .iter()
            .map(|c| c.canonical.as_str())
            .collect();
        let original = record.original().unwrap_or_else(|| {
            let mut line = Vec::new();
            write_line(&mut line, names.iter().map(|n| n.as_bytes()));
            line.pop();
            line
        });
        self.outputs
            .start(&canonical, &original, header.columns.len());
        self.header = Some(header);
    }

    fn required_metadata_columns(&self, header: &Header) -> Vec<usize> {
        let Some(schemas) = self.validation.metadata_schemas.as_ref() else {
            return Vec::new();
        };
        header
            .columns
            .iter()
            .enumerate()
            .filter(|(_, column)| match &column.field {
                Field::Metadata(key) => schemas
                    .definition("order", key)
                    .is_some_and(|d| !d.optional && !d.deleted),
                _ => false,
            })
            .map(|(index, _)| index)
            .collect()
    }

    /// An issue of the header; `column` is the (shortened) name and the position it has.
    fn header_issue(
        &mut self,
        code: Code,
        severity: Severity,
        column: (String, Option<usize>),
        message: String,
        line: u64,
    ) {
        self.log.add(CsvIssue {
            code,
            severity,
            message: bounded_message(message),
            row: 0,
            line,
            column: shorten(&column.0),
            column_index: column.1.map(|index| index as u64),
            value: None,
        });
    }

    /// Checks one data record and sends it to the cleaned or the failed output.
    fn check_record(&mut self, record: &Record<'_>, header: &Header) {
        self.totals.rows = self.totals.rows.saturating_add(1);
        let row = self.totals.rows;
        if row == 1 {
            self.size_id_index(record);
        }
        let detail = self.log.has_room() || self.outputs.wants_failed();
        self.issues.start(row, record.line, detail);
        match record.read(Some(header.columns.len())) {
            Ok(text) => {
                if let Some(field) = record.stray_quote {
                    let column = header.columns.get(field);
                    self.issues.add(
                        Code::CsvInvalidQuote,
                        Severity::Warning,
                        column,
                        None,
                        || String::from(STRAY_QUOTE),
                    );
                }
                self.check_cells(record, text, header);
            }
            Err(problem) => self.read_problem(problem, header),
        }
        self.finish_record(record);
    }

    /// Reports a record that cannot be read as a row.
    fn read_problem(&mut self, problem: ReadProblem, header: &Header) {
        let column = match problem {
            ReadProblem::UnterminatedQuote(field)
            | ReadProblem::MisplacedQuote(field)
            | ReadProblem::InvalidEncoding(field) => header.columns.get(field),
            ReadProblem::TooLarge | ReadProblem::FieldCount(_) => None,
        };
        let width = header.columns.len();
        self.issues.add(
            problem.code(),
            Severity::Error,
            column,
            None,
            || match problem {
                ReadProblem::UnterminatedQuote(_) => String::from(
                    "a quoted field opened here is never closed before the end of the file",
                ),
                ReadProblem::TooLarge => {
                    String::from("the record is larger than the record limit; it was not read")
                }
                ReadProblem::MisplacedQuote(_) => String::from(
                    "text follows a closing quote, which readers read differently: quote the whole cell and double the quotes in it",
                ),
                ReadProblem::InvalidEncoding(_) => {
                    String::from("the cell holds bytes that are not UTF-8; save the file as UTF-8")
                }
                ReadProblem::FieldCount(got) => format!(
                    "the row has {got} fields, but the header has {width}; a comma or a quote may be missing or extra"
                ),
            },
        );
    }

    /// When the file's size is known, sizes the duplicate index for the rows it likely holds
    /// (its size over the first row's, at most 1 048 576), so the index is not rebuilt at every
    /// doubling on the way there.
    fn size_id_index(&mut self, record: &Record<'_>) {
        const MOST_RESERVED: u64 = 1 << 20;
        let uses_ids = self.kind != CsvKind::Orders && self.positions.source_id.is_some();
        let (Some(total), true) = (self.total_bytes, uses_ids) else {
            return;
        };
        // The unescaped fields, a delimiter after each, the line feed: about the row's bytes.
        let row_bytes = record.fields.len().saturating_add(record.len()).max(1) as u64;
        let expected = total.checked_div(row_bytes).unwrap_or(0).min(MOST_RESERVED);
        self.ids.reserve(usize::try_from(expected).unwrap_or(0));
    }

    /// With parts asked for, a valid row must fit in a part with the header.
    pub(crate) fn check_part_fit(&mut self) {
        if self.outputs.wants_records()
            && !self.issues.has_errors()
            && self.header_ok
            && !self.outputs.fits_in_part()
        {
            self.issues
                .add(Code::CsvRecordTooLarge, Severity::Error, None, None, || {
                    String::from("the row alone does not fit in one part under the part size limit")
                });
        }
    }

    /// Places an order row in its order; the book's problems are errors of the row.
    pub(crate) fn place_order(&mut self, order_row: OrderRow<'_>, line: u64, header: &Header) {
        let (Some(orders), true) = (self.orders.as_mut(), self.header_ok) else {
            return;
        };
        let seen = super::id_set::Seen {
            row: self.totals.rows,
            line,
        };
        let invalid = self.issues.has_errors();
        for problem in orders.place(order_row, seen, invalid) {
            let column = problem
                .field
                .and_then(|field| header.position(&field))
                .and_then(|index| header.columns.get(index));
            self.issues
                .add(problem.code, super::orders::SEVERITY, column, None, || {
                    problem.message
                });
        }
    }

    fn finish_record(&mut self, record: &Record<'_>) {
        let wants_records = self.outputs.wants_records();
        let valid = self.header_ok && !self.issues.has_errors();
        if valid {
            self.totals.valid_rows = self.totals.valid_rows.saturating_add(1);
            if wants_records {
                self.outputs.accept();
            }
        } else {
            self.totals.invalid_rows = self.totals.invalid_rows.saturating_add(1);
            if self.outputs.wants_failed() {
                let mut error = self.issues.error_text();
                if !self.header_ok {
                    if !error.is_empty() {
                        error.push_str("; ");
                    }
                    error.push_str("the header has errors (see the issues of row 0)");
                }
                let original = record.original();
                let fields: Vec<&[u8]> = (0..record.len()).map(|i| record.field(i)).collect();
                self.outputs
                    .reject(original.as_deref(), &fields, record.len(), &error);
            }
        }
        self.issues.flush(&mut self.log);
    }
}

impl RecordSink for Run {
    fn record(&mut self, record: &Record<'_>) {
        match self.header.take() {
            None => self.read_header(record),
            Some(header) => {
                self.check_record(record, &header);
                self.header = Some(header);
            }
        }
    }
}
