//! Shared helpers for native tests: the API contract fixture and tokens to edit.

use crate::api::dto::{ModuleRef, Token};
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
