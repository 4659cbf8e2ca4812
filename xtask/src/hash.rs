//! Content hashes for cache-busting file names.

/// A 64-bit FNV-1a hash of `bytes` as 16 hex digits. Not cryptographic: it only has to change
/// when the content changes, so browsers never mix an old module with new glue.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The first 10 hex digits, for file names.
pub(crate) fn short(bytes: &[u8]) -> String {
    hex(bytes)[..10].to_owned()
}
