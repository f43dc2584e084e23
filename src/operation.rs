//! The API operations this library validates, keyed by their method and path.

use crate::{UsageCode, UsageError};

/// An API operation whose request body can be validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `POST /v1/customers`: create or upsert a customer.
    CreateCustomer,
    /// `PUT /v1/customers/{customerId}`: change the fields sent.
    UpdateCustomer,
    /// `POST /v1/customers/bulk/async`: upsert customers by `source_id`.
    BulkUpdateCustomers,
    /// `POST /v1/customers/metadata/async`: set metadata on many customers.
    UpdateCustomersMetadata,
    /// `POST /v1/products`: create or upsert a product.
    CreateProduct,
    /// `PUT /v1/products/{productId}`: change the fields sent.
    UpdateProduct,
    /// `POST /v1/products/bulk/async`: upsert products by `source_id`.
    BulkUpdateProducts,
    /// `POST /v1/products/metadata/async`: set metadata on many products.
    UpdateProductsMetadata,
    /// `POST /v1/products/{productId}/skus`: create or upsert a SKU.
    CreateSku,
    /// `PUT /v1/products/{productId}/skus/{skuId}`: change the fields sent.
    UpdateSku,
    /// `POST /v1/orders`: create or upsert an order.
    CreateOrder,
    /// `PUT /v1/orders/{orderId}`: change the fields sent.
    UpdateOrder,
    /// `POST /v1/orders/import`: import historical orders.
    ImportOrders,
    /// `POST /v1/events`: track a custom event.
    TrackEvent,
    /// `POST /client/v1/events`: track a custom event from a client.
    TrackClientEvent,
    /// `POST /v1/publications`: publish a voucher to a customer.
    CreatePublication,
    /// `POST /v1/validations`: validate stacked redeemables.
    Validate,
    /// `POST /v1/redemptions`: redeem stacked redeemables.
    Redeem,
    /// `POST /v1/qualifications`: list the redeemables a customer or order qualifies for.
    Qualify,
    /// `POST /client/v1/validations`: validate stacked redeemables from a client application.
    ValidateClient,
    /// `POST /client/v1/redemptions`: redeem stacked redeemables from a client application.
    RedeemClient,
    /// `POST /client/v1/qualifications`: qualifications from a client application.
    QualifyClient,
}

/// Every operation, in documentation order.
const ALL_OPERATIONS: &[Operation] = &[
    Operation::CreateCustomer,
    Operation::UpdateCustomer,
    Operation::BulkUpdateCustomers,
    Operation::UpdateCustomersMetadata,
    Operation::CreateProduct,
    Operation::UpdateProduct,
    Operation::BulkUpdateProducts,
    Operation::UpdateProductsMetadata,
    Operation::CreateSku,
    Operation::UpdateSku,
    Operation::CreateOrder,
    Operation::UpdateOrder,
    Operation::ImportOrders,
    Operation::TrackEvent,
    Operation::TrackClientEvent,
    Operation::CreatePublication,
    Operation::Validate,
    Operation::Redeem,
    Operation::Qualify,
    Operation::ValidateClient,
    Operation::RedeemClient,
    Operation::QualifyClient,
];

impl Operation {
    /// Every operation, in documentation order.
    pub const ALL: &'static [Operation] = ALL_OPERATIONS;

    /// The HTTP method and path template, e.g. `"PUT /v1/customers/{customerId}"`.
    pub fn key(self) -> &'static str {
        match self {
            Operation::CreateCustomer => "POST /v1/customers",
            Operation::UpdateCustomer => "PUT /v1/customers/{customerId}",
            Operation::BulkUpdateCustomers => "POST /v1/customers/bulk/async",
            Operation::UpdateCustomersMetadata => "POST /v1/customers/metadata/async",
            Operation::CreateProduct => "POST /v1/products",
            Operation::UpdateProduct => "PUT /v1/products/{productId}",
            Operation::BulkUpdateProducts => "POST /v1/products/bulk/async",
            Operation::UpdateProductsMetadata => "POST /v1/products/metadata/async",
            Operation::CreateSku => "POST /v1/products/{productId}/skus",
            Operation::UpdateSku => "PUT /v1/products/{productId}/skus/{skuId}",
            Operation::CreateOrder => "POST /v1/orders",
            Operation::UpdateOrder => "PUT /v1/orders/{orderId}",
            Operation::ImportOrders => "POST /v1/orders/import",
            Operation::TrackEvent => "POST /v1/events",
            Operation::TrackClientEvent => "POST /client/v1/events",
            Operation::CreatePublication => "POST /v1/publications",
            Operation::Validate => "POST /v1/validations",
            Operation::Redeem => "POST /v1/redemptions",
            Operation::Qualify => "POST /v1/qualifications",
            Operation::ValidateClient => "POST /client/v1/validations",
            Operation::RedeemClient => "POST /client/v1/redemptions",
            Operation::QualifyClient => "POST /client/v1/qualifications",
        }
    }

    /// A one-line description of what the operation does.
    pub fn summary(self) -> &'static str {
        match self {
            Operation::CreateCustomer => {
                "create a customer, or update the one with the same id or source_id"
            }
            Operation::UpdateCustomer => {
                "update the fields sent of one customer; source_id cannot change"
            }
            Operation::BulkUpdateCustomers => {
                "upsert up to 10 MB of customers by source_id, asynchronously"
            }
            Operation::UpdateCustomersMetadata => {
                "set the same metadata on customers listed by source_id"
            }
            Operation::CreateProduct => {
                "create a product, or update the one with the same id or source_id"
            }
            Operation::UpdateProduct => "update the fields sent of one product",
            Operation::BulkUpdateProducts => {
                "upsert up to 10 MB of products by source_id, asynchronously"
            }
            Operation::UpdateProductsMetadata => {
                "set the same metadata on products listed by source_id"
            }
            Operation::CreateSku => {
                "create a SKU of a product, or update the one with the same id or source_id"
            }
            Operation::UpdateSku => "update the fields sent of one SKU",
            Operation::CreateOrder => {
                "create an order (upserting its customer, referrer and override products)"
            }
            Operation::UpdateOrder => "update the fields sent of one order",
            Operation::ImportOrders => "import up to 2000 historical orders; fires no events",
            Operation::TrackEvent => "track a custom event, upserting its customer",
            Operation::TrackClientEvent => {
                "track a custom event from a client application, upserting its customer"
            }
            Operation::CreatePublication => {
                "publish a voucher to a customer, upserting the customer"
            }
            Operation::Validate => "validate up to 30 stacked redeemables against an order and customer; writes nothing",
            Operation::Redeem => "redeem up to 30 stacked redeemables, upserting the customer and the order",
            Operation::Qualify => "list the redeemables the customer and order qualify for; writes nothing",
            Operation::ValidateClient => "validate stacked redeemables with client keys; writes nothing",
            Operation::RedeemClient => "redeem stacked redeemables with client keys, upserting the customer and the order",
            Operation::QualifyClient => "qualifications with client keys; writes nothing",
        }
    }

    /// Whether a request of this operation writes an order to the database, which is where
    /// `override: true` on item products and SKUs takes effect.
    pub fn creates_order(self) -> bool {
        matches!(
            self,
            Operation::CreateOrder
                | Operation::UpdateOrder
                | Operation::ImportOrders
                | Operation::Redeem
                | Operation::RedeemClient
        )
    }

    /// Whether the body is a stackable validation or redemption (redeemables, order, session).
    pub fn is_stackable(self) -> bool {
        matches!(
            self,
            Operation::Validate
                | Operation::ValidateClient
                | Operation::Redeem
                | Operation::RedeemClient
        )
    }

    /// Finds the operation for `"METHOD /path"`. The path may be the template
    /// (`/v1/customers/{customerId}`) or a concrete one (`/v1/customers/cust_123`); the method
    /// is case-insensitive, and surrounding whitespace, a trailing slash and a query string are
    /// ignored.
    pub fn parse(text: &str) -> Result<Operation, UsageError> {
        // The common call names an operation by its key exactly: no splitting, no allocation.
        if let Some(operation) = Operation::ALL
            .iter()
            .find(|operation| operation.key() == text)
        {
            return Ok(*operation);
        }
        let trimmed = text.trim();
        let (method, raw_path) = trimmed
            .split_once(char::is_whitespace)
            .ok_or_else(|| unknown(text, "expected \"METHOD /path\""))?;
        let method = method.to_ascii_uppercase();
        let raw_path = raw_path.trim();
        let path = raw_path.split(['?', '#']).next().unwrap_or(raw_path);
        let path = if path.len() > 1 {
            path.trim_end_matches('/')
        } else {
            path
        };
        let requested: Vec<&str> = path.split('/').collect();
        Operation::ALL
            .iter()
            .copied()
            .find(|operation| {
                let key = operation.key();
                let (op_method, op_path) = key.split_once(' ').unwrap_or(("", key));
                op_method == method && path_matches(op_path.trim_start(), &requested)
            })
            .ok_or_else(|| unknown(text, "not a supported operation; see listOperations()"))
    }
}

fn path_matches(template: &str, requested: &[&str]) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    template.len() == requested.len()
        && template.iter().zip(requested).all(|(want, got)| {
            if want.starts_with('{') {
                !got.is_empty()
            } else {
                want == got
            }
        })
}

fn unknown(text: &str, why: &str) -> UsageError {
    let shown: String = text.chars().take(120).collect();
    UsageError::new(
        UsageCode::UnknownOperation,
        format!("unknown operation {shown:?}: {why}"),
    )
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_template_key() {
        for operation in Operation::ALL {
            assert_eq!(Operation::parse(operation.key()), Ok(*operation));
        }
    }

    #[test]
    fn parses_concrete_paths_and_lenient_spelling() {
        assert_eq!(
            Operation::parse("put /v1/customers/cust_123/"),
            Ok(Operation::UpdateCustomer)
        );
        assert_eq!(
            Operation::parse("  PUT /v1/products/p1/skus/s1?x=1 "),
            Ok(Operation::UpdateSku)
        );
        assert_eq!(
            Operation::parse("POST /v1/customers/bulk/async"),
            Ok(Operation::BulkUpdateCustomers)
        );
    }

    #[test]
    fn rejects_unknown_operations_with_a_code() {
        for text in [
            "",
            "POST",
            "GET /v1/customers",
            "POST /v1/customers/x/y/z",
            "POST /v2/orders",
        ] {
            let error = Operation::parse(text).unwrap_err();
            assert_eq!(error.code, UsageCode::UnknownOperation, "{text}");
        }
    }
}
