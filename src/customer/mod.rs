//! Customers: building clean customer objects from flat records, and the minimal update between
//! a stored profile and a local one.

mod birthdate;
mod build;
mod diff;
mod options;
mod phone;
mod record;
mod target;

pub use birthdate::{normalize_date, DateOrder, DateProblem};
pub(crate) use build::collapse_whitespace;
pub use build::{build_customer, BuiltCustomer, FieldOutcome, Outcome};
pub use diff::{diff_customer, CustomerDiff, DiffOptions};
pub(crate) use diff::{diff_metadata, same};
pub use options::BuildOptions;
pub use phone::{find_country, to_e164, Country, PhoneProblem, SUPPORTED_COUNTRIES};
pub(crate) use record::{customer_from_record, RESPONSE_FIELDS};
pub use target::{AddressField, Target};
