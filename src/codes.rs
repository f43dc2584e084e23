//! The closed list of issue codes: stable snake_case names that callers match on.

use serde::Serialize;

/// What kind of problem an [`crate::Issue`] reports.
///
/// The list is closed and every code is documented in the README; renaming one is a breaking
/// change. A code has a usual severity, given by [`Code::default_severity`], but a few codes are
/// errors in one place and warnings in another (an email that does not look like one is only a
/// warning, since the API stores any string).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The body is not well-formed JSON (or not UTF-8).
    InvalidJson,
    /// The body nests objects or arrays deeper than the limit.
    TooDeep,
    /// The body, a string or a collection is larger than the API or our limits accept.
    TooLarge,
    /// A value has the wrong JSON type.
    InvalidType,
    /// A required field is absent.
    MissingField,
    /// A required value is present but empty.
    EmptyValue,
    /// A value is not one of the allowed values.
    InvalidValue,
    /// A string does not have the required format (date, date-time, email, URL).
    InvalidFormat,
    /// A date such as `03/07/1990` could be read day-first or month-first, and no order was given.
    AmbiguousDate,
    /// A string is shorter or longer than allowed.
    InvalidLength,
    /// A number is outside the allowed range, or beyond the exactly representable integers.
    OutOfRange,
    /// A money value is not an integer number of cents.
    NotIntegerCents,
    /// An amount differs from the sum or product it must equal.
    AmountMismatch,
    /// A list has more elements than the API accepts.
    TooMany,
    /// A list has fewer elements than the API requires.
    TooFew,
    /// The same key or identifier appears twice where it should be unique.
    Duplicate,
    /// A field that can never change is sent in an update.
    ImmutableField,
    /// An object lacks the identifiers that say which resource it is.
    MissingIdentifier,
    /// Two fields that exclude each other are both present.
    ConflictingFields,
    /// A field is accepted but ignored by the API in this request.
    IgnoredField,
    /// A field is not part of the request schema.
    UnknownField,
    /// A field only appears in API responses, never in requests.
    ResponseOnlyField,
    /// A field is deprecated in favour of another.
    DeprecatedField,
    /// Data in the request is used but not stored (product data without `override`, a customer in a validation).
    NotPersisted,
    /// The request writes data without firing the events and webhooks people expect (order imports).
    NoEvents,
    /// The stacking rules will skip this redeemable if every earlier one applies.
    SkippedByStackingRules,
    /// A metadata value has the wrong type for its definition.
    MetadataInvalidType,
    /// A metadata value has the wrong format for its definition (date, datetime, URL, geopoint).
    MetadataInvalidFormat,
    /// A metadata key required on creation is absent.
    MetadataMissingRequired,
    /// A metadata value is not among the allowed (`eq`) values, or among the forbidden (`ne`) ones.
    MetadataNotAllowed,
    /// A metadata number breaks a `lt`, `lte`, `gt` or `gte` bound.
    MetadataOutOfRange,
    /// A metadata string breaks a length bound.
    MetadataInvalidLength,
    /// A metadata key has no definition while the schema allows only defined keys.
    MetadataUndefinedKey,
    /// A metadata key's definition was deleted from the schema.
    MetadataDeletedKey,
    /// The CSV input is empty: there is no header line.
    CsvMissingHeader,
    /// A CSV header name is empty.
    CsvEmptyHeader,
    /// Two CSV columns have the same name, case-insensitively or as two spellings of one field.
    CsvDuplicateHeader,
    /// A CSV metadata header name contains white-space, which the API refuses.
    CsvInvalidHeader,
    /// A CSV record holds bytes that are not UTF-8.
    CsvInvalidEncoding,
    /// A quoted CSV field is still open at the end of the input.
    CsvUnterminatedQuote,
    /// A CSV quote is where RFC 4180 allows none: text after a closing quote (an error), or a quote
    /// inside an unquoted field (a warning: every reader keeps it as written).
    CsvInvalidQuote,
    /// A CSV row has more or fewer fields than the header.
    CsvFieldCount,
    /// Every cell of a CSV row is empty.
    CsvEmptyRow,
    /// A CSV record is larger than the record limit, or alone does not fit in one output part.
    CsvRecordTooLarge,
    /// A CSV cell starts with a character that makes a spreadsheet run it as a formula.
    CsvFormulaInjection,
    /// A SKU row's `product_id` is not the `source_id` of any row of the products file.
    CsvUnknownProduct,
    /// A SKU attribute key is not among its product's `attributes`.
    CsvUnknownAttribute,
    /// Rows of one order disagree on an order-level value (status, customer, metadata).
    CsvOrderConflict,
    /// A row belongs to an order that was already completed and sent in an earlier import body.
    CsvOrderNotGrouped,
    /// An order is left out of the import bodies because one of its rows is invalid.
    CsvOrderSkipped,
    /// A CSV file was read in another encoding than UTF-8 or with another delimiter than a
    /// comma, and its outputs converted to UTF-8 with commas.
    CsvConverted,
}

/// Every code, in documentation order.
pub const ALL_CODES: &[Code] = &[
    Code::InvalidJson,
    Code::TooDeep,
    Code::TooLarge,
    Code::InvalidType,
    Code::MissingField,
    Code::EmptyValue,
    Code::InvalidValue,
    Code::InvalidFormat,
    Code::AmbiguousDate,
    Code::InvalidLength,
    Code::OutOfRange,
    Code::NotIntegerCents,
    Code::AmountMismatch,
    Code::TooMany,
    Code::TooFew,
    Code::Duplicate,
    Code::ImmutableField,
    Code::MissingIdentifier,
    Code::ConflictingFields,
    Code::IgnoredField,
    Code::UnknownField,
    Code::ResponseOnlyField,
    Code::DeprecatedField,
    Code::NotPersisted,
    Code::NoEvents,
    Code::SkippedByStackingRules,
    Code::MetadataInvalidType,
    Code::MetadataInvalidFormat,
    Code::MetadataMissingRequired,
    Code::MetadataNotAllowed,
    Code::MetadataOutOfRange,
    Code::MetadataInvalidLength,
    Code::MetadataUndefinedKey,
    Code::MetadataDeletedKey,
    Code::CsvMissingHeader,
    Code::CsvEmptyHeader,
    Code::CsvDuplicateHeader,
    Code::CsvInvalidHeader,
    Code::CsvInvalidEncoding,
    Code::CsvUnterminatedQuote,
    Code::CsvInvalidQuote,
    Code::CsvFieldCount,
    Code::CsvEmptyRow,
    Code::CsvRecordTooLarge,
    Code::CsvFormulaInjection,
    Code::CsvUnknownProduct,
    Code::CsvUnknownAttribute,
    Code::CsvOrderConflict,
    Code::CsvOrderNotGrouped,
    Code::CsvOrderSkipped,
    Code::CsvConverted,
];

impl Code {
    /// Every code, in documentation order.
    pub const ALL: &'static [Code] = ALL_CODES;

    /// The stable snake_case name of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidJson => "invalid_json",
            Code::TooDeep => "too_deep",
            Code::TooLarge => "too_large",
            Code::InvalidType => "invalid_type",
            Code::MissingField => "missing_field",
            Code::EmptyValue => "empty_value",
            Code::InvalidValue => "invalid_value",
            Code::InvalidFormat => "invalid_format",
            Code::AmbiguousDate => "ambiguous_date",
            Code::InvalidLength => "invalid_length",
            Code::OutOfRange => "out_of_range",
            Code::NotIntegerCents => "not_integer_cents",
            Code::AmountMismatch => "amount_mismatch",
            Code::TooMany => "too_many",
            Code::TooFew => "too_few",
            Code::Duplicate => "duplicate",
            Code::ImmutableField => "immutable_field",
            Code::MissingIdentifier => "missing_identifier",
            Code::ConflictingFields => "conflicting_fields",
            Code::IgnoredField => "ignored_field",
            Code::UnknownField => "unknown_field",
            Code::ResponseOnlyField => "response_only_field",
            Code::DeprecatedField => "deprecated_field",
            Code::NotPersisted => "not_persisted",
            Code::NoEvents => "no_events",
            Code::SkippedByStackingRules => "skipped_by_stacking_rules",
            Code::MetadataInvalidType => "metadata_invalid_type",
            Code::MetadataInvalidFormat => "metadata_invalid_format",
            Code::MetadataMissingRequired => "metadata_missing_required",
            Code::MetadataNotAllowed => "metadata_not_allowed",
            Code::MetadataOutOfRange => "metadata_out_of_range",
            Code::MetadataInvalidLength => "metadata_invalid_length",
            Code::MetadataUndefinedKey => "metadata_undefined_key",
            Code::MetadataDeletedKey => "metadata_deleted_key",
            Code::CsvMissingHeader => "csv_missing_header",
            Code::CsvEmptyHeader => "csv_empty_header",
            Code::CsvDuplicateHeader => "csv_duplicate_header",
            Code::CsvInvalidHeader => "csv_invalid_header",
            Code::CsvInvalidEncoding => "csv_invalid_encoding",
            Code::CsvUnterminatedQuote => "csv_unterminated_quote",
            Code::CsvInvalidQuote => "csv_invalid_quote",
            Code::CsvFieldCount => "csv_field_count",
            Code::CsvEmptyRow => "csv_empty_row",
            Code::CsvRecordTooLarge => "csv_record_too_large",
            Code::CsvFormulaInjection => "csv_formula_injection",
            Code::CsvUnknownProduct => "csv_unknown_product",
            Code::CsvUnknownAttribute => "csv_unknown_attribute",
            Code::CsvOrderConflict => "csv_order_conflict",
            Code::CsvOrderNotGrouped => "csv_order_not_grouped",
            Code::CsvOrderSkipped => "csv_order_skipped",
            Code::CsvConverted => "csv_converted",
        }
    }

    /// The severity the code usually has; see the README for the exceptions.
    pub fn default_severity(self) -> crate::Severity {
        use crate::Severity::{Error, Warning};
        match self {
            Code::IgnoredField
            | Code::UnknownField
            | Code::ResponseOnlyField
            | Code::DeprecatedField
            | Code::NotPersisted
            | Code::NoEvents
            | Code::SkippedByStackingRules
            | Code::Duplicate
            | Code::EmptyValue
            | Code::MetadataDeletedKey
            | Code::CsvFormulaInjection
            | Code::CsvConverted => Warning,
            _ => Error,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code name {name}");
            assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{name}\""));
        }
    }
}
