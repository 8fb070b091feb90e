//! Fuzz target `cli_input`: see `zhscreen_fuzz::cli_input` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhscreen_fuzz::cli_input(data));
