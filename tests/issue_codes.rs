//! The README documents exactly the issue codes the library can emit.

use std::collections::BTreeSet;

use voucherify_sync::Code;

fn readme_codes() -> BTreeSet<String> {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- codes:start -->")
        .expect("codes:start marker in README");
    let end = readme
        .find("<!-- codes:end -->")
        .expect("codes:end marker in README");
    readme[start..end]
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn readme_lists_every_code_and_nothing_else() {
    let documented = readme_codes();
    let known: BTreeSet<String> = Code::ALL
        .iter()
        .map(|code| code.as_str().to_string())
        .collect();
    assert_eq!(documented, known);
}

#[test]
fn the_closed_list_is_locked() {
    let names: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(
        names,
        [
            "invalid_json", "too_deep", "too_large", "invalid_type", "missing_field", "empty_value",
            "invalid_value", "invalid_format", "ambiguous_date", "invalid_length", "out_of_range", "not_integer_cents",
            "amount_mismatch", "too_many", "too_few", "duplicate", "immutable_field", "missing_identifier",
            "conflicting_fields", "ignored_field", "unknown_field", "response_only_field", "deprecated_field", "not_persisted", "no_events", "skipped_by_stacking_rules",
            "metadata_invalid_type", "metadata_invalid_format", "metadata_missing_required",
            "metadata_not_allowed", "metadata_out_of_range", "metadata_invalid_length",
            "metadata_undefined_key", "metadata_deleted_key",
            "csv_missing_header", "csv_empty_header", "csv_duplicate_header", "csv_invalid_header", "csv_invalid_encoding",
            "csv_unterminated_quote", "csv_invalid_quote", "csv_field_count", "csv_empty_row", "csv_record_too_large", "csv_formula_injection",
            "csv_unknown_product", "csv_unknown_attribute", "csv_order_conflict", "csv_order_not_grouped", "csv_order_skipped",
            "csv_converted",
        ],
        "renaming, removing or reordering a code is a breaking change: update this list, the README and the changelog together"
    );
}
