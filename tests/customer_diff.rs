//! The minimal customer update: unit cases and a property over random stored/local pairs.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use voucherify_sync::{diff_customer, DiffOptions, Operation, UsageCode, Validator};

fn diff(stored: Value, local: Value) -> voucherify_sync::CustomerDiff {
    diff_customer(&stored, &local, &DiffOptions::default()).unwrap()
}

#[test]
fn returns_null_when_nothing_changed() {
    let stored = json!({"id": "cust_1", "object": "customer", "source_id": "c1", "name": "Ann", "email": "a@b.io",
                        "address": {"city": "Oslo", "state": null, "line_1": null, "line_2": null, "country": null, "postal_code": null},
                        "metadata": {"tier": "gold", "points": 10}, "summary": {}, "created_at": "2020-01-01T00:00:00Z"});
    let local = json!({"source_id": "c1", "name": "Ann", "email": "a@b.io", "address": {"city": "Oslo"}, "metadata": {"tier": "gold", "points": 10.0}});
    let result = diff(stored, local);
    assert_eq!(result.body, None);
    assert!(result.valid && result.issues.is_empty());
}

#[test]
fn sends_only_the_changed_fields() {
    let stored = json!({"source_id": "c1", "name": "Ann", "email": "a@b.io", "phone": "1"});
    let local = json!({"source_id": "c1", "name": "Anna", "email": "a@b.io", "phone": "1"});
    assert_eq!(
        Value::Object(diff(stored, local).body.unwrap()),
        json!({"name": "Anna"})
    );
}

#[test]
fn clears_fields_the_local_customer_lacks_unless_asked_to_keep_them() {
    let stored =
        json!({"source_id": "c1", "name": "Ann", "phone": "1", "metadata": {"a": 1, "b": 2}});
    let local = json!({"source_id": "c1", "name": "Ann", "metadata": {"a": 1}});
    assert_eq!(
        Value::Object(diff(stored.clone(), local.clone()).body.unwrap()),
        json!({"phone": null, "metadata": {"b": null}})
    );
    let kept = diff_customer(&stored, &local, &DiffOptions { keep_missing: true }).unwrap();
    assert_eq!(kept.body, None);
}

#[test]
fn merges_metadata_key_by_key() {
    let stored = json!({"metadata": {"a": 1, "b": [1, 2], "c": {"x": 1}}});
    let local = json!({"metadata": {"a": 1, "b": [1, 3], "c": {"x": 1}, "d": true}});
    assert_eq!(
        Value::Object(diff(stored, local).body.unwrap()),
        json!({"metadata": {"b": [1, 3], "d": true}})
    );
}

#[test]
fn sends_the_whole_address_when_any_part_changed() {
    let stored = json!({"address": {"city": "Oslo", "line_1": "Street 1", "postal_code": "0150"}});
    let local = json!({"address": {"city": "Bergen", "line_1": "Street 1"}});
    assert_eq!(
        Value::Object(diff(stored, local).body.unwrap()),
        json!({"address": {"city": "Bergen", "line_1": "Street 1", "postal_code": null}})
    );
}

#[test]
fn reads_the_deprecated_birthday() {
    let stored = json!({"birthday": "1990-01-01"});
    assert_eq!(
        diff(stored.clone(), json!({"birthdate": "1990-01-01"})).body,
        None
    );
    assert_eq!(
        Value::Object(
            diff(stored, json!({"birthdate": "1990-01-02"}))
                .body
                .unwrap()
        ),
        json!({"birthdate": "1990-01-02"})
    );
}

#[test]
fn rejects_a_source_id_change() {
    let result = diff(
        json!({"source_id": "old", "name": "A"}),
        json!({"source_id": "new", "name": "B"}),
    );
    assert!(!result.valid);
    assert_eq!(result.issues.len(), 1);
    assert_eq!(result.issues[0].code.as_str(), "immutable_field");
    assert_eq!(result.issues[0].path, "/source_id");
    assert!(result.issues[0]
        .message
        .contains("delete the customer and create it again"));
    assert_eq!(Value::Object(result.body.unwrap()), json!({"name": "B"}));
    let result = diff(json!({"source_id": null}), json!({"source_id": "new"}));
    assert_eq!(result.issues[0].code.as_str(), "immutable_field");
}

#[test]
fn refuses_arguments_that_are_not_objects() {
    let error = diff_customer(&json!([]), &json!({}), &DiffOptions::default()).unwrap_err();
    assert_eq!(error.code, UsageCode::InvalidArgument);
    let error = diff_customer(&json!({}), &json!("x"), &DiffOptions::default()).unwrap_err();
    assert_eq!(error.code, UsageCode::InvalidArgument);
}

/// The API's PUT: top-level fields replace, `null` removes; `address` and `metadata` merge key
/// by key with `null` removing a key.
fn apply_put(stored: &Map<String, Value>, body: &Map<String, Value>) -> Map<String, Value> {
    let mut result = stored.clone();
    for (key, value) in body {
        match (key.as_str(), value) {
            (_, Value::Null) => {
                result.remove(key);
            }
            ("metadata" | "address", Value::Object(changes)) => {
                let mut merged = result
                    .get(key)
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
                result.insert(key.clone(), Value::Object(merged));
            }
            _ => {
                result.insert(key.clone(), value.clone());
            }
        }
    }
    result
}

/// The managed part of a customer, with empty objects and nulls dropped, for comparison.
fn managed(customer: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for key in ["name", "description", "email", "phone", "birthdate"] {
        if let Some(value) = customer.get(key).filter(|v| !v.is_null()) {
            out.insert(key.into(), value.clone());
        }
    }
    for key in ["address", "metadata"] {
        if let Some(Value::Object(map)) = customer.get(key) {
            let kept: Map<String, Value> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if !kept.is_empty() {
                out.insert(key.into(), Value::Object(kept));
            }
        }
    }
    out
}

/// The full PUT body that replaces every managed field, key by key: what a sync without a diff
/// would send.
fn full_replacement(stored: &Map<String, Value>, local: &Map<String, Value>) -> Map<String, Value> {
    let (stored, local) = (managed(stored), managed(local));
    let mut body = Map::new();
    for key in [
        "name",
        "description",
        "email",
        "phone",
        "birthdate",
        "address",
        "metadata",
    ] {
        match (stored.get(key), local.get(key)) {
            (_, Some(Value::Object(wanted))) => {
                let mut object = wanted.clone();
                if let Some(Value::Object(current)) = stored.get(key) {
                    for old in current.keys().filter(|k| !wanted.contains_key(*k)) {
                        object.insert(old.clone(), Value::Null);
                    }
                }
                body.insert(key.into(), Value::Object(object));
            }
            (_, Some(value)) => {
                body.insert(key.into(), value.clone());
            }
            (Some(Value::Object(current)), None) => {
                let cleared = current.keys().map(|k| (k.clone(), Value::Null)).collect();
                body.insert(key.into(), Value::Object(cleared));
            }
            (Some(_), None) => {
                body.insert(key.into(), Value::Null);
            }
            (None, None) => {}
        }
    }
    body
}

fn text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        prop::sample::select(vec!["a", "b", "Ann", "1990-01-01", "x@y.io", ""])
            .prop_map(str::to_string),
    )
}

fn metadata_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0i64..5).prop_map(|n| json!(n)),
        prop::sample::select(vec!["x", "y"]).prop_map(|s| json!(s)),
        prop::collection::vec(0i64..3, 0..3).prop_map(|v| json!(v)),
    ]
}

fn customer() -> impl Strategy<Value = Value> {
    (
        text(),
        text(),
        text(),
        prop::option::of(prop::collection::btree_map(
            prop::sample::select(vec!["city", "line_1", "postal_code"]),
            text(),
            0..3,
        )),
        prop::option::of(prop::collection::btree_map(
            prop::sample::select(vec!["k1", "k2", "k3", "k4"]),
            metadata_value(),
            0..4,
        )),
    )
        .prop_map(|(name, email, phone, address, metadata)| {
            let mut map = Map::new();
            map.insert("source_id".into(), json!("c1"));
            for (key, value) in [("name", name), ("email", email), ("phone", phone)] {
                if let Some(value) = value {
                    map.insert(key.into(), json!(value));
                }
            }
            if let Some(address) = address {
                let address: Map<String, Value> = address
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k.to_string(), json!(v))))
                    .collect();
                map.insert("address".into(), Value::Object(address));
            }
            if let Some(metadata) = metadata {
                map.insert(
                    "metadata".into(),
                    Value::Object(
                        metadata
                            .into_iter()
                            .map(|(k, v)| (k.to_string(), v))
                            .collect(),
                    ),
                );
            }
            Value::Object(map)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn applying_the_diff_gives_the_local_customer(stored in customer(), local in customer()) {
        let result = diff_customer(&stored, &local, &DiffOptions::default()).unwrap();
        prop_assert!(result.valid);
        let stored_map = stored.as_object().unwrap();
        let local_map = local.as_object().unwrap();
        let body = result.body.clone().unwrap_or_default();
        prop_assert_eq!(managed(&apply_put(stored_map, &body)), managed(local_map));
        let full = full_replacement(stored_map, local_map);
        prop_assert_eq!(managed(&apply_put(stored_map, &full)), managed(local_map));
        prop_assert!(serde_json::to_string(&body).unwrap().len() <= serde_json::to_string(&full).unwrap().len());
        if managed(stored_map) == managed(local_map) {
            prop_assert!(result.body.is_none());
        }
        if let Some(body) = result.body {
            let report = Validator::default().validate(Operation::UpdateCustomer, &Value::Object(body));
            prop_assert!(report.valid, "{:?}", report.issues);
        }
    }
}
