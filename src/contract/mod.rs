//! The per-operation rules of the API contract: which checks apply to which request body.

mod collection;
mod customer;
mod event;
mod fields;
mod order;
mod product;
mod publication;
mod qualification;
mod qualification_filters;
mod sku;
mod stackable;

pub(crate) use stackable::MAX_REDEEMABLES;

use crate::json_tree::Json;

use crate::checker::Checker;
use crate::path::Path;
use crate::{Code, Operation};

/// Checks `body` as the request body of `ck.operation`.
pub(crate) fn check_body(ck: &mut Checker, body: &Json) {
    let root = Path::ROOT;
    let import_max = Some(ck.options.limits.max_import_orders);
    match ck.operation {
        Operation::CreateCustomer => customer::check_create(ck, body, &root),
        Operation::UpdateCustomer => customer::check_update(ck, body, &root),
        Operation::BulkUpdateCustomers => {
            collection::check_records(ck, body, &root, "customer", None, customer::check_bulk_item)
        }
        Operation::UpdateCustomersMetadata => collection::check_customers_metadata(ck, body, &root),
        Operation::CreateProduct => product::check_create(ck, body, &root),
        Operation::UpdateProduct => product::check_update(ck, body, &root),
        Operation::BulkUpdateProducts => {
            collection::check_records(ck, body, &root, "product", None, product::check_bulk_item)
        }
        Operation::UpdateProductsMetadata => collection::check_products_metadata(ck, body, &root),
        Operation::CreateSku => sku::check_create(ck, body, &root),
        Operation::UpdateSku => sku::check_update(ck, body, &root),
        Operation::CreateOrder => order::check_create(ck, body, &root),
        Operation::UpdateOrder => order::check_update(ck, body, &root),
        Operation::ImportOrders => collection::check_records(
            ck,
            body,
            &root,
            "order",
            import_max,
            order::check_import_item,
        ),
        Operation::TrackEvent | Operation::TrackClientEvent => event::check_event(ck, body, &root),
        Operation::CreatePublication => publication::check_publication(ck, body, &root),
        Operation::Validate
        | Operation::ValidateClient
        | Operation::Redeem
        | Operation::RedeemClient => stackable::check_stackable(ck, body, &root),
        Operation::Qualify | Operation::QualifyClient => {
            qualification::check_qualification(ck, body, &root)
        }
    }
}

/// Checks the size of a body against the API's limit for bulk bodies.
pub(crate) fn check_body_size(ck: &mut Checker, byte_len: usize) {
    let limited = has_size_limit(ck.operation);
    let max = ck.options.limits.max_bulk_body_bytes;
    if limited && byte_len > max {
        ck.error(
            Code::TooLarge,
            &Path::ROOT,
            format!(
                "the body is {byte_len} bytes, over the API's limit of {max} bytes for {}; split it into several requests",
                ck.operation.key()
            ),
        );
    }
}

/// Whether the operation's bodies are subject to the bulk size limit.
pub(crate) fn has_size_limit(operation: Operation) -> bool {
    matches!(
        operation,
        Operation::BulkUpdateCustomers
            | Operation::UpdateCustomersMetadata
            | Operation::BulkUpdateProducts
            | Operation::UpdateProductsMetadata
    )
}
