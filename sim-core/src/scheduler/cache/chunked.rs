//! A growable array stored in chunks of at most [`CHUNK`] elements.
//!
//! The scheduler cache holds one entry per placed pod. A `Vec` that doubles its capacity
//! leaves up to half of it allocated and unused (at 150,000 pods, 262,144 slots: about 120
//! bytes per pod of nothing). Here only the last chunk grows by doubling, so at most
//! `CHUNK / 2` slots are unused, and growing never copies the earlier chunks. Serialized as
//! the plain sequence a `Vec` gives, so snapshots do not change.

use serde::{Deserialize, Deserializer, Serialize, Serializer, ser::SerializeSeq};

/// Elements per chunk.
const CHUNK: usize = 4096;

/// See the module documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked { chunks: Vec::new(), len: 0 }
    }
}

impl<T> Chunked<T> {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub(crate) fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)
    }

    pub(crate) fn push(&mut self, value: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => last.push(value),
            _ => self.chunks.push(vec![value]),
        }
        self.len += 1;
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }
}

impl<T> FromIterator<T> for Chunked<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut c = Chunked::default();
        for v in iter {
            c.push(v);
        }
        c
    }
}

impl<T: Serialize> Serialize for Chunked<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The length up front, as a `Vec` gives it (formats like postcard need it).
        let mut seq = s.serialize_seq(Some(self.len))?;
        for v in self.iter() {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Chunked<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_across_chunks_like_a_vec() {
        let c: Chunked<u32> = (0..(CHUNK as u32 * 2 + 5)).collect();
        assert_eq!(c.len(), CHUNK * 2 + 5);
        assert_eq!(c.get(CHUNK - 1), Some(&(CHUNK as u32 - 1)));
        assert_eq!(c.get(CHUNK), Some(&(CHUNK as u32)));
        assert_eq!(c.get(CHUNK * 2 + 4), Some(&(CHUNK as u32 * 2 + 4)));
        assert_eq!(c.get(CHUNK * 2 + 5), None);
        assert!(c.iter().copied().eq(0..(CHUNK as u32 * 2 + 5)));
    }

    #[test]
    fn serializes_as_the_vec_it_replaces() {
        let v: Vec<Option<u16>> =
            (0..(CHUNK as u16 + 3)).map(|i| (i % 3 != 0).then_some(i)).collect();
        let c: Chunked<Option<u16>> = v.iter().copied().collect();
        let bytes = postcard::to_allocvec(&c).expect("serializes");
        assert_eq!(bytes, postcard::to_allocvec(&v).expect("serializes"));
        let back: Chunked<Option<u16>> = postcard::from_bytes(&bytes).expect("deserializes");
        assert_eq!(back, c);
    }
}
