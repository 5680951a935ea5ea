//! The audit API over real HTTP: records listed and read per the audit contract fixture and in
//! the shape of the docs' example record, one record per change written with the change (the
//! token after it, no invented before-snapshot), details rendered on `render()`, seeded
//! history, never a secret.

use crate::support::{Sandbox, SECRET};
use serde_json::{json, Value};

const RECORDS: &str = "/public/v1/audit/records";
const TOKENS: &str = "/public/v1/accounts/api-tokens";
const ROBOT_1: &str = "TKN-1234-1234";

/// Asserts that `body` is what the audit contract says `op` answers with `status`.
fn assert_audit_contract(op: &str, status: u16, body: &Value) {
    let contract: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/marketplace-audit.schema.json"
    ))
    .unwrap();
    let name = contract["operations"][op]["responses"][status.to_string()]
        .as_str()
        .unwrap_or_else(|| panic!("the audit contract has no {op} {status}"));
    let mut schema = json!({ "$ref": format!("#/$defs/{name}") });
    schema["$defs"] = contract["$defs"].clone();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{op} {status}: {errors:?}\n{body}");
}

/// The trail of one token, newest first (what the app's tab asks for).
async fn trail(sb: &Sandbox, id: &str) -> Vec<Value> {
    let (status, body) = sb
        .call(
            "GET",
            &format!("{RECORDS}?eq(object.id,{id})&order=-timestamp,-id&limit=100"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_audit_contract("GET /public/v1/audit/records", 200, &body);
    body["data"].as_array().unwrap().clone()
}

fn events(records: &[Value]) -> Vec<&str> {
    records
        .iter()
        .map(|r| r["event"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn every_demo_token_has_a_seeded_history_that_ends_in_its_state() {
    let sb = Sandbox::start().await;
    let (_, all) = sb
        .call("GET", &format!("{TOKENS}?select=audit&limit=100"), None)
        .await;
    let mut changed = 0;
    for token in all["data"].as_array().unwrap() {
        let id = token["id"].as_str().unwrap();
        let records = trail(&sb, id).await;
        assert_eq!(
            events(&records).last(),
            Some(&"platform.accounts.apiToken.created"),
            "{id}: the oldest record is its creation"
        );
        let newest = &records[0]["documents"]["apiToken"];
        for field in ["name", "status", "modules"] {
            assert_eq!(
                newest[field], token[field],
                "{id}: {field} after the last record"
            );
        }
        if records.len() > 1 {
            changed += 1;
            assert_eq!(
                token["audit"]["updated"]["at"], records[0]["timestamp"],
                "{id}: audit.updated is the last change"
            );
        }
    }
    assert!(
        changed > 10,
        "only {changed} tokens have a history of changes"
    );
}

/// The sorted keys of an object.
fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

/// Regression: records carried `documents.apiTokenBefore`, which the platform never sends,
/// and no geolocation.
#[tokio::test]
async fn a_record_has_the_shape_of_the_docs_example() {
    let example: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/audit-record-example.json"
    ))
    .unwrap();
    let sb = Sandbox::start().await;
    // A seeded record: its request has a known address with its geolocation.
    let record = &trail(&sb, ROBOT_1).await[0];
    for (path, ours, theirs) in [
        ("record", record, &example),
        ("actor", &record["actor"], &example["actor"]),
        (
            "actor.account",
            &record["actor"]["account"],
            &example["actor"]["account"],
        ),
        ("request", &record["request"], &example["request"]),
        (
            "request.api",
            &record["request"]["api"],
            &example["request"]["api"],
        ),
        (
            "request.api.geolocation",
            &record["request"]["api"]["geolocation"],
            &example["request"]["api"]["geolocation"],
        ),
        ("viewers[0]", &record["viewers"][0], &example["viewers"][0]),
    ] {
        assert_eq!(keys(ours), keys(theirs), "{path}: {ours}");
    }
    // The object as the docs' field table shows it (id, name, icon, objectType).
    assert_eq!(
        keys(&record["object"]),
        ["icon", "id", "name", "objectType"]
    );
    // Documents: the object after the event, and the actor, as in the example.
    assert_eq!(keys(&record["documents"]), ["actor", "apiToken"]);
    assert_eq!(record["documents"]["actor"], record["actor"]);
    assert_eq!(example["documents"]["actor"], example["actor"]);
}

#[tokio::test]
async fn details_are_a_template_that_render_fills() {
    let sb = Sandbox::start().await;
    let raw = &trail(&sb, ROBOT_1).await.last().cloned().unwrap();
    assert_eq!(
        raw["details"],
        "The API token \u{201c}{apiToken.name}\u{201d} ({apiToken.id}) was created by {actor.name}."
    );
    let query = format!(
        "{RECORDS}?render()&eq(object.id,{ROBOT_1})&order=timestamp&limit=1&select=-documents"
    );
    let (status, page) = sb.call("GET", &query, None).await;
    assert_eq!(status, 200, "{page}");
    let created_by = raw["actor"]["name"].as_str().unwrap();
    let name = raw["documents"]["apiToken"]["name"].as_str().unwrap();
    assert_eq!(
        page["data"][0]["details"],
        format!("The API token \u{201c}{name}\u{201d} ({ROBOT_1}) was created by {created_by}.")
    );
    let id = raw["id"].as_str().unwrap();
    let (status, one) = sb
        .call("GET", &format!("{RECORDS}/{id}?render()"), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(one["details"], page["data"][0]["details"]);
}

#[tokio::test]
async fn each_change_writes_one_record_with_the_token_after_it() {
    let sb = Sandbox::start().await;
    let before = trail(&sb, ROBOT_1).await.len();

    let (status, _) = sb
        .call(
            "PUT",
            &format!("{TOKENS}/{ROBOT_1}"),
            Some(json!({"name": "Robot 1 (prod)"})),
        )
        .await;
    assert_eq!(status, 200);
    let records = trail(&sb, ROBOT_1).await;
    assert_eq!(records.len(), before + 1);
    let update = &records[0];
    assert_eq!(update["event"], "platform.accounts.apiToken.updated");
    assert_eq!(update["summary"], "API token updated");
    assert_eq!(keys(&update["documents"]), ["actor", "apiToken"]);
    assert_eq!(update["documents"]["apiToken"]["name"], "Robot 1 (prod)");
    // The token before the change is the previous record's snapshot.
    assert_eq!(records[1]["documents"]["apiToken"]["name"], "Robot 1");
    assert_eq!(
        update["object"],
        json!({"id": ROBOT_1, "name": "Robot 1 (prod)", "icon": null, "objectType": "ApiToken"})
    );
    assert_eq!(update["actor"]["name"], "Sarah Sanderson");
    assert_eq!(update["actor"]["account"]["id"], "ACC-1234-5678");
    assert_eq!(update["request"]["api"]["ip"], "127.0.0.1");
    assert!(update["request"]["api"].get("geolocation").is_none());
    assert!(update["details"]
        .as_str()
        .unwrap()
        .ends_with(": name changed."));

    let (status, _) = sb
        .call("POST", &format!("{TOKENS}/{ROBOT_1}/disable"), None)
        .await;
    assert_eq!(status, 200);
    let (status, _) = sb
        .call("POST", &format!("{TOKENS}/{ROBOT_1}/enable"), None)
        .await;
    assert_eq!(status, 200);
    let (status, _) = sb
        .call("DELETE", &format!("{TOKENS}/{ROBOT_1}"), None)
        .await;
    assert_eq!(status, 204);
    let records = trail(&sb, ROBOT_1).await;
    assert_eq!(
        events(&records[..3]),
        [
            "platform.accounts.apiToken.deleted",
            "platform.accounts.apiToken.enabled",
            "platform.accounts.apiToken.disabled",
        ]
    );
    assert_eq!(records[3]["documents"]["apiToken"]["status"], "Active");
    assert_eq!(records[2]["documents"]["apiToken"]["status"], "Disabled");
    assert_eq!(records[1]["documents"]["apiToken"]["status"], "Active");
    // After a deletion the token is deleted.
    assert_eq!(records[0]["documents"]["apiToken"]["status"], "Deleted");
    assert_eq!(records[0]["documents"]["apiToken"]["id"], ROBOT_1);
}

#[tokio::test]
async fn a_rejected_change_writes_no_record() {
    let sb = Sandbox::start().await;
    let before = trail(&sb, ROBOT_1).await.len();
    let (status, _) = sb
        .call(
            "PUT",
            &format!("{TOKENS}/{ROBOT_1}"),
            Some(json!({"name": ""})),
        )
        .await;
    assert_eq!(status, 400);
    // Robot 1 is Active in the demo data: enabling it again is refused.
    let (status, _) = sb
        .call("POST", &format!("{TOKENS}/{ROBOT_1}/enable"), None)
        .await;
    assert_eq!(status, 400);
    assert_eq!(trail(&sb, ROBOT_1).await.len(), before);
}

#[tokio::test]
async fn a_created_token_has_its_creation_recorded_and_no_record_holds_a_secret() {
    let sb = Sandbox::start().await;
    let (status, created) = sb
        .call(
            "POST",
            TOKENS,
            Some(json!({"name": "Audit probe", "account": {"id": "ACC-1234-5678"}, "modules": [{"id": "MOD-1002"}]})),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap();
    let secret = created["token"].as_str().unwrap();
    let records = trail(&sb, id).await;
    assert_eq!(events(&records), ["platform.accounts.apiToken.created"]);
    assert_eq!(records[0]["documents"]["apiToken"]["name"], "Audit probe");
    assert_eq!(keys(&records[0]["documents"]), ["actor", "apiToken"]);

    // Acting with the new token's secret: the actor is the token.
    let (status, _) = sb
        .call_as(
            Some(secret),
            "PUT",
            &format!("{TOKENS}/{id}"),
            Some(json!({"description": "probe"})),
        )
        .await;
    assert_eq!(status, 200);
    let records = trail(&sb, id).await;
    assert_eq!(records[0]["actor"]["id"], id);
    assert_eq!(records[0]["actor"]["name"], "Audit probe");

    let (_, everything) = sb
        .call(
            "GET",
            &format!("{RECORDS}?limit=100&order=-timestamp"),
            None,
        )
        .await;
    let text = everything.to_string();
    assert!(!text.contains(secret), "a record holds the new secret");
    assert!(!text.contains("idt:"), "a record holds a secret");
    assert!(!text.contains(SECRET));
}

#[tokio::test]
async fn records_page_select_and_read_one_by_one() {
    let sb = Sandbox::start().await;
    let all = trail(&sb, ROBOT_1).await;
    let query = format!(
        "{RECORDS}?eq(object.id,{ROBOT_1})&order=-timestamp,-id&limit=1&offset=1&select=-documents"
    );
    let (status, page) = sb.call("GET", &query, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        page["$meta"]["pagination"],
        json!({"offset": 1, "limit": 1, "total": all.len()})
    );
    assert_eq!(page["$meta"]["omitted"], json!(["documents"]));
    assert_eq!(page["data"][0]["id"], all[1]["id"]);
    assert!(page["data"][0].get("documents").is_none());

    let id = all[0]["id"].as_str().unwrap();
    assert!(id.starts_with("AUD-"), "{id}");
    let (status, one) = sb.call("GET", &format!("{RECORDS}/{id}"), None).await;
    assert_eq!(status, 200);
    assert_audit_contract("GET /public/v1/audit/records/{id}", 200, &one);
    assert_eq!(one, all[0]);

    let (status, missing) = sb
        .call("GET", &format!("{RECORDS}/AUD-0000-0000-0000-0000"), None)
        .await;
    assert_eq!(status, 404);
    assert_audit_contract("GET /public/v1/audit/records/{id}", 404, &missing);

    let (status, _) = sb.call_as(None, "GET", RECORDS, None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn records_filter_by_event_and_actor_across_objects() {
    let sb = Sandbox::start().await;
    let (status, body) = sb
        .call(
            "GET",
            &format!(
                "{RECORDS}?and(eq(event,platform.accounts.apiToken.disabled),eq(actor.id,\"USR-1234-1250-2233\"))&limit=100"
            ),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let data = body["data"].as_array().unwrap();
    assert!(!data.is_empty());
    assert!(data
        .iter()
        .all(|r| r["event"] == "platform.accounts.apiToken.disabled"
            && r["actor"]["id"] == "USR-1234-1250-2233"));
}
