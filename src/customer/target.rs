//! Where a record key goes in a customer object, by explicit mapping or by recognizing the
//! customer CSV template's and the API's own field names.

/// An address sub-field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AddressField {
    /// `address.line_1`
    Line1,
    /// `address.line_2`
    Line2,
    /// `address.city`
    City,
    /// `address.state`
    State,
    /// `address.postal_code`
    PostalCode,
    /// `address.country`
    Country,
}

impl AddressField {
    /// The API's name of the sub-field.
    pub fn name(self) -> &'static str {
        match self {
            AddressField::Line1 => "line_1",
            AddressField::Line2 => "line_2",
            AddressField::City => "city",
            AddressField::State => "state",
            AddressField::PostalCode => "postal_code",
            AddressField::Country => "country",
        }
    }
}

/// A customer field that a record key feeds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// `id`
    Id,
    /// `source_id`
    SourceId,
    /// `name`
    Name,
    /// `email`
    Email,
    /// `phone`
    Phone,
    /// `birthdate`
    Birthdate,
    /// `description`
    Description,
    /// A sub-field of `address`.
    Address(AddressField),
    /// `metadata.<key>`
    Metadata(String),
    /// Dropped on purpose (a mapping to `null`).
    Ignore,
}

impl Target {
    /// Reads a mapping target: `name`, `address.city`, `metadata.tier`; `None` when unknown.
    pub fn parse(text: &str) -> Option<Target> {
        if let Some(key) = text.strip_prefix("metadata.") {
            return (!key.is_empty()).then(|| Target::Metadata(key.to_string()));
        }
        let address = |field| Some(Target::Address(field));
        match text {
            "id" => Some(Target::Id),
            "source_id" => Some(Target::SourceId),
            "name" => Some(Target::Name),
            "email" => Some(Target::Email),
            "phone" => Some(Target::Phone),
            "birthdate" => Some(Target::Birthdate),
            "description" => Some(Target::Description),
            "address.line_1" => address(AddressField::Line1),
            "address.line_2" => address(AddressField::Line2),
            "address.city" => address(AddressField::City),
            "address.state" => address(AddressField::State),
            "address.postal_code" => address(AddressField::PostalCode),
            "address.country" => address(AddressField::Country),
            _ => None,
        }
    }

    /// Recognizes a record key by the customer CSV template's column names (both spellings:
    /// `City` and `Address_City`) and the API's field names, case-insensitively; anything else
    /// is metadata under the key as written.
    pub fn recognize(key: &str) -> Target {
        let folded: String = key
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '-' | '.' => '_',
                other => other.to_ascii_lowercase(),
            })
            .collect();
        let field = match folded.strip_prefix("address_").unwrap_or(&folded) {
            "line_1" | "line1" => Some(AddressField::Line1),
            "line_2" | "line2" => Some(AddressField::Line2),
            "city" => Some(AddressField::City),
            "state" => Some(AddressField::State),
            "postal_code" | "postcode" | "zip" | "zip_code" => Some(AddressField::PostalCode),
            "country" => Some(AddressField::Country),
            _ => None,
        };
        if let Some(field) = field {
            return Target::Address(field);
        }
        if let Some(rest) = folded.strip_prefix("metadata_") {
            if let Some(original) = key
                .trim()
                .get(key.trim().len().saturating_sub(rest.len())..)
            {
                return Target::Metadata(original.to_string());
            }
        }
        match folded.as_str() {
            "id" => Target::Id,
            "source_id" | "sourceid" => Target::SourceId,
            "name" => Target::Name,
            "email" | "e_mail" => Target::Email,
            "phone" => Target::Phone,
            "birthdate" | "birthday" | "birth_date" => Target::Birthdate,
            "description" => Target::Description,
            _ => Target::Metadata(key.trim().to_string()),
        }
    }

    /// The customer field as a dotted name (`address.city`, `metadata.tier`).
    pub fn dotted(&self) -> String {
        match self {
            Target::Id => "id".into(),
            Target::SourceId => "source_id".into(),
            Target::Name => "name".into(),
            Target::Email => "email".into(),
            Target::Phone => "phone".into(),
            Target::Birthdate => "birthdate".into(),
            Target::Description => "description".into(),
            Target::Address(field) => format!("address.{}", field.name()),
            Target::Metadata(key) => format!("metadata.{key}"),
            Target::Ignore => "ignored".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_both_template_spellings() {
        assert_eq!(
            Target::recognize("City"),
            Target::Address(AddressField::City)
        );
        assert_eq!(
            Target::recognize("Address_City"),
            Target::Address(AddressField::City)
        );
        assert_eq!(
            Target::recognize("address.postal_code"),
            Target::Address(AddressField::PostalCode)
        );
        assert_eq!(
            Target::recognize("Postal_Code"),
            Target::Address(AddressField::PostalCode)
        );
        assert_eq!(
            Target::recognize("Address_line_1"),
            Target::Address(AddressField::Line1)
        );
        assert_eq!(Target::recognize("SOURCE_ID"), Target::SourceId);
        assert_eq!(Target::recognize("E-mail"), Target::Email);
        assert_eq!(
            Target::recognize("favorite_brands"),
            Target::Metadata("favorite_brands".into())
        );
        assert_eq!(
            Target::recognize("metadata.tier"),
            Target::Metadata("tier".into())
        );
        assert_eq!(
            Target::recognize("Metadata_Tier"),
            Target::Metadata("Tier".into())
        );
    }

    #[test]
    fn parses_mapping_targets() {
        assert_eq!(
            Target::parse("address.line_2"),
            Some(Target::Address(AddressField::Line2))
        );
        assert_eq!(
            Target::parse("metadata.x"),
            Some(Target::Metadata("x".into()))
        );
        assert_eq!(Target::parse("metadata."), None);
        assert_eq!(Target::parse("City"), None);
    }
}
