//! No input makes the CSV validator panic, every record is counted once, and the chunk size
//! never changes the outcome (property tests over CSV-like byte soup).

mod csv_support;

use csv_support::run_chunked;
use proptest::prelude::*;
use voucherify_sync::{CsvKind, CsvOptions};

const KINDS: [CsvKind; 4] = [
    CsvKind::Customers,
    CsvKind::Products,
    CsvKind::Skus,
    CsvKind::Orders,
];

fn soup() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::select(vec![
        &b"source_id,name,email,birthdate,price,attributes,quantity,status,sku_id,x y\n"[..],
        b"product_id,sku,source_id,price,attributes\r\n",
        b"\xef\xbb\xbfName,Source_id,City,Address_City\n",
        b"",
    ]);
    let byte = prop::sample::select(vec![
        b'a', b'1', b'-', b'.', b',', b',', b'"', b'"', b'\n', b'\r', b' ', b'=', b'@', b'{',
        b'\'', b':', b'}', 0xc3, 0xa9, 0xff, 0xef, 0xbb, 0xbf,
    ]);
    (header, prop::collection::vec(byte, 0..400)).prop_map(|(header, body)| {
        let mut bytes = header.to_vec();
        bytes.extend(body);
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_counts_every_record_once(
        input in soup(),
        kind in prop::sample::select(KINDS.to_vec()),
        chunk in 1usize..50,
    ) {
        let options = CsvOptions {
            import_bodies: kind == CsvKind::Orders,
            products: (kind == CsvKind::Skus).then(|| b"name,source_id,attributes\nA,a,\"x,y\"\n".to_vec()),
            max_record_bytes: 1024,
            max_part_bytes: 1024,
            ..csv_support::all_outputs()
        };
        let whole = run_chunked(kind, options.clone(), &input, input.len().max(1));
        let (report, outputs) = &whole;
        prop_assert_eq!(report.valid_rows + report.invalid_rows, report.rows);
        prop_assert_eq!(report.bytes, input.len() as u64);
        prop_assert_eq!(&csv_support::join_parts(&outputs.parts), &outputs.cleaned);
        let chunked = run_chunked(kind, options, &input, chunk);
        prop_assert_eq!(&chunked, &whole);
    }
}
