//! Where the quoting of an unfinished CSV record stands, mirroring `csv_core`'s rules, so that
//! a quote still open at the end of the input can be reported.

/// Where a quote-aware scan of an unfinished record stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Quoting {
    /// At the start of a field.
    #[default]
    StartField,
    /// Inside an unquoted field.
    InField,
    /// Inside a quoted field.
    InQuotes,
    /// Just after a quote inside a quoted field (the end, or the first of a doubled quote).
    QuoteInQuotes,
}

/// The quoting state of the unfinished record, mirroring `csv_core`'s rules, so that an open
/// quote at the end of the input can be reported.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct QuoteScan {
    /// The state after the bytes seen.
    pub(crate) state: Quoting,
    /// The index of the field the scan is in.
    pub(crate) field: usize,
}

impl QuoteScan {
    /// Moves the scan over more bytes of the same record, whose fields `delimiter` separates.
    pub(crate) fn advance(&mut self, bytes: &[u8], delimiter: u8) {
        for &byte in bytes {
            self.state = match (self.state, byte) {
                (Quoting::StartField, b'"') => Quoting::InQuotes,
                (Quoting::StartField | Quoting::InField | Quoting::QuoteInQuotes, _)
                    if byte == delimiter =>
                {
                    self.field = self.field.saturating_add(1);
                    Quoting::StartField
                }
                (Quoting::InQuotes, b'"') => Quoting::QuoteInQuotes,
                (Quoting::InQuotes, _) | (Quoting::QuoteInQuotes, b'"') => Quoting::InQuotes,
                _ => Quoting::InField,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(bytes: &[u8]) -> QuoteScan {
        let mut scan = QuoteScan::default();
        scan.advance(bytes, b',');
        scan
    }

    #[test]
    fn follows_quotes_like_csv_core() {
        assert_eq!(scan(b"a,\"open").state, Quoting::InQuotes);
        assert_eq!(scan(b"a,\"open").field, 1);
        assert_eq!(scan(b"\"a\"\"b").state, Quoting::InQuotes);
        assert_eq!(scan(b"\"a\"\"b\"").state, Quoting::QuoteInQuotes);
        assert_eq!(scan(b"ab\"c").state, Quoting::InField);
        assert_eq!(scan(b"\"a\"x,").state, Quoting::StartField);
        let mut semicolons = QuoteScan::default();
        semicolons.advance(b"a;b,\"c", b';');
        assert_eq!((semicolons.state, semicolons.field), (Quoting::InField, 1));
    }
}
