//! Fuzz target `diff_customer`: see `entries::diff_customer` for what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voucherify_sync_fuzz::entries;

fuzz_target!(|data: &[u8]| entries::diff_customer(data));
