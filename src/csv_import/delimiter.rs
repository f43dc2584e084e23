//! The delimiter of a CSV file, found from its first line: an Excel `sep=` line names it (and
//! is not a record); otherwise it is the most frequent of comma, semicolon and tab outside
//! quotes in the header line, a comma when there is none.

/// The most bytes held to find the end of the first line; a longer header is read with what
/// these bytes hold.
pub(crate) const MOST_HEAD_BYTES: usize = 65_536;

/// What the first line of a file says about its delimiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sniffed {
    /// The delimiter byte.
    pub(crate) delimiter: u8,
    /// The length of an Excel `sep=` line, its line feed included, when the file starts with one.
    pub(crate) sep_line: Option<usize>,
}

/// Reads the delimiter from the start of a file's text (its first line, or all of it when it
/// has no line feed).
pub(crate) fn sniff(head: &[u8]) -> Sniffed {
    let line_end = head.iter().position(|&b| b == b'\n');
    let line = head
        .get(..line_end.unwrap_or(head.len()))
        .unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if let Some(&[delimiter]) = line.strip_prefix(b"sep=") {
        if delimiter != b'"' {
            let length = line_end.map_or(head.len(), |end| end.saturating_add(1));
            return Sniffed {
                delimiter,
                sep_line: Some(length),
            };
        }
    }
    let mut counts = [0_usize; 3];
    let mut quoted = false;
    for &byte in line {
        let slot = match byte {
            b'"' => {
                quoted = !quoted;
                continue;
            }
            _ if quoted => continue,
            b',' => 0,
            b';' => 1,
            b'\t' => 2,
            _ => continue,
        };
        if let Some(count) = counts.get_mut(slot) {
            *count = count.saturating_add(1);
        }
    }
    let mut best = (b',', 0);
    for (delimiter, count) in [b',', b';', b'\t'].into_iter().zip(counts) {
        if count > best.1 {
            best = (delimiter, count);
        }
    }
    Sniffed {
        delimiter: best.0,
        sep_line: None,
    }
}

/// How a delimiter is named in a report.
pub(crate) fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => String::from("tab"),
        other => format!("'{}'", char::from(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delimiter(head: &str) -> (char, Option<usize>) {
        let sniffed = sniff(head.as_bytes());
        (char::from(sniffed.delimiter), sniffed.sep_line)
    }

    #[test]
    fn takes_the_most_frequent_delimiter_outside_quotes() {
        assert_eq!(delimiter("source_id,name\n1;2;3"), (',', None));
        assert_eq!(delimiter("source_id;name;\"a,b,c\"\r\n"), (';', None));
        assert_eq!(delimiter("source_id\tname"), ('\t', None));
        assert_eq!(delimiter("source_id\n"), (',', None));
        assert_eq!(delimiter("a;b,c\n"), (',', None));
    }

    #[test]
    fn reads_an_excel_sep_line() {
        assert_eq!(delimiter("sep=;\r\nsource_id;name\n"), (';', Some(7)));
        assert_eq!(delimiter("sep=|\nsource_id|name\n"), ('|', Some(6)));
        assert_eq!(delimiter("sep=;"), (';', Some(5)));
    }
}
