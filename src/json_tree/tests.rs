//! The reader against serde_json's, on generated documents and on the edge cases of RFC 8259.

use std::borrow::Cow;

use proptest::prelude::*;
use serde_json::{json, Value};

use super::{parse, parse_value, Json, ParseLimits, Reason};

fn read(text: &str) -> Result<Value, String> {
    parse_value(text.as_bytes()).map_err(|error| error.to_string())
}

fn reason(text: &str) -> Reason {
    match parse(text.as_bytes(), &ParseLimits::ARGUMENTS) {
        Ok(_) => panic!("{text:?} was read"),
        Err(error) => error.reason,
    }
}

/// Whether two values are equal, doubles allowed to differ in the last place: serde_json's
/// default float reader is not always correctly rounded, ours is.
fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || ((x - y) / x).abs() < 1e-15
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| close(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, p)| y.get(key).is_some_and(|q| close(p, q)))
        }
        _ => a == b,
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".*".prop_map(Value::String),
        "[a-z\"\\\\/\u{0}-\u{1f}\u{e9}\u{1F600}]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..8)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn reads_back_what_serde_json_writes(value in any_value()) {
        let compact = serde_json::to_string(&value).unwrap();
        prop_assert_eq!(read(&compact).unwrap(), value.clone());
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        prop_assert_eq!(read(&pretty).unwrap(), value);
    }

    #[test]
    fn accepts_and_refuses_what_serde_json_does(text in "[\\[\\]{}\",:0-9.eE+\\- a-z\\\\\u{e9}\n]{0,24}") {
        let theirs: Result<Value, _> = serde_json::from_str(&text);
        let ours = read(&text);
        match (&theirs, &ours) {
            (Ok(a), Ok(b)) => prop_assert!(close(a, b), "{text:?}: {a} vs {b}"),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "{text:?}: serde_json {theirs:?}, ours {ours:?}"),
        }
    }

    #[test]
    fn never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let theirs = serde_json::from_slice::<Value>(&bytes).is_ok();
        prop_assert_eq!(parse_value(&bytes).is_ok(), theirs);
    }
}

#[test]
fn borrows_strings_without_escapes_and_copies_the_others() {
    let parsed = parse(
        br#"{"plain":"text","escaped":"a\nb"}"#,
        &ParseLimits::ARGUMENTS,
    )
    .unwrap();
    assert!(matches!(
        parsed.value.get("plain"),
        Some(Json::String(Cow::Borrowed("text")))
    ));
    assert!(
        matches!(parsed.value.get("escaped"), Some(Json::String(Cow::Owned(text))) if text == "a\nb")
    );
}

#[test]
fn reads_numbers_as_serde_json_does() {
    let value = read("[0, -0, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809, 1.5e3, 1E-2]").unwrap();
    let expected: Value = serde_json::from_str("[0, -0, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809, 1.5e3, 1E-2]").unwrap();
    assert_eq!(value, expected);
    assert!(value[1].is_f64(), "-0 is a double, as in serde_json");
    assert_eq!(value[4].as_i64(), Some(i64::MIN));
    assert_eq!(reason("1e400"), Reason::Syntax("number out of range"));
    for bad in ["01", "1.", ".5", "-", "1e", "+1", "0x10", "NaN", "Infinity"] {
        assert!(read(bad).is_err(), "{bad}");
    }
}

#[test]
fn decodes_escapes_and_surrogate_pairs() {
    assert_eq!(
        read(r#""\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00""#).unwrap(),
        json!("\" \\ / \u{8} \u{c} \n \r \t é 😀")
    );
    for lone in [
        r#""\ud800""#,
        r#""\udc00""#,
        r#""\ud800\u0041""#,
        r#""\ud800x""#,
    ] {
        assert!(read(lone).is_err(), "{lone}");
    }
    assert!(read("\"tab\there\"").is_err(), "a raw control character");
    assert!(read(r#""\x""#).is_err());
    assert!(read(r#""\u12""#).is_err());
}

#[test]
fn keeps_the_last_value_of_a_repeated_key_at_its_first_place() {
    let parsed = parse(br#"{"b":1,"a":2,"b":3}"#, &ParseLimits::ARGUMENTS).unwrap();
    let members: Vec<(&str, &Json)> = parsed.value.as_object().unwrap().iter().collect();
    assert_eq!(
        members,
        [
            ("b", &Json::Number(3.into())),
            ("a", &Json::Number(2.into()))
        ]
    );
    let many: String = (0..40).map(|i| format!("\"k{}\":{i},", i % 20)).collect();
    let text = format!("{{{}}}", many.trim_end_matches(','));
    let parsed = parse(text.as_bytes(), &ParseLimits::ARGUMENTS).unwrap();
    let object = parsed.value.as_object().unwrap();
    assert_eq!(object.len(), 20);
    assert_eq!(object.get("k0"), Some(&Json::Number(20.into())));
}

#[test]
fn reports_what_is_wrong_and_where() {
    let error = parse(b"{\"a\":\n  1,}", &ParseLimits::ARGUMENTS).unwrap_err();
    assert_eq!(error.to_string(), "trailing comma at line 2 column 5");
    assert_eq!(reason("[1 2]"), Reason::Syntax("expected `,` or `]`"));
    assert_eq!(reason("{1:2}"), Reason::Syntax("key must be a string"));
    assert_eq!(reason("{\"a\" 2}"), Reason::Syntax("expected `:`"));
    assert_eq!(reason("[1] x"), Reason::Syntax("trailing characters"));
    assert_eq!(reason(""), Reason::Syntax("EOF while parsing a value"));
    assert_eq!(
        reason("\"abc"),
        Reason::Syntax("EOF while parsing a string")
    );
    assert_eq!(reason("tru"), Reason::Syntax("expected ident"));
    let error = parse(b"\"\xff\"", &ParseLimits::ARGUMENTS).unwrap_err();
    assert_eq!(error.reason, Reason::Syntax("invalid unicode code point"));
}

#[test]
fn stops_past_the_depth_limit_and_flags_sizes() {
    let limits = ParseLimits {
        max_depth: 3,
        max_string_bytes: 4,
        max_fields: 2,
    };
    assert!(parse(b"[[[1]]]", &limits).is_ok());
    assert_eq!(
        parse(b"[[[[1]]]]", &limits).unwrap_err().reason,
        Reason::TooDeep
    );
    let deep = "[".repeat(100_000);
    assert_eq!(
        parse(deep.as_bytes(), &limits).unwrap_err().reason,
        Reason::TooDeep
    );
    assert!(
        !parse(br#"{"abcd":"wxyz","b":1}"#, &limits)
            .unwrap()
            .oversized
    );
    assert!(parse(br#"{"a":"vwxyz"}"#, &limits).unwrap().oversized);
    assert!(parse(br#"{"abcde":1}"#, &limits).unwrap().oversized);
    assert!(parse(br#"{"a":1,"b":2,"c":3}"#, &limits).unwrap().oversized);
}

#[test]
fn round_trips_through_the_borrowed_view() {
    let value = json!({"z": [1, -2, 2.5, null, true, "s"], "a": {"nested": {}}});
    assert_eq!(Json::borrowed(&value).into_value(), value);
    assert!(Json::borrowed(&value).same_as(&value));
    assert_eq!(Json::borrowed(&value).to_json_text(), value.to_string());
}
