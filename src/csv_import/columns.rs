//! What each header name means for each kind of file: the standard fields, their canonical
//! names in the cleaned file, and metadata columns.

use super::CsvKind;
use crate::{AddressField, Target};

/// The field a column feeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// `id` (customers).
    Id,
    /// `source_id`: the record's own (for orders, the order's).
    SourceId,
    /// `name`.
    Name,
    /// `description` (customers).
    Description,
    /// `email` (customers).
    Email,
    /// `phone` (customers).
    Phone,
    /// An `address` sub-field (customers).
    Address(AddressField),
    /// `birthdate` (customers).
    Birthdate,
    /// `price`: a unit price in the file's price unit.
    Price,
    /// `attributes` of a product: a comma-separated list of names.
    ProductAttributes,
    /// `attributes` of a SKU: `{'color':'blue','size':'XS'}`.
    SkuAttributes,
    /// `image_url`.
    ImageUrl,
    /// `product_id`: of a SKU (a product `source_id`), or of an order item (a product id).
    ProductId,
    /// `sku`: the SKU's name.
    Sku,
    /// `status` of an order.
    Status,
    /// `customer_source_id` of an order.
    CustomerSourceId,
    /// `item_source_id`: the `source_id` of an order item's product or SKU.
    ItemSourceId,
    /// `related_object` of an order item: `product` or `sku`.
    RelatedObject,
    /// `sku_id` of an order item.
    SkuId,
    /// `quantity` of an order item.
    Quantity,
    /// `amount` of an order item (price × quantity), in the file's price unit.
    Amount,
    /// A metadata key of the record (for orders, of the order).
    Metadata(String),
    /// A metadata key of an order item.
    ItemMetadata(String),
}

impl Field {
    /// The metadata key, for metadata columns.
    pub(crate) fn metadata_key(&self) -> Option<&str> {
        match self {
            Field::Metadata(key) | Field::ItemMetadata(key) => Some(key),
            _ => None,
        }
    }
}

/// Recognizes a header name (trimmed) for a kind of file.
///
/// Customers use the template's and the API's names in either spelling (`City`,
/// `Address_City`), case-insensitively; anything else is metadata. Products, SKUs and orders
/// match their documented names case-insensitively; orders also read `metadata.<key>` and
/// `item_metadata.<key>`, and any other order column is order metadata.
pub(crate) fn recognize(kind: CsvKind, name: &str) -> Field {
    match kind {
        CsvKind::Customers => match Target::recognize(name) {
            Target::Id => Field::Id,
            Target::SourceId => Field::SourceId,
            Target::Name => Field::Name,
            Target::Email => Field::Email,
            Target::Phone => Field::Phone,
            Target::Birthdate => Field::Birthdate,
            Target::Description => Field::Description,
            Target::Address(field) => Field::Address(field),
            Target::Metadata(key) => Field::Metadata(key),
            Target::Ignore => Field::Metadata(name.to_string()),
        },
        CsvKind::Products => match lower(name).as_str() {
            "name" => Field::Name,
            "source_id" => Field::SourceId,
            "price" => Field::Price,
            "attributes" => Field::ProductAttributes,
            "image_url" => Field::ImageUrl,
            _ => Field::Metadata(name.to_string()),
        },
        CsvKind::Skus => match lower(name).as_str() {
            "product_id" => Field::ProductId,
            "sku" => Field::Sku,
            "source_id" => Field::SourceId,
            "price" => Field::Price,
            "image_url" => Field::ImageUrl,
            "attributes" => Field::SkuAttributes,
            _ => Field::Metadata(name.to_string()),
        },
        CsvKind::Orders => recognize_order(name),
    }
}

fn recognize_order(name: &str) -> Field {
    let folded = lower(name);
    if let Some(key) = prefixed(name, &folded, "item_metadata.") {
        return Field::ItemMetadata(key);
    }
    if let Some(key) = prefixed(name, &folded, "metadata.") {
        return Field::Metadata(key);
    }
    match folded.as_str() {
        "source_id" => Field::SourceId,
        "status" => Field::Status,
        "customer_source_id" => Field::CustomerSourceId,
        "item_source_id" => Field::ItemSourceId,
        "related_object" => Field::RelatedObject,
        "sku_id" => Field::SkuId,
        "product_id" => Field::ProductId,
        "quantity" => Field::Quantity,
        "price" => Field::Price,
        "amount" => Field::Amount,
        _ => Field::Metadata(name.to_string()),
    }
}

/// The key after a case-insensitive prefix, in its original case.
fn prefixed(name: &str, folded: &str, prefix: &str) -> Option<String> {
    if folded.starts_with(prefix) {
        name.get(prefix.len()..).map(str::to_string)
    } else {
        None
    }
}

fn lower(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The name a column gets in the cleaned file: the API's own spelling.
pub(crate) fn canonical_name(kind: CsvKind, field: &Field) -> String {
    let fixed = match (kind, field) {
        (_, Field::Metadata(key)) if kind != CsvKind::Orders => return key.clone(),
        (_, Field::Metadata(key)) => return format!("metadata.{key}"),
        (_, Field::ItemMetadata(key)) => return format!("item_metadata.{key}"),
        (CsvKind::Customers, field) => customer_name(field),
        (_, Field::Id) => "id",
        (_, Field::SourceId) => "source_id",
        (_, Field::Name) => "name",
        (_, Field::Price) => "price",
        (_, Field::ProductAttributes | Field::SkuAttributes) => "attributes",
        (_, Field::ImageUrl) => "image_url",
        (_, Field::ProductId) => "product_id",
        (_, Field::Sku) => "sku",
        (_, Field::Status) => "status",
        (_, Field::CustomerSourceId) => "customer_source_id",
        (_, Field::ItemSourceId) => "item_source_id",
        (_, Field::RelatedObject) => "related_object",
        (_, Field::SkuId) => "sku_id",
        (_, Field::Quantity) => "quantity",
        (_, Field::Amount) => "amount",
        (_, other) => customer_name(other),
    };
    fixed.to_string()
}

/// The customer import's standard column names, as the API's mapping lists them.
fn customer_name(field: &Field) -> &'static str {
    match field {
        Field::Id => "Id",
        Field::SourceId => "Source_id",
        Field::Name => "Name",
        Field::Description => "Description",
        Field::Email => "Email",
        Field::Phone => "Phone",
        Field::Birthdate => "Birthdate",
        Field::Address(AddressField::Line1) => "Address_line_1",
        Field::Address(AddressField::Line2) => "Address_line_2",
        Field::Address(AddressField::City) => "Address_City",
        Field::Address(AddressField::State) => "Address_State",
        Field::Address(AddressField::PostalCode) => "Address_Postal_Code",
        Field::Address(AddressField::Country) => "Address_Country",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_each_kind() {
        assert_eq!(
            recognize(CsvKind::Customers, "City"),
            Field::Address(AddressField::City)
        );
        assert_eq!(
            recognize(CsvKind::Customers, "ADDRESS_CITY"),
            Field::Address(AddressField::City)
        );
        assert_eq!(recognize(CsvKind::Products, "Name"), Field::Name);
        assert_eq!(recognize(CsvKind::Skus, "attributes"), Field::SkuAttributes);
        assert_eq!(
            recognize(CsvKind::Orders, "Metadata.Channel"),
            Field::Metadata("Channel".into())
        );
        assert_eq!(
            recognize(CsvKind::Orders, "item_metadata.gift"),
            Field::ItemMetadata("gift".into())
        );
        assert_eq!(
            recognize(CsvKind::Orders, "store"),
            Field::Metadata("store".into())
        );
    }

    #[test]
    fn names_columns_as_the_api_does() {
        let city = Field::Address(AddressField::City);
        assert_eq!(canonical_name(CsvKind::Customers, &city), "Address_City");
        assert_eq!(
            canonical_name(CsvKind::Customers, &Field::SourceId),
            "Source_id"
        );
        assert_eq!(
            canonical_name(CsvKind::Products, &Field::SourceId),
            "source_id"
        );
        assert_eq!(
            canonical_name(CsvKind::Orders, &Field::Metadata("a".into())),
            "metadata.a"
        );
    }
}
