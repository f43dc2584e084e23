//! Fuzz target `build_customer`: see `entries::build_customer` for what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voucherify_sync_fuzz::entries;

fuzz_target!(|data: &[u8]| entries::build_customer(data));
