//! Fuzzer bytes read as JSON values built from the API's own vocabulary (field names, enum
//! values, dates, emails, phone numbers, hostile strings), so that mutations reach the rules
//! behind the field names instead of stopping at `unknown_field`.
//!
//! This is a small, dependency-free decoder in the manner of `arbitrary::Unstructured`: every
//! choice reads the next byte, and exhausted input reads as zeros, so any byte string decodes to
//! exactly one value and the committed corpus replays the same under `cargo test`.

use serde_json::{Map, Number, Value};

/// Field names and option keys the core gives meaning to.
#[rustfmt::skip]
const KEYS: &[&str] = &[
    "source_id", "id", "name", "email", "phone", "birthdate", "birthday", "description",
    "address", "city", "state", "line_1", "line_2", "country", "postal_code", "metadata",
    "object", "type", "amount", "initial_amount", "discount_amount", "items", "quantity",
    "initial_quantity", "discount_quantity", "price", "product", "product_id", "sku", "sku_id",
    "override", "customer", "referrer", "referrer_id", "order", "redeemables", "gift",
    "credits", "reward", "points", "session", "key", "ttl", "ttl_unit", "status", "channel",
    "event", "campaign", "campaign_id", "count", "voucher", "tracking_id", "options", "expand",
    "created_at", "image_url", "attributes", "currency", "related_object", "result",
    "validation", "redemption", "redemptions", "inapplicable_redeemables",
    "skipped_redeemables", "details", "error", "code", "message", "valid", "tier",
    "loyalty_card", "total_amount", "total_discount_amount", "applied_discount_amount",
    "total_applied_discount_amount", "parent_redemption", "failure_code", "failure_message",
    "codes", "giftCards", "loyaltyCards", "promotionTiers", "promotionStack", "trackingId",
    "productId", "skuId", "sourceId", "relatedObject", "ttlUnit", "mapping", "lowercaseEmail",
    "defaultCountry", "dateOrder", "clearEmpty", "metadataSchemas", "keepMissing",
    "stackingRules", "categories", "operation", "customerOptions", "maxIssues", "schemas",
    "properties", "optional", "array", "eq", "ne", "lt", "lte", "gt", "gte", "min_length",
    "max_length", "exact_length", "deleted", "object_type", "allow_defined_only",
    "redeemables_limit", "applicable_redeemables_limit", "applicable_exclusive_redeemables_limit",
    "applicable_redeemables_per_category_limit", "exclusive_categories", "joint_categories",
    "redeemables_application_mode", "redeemables_sorting_rule", "hierarchy", "E-mail", "Phone",
    "Birth Date", "zip", "metadata_tier", "address_city", "__proto__", "",
];

/// Strings the core reads specially, and strings an attacker would try.
#[rustfmt::skip]
const TEXTS: &[&str] = &[
    "", " ", "c1", "customer", "order", "product", "sku", "voucher", "promotion_tier",
    "promotion_stack", "gift_card", "loyalty_card", "dmy", "mdy", "US", "PL", "GB", "DE", "FR",
    "LOCK", "ALL", "PARTIAL", "CATEGORY_HIERARCHY", "REQUESTED_ORDER", "DAY", "HOUR", "string",
    "number", "boolean", "date", "datetime", "object", "image_url", "geopoint", "APPLIED",
    "SKIPPED", "INAPPLICABLE", "PAID", "CREATED", "POST /client/v1/validations",
    "POST /client/v1/redemptions", "POST /v1/customers", "1990-07-03", "1990-02-30",
    "2000-02-29", "1900-02-29", "03/07/1990", "03.07.1990", "1990/07/03", "13/13/1990",
    "2022-03-11T09:00:00.000Z", "2022-03-11T09:00:00+01:00", "2022-03-11T25:00:00Z",
    "2022-03-11T09:00:60.5-00:00", "maria@example.com", "Maria@Example.COM", "a@b", "@", "a@@b.co",
    "+48 601 234 567", "0048601234567", "(555) 123-4567", "555.123.4567", "+", "00",
    "https://example.com/a.png", "http://", "javascript:alert(1)", "=HYPERLINK(\"http://x\")",
    "+SUM(1)", "-1+1", "@cmd", "<script>alert(1)</script>", "\u{202e}gnp.exe", "\u{feff}",
    "a\u{feff}b", "\0", "a\0b", "\r\n", "\u{2028}", "é", "👩‍👩‍👧", "9007199254740993",
    "NaN", "true", "null", "cat_1", "prod_1", "sku_1", "v_1", "promo_1", "/", "~1", "~0",
];

/// Numbers at the edges of what the core distinguishes.
#[rustfmt::skip]
const INTEGERS: &[i64] = &[
    0, 1, -1, 2, 5, 29, 30, 31, 49, 50, 51, 100, 499, 500, 501, 1999, 2000, 2001, 10_485_760,
    9_007_199_254_740_991, 9_007_199_254_740_992, -9_007_199_254_740_991, i64::MAX, i64::MIN,
];

/// Fractions and magnitudes past the safe integer range.
#[rustfmt::skip]
const FLOATS: &[f64] = &[0.5, -0.0, 19.99, 1e15, 9.007_199_254_740_992e15, 1e300, -1e300, 1e-300];

/// How deep a generated value may nest before only scalars are produced.
const MAX_DEPTH: usize = 10;

/// The fuzzer's bytes, read one choice at a time.
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    /// Reads `data` from its start.
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }

    /// The next byte, or 0 once the input is used up.
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&first, rest)) => {
                self.data = rest;
                first
            }
            None => 0,
        }
    }

    /// One of `items`, chosen by the next byte (the first when `items` is empty is never asked).
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        let len = items.len();
        if len == 0 {
            return None;
        }
        items.get(usize::from(self.byte()) % len).copied()
    }

    /// A count from 0 to `max`.
    pub fn count(&mut self, max: usize) -> usize {
        usize::from(self.byte()) % max.saturating_add(1)
    }

    /// Up to `max` raw bytes.
    pub fn take(&mut self, max: usize) -> &'a [u8] {
        let len = self.count(max).min(self.data.len());
        let (head, tail) = self.data.split_at(len);
        self.data = tail;
        head
    }

    /// Whether every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The bytes not read yet, consuming them.
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.data)
    }

    /// A string: from the vocabulary, or raw bytes read as UTF-8 (lossily).
    pub fn text(&mut self) -> String {
        match self.byte() % 4 {
            0 | 1 => self.pick(TEXTS).unwrap_or_default().to_string(),
            2 => self.pick(KEYS).unwrap_or_default().to_string(),
            _ => String::from_utf8_lossy(self.take(48)).into_owned(),
        }
    }

    /// An object key: mostly from the vocabulary.
    pub fn key(&mut self) -> String {
        if self.byte() % 8 == 0 {
            String::from_utf8_lossy(self.take(24)).into_owned()
        } else {
            self.pick(KEYS).unwrap_or_default().to_string()
        }
    }

    /// A number: an edge integer, a fraction, or eight raw bytes as an integer or a float.
    pub fn number(&mut self) -> Value {
        match self.byte() % 6 {
            0 | 1 => Value::from(self.pick(INTEGERS).unwrap_or_default()),
            2 => Value::from(self.pick(FLOATS).unwrap_or_default()),
            3 => Value::from(u64::from_le_bytes(self.eight())),
            4 => Value::from(i64::from_le_bytes(self.eight())),
            _ => Number::from_f64(f64::from_le_bytes(self.eight()))
                .map_or(Value::Null, Value::Number),
        }
    }

    fn eight(&mut self) -> [u8; 8] {
        let mut out = [0u8; 8];
        for slot in &mut out {
            *slot = self.byte();
        }
        out
    }

    /// Any JSON value, nesting at most [`MAX_DEPTH`] levels below `depth`.
    pub fn value(&mut self, depth: usize) -> Value {
        let nested = depth < MAX_DEPTH;
        match self.byte() % 10 {
            0 => Value::Null,
            1 => Value::Bool(self.byte() % 2 == 1),
            2 | 3 => self.number(),
            4 | 5 => Value::String(self.text()),
            6 | 7 if nested => self.object(depth),
            8 if nested => {
                let len = self.count(6);
                Value::Array(
                    (0..len)
                        .map(|_| self.value(depth.saturating_add(1)))
                        .collect(),
                )
            }
            9 if nested && self.byte() % 16 == 0 => {
                // Past the default depth limit of 64.
                let mut value = self.value(MAX_DEPTH);
                for _ in 0..self.count(80) {
                    value = Value::Array(vec![value]);
                }
                value
            }
            _ => Value::String(self.text()),
        }
    }

    /// A JSON object with vocabulary keys.
    pub fn object(&mut self, depth: usize) -> Value {
        let len = self.count(8);
        let mut map = Map::new();
        for _ in 0..len {
            let key = self.key();
            map.insert(key, self.value(depth.saturating_add(1)));
        }
        Value::Object(map)
    }

    /// A JSON object whose keys mostly come from `keys`, the rest from the whole vocabulary.
    pub fn object_with(&mut self, keys: &[&str], depth: usize) -> Value {
        let len = self.count(8);
        let mut map = Map::new();
        for _ in 0..len {
            let key = match self.pick(keys) {
                Some(key) if self.byte() % 4 != 0 => key.to_string(),
                _ => self.key(),
            };
            map.insert(key, self.value(depth.saturating_add(1)));
        }
        Value::Object(map)
    }

    /// A flat record, as a CRM or a form produces: keys to strings, numbers, booleans or null.
    pub fn record(&mut self) -> Value {
        let len = self.count(10);
        let mut map = Map::new();
        for _ in 0..len {
            let key = self.key();
            let value = match self.byte() % 8 {
                0 => Value::Null,
                1 => Value::Bool(self.byte() % 2 == 1),
                2 => self.number(),
                3 => self.value(MAX_DEPTH.saturating_sub(2)),
                _ => Value::String(self.text()),
            };
            map.insert(key, value);
        }
        Value::Object(map)
    }
}
