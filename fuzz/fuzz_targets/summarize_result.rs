//! Fuzz target `summarize_result`: see `entries::summarize_result` for what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voucherify_sync_fuzz::entries;

fuzz_target!(|data: &[u8]| entries::summarize_result(data));
