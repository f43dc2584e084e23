//! The entries of an [`IdSet`](super::IdSet): each identifier with where it was first
//! seen, in blocks of 32. An arena of identifiers that come in increasing order is front-coded,
//! as the data blocks of LevelDB are: about 3 bytes per `cust-000123456`. An arena of
//! identifiers in no order codes each one alone (19 bytes for that id, 41 for a UUID), since
//! neighbours share little and the table's rebuilds read every entry again.
//!
//! - A block starts with a restart entry: the length as a varint, the row as a varint, the
//!   bytes. When front-coded, every later entry is coded against the one before it: a header byte
//!   holding how many bytes to drop from the end of the previous identifier (0 to 6, or 7 and a
//!   varint), how many to add (the same) and the row step (+1, +2, +3, or 3 and a zigzag varint
//!   of the wrapping difference), then the bytes added: the next `cust-…` id costs 2 bytes, the
//!   header and one digit. In a plain arena every entry is coded as a restart is.
//! - Blocks lie in chunks of 1 MiB that never move once full; a block never spans two chunks (an
//!   entry that does not fit starts a new chunk and a new block), and an entry larger than a
//!   chunk gets a chunk of its own. The address of each block's restart is kept: 4 bytes a block.
//! - An identifier is found in a block by reading it from the restart while keeping only how long
//!   a prefix the current entry shares with the identifier looked for: nothing is copied, and
//!   every byte of an entry is compared before it is reported equal. In an arena whose
//!   identifiers increase, the block is found by a binary search over the restarts.
//! - Lines are not stored per entry: `line - row` only changes after a record spanning several
//!   lines or a blank line, so it is kept at the rows where it changes.

use super::Seen;

/// Entries per block: a restart entry and up to 31 more.
pub(super) const BLOCK_ENTRIES: u32 = 32;

/// The bits of a block's address that are the offset in its chunk.
const CHUNK_BITS: u32 = 20;

/// The bytes of a chunk (1 MiB). (Chunks of 64 KiB were slower on wasm32, where each new one grew
/// the module's memory.)
pub(super) const CHUNK: usize = 1 << CHUNK_BITS;

/// The most chunks an address can name.
const MAX_CHUNKS: usize = 1 << (32 - CHUNK_BITS);

/// The largest drop or add length written in the header byte itself; 7 means a varint follows.
const INLINE_LEN: u32 = 6;

/// Where an entry is: its block and its index in the block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Place {
    /// The block's index, from 0 in the order blocks were started.
    pub(super) block: u32,
    /// The entry's index in its block, from 0 (the restart entry).
    pub(super) index: u32,
}

impl Place {
    /// A number that grows with every entry added, to key what is kept by entry.
    fn ordinal(self) -> u64 {
        u64::from(self.block)
            .saturating_mul(u64::from(BLOCK_ENTRIES))
            .saturating_add(u64::from(self.index))
    }
}

/// The entries, in the order they were added.
#[derive(Default)]
pub(super) struct Arena {
    /// Whether every entry is coded alone, as a restart is.
    plain: bool,
    /// The chunks of 1 MiB (or one entry larger than that).
    chunks: Vec<Vec<u8>>,
    /// The address of each block's restart entry: the chunk's index times 1 Mi plus the offset.
    blocks: Vec<u32>,
    /// The last identifier added, which the next entry is coded against (unless plain).
    last: Vec<u8>,
    /// The row of the last entry.
    last_row: u32,
    /// The entries in the last block.
    in_block: u32,
    /// The entries held.
    len: usize,
    /// The line of each entry.
    lines: Lines,
}

impl Arena {
    /// An arena whose entries are each coded alone, as a restart is: for identifiers in no
    /// order, which share little with the one before, so that adding and reading them costs no
    /// more than copying. (Front coding them made the CSV check of a file of shuffled ids a
    /// quarter slower on wasm32 when its size is unknown: the table's rebuilds read every entry
    /// again.)
    pub(super) fn plain() -> Arena {
        Arena {
            plain: true,
            ..Arena::default()
        }
    }

    /// The entries held.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The blocks started so far; the next entry is in the last one or in a new one with this
    /// index.
    pub(super) fn blocks(&self) -> usize {
        self.blocks.len()
    }

    /// Whether `id` sorts after every identifier held when they were added in increasing byte
    /// order (and always when the arena is empty), in an arena that is not plain.
    pub(super) fn is_past_last(&self, id: &[u8]) -> bool {
        self.len == 0 || id > self.last.as_slice()
    }

    /// Appends an entry first seen at `row` and `line`, returning its place, or `None` (and
    /// changes nothing) past 4096 chunks, past `u32::MAX` blocks or for an `id` longer than
    /// 4 GiB.
    pub(super) fn push(&mut self, id: &[u8], row: u32, line: u64) -> Option<Place> {
        let room = self
            .chunks
            .last()
            .map_or(0, |chunk| CHUNK.saturating_sub(chunk.len()));
        // Coded against the last entry when the block has room for it, and the chunk too.
        let mut new_block = self.in_block == 0 || self.in_block >= BLOCK_ENTRIES;
        let mut header = Header::default();
        let mut shared = 0usize;
        if !new_block && !self.plain {
            shared = common_prefix(&self.last, id);
            header.step(
                self.last.len().checked_sub(shared)?,
                id.len().checked_sub(shared)?,
                row.wrapping_sub(self.last_row),
            )?;
            if header.len.checked_add(id.len().checked_sub(shared)?)? > room {
                (header, shared, new_block) = (Header::default(), 0, true);
            }
        }
        if header.len == 0 {
            header.varint(u32::try_from(id.len()).ok()?)?;
            header.varint(row)?;
        }
        let added = id.get(shared..)?;
        let size = header.len.checked_add(added.len())?;
        if size > room {
            self.new_chunk(size)?;
            new_block = true;
        }
        let place = if new_block {
            Place {
                block: u32::try_from(self.blocks.len()).ok()?,
                index: 0,
            }
        } else {
            Place {
                block: u32::try_from(self.blocks.len().checked_sub(1)?).ok()?,
                index: self.in_block,
            }
        };
        let chunk_index = self.chunks.len().checked_sub(1)?;
        let chunk = self.chunks.last_mut()?;
        let offset = chunk.len();
        let address = u32::try_from(chunk_index << CHUNK_BITS | offset).ok()?;
        let needed = offset.checked_add(size)?;
        if needed > chunk.capacity() {
            let capacity = chunk.capacity().saturating_mul(2).min(CHUNK).max(needed);
            chunk.reserve_exact(capacity.saturating_sub(offset));
        }
        append(chunk, header.bytes.get(..header.len)?);
        append(chunk, added);
        if new_block {
            self.blocks.push(address);
            self.in_block = 1;
        } else {
            self.in_block = self.in_block.saturating_add(1);
        }
        if !self.plain {
            self.last.truncate(shared);
            append(&mut self.last, added);
            self.last_row = row;
        }
        self.len = self.len.saturating_add(1);
        self.lines.record(place.ordinal(), row, line);
        Some(place)
    }

    /// Starts a chunk for an entry of `size` bytes, or returns `None` past 4096 chunks.
    fn new_chunk(&mut self, size: usize) -> Option<()> {
        if self.chunks.len() >= MAX_CHUNKS {
            return None;
        }
        // The first chunk starts small and doubles up to 1 MiB, so that a small set stays small;
        // later ones take their 1 MiB at once.
        let capacity = if self.chunks.is_empty() { 256 } else { CHUNK };
        self.chunks.push(Vec::with_capacity(capacity.max(size)));
        Some(())
    }

    /// Where `id` was first seen, if it is in `block`.
    pub(super) fn find(&self, block: u32, id: &[u8]) -> Option<Seen> {
        let mut reader = self.block(block)?;
        // How long a prefix the current entry shares with `id`: an entry that keeps more of the
        // previous one than that differs from `id` where the previous one did.
        let mut matched = 0usize;
        let mut index = 0u32;
        while let Some(entry) = reader.next() {
            if entry.shared <= matched {
                let rest = id.get(entry.shared..).unwrap_or_default();
                matched = entry
                    .shared
                    .saturating_add(common_prefix(entry.added, rest));
            }
            if matched == id.len() && reader.len == id.len() {
                let place = Place { block, index };
                return Some(Seen {
                    row: u64::from(entry.row),
                    line: self.lines.line(place.ordinal(), entry.row)?,
                });
            }
            index = index.saturating_add(1);
        }
        None
    }

    /// Where `id` was first seen, if it is held, in an arena whose identifiers were added in
    /// increasing byte order: a binary search over the blocks' first identifiers.
    pub(super) fn locate(&self, id: &[u8]) -> Option<Seen> {
        let (mut low, mut high) = (0usize, self.blocks.len());
        while low < high {
            let middle = low.saturating_add(high.saturating_sub(low) / 2);
            if self.first_id(middle)? <= id {
                low = middle.saturating_add(1);
            } else {
                high = middle;
            }
        }
        self.find(u32::try_from(low.checked_sub(1)?).ok()?, id)
    }

    /// The identifier of the restart entry of block `block`.
    fn first_id(&self, block: usize) -> Option<&[u8]> {
        let mut reader = self.block(u32::try_from(block).ok()?)?;
        reader.next().map(|entry| entry.added)
    }

    /// Calls `each` with every entry's block and identifier, in order.
    pub(super) fn visit(&self, mut each: impl FnMut(u32, &[u8])) {
        // The last identifier: in its block when its entry holds it whole (a restart, any entry
        // of a plain arena, or one sharing nothing with the one before), else rebuilt in `id`.
        let mut id = Vec::new();
        let mut whole: Option<&[u8]> = None;
        for block in (0..self.blocks.len()).filter_map(|block| u32::try_from(block).ok()) {
            let Some(mut reader) = self.block(block) else {
                continue;
            };
            while let Some(entry) = reader.next() {
                if entry.shared == 0 {
                    whole = Some(entry.added);
                    each(block, entry.added);
                    continue;
                }
                match whole.take() {
                    Some(last) => {
                        id.clear();
                        append(&mut id, last.get(..entry.shared).unwrap_or(last));
                    }
                    None => id.truncate(entry.shared),
                }
                append(&mut id, entry.added);
                each(block, &id);
            }
        }
    }

    /// A reader of the entries of `block`.
    fn block(&self, block: u32) -> Option<BlockReader<'_>> {
        let at = usize::try_from(block).ok()?;
        let (chunk_index, start) = split_address(*self.blocks.get(at)?)?;
        let chunk = self.chunks.get(chunk_index)?;
        // A block ends where the next one starts in the same chunk, or at the chunk's end.
        let end = match self.blocks.get(at.checked_add(1)?) {
            Some(&next) => match split_address(next)? {
                (next_chunk, offset) if next_chunk == chunk_index => offset,
                _ => chunk.len(),
            },
            None => chunk.len(),
        };
        Some(BlockReader {
            bytes: chunk.get(start..end)?,
            row: 0,
            len: 0,
            first: true,
            plain: self.plain,
        })
    }

    /// The bytes allocated, by capacity.
    #[cfg(test)]
    pub(super) fn heap_bytes(&self) -> usize {
        self.chunks
            .iter()
            .map(Vec::capacity)
            .fold(0usize, usize::saturating_add)
            .saturating_add(self.chunks.capacity().saturating_mul(size_of::<Vec<u8>>()))
            .saturating_add(self.blocks.capacity().saturating_mul(size_of::<u32>()))
            .saturating_add(self.last.capacity())
            .saturating_add(self.lines.heap_bytes())
    }

    /// The change points and exceptions of the lines, for tests.
    #[cfg(test)]
    pub(super) fn line_records(&self) -> (usize, usize) {
        (self.lines.rows.len(), self.lines.exceptions.len())
    }
}

/// The chunk index and the offset of a block address.
fn split_address(address: u32) -> Option<(usize, usize)> {
    let address = usize::try_from(address).ok()?;
    Some((address >> CHUNK_BITS, address & (CHUNK - 1)))
}

/// The bytes of an entry before the identifier's bytes: for a restart the length and the row,
/// else the header byte and its varints.
#[derive(Default)]
struct Header {
    /// Room for the longest: a header byte and three varints of 5 bytes.
    bytes: [u8; 16],
    /// The bytes filled.
    len: usize,
}

impl Header {
    /// Appends a byte, or returns `None` when full.
    fn byte(&mut self, byte: u8) -> Option<()> {
        *self.bytes.get_mut(self.len)? = byte;
        self.len = self.len.checked_add(1)?;
        Some(())
    }

    /// Appends `value` as a LEB128 varint: 7 bits a byte, low bits first, the high bit set on
    /// every byte but the last.
    fn varint(&mut self, mut value: u32) -> Option<()> {
        while value >= 0x80 {
            self.byte((value & 0x7f) as u8 | 0x80)?;
            value >>= 7;
        }
        self.byte(value as u8)
    }

    /// Codes the step from the previous entry: `drop` bytes off its end, `add` bytes on, and
    /// the row moved by `difference` (wrapping).
    fn step(&mut self, drop: usize, add: usize, difference: u32) -> Option<()> {
        let drop = u32::try_from(drop).ok()?;
        let add = u32::try_from(add).ok()?;
        let inline = |value: u32| value.min(INLINE_LEN + 1) as u8;
        let row_code = match difference {
            1..=3 => difference.wrapping_sub(1) as u8,
            _ => 3,
        };
        self.byte(inline(drop) | inline(add) << 3 | row_code << 6)?;
        for value in [drop, add] {
            if value > INLINE_LEN {
                self.varint(value)?;
            }
        }
        if row_code == 3 {
            self.varint(zigzag(difference))?;
        }
        Some(())
    }
}

/// The wrapping row difference read as an i32, its sign in the low bit.
fn zigzag(difference: u32) -> u32 {
    difference << 1 ^ (difference >> 31).wrapping_neg()
}

/// The wrapping row difference of its [`zigzag`] coding.
fn unzigzag(value: u32) -> u32 {
    (value >> 1) ^ (value & 1).wrapping_neg()
}

/// One entry as read from a block.
struct Coded<'a> {
    /// The bytes kept from the previous identifier (0 for a restart).
    shared: usize,
    /// The bytes added after them.
    added: &'a [u8],
    /// The entry's row.
    row: u32,
}

/// Reads the entries of one block, in order.
struct BlockReader<'a> {
    /// The block's bytes not read yet.
    bytes: &'a [u8],
    /// The row of the last entry read.
    row: u32,
    /// The length of the last identifier read.
    len: usize,
    /// Whether the next entry is the restart.
    first: bool,
    /// Whether every entry is coded as a restart is.
    plain: bool,
}

impl<'a> BlockReader<'a> {
    /// The next entry, or `None` at the block's end.
    #[inline(always)]
    fn next(&mut self) -> Option<Coded<'a>> {
        let (&header, rest) = self.bytes.split_first()?;
        let (drop, add, step) = (header & 7, header >> 3 & 7, header >> 6);
        let (shared, add, row, rest) = if self.first || self.plain {
            self.first = false;
            let (len, rest) = take_varint(self.bytes)?;
            let (row, rest) = take_varint(rest)?;
            (0, len, row, rest)
        } else if drop < 7 && add < 7 && step < 3 {
            // Most entries: nothing but the header byte before the bytes added.
            let shared = self.len.checked_sub(usize::from(drop))?;
            let row = self.row.wrapping_add(u32::from(step)).wrapping_add(1);
            (shared, u32::from(add), row, rest)
        } else {
            let (drop, rest) = inline_or_varint(drop, rest)?;
            let (add, rest) = inline_or_varint(add, rest)?;
            let (step, rest) = match step {
                3 => take_varint(rest).map(|(value, rest)| (unzigzag(value), rest))?,
                code => (u32::from(code).wrapping_add(1), rest),
            };
            let shared = self.len.checked_sub(usize::try_from(drop).ok()?)?;
            (shared, add, self.row.wrapping_add(step), rest)
        };
        let (added, rest) = rest.split_at_checked(usize::try_from(add).ok()?)?;
        self.bytes = rest;
        self.row = row;
        self.len = shared.checked_add(added.len())?;
        Some(Coded { shared, added, row })
    }
}

/// A length written in the header byte (0 to 6), or after it as a varint (7).
fn inline_or_varint(inline: u8, bytes: &[u8]) -> Option<(u32, &[u8])> {
    if u32::from(inline) <= INLINE_LEN {
        Some((u32::from(inline), bytes))
    } else {
        take_varint(bytes)
    }
}

/// The LEB128 varint at the start of `bytes` and the bytes after it.
fn take_varint(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (value, len) = read_varint(bytes)?;
    Some((value, bytes.get(len..)?))
}

/// Appends `bytes` to `out`, byte by byte when they are few: most entries add one or two, for
/// which a call to copy them costs more than the copy (on wasm32 above all).
fn append(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.len() <= 8 {
        for &byte in bytes {
            out.push(byte);
        }
    } else {
        out.extend_from_slice(bytes);
    }
}

/// The length of the longest common prefix of `a` and `b`, compared 8 bytes at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut shared = 0usize;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let word = |bytes: &[u8]| <[u8; 8]>::try_from(bytes).map_or(0, u64::from_le_bytes);
        let differ = word(x) ^ word(y);
        if differ != 0 {
            // The lowest set bit is in the first byte that differs.
            return shared.saturating_add(differ.trailing_zeros() as usize / 8);
        }
        shared = shared.saturating_add(8);
    }
    shared.saturating_add(
        a.get(shared..)
            .unwrap_or_default()
            .iter()
            .zip(b.get(shared..).unwrap_or_default())
            .take_while(|(x, y)| x == y)
            .count(),
    )
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
/// as an exception, by the entry's ordinal.
#[derive(Default)]
struct Lines {
    /// The row from which each change applies, increasing.
    rows: Vec<u32>,
    /// `line - row` (wrapping) from that row on.
    shifts: Vec<u64>,
    /// The highest row stored.
    last_row: u32,
    /// The entry ordinal and line of each exception, by increasing ordinal.
    exceptions: Vec<(u64, u64)>,
}

impl Lines {
    /// Records the line of the entry `ordinal`, of `row`; ordinals must increase.
    fn record(&mut self, ordinal: u64, row: u32, line: u64) {
        let shift = line.wrapping_sub(u64::from(row));
        if self.shift_at(row) != Some(shift) {
            if self.rows.is_empty() || row > self.last_row {
                self.rows.push(row);
                self.shifts.push(shift);
            } else {
                self.exceptions.push((ordinal, line));
            }
        }
        self.last_row = self.last_row.max(row);
    }

    /// The line of the entry `ordinal`, of `row`.
    fn line(&self, ordinal: u64, row: u32) -> Option<u64> {
        if let Ok(at) = self.exceptions.binary_search_by_key(&ordinal, |&(o, _)| o) {
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
                    .saturating_mul(size_of::<(u64, u64)>()),
            )
    }
}

#[cfg(test)]
#[path = "arena_tests.rs"]
mod tests;
