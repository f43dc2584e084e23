//! A set of identifiers for duplicate detection over millions of rows: a 64-bit hash on every
//! target (never a `usize`-sized one, which is 32-bit on wasm32), confirmed by comparing the
//! stored bytes, so that a hash collision never reports a false duplicate.

use std::collections::hash_map::Entry as Slot;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Where an identifier was first seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Seen {
    /// The 1-based data row.
    pub(crate) row: u64,
    /// The physical line where that row starts.
    pub(crate) line: u64,
}

/// No next entry.
const END: u32 = u32::MAX;

#[derive(Debug)]
struct Entry {
    start: usize,
    len: u32,
    /// The next entry with the same 64-bit hash, or `END`.
    next: u32,
    seen: Seen,
}

/// A hasher that passes an already computed 64-bit hash through.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash64(bytes);
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Identifiers with where each was first seen; the bytes live in one arena, so inserting an
/// identifier allocates nothing per identifier.
#[derive(Default)]
pub(crate) struct IdSet {
    heads: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    entries: Vec<Entry>,
    arena: Vec<u8>,
}

impl IdSet {
    /// Adds `id` first seen at `seen`; when it is already there, returns where it was first seen.
    ///
    /// Past 4 294 967 294 identifiers, or for one longer than 4 GiB, nothing more is stored and
    /// no duplicate is reported for it.
    pub(crate) fn insert(&mut self, id: &[u8], seen: Seen) -> Option<Seen> {
        let (Ok(index), Ok(len)) = (u32::try_from(self.entries.len()), u32::try_from(id.len()))
        else {
            return None;
        };
        if index == END {
            return None;
        }
        let next = match self.heads.entry(hash64(id)) {
            Slot::Vacant(slot) => {
                slot.insert(index);
                END
            }
            Slot::Occupied(mut slot) => {
                let head = *slot.get();
                if let Some(found) = find(&self.entries, &self.arena, head, id) {
                    return Some(found);
                }
                slot.insert(index);
                head
            }
        };
        self.entries.push(Entry {
            start: self.arena.len(),
            len,
            next,
            seen,
        });
        self.arena.extend_from_slice(id);
        None
    }

    /// Where `id` was first seen, if it is in the set.
    pub(crate) fn get(&self, id: &[u8]) -> Option<Seen> {
        let head = self.heads.get(&hash64(id)).copied()?;
        find(&self.entries, &self.arena, head, id)
    }

    /// The number of identifiers held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Follows the chain of entries from `cursor` to the one holding `id`.
fn find(entries: &[Entry], arena: &[u8], mut cursor: u32, id: &[u8]) -> Option<Seen> {
    while cursor != END {
        let entry = entries.get(usize::try_from(cursor).ok()?)?;
        let end = entry.start.checked_add(usize::try_from(entry.len).ok()?)?;
        if arena.get(entry.start..end)? == id {
            return Some(entry.seen);
        }
        cursor = entry.next;
    }
    None
}

/// A fast 64-bit hash of bytes: a multiply-rotate over 8-byte words (as FxHash, but on `u64`
/// everywhere) with a murmur3 finalizer, so both the low and the high bits are well mixed.
pub(crate) fn hash64(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut hash = (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let value = <[u8; 8]>::try_from(word)
            .map(u64::from_le_bytes)
            .unwrap_or(0);
        hash = (hash.rotate_left(5) ^ value).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        for (slot, byte) in last.iter_mut().zip(rest) {
            *slot = *byte;
        }
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(row: u64) -> Seen {
        Seen { row, line: row + 1 }
    }

    #[test]
    fn finds_repeats_and_only_repeats() {
        let mut set = IdSet::default();
        for i in 0..200_000u64 {
            let id = format!("customer-{i}");
            assert_eq!(set.insert(id.as_bytes(), seen(i)), None, "{id}");
        }
        assert_eq!(set.len(), 200_000);
        assert_eq!(set.insert(b"customer-17", seen(9)), Some(seen(17)));
        assert_eq!(set.get(b"customer-199999"), Some(seen(199_999)));
        assert_eq!(set.get(b"customer-200000"), None);
        assert_eq!(set.insert(b"", seen(1)), None);
        assert_eq!(set.insert(b"", seen(2)), Some(seen(1)));
    }

    #[test]
    fn a_hash_collision_is_not_a_duplicate() {
        // Force two different ids under one hash head to exercise the equality chain.
        let mut set = IdSet::default();
        set.insert(b"a", seen(1));
        let head = set.heads.get(&hash64(b"a")).copied().unwrap();
        set.entries.push(Entry {
            start: set.arena.len(),
            len: 1,
            seen: seen(2),
            next: head,
        });
        set.arena.push(b'b');
        set.heads.insert(hash64(b"a"), 1);
        assert_eq!(find(&set.entries, &set.arena, 1, b"a"), Some(seen(1)));
        assert_eq!(find(&set.entries, &set.arena, 1, b"b"), Some(seen(2)));
        assert_eq!(find(&set.entries, &set.arena, 1, b"c"), None);
    }
}
