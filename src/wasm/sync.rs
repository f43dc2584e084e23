//! Exports for sync planning.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{envelope, parse_json_argument};
use crate::{list_items, plan_sync, PlanOptions, SyncKind, UsageCode, UsageError};

/// Plans a sync of `local` records against `remote` ones (each UTF-8 JSON: an array of records
/// or a list response); returns the plan as JSON.
#[wasm_bindgen(js_name = planSync)]
pub fn plan_sync_json(kind: &str, local: &[u8], remote: &[u8], options: &[u8]) -> String {
    let result = (|| {
        let kind = SyncKind::parse(kind).ok_or_else(|| {
            UsageError::new(
                UsageCode::InvalidArgument,
                format!("kind must be \"customers\" or \"products\", not {kind:?}"),
            )
        })?;
        let local = parse_json_argument(local, "local")?;
        let remote = parse_json_argument(remote, "remote")?;
        let options = PlanOptions::from_json(&parse_json_argument(options, "options")?)?;
        let empty = Vec::new();
        let local = records(&local, "local")?;
        let remote = if remote.is_null() {
            &empty
        } else {
            records(&remote, "remote")?
        };
        plan_sync(kind, local, remote, &options)
    })();
    envelope(result)
}

fn records<'v>(value: &'v Value, name: &str) -> Result<&'v Vec<Value>, UsageError> {
    list_items(value).ok_or_else(|| {
        UsageError::new(
            UsageCode::InvalidArgument,
            format!("{name} must be an array of records or a list response ({{\"customers\": [...]}}, {{\"products\": [...]}}, {{\"data\": [...]}})"),
        )
    })
}
