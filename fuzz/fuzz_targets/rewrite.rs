//! Fuzz target `rewrite`: see `zhscreen_fuzz::rewrite` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhscreen_fuzz::rewrite(data));
