//! A fast, non-cryptographic hasher for the view's per-frame maps (pods by uid, nodes by
//! name). The standard library's SipHash is built to resist hash flooding, which these maps
//! (keys made by the simulator, never by a stranger) do not need, and it was the largest cost
//! of rebuilding the view of 5,000 pods on every frame.
//!
//! The mixing step is the one rustc uses for its own maps (FxHash): rotate, xor the next
//! word, multiply by an odd constant.

use std::{
    collections::HashMap,
    hash::{BuildHasherDefault, Hasher},
};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The hasher; see the module docs.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        // The length first, so zero padding cannot make two different strings alike.
        self.add(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_u128(&mut self, n: u128) {
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash<T: std::hash::Hash>(t: T) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(t)
    }

    #[test]
    fn different_keys_hash_differently_and_equal_keys_alike() {
        assert_eq!(hash("node-12"), hash("node-12"));
        assert_ne!(hash("node-12"), hash("node-21"));
        // Strings that differ only past the first word, or only in length.
        assert_ne!(hash("web-7d9c8b6f5-abcde"), hash("web-7d9c8b6f5-abcdf"));
        assert_ne!(hash("node-1"), hash("node-1\0"));
        assert_ne!(hash(1u128), hash(1u128 << 64));
    }

    #[test]
    fn a_map_keyed_by_uids_finds_every_key() {
        let mut m: FastMap<u128, usize> = FastMap::default();
        for i in 0..5_000u128 {
            m.insert(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i as usize);
        }
        for i in 0..5_000u128 {
            assert_eq!(m.get(&i.wrapping_mul(0x9e37_79b9_7f4a_7c15)), Some(&(i as usize)));
        }
    }
}
