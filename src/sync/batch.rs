//! Packing plan bodies into bulk request bodies under the API's size limit.

use serde_json::Value;

use super::plan::{ConflictReason, PlanAction, PlanEntry};

/// Packs the bodies of creates and updates, in entry order, into JSON arrays of at most
/// `max_bytes` serialized bytes. A record too large for a body of its own becomes a conflict.
pub(crate) fn pack(entries: &mut [PlanEntry], max_bytes: usize) -> Vec<Value> {
    let mut batches = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut current_bytes = 2usize;
    for entry in entries.iter_mut() {
        let Some(body) = entry.body.as_ref() else {
            continue;
        };
        let size = serde_json::to_vec(body)
            .map(|bytes| bytes.len())
            .unwrap_or(usize::MAX);
        if size.saturating_add(2) > max_bytes {
            entry.action = PlanAction::Conflict;
            entry.reason = Some(ConflictReason::TooLarge);
            entry.message = Some(format!(
                "the record alone is {size} bytes, over the {max_bytes}-byte limit of a bulk body"
            ));
            entry.body = None;
            continue;
        }
        let separator = usize::from(!current.is_empty());
        if current_bytes.saturating_add(separator).saturating_add(size) > max_bytes {
            batches.push(Value::Array(std::mem::take(&mut current)));
            current_bytes = 2;
        }
        current_bytes = current_bytes
            .saturating_add(usize::from(!current.is_empty()))
            .saturating_add(size);
        current.push(body.clone());
    }
    if !current.is_empty() {
        batches.push(Value::Array(current));
    }
    batches
}
