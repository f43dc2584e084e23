//! The writes the API performs for a request: which customers, products, SKUs and orders are
//! created or updated, and by which key, plus what a request will not do although people expect it.

mod collect;

use serde::Serialize;

pub use collect::upsert_effects;

use crate::Issue;

/// A resource the API writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// A customer profile.
    Customer,
    /// A product.
    Product,
    /// A SKU.
    Sku,
    /// An order.
    Order,
    /// A custom event.
    Event,
    /// A publication of a voucher to a customer.
    Publication,
    /// A redemption.
    Redemption,
}

/// What the API does with the resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Created when the key matches nothing, updated otherwise.
    Upsert,
    /// Always created (no key to match).
    Create,
    /// Updated; the resource must exist (identified by the request path).
    Update,
    /// Only the metadata is set, on a resource matched by key (created when missing).
    UpsertMetadata,
}

/// How the resource is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKey {
    /// By Voucherify's `id`.
    Id,
    /// By the merchant's `source_id`.
    SourceId,
    /// By the id or source_id in the request path.
    Path,
}

/// One write the API will perform.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Effect {
    /// What is written.
    pub resource: Resource,
    /// How it is written.
    pub action: Action,
    /// How the existing resource is found, if at all.
    pub key: Option<MatchKey>,
    /// The value of that key in the request, when it is in the body.
    pub value: Option<String>,
    /// A JSON pointer to the object in the request body that carries the data.
    pub path: String,
}

/// The writes of one request, and warnings about what it will not do.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpsertEffects {
    /// Every write, in body order.
    pub effects: Vec<Effect>,
    /// Warnings (`not_persisted`, `no_events`, `ignored_field`) about surprising behaviour.
    pub issues: Vec<Issue>,
}

impl UpsertEffects {
    /// Serializes the effects as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| String::from("{\"effects\":[],\"issues\":[]}"))
    }
}
