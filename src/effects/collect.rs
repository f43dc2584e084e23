//! Walks a request body and lists the writes its operation performs.

use serde_json::{Map, Value};

use super::{Action, Effect, MatchKey, Resource, UpsertEffects};
use crate::path::Path;
use crate::{Code, Issue, Operation, Severity};

/// Lists the writes the API performs for `body` sent to `operation`. The body is read
/// best-effort: parts of the wrong shape write nothing (validate the body for those).
pub fn upsert_effects(operation: Operation, body: &Value) -> UpsertEffects {
    let mut out = Collector::default();
    let root = Path::ROOT;
    let takes_array = matches!(
        operation,
        Operation::BulkUpdateCustomers | Operation::BulkUpdateProducts | Operation::ImportOrders
    );
    if (takes_array && !body.is_array()) || (!takes_array && !body.is_object()) {
        return out.result;
    }
    use Operation::*;
    match operation {
        CreateCustomer => out.keyed(Resource::Customer, body, &root),
        UpdateCustomer => out.by_path(Resource::Customer, &root),
        BulkUpdateCustomers => out.each(body, &root, |out, item, path| {
            out.by_source_id(Resource::Customer, item, path, Action::Upsert)
        }),
        UpdateCustomersMetadata => out.metadata_targets(Resource::Customer, body, &root),
        CreateProduct => out.keyed(Resource::Product, body, &root),
        UpdateProduct => out.by_path(Resource::Product, &root),
        BulkUpdateProducts => out.each(body, &root, |out, item, path| {
            out.by_source_id(Resource::Product, item, path, Action::Upsert)
        }),
        UpdateProductsMetadata => out.metadata_targets(Resource::Product, body, &root),
        CreateSku => out.keyed(Resource::Sku, body, &root),
        UpdateSku => out.by_path(Resource::Sku, &root),
        CreateOrder => out.order(operation, body, &root, false),
        UpdateOrder => out.order(operation, body, &root, true),
        ImportOrders => {
            out.each(body, &root, |out, order, path| {
                out.order(operation, order, path, false)
            });
            out.warn(
                Code::NoEvents,
                &root,
                "an order import fires no events or webhooks, and no order-based distributions or earning rules; only customer segments are recalculated",
            );
        }
        TrackEvent | TrackClientEvent => {
            out.customer(body.get("customer"), &root.key("customer"));
            out.create(Resource::Event, &root);
        }
        CreatePublication => {
            out.customer(body.get("customer"), &root.key("customer"));
            out.create(Resource::Publication, &root);
        }
        Redeem | RedeemClient => {
            out.customer(body.get("customer"), &root.key("customer"));
            if let Some(order) = body.get("order") {
                out.order(operation, order, &root.key("order"), false);
            }
            out.create(Resource::Redemption, &root);
        }
        Validate | ValidateClient | Qualify | QualifyClient => {
            if body.get("customer").is_some_and(Value::is_object) {
                out.warn(
                    Code::NotPersisted,
                    &root.key("customer"),
                    "a validation or qualification does not create or update the customer; the data is only used to evaluate the rules (a redemption upserts it)",
                );
            }
            if let Some(order) = body.get("order") {
                out.items(operation, order, &root.key("order"));
            }
        }
    }
    out.result
}

#[derive(Default)]
struct Collector {
    result: UpsertEffects,
}

impl Collector {
    fn push(
        &mut self,
        resource: Resource,
        action: Action,
        key: Option<MatchKey>,
        value: Option<&str>,
        path: &Path,
    ) {
        self.result.effects.push(Effect {
            resource,
            action,
            key,
            value: value.map(str::to_string),
            path: path.render(),
        });
    }

    fn warn(&mut self, code: Code, path: &Path, message: &str) {
        self.result.issues.push(Issue {
            code,
            severity: Severity::Warning,
            path: path.render(),
            message: message.to_string(),
        });
    }

    fn create(&mut self, resource: Resource, path: &Path) {
        self.push(resource, Action::Create, None, None, path);
    }

    fn by_path(&mut self, resource: Resource, path: &Path) {
        self.push(resource, Action::Update, Some(MatchKey::Path), None, path);
    }

    /// An object matched by `id` (which wins) or `source_id`, else created.
    fn keyed(&mut self, resource: Resource, value: &Value, path: &Path) {
        let Some(map) = value.as_object() else {
            return;
        };
        match (text(map, "id"), text(map, "source_id")) {
            (Some(id), _) => {
                self.push(resource, Action::Upsert, Some(MatchKey::Id), Some(id), path)
            }
            (None, Some(source_id)) => self.push(
                resource,
                Action::Upsert,
                Some(MatchKey::SourceId),
                Some(source_id),
                path,
            ),
            (None, None) => self.create(resource, path),
        }
    }

    fn by_source_id(&mut self, resource: Resource, value: &Value, path: &Path, action: Action) {
        if let Some(source_id) = value.as_object().and_then(|map| text(map, "source_id")) {
            self.push(
                resource,
                action,
                Some(MatchKey::SourceId),
                Some(source_id),
                path,
            );
        }
    }

    fn each(
        &mut self,
        body: &Value,
        path: &Path,
        mut visit: impl FnMut(&mut Collector, &Value, &Path),
    ) {
        if let Value::Array(items) = body {
            for (index, item) in items.iter().enumerate() {
                visit(self, item, &path.index(index));
            }
        }
    }

    fn metadata_targets(&mut self, resource: Resource, body: &Value, path: &Path) {
        let ids_path = path.key("source_ids");
        if let Some(Value::Array(ids)) = body.get("source_ids") {
            for (index, id) in ids.iter().enumerate() {
                if let Some(id) = id.as_str() {
                    self.push(
                        resource,
                        Action::UpsertMetadata,
                        Some(MatchKey::SourceId),
                        Some(id),
                        &ids_path.index(index),
                    );
                }
            }
        }
    }

    fn customer(&mut self, value: Option<&Value>, path: &Path) {
        if let Some(value) = value {
            self.keyed(Resource::Customer, value, path);
        }
    }

    fn order(&mut self, operation: Operation, order: &Value, path: &Path, by_path: bool) {
        let Some(map) = order.as_object() else {
            return;
        };
        if by_path {
            self.by_path(Resource::Order, path);
        } else {
            self.keyed(Resource::Order, order, path);
        }
        self.customer(map.get("customer"), &path.key("customer"));
        self.customer(map.get("referrer"), &path.key("referrer"));
        self.items(operation, order, path);
    }

    /// Products and SKUs written by `override: true` items, and warnings for product data that
    /// is only used for the calculation.
    fn items(&mut self, operation: Operation, order: &Value, path: &Path) {
        let Some(Value::Array(items)) = order.get("items") else {
            return;
        };
        let items_path = path.key("items");
        for (index, item) in items.iter().enumerate() {
            let item_path = items_path.index(index);
            for (name, resource) in [("product", Resource::Product), ("sku", Resource::Sku)] {
                let Some(data) = item.get(name).and_then(Value::as_object) else {
                    continue;
                };
                let data_path = item_path.key(name);
                let overrides = data.get("override") == Some(&Value::Bool(true));
                let carries_data = ["name", "sku", "price", "metadata"]
                    .iter()
                    .any(|key| data.contains_key(*key));
                if overrides && operation.creates_order() {
                    match (text(data, "source_id"), text(data, "id")) {
                        (Some(source_id), _) => self.push(
                            resource,
                            Action::Upsert,
                            Some(MatchKey::SourceId),
                            Some(source_id),
                            &data_path,
                        ),
                        (None, Some(id)) => self.push(
                            resource,
                            Action::Update,
                            Some(MatchKey::Id),
                            Some(id),
                            &data_path,
                        ),
                        (None, None) => {}
                    }
                } else if carries_data {
                    let message = if overrides {
                        "override only works on requests that write an order; this request uses the data for the calculation but does not store it"
                    } else {
                        "this data is used for the calculation but not stored; set override: true (on an order or redemption) to create or update it"
                    };
                    self.warn(Code::NotPersisted, &data_path, message);
                }
            }
        }
    }
}

fn text<'m>(map: &'m Map<String, Value>, key: &str) -> Option<&'m str> {
    map.get(key)
        .and_then(Value::as_str)
        .filter(|text| !text.trim().is_empty())
}
