//! Fuzz entry points for the voucherify-sync core, shared by the cargo-fuzz targets in
//! `fuzz_targets/` and by `tests/fuzz_regressions.rs`, which replays the committed corpus through
//! the same functions under `cargo test`.
//!
//! Neither module depends on anything but `voucherify_sync` and `serde_json`, so the main crate's
//! tests can include them with `#[path]` without a fuzzing dependency.

pub mod entries;
pub mod grammar;
pub mod scaled;
