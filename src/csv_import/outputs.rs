//! The files a run produces, streamed into buffers the caller drains: the cleaned file, the
//! failed rows with an `error` column, and the cleaned file split into parts under a size limit
//! with the header repeated and no record cut.

/// Appends `text` as one CSV field, quoted when it holds a comma, a quote or a line break.
pub(crate) fn write_field(out: &mut Vec<u8>, text: &[u8]) {
    if !text
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.extend_from_slice(text);
        return;
    }
    out.push(b'"');
    for &byte in text {
        if byte == b'"' {
            out.push(b'"');
        }
        out.push(byte);
    }
    out.push(b'"');
}

/// Appends fields separated by commas and a final LF.
pub(crate) fn write_line<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a [u8]>) {
    for (index, field) in fields.into_iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write_field(out, field);
    }
    out.push(b'\n');
}

/// The output buffers of a run.
#[derive(Debug, Default)]
pub(crate) struct Outputs {
    cleaned_on: bool,
    failed_on: bool,
    parts_on: bool,
    max_part_bytes: usize,
    header: Vec<u8>,
    failed_columns: usize,
    /// The cleaned record being built for the current row.
    pub(crate) record: Vec<u8>,
    cleaned: Vec<u8>,
    failed: Vec<u8>,
    part: Vec<u8>,
    part_has_rows: bool,
    parts_done: Vec<Vec<u8>>,
    parts_emitted: usize,
}

impl Outputs {
    /// Output buffers for the outputs asked for.
    pub(crate) fn new(cleaned: bool, failed: bool, parts: bool, max_part_bytes: usize) -> Self {
        Outputs {
            cleaned_on: cleaned,
            failed_on: failed,
            parts_on: parts,
            max_part_bytes,
            ..Outputs::default()
        }
    }

    /// Whether cleaned records are wanted at all (for the cleaned file or the parts).
    pub(crate) fn wants_records(&self) -> bool {
        self.cleaned_on || self.parts_on
    }

    /// Whether failed rows are wanted.
    pub(crate) fn wants_failed(&self) -> bool {
        self.failed_on
    }

    /// Writes the headers: canonical names for the cleaned file and parts, the original header
    /// line plus `error` for the failed rows.
    pub(crate) fn start(&mut self, canonical: &[&str], original: &[u8], columns: usize) {
        if self.wants_records() {
            write_line(
                &mut self.header,
                canonical.iter().map(|name| name.as_bytes()),
            );
            if self.cleaned_on {
                self.cleaned.extend_from_slice(&self.header);
            }
            if self.parts_on {
                self.part.extend_from_slice(&self.header);
            }
        }
        if self.failed_on {
            self.failed.extend_from_slice(original);
            self.failed.extend_from_slice(b",error\n");
            self.failed_columns = columns;
        }
    }

    /// Starts the cleaned record of a new row.
    pub(crate) fn begin_record(&mut self) {
        self.record.clear();
    }

    /// Appends one cell to the cleaned record.
    pub(crate) fn cell(&mut self, index: usize, text: &[u8]) {
        if index > 0 {
            self.record.push(b',');
        }
        write_field(&mut self.record, text);
    }

    /// Whether the current cleaned record, with its line feed, fits in a part with the header.
    pub(crate) fn fits_in_part(&self) -> bool {
        !self.parts_on || self.header.len().saturating_add(self.record.len()) < self.max_part_bytes
    }

    /// Writes the current cleaned record to the cleaned file and the current part.
    pub(crate) fn accept(&mut self) {
        self.record.push(b'\n');
        if self.cleaned_on {
            self.cleaned.extend_from_slice(&self.record);
        }
        if self.parts_on {
            if self.part_has_rows
                && self.part.len().saturating_add(self.record.len()) > self.max_part_bytes
            {
                self.complete_part();
            }
            self.part.extend_from_slice(&self.record);
            self.part_has_rows = true;
        }
    }

    /// Writes a failed row: its original bytes when `original` is given (padded with empty
    /// fields up to the header's count), else `fields` re-encoded; then the error text.
    pub(crate) fn reject(
        &mut self,
        original: Option<&[u8]>,
        fields: &[&[u8]],
        field_count: usize,
        error: &str,
    ) {
        if !self.failed_on {
            return;
        }
        match original {
            Some(bytes) => {
                self.failed.extend_from_slice(bytes);
                for _ in field_count..self.failed_columns {
                    self.failed.push(b',');
                }
            }
            None => {
                let count = fields.len().max(self.failed_columns);
                for index in 0..count {
                    if index > 0 {
                        self.failed.push(b',');
                    }
                    write_field(
                        &mut self.failed,
                        fields.get(index).copied().unwrap_or_default(),
                    );
                }
            }
        }
        self.failed.push(b',');
        write_field(&mut self.failed, error.as_bytes());
        self.failed.push(b'\n');
    }

    fn complete_part(&mut self) {
        let fresh = self.header.clone();
        self.parts_done
            .push(std::mem::replace(&mut self.part, fresh));
        self.part_has_rows = false;
        self.parts_emitted = self.parts_emitted.saturating_add(1);
    }

    /// Completes the last part (a header-only part when there was no row at all).
    pub(crate) fn finish(&mut self) {
        if self.parts_on && (self.part_has_rows || self.parts_emitted == 0) && !self.part.is_empty()
        {
            self.complete_part();
        }
        self.part = Vec::new();
    }

    /// Drains the cleaned file written so far.
    pub(crate) fn take_cleaned(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.cleaned)
    }

    /// Drains the failed rows written so far.
    pub(crate) fn take_failed(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.failed)
    }

    /// Drains the parts completed so far.
    pub(crate) fn take_parts(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.parts_done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let mut out = Vec::new();
        write_line(&mut out, [&b"a"[..], b"b,c", b"say \"hi\"", b"x\ny", b""]);
        assert_eq!(out, b"a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\n");
    }

    #[test]
    fn splits_parts_without_cutting_records() {
        let mut outputs = Outputs::new(true, false, true, 1024);
        outputs.start(&["a"], b"a", 1);
        for _ in 0..100 {
            outputs.begin_record();
            outputs.cell(0, &[b'x'; 99]);
            assert!(outputs.fits_in_part());
            outputs.accept();
        }
        outputs.finish();
        let parts = outputs.take_parts();
        assert_eq!(parts.len(), 10);
        let mut joined = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            assert!(part.len() <= 1024);
            assert!(part.starts_with(b"a\n"));
            joined.extend_from_slice(if index == 0 { part } else { &part[2..] });
        }
        assert_eq!(joined, outputs.take_cleaned());
    }
}
