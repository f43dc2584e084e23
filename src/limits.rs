//! The size limits of the API and the defensive limits of this library.

/// Limits applied while validating. The defaults are the API's documented limits; the defensive
/// ones keep hostile input from exhausting memory or the stack.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Largest bulk or metadata-async body the API accepts, in bytes (10 485 760).
    pub max_bulk_body_bytes: usize,
    /// Most items in one order (500).
    pub max_order_items: usize,
    /// Most orders in one `POST /v1/orders/import` body (2000).
    pub max_import_orders: usize,
    /// Deepest nesting of arrays and objects a body may have before `too_deep` (64).
    pub max_depth: usize,
    /// Most issues kept in one NDJSON report; the counts stay exact beyond it (1000).
    pub max_issues: usize,
}

/// The largest integer a JavaScript number holds exactly (2^53 − 1).
pub(crate) const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Event names are 1 to 300 characters long.
pub(crate) const MAX_EVENT_NAME_CHARS: usize = 300;

/// `campaign.count` in a publication is 1 to 50.
pub(crate) const MAX_PUBLICATION_COUNT: i64 = 50;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bulk_body_bytes: 10_485_760,
            max_order_items: 500,
            max_import_orders: 2000,
            max_depth: 64,
            max_issues: 1000,
        }
    }
}
