//! Metadata schemas as `GET /v1/metadata-schemas` returns them, and the checks of metadata
//! objects against them.

mod check;
mod definition;
mod schema;

pub(crate) use check::{check_metadata, MetadataContext};
pub use schema::{MetadataSchemas, SchemaError};
