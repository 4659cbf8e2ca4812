//! libFuzzer driver of [`kubectl_fuzz::check`] (nightly: `cargo +nightly fuzz run command_line`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kubectl_fuzz::check(data));
