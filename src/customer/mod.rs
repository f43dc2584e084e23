//! Customers: building clean customer objects from flat records, and the minimal update between
//! a stored profile and a local one.

mod birthdate;
mod build;
mod diff;
mod options;
mod phone;
mod phone_pattern;
mod phone_plan;
mod phone_plans;
mod record;
mod target;

pub use birthdate::{normalize_date, DateOrder, DateProblem};
pub(crate) use build::collapse_whitespace;
pub use build::{build_customer, BuiltCustomer, FieldOutcome, Outcome};
pub use diff::{diff_customer, CustomerDiff, DiffOptions};
pub(crate) use diff::{diff_metadata, same};
pub use options::BuildOptions;
pub use phone::{to_e164, PhoneProblem};
pub use phone_plan::{find_country, supported_countries, Country};
pub use phone_plans::SOURCE as PHONE_PLANS_SOURCE;
pub(crate) use record::{customer_from_record, RESPONSE_FIELDS};
pub use target::{AddressField, Target};
