//! Fuzz target `c_abi`: see `zhscreen_fuzz::c_abi` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhscreen_fuzz::c_abi(data));
