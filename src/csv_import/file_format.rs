//! The stage between the caller's bytes and the record reader: the file's encoding and
//! delimiter are found from its first bytes and line, the text goes on as UTF-8 split at that
//! delimiter, and the report of a file that is not plain UTF-8 with commas starts with one
//! `csv_converted` warning saying how it was read (the outputs are always UTF-8 with commas).

use super::delimiter::{delimiter_name, sniff, MOST_HEAD_BYTES};
use super::records::RecordReader;
use super::report::{CsvIssue, CsvReport};
use super::run::Run;
use super::source_encoding::{Encoding, Transcoder};
use crate::{Code, Severity};

/// How a file is read, decided from its start.
#[derive(Debug, Default)]
pub(crate) struct FileFormat {
    transcoder: Transcoder,
    /// The text of the first line, held until it is complete.
    head: Vec<u8>,
    /// Whether the head holds a character other than a line terminator.
    head_has_text: bool,
    delimiter: Option<u8>,
    sep_line: bool,
}

impl FileFormat {
    /// Reads the next chunk (`last` at the end of the input) into `reader`.
    pub(crate) fn feed(
        &mut self,
        chunk: &[u8],
        last: bool,
        reader: &mut RecordReader,
        run: &mut Run,
    ) {
        let FileFormat {
            transcoder,
            head,
            head_has_text,
            delimiter,
            sep_line,
            ..
        } = self;
        transcoder.decode(chunk, last, &mut |text| {
            if delimiter.is_some() {
                reader.feed(text, run);
                return;
            }
            head.extend_from_slice(text);
            if !last && head.len() < MOST_HEAD_BYTES && !ends_a_line(text, head_has_text) {
                return;
            }
            let held = std::mem::take(head);
            let sniffed = sniff(&held);
            reader.set_delimiter(sniffed.delimiter);
            *delimiter = Some(sniffed.delimiter);
            let rest = match sniffed.sep_line {
                Some(length) => {
                    *sep_line = true;
                    // The line still counts, as a blank one.
                    reader.feed(b"\n", run);
                    held.get(length..).unwrap_or_default()
                }
                None => &held,
            };
            reader.feed(rest, run);
        });
    }

    /// Puts the `csv_converted` warning first in the report of the finished run, when the file
    /// was not UTF-8 with commas; at the end, so that its place never depends on where in the
    /// stream the encoding was decided, and first, so that it is kept whatever `max_issues`.
    pub(crate) fn prepend_to(&self, report: &mut CsvReport, max_issues: usize) {
        let encoding = self.transcoder.encoding().unwrap_or(Encoding::Utf8);
        let delimiter = self.delimiter.unwrap_or(b',');
        let plain = matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom);
        if plain && delimiter == b',' && !self.sep_line {
            return;
        }
        let source = if self.sep_line {
            " (from the file's sep= line)"
        } else {
            ""
        };
        let issue = CsvIssue {
            code: Code::CsvConverted,
            severity: Severity::Warning,
            message: format!(
                "the file was read as {}, delimiter {}{source}; the cleaned file, parts and failed rows are written as UTF-8 with commas, as the API needs",
                encoding.name(),
                delimiter_name(delimiter),
            ),
            row: 0,
            line: 1,
            column: String::new(),
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
