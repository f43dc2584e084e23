//! The front-coded blocks of the arena: restarts, prefixes, long ids, rows and chunks.

use super::*;

fn at(row: u64) -> Seen {
    Seen { row, line: row + 1 }
}

/// An arena of `ids`, rows from 1, lines one after their rows.
fn arena_of<'a>(ids: impl IntoIterator<Item = &'a [u8]>) -> (Arena, Vec<Place>) {
    let mut arena = Arena::default();
    let places = (1..)
        .zip(ids)
        .map(|(row, id)| arena.push(id, row, u64::from(row) + 1).unwrap())
        .collect();
    (arena, places)
}

/// Every id is found in its block with its row, and `visit` gives them back in order.
fn assert_round_trip(arena: &Arena, ids: &[Vec<u8>], places: &[Place]) {
    for ((row, id), place) in (1..).zip(ids).zip(places) {
        assert_eq!(arena.find(place.block, id), Some(at(row)), "{id:?}");
    }
    let mut seen = Vec::new();
    arena.visit(|block, id| seen.push((block, id.to_vec())));
    let expected: Vec<_> = places.iter().map(|p| p.block).zip(ids.to_vec()).collect();
    assert_eq!(seen, expected);
}

#[test]
fn a_block_restarts_every_32_entries() {
    let ids: Vec<Vec<u8>> = (0..100)
        .map(|i| format!("cust-{i:09}").into_bytes())
        .collect();
    let (arena, places) = arena_of(ids.iter().map(Vec::as_slice));
    assert_eq!(arena.blocks(), 4);
    assert_eq!(
        places[31],
        Place {
            block: 0,
            index: 31
        }
    );
    assert_eq!(places[32], Place { block: 1, index: 0 });
    assert_eq!(places[99], Place { block: 3, index: 3 });
    assert_round_trip(&arena, &ids, &places);
    // A restart holds the whole id (1 + 1 + 14 bytes here), then 2 bytes an id: the header
    // and the last digit.
    assert_eq!(arena.chunks[0].len(), 4 * 16 + 96 * 2 + 9);
    assert_eq!(arena.find(0, b"cust-000000040"), None);
    assert_eq!(arena.find(1, b"cust-00000004"), None);
    assert_eq!(arena.find(1, b"cust-0000000400"), None);
}

#[test]
fn ids_sharing_long_prefixes_and_longer_than_255_bytes_round_trip() {
    let base = vec![b'p'; 300];
    let mut ids = Vec::new();
    for i in 0..40u32 {
        let mut id = base.clone();
        id.extend_from_slice(format!("{i}").as_bytes());
        ids.push(id);
        // A long id after a short one and back: drops and adds past the header's 6.
        ids.push(format!("short-{i}").into_bytes());
    }
    ids.push(vec![b'q'; 70_000]);
    ids.push(vec![b'q'; 69_999]);
    let (arena, places) = arena_of(ids.iter().map(Vec::as_slice));
    assert_round_trip(&arena, &ids, &places);
    let mut missing = base.clone();
    missing.extend_from_slice(b"40");
    assert!((0..3).all(|block| arena.find(block, &missing).is_none()));
    assert_eq!(
        arena.find(places[2].block, &base),
        None,
        "a prefix of an entry"
    );
}

#[test]
fn the_empty_id_is_an_entry_like_any_other() {
    let ids: Vec<Vec<u8>> = vec![b"".to_vec(), b"a".to_vec(), b"".to_vec(), b"ab".to_vec()];
    let (arena, _) = arena_of(ids.iter().map(Vec::as_slice));
    assert_eq!(
        arena.find(0, b""),
        Some(at(1)),
        "the first of two equal entries"
    );
    assert_eq!(arena.find(0, b"a"), Some(at(2)));
    assert_eq!(arena.find(0, b"ab"), Some(at(4)));
    assert_eq!(arena.find(0, b"b"), None);
}

#[test]
fn rows_step_any_way() {
    let rows = [5u32, 6, 8, 11, 11, 3, u32::MAX, 0, 1 << 31, 7];
    let mut arena = Arena::default();
    for (i, &row) in rows.iter().enumerate() {
        arena.push(format!("r{i}").as_bytes(), row, u64::from(row) + 1);
    }
    for (i, &row) in rows.iter().enumerate() {
        assert_eq!(
            arena.find(0, format!("r{i}").as_bytes()),
            Some(at(row.into()))
        );
    }
}

#[test]
fn an_entry_that_does_not_fit_starts_a_chunk_and_a_block() {
    // Ids of about 10 kB: the first chunk fills in its fourth block, which ends short.
    let mut arena = Arena::default();
    let (mut ids, mut places) = (Vec::new(), Vec::new());
    for row in 1..=150u32 {
        let mut id = vec![b'a' + (row % 26) as u8; 10_000];
        id.extend_from_slice(row.to_string().as_bytes());
        let chunks = arena.chunks.len();
        let place = arena.push(&id, row, u64::from(row) + 1).unwrap();
        if chunks == 1 && arena.chunks.len() == 2 {
            let previous: &Place = places.last().unwrap();
            assert_eq!(
                place,
                Place {
                    block: previous.block + 1,
                    index: 0
                }
            );
            assert!(previous.index < BLOCK_ENTRIES - 1, "{previous:?}");
        }
        ids.push(id);
        places.push(place);
    }
    assert_eq!(arena.chunks.len(), 2);
    assert!(arena.chunks[0].len() <= CHUNK);
    assert_round_trip(&arena, &ids, &places);
}

#[test]
fn a_plain_arena_codes_each_entry_alone() {
    let mut ids: Vec<Vec<u8>> = (0..70u32)
        .map(|i| format!("cust-{i:09}").into_bytes())
        .collect();
    ids.push(Vec::new());
    ids.push(vec![b'p'; 300]);
    ids.push(vec![b'p'; 299]);
    let mut arena = Arena::plain();
    let places: Vec<Place> = (1..)
        .zip(&ids)
        .map(|(row, id)| arena.push(id, row, u64::from(row) + 1).unwrap())
        .collect();
    assert_eq!(
        places[31],
        Place {
            block: 0,
            index: 31
        }
    );
    assert_eq!(places[32], Place { block: 1, index: 0 });
    assert_eq!(arena.blocks(), 3);
    assert_round_trip(&arena, &ids, &places);
    // The length, the row and the bytes, for every entry.
    assert_eq!(
        arena.chunks[0].len(),
        70 * 16 + (1 + 1) + (2 + 1 + 300) + (2 + 1 + 299)
    );
    assert_eq!(arena.find(2, &vec![b'p'; 298]), None);
    assert_eq!(arena.find(0, b"cust-00000000"), None);
}

#[test]
fn a_plain_arena_starts_a_block_with_each_chunk() {
    let mut arena = Arena::plain();
    let (mut ids, mut places) = (Vec::new(), Vec::new());
    for row in 1..=300u32 {
        let mut id = vec![b'z'; 7_000];
        id.extend_from_slice(row.to_string().as_bytes());
        let chunks = arena.chunks.len();
        let place = arena.push(&id, row, u64::from(row) + 1).unwrap();
        if chunks > 0 && arena.chunks.len() > chunks {
            let previous: &Place = places.last().unwrap();
            assert_eq!(
                place,
                Place {
                    block: previous.block + 1,
                    index: 0
                }
            );
        }
        ids.push(id);
        places.push(place);
    }
    assert_eq!(arena.chunks.len(), 3);
    assert_round_trip(&arena, &ids, &places);
}

#[test]
fn a_binary_search_finds_ids_added_in_order() {
    let ids: Vec<Vec<u8>> = (0..5_000u32)
        .map(|i| format!("id-{:06}", i * 2).into_bytes())
        .collect();
    let (arena, _) = arena_of(ids.iter().map(Vec::as_slice));
    for (row, id) in (1..).zip(&ids) {
        assert_eq!(arena.locate(id), Some(at(row)));
    }
    for missing in ["id-000001", "id-009999", "id-010000", "id-", "", "a", "z"] {
        assert_eq!(arena.locate(missing.as_bytes()), None, "{missing}");
    }
    assert_eq!(Arena::default().locate(b""), None);
}

#[test]
fn varints_round_trip() {
    for (value, len) in [
        (0, 1),
        (1, 1),
        (0x7f, 1),
        (0x80, 2),
        (0x3fff, 2),
        (0x4000, 3),
        (0x1f_ffff, 3),
        (0xfff_ffff, 4),
        (u32::MAX, 5),
    ] {
        let mut header = Header::default();
        header.varint(value).unwrap();
        assert_eq!(header.len, len);
        assert_eq!(read_varint(&header.bytes[..len]), Some((value, len)));
    }
    assert_eq!(read_varint(&[0x80, 0x80]), None);
    for difference in [0u32, 4, u32::MAX, 1 << 31, (1 << 31) - 1, 12345] {
        assert_eq!(unzigzag(zigzag(difference)), difference);
    }
    let mut header = Header::default();
    header.varint(u32::MAX).unwrap();
    header.varint(u32::MAX).unwrap();
    header.varint(u32::MAX).unwrap();
    header.byte(0).unwrap();
    assert_eq!(header.byte(0), None, "16 bytes hold the largest step");
}
