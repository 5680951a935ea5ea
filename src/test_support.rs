//! Shared helpers for native tests: the API contract fixture and tokens to edit.

use crate::api::dto::{ModuleRef, Token};
use crate::components::format::DateWords;
use serde_json::{json, Value};

/// The JSON Schema contract (tests/fixtures/marketplace-api.schema.json).
pub fn contract() -> Value {
    serde_json::from_str(include_str!(
        "../tests/fixtures/marketplace-api.schema.json"
    ))
    .expect("the contract fixture is valid JSON")
}

/// A validator for one named schema of the contract.
pub fn validator_for(name: &str) -> jsonschema::Validator {
    let mut schema = json!({ "$ref": format!("#/$defs/{name}") });
    schema["$defs"] = contract()["$defs"].clone();
    jsonschema::validator_for(&schema).expect("the contract's schemas compile")
}

/// The validator of `UpdateApiTokenDto`, the PUT body.
pub fn update_dto_validator() -> jsonschema::Validator {
    validator_for("UpdateApiTokenDto")
}

/// A token with this name, description and module ids (everything else default).
pub fn token(name: &str, description: Option<&str>, modules: &[&str]) -> Token {
    Token {
        id: "TKN-1234-1234".into(),
        name: name.into(),
        description: description.map(str::to_string),
        modules: modules
            .iter()
            .map(|id| ModuleRef {
                id: id.to_string(),
                ..Default::default()
            })
            .collect(),
        ..Token::default()
    }
}

/// Decodes `%XX` escapes (what a query string carries) back to the text they stand for, so tests
/// can read the RQL and URL parameters the app writes.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("a %XX escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 after decoding")
}

/// A reader for the one shape the builder emits inside a filter: a double-quoted literal
/// with backslash escapes. Returns the literal's characters, each marked escaped or not,
/// and the text after the closing quote.
pub fn read_literal(decoded: &str) -> (Vec<(char, bool)>, String) {
    let mut chars = decoded.chars();
    assert_eq!(
        chars.next(),
        Some('"'),
        "literal must open with a quote: {decoded}"
    );
    let mut out = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push((chars.next().expect("escape at end"), true)),
            '"' => return (out, chars.collect()),
            c => out.push((c, false)),
        }
    }
    panic!("unterminated literal: {decoded}");
}

/// Dates written as their input wrapped in the method's name (`date(2026-01-01T…)`), so a test
/// of the row builders sees which method wrote what, in any time zone.
pub struct FixedDates;

impl DateWords for FixedDates {
    fn date(&self, iso: Option<&str>) -> String {
        iso.map_or("—".into(), |s| format!("date({s})"))
    }
    fn time(&self, iso: Option<&str>) -> String {
        iso.map_or(String::new(), |s| format!("time({s})"))
    }
    fn date_time(&self, iso: Option<&str>) -> String {
        iso.map_or("—".into(), |s| format!("at({s})"))
    }
    fn ago(&self, iso: Option<&str>) -> String {
        iso.map_or("Never".into(), |s| format!("ago({s})"))
    }
}
