//! Replays the fuzzing corpus under `cargo test`: every file in `fuzz/corpus/<target>/`,
//! `fuzz/regressions/<target>/` (inputs that once failed, kept for good) and, when a local fuzz
//! run left any, `fuzz/artifacts/<target>/`, through the same entry points the cargo-fuzz targets
//! call (`fuzz/src/entries.rs`, included here by path), so a fix that regresses fails here.

#[allow(dead_code)]
#[path = "../fuzz/src/grammar.rs"]
mod grammar;

#[allow(dead_code)]
#[path = "../fuzz/src/scaled.rs"]
mod scaled;

#[path = "../fuzz/src/entries.rs"]
mod entries;

use std::path::{Path, PathBuf};

use voucherify_sync::{build_customer, find_country, to_e164, BuildOptions, PhoneProblem};

/// A fuzz target's entry point.
type Entry = fn(&[u8]);

/// The fuzz targets and their entry points, by the folder name cargo-fuzz gives them.
const TARGETS: &[(&str, Entry)] = &[
    ("validate_payload", entries::validate_payload),
    ("validate_value", entries::validate_value),
    ("ndjson", entries::ndjson),
    ("build_customer", entries::build_customer),
    ("diff_customer", entries::diff_customer),
    ("prepare_stackable", entries::prepare_stackable),
    ("summarize_result", entries::summarize_result),
    ("date", entries::date),
    ("email", entries::email),
    ("phone", entries::phone),
    ("csv", entries::csv),
    ("csv_scaled", entries::csv_scaled),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files in `fuzz/<kind>/<target>/`, sorted; none when the folder does not exist.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn replay(kind: &str) -> usize {
    let mut replayed = 0;
    for &(target, entry) in TARGETS {
        for file in inputs(kind, target) {
            // A fuzzer running beside the test may have removed the file since it was listed.
            let Ok(data) = std::fs::read(&file) else {
                continue;
            };
            let outcome = std::panic::catch_unwind(|| entry(&data));
            assert!(
                outcome.is_ok(),
                "{} fails; run `cargo fuzz run --sanitizer none {target} {}` in fuzz/ to see why",
                file.display(),
                file.display()
            );
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn the_committed_corpus_replays_without_a_failure() {
    let replayed = replay("corpus");
    assert!(replayed >= TARGETS.len(), "only {replayed} corpus files");
    for &(target, _) in TARGETS {
        assert!(
            !inputs("corpus", target).is_empty(),
            "no corpus for {target}"
        );
    }
}

#[test]
fn every_input_that_once_failed_passes_now() {
    replay("regressions");
}

#[test]
fn inputs_a_local_fuzz_run_found_pass() {
    // Crashes of a local run land in fuzz/artifacts/ (not committed): once fixed, they pass here
    // too; move each into fuzz/regressions/<target>/ to keep it.
    replay("artifacts");
}

#[test]
fn a_short_national_number_is_not_made_into_an_e164_the_reader_refuses() {
    // Found by the `phone` target: "2020" in Austria became "+432020" (6 digits), which
    // `to_e164` itself refuses when given it back.
    let austria = find_country("AT").unwrap();
    assert_eq!(
        to_e164("2020", austria),
        Err(PhoneProblem::NotValid {
            calling_code: "43",
            national_digits: 4
        })
    );
    assert_eq!(
        to_e164("01 234 5678", austria).as_deref(),
        Ok("+4312345678")
    );
}

#[test]
fn an_international_prefix_followed_by_zero_has_no_calling_code() {
    // Found by the `phone` target: "00048601064567" became "+048601064567". (In Germany 00 is
    // the international prefix; libphonenumber then reads the 0 after it as no calling code and
    // the whole as a national number, an invalid one.)
    let germany = find_country("DE").unwrap();
    let us = find_country("US").unwrap();
    assert_eq!(
        to_e164("00048601064567", germany),
        Err(PhoneProblem::NotValid {
            calling_code: "49",
            national_digits: 13
        })
    );
    assert_eq!(
        to_e164("+0 48 601 064 567", us),
        Err(PhoneProblem::NoCallingCode)
    );
    assert_eq!(
        to_e164("0048601064567", germany).as_deref(),
        Ok("+48601064567")
    );
    let built = build_customer(
        &serde_json::json!({ "phone": "+048601064567" }),
        &BuildOptions {
            default_country: Some(us),
            ..BuildOptions::default()
        },
    )
    .unwrap();
    assert!(!built.valid);
    assert_eq!(built.issues[0].path, "/phone");
    assert!(
        built.issues[0].message.contains("no known calling code"),
        "{}",
        built.issues[0].message
    );
}

#[test]
fn scaled_seeds_expand_into_documents_far_over_4_kb() {
    let seed = std::fs::read(fuzz_dir().join("corpus/csv_scaled/long-header-formula-rows"))
        .expect("the seed of the report's file");
    assert!(seed.len() < 16);
    let (_, document) = scaled::document(&seed);
    let header_end = document.iter().position(|&b| b == b'\n').expect("a header");
    assert_eq!(header_end, 70_000);
    assert_eq!(document.len(), 70_000 + 1 + 3 * 1000);
    let repeated = std::fs::read(fuzz_dir().join("corpus/csv_scaled/repeated-ids-many-rows"))
        .expect("the seed of repeated ids");
    let (_, document) = scaled::document(&repeated);
    let rows = document.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(rows, 1 + 200 * 64);
}
