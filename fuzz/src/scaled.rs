//! Size-scaled CSV documents: a few fuzzer bytes are a recipe (header names and how many times
//! each is repeated, cell patterns, a row count, how ids repeat) that expands into a file of up
//! to a few MB, so the targets reach what only large inputs show: long header names repeated
//! into every issue, many rows, colliding and repeated ids, long echoed values.
//!
//! Like `grammar.rs`, it depends on nothing but the core, so `tests/fuzz_regressions.rs` can
//! include it by path and replay the corpus under `cargo test`.

use crate::grammar::Bytes;

/// Header names the core recognizes, and names an attacker would write.
#[rustfmt::skip]
const NAMES: &[&str] = &[
    "Source_id", "source_id", "Id", "name", "Name", "email", "Email", "birthdate", "price",
    "product_id", "sku", "attributes", "quantity", "status", "sku_id", "item_source_id",
    "related_object", "amount", "metadata.tier", "item_metadata.size", "tier", "City",
    "Address_City", "h", "=cmd|' /C calc'!A0", " =x", "\t@x", "a\0b", "x y", "", "\u{feff}id",
    "é",
];

/// Cell patterns; `#` is replaced by the row number, so ids are distinct or repeated.
#[rustfmt::skip]
const CELLS: &[&str] = &[
    "c#", "c1", "#", "=x", " =x", "\t=1", "-2+3", "+1 (989) 123-4632", "-12.5", "", " ",
    "a@b.co", "not-an-email", "1990-02-30", "1990-07-03", "14.999", "1e3", "PAID", "nope",
    "product", "3", "-1", "{\"color\":\"red\"}", "color,size", "\"q\"", "\u{0}", "\u{ff}", "é",
    "x\ny", "true",
];

/// Longest header name and cell a recipe builds, in bytes (just over the 64 KiB name limit and
/// the 1 MiB record limit, to reach both sides).
const MAX_PIECE_BYTES: usize = 70_000;
/// Most rows a recipe builds.
const MAX_ROWS: usize = 20_000;
/// Most bytes a document may have (recipes past it stop adding rows).
const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// A text of `text` repeated to about `scale` bytes chosen by the next byte: 1×, or up to
/// [`MAX_PIECE_BYTES`].
fn scaled(bytes: &mut Bytes<'_>, text: &str) -> String {
    let shift = bytes.byte() % 19;
    let times = if shift < 8 { 1 } else { 1usize << (shift - 1) };
    let unit = text.len().max(1);
    text.repeat(times.min(MAX_PIECE_BYTES / unit).max(1))
}

/// The CSV document a recipe describes, and its kind byte.
pub fn document(data: &[u8]) -> (u8, Vec<u8>) {
    let mut bytes = Bytes::new(data);
    let kind = bytes.byte();
    let columns = 1 + bytes.count(7);
    let names: Vec<String> = (0..columns)
        .map(|_| {
            let name = bytes.pick(NAMES).unwrap_or_default();
            scaled(&mut bytes, name)
        })
        .collect();
    let cells: Vec<String> = (0..columns)
        .map(|_| {
            let cell = bytes.pick(CELLS).unwrap_or_default();
            scaled(&mut bytes, cell)
        })
        .collect();
    let rows = (usize::from(bytes.byte()) << (bytes.byte() % 8)).min(MAX_ROWS);
    // A byte that turns into a ragged row, an invalid UTF-8 byte, or a quote left open.
    let damage = bytes.byte();
    let mut out = Vec::new();
    write_row(&mut out, names.iter().map(String::as_str));
    for row in 0..rows {
        if out.len() > MAX_DOCUMENT_BYTES {
            break;
        }
        let number = row.to_string();
        let texts: Vec<String> = cells.iter().map(|c| c.replace('#', &number)).collect();
        let mut fields: Vec<&str> = texts.iter().map(String::as_str).collect();
        if damage != 0 && row % usize::from(damage) == 0 {
            match damage % 3 {
                0 => {
                    fields.pop();
                }
                1 => out.push(0xff),
                _ => fields.push("x"),
            }
        }
        write_row(&mut out, fields.into_iter());
    }
    if damage % 7 == 6 {
        out.extend_from_slice(b"\"open");
    }
    (kind, out)
}

/// One CSV record, fields quoted when they hold a comma, a quote or a line break.
fn write_row<'a>(out: &mut Vec<u8>, fields: impl Iterator<Item = &'a str>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(b',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push(b'"');
            out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(field.as_bytes());
        }
    }
    out.push(b'\n');
}

/// Bytes an issue may take in the report's JSON: a name and a value of at most 80 characters,
/// a message of at most 400, each character escaped to at most 6 bytes, and the place.
pub const ISSUE_BYTES: usize = (80 + 80 + 400) * 6 + 256;
/// Bytes a failed row's `error` text may take: about 1000 characters, then the last message
/// and its column, and the count of the rest, each character at most 4 bytes and quoted.
pub const ERROR_TEXT_BYTES: usize = (1000 + 400 + 80 + 100) * 4 * 2;
