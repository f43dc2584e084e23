//! A set of identifiers for duplicate detection over millions of rows, in about 27 bytes per
//! 14-byte identifier: a 64-bit hash on every target (never a `usize`-sized one, which is 32-bit
//! on wasm32), confirmed by comparing the stored bytes, so that a hash collision never reports a
//! false duplicate.
//!
//! - The bytes and the row of each identifier are appended to an arena of 1 MiB chunks: a
//!   varint length, the bytes, the row as a little-endian `u32` (19 bytes for a 14-byte id). A
//!   full chunk is never moved or copied, and an entry's address is a `u32`.
//! - A table of 64-byte buckets (one cache line each) holds up to 12 addresses, each with an
//!   8-bit tag of its hash, so most mismatches are ruled out without reading the arena. A hash
//!   picks a bucket; a full bucket overflows into the next one (linear probing). The table
//!   doubles past 7/8 full, and is then rebuilt from the arena, whose entries are read in order
//!   and hashed again: the old table is freed before the new one is allocated.
//! - Lines are not stored per entry: `line - row` only changes after a record spanning several
//!   lines or a blank line, so it is kept at the rows where it changes.

/// Where an identifier was first seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Seen {
    /// The 1-based data row.
    pub(crate) row: u64,
    /// The physical line where that row starts.
    pub(crate) line: u64,
}

/// Identifiers with where each was first seen.
///
/// An identifier is not stored, and no duplicate of it is reported later, when its row is past
/// `u32::MAX`, when it is longer than 4 GiB, when the arena's 4 GiB of addresses are used up or
/// when the table is full at its largest (200 million identifiers on wasm32); a repeat of an
/// identifier stored earlier is still found. Nothing panics.
#[derive(Default)]
pub(crate) struct IdSet {
    /// A power-of-two number of buckets, or none before the first insertion.
    table: Vec<Bucket>,
    /// The identifiers held.
    count: usize,
    /// How many identifiers the table holds before it doubles.
    limit: usize,
    arena: Arena,
    lines: Lines,
}

impl IdSet {
    /// Adds `id` first seen at `seen`; when it is already there, returns where it was first seen.
    pub(crate) fn insert(&mut self, id: &[u8], seen: Seen) -> Option<Seen> {
        self.insert_hashed(hash64(id), id, seen)
    }

    /// Where `id` was first seen, if it is in the set.
    pub(crate) fn get(&self, id: &[u8]) -> Option<Seen> {
        self.get_hashed(hash64(id), id)
    }

    /// The bytes allocated, by capacity.
    #[cfg(test)]
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table
            .capacity()
            .saturating_mul(size_of::<Bucket>())
            .saturating_add(self.arena.heap_bytes())
            .saturating_add(self.lines.heap_bytes())
    }

    /// The number of identifiers held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// [`IdSet::insert`] with the hash of `id` given.
    fn insert_hashed(&mut self, hash: u64, id: &[u8], seen: Seen) -> Option<Seen> {
        let mut free = match self.probe(hash, id) {
            Probe::Found(address, row) => return self.seen(address, row),
            Probe::Free(bucket) => Some(bucket),
            Probe::Full => None,
        };
        let row = u32::try_from(seen.row).ok()?;
        if free.is_none() || self.count >= self.limit {
            self.grow();
            free = free_bucket(&self.table, hash);
        }
        let bucket = free?;
        let address = self.arena.push(id, row)?;
        self.lines.record(address, row, seen.line);
        self.table.get_mut(bucket)?.push(tag(hash), address);
        self.count = self.count.saturating_add(1);
        None
    }

    /// [`IdSet::get`] with the hash of `id` given.
    fn get_hashed(&self, hash: u64, id: &[u8]) -> Option<Seen> {
        match self.probe(hash, id) {
            Probe::Found(address, row) => self.seen(address, row),
            Probe::Free(_) | Probe::Full => None,
        }
    }

    /// Looks for `id` from the bucket `hash` picks, up to the first bucket with a free slot.
    fn probe(&self, hash: u64, id: &[u8]) -> Probe {
        let tag = tag(hash);
        let mut index = home(&self.table, hash);
        for _ in 0..self.table.len() {
            let Some(bucket) = self.table.get(index) else {
                break;
            };
            for address in bucket.tagged(tag) {
                if let Some((stored, row, _)) = self.arena.entry(address) {
                    if stored == id {
                        return Probe::Found(address, row);
                    }
                }
            }
            if !bucket.is_full() {
                return Probe::Free(index);
            }
            index = next(&self.table, index);
        }
        Probe::Full
    }

    /// Makes room for `ids` identifiers in all, so that the table does not double on the way
    /// there (an expected count, from the size of the file).
    pub(crate) fn reserve(&mut self, ids: usize) {
        let per_bucket = SLOTS.saturating_mul(7) / 8;
        let buckets = ids
            .div_ceil(per_bucket)
            .checked_next_power_of_two()
            .unwrap_or(MAX_BUCKETS)
            .min(MAX_BUCKETS);
        if buckets > self.table.len() {
            self.resize(buckets);
        }
    }

    /// Doubles the table (or makes the first one). Does nothing when it cannot double.
    fn grow(&mut self) {
        let buckets = match self.table.len() {
            0 => 1,
            len => match len.checked_mul(2) {
                Some(doubled) if doubled <= MAX_BUCKETS => doubled,
                _ => return,
            },
        };
        self.resize(buckets);
    }

    /// Makes a table of `buckets` buckets and refills it from the arena. The old table is freed
    /// first, so the two are never held at once.
    fn resize(&mut self, buckets: usize) {
        self.table = Vec::new();
        self.table = vec![Bucket::EMPTY; buckets];
        self.limit = buckets.saturating_mul(SLOTS * 7) / 8;
        // Hashing a batch of entries, then placing it, lets the cache misses of the placements
        // overlap: twice as fast on wasm32 as placing each entry as soon as it is hashed.
        let mut entries = self
            .arena
            .entries()
            .map(|(address, id)| (hash64(id), address));
        let mut batch = [(0u64, 0u32); 64];
        loop {
            let mut filled = 0usize;
            for (slot, entry) in batch.iter_mut().zip(&mut entries) {
                *slot = entry;
                filled = filled.saturating_add(1);
            }
            for &(hash, address) in batch.iter().take(filled) {
                if let Some(bucket) =
                    free_bucket(&self.table, hash).and_then(|index| self.table.get_mut(index))
                {
                    bucket.push(tag(hash), address);
                }
            }
            if filled < batch.len() {
                break;
            }
        }
    }

    /// Where the entry at `address`, of `row`, was first seen.
    fn seen(&self, address: u32, row: u32) -> Option<Seen> {
        Some(Seen {
            row: u64::from(row),
            line: self.lines.line(address, row)?,
        })
    }
}

/// Where a probe ended.
enum Probe {
    /// At the entry with this address and row.
    Found(u32, u32),
    /// At this bucket, which has a free slot.
    Free(usize),
    /// Every bucket is full (or there are none).
    Full,
}

/// The bucket `hash` picks in `table`: the low bits of the hash, the same on every target.
fn home(table: &[Bucket], hash: u64) -> usize {
    let mask = table.len().saturating_sub(1) as u64;
    usize::try_from(hash & mask).unwrap_or(0)
}

/// The bucket after `index` in `table`, wrapping around.
fn next(table: &[Bucket], index: usize) -> usize {
    index.wrapping_add(1) & table.len().saturating_sub(1)
}

/// The first bucket of `table` with a free slot from the one `hash` picks.
fn free_bucket(table: &[Bucket], hash: u64) -> Option<usize> {
    let mut index = home(table, hash);
    for _ in 0..table.len() {
        if !table.get(index)?.is_full() {
            return Some(index);
        }
        index = next(table, index);
    }
    None
}

/// Slots in one bucket.
const SLOTS: usize = 12;

/// The most buckets a table has: 1 GiB on wasm32 (where `isize::MAX` bytes is the limit of one
/// allocation), and enough for every address of the arena elsewhere.
const MAX_BUCKETS: usize = if usize::BITS > 32 { 1 << 29 } else { 1 << 24 };

/// Up to 12 entries, filled in order, in one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Bucket {
    /// How many slots are filled.
    len: u32,
    /// The tag of each entry's hash.
    tags: [u8; SLOTS],
    /// The arena address of each entry.
    addresses: [u32; SLOTS],
}

impl Bucket {
    const EMPTY: Bucket = Bucket {
        len: 0,
        tags: [0; SLOTS],
        addresses: [0; SLOTS],
    };

    /// The filled slots.
    fn filled(&self) -> usize {
        usize::try_from(self.len).map_or(SLOTS, |len| len.min(SLOTS))
    }

    fn is_full(&self) -> bool {
        self.filled() >= SLOTS
    }

    /// The addresses of the entries tagged `tag`.
    fn tagged(&self, tag: u8) -> impl Iterator<Item = u32> + '_ {
        self.tags
            .iter()
            .zip(&self.addresses)
            .take(self.filled())
            .filter(move |(slot_tag, _)| **slot_tag == tag)
            .map(|(_, address)| *address)
    }

    /// Fills the next slot, if there is one.
    fn push(&mut self, tag: u8, address: u32) {
        let at = self.filled();
        if let (Some(slot_tag), Some(slot_address)) =
            (self.tags.get_mut(at), self.addresses.get_mut(at))
        {
            *slot_tag = tag;
            *slot_address = address;
            self.len = self.len.saturating_add(1);
        }
    }
}

/// The tag of a hash: its top 8 bits, independent of the low bits that pick the bucket.
fn tag(hash: u64) -> u8 {
    (hash >> 56) as u8
}

/// The bits of an address that are the offset in a chunk.
const CHUNK_BITS: u32 = 20;

/// The bytes of a chunk (1 MiB); an entry larger than that gets a chunk of its own. (Chunks of
/// 64 KiB were slower on wasm32, where each new one grew the module's memory.)
const CHUNK: usize = 1 << CHUNK_BITS;

/// The most chunks an address can name.
const MAX_CHUNKS: usize = 1 << (32 - CHUNK_BITS);

/// The entries, in the order they were added, in chunks that never move once full. An address
/// is the chunk's index times 1 Mi plus the offset in the chunk; addresses grow with each entry.
#[derive(Default)]
struct Arena {
    chunks: Vec<Vec<u8>>,
}

impl Arena {
    /// Appends an entry, returning its address, or `None` past 4096 chunks or for an `id`
    /// longer than 4 GiB.
    fn push(&mut self, id: &[u8], row: u32) -> Option<u32> {
        let len = u32::try_from(id.len()).ok()?;
        let size = varint_len(len).checked_add(id.len())?.checked_add(4)?;
        let fits = self
            .chunks
            .last()
            .and_then(|chunk| chunk.len().checked_add(size))
            .is_some_and(|end| end <= CHUNK);
        if !fits {
            if self.chunks.len() >= MAX_CHUNKS {
                return None;
            }
            // The first chunk starts small and doubles up to 1 MiB, so that a small set stays
            // small; later ones take their 1 MiB at once.
            let capacity = if self.chunks.is_empty() { 256 } else { CHUNK };
            self.chunks.push(Vec::with_capacity(capacity.max(size)));
        }
        let index = self.chunks.len().checked_sub(1)?;
        let chunk = self.chunks.last_mut()?;
        let offset = chunk.len();
        let address = u32::try_from(index << CHUNK_BITS | offset).ok()?;
        let needed = offset.checked_add(size)?;
        if needed > chunk.capacity() {
            let capacity = chunk.capacity().saturating_mul(2).min(CHUNK).max(needed);
            chunk.reserve_exact(capacity.saturating_sub(offset));
        }
        push_varint(chunk, len);
        chunk.extend_from_slice(id);
        chunk.extend_from_slice(&row.to_le_bytes());
        Some(address)
    }

    /// The identifier, the row and the size of the entry at `address`.
    fn entry(&self, address: u32) -> Option<(&[u8], u32, usize)> {
        let chunk = self
            .chunks
            .get(usize::try_from(address >> CHUNK_BITS).ok()?)?;
        let offset = usize::try_from(address).ok()? & (CHUNK - 1);
        parse_entry(chunk.get(offset..)?)
    }

    /// Every entry's address and identifier, in order.
    fn entries(&self) -> impl Iterator<Item = (u32, &[u8])> + '_ {
        self.chunks
            .iter()
            .enumerate()
            .flat_map(move |(index, chunk)| {
                let mut offset = 0usize;
                std::iter::from_fn(move || {
                    let (id, _, size) = parse_entry(chunk.get(offset..)?)?;
                    let address = u32::try_from(index << CHUNK_BITS | offset).ok()?;
                    offset = offset.checked_add(size)?;
                    Some((address, id))
                })
            })
    }

    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        self.chunks
            .iter()
            .map(Vec::capacity)
            .fold(0usize, usize::saturating_add)
            .saturating_add(self.chunks.capacity().saturating_mul(size_of::<Vec<u8>>()))
    }
}

/// The identifier, the row and the size of the entry at the start of `bytes`.
fn parse_entry(bytes: &[u8]) -> Option<(&[u8], u32, usize)> {
    let (len, header) = read_varint(bytes)?;
    let end = header.checked_add(usize::try_from(len).ok()?)?;
    let size = end.checked_add(4)?;
    let row = <[u8; 4]>::try_from(bytes.get(end..size)?).ok()?;
    Some((bytes.get(header..end)?, u32::from_le_bytes(row), size))
}

/// The bytes of `value` as a LEB128 varint.
fn varint_len(value: u32) -> usize {
    match value {
        0..=0x7f => 1,
        0x80..=0x3fff => 2,
        0x4000..=0x1f_ffff => 3,
        0x20_0000..=0xfff_ffff => 4,
        _ => 5,
    }
}

/// Appends `value` as a LEB128 varint: 7 bits a byte, low bits first, the high bit set on every
/// byte but the last.
fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The LEB128 varint at the start of `bytes` and its length in bytes.
fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut value = 0u32;
    for (index, byte) in bytes.iter().take(5).enumerate() {
        let shift = u32::try_from(index).ok()?.checked_mul(7)?;
        value |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some((value, index.checked_add(1)?));
        }
    }
    None
}

/// The line of each entry, from `line - row` (wrapping) at the rows where it changes.
///
/// Rows usually come in increasing order; `line - row` is then pushed only when it differs from
/// the last one, and applies from that row up to the next change. An entry whose row is not past
/// every row stored before, and whose `line - row` is not the one in force at its row, cannot be
/// told by a change point without changing the line of entries already stored; its line is kept
/// as an exception, by address.
#[derive(Default)]
struct Lines {
    /// The row from which each change applies, increasing.
    rows: Vec<u32>,
    /// `line - row` (wrapping) from that row on.
    shifts: Vec<u64>,
    /// The highest row stored.
    last_row: u32,
    /// The address and line of each exception, by increasing address.
    exceptions: Vec<(u32, u64)>,
}

impl Lines {
    /// Records the line of the entry at `address`, of `row`; addresses must increase.
    fn record(&mut self, address: u32, row: u32, line: u64) {
        let shift = line.wrapping_sub(u64::from(row));
        if self.shift_at(row) != Some(shift) {
            if self.rows.is_empty() || row > self.last_row {
                self.rows.push(row);
                self.shifts.push(shift);
            } else {
                self.exceptions.push((address, line));
            }
        }
        self.last_row = self.last_row.max(row);
    }

    /// The line of the entry at `address`, of `row`.
    fn line(&self, address: u32, row: u32) -> Option<u64> {
        if let Ok(at) = self.exceptions.binary_search_by_key(&address, |&(a, _)| a) {
            return self.exceptions.get(at).map(|&(_, line)| line);
        }
        Some(u64::from(row).wrapping_add(self.shift_at(row)?))
    }

    /// `line - row` in force at `row`.
    fn shift_at(&self, row: u32) -> Option<u64> {
        let after = match self.rows.last() {
            Some(&last) if last <= row => self.rows.len(),
            _ => self.rows.partition_point(|&first| first <= row),
        };
        self.shifts.get(after.checked_sub(1)?).copied()
    }

    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        self.rows
            .capacity()
            .saturating_mul(size_of::<u32>())
            .saturating_add(self.shifts.capacity().saturating_mul(size_of::<u64>()))
            .saturating_add(
                self.exceptions
                    .capacity()
                    .saturating_mul(size_of::<(u32, u64)>()),
            )
    }
}

/// A fast 64-bit hash of bytes: a multiply-rotate over 8-byte words (as FxHash, but on `u64`
/// everywhere) with a murmur3 finalizer, so both the low and the high bits are well mixed.
pub(crate) fn hash64(bytes: &[u8]) -> u64 {
    let mut hash = (bytes.len() as u64).wrapping_mul(HASH_K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let value = <[u8; 8]>::try_from(word)
            .map(u64::from_le_bytes)
            .unwrap_or(0);
        hash = (hash.rotate_left(5) ^ value).wrapping_mul(HASH_K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        for (slot, byte) in last.iter_mut().zip(rest) {
            *slot = *byte;
        }
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(HASH_K);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// The multiplier of [`hash64`].
const HASH_K: u64 = 0x517c_c1b7_2722_0a95;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reserved_set_keeps_its_ids_and_does_not_grow_on_the_way() {
        let mut set = IdSet::default();
        set.insert(b"early", Seen { row: 1, line: 2 });
        set.reserve(10_000);
        let buckets = set.table.len();
        assert!(buckets >= 10_000 / 10, "{buckets} buckets");
        for i in 2..10_000u64 {
            assert_eq!(
                set.insert(
                    format!("id-{i}").as_bytes(),
                    Seen {
                        row: i,
                        line: i + 1
                    }
                ),
                None
            );
        }
        assert_eq!(set.table.len(), buckets);
        assert_eq!(set.get(b"early"), Some(Seen { row: 1, line: 2 }));
        assert_eq!(
            set.get(b"id-9999"),
            Some(Seen {
                row: 9999,
                line: 10_000
            })
        );
        set.reserve(10);
        assert_eq!(set.table.len(), buckets, "reserving less never shrinks");
    }
    use proptest::prelude::*;
    use std::collections::HashMap;

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
        assert_eq!(set.len(), 200_001);
    }

    /// 16-byte ids that all have the same 64-bit hash: with two words `a, b`, [`hash64`] mixes
    /// `rotl(h(a), 5) ^ b`, so `b = rotl(h(a), 5) ^ target` gives `target` for any `a`.
    fn colliding_ids(count: u64) -> Vec<Vec<u8>> {
        let first = |word: u64| {
            ((16u64.wrapping_mul(HASH_K)).rotate_left(5) ^ word)
                .wrapping_mul(HASH_K)
                .rotate_left(5)
        };
        let target = 0x0123_4567_89ab_cdef;
        (0..count)
            .map(|a| {
                let mut id = a.to_le_bytes().to_vec();
                id.extend_from_slice(&(first(a) ^ target).to_le_bytes());
                id
            })
            .collect()
    }

    #[test]
    fn a_hash_collision_is_not_a_duplicate() {
        let ids = colliding_ids(100);
        let hash = hash64(&ids[0]);
        assert!(ids.iter().all(|id| hash64(id) == hash));
        // 100 entries under one hash and one tag fill 9 buckets in a row, and the table is
        // rebuilt 4 times on the way.
        let mut set = IdSet::default();
        for (row, id) in (1..).zip(&ids) {
            assert_eq!(set.insert(id, seen(row)), None, "{row}");
        }
        for (row, id) in (1..).zip(&ids) {
            assert_eq!(set.get(id), Some(seen(row)));
            assert_eq!(set.insert(id, seen(500)), Some(seen(row)));
        }
        assert_eq!(set.get(&colliding_ids(101)[100]), None);
        assert_eq!(set.len(), 100);
    }

    #[test]
    fn a_tag_match_alone_is_not_a_duplicate() {
        let mut set = IdSet::default();
        let hash = hash64(b"a");
        set.insert_hashed(hash, b"a", seen(1));
        assert_eq!(set.insert_hashed(hash, b"b", seen(2)), None);
        assert_eq!(set.get_hashed(hash, b"a"), Some(seen(1)));
        assert_eq!(set.get_hashed(hash, b"b"), Some(seen(2)));
        assert_eq!(set.get_hashed(hash, b"c"), None);
    }

    #[test]
    fn lines_follow_their_rows_in_any_order() {
        let mut set = IdSet::default();
        let at = |row, line| Seen { row, line };
        // In order, with multi-line records at rows 3 and 5.
        for (row, line) in [(1, 2), (2, 3), (3, 4), (4, 7), (5, 8), (6, 12)] {
            assert_eq!(
                set.insert(format!("r{row}").as_bytes(), at(row, line)),
                None
            );
        }
        assert_eq!(set.lines.rows.len(), 3);
        // Out of order: one that agrees with the change points, two that do not, one at the last
        // row with another line, one below row 1 and one with a line before its row.
        for (id, row, line) in [
            ("a", 2, 3),
            ("b", 2, 9),
            ("c", 5, 5),
            ("d", 6, 13),
            ("e", 0, 0),
            ("f", 3, 1),
        ] {
            assert_eq!(set.insert(id.as_bytes(), at(row, line)), None);
        }
        // Then in order again, past every row.
        assert_eq!(set.insert(b"g", at(9, 20)), None);
        for (id, row, line) in [
            ("r1", 1, 2),
            ("r3", 3, 4),
            ("r4", 4, 7),
            ("r6", 6, 12),
            ("a", 2, 3),
            ("b", 2, 9),
            ("c", 5, 5),
            ("d", 6, 13),
            ("e", 0, 0),
            ("f", 3, 1),
            ("g", 9, 20),
        ] {
            assert_eq!(set.get(id.as_bytes()), Some(at(row, line)), "{id}");
        }
        assert_eq!(set.lines.exceptions.len(), 5);
    }

    #[test]
    fn rows_past_u32_are_not_stored() {
        let mut set = IdSet::default();
        let far = u64::from(u32::MAX);
        assert_eq!(set.insert(b"a", seen(far)), None);
        assert_eq!(set.insert(b"a", seen(far + 2)), Some(seen(far)));
        assert_eq!(set.insert(b"b", seen(far + 1)), None);
        assert_eq!(set.insert(b"b", seen(far + 2)), None);
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn long_ids_take_chunks_of_their_own() {
        let mut set = IdSet::default();
        let long = vec![b'x'; 3 * CHUNK];
        for row in 1..=5_000u64 {
            let id = if row % 1000 == 0 {
                let mut id = long.clone();
                id.extend_from_slice(row.to_string().as_bytes());
                id
            } else {
                format!("id-{row}").into_bytes()
            };
            assert_eq!(set.insert(&id, seen(row)), None);
            assert_eq!(set.insert(&id, seen(row + 1)), Some(seen(row)));
        }
        let mut id = long.clone();
        id.extend_from_slice(b"3000");
        assert_eq!(set.get(&id), Some(seen(3000)));
        assert_eq!(set.get(b"id-4999"), Some(seen(4999)));
        assert_eq!(set.arena.entries().count(), 5_000);
    }

    #[test]
    fn varints_round_trip() {
        for value in [
            0,
            1,
            0x7f,
            0x80,
            0x3fff,
            0x4000,
            0x1f_ffff,
            0xfff_ffff,
            u32::MAX,
        ] {
            let mut bytes = Vec::new();
            push_varint(&mut bytes, value);
            assert_eq!(bytes.len(), varint_len(value));
            assert_eq!(read_varint(&bytes), Some((value, bytes.len())));
        }
        assert_eq!(read_varint(&[0x80, 0x80]), None);
    }

    #[test]
    fn a_million_ids_take_under_32_bytes_each() {
        let mut set = IdSet::default();
        let count = 1_000_000u64;
        for row in 1..=count {
            let id = format!("cust-{row:09}");
            assert_eq!(set.insert(id.as_bytes(), seen(row)), None);
        }
        let per_id = set.heap_bytes() as f64 / count as f64;
        // 19 bytes of entries, 0.9 left in the last 1 MiB chunk, 8.4 of table (131 072
        // buckets): 28.3 measured. The same ids cost 84 bytes each before this layout.
        assert!(per_id < 32.0, "{per_id} bytes per id");
        assert_eq!(set.get(b"cust-000000001"), Some(seen(1)));
        assert_eq!(set.get(b"cust-001000000"), Some(seen(count)));
        assert_eq!(set.get(b"cust-001000001"), None);
    }

    #[test]
    fn a_bucket_is_one_cache_line() {
        assert_eq!(size_of::<Bucket>(), 64);
        assert_eq!(align_of::<Bucket>(), 64);
    }

    #[test]
    fn an_empty_set_allocates_nothing() {
        let set = IdSet::default();
        assert_eq!(set.heap_bytes(), 0);
        assert_eq!(set.get(b""), None);
    }

    proptest! {
        #[test]
        fn behaves_as_a_map_of_first_sightings(
            steps in proptest::collection::vec(
                (0u16..400, 0u64..1_000, 0u64..3, any::<bool>()),
                0..1_500,
            ),
        ) {
            let mut set = IdSet::default();
            let mut model: HashMap<Vec<u8>, Seen> = HashMap::new();
            let mut row = 0u64;
            for (key, jump, extra, get) in steps {
                // Mostly increasing rows, sometimes far back, rarely past u32::MAX.
                row = match jump {
                    0..=899 => row + jump % 3,
                    900..=997 => jump - 900,
                    _ => u64::from(u32::MAX) + jump,
                };
                let line = row + 1 + extra * (jump % 7);
                let id = format!("k{key}").into_bytes();
                let found = if get {
                    set.get(&id)
                } else {
                    set.insert(&id, Seen { row, line })
                };
                let expected = model.get(&id).copied();
                prop_assert_eq!(found, expected);
                if !get && expected.is_none() && u32::try_from(row).is_ok() {
                    model.insert(id, Seen { row, line });
                }
            }
            prop_assert_eq!(set.len(), model.len());
            for (id, first) in &model {
                prop_assert_eq!(set.get(id), Some(*first));
            }
        }
    }
}
