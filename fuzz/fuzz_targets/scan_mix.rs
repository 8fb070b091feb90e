//! Fuzz target `scan_mix`: see `zhscreen_fuzz::scan_mix` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhscreen_fuzz::scan_mix(data));
