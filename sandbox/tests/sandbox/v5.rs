//! The v5 fields (the update endpoint's own OpenAPI, 5.0.5521): `revision` on tokens and
//! references, module `filters` kept as a client sends them back, obsolete modules, a token's
//! `extensions` and `icon`.

use crate::support::{assert_contract, Sandbox};
use serde_json::{json, Value};

const TOKENS: &str = "/public/v1/accounts/api-tokens";
/// A demo token whose first module is limited to buyers (the seed's `buyer_limit`).
const LIMITED: &str = "TKN-1234-1237";

fn module<'a>(token: &'a Value, id: &str) -> &'a Value {
    token["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("{id} not on {token}"))
}

#[tokio::test]
async fn revision_is_1_on_create_and_one_more_on_every_write() {
    let sb = Sandbox::start().await;
    let (status, created) = sb
        .call("POST", TOKENS, Some(json!({"name": "Revisions"})))
        .await;
    assert_eq!(status, 201, "{created}");
    assert_contract("POST /public/v1/accounts/api-tokens", 201, &created);
    assert_eq!(created["revision"], 1);
    let id = created["id"].as_str().unwrap();
    let one = format!("{TOKENS}/{id}");
    let (_, renamed) = sb
        .call("PUT", &one, Some(json!({"name": "Revisions 2"})))
        .await;
    assert_eq!(renamed["revision"], 2);
    let (_, disabled) = sb.call("POST", &format!("{one}/disable"), None).await;
    assert_eq!(disabled["revision"], 3);
    let (_, enabled) = sb.call("POST", &format!("{one}/enable"), None).await;
    assert_eq!(enabled["revision"], 4);
    // A refused write changes nothing, its revision included.
    let (status, _) = sb.call("POST", &format!("{one}/enable"), None).await;
    assert_eq!(status, 400);
    let (_, read) = sb.call("GET", &one, None).await;
    assert_contract("GET /public/v1/accounts/api-tokens/{id}", 200, &read);
    assert_eq!(read["revision"], 4);
    // References carry theirs too.
    assert_eq!(read["account"]["revision"], 1);
    for m in read["modules"].as_array().unwrap() {
        assert_eq!(m["revision"], 1, "{m}");
    }
}

#[tokio::test]
async fn kept_modules_sent_back_as_read_keep_their_filters() {
    let sb = Sandbox::start().await;
    let one = format!("{TOKENS}/{LIMITED}");
    let (_, before) = sb.call("GET", &one, None).await;
    let limited = before["modules"][0].clone();
    let limited_id = limited["id"].as_str().unwrap().to_string();
    assert!(
        limited["filters"]["group.buyers"]
            .as_array()
            .is_some_and(|b| !b.is_empty()),
        "the seed limits {LIMITED}'s first module: {limited}"
    );
    // Add a module, sending the kept ones back exactly as read (strict accepts them).
    let added = if limited_id == "MOD-1010" {
        "MOD-1012"
    } else {
        "MOD-1010"
    };
    let mut modules = before["modules"].as_array().unwrap().clone();
    modules.retain(|m| m["id"] != added);
    modules.push(json!({"id": added}));
    let (status, after) = sb
        .call("PUT", &one, Some(json!({"modules": modules})))
        .await;
    assert_eq!(status, 200, "{after}");
    assert_contract("PUT /public/v1/accounts/api-tokens/{id}", 200, &after);
    assert_eq!(module(&after, &limited_id)["filters"], limited["filters"]);
    assert!(module(&after, added).get("filters").is_none());
    let (_, read) = sb.call("GET", &one, None).await;
    assert_eq!(module(&read, &limited_id)["filters"], limited["filters"]);
    // The sandbox's choice where the docs are silent: `modules` is the new set as sent, so a
    // kept module sent as `{"id"}` alone holds no limit afterwards.
    let ids: Vec<Value> = read["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| json!({"id": m["id"]}))
        .collect();
    let (_, bare) = sb.call("PUT", &one, Some(json!({"modules": ids}))).await;
    assert!(
        module(&bare, &limited_id).get("filters").is_none(),
        "{bare}"
    );
}

#[tokio::test]
async fn filters_of_the_wrong_shape_are_refused() {
    let sb = Sandbox::start().await;
    let one = format!("{TOKENS}/{LIMITED}");
    for filters in [
        json!("BUY-1"),
        json!({"group.buyers": [1]}),
        json!({"group.sellers": []}),
    ] {
        let (status, problem) = sb
            .call(
                "PUT",
                &one,
                Some(json!({"modules": [{"id": "MOD-1010", "filters": filters}]})),
            )
            .await;
        assert_eq!(status, 400, "{filters}: {problem}");
        assert!(problem["errors"]["modules"].is_array(), "{problem}");
    }
}

#[tokio::test]
async fn obsolete_modules_extensions_and_icons_are_seeded() {
    let sb = Sandbox::start().await;
    let (_, catalogue) = sb
        .call("GET", "/public/v1/accounts/modules?limit=100", None)
        .await;
    assert_contract("GET /public/v1/accounts/modules", 200, &catalogue);
    let obsolete: Vec<&str> = catalogue["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["settings"]["obsolete"] == true)
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(obsolete, ["Cloud subscription V1"]);
    let (_, all) = sb.call("GET", &format!("{TOKENS}?limit=100"), None).await;
    assert_contract("GET /public/v1/accounts/api-tokens", 200, &all);
    let tokens = all["data"].as_array().unwrap();
    let holders = tokens
        .iter()
        .flat_map(|t| t["modules"].as_array().unwrap())
        .filter(|m| m["settings"]["obsolete"] == true)
        .count();
    assert!(holders > 0, "some token holds the obsolete module");
    assert!(tokens
        .iter()
        .any(|t| t["extensions"].as_array().is_some_and(|e| !e.is_empty())));
    let with_icon = tokens
        .iter()
        .find(|t| t["icon"].is_string())
        .expect("a token with an icon");
    let icon = sb
        .http
        .get(format!(
            "{}{}",
            sb.base,
            with_icon["icon"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
    let none = sb
        .http
        .get(format!("{}{TOKENS}/TKN-1234-1234/icon", sb.base))
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), 404);
}

/// The schema of version 1 (before the v5 fields), as files made then have it.
const SCHEMA_1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE account (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE modules (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, code TEXT NOT NULL,
  account_types TEXT NOT NULL, configurable INTEGER NOT NULL, is_default INTEGER NOT NULL,
  paid INTEGER NOT NULL, types TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, icon TEXT,
  status TEXT NOT NULL, secret TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL,
  last_access_at TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  created_by_name TEXT NOT NULL, updated_at TEXT, updated_by TEXT, updated_by_name TEXT,
  deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE token_modules (
  token_id TEXT NOT NULL, module_id TEXT NOT NULL, PRIMARY KEY (token_id, module_id));
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO account VALUES ('ACC-1', 'Old Account', 'Client', 'Active');
INSERT INTO modules VALUES ('MOD-1010', 'Billing', 'Invoices', 'billing', '[\"Client\"]', 1, 1, 0,
  '[\"Marketplace\"]', 0);
INSERT INTO tokens (id, name, status, secret, account_id, created_at, created_by, created_by_name)
  VALUES ('TKN-1', 'Kept from before', 'Active', 'idt:TKN-1:x', 'ACC-1',
  '2026-01-01T00:00:00.000Z', 'USR-1', 'Someone');
INSERT INTO token_modules VALUES ('TKN-1', 'MOD-1010');
";

#[test]
fn a_file_from_before_the_v5_fields_is_upgraded_in_place() {
    let dir = crate::process::fresh_dir("v5_upgrade");
    let path = dir.join("old.sqlite3");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(SCHEMA_1)
        .unwrap();
    let store = token_sandbox::store::Store::open(path.to_str().unwrap()).unwrap();
    let token = store
        .token("TKN-1")
        .unwrap()
        .expect("the old token is still there");
    assert_eq!(token["name"], "Kept from before");
    assert_eq!(token["revision"], 1);
    assert_eq!(token["extensions"], json!([]));
    assert_eq!(token["modules"][0]["settings"]["obsolete"], false);
    assert!(token["modules"][0].get("filters").is_none());
}
