//! The same input fed in chunks of any size gives the identical report and identical outputs:
//! chunks may split a record, a quoted field, a CRLF, the BOM or a UTF-8 character.

mod csv_support;

use csv_support::run_chunked;
use voucherify_sync::{CsvKind, CsvOptions};

const CHUNKS: [usize; 6] = [1, 2, 3, 7, 64, 65_536];

fn assert_chunk_invariant(kind: CsvKind, options: CsvOptions, input: &[u8]) {
    let whole = run_chunked(kind, options.clone(), input, input.len().max(1));
    for chunk in CHUNKS {
        let chunked = run_chunked(kind, options.clone(), input, chunk);
        assert_eq!(chunked.0, whole.0, "report with chunks of {chunk}");
        assert_eq!(chunked.1, whole.1, "outputs with chunks of {chunk}");
    }
}

#[test]
fn customers_fixture_is_chunk_invariant() {
    let input = include_bytes!("fixtures/csv/customers_mixed.csv");
    assert_chunk_invariant(CsvKind::Customers, csv_support::all_outputs(), input);
    assert_chunk_invariant(CsvKind::Customers, CsvOptions::default(), input);
}

#[test]
fn products_and_skus_fixtures_are_chunk_invariant() {
    let products = include_bytes!("fixtures/csv/products.csv");
    assert_chunk_invariant(CsvKind::Products, csv_support::all_outputs(), products);
    let options = CsvOptions {
        products: Some(products.to_vec()),
        ..csv_support::all_outputs()
    };
    assert_chunk_invariant(
        CsvKind::Skus,
        options,
        include_bytes!("fixtures/csv/skus.csv"),
    );
}

#[test]
fn orders_fixture_is_chunk_invariant() {
    let options = CsvOptions {
        import_bodies: true,
        ..csv_support::all_outputs()
    };
    assert_chunk_invariant(
        CsvKind::Orders,
        options,
        include_bytes!("fixtures/csv/orders.csv"),
    );
}

#[test]
fn awkward_inputs_are_chunk_invariant() {
    let inputs: [&[u8]; 6] = [
        b"\xef\xbb\xbfsource_id,name\r\nc1,\"a\r\nb\"\r\n\r\nc2,\xc3\xa9\xe2\x82\xac\r\n",
        b"\xef\xbb",
        b"\xef\xbb\xbf",
        b"source_id,name\nc1,\"open\n",
        b"source_id,name\nc1,caf\xe9\nc2,\"x\"\"y\"\n\n\n",
        b"\r\n\r\nsource_id\r\r\nc1\r\n",
    ];
    for input in inputs {
        assert_chunk_invariant(CsvKind::Customers, csv_support::all_outputs(), input);
    }
}

#[test]
fn a_generated_file_is_chunk_invariant() {
    let (input, _) = csv_support::generate::customers_csv(2_000, 7, 50);
    let options = CsvOptions {
        max_part_bytes: 16 * 1024,
        ..csv_support::all_outputs()
    };
    let whole = run_chunked(CsvKind::Customers, options.clone(), &input, input.len());
    for chunk in [1, 3, 64, 65_536] {
        assert_eq!(
            run_chunked(CsvKind::Customers, options.clone(), &input, chunk),
            whole,
            "chunks of {chunk}"
        );
    }
}

#[test]
fn the_total_size_hint_changes_nothing_but_speed() {
    let input = include_bytes!("fixtures/csv/customers_mixed.csv");
    let (generated, _) = csv_support::generate::customers_csv(20_000, 7, 50);
    for bytes in [&input[..], &generated[..]] {
        let without = run_chunked(CsvKind::Customers, csv_support::all_outputs(), bytes, 4096);
        // Right, far too small and far too large (the reservation is capped).
        for total in [bytes.len() as u64, 1, u64::MAX] {
            let options = CsvOptions {
                total_bytes: Some(total),
                ..csv_support::all_outputs()
            };
            let with = run_chunked(CsvKind::Customers, options, bytes, 4096);
            assert_eq!(with, without, "total_bytes {total}");
        }
    }
}
