//! Fuzz target `csv_scaled`: see `entries::csv_scaled` for what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voucherify_sync_fuzz::entries;

fuzz_target!(|data: &[u8]| entries::csv_scaled(data));
