//! Share links: a simulation's state (scenario, seed, the reader's actions, the time reached)
//! as a short, versioned, checksummed string for a URL fragment, so opening the link replays
//! deterministically to the same state.
//!
//! Format: `<kind>.<version>.<payload>.<check>`, where `payload` is the postcard encoding of
//! the caller's state in unpadded base64url and `check` is 8 hex digits of a hash over
//! everything before it. The checksum catches truncation and accidental edits (it is not a
//! signature: a link is a replay recipe, not an authority).
//!
//! Decoding never panics and is bounded: input length, payload size and (through postcard)
//! allocation are all capped.

use serde::{Serialize, de::DeserializeOwned};
use std::fmt;

/// Longest link accepted, in characters. Typical links are a few hundred.
pub const MAX_LEN: usize = 16 * 1024;

/// Why a link was rejected; every variant reads as a sentence for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Longer than [`MAX_LEN`].
    TooLong(usize),
    /// Not `<kind>.<version>.<payload>.<check>`.
    Malformed,
    /// A link for another widget.
    WrongKind {
        /// What the link is for.
        found: String,
        /// What was expected.
        expected: String,
    },
    /// Made by a version of the site this one cannot read.
    Version {
        /// The link's version.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// The checksum does not match: the link was cut short or edited.
    Checksum,
    /// The payload does not decode as the expected state.
    Payload,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLong(n) => {
                write!(f, "the link is {n} characters long; at most {MAX_LEN} are accepted")
            }
            ShareError::Malformed => {
                f.write_str("the link is not a simulation link (it may have been cut short)")
            }
            ShareError::WrongKind { found, expected } => {
                write!(f, "the link is for the `{found}` simulation, not `{expected}`")
            }
            ShareError::Version { found, supported } => write!(
                f,
                "the link was made by another version of this site (format {found}; this version reads {supported})"
            ),
            ShareError::Checksum => f.write_str("the link is damaged: it was cut short or edited"),
            ShareError::Payload => f.write_str("the link's contents could not be read"),
        }
    }
}

impl std::error::Error for ShareError {}

/// Encodes `state` for simulation `kind` (`[a-z0-9-]+`) at format `version`.
pub fn encode<T: Serialize>(kind: &str, version: u32, state: &T) -> String {
    let bytes = postcard::to_allocvec(state).unwrap_or_default();
    let head = format!("{kind}.{version}.{}", base64url(&bytes));
    format!("{head}.{:08x}", check(&head))
}

/// Decodes a link made by [`encode`] with the same `kind` and `version`.
pub fn decode<T: DeserializeOwned>(link: &str, kind: &str, version: u32) -> Result<T, ShareError> {
    if link.len() > MAX_LEN {
        return Err(ShareError::TooLong(link.len()));
    }
    let (head, sum) = link.rsplit_once('.').ok_or(ShareError::Malformed)?;
    let mut parts = head.splitn(3, '.');
    let (found_kind, found_version, payload) = match (parts.next(), parts.next(), parts.next()) {
        (Some(k), Some(v), Some(p)) => (k, v, p),
        _ => return Err(ShareError::Malformed),
    };
    if found_kind.is_empty()
        || !found_kind.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(ShareError::Malformed);
    }
    if found_kind != kind {
        return Err(ShareError::WrongKind {
            found: found_kind.to_owned(),
            expected: kind.to_owned(),
        });
    }
    let found_version: u32 = found_version.parse().map_err(|_| ShareError::Malformed)?;
    if sum.len() != 8 || u32::from_str_radix(sum, 16).ok() != Some(check(head)) {
        return Err(ShareError::Checksum);
    }
    if found_version != version {
        return Err(ShareError::Version { found: found_version, supported: version });
    }
    let bytes = from_base64url(payload).ok_or(ShareError::Malformed)?;
    postcard::from_bytes(&bytes).map_err(|_| ShareError::Payload)
}

/// Wraps arbitrary `payload` bytes into a link with a valid checksum, as a tampering tool
/// would: lets tests and the fuzzer reach the payload decoder behind the checksum.
pub fn forge(kind: &str, version: u32, payload: &[u8]) -> String {
    let head = format!("{kind}.{version}.{}", base64url(payload));
    format!("{head}.{:08x}", check(&head))
}

/// 32 bits of FNV-1a over the text.
fn check(text: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct State {
        preset: String,
        seed: u64,
        actions: Vec<(u64, String)>,
    }

    fn state() -> State {
        State {
            preset: "node-failure".into(),
            seed: 42,
            actions: vec![(60_000, "crash node-2".into())],
        }
    }

    #[test]
    fn round_trips() {
        let link = encode("cluster", 1, &state());
        assert!(link.starts_with("cluster.1."), "{link}");
        assert!(link.len() < 100, "{link}");
        assert_eq!(decode::<State>(&link, "cluster", 1).unwrap(), state());
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(from_base64url(&base64url(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn truncated_tampered_and_foreign_links_say_why() {
        let link = encode("cluster", 1, &state());
        let cut = &link[..link.len() - 3];
        assert_eq!(decode::<State>(cut, "cluster", 1), Err(ShareError::Checksum));
        let mut tampered = link.clone().into_bytes();
        tampered[12] = if tampered[12] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert_eq!(decode::<State>(&tampered, "cluster", 1), Err(ShareError::Checksum));
        assert!(matches!(decode::<State>(&link, "packing", 1), Err(ShareError::WrongKind { .. })));
        let v2 = encode("cluster", 2, &state());
        assert_eq!(
            decode::<State>(&v2, "cluster", 1),
            Err(ShareError::Version { found: 2, supported: 1 })
        );
        assert_eq!(decode::<State>("hello", "cluster", 1), Err(ShareError::Malformed));
        assert_eq!(
            decode::<State>(&"a".repeat(MAX_LEN + 1), "cluster", 1),
            Err(ShareError::TooLong(MAX_LEN + 1))
        );
    }

    #[test]
    fn valid_checksum_over_garbage_payload_is_a_payload_error() {
        let head = "cluster.1.____";
        let link = format!("{head}.{:08x}", check(head));
        assert_eq!(decode::<State>(&link, "cluster", 1), Err(ShareError::Payload));
    }
}
