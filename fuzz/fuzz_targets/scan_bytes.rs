//! Fuzz target `scan_bytes`: see `zhscreen_fuzz::scan_bytes` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhscreen_fuzz::scan_bytes(data));
