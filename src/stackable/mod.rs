//! Client-side stackable redemption: preparing the request body from a cart, the stacking rules
//! and the order they apply redeemables in, and summaries of the API's answers.

mod cart;
mod options;
mod ordering;
mod prepare;
mod rules;
mod summary;

pub use options::PrepareOptions;
pub use ordering::{plan_application, CategoryRef, Group, Placement};
pub use prepare::{prepare_stackable_request, PreparedRequest};
pub use rules::{ApplicationMode, SortingRule, StackingRules};
pub use summary::{summarize_result, RedeemableOutcome, RedeemableStatus, ResultSummary, Totals};
