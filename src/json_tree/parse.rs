//! Reading a [`Json`] tree straight from UTF-8 bytes (RFC 8259, strict): every string without
//! escapes is borrowed from the input, numbers are read as serde_json reads them (unsigned,
//! signed, else a correctly rounded double), and the size limits are watched while reading, so
//! that the common body needs no second walk.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::Number;

use super::{same_key, Json, Members};
use crate::decimal::parse_f64;

/// Objects with more members than this find repeated keys with a hash set; smaller ones compare
/// every pair, which is faster for the handful of members a request object has.
const PAIRWISE_LIMIT: usize = 16;

/// The room the scratch stacks of a reader start with: enough for the arrays and objects of a
/// typical request body, whose members are moved out as each object ends.
const SCRATCH_CAPACITY: usize = 32;

/// How far a document may go before the reader stops or flags it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ParseLimits {
    /// Arrays and objects nested deeper than this stop the reading with [`Reason::TooDeep`].
    pub(crate) max_depth: usize,
    /// A string or key longer than this (in bytes) sets [`Parsed::oversized`].
    pub(crate) max_string_bytes: usize,
    /// An object with more members than this sets [`Parsed::oversized`].
    pub(crate) max_fields: usize,
}

/// The deepest nesting any tree has: the reader and the code walking a tree recurse once per
/// level, and 128 levels (serde_json's limit) stay far inside a WebAssembly stack.
pub(crate) const MAX_READ_DEPTH: usize = 128;

impl ParseLimits {
    /// The limits for option objects and arguments: [`MAX_READ_DEPTH`], no size flags.
    pub(crate) const ARGUMENTS: ParseLimits = ParseLimits {
        max_depth: MAX_READ_DEPTH,
        max_string_bytes: usize::MAX,
        max_fields: usize::MAX,
    };
}

/// A document read by [`parse`].
#[derive(Debug)]
pub(crate) struct Parsed<'a> {
    /// The value.
    pub(crate) value: Json<'a>,
    /// Whether a string, a key or an object is past [`ParseLimits`]: only then do the size
    /// warnings need a walk of the tree.
    pub(crate) oversized: bool,
}

/// Why a document could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reason {
    /// Arrays and objects nest past [`ParseLimits::max_depth`].
    TooDeep,
    /// The text is not JSON; the reason as serde_json words it.
    Syntax(&'static str),
}

/// Where and why a document could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    /// Why.
    pub(crate) reason: Reason,
    /// The 1-based line of the offending character.
    pub(crate) line: usize,
    /// Its 1-based column, in bytes.
    pub(crate) column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        let reason = match self.reason {
            Reason::TooDeep => "recursion limit exceeded",
            Reason::Syntax(reason) => reason,
        };
        write!(
            formatter,
            "{reason} at line {} column {}",
            self.line, self.column
        )
    }
}

/// Reads one JSON document: a value with nothing but whitespace around it.
pub(crate) fn parse<'a>(bytes: &'a [u8], limits: &ParseLimits) -> Result<Parsed<'a>, ParseError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            return Err(error_at(
                bytes,
                error.valid_up_to(),
                Reason::Syntax("invalid unicode code point"),
            ))
        }
    };
    let mut reader = Reader {
        text,
        bytes,
        pos: 0,
        depth: 0,
        limits,
        oversized: false,
        items: Vec::with_capacity(SCRATCH_CAPACITY),
        members: Vec::with_capacity(SCRATCH_CAPACITY),
    };
    let value = reader.value()?;
    reader.skip_whitespace();
    if reader.pos < bytes.len() {
        return Err(reader.error("trailing characters"));
    }
    Ok(Parsed {
        value,
        oversized: reader.oversized,
    })
}

/// Reads one JSON document (an option object, an argument) as a `serde_json::Value`, with
/// serde_json's nesting limit of 128.
pub(crate) fn parse_value(bytes: &[u8]) -> Result<serde_json::Value, ParseError> {
    parse(bytes, &ParseLimits::ARGUMENTS).map(|parsed| parsed.value.into_value())
}

/// The error `reason` at byte `offset` of `bytes`, with its line and column.
fn error_at(bytes: &[u8], offset: usize, reason: Reason) -> ParseError {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline.saturating_add(1));
    ParseError {
        reason,
        line: before
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count()
            .saturating_add(1),
        column: before.len().saturating_sub(line_start).saturating_add(1),
    }
}

struct Reader<'a, 'l> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    limits: &'l ParseLimits,
    oversized: bool,
    /// The elements of the arrays being read, innermost last: each array is then moved into a
    /// vector of its exact size, so no vector grows element by element.
    items: Vec<Json<'a>>,
    /// The members of the objects being read, the same way.
    members: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Reader<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn advance(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    fn error(&self, reason: &'static str) -> ParseError {
        error_at(self.bytes, self.pos, Reason::Syntax(reason))
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.advance();
        }
    }

    fn value(&mut self) -> Result<Json<'a>, ParseError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                self.advance();
                self.string().map(Json::String)
            }
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
            None => Err(self.error("EOF while parsing a value")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Json<'a>) -> Result<Json<'a>, ParseError> {
        let end = self.pos.saturating_add(word.len());
        if self.bytes.get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            Ok(value)
        } else {
            Err(self.error("expected ident"))
        }
    }

    /// Steps into an array or object, past its opening bracket.
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth = self.depth.saturating_add(1);
        if self.depth > self.limits.max_depth {
            return Err(error_at(self.bytes, self.pos, Reason::TooDeep));
        }
        self.advance();
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.advance();
    }

    fn array(&mut self) -> Result<Json<'a>, ParseError> {
        self.enter()?;
        let base = self.items.len();
        self.skip_whitespace();
        if self.peek() != Some(b']') {
            loop {
                let item = self.value()?;
                self.items.push(item);
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.advance();
                        self.skip_whitespace();
                        if self.peek() == Some(b']') {
                            return Err(self.error("trailing comma"));
                        }
                    }
                    Some(b']') => break,
                    Some(_) => return Err(self.error("expected `,` or `]`")),
                    None => return Err(self.error("EOF while parsing a list")),
                }
            }
        }
        self.leave();
        Ok(Json::Array(self.items.split_off(base)))
    }

    fn object(&mut self) -> Result<Json<'a>, ParseError> {
        self.enter()?;
        let base = self.members.len();
        self.skip_whitespace();
        if self.peek() != Some(b'}') {
            loop {
                match self.peek() {
                    Some(b'"') => self.advance(),
                    Some(_) => return Err(self.error("key must be a string")),
                    None => return Err(self.error("EOF while parsing an object")),
                }
                let key = self.string()?;
                self.skip_whitespace();
                match self.peek() {
                    Some(b':') => self.advance(),
                    Some(_) => return Err(self.error("expected `:`")),
                    None => return Err(self.error("EOF while parsing an object")),
                }
                let value = self.value()?;
                self.members.push((key, value));
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.advance();
                        self.skip_whitespace();
                        if self.peek() == Some(b'}') {
                            return Err(self.error("trailing comma"));
                        }
                    }
                    Some(b'}') => break,
                    Some(_) => return Err(self.error("expected `,` or `}`")),
                    None => return Err(self.error("EOF while parsing an object")),
                }
            }
        }
        self.leave();
        let entries = self.members.split_off(base);
        if entries.len() > self.limits.max_fields {
            self.oversized = true;
        }
        Ok(Json::Object(distinct_members(entries)))
    }

    /// A string whose opening quote was just passed; borrowed unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        let start = self.pos;
        let stop = self.scan_plain();
        let plain = self.text.get(start..stop).unwrap_or_default();
        let text = if self.peek() == Some(b'"') {
            self.advance();
            Cow::Borrowed(plain)
        } else {
            let mut owned = String::from(plain);
            self.unescape_into(&mut owned)?;
            Cow::Owned(owned)
        };
        if text.len() > self.limits.max_string_bytes {
            self.oversized = true;
        }
        Ok(text)
    }

    /// Moves to the next quote, backslash or control character (or the end), returning where
    /// it stopped. Eight bytes at a time where the input allows.
    fn scan_plain(&mut self) -> usize {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const SPACES: u64 = 0x2020_2020_2020_2020;
        const QUOTES: u64 = 0x2222_2222_2222_2222;
        const BACKSLASHES: u64 = 0x5C5C_5C5C_5C5C_5C5C;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let mut at = self.pos;
        while let Some(chunk) = self.bytes.get(at..at.saturating_add(8)) {
            let Ok(word) = <[u8; 8]>::try_from(chunk).map(u64::from_le_bytes) else {
                break;
            };
            // Nonzero when a byte is below 0x20, a quote or a backslash (the classic "has a
            // byte less than n" and "has a zero byte" tests).
            let quote = word ^ QUOTES;
            let backslash = word ^ BACKSLASHES;
            let special = ((word.wrapping_sub(SPACES) & !word)
                | (quote.wrapping_sub(ONES) & !quote)
                | (backslash.wrapping_sub(ONES) & !backslash))
                & HIGHS;
            if special != 0 {
                break;
            }
            at = at.saturating_add(8);
        }
        while let Some(&byte) = self.bytes.get(at) {
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                break;
            }
            at = at.saturating_add(1);
        }
        self.pos = at;
        at
    }

    /// Reads the rest of a string that has escapes (the reader is at a backslash, a control
    /// character or the end) into `out`, through the closing quote.
    fn unescape_into(&mut self, out: &mut String) -> Result<(), ParseError> {
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.advance();
                    return Ok(());
                }
                Some(b'\\') => {
                    self.advance();
                    self.escape_into(out)?;
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                None => return Err(self.error("EOF while parsing a string")),
            }
            let start = self.pos;
            let stop = self.scan_plain();
            out.push_str(self.text.get(start..stop).unwrap_or_default());
        }
    }

    /// One escape, the reader just past its backslash.
    fn escape_into(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(byte) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.advance();
        let decoded = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => return Err(self.error("invalid escape")),
        };
        out.push(decoded);
        Ok(())
    }

    /// The character of a `\u` escape (the reader just past the `u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                let end = self.pos.saturating_add(2);
                if self.bytes.get(self.pos..end) != Some(b"\\u".as_slice()) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.pos = end;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x1_0000 | ((first & 0x3FF) << 10) | (second & 0x3FF)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            other => other,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|byte| char::from(byte).to_digit(16))
                .ok_or_else(|| self.error("invalid escape"))?;
            code = (code << 4) | digit;
            self.advance();
        }
        Ok(code)
    }

    fn number(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.advance();
        }
        match self.peek() {
            Some(b'0') => {
                self.advance();
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        }
        let integer_end = self.pos;
        let mut fraction_or_exponent = false;
        if self.peek() == Some(b'.') {
            self.advance();
            self.required_digits()?;
            fraction_or_exponent = true;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.advance();
            if let Some(b'+' | b'-') = self.peek() {
                self.advance();
            }
            self.required_digits()?;
            fraction_or_exponent = true;
        }
        let literal = self.text.get(start..self.pos).unwrap_or_default();
        if !fraction_or_exponent {
            let digits = self
                .bytes
                .get(start.saturating_add(usize::from(negative))..integer_end)
                .unwrap_or_default();
            if let Some(number) = integer(digits, negative) {
                return Ok(Json::Number(number));
            }
        }
        match parse_f64(literal).and_then(Number::from_f64) {
            Some(number) => Ok(Json::Number(number)),
            None => Err(error_at(
                self.bytes,
                start,
                Reason::Syntax("number out of range"),
            )),
        }
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.advance();
        }
    }

    fn required_digits(&mut self) -> Result<(), ParseError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error("invalid number"));
        }
        self.digits();
        Ok(())
    }
}

/// An integer literal's number as serde_json makes it: unsigned, or signed when negative; a
/// negative zero, a value below `i64::MIN` and one past `u64::MAX` are doubles (`None` here).
fn integer(digits: &[u8], negative: bool) -> Option<Number> {
    // Up to 19 digits cannot overflow, and wrapping arithmetic spares WebAssembly the 128-bit
    // multiplication that detecting an overflow costs there.
    const SAFE_DIGITS: usize = 19;
    let (head, tail) = digits.split_at(digits.len().min(SAFE_DIGITS));
    let mut magnitude = head.iter().fold(0u64, |sum, &digit| {
        sum.wrapping_mul(10)
            .wrapping_add(u64::from(digit.wrapping_sub(b'0')))
    });
    for &digit in tail {
        magnitude = magnitude
            .checked_mul(10)?
            .checked_add(u64::from(digit.wrapping_sub(b'0')))?;
    }
    if !negative {
        return Some(Number::from(magnitude));
    }
    match magnitude {
        0 => None,
        m if m <= i64::MAX.unsigned_abs() => i64::try_from(m)
            .ok()
            .map(|m| Number::from(m.wrapping_neg())),
        m if m == i64::MIN.unsigned_abs() => Some(Number::from(i64::MIN)),
        _ => None,
    }
}

/// The members of `entries` with each repeated key kept once: the last value, at the place of
/// the first occurrence (what `JSON.parse` and the API's server make of such an object).
pub(super) fn distinct_members<'a>(entries: Vec<(Cow<'a, str>, Json<'a>)>) -> Members<'a> {
    if !has_repeated_key(&entries) {
        return Members::from_distinct(entries);
    }
    let mut place: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut kept: Vec<(Cow<'a, str>, Json<'a>)> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        match place.get(key.as_ref()).and_then(|&at| kept.get_mut(at)) {
            Some(slot) => slot.1 = value,
            None => {
                place.insert(key.to_string(), kept.len());
                kept.push((key, value));
            }
        }
    }
    Members::from_distinct(kept)
}

fn has_repeated_key(entries: &[(Cow<'_, str>, Json<'_>)]) -> bool {
    if entries.len() <= PAIRWISE_LIMIT {
        return entries.iter().enumerate().any(|(at, (key, _))| {
            entries
                .get(..at)
                .is_some_and(|before| before.iter().any(|(earlier, _)| same_key(earlier, key)))
        });
    }
    let mut seen = HashSet::with_capacity(entries.len());
    !entries.iter().all(|(key, _)| seen.insert(key.as_ref()))
}
