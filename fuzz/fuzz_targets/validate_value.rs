//! Fuzz target `validate_value`: see `entries::validate_value` for what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voucherify_sync_fuzz::entries;

fuzz_target!(|data: &[u8]| entries::validate_value(data));
