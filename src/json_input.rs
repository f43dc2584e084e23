//! Turning request bytes into a JSON tree, with problems reported as issues, not errors.

use serde_json::Value;

use crate::json_tree::{self, Json, ParseError, ParseLimits, Reason, MAX_READ_DEPTH};

use crate::path::Path;
use crate::{Code, Issue, Limits, Severity};

/// The UTF-8 byte order mark, which editors sometimes put in front of JSON files.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without the byte order mark that editors sometimes put in front of JSON files.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// Parses one JSON document and returns it with its size warnings ([`size_issues`]), or
/// describes why it is not one: `too_large` past [`Limits::max_input_bytes`] (without reading
/// it), `invalid_json`, or `too_deep`. The reader stops past [`Limits::max_depth`] (and past
/// [`MAX_READ_DEPTH`] whatever that says) and notes
/// whether anything is past the size limits; only then does a walk find where.
pub(crate) fn parse_json<'b>(
    bytes: &'b [u8],
    limits: &Limits,
) -> Result<(Json<'b>, Vec<Issue>), Issue> {
    if bytes.len() > limits.max_input_bytes {
        return Err(Issue {
            code: Code::TooLarge,
            severity: Severity::Error,
            path: String::new(),
            message: format!(
                "the body is {} bytes, over the limit of {} bytes this library reads; it was not checked",
                bytes.len(),
                limits.max_input_bytes
            ),
        });
    }
    let bytes = without_bom(bytes);
    let parse_limits = ParseLimits {
        max_depth: limits.max_depth.min(MAX_READ_DEPTH),
        max_string_bytes: limits.max_string_bytes,
        max_fields: limits.max_fields,
    };
    let parsed =
        json_tree::parse(bytes, &parse_limits).map_err(|error| describe(&error, limits))?;
    let issues = if parsed.oversized {
        size_issues(&parsed.value, limits)
    } else {
        Vec::new()
    };
    Ok((parsed.value, issues))
}

/// Whether `value` nests arrays and objects more than `max_depth` levels deep. The walk keeps
/// its own stack, so a value built in Rust with any nesting is measured without recursion.
pub(crate) fn exceeds_depth(value: &Value, max_depth: usize) -> bool {
    let mut pending: Vec<(&Value, usize)> = vec![(value, 0)];
    while let Some((value, depth)) = pending.pop() {
        let below = depth.saturating_add(1);
        match value {
            Value::Array(_) | Value::Object(_) if depth >= max_depth => return true,
            Value::Array(items) => pending.extend(items.iter().map(|item| (item, below))),
            Value::Object(map) => pending.extend(map.values().map(|member| (member, below))),
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
        }
    }
    false
}

/// The issue for a body nested past the limit.
pub(crate) fn too_deep(max_depth: usize) -> Issue {
    Issue {
        code: Code::TooDeep,
        severity: Severity::Error,
        path: String::new(),
        message: format!("the body nests arrays and objects more than {max_depth} levels deep"),
    }
}

/// Warnings for strings and keys longer than [`Limits::max_string_bytes`] and objects with more
/// members than [`Limits::max_fields`], each at its own path. `value` must already be within
/// [`Limits::max_depth`] (see [`exceeds_depth`]), which bounds the recursion.
pub(crate) fn size_issues(value: &Json, limits: &Limits) -> Vec<Issue> {
    let mut issues = Vec::new();
    walk_sizes(value, &Path::ROOT, 0, limits, &mut issues);
    issues
}

/// Adds the size warnings of `value`, found at `depth`, to `issues`; returns `false` (and stops)
/// when arrays and objects nest past [`Limits::max_depth`].
fn walk_sizes(
    value: &Json,
    path: &Path,
    depth: usize,
    limits: &Limits,
    issues: &mut Vec<Issue>,
) -> bool {
    let below = depth.saturating_add(1);
    match value {
        Json::Array(_) | Json::Object(_) if depth >= limits.max_depth => false,
        Json::String(text) => {
            check_string_length(text, "a string", path, limits, issues);
            true
        }
        Json::Array(items) => items
            .iter()
            .enumerate()
            .all(|(index, item)| walk_sizes(item, &path.index(index), below, limits, issues)),
        Json::Object(map) => {
            if map.len() > limits.max_fields {
                issues.push(Issue {
                    code: Code::TooMany,
                    severity: Severity::Warning,
                    path: path.render(),
                    message: format!(
                        "the object has {} members, over the limit of {} this library expects of any request object",
                        map.len(),
                        limits.max_fields
                    ),
                });
            }
            map.iter().all(|(key, member)| {
                let member_path = path.key(key);
                check_string_length(key, "the key", &member_path, limits, issues);
                walk_sizes(member, &member_path, below, limits, issues)
            })
        }
        Json::Null | Json::Bool(_) | Json::Number(_) => true,
    }
}

fn check_string_length(
    text: &str,
    what: &str,
    path: &Path,
    limits: &Limits,
    issues: &mut Vec<Issue>,
) {
    if text.len() > limits.max_string_bytes {
        issues.push(Issue {
            code: Code::TooLarge,
            severity: Severity::Warning,
            path: path.render(),
            message: format!(
                "{what} is {} bytes long, over the limit of {} bytes this library expects; the API documents no limit, but such a value is most likely a mistake",
                text.len(),
                limits.max_string_bytes
            ),
        });
    }
}

fn describe(error: &ParseError, limits: &Limits) -> Issue {
    let reason = match error.reason {
        Reason::TooDeep => return too_deep(limits.max_depth),
        Reason::Syntax(reason) => reason,
    };
    Issue {
        code: Code::InvalidJson,
        severity: Severity::Error,
        path: String::new(),
        message: format!(
            "the body is not valid JSON: {reason} at line {} column {}",
            error.line, error.column
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(max_depth: usize) -> Limits {
        Limits {
            max_depth,
            ..Limits::default()
        }
    }

    #[test]
    fn accepts_a_leading_bom() {
        assert!(parse_json(b"\xEF\xBB\xBF{\"a\":1}", &Limits::default()).is_ok());
    }

    #[test]
    fn reports_syntax_errors_with_their_position() {
        let issue = parse_json(b"{\"a\":\n  1,}", &depth(64)).unwrap_err();
        assert_eq!(issue.code, Code::InvalidJson);
        assert!(issue.message.contains("line 2"), "{}", issue.message);
    }

    #[test]
    fn reports_invalid_utf8_and_lone_surrogates() {
        assert_eq!(
            parse_json(b"\"\xff\"", &depth(64)).unwrap_err().code,
            Code::InvalidJson
        );
        assert_eq!(
            parse_json(br#""\ud800""#, &depth(64)).unwrap_err().code,
            Code::InvalidJson
        );
    }

    #[test]
    fn reports_nesting_past_the_limit_as_too_deep() {
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert_eq!(
            parse_json(deep.as_bytes(), &depth(64)).unwrap_err().code,
            Code::TooDeep
        );
        let very_deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(
            parse_json(very_deep.as_bytes(), &depth(64))
                .unwrap_err()
                .code,
            Code::TooDeep
        );
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(parse_json(ok.as_bytes(), &depth(64)).is_ok());
    }
}
