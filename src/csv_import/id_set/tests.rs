//! The duplicate index against a map of first sightings, and the bytes it holds per id.

use super::arena::CHUNK;
use super::*;
use proptest::prelude::*;
use std::collections::HashMap;

fn seen(row: u64) -> Seen {
    Seen { row, line: row + 1 }
}

/// A set that indexes every identifier in its table, as after switching.
fn hashing_only() -> IdSet {
    IdSet {
        hash_all: true,
        ..IdSet::default()
    }
}

/// The entries both arenas give back when read in order.
fn entries_read(set: &IdSet) -> usize {
    let mut count = 0usize;
    set.sorted.visit(|_, _| count += 1);
    set.hashed.visit(|_, _| count += 1);
    count
}

#[test]
fn a_reserved_set_keeps_its_ids_and_does_not_grow_on_the_way() {
    let mut set = IdSet::default();
    set.insert(b"early", Seen { row: 1, line: 2 });
    set.reserve(10_000);
    assert_eq!(
        set.table.len(),
        0,
        "no table until an id comes out of order"
    );
    // `id-10` is below `id-9`: out of order, as most ids after it.
    for i in 2..10_000u64 {
        let id = format!("id-{i}");
        assert_eq!(
            set.insert(
                id.as_bytes(),
                Seen {
                    row: i,
                    line: i + 1
                }
            ),
            None
        );
    }
    let buckets = set.table.len();
    assert_eq!(buckets, 10_000usize.div_ceil(FILL).next_power_of_two());
    assert!(set.hashed.len() > 9_000, "{}", set.hashed.len());
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
    set.reserve(20_000);
    assert_eq!(
        set.table.len(),
        20_000usize.div_ceil(FILL).next_power_of_two()
    );
    assert_eq!(set.get(b"id-5000"), Some(seen(5000)));
}

#[test]
fn ids_in_order_need_no_table() {
    let mut set = IdSet::default();
    set.reserve(1_000_000);
    for row in 1..=100_000u64 {
        let id = format!("cust-{row:09}");
        assert_eq!(set.insert(id.as_bytes(), seen(row)), None);
    }
    assert_eq!(set.table.len(), 0);
    assert_eq!(set.insert(b"cust-000000017", seen(200_000)), Some(seen(17)));
    assert_eq!(set.get(b"cust-000100000"), Some(seen(100_000)));
    assert_eq!(set.get(b"cust-000100001"), None);
    assert_eq!(set.get(b"cust-0000000170"), None);
    assert_eq!(set.table.len(), 0, "repeats are found without one");
    assert!(set.heap_bytes() < 100_000 * 3, "{}", set.heap_bytes());
}

#[test]
fn finds_repeats_and_only_repeats() {
    for mut set in [IdSet::default(), hashing_only()] {
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
}

/// The index's hash before it was keyed: a multiply-rotate over 8-byte words with a murmur3
/// finalizer, the same for every run, so that ids colliding under it could be built ahead.
fn hash64(bytes: &[u8]) -> u64 {
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

/// 16-byte ids that all had the same 64-bit hash: with two words `a, b`, [`hash64`] mixes
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
    // 100 entries under one hash and one tag fill 7 buckets in a row, and the table is
    // rebuilt 3 times on the way.
    let mut set = hashing_only();
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
fn ids_colliding_under_the_unkeyed_hash_read_no_more_blocks_than_there_are_ids() {
    // 16,000 of them took 28 s in the Node build under the unkeyed hash: each insertion read the
    // blocks of all those before it (about 128 million block reads). Under the keyed hash they
    // spread over the table like any ids, and a block is read only on a tag match.
    let ids = colliding_ids(16_000);
    let mut set = hashing_only();
    for (row, id) in (1..).zip(&ids) {
        assert_eq!(set.insert(id, seen(row)), None, "{row}");
    }
    assert_eq!(set.len(), ids.len());
    assert!(
        set.blocks_read.get() <= ids.len(),
        "{} blocks read for {} ids",
        set.blocks_read.get(),
        ids.len()
    );
    for (row, id) in (1..).zip(&ids) {
        assert_eq!(set.get(id), Some(seen(row)));
    }
}

#[test]
fn every_set_hashes_under_its_own_key() {
    let (first, second) = (IdSet::default(), IdSet::default());
    let ids = colliding_ids(2);
    assert_ne!(first.key.hash(&ids[0]), second.key.hash(&ids[0]));
    assert_ne!(first.key.hash(&ids[0]), first.key.hash(&ids[1]));
    assert_eq!(first.key.hash(&ids[1]), first.key.hash(&ids[1]));
}

#[test]
fn a_tag_match_alone_is_not_a_duplicate() {
    let mut set = hashing_only();
    let hash = set.key.hash(b"a");
    set.insert_hashed(hash, b"a", seen(1));
    assert_eq!(set.insert_hashed(hash, b"b", seen(2)), None);
    assert_eq!(set.get_hashed(hash, b"a"), Some(seen(1)));
    assert_eq!(set.get_hashed(hash, b"b"), Some(seen(2)));
    assert_eq!(set.get_hashed(hash, b"c"), None);
}

#[test]
fn lines_follow_their_rows_in_any_order() {
    for hashed in [true, false] {
        let mut set = if hashed {
            hashing_only()
        } else {
            IdSet::default()
        };
        let at = |row, line| Seen { row, line };
        // In order, with multi-line records at rows 3 and 5.
        for (row, line) in [(1, 2), (2, 3), (3, 4), (4, 7), (5, 8), (6, 12)] {
            assert_eq!(
                set.insert(format!("r{row}").as_bytes(), at(row, line)),
                None
            );
        }
        let arena = if hashed { &set.hashed } else { &set.sorted };
        assert_eq!(arena.line_records(), (3, 0));
        // Out of order: one that agrees with the change points, two that do not, one at the
        // last row with another line, one below row 1 and one with a line before its row.
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
        if hashed {
            assert_eq!(set.hashed.line_records(), (4, 5));
        } else {
            // The ids below `r6` went to the other arena, whose own change points start at
            // its first entry.
            assert_eq!(set.hashed.line_records(), (4, 3));
        }
    }
}

#[test]
fn rows_past_u32_are_not_stored() {
    for mut set in [IdSet::default(), hashing_only()] {
        let far = u64::from(u32::MAX);
        assert_eq!(set.insert(b"a", seen(far)), None);
        assert_eq!(set.insert(b"a", seen(far + 2)), Some(seen(far)));
        assert_eq!(set.insert(b"b", seen(far + 1)), None);
        assert_eq!(set.insert(b"b", seen(far + 2)), None);
        assert_eq!(set.insert(b"0", seen(far + 1)), None);
        assert_eq!(set.insert(b"0", seen(far + 2)), None);
        assert_eq!(set.len(), 1);
    }
}

#[test]
fn long_ids_take_chunks_of_their_own() {
    for mut set in [IdSet::default(), hashing_only()] {
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
        assert_eq!(entries_read(&set), 5_000);
    }
}

#[test]
fn a_growing_table_is_rebuilt_with_every_id() {
    let mut set = hashing_only();
    let mut sizes = Vec::new();
    for row in 1..=300_000u64 {
        // Out of order: the low digits first.
        let id = format!("{:06}", row.reverse_bits() >> 40);
        if set.insert(id.as_bytes(), seen(row)).is_some() {
            continue;
        }
        if sizes.last() != Some(&set.table.len()) {
            sizes.push(set.table.len());
        }
    }
    // Doubling from one bucket, then whole segments.
    assert_eq!(sizes.first(), Some(&1));
    assert!(sizes.len() > 10, "{sizes:?}");
    assert!(sizes.windows(2).all(|w| w[1] == w[0] * 2), "{sizes:?}");
    for row in 1..=300_000u64 {
        let id = format!("{:06}", row.reverse_bits() >> 40);
        let first = set.get(id.as_bytes()).unwrap();
        assert!(first.row <= row && first.line == first.row + 1);
    }
}

#[test]
fn tags_give_up_bits_when_the_blocks_outgrow_the_slots() {
    // Ids of 600 kB that differ from the start: each starts a chunk, so each entry is a block of
    // its own.
    let mut set = hashing_only();
    set.reserve(100);
    let id = |row: u64| {
        let mut id = row.to_string().into_bytes();
        id.extend_from_slice(&[b'x'; 600_000]);
        id
    };
    assert_eq!(set.insert(&id(1), seen(1)), None);
    let (buckets, bits) = (set.table.len(), set.table.block_bits);
    for row in 2..=40 {
        assert_eq!(set.insert(&id(row), seen(row)), None);
    }
    assert_eq!(set.hashed.blocks(), 40);
    assert_eq!(set.table.len(), buckets);
    assert!(
        set.table.block_bits >= bits + 2,
        "{bits} → {}",
        set.table.block_bits
    );
    for row in 1..=40 {
        assert_eq!(set.get(&id(row)), Some(seen(row)));
    }
    assert_eq!(set.get(&id(41)), None);
}

#[test]
fn frequent_lookups_below_the_sorted_ids_switch_to_hashing_everything() {
    let mut set = IdSet::default();
    for row in 1..=50_000u64 {
        assert_eq!(
            set.insert(format!("b-{row:06}").as_bytes(), seen(row)),
            None
        );
    }
    assert!(!set.hash_all);
    // Ids below every sorted one: each searches the sorted arena.
    for row in 50_001..=60_000u64 {
        assert_eq!(
            set.insert(format!("a-{row:06}").as_bytes(), seen(row)),
            None
        );
    }
    assert!(set.hash_all);
    assert!(set.table.len() * FILL >= set.len());
    let searches = set.searches.get();
    for row in 1..=60_000u64 {
        let prefix = if row <= 50_000 { "b" } else { "a" };
        assert_eq!(
            set.get(format!("{prefix}-{row:06}").as_bytes()),
            Some(seen(row))
        );
    }
    assert_eq!(
        set.searches.get(),
        searches,
        "no binary search once hashing everything"
    );
    // Ids above every sorted one now go through the table too.
    assert_eq!(set.insert(b"c", seen(70_000)), None);
    assert_eq!(set.sorted.len(), 50_000);
    assert_eq!(set.insert(b"c", seen(70_001)), Some(seen(70_000)));
}

#[test]
fn uuids_go_through_the_table() {
    let ids: Vec<String> = uuids(20_000).collect();
    let mut set = IdSet::default();
    for (row, id) in (1..).zip(&ids) {
        assert_eq!(set.insert(id.as_bytes(), seen(row)), None);
    }
    assert!(set.sorted.len() < 100, "{}", set.sorted.len());
    assert!(set.hash_all);
    for (row, id) in (1..).zip(&ids) {
        assert_eq!(set.insert(id.as_bytes(), seen(row + 1)), Some(seen(row)));
    }
    let mut other = ids[0].clone().into_bytes();
    other[0] ^= 1;
    assert_eq!(set.get(&other), None);
}

#[test]
fn a_million_ids_in_order_take_under_4_bytes_each() {
    let mut set = IdSet::default();
    let count = 1_000_000u64;
    for row in 1..=count {
        let id = format!("cust-{row:09}");
        assert_eq!(set.insert(id.as_bytes(), seen(row)), None);
    }
    let per_id = set.heap_bytes() as f64 / count as f64;
    // 2.6 bytes of entries, 0.13 of block addresses (0.26 by capacity), 0.4 left in the
    // last 1 MiB chunk: 3.3 measured. The same ids cost 28 bytes each before front coding,
    // and 84 before that.
    assert!(per_id < 4.0, "{per_id} bytes per id");
    assert_eq!(set.get(b"cust-000000001"), Some(seen(1)));
    assert_eq!(set.get(b"cust-001000000"), Some(seen(count)));
    assert_eq!(set.get(b"cust-001000001"), None);
}

#[test]
fn a_million_ids_out_of_order_take_under_30_bytes_each() {
    let mut set = IdSet::default();
    let count = 1_000_000u64;
    for row in 1..=count {
        // Every id of a 2^20 range once, in a scrambled order.
        let id = format!("cust-{:09}", row.wrapping_mul(0x9e37_79b9) & 0xf_ffff);
        set.insert(id.as_bytes(), seen(row));
    }
    let per_id = set.heap_bytes() as f64 / count as f64;
    // 19 bytes of entries, each coded alone, and 8.4 of table: a million is past what 65 536
    // buckets hold (917 504), so it has 131 072.
    assert!(per_id < 30.0, "{per_id} bytes per id");
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
    assert_eq!(hashing_only().get(b""), None);
}

/// `count` random UUIDs in their 36-character text form, from a fixed seed.
fn uuids(count: usize) -> impl Iterator<Item = String> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    (0..count).map(move |_| {
        let hex = format!("{:016x}{:016x}", next(), next());
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    })
}

/// The bytes a set of `ids` (rows from 1) holds per id.
fn bytes_per_id(ids: impl Iterator<Item = String>) -> f64 {
    let mut set = IdSet::default();
    let mut count = 0u64;
    for (row, id) in (1..).zip(ids) {
        set.insert(id.as_bytes(), seen(row));
        count = row;
    }
    assert_eq!(set.len() as u64, count);
    set.heap_bytes() as f64 / count as f64
}

/// What the module's header says each shape of id costs, at 300 000 ids (a few MiB chunks
/// and a table of the size that many ids need).
#[test]
fn costs_the_bytes_per_id_the_header_states() {
    let in_order = bytes_per_id((1..=300_000u64).map(|row| format!("cust-{row:09}")));
    assert!(in_order < 4.0, "in order: {in_order:.2} bytes per id");
    let scrambled = bytes_per_id(
        (1..=300_000u64)
            .map(|row| format!("cust-{:09}", row.wrapping_mul(0x9e37_79b9) % 1_000_003)),
    );
    assert!(
        scrambled < 32.0,
        "out of order: {scrambled:.2} bytes per id"
    );
    let random = bytes_per_id(uuids(300_000));
    assert!(random < 56.0, "UUIDs: {random:.2} bytes per id");
}

proptest! {
    #[test]
    fn behaves_as_a_map_of_first_sightings(
        steps in proptest::collection::vec(
            (0u16..400, 0u64..1_000, 0u64..3, 0u8..20),
            0..1_500,
        ),
        in_order in any::<bool>(),
        hash_all in any::<bool>(),
    ) {
        let mut set = if hash_all { hashing_only() } else { IdSet::default() };
        let mut model: HashMap<Vec<u8>, Seen> = HashMap::new();
        let mut row = 0u64;
        let mut next_key = 0u64;
        for (key, jump, extra, op) in steps {
            // Mostly increasing rows, sometimes far back, rarely past u32::MAX.
            row = match jump {
                0..=899 => row + jump % 3,
                900..=997 => jump - 900,
                _ => u64::from(u32::MAX) + jump,
            };
            let line = row + 1 + extra * (jump % 7);
            // Random keys, or mostly increasing ones with some repeats and some below.
            let id = if in_order {
                next_key += u64::from(key % 3);
                let key = if key < 40 { u64::from(key) * 7 } else { next_key };
                format!("k{key:05}").into_bytes()
            } else {
                format!("k{key}").into_bytes()
            };
            if op == 0 {
                set.hash_everything();
            }
            let found = if op < 6 {
                set.get(&id)
            } else {
                set.insert(&id, Seen { row, line })
            };
            let expected = model.get(&id).copied();
            prop_assert_eq!(found, expected);
            if op >= 6 && expected.is_none() && u32::try_from(row).is_ok() {
                model.insert(id, Seen { row, line });
            }
        }
        prop_assert_eq!(set.len(), model.len());
        for (id, first) in &model {
            prop_assert_eq!(set.get(id), Some(*first));
        }
    }
}
