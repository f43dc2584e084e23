//! Misuse of the API (a wrong argument, an unknown operation, bad options): thrown, not reported.

use serde::Serialize;

/// What kind of misuse a [`UsageError`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UsageCode {
    /// An argument has the wrong type or shape.
    InvalidArgument,
    /// The operation is not one that this library validates.
    UnknownOperation,
    /// The options object is malformed (an unknown key, a wrong type, a bad metadata schema).
    InvalidOptions,
    /// An argument is over the input size limit of the function (16 MiB for a record, a cart,
    /// a customer or a response).
    TooLarge,
}

/// An error in how the library is called, as opposed to a problem in the data it checks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UsageError {
    /// The stable code of the misuse.
    pub code: UsageCode,
    /// A lowercase explanation with no trailing period.
    pub message: String,
}

impl UsageError {
    /// Creates a usage error.
    pub fn new(code: UsageCode, message: impl Into<String>) -> Self {
        UsageError {
            code,
            message: message.into(),
        }
    }

    /// Serializes the error as the JSON envelope `{"error":{"code","message"}}` the JS wrapper throws.
    pub fn to_envelope_json(&self) -> String {
        #[derive(Serialize)]
        struct Envelope<'e> {
            error: &'e UsageError,
        }
        serde_json::to_string(&Envelope { error: self }).unwrap_or_default()
    }
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for UsageError {}
