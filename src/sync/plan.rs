//! Sync planning: every local record assigned once to create, update, unchanged or conflict,
//! against what Voucherify holds, with the minimal update bodies.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::records::{to_product, PRODUCT_FIELDS};
use super::PlanOptions;
use crate::customer::{customer_from_record, diff_metadata, same};
use crate::{
    diff_customer, DiffOptions, Issue, Operation, PriceUnit, Severity, UsageError, Validator,
};

/// What is synced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncKind {
    /// Customers, sent with `POST /v1/customers/bulk/async`.
    Customers,
    /// Products, sent with `POST /v1/products/bulk/async`.
    Products,
}

impl SyncKind {
    /// Reads `customers` or `products`.
    pub fn parse(text: &str) -> Option<SyncKind> {
        match text {
            "customers" => Some(SyncKind::Customers),
            "products" => Some(SyncKind::Products),
            _ => None,
        }
    }

    /// The bulk operation the plan's bodies are for.
    pub fn bulk_operation(self) -> Operation {
        match self {
            SyncKind::Customers => Operation::BulkUpdateCustomers,
            SyncKind::Products => Operation::BulkUpdateProducts,
        }
    }
}

/// The bucket of one local record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanAction {
    /// Not in Voucherify: the whole record is sent.
    Create,
    /// In Voucherify with other values: the changed fields are sent.
    Update,
    /// Already as in Voucherify: nothing is sent.
    Unchanged,
    /// Cannot be sent as is; see the reason.
    Conflict,
}

/// Why a record cannot be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictReason {
    /// The record's `id` names a Voucherify record with another `source_id`, which never changes.
    ImmutableSourceId,
    /// Another local record has the same `source_id`.
    DuplicateKey,
    /// The record has no `source_id`, which bulk updates match by.
    MissingKey,
    /// The record has errors (see its issues).
    InvalidRecord,
    /// The record alone is over the bulk body size limit.
    TooLarge,
}

/// One local record's place in the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanEntry {
    /// The record's 0-based position in the local input.
    pub index: usize,
    /// Its `source_id`, when it has one.
    pub key: Option<String>,
    /// Its bucket.
    pub action: PlanAction,
    /// What is sent for it (creates and updates).
    pub body: Option<Value>,
    /// Why it is a conflict.
    pub reason: Option<ConflictReason>,
    /// A readable explanation of a conflict.
    pub message: Option<String>,
    /// Problems in the record (paths point into the record).
    pub issues: Vec<Issue>,
}

/// The counts of a plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PlanSummary {
    /// Local records read.
    pub local: usize,
    /// Remote records read.
    pub remote: usize,
    /// Records to create.
    pub create: usize,
    /// Records to update.
    pub update: usize,
    /// Records already in step.
    pub unchanged: usize,
    /// Records that cannot be sent.
    pub conflict: usize,
    /// Bulk request bodies.
    pub batches: usize,
}

/// A sync plan: the counts, one entry per local record, and the bulk bodies to send.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SyncPlan {
    /// What is synced.
    pub kind: SyncKind,
    /// The operation the batches are bodies of.
    pub operation: &'static str,
    /// The counts.
    pub summary: PlanSummary,
    /// One entry per local record, in input order.
    pub entries: Vec<PlanEntry>,
    /// Bulk bodies (arrays of records), each under the size limit, in input order.
    pub batches: Vec<Value>,
}

/// Plans the sync of `local` records against the `remote` ones (what Voucherify holds).
pub fn plan_sync(
    kind: SyncKind,
    local: &[Value],
    remote: &[Value],
    options: &PlanOptions,
) -> Result<SyncPlan, UsageError> {
    let validator = Validator::new(options.validation.clone());
    let remote_records = remote
        .iter()
        .map(|record| normalize(kind, record, options, PriceUnit::Cents).map(|(map, _)| map))
        .collect::<Result<Vec<_>, _>>()?;
    let mut by_source_id: HashMap<&str, &Map<String, Value>> = HashMap::new();
    let mut by_id: HashMap<&str, &Map<String, Value>> = HashMap::new();
    for record in &remote_records {
        if let Some(source_id) = text(record, "source_id") {
            by_source_id.entry(source_id).or_insert(record);
        }
        if let Some(id) = text(record, "id") {
            by_id.entry(id).or_insert(record);
        }
    }
    let mut locals = Vec::with_capacity(local.len());
    let mut key_count: HashMap<String, usize> = HashMap::new();
    for record in local {
        let (map, issues) = normalize(kind, record, options, options.price_unit)?;
        if let Some(key) = text(&map, "source_id") {
            let count = key_count.entry(key.to_string()).or_insert(0);
            *count = count.saturating_add(1);
        }
        locals.push((map, issues));
    }
    let mut entries = Vec::with_capacity(locals.len());
    for (index, (record, issues)) in locals.into_iter().enumerate() {
        let key = text(&record, "source_id").map(str::to_string);
        let mut entry = PlanEntry {
            index,
            key: key.clone(),
            action: PlanAction::Conflict,
            body: None,
            reason: None,
            message: None,
            issues,
        };
        let Some(key) = key else {
            conflict(
                &mut entry,
                ConflictReason::MissingKey,
                "the record has no source_id, which bulk updates match records by",
            );
            entries.push(entry);
            continue;
        };
        if entry
            .issues
            .iter()
            .any(|issue| issue.severity == Severity::Error)
        {
            conflict(
                &mut entry,
                ConflictReason::InvalidRecord,
                "the record has errors; see its issues",
            );
            entries.push(entry);
            continue;
        }
        if key_count.get(&key).copied().unwrap_or(0) > 1 {
            conflict(
                &mut entry,
                ConflictReason::DuplicateKey,
                &format!("source_id {key:?} appears on more than one local record; fix the data so each appears once"),
            );
            entries.push(entry);
            continue;
        }
        let by_local_id = text(&record, "id").and_then(|id| by_id.get(id).copied());
        if let Some(stored) = by_local_id {
            if text(stored, "source_id").is_some_and(|stored_key| stored_key != key) {
                conflict(
                    &mut entry,
                    ConflictReason::ImmutableSourceId,
                    &format!(
                        "the record's id names a {} whose source_id is {:?}; a source_id never changes, so delete it and create it again with {key:?}",
                        noun(kind),
                        text(stored, "source_id").unwrap_or_default()
                    ),
                );
                entries.push(entry);
                continue;
            }
        }
        let stored = by_local_id.or_else(|| by_source_id.get(key.as_str()).copied());
        let changes = match stored {
            None => Some(without(&record, "id")),
            Some(stored) => changes(kind, stored, &record)?,
        };
        match changes {
            None => entry.action = PlanAction::Unchanged,
            Some(mut body) => {
                body.insert("source_id".into(), Value::String(key.clone()));
                let body = Value::Object(body);
                let report =
                    validator.validate(kind.bulk_operation(), &Value::Array(vec![body.clone()]));
                if report.valid {
                    entry.action = if stored.is_some() {
                        PlanAction::Update
                    } else {
                        PlanAction::Create
                    };
                    entry.body = Some(body);
                } else {
                    entry.issues.extend(report.issues.into_iter().map(|issue| {
                        Issue {
                            path: issue
                                .path
                                .strip_prefix("/0")
                                .unwrap_or(&issue.path)
                                .to_string(),
                            ..issue
                        }
                    }));
                    conflict(
                        &mut entry,
                        ConflictReason::InvalidRecord,
                        "the body for this record is not valid; see its issues",
                    );
                }
            }
        }
        entries.push(entry);
    }
    let batches = super::batch::pack(&mut entries, options.max_body_bytes);
    let summary = summarize(&entries, remote.len(), batches.len());
    Ok(SyncPlan {
        kind,
        operation: kind.bulk_operation().key(),
        summary,
        entries,
        batches,
    })
}

/// An API-shaped record. Remote records are what the API returns, so their prices are cents;
/// `unit` says how the local records write theirs.
fn normalize(
    kind: SyncKind,
    record: &Value,
    options: &PlanOptions,
    unit: PriceUnit,
) -> Result<(Map<String, Value>, Vec<Issue>), UsageError> {
    match kind {
        SyncKind::Customers => customer_from_record(record, &options.build),
        SyncKind::Products => Ok(to_product(record, unit)),
    }
}

/// The fields to send to turn `stored` into `local`, or `None` when they match. Fields the local
/// record lacks are kept as stored: a plan never clears data.
fn changes(
    kind: SyncKind,
    stored: &Map<String, Value>,
    local: &Map<String, Value>,
) -> Result<Option<Map<String, Value>>, UsageError> {
    let keep = DiffOptions { keep_missing: true };
    match kind {
        SyncKind::Customers => {
            let diff = diff_customer(
                &Value::Object(stored.clone()),
                &Value::Object(without(local, "source_id")),
                &keep,
            )?;
            Ok(diff.body)
        }
        SyncKind::Products => {
            let mut body = Map::new();
            for field in PRODUCT_FIELDS.iter().filter(|field| **field != "metadata") {
                if let Some(wanted) = local.get(*field) {
                    if !same(stored.get(*field), Some(wanted)) {
                        body.insert((*field).to_string(), wanted.clone());
                    }
                }
            }
            if let Some(metadata) =
                diff_metadata(stored.get("metadata"), local.get("metadata"), &keep)
            {
                body.insert("metadata".into(), metadata);
            }
            Ok((!body.is_empty()).then_some(body))
        }
    }
}

fn conflict(entry: &mut PlanEntry, reason: ConflictReason, message: &str) {
    entry.action = PlanAction::Conflict;
    entry.reason = Some(reason);
    entry.message = Some(message.to_string());
    entry.body = None;
}

fn summarize(entries: &[PlanEntry], remote: usize, batches: usize) -> PlanSummary {
    let mut summary = PlanSummary {
        local: entries.len(),
        remote,
        batches,
        ..PlanSummary::default()
    };
    for entry in entries {
        match entry.action {
            PlanAction::Create => summary.create = summary.create.saturating_add(1),
            PlanAction::Update => summary.update = summary.update.saturating_add(1),
            PlanAction::Unchanged => summary.unchanged = summary.unchanged.saturating_add(1),
            PlanAction::Conflict => summary.conflict = summary.conflict.saturating_add(1),
        }
    }
    summary
}

fn without(map: &Map<String, Value>, key: &str) -> Map<String, Value> {
    let mut copy = map.clone();
    copy.remove(key);
    copy
}

fn text<'m>(map: &'m Map<String, Value>, key: &str) -> Option<&'m str> {
    map.get(key)
        .and_then(Value::as_str)
        .filter(|text| !text.trim().is_empty())
}

fn noun(kind: SyncKind) -> &'static str {
    match kind {
        SyncKind::Customers => "customer",
        SyncKind::Products => "product",
    }
}
