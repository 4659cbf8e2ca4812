//! The small, real WebAssembly module the live lane compiles and instantiates, assembled
//! byte by byte so it needs no toolchain and no download: it ships inside the app.
//!
//! In text form it is:
//!
//! ```wat
//! (module
//!   (import "env" "memory" (memory 1))            ;; one 64 KiB page, made once by the page
//!   (export "memory" (memory 0))
//!   (data (i32.const 0) "metal-to-wasm")          ;; copied in at instantiation
//!   (func (export "checksum") (param $n i32) (result i32)
//!     (local $i i32) (local $h i32)
//!     (local.set $h (i32.const 5381))
//!     (block (loop
//!       (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
//!       (local.set $h (i32.xor (i32.mul (local.get $h) (i32.const 33))
//!                              (i32.load8_u (local.get $i))))
//!       (local.set $i (i32.add (local.get $i) (i32.const 1)))
//!       (br 0)))
//!     (local.get $h))
//!   (@custom "race-variant" "\00\00\00\00"))      ;; changed per compile, see below
//! ```
//!
//! So instantiating it does what a real instance needs — resolve an import, copy a data
//! segment into linear memory, build the exports — and calling `checksum` proves the instance
//! works. The last four bytes are a custom section the engine ignores; the live lane varies
//! them so that each compilation sees new bytes and no engine-level cache can answer it.
//!
//! Simplified: the memory is imported, made once and shared by every instance, the way a
//! pooling runtime (Wasmtime's pooling allocator) hands each instance a memory slot it
//! reserved in advance. A fresh memory per instance would make the browser reserve gigabytes
//! of guarded address space each time and collect them in long garbage-collector pauses: the
//! lane would time the collector, and block the page, rather than instantiation.

/// The text the data segment places at address 0.
pub const DATA: &[u8] = b"metal-to-wasm";

/// The export the widget calls after instantiation.
pub const EXPORT: &str = "checksum";

/// The module name of the memory import.
pub const IMPORT_MODULE: &str = "env";
/// The field name of the memory import.
pub const IMPORT_MEMORY: &str = "memory";

/// Length of the variant field at the end of the module.
pub const VARIANT_LEN: usize = 4;

/// The module, with `variant` in its trailing custom section.
pub fn bytes(variant: u32) -> Vec<u8> {
    let mut m = b"\0asm".to_vec();
    m.extend([1, 0, 0, 0]);
    // Type section: one type, (i32) -> i32.
    section(&mut m, 1, &[1, 0x60, 1, 0x7f, 1, 0x7f]);
    // Import section: "env" "memory", a memory of minimum one page, no maximum.
    let mut imports = vec![1];
    name(&mut imports, IMPORT_MODULE);
    name(&mut imports, IMPORT_MEMORY);
    imports.extend([0x02, 0x00, 1]);
    section(&mut m, 2, &imports);
    // Function section: one function of type 0.
    section(&mut m, 3, &[1, 0]);
    // Export section: "checksum" (function 0), "memory" (memory 0).
    let mut exports = vec![2];
    name(&mut exports, EXPORT);
    exports.extend([0x00, 0]);
    name(&mut exports, "memory");
    exports.extend([0x02, 0]);
    section(&mut m, 7, &exports);
    // Code section: one body.
    let body = checksum_body();
    let mut code = vec![1];
    leb(&mut code, body.len());
    code.extend(body);
    section(&mut m, 10, &code);
    // Data section: one active segment at i32.const 0 in memory 0.
    let mut data = vec![1, 0x00, 0x41, 0, 0x0b];
    leb(&mut data, DATA.len());
    data.extend(DATA);
    section(&mut m, 11, &data);
    // Custom section "race-variant" holding the variant; kept last so its bytes sit at the end.
    let mut custom = Vec::new();
    name(&mut custom, "race-variant");
    custom.extend(variant.to_le_bytes());
    section(&mut m, 0, &custom);
    m
}

fn checksum_body() -> Vec<u8> {
    const LOCAL_GET: u8 = 0x20;
    const LOCAL_SET: u8 = 0x21;
    const I32_CONST: u8 = 0x41;
    let (n, i, h) = (0, 1, 2);
    let mut b = vec![1, 2, 0x7f]; // one group of locals: two i32 ($i, $h)
    b.extend([I32_CONST, 0x85, 0x2a, LOCAL_SET, h]); // h = 5381 (signed LEB128)
    b.extend([0x02, 0x40, 0x03, 0x40]); // block, loop (no results)
    b.extend([LOCAL_GET, i, LOCAL_GET, n, 0x4f, 0x0d, 1]); // br_if 1 (i >= n, unsigned)
    b.extend([LOCAL_GET, h, I32_CONST, 33, 0x6c]); // h * 33
    b.extend([LOCAL_GET, i, 0x2d, 0, 0]); // i32.load8_u align=0 offset=0
    b.extend([0x73, LOCAL_SET, h]); // xor, store h
    b.extend([LOCAL_GET, i, I32_CONST, 1, 0x6a, LOCAL_SET, i]); // i += 1
    b.extend([0x0c, 0, 0x0b, 0x0b]); // br 0; end loop; end block
    b.extend([LOCAL_GET, h, 0x0b]); // return h; end function
    b
}

fn section(out: &mut Vec<u8>, id: u8, payload: &[u8]) {
    out.push(id);
    leb(out, payload.len());
    out.extend(payload);
}

fn name(out: &mut Vec<u8>, s: &str) {
    leb(out, s.len());
    out.extend(s.as_bytes());
}

/// Unsigned LEB128.
fn leb(out: &mut Vec<u8>, mut v: usize) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// What `checksum(n)` returns: djb2 with xor over the first `n` bytes of the data segment
/// (memory beyond the segment is zero), as the unsigned 32-bit value of the i32 result.
pub fn expected_checksum(n: usize) -> u32 {
    (0..n).fold(5381u32, |h, i| h.wrapping_mul(33) ^ u32::from(DATA.get(i).copied().unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_is_valid_webassembly() {
        let mut validator = wasmparser::Validator::new();
        validator.validate_all(&bytes(0)).expect("valid module");
        validator.reset();
        validator.validate_all(&bytes(u32::MAX)).expect("valid with any variant");
    }

    #[test]
    fn exports_memory_and_checksum_and_ends_with_the_variant() {
        let m = bytes(0x0102_0304);
        assert_eq!(&m[m.len() - VARIANT_LEN..], &[4, 3, 2, 1]);
        let mut exports = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&m) {
            if let Ok(wasmparser::Payload::ExportSection(reader)) = payload {
                for e in reader {
                    exports.push(e.unwrap().name.to_owned());
                }
            }
        }
        assert_eq!(exports, ["checksum", "memory"]);
        let imports: Vec<(String, String)> = wasmparser::Parser::new(0)
            .parse_all(&m)
            .filter_map(|p| match p {
                Ok(wasmparser::Payload::ImportSection(reader)) => Some(reader),
                _ => None,
            })
            .flat_map(|r| r.into_imports())
            .map(|i| {
                let i = i.unwrap();
                (i.module.to_owned(), i.name.to_owned())
            })
            .collect();
        assert_eq!(imports, [(IMPORT_MODULE.to_owned(), IMPORT_MEMORY.to_owned())]);
        // Small: well under 200 bytes.
        assert!(m.len() < 200, "{}", m.len());
    }

    #[test]
    fn checksum_reference_is_djb2_xor() {
        assert_eq!(expected_checksum(0), 5381);
        assert_eq!(expected_checksum(1), 5381u32.wrapping_mul(33) ^ u32::from(b'm'));
        // Bytes past the segment read as zero.
        assert_eq!(expected_checksum(14), expected_checksum(13).wrapping_mul(33));
    }

    #[test]
    fn leb128_matches_the_spec() {
        let mut v = Vec::new();
        leb(&mut v, 624_485);
        assert_eq!(v, [0xe5, 0x8e, 0x26]);
    }
}
