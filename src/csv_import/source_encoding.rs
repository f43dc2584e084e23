//! The text encoding of a CSV file, found from its first bytes, and its conversion to UTF-8 as
//! the chunks stream. A byte order mark names UTF-8, UTF-16LE or UTF-16BE (Excel's "Unicode
//! text"); without one the file is read as UTF-8 until its first non-ASCII character, which
//! decides: valid UTF-8 keeps it, anything else makes it Windows-1252 (Excel's "CSV" on Western
//! Windows). The bytes before that character are ASCII, the same in both.

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 without a byte order mark (pure ASCII included).
    Utf8,
    /// UTF-8 after a byte order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16, little-endian, after its byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, after its byte order mark.
    Utf16Be,
    /// Windows-1252, for bytes that are not UTF-8 and no byte order mark.
    Windows1252,
}

impl Encoding {
    /// The name the report gives the encoding.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with a byte order mark",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Windows-1252's characters for the bytes 0x80 to 0x9F, as the WHATWG Encoding Standard maps
/// them (its five unassigned bytes map to the C1 controls); 0xA0 to 0xFF are Latin-1.
const WINDOWS_1252_80_9F: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// Converts a file's chunks to UTF-8, deciding its encoding on the way.
#[derive(Debug, Default)]
pub(crate) struct Transcoder {
    encoding: Option<Encoding>,
    /// Whether the first bytes were looked at for a byte order mark.
    started: bool,
    /// Bytes held until the next chunk: a partial byte order mark, a partial first non-ASCII
    /// character, an odd UTF-16 byte or a high surrogate waiting for its pair.
    pending: Vec<u8>,
    out: Vec<u8>,
}

impl Transcoder {
    /// The encoding, once decided.
    pub(crate) fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// Converts the next chunk (`last` for the end of the input, possibly empty), handing the
    /// UTF-8 text to `emit`.
    pub(crate) fn decode(&mut self, chunk: &[u8], last: bool, emit: &mut dyn FnMut(&[u8])) {
        let joined;
        let mut input = chunk;
        if !self.pending.is_empty() {
            self.pending.extend_from_slice(chunk);
            joined = std::mem::take(&mut self.pending);
            input = &joined;
        }
        if !self.started {
            if !last && input.len() < 3 && could_start_a_mark(input) {
                self.pending = input.to_vec();
                return;
            }
            self.started = true;
            input = self.read_mark(input);
        }
        match self.encoding {
            None => self.decide(input, last, emit),
            Some(Encoding::Utf8 | Encoding::Utf8Bom) => emit(input),
            Some(Encoding::Windows1252) => {
                self.out.clear();
                push_windows_1252(&mut self.out, input);
                emit(&self.out);
            }
            Some(Encoding::Utf16Le) => self.utf16(input, false, last, emit),
            Some(Encoding::Utf16Be) => self.utf16(input, true, last, emit),
        }
        if last && self.encoding.is_none() {
            self.encoding = Some(Encoding::Utf8);
        }
    }

    /// Takes a byte order mark off the start of the file and sets the encoding it names.
    fn read_mark<'a>(&mut self, input: &'a [u8]) -> &'a [u8] {
        let marks: [(&[u8], Encoding); 3] = [
            (b"\xef\xbb\xbf", Encoding::Utf8Bom),
            (b"\xff\xfe", Encoding::Utf16Le),
            (b"\xfe\xff", Encoding::Utf16Be),
        ];
        for (mark, encoding) in marks {
            if let Some(rest) = input.strip_prefix(mark) {
                self.encoding = Some(encoding);
                return rest;
            }
        }
        input
    }

    /// Before the first non-ASCII character: passes ASCII on and decides at that character.
    fn decide(&mut self, input: &[u8], last: bool, emit: &mut dyn FnMut(&[u8])) {
        if input.is_ascii() {
            emit(input);
            return;
        }
        let at = input
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(input.len());
        let (ascii, rest) = input.split_at(at);
        let probe = rest.get(..rest.len().min(4)).unwrap_or_default();
        let encoding = match std::str::from_utf8(probe) {
            Ok(_) => Encoding::Utf8,
            Err(error) if error.valid_up_to() > 0 => Encoding::Utf8,
            Err(error) if error.error_len().is_some() || last => Encoding::Windows1252,
            Err(_) => {
                // The character continues in the next chunk.
                emit(ascii);
                self.pending = rest.to_vec();
                return;
            }
        };
        emit(ascii);
        self.encoding = Some(encoding);
        if encoding == Encoding::Utf8 {
            emit(rest);
        } else {
            self.out.clear();
            push_windows_1252(&mut self.out, rest);
            emit(&self.out);
        }
    }

    fn utf16(&mut self, input: &[u8], big_endian: bool, last: bool, emit: &mut dyn FnMut(&[u8])) {
        let unit = |pair: &[u8]| match *pair {
            [a, b] if big_endian => u16::from_be_bytes([a, b]),
            [a, b] => u16::from_le_bytes([a, b]),
            _ => 0xFFFD,
        };
        let whole = input.len() & !1;
        let mut upto = whole;
        if !last {
            // A high surrogate at the end waits for its low half in the next chunk.
            let before = whole.saturating_sub(2);
            if input
                .get(before..whole)
                .map(unit)
                .is_some_and(|u| (0xD800..0xDC00).contains(&u))
            {
                upto = before;
            }
        }
        self.out.clear();
        let units = input
            .get(..upto)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(unit);
        for decoded in char::decode_utf16(units) {
            push_char(
                &mut self.out,
                decoded.unwrap_or(char::REPLACEMENT_CHARACTER),
            );
        }
        let rest = input.get(upto..).unwrap_or_default();
        if last {
            if !rest.is_empty() {
                push_char(&mut self.out, char::REPLACEMENT_CHARACTER);
            }
        } else {
            self.pending = rest.to_vec();
        }
        emit(&self.out);
    }
}

/// Whether `input` (shorter than 3 bytes) may be the start of a byte order mark.
fn could_start_a_mark(input: &[u8]) -> bool {
    matches!(input, [] | [0xef] | [0xef, 0xbb] | [0xff] | [0xfe])
}

fn push_windows_1252(out: &mut Vec<u8>, input: &[u8]) {
    out.reserve(input.len().saturating_add(input.len() / 2));
    for &byte in input {
        if byte.is_ascii() {
            out.push(byte);
        } else {
            let unit = match byte {
                0x80..=0x9F => WINDOWS_1252_80_9F
                    .get(usize::from(byte & 0x1F))
                    .copied()
                    .unwrap_or(0xFFFD),
                _ => u16::from(byte),
            };
            push_char(
                out,
                char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER),
            );
        }
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buffer = [0; 4];
    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(input: &[u8], chunk: usize) -> (String, Option<Encoding>) {
        let mut transcoder = Transcoder::default();
        let mut text = Vec::new();
        for piece in input.chunks(chunk.max(1)) {
            transcoder.decode(piece, false, &mut |bytes| text.extend_from_slice(bytes));
        }
        transcoder.decode(&[], true, &mut |bytes| text.extend_from_slice(bytes));
        (String::from_utf8(text).unwrap(), transcoder.encoding())
    }

    #[test]
    fn reads_each_encoding_in_chunks_of_any_size() {
        let utf16le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("a\té😀\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("a\té😀\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let cases: [(&[u8], &str, Encoding); 6] = [
            (b"a,b\n", "a,b\n", Encoding::Utf8),
            ("a,é\n".as_bytes(), "a,é\n", Encoding::Utf8),
            (b"\xef\xbb\xbfa;\xc3\xa9", "a;é", Encoding::Utf8Bom),
            (
                b"a;Ren\xe9e \x80\x9f\x81\n",
                "a;Renée €Ÿ\u{81}\n",
                Encoding::Windows1252,
            ),
            (&utf16le, "a\té😀\n", Encoding::Utf16Le),
            (&utf16be, "a\té😀\n", Encoding::Utf16Be),
        ];
        for (input, text, encoding) in cases {
            for chunk in [1, 2, 3, 5, 1000] {
                assert_eq!(
                    decode(input, chunk),
                    (text.to_string(), Some(encoding)),
                    "chunk {chunk}"
                );
            }
        }
    }

    #[test]
    fn a_non_utf8_byte_at_the_end_means_windows_1252() {
        assert_eq!(
            decode(b"ab\xe9", 1),
            ("abé".to_string(), Some(Encoding::Windows1252))
        );
        assert_eq!(
            decode(b"\xef\xbb", 1),
            ("ï»".to_string(), Some(Encoding::Windows1252))
        );
        assert_eq!(
            decode(b"\xff\xfea", 1),
            ("\u{fffd}".to_string(), Some(Encoding::Utf16Le))
        );
    }
}
