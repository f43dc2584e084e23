//! A fixed-seed generator of customers CSV files shaped like the import template, with about
//! 0.5 % realistic errors, shared by the tests and the throughput benchmark.
#![allow(dead_code)]

/// The template's header: both address spellings appear in real files; this uses the template's.
pub const CUSTOMERS_HEADER: &str = "Name,Source_id,Description,Email,Phone,Address_line_1,Address_line_2,City,Postal_Code,State,Country,Birthdate,favorite_brands,CRM_created_date";

/// A small deterministic random generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// What the generator put in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Generated {
    /// Data records written.
    pub records: u64,
    /// Records with an error the validator must report (they make the row invalid).
    pub invalid: u64,
    /// Records with only a warning (a duplicate source_id, a formula, a bad email).
    pub warned: u64,
}

const FIRST: &[&str] = &[
    "John", "Maria", "Wei", "Fatima", "Olga", "Pedro", "Aisha", "Tom",
];
const LAST: &[&str] = &[
    "Smith", "Garcia", "Chen", "Khan", "Novak", "Silva", "Okafor", "Berg",
];
const CITIES: &[&str] = &["New York", "Warsaw", "Lisbon", "Austin", "Berlin", "Osaka"];
const BRANDS: &[&str] = &["\"Nike,Fenty,Reebok\"", "Adidas", "\"Puma,Nike\"", ""];

/// A customers CSV of `rows` data rows, LF line endings, with errors in about `per_mille`
/// rows out of 1000 (half of them errors, half warnings).
pub fn customers_csv(rows: u64, seed: u64, per_mille: u64) -> (Vec<u8>, Generated) {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(rows as usize * 185);
    let mut stats = Generated::default();
    out.extend_from_slice(CUSTOMERS_HEADER.as_bytes());
    out.push(b'\n');
    for i in 0..rows {
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let mut source_id = format!("cust-{i:08}");
        let mut email = format!(
            "{}.{}{}@example.com",
            first.to_lowercase(),
            last.to_lowercase(),
            i
        );
        let mut birthdate = format!(
            "{}-{:02}-{:02}",
            1950 + rng.below(55),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let mut description = String::from("A good customer.");
        let mut extra_field = false;
        if rng.below(1000) < per_mille {
            match rng.below(6) {
                0 => {
                    birthdate = format!(
                        "{:02}/{:02}/19{}",
                        1 + rng.below(12),
                        1 + rng.below(28),
                        50 + rng.below(50)
                    );
                    stats.invalid += 1;
                }
                1 => {
                    source_id.clear();
                    stats.invalid += 1;
                }
                2 => {
                    extra_field = true;
                    stats.invalid += 1;
                }
                3 => {
                    source_id = format!("cust-{:08}", i / 2);
                    if i / 2 == i {
                        source_id = format!("cust-{i:08}");
                    } else {
                        stats.warned += 1;
                    }
                }
                4 => {
                    description = String::from("=HYPERLINK(\"http://x.io\")");
                    stats.warned += 1;
                }
                _ => {
                    email = format!("{first} at example dot com");
                    stats.warned += 1;
                }
            }
        }
        let description = if description.contains('"') {
            format!("\"{}\"", description.replace('"', "\"\""))
        } else {
            description
        };
        let city = rng.pick(CITIES);
        let line = format!(
            "{first} {last},{source_id},{description},{email},+1 (989) {:03}-{:04},{} Main St,\"Blg {}, Apt {}\",{city},{:05},{city},United States,{birthdate},{},2022-05-18T10:00:00.000Z{}\n",
            rng.below(1000),
            rng.below(10_000),
            1 + rng.below(999),
            1 + rng.below(9),
            1 + rng.below(99),
            rng.below(100_000),
            rng.pick(BRANDS),
            if extra_field { ",extra" } else { "" },
        );
        out.extend_from_slice(line.as_bytes());
        stats.records += 1;
    }
    (out, stats)
}
