//! The files Excel saves, in `tests/fixtures/csv/excel/`, and the expected files beside each.

use std::path::{Path, PathBuf};

/// Each fixture's file name and how the import check says it was read.
pub const FIXTURES: [(&str, &str); 6] = [
    ("semicolon-utf8.csv", "UTF-8, delimiter ';'"),
    (
        "semicolon-utf8-bom.csv",
        "UTF-8 with a byte order mark, delimiter ';'",
    ),
    ("unicode-text-utf16le.txt", "UTF-16LE, delimiter tab"),
    ("tab-utf16be-bom.txt", "UTF-16BE, delimiter tab"),
    ("windows-1252.csv", "Windows-1252, delimiter ','"),
    (
        "sep-line-semicolon.csv",
        "Windows-1252, delimiter ';' (from the file's sep= line)",
    ),
];

/// The folder of the fixtures.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv/excel")
}

/// The expected file beside fixture `name`: `semicolon-utf8.report.json` for `report.json`.
pub fn expected(name: &str, suffix: &str) -> PathBuf {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    fixture_dir().join(format!("{stem}.{suffix}"))
}

/// The bytes of a file, or a panic that names it.
pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
