//! Building a clean customer object from a flat record: mapping, trimming, normalizing email,
//! phone and birthdate, typing metadata, and accounting for every key of the record.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{normalize_date, to_e164, BuildOptions, DateProblem, PhoneProblem, Target};
use crate::formats::looks_like_email;
use crate::metadata::coerce_text;
use crate::path::Path;
use crate::values::{json_type, shown};
use crate::{Code, Issue, Severity, UsageCode, UsageError};

/// What happened to one key of the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The value was set on the customer.
    Set,
    /// The value was empty and left out.
    Empty,
    /// The value was empty and sent as `null` to clear the field (`clearEmpty`).
    Cleared,
    /// The mapping drops the key on purpose.
    Ignored,
    /// The value had an error and was left out; see the issues.
    Rejected,
}

/// Where one record key went.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldOutcome {
    /// The key in the record.
    pub key: String,
    /// The customer field it feeds (`address.city`, `metadata.tier`), or `null` when ignored.
    pub field: Option<String>,
    /// What happened to the value.
    pub outcome: Outcome,
}

/// A built customer: the object, the problems found (paths point at record keys), and the
/// outcome of every record key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BuiltCustomer {
    /// `true` when no issue is an error.
    pub valid: bool,
    /// The customer object, ready for any endpoint that takes one.
    pub customer: Map<String, Value>,
    /// Problems, each with a JSON pointer to the record key (`/Birthdate`).
    pub issues: Vec<Issue>,
    /// One entry per record key, in the record's order.
    pub fields: Vec<FieldOutcome>,
}

/// Builds a customer from a flat record (an object of key to string, number, boolean or null).
/// Misuse (a record that is not an object) is a [`UsageError`]; problems in the data are issues.
pub fn build_customer(record: &Value, options: &BuildOptions) -> Result<BuiltCustomer, UsageError> {
    let Value::Object(record) = record else {
        return Err(UsageError::new(
            UsageCode::InvalidArgument,
            format!(
                "the record must be an object of field names to values, not {}",
                json_type(record)
            ),
        ));
    };
    let mut builder = Builder {
        options,
        customer: Map::new(),
        issues: Vec::new(),
        fields: Vec::with_capacity(record.len()),
        sources: Map::new(),
    };
    for (key, value) in record {
        let target = options
            .mapping
            .get(key)
            .cloned()
            .unwrap_or_else(|| Target::recognize(key));
        builder.take(key, value, target);
    }
    let valid = !builder
        .issues
        .iter()
        .any(|issue| issue.severity == Severity::Error);
    Ok(BuiltCustomer {
        valid,
        customer: builder.customer,
        issues: builder.issues,
        fields: builder.fields,
    })
}

struct Builder<'o> {
    options: &'o BuildOptions,
    customer: Map<String, Value>,
    issues: Vec<Issue>,
    fields: Vec<FieldOutcome>,
    /// Which record key set which target (by its dotted name), to report two keys feeding one
    /// field. A serde_json map: the module has its B-tree code anyway, and one for another key
    /// type would add about 3 KB of WebAssembly.
    sources: Map<String, Value>,
}

impl Builder<'_> {
    fn take(&mut self, key: &str, value: &Value, target: Target) {
        if target == Target::Ignore {
            self.outcome(key, None, Outcome::Ignored);
            return;
        }
        let field = Some(target.dotted());
        let text = match value {
            Value::String(text) => Some(text.trim().to_string()),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            Value::Null => Some(String::new()),
            Value::Array(_) | Value::Object(_) => None,
        };
        let normalized = match (&target, text) {
            (_, Some(text)) if text.is_empty() => {
                self.empty(key, &target);
                return;
            }
            (Target::Metadata(meta_key), text) => self.metadata_value(key, meta_key, value, text),
            (_, None) => Err(self.issue(
                Code::InvalidType,
                key,
                format!(
                    "{} must be a single value, not {}",
                    target.dotted(),
                    json_type(value)
                ),
            )),
            (target, Some(text)) => self.standard_value(key, target, text),
        };
        if let (Target::Email, Ok(Value::String(email))) = (&target, &normalized) {
            if !looks_like_email(email) {
                // The API stores any string as an email (the spec gives it no format): a
                // warning, as in a CSV check, and the value is kept.
                let mut issue = self.issue(
                    Code::InvalidFormat,
                    key,
                    format!("email '{email}' does not look like an email address"),
                );
                issue.severity = Severity::Warning;
                self.issues.push(issue);
            }
        }
        match normalized {
            Ok(normalized) => {
                if self.conflicts(key, &target, &normalized) {
                    self.outcome(key, field, Outcome::Rejected);
                } else {
                    self.set(&target, normalized);
                    self.outcome(key, field, Outcome::Set);
                }
            }
            Err(issue) => {
                self.issues.push(issue);
                self.outcome(key, field, Outcome::Rejected);
            }
        }
    }

    fn standard_value(&self, key: &str, target: &Target, text: String) -> Result<Value, Issue> {
        let value = match target {
            Target::Name | Target::Address(_) => collapse_whitespace(&text),
            Target::Email => self.email(&text),
            Target::Phone => self.phone(key, &text)?,
            Target::Birthdate => match normalize_date(&text, self.options.date_order) {
                Ok(date) => date,
                Err(DateProblem::Ambiguous) => {
                    return Err(self.issue(
                        Code::AmbiguousDate,
                        key,
                        format!("birthdate '{text}' could be day/month or month/day; set dateOrder to \"dmy\" or \"mdy\""),
                    ))
                }
                Err(DateProblem::Invalid) => {
                    return Err(self.issue(
                        Code::InvalidFormat,
                        key,
                        format!("birthdate '{text}' is not a real date in a known format (YYYY-MM-DD, YYYY/MM/DD, DD.MM.YYYY, or DD/MM/YYYY and MM/DD/YYYY with dateOrder)"),
                    ))
                }
            },
            _ => text,
        };
        Ok(Value::String(value))
    }

    fn email(&self, text: &str) -> String {
        // A valid address is ASCII, so lowercasing needs no Unicode tables; an address that is
        // not valid is kept with a warning, its non-ASCII letters as written.
        match text.rsplit_once('@') {
            Some((local, domain)) if !self.options.lowercase_email => {
                format!("{local}@{}", domain.to_ascii_lowercase())
            }
            _ => text.to_ascii_lowercase(),
        }
    }

    fn phone(&self, key: &str, text: &str) -> Result<String, Issue> {
        let Some(country) = self.options.default_country else {
            return Ok(collapse_whitespace(text));
        };
        to_e164(text, country).map_err(|problem| {
            let why = match problem {
                PhoneProblem::UnexpectedCharacters => String::from(
                    "has characters other than digits, spaces, dashes, dots and parentheses",
                ),
                PhoneProblem::NoCallingCode => String::from(
                    "is written as international, but no known calling code follows the + or international prefix",
                ),
                PhoneProblem::NotValid {
                    calling_code,
                    national_digits,
                } => format!("is not a valid number: {national_digits} digits after the calling code +{calling_code}, as no number there has"),
            };
            self.issue(Code::InvalidFormat, key, format!("phone '{text}' {why}"))
        })
    }

    fn metadata_value(
        &self,
        key: &str,
        meta_key: &str,
        raw: &Value,
        text: Option<String>,
    ) -> Result<Value, Issue> {
        let definition = self
            .options
            .metadata_schemas
            .as_ref()
            .and_then(|schemas| schemas.definition("customer", meta_key))
            .filter(|definition| !definition.deleted);
        match (definition, raw) {
            (Some(definition), Value::String(_)) => {
                let text = text.unwrap_or_default();
                coerce_text(&text, definition, self.options.date_order).map_err(|why| {
                    self.issue(
                        Code::MetadataInvalidType,
                        key,
                        format!("metadata.{meta_key}: {why}"),
                    )
                })
            }
            (_, Value::String(_)) => Ok(Value::String(text.unwrap_or_default())),
            _ => Ok(raw.clone()),
        }
    }

    fn empty(&mut self, key: &str, target: &Target) {
        let field = Some(target.dotted());
        let clearable = !matches!(target, Target::Id | Target::SourceId);
        if self.options.clear_empty && clearable {
            self.set(target, Value::Null);
            self.outcome(key, field, Outcome::Cleared);
        } else {
            self.outcome(key, field, Outcome::Empty);
        }
    }

    /// Whether another key already set `target` to a different value (reported as an error).
    fn conflicts(&mut self, key: &str, target: &Target, value: &Value) -> bool {
        // A map, not a list: a record with 100 000 keys must not take 100 000² comparisons.
        let dotted = target.dotted();
        let earlier = self
            .sources
            .get(&dotted)
            .and_then(Value::as_str)
            .map(str::to_string);
        match earlier {
            Some(source) if self.current(target) != Some(value) => {
                let issue = self.issue(
                    Code::ConflictingFields,
                    key,
                    format!(
                        "{key} and {source} both give {} but with different values ({} and {}); {source}'s value is kept",
                        target.dotted(),
                        shown(value),
                        self.current(target).map(shown).unwrap_or_default()
                    ),
                );
                self.issues.push(issue);
                true
            }
            Some(_) => false,
            None => {
                self.sources.insert(dotted, Value::String(key.to_string()));
                false
            }
        }
    }

    fn current(&self, target: &Target) -> Option<&Value> {
        match target {
            Target::Address(field) => self.customer.get("address")?.get(field.name()),
            Target::Metadata(key) => self.customer.get("metadata")?.get(key),
            other => self.customer.get(&other.dotted()),
        }
    }

    fn set(&mut self, target: &Target, value: Value) {
        match target {
            Target::Address(field) => nested(&mut self.customer, "address")
                .and_then(|map| map.insert(field.name().into(), value)),
            Target::Metadata(key) => nested(&mut self.customer, "metadata")
                .and_then(|map| map.insert(key.clone(), value)),
            Target::Ignore => None,
            other => self.customer.insert(other.dotted(), value),
        };
    }

    fn outcome(&mut self, key: &str, field: Option<String>, outcome: Outcome) {
        self.fields.push(FieldOutcome {
            key: key.to_string(),
            field,
            outcome,
        });
    }

    fn issue(&self, code: Code, key: &str, message: String) -> Issue {
        Issue {
            code,
            severity: Severity::Error,
            path: Path::ROOT.key(key).render(),
            message,
        }
    }
}

/// The object under `name`, created when absent or not an object.
fn nested<'m>(
    customer: &'m mut Map<String, Value>,
    name: &str,
) -> Option<&'m mut Map<String, Value>> {
    if !customer.get(name).is_some_and(Value::is_object) {
        customer.insert(name.to_string(), Value::Object(Map::new()));
    }
    customer.get_mut(name).and_then(Value::as_object_mut)
}

/// Trims and turns every run of whitespace into one space.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
