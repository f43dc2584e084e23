//! Sync planning: buckets, conflicts, bulk bodies under the limit, and re-planning after the
//! plan is applied.

use std::collections::HashMap;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use voucherify_sync::{
    plan_sync, ConflictReason, PlanAction, PlanOptions, SyncKind, SyncPlan, Validator,
};

fn plan(kind: SyncKind, local: Value, remote: Value) -> SyncPlan {
    plan_with(kind, local, remote, json!({}))
}

fn plan_with(kind: SyncKind, local: Value, remote: Value, options: Value) -> SyncPlan {
    let options = PlanOptions::from_json(&options).unwrap();
    plan_sync(
        kind,
        local.as_array().unwrap(),
        remote.as_array().unwrap(),
        &options,
    )
    .unwrap()
}

fn actions(plan: &SyncPlan) -> Vec<(usize, PlanAction, Option<ConflictReason>)> {
    plan.entries
        .iter()
        .map(|e| (e.index, e.action, e.reason))
        .collect()
}

/// Applies the bulk bodies the way `POST /v1/customers/bulk/async` does: upsert by source_id,
/// fields sent replace, metadata and address merge key by key with null removing a key.
fn apply(remote: &[Value], plan: &SyncPlan) -> Vec<Value> {
    let mut records: Vec<Map<String, Value>> = remote
        .iter()
        .map(|r| r.as_object().unwrap().clone())
        .collect();
    let mut index: HashMap<String, usize> = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((r.get("source_id")?.as_str()?.to_string(), i)))
        .collect();
    for batch in &plan.batches {
        for body in batch.as_array().unwrap() {
            let body = body.as_object().unwrap();
            let key = body["source_id"].as_str().unwrap().to_string();
            let slot = *index.entry(key).or_insert_with(|| {
                records.push(Map::new());
                records.len() - 1
            });
            let record = &mut records[slot];
            for (field, value) in body {
                match (field.as_str(), value) {
                    ("metadata" | "address", Value::Object(changes)) => {
                        let mut merged = record
                            .get(field)
                            .and_then(Value::as_object)
                            .cloned()
                            .unwrap_or_default();
                        for (k, v) in changes {
                            if v.is_null() {
                                merged.remove(k);
                            } else {
                                merged.insert(k.clone(), v.clone());
                            }
                        }
                        record.insert(field.clone(), Value::Object(merged));
                    }
                    (_, Value::Null) => {
                        record.remove(field);
                    }
                    _ => {
                        record.insert(field.clone(), value.clone());
                    }
                }
            }
        }
    }
    records.into_iter().map(Value::Object).collect()
}

#[test]
fn assigns_every_customer_to_one_bucket() {
    let remote = json!([
        {"id": "cust_1", "object": "customer", "source_id": "c1", "name": "Ann", "email": "ann@x.io", "created_at": "2024-01-01T00:00:00Z"},
        {"id": "cust_2", "source_id": "c2", "name": "Bob", "metadata": {"tier": "silver"}},
        {"id": "cust_9", "source_id": "c9", "name": "Zed"}
    ]);
    let local = json!([
        {"source_id": "c1", "name": "Ann", "email": "ann@x.io"},
        {"source_id": "c2", "name": "Bob", "metadata": {"tier": "gold"}},
        {"Source_id": "c3", "Name": "Cat", "Email": "Cat@Example.com"},
        {"name": "No Key"},
        {"source_id": "c4", "name": "Dup 1"},
        {"source_id": "c4", "name": "Dup 2"},
        {"source_id": "c5", "birthdate": "1990-02-30"},
        {"id": "cust_9", "source_id": "c10", "name": "Zed"}
    ]);
    let plan = plan(SyncKind::Customers, local, remote);
    assert_eq!(
        actions(&plan),
        vec![
            (0, PlanAction::Unchanged, None),
            (1, PlanAction::Update, None),
            (2, PlanAction::Create, None),
            (3, PlanAction::Conflict, Some(ConflictReason::MissingKey)),
            (4, PlanAction::Conflict, Some(ConflictReason::DuplicateKey)),
            (5, PlanAction::Conflict, Some(ConflictReason::DuplicateKey)),
            (6, PlanAction::Conflict, Some(ConflictReason::InvalidRecord)),
            (
                7,
                PlanAction::Conflict,
                Some(ConflictReason::ImmutableSourceId)
            ),
        ]
    );
    assert_eq!(
        plan.entries[1].body,
        Some(json!({"source_id": "c2", "metadata": {"tier": "gold"}}))
    );
    assert_eq!(
        plan.entries[2].body,
        Some(json!({"source_id": "c3", "name": "Cat", "email": "Cat@example.com"}))
    );
    assert_eq!(plan.entries[6].issues[0].path, "/birthdate");
    let s = &plan.summary;
    assert_eq!(
        (
            s.local,
            s.remote,
            s.create,
            s.update,
            s.unchanged,
            s.conflict,
            s.batches
        ),
        (8, 3, 1, 1, 1, 5, 1)
    );
    assert_eq!(
        plan.batches,
        vec![json!([plan.entries[1].body, plan.entries[2].body])]
    );
}

#[test]
fn never_clears_fields_the_local_record_lacks() {
    let remote = json!([{"source_id": "c1", "name": "Ann", "phone": "+4712345678", "address": {"city": "Oslo", "line_1": "Gate 1"}}]);
    let local = json!([{"source_id": "c1", "name": "Ann", "address": {"city": "Bergen"}}]);
    let plan = plan(SyncKind::Customers, local, remote);
    assert_eq!(
        plan.entries[0].body,
        Some(json!({"source_id": "c1", "address": {"city": "Bergen", "line_1": "Gate 1"}}))
    );
}

#[test]
fn an_empty_cell_of_an_api_shaped_record_is_no_change() {
    // A CSV whose header names only API fields gives `""` for an empty cell; like the builder,
    // the plan reads it as "no value", not as "set the field to an empty string".
    let remote = json!([{"source_id": "c1", "name": "Ann", "address": {"city": "Oslo"}}]);
    let local = json!([{"source_id": "c1", "name": "Ann", "email": "", "phone": "  "}]);
    let plan = plan(SyncKind::Customers, local, remote);
    assert_eq!(actions(&plan), vec![(0, PlanAction::Unchanged, None)]);
}

#[test]
fn packs_bulk_bodies_under_the_size_limit() {
    let local: Vec<Value> = (0..400)
        .map(|i| json!({"source_id": format!("c{i:04}"), "name": format!("Customer {i}"), "description": "x".repeat(100)}))
        .collect();
    let plan = plan_with(
        SyncKind::Customers,
        json!(local),
        json!([]),
        json!({"maxBodyBytes": 8192}),
    );
    assert_eq!(plan.summary.create, 400);
    assert!(plan.batches.len() > 5);
    let validator = Validator::default();
    let mut sent = 0;
    for batch in &plan.batches {
        let bytes = serde_json::to_vec(batch).unwrap();
        assert!(bytes.len() <= 8192, "{} bytes", bytes.len());
        let report = validator.validate_bytes(SyncKind::Customers.bulk_operation(), &bytes);
        assert!(report.valid, "{:?}", report.issues);
        sent += batch.as_array().unwrap().len();
    }
    assert_eq!(sent, 400);
}

#[test]
fn a_record_larger_than_a_body_is_a_conflict() {
    let local =
        json!([{"source_id": "big", "description": "x".repeat(5000)}, {"source_id": "small"}]);
    let plan = plan_with(
        SyncKind::Customers,
        local,
        json!([]),
        json!({"maxBodyBytes": 2048}),
    );
    assert_eq!(plan.entries[0].reason, Some(ConflictReason::TooLarge));
    assert_eq!(plan.entries[1].action, PlanAction::Create);
    assert_eq!(plan.summary.batches, 1);
}

#[test]
fn plans_products_with_prices_in_cents_or_units() {
    let remote = json!({"object": "list", "products": [{"id": "prod_1", "source_id": "p1", "name": "Tee", "price": 2100, "attributes": ["color"], "metadata": {}}]});
    let remote = voucherify_sync::list_items(&remote).unwrap().clone();
    let local = json!([
        {"source_id": "p1", "name": "Tee", "price": "21", "attributes": "color,size", "Fashion": "slim"},
        {"source_id": "p2", "name": "Cap", "price": "14.5"},
        {"source_id": "p3", "name": "Bad", "price": "14.555"}
    ]);
    let plan = plan_with(
        SyncKind::Products,
        local,
        json!(remote),
        json!({"priceUnit": "units"}),
    );
    assert_eq!(
        actions(&plan),
        vec![
            (0, PlanAction::Update, None),
            (1, PlanAction::Create, None),
            (2, PlanAction::Conflict, Some(ConflictReason::InvalidRecord)),
        ]
    );
    assert_eq!(
        plan.entries[0].body,
        Some(
            json!({"source_id": "p1", "attributes": ["color", "size"], "metadata": {"Fashion": "slim"}})
        )
    );
    assert_eq!(
        plan.entries[1].body,
        Some(json!({"source_id": "p2", "name": "Cap", "price": 1450}))
    );
}

#[test]
fn refuses_bad_options() {
    for options in [
        json!({"maxBodyBytes": 20000000}),
        json!({"priceUnit": "euros"}),
        json!({"keep": true}),
    ] {
        assert!(PlanOptions::from_json(&options).is_err(), "{options}");
    }
}

fn customer_record() -> impl Strategy<Value = Value> {
    (
        0u8..12,
        prop::option::of(prop::sample::select(vec!["Ann", "Bob", "Cat"])),
        prop::option::of(prop::sample::select(vec!["a@x.io", "b@y.io"])),
        prop::option::of(prop::sample::select(vec!["Oslo", "Rome"])),
        prop::option::of(prop::collection::btree_map(
            prop::sample::select(vec!["k1", "k2"]),
            0i64..3,
            0..3,
        )),
    )
        .prop_map(|(key, name, email, city, metadata)| {
            let mut record = Map::new();
            record.insert("source_id".into(), json!(format!("c{key}")));
            if let Some(name) = name {
                record.insert("name".into(), json!(name));
            }
            if let Some(email) = email {
                record.insert("email".into(), json!(email));
            }
            if let Some(city) = city {
                record.insert("address".into(), json!({"city": city}));
            }
            if let Some(metadata) = metadata {
                record.insert("metadata".into(), json!(metadata));
            }
            Value::Object(record)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replanning_after_applying_the_plan_changes_nothing(
        local in prop::collection::vec(customer_record(), 0..20),
        remote in prop::collection::vec(customer_record(), 0..20),
    ) {
        let mut seen = std::collections::HashSet::new();
        let remote: Vec<Value> = remote.into_iter().filter(|r| seen.insert(r["source_id"].clone())).collect();
        let first = plan_sync(SyncKind::Customers, &local, &remote, &PlanOptions::default()).unwrap();
        prop_assert_eq!(first.entries.len(), local.len());
        let buckets = first.summary.create + first.summary.update + first.summary.unchanged + first.summary.conflict;
        prop_assert_eq!(buckets, local.len());
        let applied = apply(&remote, &first);
        let second = plan_sync(SyncKind::Customers, &local, &applied, &PlanOptions::default()).unwrap();
        for entry in &second.entries {
            prop_assert!(
                matches!(entry.action, PlanAction::Unchanged | PlanAction::Conflict),
                "{:?}", entry
            );
        }
        prop_assert_eq!(second.summary.conflict, first.summary.conflict);
    }
}
