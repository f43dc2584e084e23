//! voucherify-sync: checks what a shop is about to send to the Voucherify API before it leaves
//! the machine.
//!
//! The core is pure Rust with no JavaScript types in it; `src/wasm/` is the WebAssembly
//! boundary, compiled only for `wasm32`, and the npm package in `pkg/` wraps it.
//!
//! # Validating a payload
//!
//! ```
//! use voucherify_sync::{Operation, Validator, ValidationOptions};
//!
//! let validator = Validator::new(ValidationOptions::default());
//! let operation = Operation::parse("POST /v1/customers").unwrap();
//! let report = validator.validate_bytes(operation, br#"{"source_id":"c1","birthdate":"1990-02-30"}"#);
//! assert!(!report.valid);
//! assert_eq!(report.issues[0].code.as_str(), "invalid_format");
//! assert_eq!(report.issues[0].path, "/birthdate");
//! ```
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

mod checker;
mod codes;
mod contract;
mod csv_import;
mod csv_records;
mod customer;
mod decimal;
mod effects;
mod formats;
mod json_input;
mod json_tree;
mod limits;
mod metadata;
mod ndjson;
mod operation;
mod option_json;
mod options;
mod path;
mod report;
mod stackable;
mod sync;
mod usage_error;
mod validator;
mod values;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use codes::Code;
pub use csv_import::{
    validate_csv, CsvIssue, CsvKind, CsvOptions, CsvOutputs, CsvReport, CsvValidator, PriceUnit,
};
pub use csv_records::{read_csv_records, CsvRecordError, CsvRecords};
pub use customer::{
    build_customer, diff_customer, find_country, normalize_date, supported_countries, to_e164,
    AddressField, BuildOptions, BuiltCustomer, Country, CustomerDiff, DateOrder, DateProblem,
    DiffOptions, FieldOutcome, Outcome, PhoneProblem, Target, PHONE_PLANS_SOURCE,
};
pub use effects::{upsert_effects, Action, Effect, MatchKey, Resource, UpsertEffects};
pub use limits::Limits;
pub use metadata::{MetadataSchemas, SchemaError};
pub use ndjson::{NdjsonIssue, NdjsonReport};
pub use operation::Operation;
pub use options::ValidationOptions;
pub use report::{Issue, Report, Severity};
pub use stackable::{
    plan_application, prepare_stackable_request, summarize_result, ApplicationMode, CategoryRef,
    Group, Placement, PrepareOptions, PreparedRequest, RedeemableOutcome, RedeemableStatus,
    ResultSummary, SortingRule, StackingRules, Totals,
};
pub use sync::{
    list_items, plan_sync, ConflictReason, PlanAction, PlanEntry, PlanOptions, PlanSummary,
    SyncKind, SyncPlan,
};
pub use usage_error::{UsageCode, UsageError};
pub use validator::Validator;
