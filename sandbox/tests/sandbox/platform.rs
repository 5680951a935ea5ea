//! Where the sandbox follows the documented platform rather than rules of its own: managed
//! modules, names, content types, read-only fields, module fields, audit stamps, error shapes.

use crate::support::{assert_contract, Sandbox};
use serde_json::{json, Value};
use token_sandbox::state::Options;

const TOKENS: &str = "/public/v1/accounts/api-tokens";
const MODULES: &str = "/public/v1/accounts/modules";
/// Configurable modules of the demo catalogue.
const BILLING: &str = "MOD-1010";
const ORDERS: &str = "MOD-1011";
/// Platform-managed (not configurable) modules: enabled by default, and not.
const AUDIT_TRAIL: &str = "MOD-1017";
const LEGACY_STATEMENTS: &str = "MOD-1036";

fn module_ids(token: &Value) -> Vec<String> {
    token["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn leaving_a_managed_module_out_keeps_it_and_adding_one_is_refused() {
    let sb = Sandbox::start().await;
    let (status, created) = sb
        .call(
            "POST",
            TOKENS,
            Some(json!({"name": "Managed", "modules": [{"id": BILLING}]})),
        )
        .await;
    assert_eq!(status, 201);
    assert!(module_ids(&created).contains(&AUDIT_TRAIL.to_string()));
    let path = format!("{TOKENS}/{}", created["id"].as_str().unwrap());
    // The very list the create accepted, as real clients send it back.
    let (status, updated) = sb
        .call("PUT", &path, Some(json!({"modules": [{"id": ORDERS}]})))
        .await;
    assert_eq!(status, 200, "{updated}");
    let ids = module_ids(&updated);
    assert!(ids.contains(&AUDIT_TRAIL.to_string()), "kept: {ids:?}");
    assert!(ids.contains(&ORDERS.to_string()) && !ids.contains(&BILLING.to_string()));
    // Listing a managed module the token has is fine too.
    let (status, _) = sb
        .call(
            "PUT",
            &path,
            Some(json!({"modules": [{"id": ORDERS}, {"id": AUDIT_TRAIL}]})),
        )
        .await;
    assert_eq!(status, 200);
    // Adding one it does not have is not the client's to do.
    let (status, problem) = sb
        .call(
            "PUT",
            &path,
            Some(json!({"modules": [{"id": LEGACY_STATEMENTS}]})),
        )
        .await;
    assert_eq!(status, 400);
    assert!(problem["errors"]["modules"][0]
        .as_str()
        .unwrap()
        .contains("managed by the platform"));
    let (status, problem) = sb
        .call(
            "POST",
            TOKENS,
            Some(json!({"name": "Sneaky", "modules": [{"id": LEGACY_STATEMENTS}]})),
        )
        .await;
    assert_eq!(status, 400, "{problem}");
    assert!(problem["errors"]["modules"].is_array());
}

#[tokio::test]
async fn a_deselected_field_still_filters_and_sorts() {
    let sb = Sandbox::start().await;
    let (status, list) = sb
        .call(
            "GET",
            &format!("{TOKENS}?select=-name&eq(name,'Robot 2')"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["$meta"]["pagination"]["total"], 1);
    assert_eq!(list["data"][0]["id"], "TKN-1234-1235");
    assert!(list["data"][0].get("name").is_none(), "not in the output");
    let (status, sorted) = sb
        .call(
            "GET",
            &format!("{TOKENS}?select=-name&ilike(name,robot*)&order=-name"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{sorted}");
    assert_eq!(sorted["data"][0]["id"], "TKN-1234-1236", "Robot 3 first");
}

// The documented limits are generous: never below these.
const _: () = assert!(token_sandbox::validate::NAME_MAX >= 255);
const _: () = assert!(token_sandbox::validate::DESCRIPTION_MAX >= 2000);

#[tokio::test]
async fn names_need_not_be_unique_and_have_generous_documented_limits() {
    let sb = Sandbox::start().await;
    for _ in 0..2 {
        let (status, created) = sb
            .call("POST", TOKENS, Some(json!({"name": "E2E Test API Token"})))
            .await;
        assert_eq!(status, 201, "{created}");
    }
    let (status, renamed) = sb
        .call(
            "PUT",
            &format!("{TOKENS}/TKN-1234-1236"),
            Some(json!({"name": "Robot 1"})),
        )
        .await;
    assert_eq!((status, renamed["name"].as_str()), (200, Some("Robot 1")));
    let long = "é".repeat(token_sandbox::validate::NAME_MAX);
    let (status, _) = sb.call("POST", TOKENS, Some(json!({"name": long}))).await;
    assert_eq!(status, 201, "a name of NAME_MAX characters is fine");
}

#[tokio::test]
async fn control_characters_and_bidi_overrides_in_names_are_field_errors() {
    let sb = Sandbox::start().await;
    let path = format!("{TOKENS}/TKN-1234-1236");
    for name in [
        "bell\u{7}",
        "nul\u{0}byte",
        "line\nbreak",
        "evil\u{202E}txt.exe",
        "isolate\u{2066}x",
    ] {
        let (status, problem) = sb.call("PUT", &path, Some(json!({"name": name}))).await;
        assert_eq!(status, 400, "{name:?}: {problem}");
        assert_contract("PUT /public/v1/accounts/api-tokens/{id}", 400, &problem);
        assert!(problem["errors"]["name"].is_array(), "{name:?}: {problem}");
        let (status, _) = sb.call("POST", TOKENS, Some(json!({"name": name}))).await;
        assert_eq!(status, 400, "create {name:?}");
    }
    let (_, token) = sb.call("GET", &path, None).await;
    assert_eq!(token["name"], "Robot 3");
}

#[tokio::test]
async fn bodies_are_accepted_in_every_declared_json_type_and_nothing_else() {
    let sb = Sandbox::start().await;
    let path = format!("{TOKENS}/TKN-1234-1236");
    for (i, content_type) in [
        "application/json",
        "application/json; charset=utf-8",
        "text/json",
        "application/merge-patch+json",
        "application/vnd.softwareone+json; charset=utf-8",
    ]
    .iter()
    .enumerate()
    {
        let body = json!({"name": format!("Sent as type {i}")}).to_string();
        let (status, _, text) = sb
            .raw("PUT", &path, &[("content-type", content_type)], body.into())
            .await;
        assert_eq!(status, 200, "{content_type}: {text}");
    }
    for content_type in ["text/plain", "application/xml", "application/jsonx", ""] {
        let (status, headers, text) = sb
            .raw(
                "PUT",
                &path,
                &[("content-type", content_type)],
                b"{}".to_vec(),
            )
            .await;
        assert_eq!(status, 415, "{content_type:?}");
        assert_eq!(headers["content-type"], "application/problem+json");
        let problem: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(problem["status"], 415);
    }
}

#[tokio::test]
async fn read_only_fields_are_ignored_by_default_and_refused_when_strict() {
    let lenient = Sandbox::start_with(Options::default(), 45).await;
    let path = format!("{TOKENS}/TKN-1234-1236");
    let (_, before) = lenient.call("GET", &path, None).await;
    let mut sent = before.clone();
    sent["name"] = json!("Round trip");
    sent["status"] = json!("Disabled");
    sent["audit"] = json!({"created": {"at": "2000-01-01T00:00:00.000Z"}});
    let (status, after) = lenient.call("PUT", &path, Some(sent)).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["name"], "Round trip");
    assert_eq!(after["status"], before["status"], "read-only: ignored");
    assert_eq!(after["audit"]["created"], before["audit"]["created"]);
    let strict = Sandbox::start().await;
    let (status, problem) = strict
        .call("PUT", &path, Some(json!({"name": "x", "audit": {}})))
        .await;
    assert_eq!(status, 400);
    assert!(problem["errors"]["audit"][0]
        .as_str()
        .unwrap()
        .contains("read-only"));
}

#[tokio::test]
async fn modules_carry_every_documented_field_and_get_honours_select() {
    let sb = Sandbox::start().await;
    let (_, list) = sb.call("GET", &format!("{MODULES}?limit=100"), None).await;
    assert_contract("GET /public/v1/accounts/modules", 200, &list);
    for module in list["data"].as_array().unwrap() {
        for field in [
            "id",
            "name",
            "description",
            "accountTypes",
            "isEnabledByDefault",
            "isConfigurable",
            "paid",
            "filters",
        ] {
            assert!(module.get(field).is_some(), "{field} missing: {module}");
        }
        let settings = &module["settings"];
        for field in ["sharedAccount", "configurable", "default", "paid"] {
            assert!(settings[field].is_boolean(), "settings.{field}: {module}");
        }
        assert_eq!(module["isConfigurable"], settings["configurable"]);
        assert_eq!(module["isEnabledByDefault"], settings["default"]);
        assert_eq!(module["paid"], settings["paid"]);
    }
    let (status, module) = sb
        .call(
            "GET",
            &format!("{MODULES}/{AUDIT_TRAIL}?select=-description,-settings"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_contract("GET /public/v1/accounts/modules/{id}", 200, &module);
    assert_eq!(module["isConfigurable"], false);
    assert!(module.get("description").is_none() && module.get("settings").is_none());
    assert_eq!(module["name"], "Audit trail");
}

#[tokio::test]
async fn a_catalogue_of_more_than_a_hundred_modules_pages() {
    let sb = Sandbox::start_seeded(Options::default(), 10, 150).await;
    let (_, first) = sb.call("GET", &format!("{MODULES}?limit=100"), None).await;
    assert_eq!(first["$meta"]["pagination"]["total"], 150);
    assert_eq!(first["data"].as_array().unwrap().len(), 100);
    let (_, rest) = sb
        .call("GET", &format!("{MODULES}?limit=100&offset=100"), None)
        .await;
    assert_eq!(rest["data"].as_array().unwrap().len(), 50);
    let last = rest["data"][49]["id"].as_str().unwrap().to_string();
    let (status, _) = sb.call("GET", &format!("{MODULES}/{last}"), None).await;
    assert_eq!(status, 200);
    let (status, created) = sb
        .call(
            "POST",
            TOKENS,
            Some(json!({"name": "Far module", "modules": [{"id": last}]})),
        )
        .await;
    assert_eq!(status, 201, "{created}");
}

#[tokio::test]
async fn audit_updated_is_absent_until_the_first_update() {
    let sb = Sandbox::start().await;
    let (_, created) = sb
        .call(
            "POST",
            TOKENS,
            Some(json!({"name": "With icon", "icon": "https://example.com/robot.png"})),
        )
        .await;
    assert_eq!(created["icon"], "https://example.com/robot.png");
    assert!(created["audit"].get("updated").is_none(), "{created}");
    let path = format!("{TOKENS}/{}", created["id"].as_str().unwrap());
    let (_, fetched) = sb.call("GET", &path, None).await;
    assert!(fetched["audit"].get("updated").is_none(), "{fetched}");
    let (_, updated) = sb
        .call("PUT", &path, Some(json!({"description": "now"})))
        .await;
    assert!(updated["audit"]["updated"]["at"].is_string());
}

/// Asserts a Problem Details answer with `status`.
fn assert_problem(what: &str, status: u16, headers: &reqwest::header::HeaderMap, text: &str) {
    assert_eq!(
        headers.get("content-type").map(|v| v.to_str().unwrap()),
        Some("application/problem+json"),
        "{what}: {status} {text:?}"
    );
    let problem: Value =
        serde_json::from_str(text).unwrap_or_else(|_| panic!("{what}: not JSON: {text:?}"));
    assert_eq!(problem["status"], status, "{what}: {problem}");
    assert!(problem["title"].is_string(), "{what}: {problem}");
    assert!(problem["traceId"].is_string(), "{what}: {problem}");
}

/// A request that must be answered with an error status.
struct Bad {
    what: &'static str,
    method: &'static str,
    path: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    status: u16,
}

#[tokio::test]
async fn every_error_is_problem_details() {
    let token = format!("{TOKENS}/TKN-1234-1236");
    let json = || vec![("content-type", "application/json".to_string())];
    let cases = [
        Bad {
            what: "405",
            method: "PATCH",
            path: token.clone(),
            headers: json(),
            body: b"{}".to_vec(),
            status: 405,
        },
        Bad {
            what: "413",
            method: "PUT",
            path: token.clone(),
            headers: json(),
            body: vec![b' '; 100_000],
            status: 413,
        },
        Bad {
            what: "undecodable path",
            method: "GET",
            path: format!("{TOKENS}/%FF%FE"),
            headers: vec![],
            body: vec![],
            status: 400,
        },
        Bad {
            what: "414",
            method: "GET",
            path: format!("{TOKENS}?ilike(name,%22{}%22)", "a".repeat(20_000)),
            headers: vec![],
            body: vec![],
            status: 414,
        },
        Bad {
            what: "431",
            method: "GET",
            path: token.clone(),
            headers: vec![("x-padding", "y".repeat(40_000))],
            body: vec![],
            status: 431,
        },
        Bad {
            what: "no such path",
            method: "GET",
            path: "/nothing/here".to_string(),
            headers: vec![],
            body: vec![],
            status: 404,
        },
    ];
    for sb in [Sandbox::start().await, Sandbox::start_lenient().await] {
        for case in &cases {
            let headers: Vec<(&str, &str)> =
                case.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (status, got, text) = sb
                .raw(case.method, &case.path, &headers, case.body.clone())
                .await;
            assert_eq!(status, case.status, "{}: {text}", case.what);
            assert_problem(case.what, status, &got, &text);
        }
    }
}
