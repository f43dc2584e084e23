//! Where the quoting of a CSV record stands, mirroring `csv_core`'s rules, so that a quote still
//! open at the end of the input, and a quote RFC 4180 does not allow, can be reported.

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

/// The quoting state of a record, mirroring `csv_core`'s rules, so that an open quote at the end
/// of the input, and the first quotes out of place, can be reported.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct QuoteScan {
    /// The state after the bytes seen.
    pub(crate) state: Quoting,
    /// The index of the field the scan is in.
    pub(crate) field: usize,
    /// The first field with a quote inside an unquoted field (`a"b`, ` "b"`): RFC 4180 does not
    /// allow it, but every reader keeps such a field as written.
    pub(crate) stray: Option<usize>,
    /// The first field with more text after its closing quote (`"a"b`): readers disagree on its
    /// value (`csv_core` reads `ab`).
    pub(crate) after_quote: Option<usize>,
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
                (Quoting::QuoteInQuotes, b'\r' | b'\n') => Quoting::InField,
                (Quoting::InField, b'"') => {
                    self.stray.get_or_insert(self.field);
                    Quoting::InField
                }
                (Quoting::QuoteInQuotes, _) => {
                    self.after_quote.get_or_insert(self.field);
                    Quoting::InField
                }
                _ => Quoting::InField,
            };
        }
    }

    /// Moves the scan over the last bytes of a record: skipped when they hold no quote and the
    /// scan is outside quotes, where they cannot change what the scan reports.
    pub(crate) fn finish(&mut self, bytes: &[u8], delimiter: u8) {
        let outside = matches!(self.state, Quoting::StartField | Quoting::InField);
        if !outside || bytes.contains(&b'"') {
            self.advance(bytes, delimiter);
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

    #[test]
    fn finds_the_first_quote_out_of_place() {
        assert_eq!(scan(b"a,b\"c,\"d\"e").stray, Some(1));
        assert_eq!(scan(b"a,b\"c,\"d\"e").after_quote, Some(2));
        assert_eq!(scan(b"a,\"b\"c").after_quote, Some(1));
        assert_eq!(scan(b"a, \"b\"").stray, Some(1));
        for fine in [&b"\"a\"\" b\",\"\",c\r\n"[..], b"\"a\"\n", b"\"a\"\r\n"] {
            let scan = scan(fine);
            assert_eq!((scan.stray, scan.after_quote), (None, None));
        }
    }
}
