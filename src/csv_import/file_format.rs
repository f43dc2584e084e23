//! The stage between the caller's bytes and the record reader: the file's encoding and
//! delimiter are found from its first bytes and line, the text goes on as UTF-8 split at that
//! delimiter, and the report of a file that is not plain UTF-8 with commas starts with one
//! `csv_converted` warning saying how it was read (the outputs are always UTF-8 with commas).

use super::delimiter::{delimiter_name, sniff, MOST_HEAD_BYTES};
use super::records::{RecordReader, RecordSink};
use super::report::{CsvIssue, CsvReport};
use super::source_encoding::{Encoding, Transcoder};
use crate::{Code, Severity};

/// How a file is read, decided from its start.
#[derive(Debug, Default)]
pub(crate) struct FileFormat {
    transcoder: Transcoder,
    lines: FirstLine,
}

/// The text of the first line, held until it is complete, and what it said.
#[derive(Debug, Default)]
struct FirstLine {
    head: Vec<u8>,
    /// Whether the head holds a character other than a line terminator.
    has_text: bool,
    delimiter: Option<u8>,
    sep_line: bool,
}

impl FileFormat {
    /// Reads the next chunk (`last` at the end of the input) into `reader`, which hands its
    /// records to `sink`.
    pub(crate) fn feed(
        &mut self,
        chunk: &[u8],
        last: bool,
        reader: &mut RecordReader,
        sink: &mut impl RecordSink,
    ) {
        let lines = &mut self.lines;
        self.transcoder.decode(chunk, last, &mut |text| {
            lines.take(text, last, reader, sink)
        });
    }

    /// How the file was read, when it was not UTF-8 with commas: the text of the
    /// `csv_converted` warning, after the whole input has been fed.
    pub(crate) fn conversion(&self) -> Option<String> {
        let encoding = self.transcoder.encoding().unwrap_or(Encoding::Utf8);
        let delimiter = self.lines.delimiter.unwrap_or(b',');
        let sep_line = self.lines.sep_line;
        let plain = matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom);
        if plain && delimiter == b',' && !sep_line {
            return None;
        }
        let source = if sep_line {
            " (from the file's sep= line)"
        } else {
            ""
        };
        Some(format!(
            "the file was read as {}, delimiter {}{source}",
            encoding.name(),
            delimiter_name(delimiter),
        ))
    }

    /// Puts the `csv_converted` warning first in the report of the finished run, when the file
    /// was not UTF-8 with commas; at the end, so that its place never depends on where in the
    /// stream the encoding was decided, and first, so that it is kept whatever `max_issues`.
    pub(crate) fn prepend_to(&self, report: &mut CsvReport, max_issues: usize) {
        let Some(conversion) = self.conversion() else {
            return;
        };
        let issue = CsvIssue {
            code: Code::CsvConverted,
            severity: Severity::Warning,
            message: format!(
                "{conversion}; the cleaned file, parts and failed rows are written as UTF-8 with commas, as the API needs"
            ),
            row: 0,
            line: 1,
            column: String::new(),
            column_index: None,
            value: None,
        };
        let count = report.counts_by_code.entry(issue.code).or_insert(0);
        *count = count.saturating_add(1);
        report.warnings = report.warnings.saturating_add(1);
        if report.issues.len() >= max_issues {
            report.truncated = true;
            report.issues.pop();
        }
        if max_issues > 0 {
            report.issues.insert(0, issue);
        }
    }
}

impl FirstLine {
    /// Passes text on once the delimiter is known; holds it until the first line is complete.
    #[inline(never)]
    fn take(
        &mut self,
        text: &[u8],
        last: bool,
        reader: &mut RecordReader,
        sink: &mut impl RecordSink,
    ) {
        let held;
        let mut ready = text;
        if self.delimiter.is_none() {
            self.head.extend_from_slice(text);
            if !last && self.head.len() < MOST_HEAD_BYTES && !ends_a_line(text, &mut self.has_text)
            {
                return;
            }
            held = std::mem::take(&mut self.head);
            let sniffed = sniff(&held);
            reader.set_delimiter(sniffed.delimiter);
            self.delimiter = Some(sniffed.delimiter);
            let mut start = 0;
            if let Some(length) = sniffed.sep_line {
                self.sep_line = true;
                // Its line feed stays: the line still counts, as a blank one.
                let line_feed = length.saturating_sub(1);
                start = if held.get(line_feed) == Some(&b'\n') {
                    line_feed
                } else {
                    length
                };
            }
            ready = held.get(start..).unwrap_or_default();
        }
        // One call site, so that the reader's code is not inlined twice.
        reader.feed(ready, sink);
    }
}

/// Whether `text` ends the first line: a line feed after some other character.
fn ends_a_line(text: &[u8], has_text: &mut bool) -> bool {
    for &byte in text {
        match byte {
            b'\n' if *has_text => return true,
            b'\n' | b'\r' => {}
            _ => *has_text = true,
        }
    }
    false
}
