//! Metadata schemas as `GET /v1/metadata-schemas` returns them, and the checks of metadata
//! objects against them.

mod check;
mod coerce;
mod definition;
mod schema;

pub(crate) use check::{check_metadata, MetadataContext};
pub(crate) use coerce::{coerce_text, parse_number};
pub(crate) use definition::{Definition, MetaType};
pub use schema::{MetadataSchemas, SchemaError};
