//! The hostile corpus in `tests/fixtures/hostile/`: every `*.case.json` names an input (a file
//! beside it, or parts to generate, so megabytes are not committed), the function to run, and the
//! expected report; this test runs each case natively and compares.
//!
//! A case's `expect` may hold `valid`, `issues` (the exact list, each entry matching on the keys
//! it gives: `code`, `path`, `severity`, `line`), `contains` (entries that must each match some
//! issue), `count` (the number of issues), `bodies` and `blankLines` (NDJSON), and `customer`
//! (members the built customer must have). The format is described in the folder's README.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use voucherify_sync::{
    build_customer, diff_customer, prepare_stackable_request, summarize_result, BuildOptions,
    CsvKind, CsvOptions, CsvValidator, DiffOptions, Operation, PrepareOptions, Validator,
};

/// Generous for a debug build on a busy machine; quadratic work on 100 000 elements takes hours.
const TIME_LIMIT: Duration = Duration::from_secs(30);

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// Every case file, sorted by name.
fn cases() -> Vec<(String, Value)> {
    let mut cases: Vec<(String, Value)> = std::fs::read_dir(corpus_dir())
        .expect("the hostile corpus folder")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.to_string_lossy().ends_with(".case.json"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable case");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).expect("a case is JSON"))
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

/// The input bytes of a case: its `input` file, or its `generate` parts concatenated (each part's
/// `text` repeated `times` times, `{i}` replaced by the repetition's index).
fn input_of(case: &Value) -> Vec<u8> {
    if let Some(file) = case["input"].as_str() {
        return std::fs::read(corpus_dir().join(file)).expect("the case's input file");
    }
    let mut out = Vec::new();
    for part in case["generate"].as_array().expect("input or generate") {
        let text = part["text"].as_str().expect("a part's text");
        let times = part["times"].as_u64().unwrap_or(1);
        for index in 0..times {
            if text.contains("{i}") {
                out.extend_from_slice(text.replace("{i}", &index.to_string()).as_bytes());
            } else {
                out.extend_from_slice(text.as_bytes());
            }
        }
    }
    out
}

/// Runs the case's function natively; the result as the JSON the package would return.
fn run(case: &Value, input: &[u8]) -> Value {
    let function = case["function"].as_str().expect("a function");
    let operation = || Operation::parse(case["operation"].as_str().unwrap()).unwrap();
    let parsed = || -> Value { serde_json::from_slice(input).expect("the input is JSON") };
    let result = match function {
        "validatePayload" => {
            serde_json::to_value(Validator::default().validate_bytes(operation(), input))
        }
        "validatePayloads" => {
            serde_json::to_value(Validator::default().validate_ndjson(operation(), input))
        }
        "buildCustomer" => {
            serde_json::to_value(build_customer(&parsed(), &BuildOptions::default()).unwrap())
        }
        "prepareStackableRequest" => serde_json::to_value(
            prepare_stackable_request(&parsed(), &PrepareOptions::default()).unwrap(),
        ),
        "summarizeResult" => serde_json::to_value(summarize_result(&parsed()).unwrap()),
        "diffCustomer" => {
            let pair = parsed();
            serde_json::to_value(
                diff_customer(&pair[0], &pair[1], &DiffOptions::default()).unwrap(),
            )
        }
        "validateCsv" => {
            let kind =
                CsvKind::parse(case["kind"].as_str().expect("a CSV kind")).expect("a known kind");
            let mut validator = CsvValidator::new(kind, CsvOptions::default()).unwrap();
            validator.push(input);
            serde_json::to_value(validator.finish())
        }
        other => panic!("unknown function {other}"),
    };
    result.expect("the result serializes")
}

/// Whether `issue` has every member `expected` gives.
fn matches(issue: &Value, expected: &Value) -> bool {
    expected
        .as_object()
        .unwrap()
        .iter()
        .all(|(key, value)| &issue[key] == value)
}

fn summary(issues: &[Value]) -> Vec<String> {
    issues
        .iter()
        .take(20)
        .map(|issue| format!("{} {} {}", issue["code"], issue["path"], issue["severity"]))
        .collect()
}

fn check(name: &str, case: &Value, actual: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    let expect = &case["expect"];
    let issues = actual["issues"].as_array().cloned().unwrap_or_default();
    if let Some(valid) = expect.get("valid") {
        if &actual["valid"] != valid {
            failures.push(format!(
                "{name}: valid is {}, expected {valid}",
                actual["valid"]
            ));
        }
    }
    if let Some(expected) = expect["issues"].as_array() {
        let same = issues.len() == expected.len()
            && issues.iter().zip(expected).all(|(a, e)| matches(a, e));
        if !same {
            failures.push(format!(
                "{name}: issues {:?}, expected {expected:?}",
                summary(&issues)
            ));
        }
    }
    for expected in expect["contains"].as_array().into_iter().flatten() {
        if !issues.iter().any(|issue| matches(issue, expected)) {
            failures.push(format!(
                "{name}: no issue like {expected} among {:?}",
                summary(&issues)
            ));
        }
    }
    if let Some(count) = expect["count"].as_u64() {
        if issues.len() as u64 != count {
            failures.push(format!("{name}: {} issues, expected {count}", issues.len()));
        }
    }
    for key in ["bodies", "blankLines", "rows", "validRows", "invalidRows"] {
        if let Some(value) = expect.get(key) {
            if &actual[key] != value {
                failures.push(format!(
                    "{name}: {key} is {}, expected {value}",
                    actual[key]
                ));
            }
        }
    }
    if let Some(customer) = expect["customer"].as_object() {
        for (key, value) in customer {
            if &actual["customer"][key] != value {
                failures.push(format!(
                    "{name}: customer.{key} is {}, expected {value}",
                    actual["customer"][key]
                ));
            }
        }
    }
    failures
}

#[test]
fn every_hostile_case_gets_its_expected_report_in_time() {
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let input = input_of(case);
        let started = Instant::now();
        let actual = run(case, &input);
        let took = started.elapsed();
        if took > TIME_LIMIT {
            failures.push(format!("{name}: took {took:?}"));
        }
        failures.extend(check(name, case, &actual));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_case_names_an_existing_input_and_a_description() {
    for (name, case) in cases() {
        assert!(case["description"].is_string(), "{name} has no description");
        assert!(case["expect"].is_object(), "{name} has no expect");
        if let Some(file) = case["input"].as_str() {
            assert!(corpus_dir().join(file).is_file(), "{name}: no file {file}");
        } else {
            assert!(
                case["generate"].is_array(),
                "{name}: neither input nor generate"
            );
        }
    }
}
