//! Turning request bytes into a JSON value, with problems reported as issues, not errors.

use serde_json::Value;

use crate::{Code, Issue, Severity};

/// The UTF-8 byte order mark, which editors sometimes put in front of JSON files.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses one JSON document, or describes why it is not one.
pub(crate) fn parse_json(bytes: &[u8], max_depth: usize) -> Result<Value, Issue> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let value: Value =
        serde_json::from_slice(bytes).map_err(|error| describe(&error, max_depth))?;
    if exceeds_depth(&value, max_depth) {
        return Err(too_deep(max_depth));
    }
    Ok(value)
}

/// Whether `value` nests arrays and objects more than `max_depth` levels deep.
pub(crate) fn exceeds_depth(value: &Value, max_depth: usize) -> bool {
    fn walk(value: &Value, remaining: usize) -> bool {
        match value {
            Value::Array(items) => remaining == 0 || items.iter().any(|v| walk(v, remaining - 1)),
            Value::Object(map) => remaining == 0 || map.values().any(|v| walk(v, remaining - 1)),
            _ => false,
        }
    }
    walk(value, max_depth)
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

fn describe(error: &serde_json::Error, max_depth: usize) -> Issue {
    let text = error.to_string();
    if text.starts_with("recursion limit exceeded") {
        return too_deep(max_depth);
    }
    let reason = text.split(" at line ").next().unwrap_or(&text).to_string();
    let message = if error.line() == 0 {
        format!("the body is not valid JSON: {reason}")
    } else {
        format!(
            "the body is not valid JSON: {reason} at line {} column {}",
            error.line(),
            error.column()
        )
    };
    Issue {
        code: Code::InvalidJson,
        severity: Severity::Error,
        path: String::new(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_leading_bom() {
        assert!(parse_json(b"\xEF\xBB\xBF{\"a\":1}", 64).is_ok());
    }

    #[test]
    fn reports_syntax_errors_with_their_position() {
        let issue = parse_json(b"{\"a\":\n  1,}", 64).unwrap_err();
        assert_eq!(issue.code, Code::InvalidJson);
        assert!(issue.message.contains("line 2"), "{}", issue.message);
    }

    #[test]
    fn reports_invalid_utf8_and_lone_surrogates() {
        assert_eq!(
            parse_json(b"\"\xff\"", 64).unwrap_err().code,
            Code::InvalidJson
        );
        assert_eq!(
            parse_json(br#""\ud800""#, 64).unwrap_err().code,
            Code::InvalidJson
        );
    }

    #[test]
    fn reports_nesting_past_the_limit_as_too_deep() {
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert_eq!(
            parse_json(deep.as_bytes(), 64).unwrap_err().code,
            Code::TooDeep
        );
        let very_deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(
            parse_json(very_deep.as_bytes(), 64).unwrap_err().code,
            Code::TooDeep
        );
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(parse_json(ok.as_bytes(), 64).is_ok());
    }
}
