//! A set of identifiers for duplicate detection over millions of rows, exact: a candidate is
//! confirmed by comparing the stored bytes, so that a hash collision never reports a false
//! duplicate. The entries are kept in blocks of 32 ([`arena`]), in two arenas.
//!
//! - **In order, no index.** An identifier above every one held (in byte order) cannot be a
//!   repeat: it is appended to the sorted arena, front-coded, after a single comparison, and is
//!   found later by a binary search over its blocks. A file whose ids increase
//!   (`cust-000000001`, …) costs its entries alone: 3.0 bytes per id, 5.2 million ids in 16 MB,
//!   where a hash table of them all took 28 bytes per id and 4 times the time per insertion.
//! - **Out of order, a hash table.** Any other identifier goes to the plain arena, indexed by a
//!   table of 64-byte buckets (one cache line each) holding a count and 15 slots of 32 bits: the
//!   entry's block in the low bits (as many as the blocks need) and a tag of its 64-bit hash in
//!   the others (16 bits for a million ids), so that a block is almost only read for a true
//!   repeat. The hash is 64-bit on every target (never a `usize`-sized one, which is 32-bit on
//!   wasm32); its low bits pick a bucket, and a full bucket overflows into the next one (linear
//!   probing). A million ids in no order take 27 bytes each (`cust-…`) or 49 (UUIDs).
//! - **Keyed.** The hash is SipHash-1-3 under a key secret to the run and distinct per set
//!   ([`keys`]): ids built to share a hash (hence a bucket and a tag, so that every insertion
//!   read the blocks of all the others: 16,000 of them took 28 s) cannot be made without the key.
//! - **Switching.** A lookup below the last sorted id searches both; when such lookups pass 1 in
//!   32 identifiers, the table takes the sorted arena's blocks too, and the set hashes
//!   everything from then on.
//! - **Growth.** Past 14/15 full the table doubles and is rebuilt from the arenas, read in order
//!   and hashed again; the old table is freed before the new one is allocated. When the blocks
//!   outgrow the slots' block bits, every tag gives up a bit, in place. [`IdSet::reserve`] sizes
//!   the first table, made when an identifier first comes out of order.

mod arena;
mod keys;

use std::cell::Cell;

use arena::{Arena, BLOCK_ENTRIES};
#[cfg(all(target_arch = "wasm32", feature = "data"))]
pub use keys::seed_hashes;
use keys::HashKey;

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
/// `u32::MAX`, when it is longer than 4 GiB, when an arena's 4 GiB of addresses are used up or
/// when the table is full at its largest (250 million identifiers on wasm32); a repeat of an
/// identifier stored earlier is still found. Nothing panics.
pub(crate) struct IdSet {
    /// Identifiers that came each above all those before it, found by a binary search.
    sorted: Arena,
    /// Whether the table indexes `sorted` too, which then takes no more identifiers.
    hash_all: bool,
    /// The other identifiers, found through the table, each coded alone.
    hashed: Arena,
    /// The index of `hashed` (and of `sorted` once hashing everything).
    table: Table,
    /// How many identifiers the table holds before it grows.
    limit: usize,
    /// Lookups that searched `sorted`: when they are many, hashing everything costs less.
    searches: Cell<usize>,
    /// The identifiers expected in all, given to [`IdSet::reserve`].
    reserved: usize,
    /// The keyed hash of identifiers.
    key: HashKey,
    /// Blocks read to confirm a candidate, counted to test that colliding ids stay cheap.
    #[cfg(test)]
    blocks_read: Cell<usize>,
}

impl Default for IdSet {
    fn default() -> Self {
        IdSet {
            sorted: Arena::default(),
            hash_all: false,
            hashed: Arena::plain(),
            table: Table::default(),
            limit: 0,
            searches: Cell::new(0),
            reserved: 0,
            key: HashKey::default(),
            #[cfg(test)]
            blocks_read: Cell::new(0),
        }
    }
}

impl IdSet {
    /// Adds `id` first seen at `seen`; when it is already there, returns where it was first seen.
    pub(crate) fn insert(&mut self, id: &[u8], seen: Seen) -> Option<Seen> {
        if self.takes_sorted(id) {
            return self.push_sorted(id, seen);
        }
        self.insert_hashed(self.key.hash(id), id, seen)
    }

    /// Where `id` was first seen, if it is in the set.
    pub(crate) fn get(&self, id: &[u8]) -> Option<Seen> {
        if self.takes_sorted(id) {
            return None;
        }
        self.get_hashed(self.key.hash(id), id)
    }

    /// Makes room for `ids` identifiers in all, so that the table does not grow on the way
    /// there (an expected count, from the size of the file). Without a table yet, this sizes the
    /// first one, made when an identifier comes out of order: a file whose identifiers increase
    /// never needs one.
    pub(crate) fn reserve(&mut self, ids: usize) {
        self.reserved = self.reserved.max(ids);
        let buckets = buckets_for(ids);
        if self.table.len() > 0 && buckets > self.table.len() {
            self.resize(buckets);
        }
    }

    /// The bytes allocated, by capacity.
    #[cfg(test)]
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table
            .heap_bytes()
            .saturating_add(self.sorted.heap_bytes())
            .saturating_add(self.hashed.heap_bytes())
    }

    /// The number of identifiers held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.sorted.len().saturating_add(self.hashed.len())
    }

    /// Whether `id` goes to the sorted arena: it takes identifiers, and `id` is above all it
    /// holds, hence above every identifier held (each one in the other arena went there for
    /// being below the last sorted one), hence new.
    fn takes_sorted(&self, id: &[u8]) -> bool {
        !self.hash_all && self.sorted.is_past_last(id)
    }

    /// Appends `id`, new, to the sorted arena.
    fn push_sorted(&mut self, id: &[u8], seen: Seen) -> Option<Seen> {
        let row = u32::try_from(seen.row).ok()?;
        self.sorted.push(id, row, seen.line);
        None
    }

    /// [`IdSet::insert`] with the hash of `id` given.
    fn insert_hashed(&mut self, hash: u64, id: &[u8], seen: Seen) -> Option<Seen> {
        if self.takes_sorted(id) {
            return self.push_sorted(id, seen);
        }
        let mut free = match self.find(hash, id) {
            Probe::Found(first) => return Some(first),
            Probe::Free(bucket) => Some(bucket),
            Probe::Full => None,
        };
        let row = u32::try_from(seen.row).ok()?;
        let searches = self.searches.get();
        // (Not when the table could not hold every identifier at its largest.)
        if !self.hash_all
            && searches > SEARCHES_BEFORE_HASHING_ALL
            && searches > self.len_all() / 32
            && self.len_all() < MAX_BUCKETS.saturating_mul(FILL) / 2
        {
            self.hash_everything();
            free = self.table.free_bucket(hash);
        }
        if free.is_none() || self.indexed() >= self.limit {
            self.grow();
            free = self.table.free_bucket(hash);
        }
        let bucket = free?;
        // The entry may start a block: its number must fit in a slot.
        let offset = self.sorted_blocks();
        if offset.saturating_add(self.hashed.blocks()) >= self.table.addressable_blocks()
            && !self.table.widen()
        {
            return None;
        }
        let place = self.hashed.push(id, row, seen.line)?;
        let block =
            u32::try_from(offset).map_or(u32::MAX, |offset| offset.saturating_add(place.block));
        self.table.push(bucket, hash, block);
        None
    }

    /// [`IdSet::get`] with the hash of `id` given.
    fn get_hashed(&self, hash: u64, id: &[u8]) -> Option<Seen> {
        match self.find(hash, id) {
            Probe::Found(first) => Some(first),
            Probe::Free(..) | Probe::Full => None,
        }
    }

    /// Looks for `id` in the sorted arena, unless the table indexes it, then in the table.
    fn find(&self, hash: u64, id: &[u8]) -> Probe {
        if !self.hash_all && self.sorted.len() > 0 {
            self.searches.set(self.searches.get().saturating_add(1));
            if let Some(first) = self.sorted.locate(id) {
                return Probe::Found(first);
            }
        }
        self.probe(hash, id)
    }

    /// Looks for `id` in the table from the bucket `hash` picks, up to the first bucket with a
    /// free slot.
    fn probe(&self, hash: u64, id: &[u8]) -> Probe {
        let table = &self.table;
        let tag = table.tag(hash);
        let mask = table.block_mask();
        let offset = u32::try_from(self.sorted_blocks()).unwrap_or(u32::MAX);
        let mut index = table.home(hash);
        for _ in 0..table.len() {
            let Some(bucket) = table.bucket(index) else {
                break;
            };
            // The filled slots with the same tag: read their blocks.
            for &slot in bucket.filled() {
                if slot ^ tag > mask {
                    continue;
                }
                let block = slot & mask;
                #[cfg(test)]
                self.blocks_read.set(self.blocks_read.get() + 1);
                let found = match block.checked_sub(offset) {
                    Some(block) => self.hashed.find(block, id),
                    None => self.sorted.find(block, id),
                };
                if let Some(first) = found {
                    return Probe::Found(first);
                }
            }
            if !bucket.is_full() {
                return Probe::Free(index);
            }
            index = table.next(index);
        }
        Probe::Full
    }

    /// The identifiers held.
    fn len_all(&self) -> usize {
        self.sorted.len().saturating_add(self.hashed.len())
    }

    /// The blocks of the sorted arena the table indexes, numbered before those of the other.
    fn sorted_blocks(&self) -> usize {
        if self.hash_all {
            self.sorted.blocks()
        } else {
            0
        }
    }

    /// The identifiers the table indexes.
    fn indexed(&self) -> usize {
        let sorted = if self.hash_all { self.sorted.len() } else { 0 };
        sorted.saturating_add(self.hashed.len())
    }

    /// Makes the table index the sorted arena too, which takes no more identifiers: lookups
    /// below its last identifier have become too frequent for binary searches.
    fn hash_everything(&mut self) {
        self.hash_all = true;
        let wanted = buckets_for(self.reserved.max(self.indexed().saturating_mul(2)));
        self.resize(wanted.max(self.table.len()));
    }

    /// Doubles the table (or makes the first one). Does nothing when it cannot grow.
    fn grow(&mut self) {
        let buckets = self.table.len();
        let grown = if buckets == 0 {
            // The reservation counts on every identifier coming out of order: not so when many
            // came in order before the first that did not.
            let reserved = if self.sorted.len() < RESERVE_UNLESS_SORTED {
                self.reserved
            } else {
                0
            };
            buckets_for(reserved.max(self.indexed().saturating_add(1)))
        } else {
            buckets.saturating_mul(2).min(MAX_BUCKETS)
        };
        if grown > buckets {
            self.resize(grown);
        }
    }

    /// Makes a table of `buckets` buckets and refills it from the arenas. The old table is freed
    /// first, so the two are never held at once.
    fn resize(&mut self, buckets: usize) {
        self.table = Table::default();
        let limit = buckets.saturating_mul(FILL);
        // Room in the slots for the blocks the entries up to the limit need, and a few more
        // started early at the end of a chunk.
        let blocks = self
            .sorted_blocks()
            .saturating_add(self.hashed.blocks())
            .saturating_add(
                limit
                    .saturating_sub(self.indexed())
                    .div_ceil(BLOCK_ENTRIES as usize),
            )
            .saturating_add(8);
        self.table = Table::new(buckets, blocks);
        self.limit = limit;
        let offset = u32::try_from(self.sorted_blocks()).unwrap_or(u32::MAX);
        let table = &mut self.table;
        let key = &self.key;
        let mut batch = Batch::default();
        if self.hash_all {
            self.sorted
                .visit(|block, id| batch.add(table, key.hash(id), block));
        }
        self.hashed
            .visit(|block, id| batch.add(table, key.hash(id), offset.saturating_add(block)));
        batch.place(table);
    }
}

/// Where a probe ended.
enum Probe {
    /// At the identifier, first seen there.
    Found(Seen),
    /// At this bucket, which has a free slot.
    Free(usize),
    /// Every bucket is full (or there are none).
    Full,
}

/// Lookups below the last sorted identifier, past which the set may hash everything.
const SEARCHES_BEFORE_HASHING_ALL: usize = 4096;

/// Sorted identifiers up to which the first table is made as large as the reservation.
const RESERVE_UNLESS_SORTED: usize = 1024;

/// Entries hashed and waiting to be placed in a rebuilt table.
struct Batch {
    /// Each entry's hash and block.
    entries: [(u64, u32); Batch::LEN],
    /// The entries filled.
    len: usize,
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            entries: [(0, 0); Batch::LEN],
            len: 0,
        }
    }
}

impl Batch {
    /// Hashing a batch of entries, then placing it, lets the cache misses of the placements
    /// overlap: twice as fast on wasm32 as placing each entry as soon as it is hashed.
    const LEN: usize = 64;

    /// Adds an entry, placing the batch in `table` when it is full.
    fn add(&mut self, table: &mut Table, hash: u64, block: u32) {
        if let Some(entry) = self.entries.get_mut(self.len) {
            *entry = (hash, block);
            self.len = self.len.saturating_add(1);
        }
        if self.len >= Self::LEN {
            self.place(table);
        }
    }

    /// Places the entries in `table` and empties the batch.
    fn place(&mut self, table: &mut Table) {
        table.place(self.entries.get(..self.len).unwrap_or_default());
        self.len = 0;
    }
}

/// Slots in one bucket.
const SLOTS: usize = 15;

/// The entries a bucket holds on average before the table grows: 14/15 full.
const FILL: usize = 14;

/// The most buckets a table has: 1 GiB on wasm32 (where `isize::MAX` bytes is the limit of one
/// allocation), and enough for every address of the arenas elsewhere.
const MAX_BUCKETS: usize = if usize::BITS > 32 { 1 << 29 } else { 1 << 24 };

/// The most bits of a slot that hold a block, so that the tag keeps at least 4.
const MAX_BLOCK_BITS: u32 = 28;

/// The buckets (a power of two) that hold `ids` identifiers before the table grows.
fn buckets_for(ids: usize) -> usize {
    ids.div_ceil(FILL)
        .checked_next_power_of_two()
        .unwrap_or(MAX_BUCKETS)
        .min(MAX_BUCKETS)
}

/// A power-of-two number of buckets, each slot a block and a tag.
#[derive(Default)]
struct Table {
    /// The buckets, or none before the first entry out of order.
    buckets: Vec<Bucket>,
    /// The low bits of a slot that hold the block; the others hold the tag.
    block_bits: u32,
}

impl Table {
    /// An empty table of `buckets` buckets whose slots can address `blocks` blocks.
    fn new(buckets: usize, blocks: usize) -> Table {
        Table {
            buckets: vec![Bucket::EMPTY; buckets],
            block_bits: usize::BITS
                .saturating_sub(blocks.leading_zeros())
                .clamp(1, MAX_BLOCK_BITS),
        }
    }

    /// The number of buckets.
    fn len(&self) -> usize {
        self.buckets.len()
    }

    /// The bucket at `index`.
    fn bucket(&self, index: usize) -> Option<&Bucket> {
        self.buckets.get(index)
    }

    /// The bucket `hash` picks: its low bits, the same on every target.
    fn home(&self, hash: u64) -> usize {
        let mask = self.len().saturating_sub(1) as u64;
        usize::try_from(hash & mask).unwrap_or(0)
    }

    /// The bucket after `index`, wrapping around.
    fn next(&self, index: usize) -> usize {
        index.wrapping_add(1) & self.len().saturating_sub(1)
    }

    /// The bits of a slot that hold the block (none before the first table).
    fn block_mask(&self) -> u32 {
        u32::MAX
            .checked_shr(32u32.saturating_sub(self.block_bits))
            .unwrap_or(0)
    }

    /// The tag of `hash` in place in a slot: its top bits, independent of the low bits that
    /// pick the bucket, with the block bits clear.
    fn tag(&self, hash: u64) -> u32 {
        (hash >> 32) as u32 & !self.block_mask()
    }

    /// How many blocks a slot can address.
    fn addressable_blocks(&self) -> usize {
        usize::try_from(self.block_mask()).map_or(usize::MAX, |mask| mask.saturating_add(1))
    }

    /// Gives a bit of every tag to the blocks, in place; `false` when the tags cannot shrink.
    fn widen(&mut self) -> bool {
        if self.block_bits >= MAX_BLOCK_BITS {
            return false;
        }
        let old = self.block_mask();
        self.block_bits = self.block_bits.saturating_add(1);
        let tag = !self.block_mask();
        for slot in self
            .buckets
            .iter_mut()
            .flat_map(|bucket| bucket.slots.iter_mut())
        {
            *slot = *slot & tag | *slot & old;
        }
        true
    }

    /// The first bucket with a free slot from the one `hash` picks.
    fn free_bucket(&self, hash: u64) -> Option<usize> {
        let mut index = self.home(hash);
        for _ in 0..self.len() {
            if !self.bucket(index)?.is_full() {
                return Some(index);
            }
            index = self.next(index);
        }
        None
    }

    /// The slot of an entry of `block`, tagged by `hash`.
    fn slot(&self, hash: u64, block: u32) -> u32 {
        self.tag(hash) | block & self.block_mask()
    }

    /// Fills the next slot of the bucket at `index` with `block`, tagged by `hash`.
    fn push(&mut self, index: usize, hash: u64, block: u32) {
        let slot = self.slot(hash, block);
        if let Some(bucket) = self.buckets.get_mut(index) {
            bucket.push(slot);
        }
    }

    /// Places entries given as hash and block, each in the first bucket with a free slot from
    /// the one its hash picks.
    fn place(&mut self, entries: &[(u64, u32)]) {
        for &(hash, block) in entries {
            if let Some(index) = self.free_bucket(hash) {
                self.push(index, hash, block);
            }
        }
    }

    /// The bytes allocated, by capacity.
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        self.buckets.capacity().saturating_mul(size_of::<Bucket>())
    }
}

/// Up to 15 slots, filled in order, and their count, in one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Bucket {
    /// How many slots are filled.
    len: u32,
    /// Each entry's tag and block.
    slots: [u32; SLOTS],
}

impl Bucket {
    /// A bucket with no slot filled.
    const EMPTY: Bucket = Bucket {
        len: 0,
        slots: [0; SLOTS],
    };

    /// The filled slots.
    fn len(&self) -> usize {
        usize::try_from(self.len).map_or(SLOTS, |len| len.min(SLOTS))
    }

    /// Whether every slot is filled.
    fn is_full(&self) -> bool {
        self.len() >= SLOTS
    }

    /// The slots filled.
    fn filled(&self) -> &[u32] {
        self.slots.get(..self.len()).unwrap_or_default()
    }

    /// Fills the next slot, if there is one.
    fn push(&mut self, slot: u32) {
        let len = self.len();
        if let Some(free) = self.slots.get_mut(len) {
            *free = slot;
            self.len = self.len.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests;
