//! Splitting a byte stream that arrives in chunks of any size into CSV records with
//! `csv_core::Reader`, keeping for each record its start line, its unescaped fields and,
//! when asked, its original bytes; and the reading problems of a record. The one reader of both
//! the import check and `read_csv_records`.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use super::quote_scan::{QuoteScan, Quoting};
use crate::Code;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// One record as read: unescaped fields, where it starts, and its original bytes.
#[derive(Debug)]
pub(crate) struct Record<'a> {
    /// The unescaped field bytes, one after the other.
    pub(crate) fields: &'a [u8],
    /// The end of each field in `fields`.
    pub(crate) ends: &'a [usize],
    /// The 1-based physical line (counted by LF) where the record starts.
    pub(crate) line: u64,
    /// The original bytes, in two pieces (from earlier chunks, from the current one), without
    /// the blank lines before the record; empty unless the reader keeps them.
    pub(crate) raw: (&'a [u8], &'a [u8]),
    /// Whether the record is over the size limit; its fields were not kept.
    pub(crate) oversized: bool,
    /// The field index where a quote opened and never closed, for the last record of an input.
    pub(crate) unterminated: Option<usize>,
    /// The first field with a quote inside it while unquoted (`a"b`): kept as written, as every
    /// reader does, but RFC 4180 does not allow it (a warning).
    pub(crate) stray_quote: Option<usize>,
    /// The first field with text after its closing quote (`"a"b`), which readers read
    /// differently (an error).
    pub(crate) text_after_quote: Option<usize>,
}

/// Why a record cannot be read as a row, in the order the readers check (the first one found is
/// reported): each holds the 0-based field it was found in, where there is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReadProblem {
    /// A quoted field still open at the end of the input.
    UnterminatedQuote(usize),
    /// The record is over the size limit; its fields were not kept.
    TooLarge,
    /// Text after a closing quote.
    MisplacedQuote(usize),
    /// Bytes that are not UTF-8 (or a character split between two fields).
    InvalidEncoding(usize),
    /// Another number of fields than the header's (the field count found).
    FieldCount(usize),
}

impl ReadProblem {
    /// The issue code of the problem.
    pub(crate) fn code(self) -> Code {
        match self {
            ReadProblem::UnterminatedQuote(_) => Code::CsvUnterminatedQuote,
            ReadProblem::TooLarge => Code::CsvRecordTooLarge,
            ReadProblem::MisplacedQuote(_) => Code::CsvInvalidQuote,
            ReadProblem::InvalidEncoding(_) => Code::CsvInvalidEncoding,
            ReadProblem::FieldCount(_) => Code::CsvFieldCount,
        }
    }
}

impl Record<'_> {
    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The byte range of field `index` in `fields`.
    pub(crate) fn range(&self, index: usize) -> (usize, usize) {
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(index).copied().unwrap_or(start);
        (start, end.max(start))
    }

    /// The bytes of field `index` (empty when out of range).
    pub(crate) fn field(&self, index: usize) -> &[u8] {
        let (start, end) = self.range(index);
        self.fields.get(start..end).unwrap_or_default()
    }

    /// The record's fields as one UTF-8 text, or the first reading problem: the rules both
    /// readers share. A character split between two fields (each half invalid on its own) leaves
    /// the text valid: slicing field `i` out of it with `range(i)` then fails, and is reported as
    /// the field's `csv_invalid_encoding`. `width` is the header's field count; the
    /// header itself passes `None`.
    pub(crate) fn read(&self, width: Option<usize>) -> Result<&str, ReadProblem> {
        if let Some(field) = self.unterminated {
            return Err(ReadProblem::UnterminatedQuote(field));
        }
        if self.oversized {
            return Err(ReadProblem::TooLarge);
        }
        if let Some(field) = self.text_after_quote {
            return Err(ReadProblem::MisplacedQuote(field));
        }
        let field_of = |at: usize| self.ends.iter().position(|&end| end > at).unwrap_or(0);
        let text = std::str::from_utf8(self.fields)
            .map_err(|error| ReadProblem::InvalidEncoding(field_of(error.valid_up_to())))?;
        match width {
            Some(width) if width != self.len() => Err(ReadProblem::FieldCount(self.len())),
            _ => Ok(text),
        }
    }

    /// The original bytes without the line terminator, when the reader kept them and the record
    /// can be written back as it was.
    pub(crate) fn original(&self) -> Option<Vec<u8>> {
        if self.oversized || self.unterminated.is_some() {
            return None;
        }
        let (earlier, here) = self.raw;
        if earlier.is_empty() && here.is_empty() {
            return None;
        }
        let mut bytes = Vec::with_capacity(earlier.len().saturating_add(here.len()));
        bytes.extend_from_slice(earlier);
        bytes.extend_from_slice(here);
        while matches!(bytes.last(), Some(b'\n' | b'\r')) {
            bytes.pop();
        }
        Some(bytes)
    }
}

/// Receives the records of a stream, in order.
pub(crate) trait RecordSink {
    /// Called once per record.
    fn record(&mut self, record: &Record<'_>);
}

/// An incremental CSV record reader over chunks of any size.
pub(crate) struct RecordReader {
    core: Reader,
    delimiter: u8,
    head: Vec<u8>,
    head_done: bool,
    at_file_start: bool,
    fields: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    keep_raw: bool,
    raw: Vec<u8>,
    max_record_bytes: usize,
    record_bytes: usize,
    oversized: bool,
    in_record: bool,
    lead_newlines: u64,
    line_before: u64,
    start_line: u64,
    quotes: QuoteScan,
    ended: bool,
}

impl RecordReader {
    /// A reader keeping original record bytes when `keep_raw`, and refusing records longer than
    /// `max_record_bytes`.
    pub(crate) fn new(keep_raw: bool, max_record_bytes: usize) -> Self {
        RecordReader {
            core: Reader::new(),
            delimiter: b',',
            head: Vec::new(),
            head_done: false,
            at_file_start: true,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            keep_raw,
            raw: Vec::new(),
            max_record_bytes,
            record_bytes: 0,
            oversized: false,
            in_record: false,
            lead_newlines: 0,
            line_before: 1,
            start_line: 1,
            quotes: QuoteScan::default(),
            ended: false,
        }
    }

    /// Splits fields at `delimiter` instead of a comma; call it before the first chunk. Records
    /// split otherwise are not kept as they were: a failed row is then written with commas.
    pub(crate) fn set_delimiter(&mut self, delimiter: u8) {
        self.core = ReaderBuilder::new().delimiter(delimiter).build();
        self.delimiter = delimiter;
        self.keep_raw = self.keep_raw && delimiter == b',';
    }

    /// Reads a chunk, handing every record it completes to `sink`.
    pub(crate) fn feed(&mut self, chunk: &[u8], sink: &mut impl RecordSink) {
        if self.ended {
            return;
        }
        if !self.head_done {
            // csv_core strips a BOM only when its first input holds all three bytes.
            self.head.extend_from_slice(chunk);
            if self.head.len() < BOM.len() {
                return;
            }
            self.head_done = true;
            let head = std::mem::take(&mut self.head);
            self.process(&head, sink);
            return;
        }
        self.process(chunk, sink);
    }

    /// Ends the input: the last record (without a final newline, or with an open quote) is
    /// handed to `sink`. Later calls do nothing.
    pub(crate) fn finish(&mut self, sink: &mut impl RecordSink) {
        if self.ended {
            return;
        }
        if !self.head_done {
            self.head_done = true;
            let head = std::mem::take(&mut self.head);
            self.process(&head, sink);
        }
        self.ended = true;
        let unterminated =
            (self.in_record && self.quotes.state == Quoting::InQuotes).then_some(self.quotes.field);
        loop {
            let (result, _, nout, nend) = self.read(&[]);
            self.advance_outputs(nout, nend);
            match result {
                ReadRecordResult::Record => {
                    self.emit(&[], unterminated, sink);
                    break;
                }
                ReadRecordResult::OutputFull => self.grow_fields(),
                ReadRecordResult::OutputEndsFull => self.grow_ends(),
                ReadRecordResult::InputEmpty | ReadRecordResult::End => break,
            }
        }
    }

    fn process(&mut self, input: &[u8], sink: &mut impl RecordSink) {
        let mut pos = 0;
        let mut segment_start = 0;
        while pos < input.len() {
            if !self.in_record {
                match self.find_record_start(input, pos) {
                    Some(start) => {
                        self.start_record();
                        segment_start = start;
                    }
                    None => {
                        // Only line terminators are left: csv_core skips them.
                        self.skip_terminators(input.get(pos..).unwrap_or_default());
                        return;
                    }
                }
            }
            let rest = input.get(pos..).unwrap_or_default();
            let (result, nin, nout, nend) = self.read(rest);
            pos = pos.saturating_add(nin);
            self.record_bytes = self.record_bytes.saturating_add(nin);
            self.advance_outputs(nout, nend);
            if !self.oversized && self.record_bytes > self.max_record_bytes {
                self.oversized = true;
                self.raw = Vec::new();
            }
            match result {
                ReadRecordResult::Record => {
                    let segment = input.get(segment_start..pos).unwrap_or_default();
                    self.quotes.finish(segment, self.delimiter);
                    self.emit(segment, None, sink);
                    segment_start = pos;
                }
                ReadRecordResult::OutputFull => self.grow_fields(),
                ReadRecordResult::OutputEndsFull => self.grow_ends(),
                ReadRecordResult::InputEmpty | ReadRecordResult::End => {
                    let segment = input.get(segment_start..).unwrap_or_default();
                    self.quotes.advance(segment, self.delimiter);
                    if self.keep_raw && !self.oversized {
                        self.raw.extend_from_slice(segment);
                    }
                    return;
                }
            }
        }
        if self.in_record {
            // The chunk ended exactly where csv_core stopped without a record end.
            let segment = input.get(segment_start..).unwrap_or_default();
            self.quotes.advance(segment, self.delimiter);
            if self.keep_raw && !self.oversized {
                self.raw.extend_from_slice(segment);
            }
        }
    }

    /// Skips a BOM at the very start and blank-line terminators, counting their newlines;
    /// returns where the record's own bytes start, or `None` when the input ends first.
    fn find_record_start(&mut self, input: &[u8], from: usize) -> Option<usize> {
        let mut at = from;
        if self.at_file_start {
            self.at_file_start = false;
            if input.get(at..at.saturating_add(BOM.len())) == Some(BOM) {
                at = at.saturating_add(BOM.len());
            }
        }
        while let Some(&byte) = input.get(at) {
            match byte {
                b'\n' => self.lead_newlines = self.lead_newlines.saturating_add(1),
                b'\r' => {}
                _ => return Some(at),
            }
            at = at.saturating_add(1);
        }
        None
    }

    fn start_record(&mut self) {
        self.in_record = true;
        self.start_line = self.line_before.saturating_add(self.lead_newlines);
        self.lead_newlines = 0;
        self.record_bytes = 0;
        self.oversized = false;
        self.quotes = QuoteScan::default();
    }

    fn skip_terminators(&mut self, mut input: &[u8]) {
        while !input.is_empty() {
            let (_, nin, _, _) = self.read(input);
            if nin == 0 {
                return;
            }
            input = input.get(nin..).unwrap_or_default();
        }
    }

    fn read(&mut self, input: &[u8]) -> (ReadRecordResult, usize, usize, usize) {
        let (fields, ends) = if self.oversized {
            (&mut self.fields[..], &mut self.ends[..])
        } else {
            (
                self.fields.get_mut(self.nout..).unwrap_or_default(),
                self.ends.get_mut(self.nend..).unwrap_or_default(),
            )
        };
        self.core.read_record(input, fields, ends)
    }

    fn advance_outputs(&mut self, nout: usize, nend: usize) {
        if !self.oversized {
            self.nout = self.nout.saturating_add(nout);
            self.nend = self.nend.saturating_add(nend);
        }
    }

    fn grow_fields(&mut self) {
        if !self.oversized {
            let bigger = self.fields.len().saturating_mul(2).max(4096);
            self.fields.resize(bigger, 0);
        }
    }

    fn grow_ends(&mut self) {
        if !self.oversized {
            let bigger = self.ends.len().saturating_mul(2).max(64);
            self.ends.resize(bigger, 0);
        }
    }

    fn emit(&mut self, segment: &[u8], unterminated: Option<usize>, sink: &mut impl RecordSink) {
        let (fields, ends): (&[u8], &[usize]) = if self.oversized {
            (&[], &[])
        } else {
            (
                self.fields.get(..self.nout).unwrap_or_default(),
                self.ends.get(..self.nend).unwrap_or_default(),
            )
        };
        let raw = if self.keep_raw && !self.oversized {
            (self.raw.as_slice(), segment)
        } else {
            (&[][..], &[][..])
        };
        let record = Record {
            fields,
            ends,
            line: self.start_line,
            raw,
            oversized: self.oversized,
            stray_quote: self.quotes.stray,
            text_after_quote: self.quotes.after_quote,
            unterminated,
        };
        sink.record(&record);
        self.line_before = self.core.line();
        self.nout = 0;
        self.nend = 0;
        self.raw.clear();
        self.in_record = false;
        self.oversized = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record as the tests compare it: line, fields, oversized, open quote, original text.
    type Seen = (u64, Vec<String>, bool, Option<usize>, Option<String>);

    #[derive(Default)]
    struct Collect(Vec<Seen>);

    impl RecordSink for Collect {
        fn record(&mut self, record: &Record<'_>) {
            let fields = (0..record.len())
                .map(|i| String::from_utf8_lossy(record.field(i)).into_owned())
                .collect();
            let original = record
                .original()
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
            self.0.push((
                record.line,
                fields,
                record.oversized,
                record.unterminated,
                original,
            ));
        }
    }

    fn read(input: &[u8], chunk: usize) -> Collect {
        let mut reader = RecordReader::new(true, 1024);
        let mut sink = Collect::default();
        for piece in input.chunks(chunk) {
            reader.feed(piece, &mut sink);
        }
        reader.finish(&mut sink);
        sink
    }

    #[test]
    fn lines_skip_blank_lines_and_count_quoted_newlines() {
        let input = b"\xef\xbb\xbfa,b\r\n\r\n\"x\ny\",2\n\n\n3,\"4\"";
        for chunk in [1, 2, 3, 5, 100] {
            let got = read(input, chunk);
            let lines: Vec<u64> = got.0.iter().map(|r| r.0).collect();
            assert_eq!(lines, [1, 3, 7], "chunk {chunk}");
            assert_eq!(got.0[1].1, ["x\ny", "2"]);
            assert_eq!(got.0[0].4.as_deref(), Some("a,b"));
            assert_eq!(got.0[1].4.as_deref(), Some("\"x\ny\",2"));
            assert_eq!(got.0[2].4.as_deref(), Some("3,\"4\""));
        }
    }

    #[test]
    fn reports_an_open_quote_at_the_end() {
        for chunk in [1, 4, 100] {
            let got = read(b"a,b\n1,\"open\n", chunk);
            assert_eq!(got.0[1].3, Some(1), "chunk {chunk}");
            let got = read(b"a,b\n1,\"closed\"\"\"", chunk);
            assert_eq!(got.0[1].3, None);
            assert_eq!(got.0[1].1, ["1", "closed\""]);
        }
    }

    #[test]
    fn refuses_records_over_the_limit_and_goes_on() {
        let mut input = b"a\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        input.extend_from_slice(b"\nb\n");
        for chunk in [7, 10_000] {
            let got = read(&input, chunk);
            assert_eq!(got.0.len(), 3);
            assert!(got.0[1].2);
            assert_eq!(got.0[2].1, ["b"]);
            assert_eq!(got.0[2].0, 3);
        }
    }
}
