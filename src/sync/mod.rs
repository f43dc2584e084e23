//! Sync planning for scripts: which local records to create, update or leave alone, which ones
//! conflict and why, and the bulk request bodies that carry the changes.

mod batch;
mod options;
mod plan;
mod records;

pub use options::PlanOptions;
pub use plan::{plan_sync, ConflictReason, PlanAction, PlanEntry, PlanSummary, SyncKind, SyncPlan};
pub use records::list_items;
