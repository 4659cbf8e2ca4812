//! Whatever the decoder accepts prints and reads back to the same object, through YAML and
//! through JSON: `decode(encode(x)) == x` for every `x` the fuzzer can make the decoder accept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::manifest::{Object, parse_manifests, to_json, to_yaml};

fn read_back(text: &str) -> Object {
    let parsed = parse_manifests(text);
    let errors: Vec<String> = parsed.errors().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "printed object rejected: {errors:?}\n{text}");
    assert_eq!(parsed.manifests.len(), 1, "{text}");
    parsed.manifests.into_iter().next().map(|m| m.object).expect("one object")
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for m in parse_manifests(text).manifests {
        let yaml = to_yaml(&m.object);
        assert_eq!(read_back(&yaml), m.object, "YAML:\n{yaml}");
        let json = to_json(&m.object);
        assert_eq!(read_back(&json), m.object, "JSON:\n{json}");
    }
});
