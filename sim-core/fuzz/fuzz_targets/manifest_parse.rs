//! Any input: the manifest parser returns (objects, diagnostics) without panicking, and every
//! diagnostic points at a line of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::manifest::parse_manifests;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_manifests(&text);
    // YAML breaks lines at `\n`, `\r\n` and a lone `\r`.
    let lines = text.replace("\r\n", "\n").matches(['\n', '\r']).count() as u32 + 1;
    for d in &parsed.diagnostics {
        assert!(d.line >= 1 && d.line <= lines, "{d} is outside the input's {lines} lines");
    }
});
