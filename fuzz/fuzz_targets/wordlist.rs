//! Fuzz target `wordlist`: see `zhscreen_fuzz::wordlist` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhscreen_fuzz::wordlist(data));
