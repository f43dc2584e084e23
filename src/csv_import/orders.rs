//! Orders from a CSV of one row per order item: rows grouped by the order's `source_id` into
//! orders, and orders packed into `POST /v1/orders/import` bodies of at most 2000.
//!
//! Rows of one order need not be adjacent. Orders stay open, in the order of their first row,
//! until more than `max_open_orders` are open; then the oldest `orders_per_body` are completed
//! and sent as one body. A row of an order already sent is an error (`csv_order_not_grouped`),
//! so memory stays bounded whatever the file's size. An order any of whose rows is invalid is
//! left out of the bodies (`csv_order_skipped`, on its first invalid row).

use std::collections::{HashMap, VecDeque};

use serde_json::{Map, Value};

use super::columns::Field;
use super::id_set::{IdSet, Seen};
use crate::{Code, Severity};

/// Most items in one order (the API's limit).
const MAX_ITEMS: usize = 500;

/// The order-level values and the item of one row.
#[derive(Debug, Default)]
pub(crate) struct OrderRow<'a> {
    /// The order's `source_id` (trimmed, not empty).
    pub(crate) source_id: &'a str,
    /// `status`, upper-cased.
    pub(crate) status: Option<String>,
    /// `customer_source_id`.
    pub(crate) customer: Option<&'a str>,
    /// Order metadata cells that are not empty.
    pub(crate) metadata: Vec<(String, Value)>,
    /// Keys of required order metadata whose cell is empty on this row.
    pub(crate) missing_required: Vec<String>,
    /// The item, when bodies are built.
    pub(crate) item: Option<Map<String, Value>>,
    /// The item's amount in cents, when known.
    pub(crate) amount: Option<i64>,
}

/// A problem found while placing a row in its order.
#[derive(Debug, PartialEq)]
pub(crate) struct OrderProblem {
    pub(crate) code: Code,
    pub(crate) field: Option<Field>,
    pub(crate) message: String,
}

#[derive(Debug)]
struct OpenOrder {
    id: String,
    first: Seen,
    status: Option<String>,
    customer: Option<String>,
    metadata: Map<String, Value>,
    items: Vec<Value>,
    item_count: usize,
    amount: Option<i64>,
    invalid: bool,
}

/// Open orders and the bodies completed so far.
pub(crate) struct OrderBook {
    build: bool,
    per_body: usize,
    max_open: usize,
    open: VecDeque<OpenOrder>,
    first_index: u64,
    index: HashMap<String, u64>,
    closed: IdSet,
    bodies: Vec<Vec<u8>>,
}

impl OrderBook {
    /// A book building bodies when `build`, with `per_body` orders per body and at most
    /// `max_open` open orders.
    pub(crate) fn new(build: bool, per_body: usize, max_open: usize) -> Self {
        OrderBook {
            build,
            per_body,
            max_open,
            open: VecDeque::new(),
            first_index: 0,
            index: HashMap::new(),
            closed: IdSet::default(),
            bodies: Vec::new(),
        }
    }

    /// Places a row in its order. `row_invalid` says whether the row already has errors; the
    /// problems returned are errors of the row too.
    pub(crate) fn place(
        &mut self,
        row: OrderRow<'_>,
        seen: Seen,
        row_invalid: bool,
    ) -> Vec<OrderProblem> {
        let mut problems = Vec::new();
        if let Some(first) = self.closed.get(row.source_id.as_bytes()) {
            problems.push(OrderProblem {
                code: Code::CsvOrderNotGrouped,
                field: Some(Field::SourceId),
                message: format!(
                    "order {} (first at row {}, line {}) was already completed and sent before this row; keep the rows of one order within {} orders of each other",
                    row.source_id, first.row, first.line, self.max_open
                ),
            });
            return problems;
        }
        let position = self
            .index
            .get(row.source_id)
            .and_then(|&n| n.checked_sub(self.first_index))
            .and_then(|n| usize::try_from(n).ok());
        let is_new = position.is_none();
        if is_new {
            for key in &row.missing_required {
                problems.push(OrderProblem {
                    code: Code::MetadataMissingRequired,
                    field: Some(Field::Metadata(key.clone())),
                    message: format!(
                        "{key}: property is required by the order metadata schema, and the first row of the order leaves it empty"
                    ),
                });
            }
            let order = OpenOrder {
                id: row.source_id.to_string(),
                first: seen,
                status: None,
                customer: None,
                metadata: Map::new(),
                items: Vec::new(),
                item_count: 0,
                amount: Some(0),
                invalid: false,
            };
            let next = self.first_index.saturating_add(self.open.len() as u64);
            self.index.insert(order.id.clone(), next);
            self.open.push_back(order);
        }
        let Some(order) = (match position {
            Some(at) => self.open.get_mut(at),
            None => self.open.back_mut(),
        }) else {
            return problems;
        };
        merge(order, &row, &mut problems);
        if order.item_count >= MAX_ITEMS {
            problems.push(OrderProblem {
                code: Code::TooMany,
                field: None,
                message: format!(
                    "order {} already has {MAX_ITEMS} items, the most an order holds",
                    order.id
                ),
            });
        }
        if row_invalid || !problems.is_empty() {
            if !order.invalid {
                order.invalid = true;
                problems.push(OrderProblem {
                    code: Code::CsvOrderSkipped,
                    field: None,
                    message: format!(
                        "order {} is left out of the import bodies because this row is invalid",
                        order.id
                    ),
                });
            }
        } else {
            order.item_count = order.item_count.saturating_add(1);
            order.amount = match (order.amount, row.amount) {
                (Some(sum), Some(amount)) => sum.checked_add(amount),
                _ => None,
            };
            if let Some(item) = row.item {
                order.items.push(Value::Object(item));
            }
        }
        if self.open.len() > self.max_open {
            self.send(self.per_body);
        }
        problems
    }

    /// Completes every open order.
    pub(crate) fn finish(&mut self) {
        while !self.open.is_empty() {
            self.send(self.per_body);
        }
    }

    /// Drains the bodies completed so far, as JSON bytes.
    pub(crate) fn take_bodies(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.bodies)
    }

    fn send(&mut self, count: usize) {
        let mut body = Vec::new();
        for _ in 0..count {
            let Some(order) = self.open.pop_front() else {
                break;
            };
            self.first_index = self.first_index.saturating_add(1);
            self.index.remove(&order.id);
            self.closed.insert(order.id.as_bytes(), order.first);
            if self.build && !order.invalid && order.item_count > 0 {
                body.push(to_json(order));
            }
        }
        if !body.is_empty() {
            let bytes = serde_json::to_vec(&Value::Array(body)).unwrap_or_default();
            self.bodies.push(bytes);
        }
    }
}

/// Takes the row's order-level values into the order; a value that differs from the one an
/// earlier row gave is a conflict.
fn merge(order: &mut OpenOrder, row: &OrderRow<'_>, problems: &mut Vec<OrderProblem>) {
    let first_row = order.first.row;
    let id = row.source_id;
    let mut conflict = |field: Field, name: &str, was: &str, now: &str| {
        problems.push(OrderProblem {
            code: Code::CsvOrderConflict,
            field: Some(field),
            message: format!(
                "{name} is {now:?} here, but an earlier row of order {id} (row {first_row}) says {was:?}"
            ),
        });
    };
    match (&order.status, &row.status) {
        (Some(was), Some(now)) if was != now => conflict(Field::Status, "status", was, now),
        (None, Some(now)) => order.status = Some(now.clone()),
        _ => {}
    }
    match (&order.customer, row.customer) {
        (Some(was), Some(now)) if was != now => {
            conflict(Field::CustomerSourceId, "customer_source_id", was, now);
        }
        (None, Some(now)) => order.customer = Some(now.to_string()),
        _ => {}
    }
    for (key, value) in &row.metadata {
        match order.metadata.get(key) {
            Some(was) if was != value => conflict(
                Field::Metadata(key.clone()),
                &format!("metadata {key}"),
                &super::metadata_cells::canonical_text(was),
                &super::metadata_cells::canonical_text(value),
            ),
            Some(_) => {}
            None => {
                order.metadata.insert(key.clone(), value.clone());
            }
        }
    }
}

fn to_json(order: OpenOrder) -> Value {
    let mut map = Map::new();
    map.insert(String::from("source_id"), Value::String(order.id));
    if let Some(status) = order.status {
        map.insert(String::from("status"), Value::String(status));
    }
    if let Some(customer) = order.customer {
        let mut reference = Map::new();
        reference.insert(String::from("source_id"), Value::String(customer));
        map.insert(String::from("customer"), Value::Object(reference));
    }
    if let Some(amount) = order.amount {
        map.insert(String::from("amount"), Value::from(amount));
    }
    if !order.metadata.is_empty() {
        map.insert(String::from("metadata"), Value::Object(order.metadata));
    }
    map.insert(String::from("items"), Value::Array(order.items));
    Value::Object(map)
}

/// The severity of every order problem.
pub(crate) const SEVERITY: Severity = Severity::Error;

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, amount: i64) -> OrderRow<'_> {
        let mut item = Map::new();
        item.insert("product_id".into(), Value::from("prod_1"));
        OrderRow {
            source_id: id,
            item: Some(item),
            amount: Some(amount),
            ..OrderRow::default()
        }
    }

    fn seen(row: u64) -> Seen {
        Seen { row, line: row + 1 }
    }

    #[test]
    fn groups_rows_that_are_not_adjacent() {
        let mut book = OrderBook::new(true, 2, 3);
        assert!(book.place(row("a", 100), seen(1), false).is_empty());
        assert!(book.place(row("b", 5), seen(2), false).is_empty());
        assert!(book.place(row("a", 200), seen(3), false).is_empty());
        book.finish();
        let bodies = book.take_bodies();
        assert_eq!(bodies.len(), 1);
        let body: Value = serde_json::from_slice(&bodies[0]).unwrap();
        assert_eq!(body[0]["source_id"], "a");
        assert_eq!(body[0]["amount"], 300);
        assert_eq!(body[0]["items"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn refuses_a_row_of_an_order_already_sent() {
        let mut book = OrderBook::new(true, 1, 1);
        book.place(row("a", 1), seen(1), false);
        book.place(row("b", 1), seen(2), false);
        let problems = book.place(row("a", 1), seen(3), false);
        assert_eq!(problems[0].code, Code::CsvOrderNotGrouped);
    }

    #[test]
    fn leaves_out_orders_with_an_invalid_row() {
        let mut book = OrderBook::new(true, 10, 10);
        book.place(row("a", 1), seen(1), false);
        let problems = book.place(row("a", 1), seen(2), true);
        assert_eq!(problems[0].code, Code::CsvOrderSkipped);
        book.finish();
        assert!(book.take_bodies().is_empty());
    }
}
