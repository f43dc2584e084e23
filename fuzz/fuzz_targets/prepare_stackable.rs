//! Fuzz target `prepare_stackable`: see `entries::prepare_stackable` for what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voucherify_sync_fuzz::entries;

fuzz_target!(|data: &[u8]| entries::prepare_stackable(data));
