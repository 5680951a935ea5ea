//! The sandbox over real HTTP: every endpoint, every error path, every body checked against
//! the contract fixture.

use crate::support::{assert_contract, Sandbox, SECRET};
use serde_json::{json, Value};

const LIST: &str = "GET /public/v1/accounts/api-tokens";
const GET: &str = "GET /public/v1/accounts/api-tokens/{id}";
const PUT: &str = "PUT /public/v1/accounts/api-tokens/{id}";
const TOKENS: &str = "/public/v1/accounts/api-tokens";

fn names(body: &Value) -> Vec<String> {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn list_pages_with_the_envelope_and_caps_the_limit() {
    let sb = Sandbox::start().await;
    let (status, body) = sb.call("GET", TOKENS, None).await;
    assert_eq!(status, 200);
    assert_contract(LIST, 200, &body);
    assert_eq!(
        body["$meta"]["pagination"],
        json!({"offset": 0, "limit": 10, "total": 45})
    );
    assert_eq!(body["$meta"]["omitted"], json!(["audit", "token"]));
    assert!(body["data"][0].get("audit").is_none() && body["data"][0].get("token").is_none());
    let (_, capped) = sb.call("GET", &format!("{TOKENS}?limit=500"), None).await;
    assert_eq!(capped["$meta"]["pagination"]["limit"], 100);
    assert_eq!(capped["data"].as_array().unwrap().len(), 45);
    let (_, count) = sb.call("GET", &format!("{TOKENS}?limit=0"), None).await;
    assert_eq!(count["data"], json!([]));
    assert_eq!(count["$meta"]["pagination"]["total"], 45);
    let (_, last) = sb
        .call("GET", &format!("{TOKENS}?limit=10&offset=40"), None)
        .await;
    assert_eq!(last["data"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn rql_filters_sorts_and_selects() {
    let sb = Sandbox::start().await;
    let (_, robots) = sb
        .call(
            "GET",
            &format!("{TOKENS}?ilike(name,*ROBOT*)&order=name&limit=100"),
            None,
        )
        .await;
    assert_eq!(&names(&robots)[..3], ["Robot 1", "Robot 2", "Robot 3"]);
    let (_, active) = sb
        .call("GET", &format!("{TOKENS}?eq(status,Active)&limit=0"), None)
        .await;
    let (_, disabled) = sb
        .call("GET", &format!("{TOKENS}?ne(status,Active)&limit=0"), None)
        .await;
    let total = |b: &Value| b["$meta"]["pagination"]["total"].as_u64().unwrap();
    assert_eq!(total(&active) + total(&disabled), 45);
    let (_, either) = sb
        .call(
            "GET",
            &format!("{TOKENS}?or(eq(name,%22Robot 1%22),eq(name,%22Robot 2%22))"),
            None,
        )
        .await;
    assert_eq!(total(&either), 2);
    let (_, not_in) = sb
        .call(
            "GET",
            &format!("{TOKENS}?out(status,(Active,Disabled))&limit=0"),
            None,
        )
        .await;
    assert_eq!(total(&not_in), 0);
    let (_, with_module) = sb
        .call(
            "GET",
            &format!("{TOKENS}?any(modules,eq(id,MOD-1014))&limit=100"),
            None,
        )
        .await;
    assert!(with_module["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["modules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == "MOD-1014")));
    let (_, no_description) = sb
        .call(
            "GET",
            &format!("{TOKENS}?eq(description,null())&limit=100"),
            None,
        )
        .await;
    assert!(no_description["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["description"].is_null()));
    assert!(total(&no_description) > 0);
    // Sorting by an audit field needs audit in scope.
    let (status, problem) = sb
        .call("GET", &format!("{TOKENS}?order=-audit.created.at"), None)
        .await;
    assert_eq!(status, 400);
    assert!(problem["detail"].as_str().unwrap().contains("select=audit"));
    let (status, newest) = sb
        .call(
            "GET",
            &format!("{TOKENS}?select=audit&order=-audit.created.at,name&limit=100"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_contract(LIST, 200, &newest);
    let dates: Vec<&str> = newest["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["audit"]["created"]["at"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let (_, without_modules) = sb
        .call("GET", &format!("{TOKENS}?select=-modules&limit=1"), None)
        .await;
    assert!(without_modules["data"][0].get("modules").is_none());
}

#[tokio::test]
async fn a_quoted_search_with_structure_characters_is_only_text() {
    let sb = Sandbox::start().await;
    let (status, _) = sb
        .call(
            "PUT",
            &format!("{TOKENS}/TKN-1234-1234"),
            Some(json!({"name": "a),or(eq(status,Disabled) \"x\" *"})),
        )
        .await;
    assert_eq!(status, 200);
    // What the app sends for that search: quoted, escaped, percent-encoded.
    let query =
        "ilike(name,%22%2Aa%29%2Cor%28eq%28status%2CDisabled%29%20%5C%22x%5C%22%20%5C%2A%2A%22)";
    let (status, found) = sb.call("GET", &format!("{TOKENS}?{query}"), None).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(names(&found), vec!["a),or(eq(status,Disabled) \"x\" *"]);
}

#[tokio::test]
async fn malformed_queries_are_400_problems_that_say_what_is_wrong() {
    let sb = Sandbox::start().await;
    for (query, words) in [
        ("eq(name,foo", "Expected `)`"),
        ("bogus(name,1)", "Unknown operator"),
        ("limit=ten", "`limit`"),
        ("eq(nope,1)", "not a field"),
        ("%FF", "UTF-8"),
    ] {
        let (status, problem) = sb.call("GET", &format!("{TOKENS}?{query}"), None).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(problem["status"], 400);
        assert!(
            problem["detail"].as_str().unwrap().contains(words),
            "{query}: {problem}"
        );
        assert!(problem["traceId"].is_string());
    }
}

#[tokio::test]
async fn get_answers_the_full_token_or_404() {
    let sb = Sandbox::start().await;
    let (status, token) = sb
        .call("GET", &format!("{TOKENS}/TKN-1234-1234"), None)
        .await;
    assert_eq!(status, 200);
    assert_contract(GET, 200, &token);
    assert!(token["token"]
        .as_str()
        .unwrap()
        .starts_with("idt:TKN-1234-1234:"));
    assert!(token["audit"]["created"]["at"].is_string());
    let (status, problem) = sb
        .call("GET", &format!("{TOKENS}/TKN-0000-0000"), None)
        .await;
    assert_eq!(status, 404);
    assert_contract(GET, 404, &problem);
}

#[tokio::test]
async fn put_applies_only_what_is_sent_and_stamps_the_update() {
    let sb = Sandbox::start().await;
    let path = format!("{TOKENS}/TKN-1234-1236");
    let (_, before) = sb.call("GET", &path, None).await;
    let (status, renamed) = sb
        .call("PUT", &path, Some(json!({"name": "Robot 3 (prod)"})))
        .await;
    assert_eq!(status, 200);
    assert_contract(PUT, 200, &renamed);
    assert_eq!(renamed["name"], "Robot 3 (prod)");
    assert_eq!(
        renamed["description"], before["description"],
        "omitted = unchanged"
    );
    assert_eq!(renamed["modules"], before["modules"]);
    assert_eq!(renamed["audit"]["updated"]["by"]["name"], "Sarah Sanderson");
    let (_, cleared) = sb
        .call("PUT", &path, Some(json!({"description": null})))
        .await;
    assert!(cleared["description"].is_null(), "null clears");
    let (_, replaced) = sb
        .call(
            "PUT",
            &path,
            Some(json!({"modules": [{"id": "MOD-1010"}, {"id": "MOD-1001"}, {"id": "MOD-1010"}]})),
        )
        .await;
    let ids: Vec<&str> = replaced["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec!["MOD-1001", "MOD-1010"],
        "the whole set is replaced"
    );
}

#[tokio::test]
async fn put_rejects_bad_values_with_per_field_errors() {
    let sb = Sandbox::start().await;
    let path = format!("{TOKENS}/TKN-1234-1236");
    for (body, field, words) in [
        (json!({"name": "   "}), "name", "required"),
        (json!({"name": null}), "name", "required"),
        (json!({"name": "x".repeat(256)}), "name", "at most 255"),
        (json!({"name": "Robot\u{0}1"}), "name", "control"),
        (
            json!({"description": "x".repeat(2001)}),
            "description",
            "at most 2000",
        ),
        (
            json!({"modules": [{"id": "MOD-9999"}]}),
            "modules",
            "does not exist",
        ),
        (
            json!({"modules": [{"id": "MOD-1024"}]}),
            "modules",
            "not enabled for Client",
        ),
        (
            json!({"modules": [{"id": "MOD-1036"}]}),
            "modules",
            "managed by the platform",
        ),
        (json!({"status": "Disabled"}), "status", "read-only"),
        (json!({"token": "x", "name": "ok"}), "token", "read-only"),
        (json!({"colour": "red"}), "colour", "not a field"),
    ] {
        let (status, problem) = sb.call("PUT", &path, Some(body.clone())).await;
        assert_eq!(status, 400, "{body}");
        assert_contract(PUT, 400, &problem);
        let messages = problem["errors"][field]
            .as_array()
            .unwrap_or_else(|| panic!("{body}: {problem}"));
        assert!(
            messages.iter().any(|m| m.as_str().unwrap().contains(words)),
            "{body}: {problem}"
        );
    }
    let (_, unchanged) = sb.call("GET", &path, None).await;
    assert_eq!(
        unchanged["name"], "Robot 3",
        "a rejected PUT changes nothing"
    );
}

#[tokio::test]
async fn lenient_mode_ignores_read_only_and_unknown_fields() {
    let sb = Sandbox::start_lenient().await;
    let (status, token) = sb
        .call(
            "PUT",
            &format!("{TOKENS}/TKN-1234-1236"),
            Some(json!({"name": "Renamed", "status": "Disabled", "colour": 1})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (token["name"].as_str(), token["status"].as_str()),
        (Some("Renamed"), Some("Active"))
    );
}

#[tokio::test]
async fn bad_bodies_are_problems_not_plain_text() {
    let sb = Sandbox::start().await;
    let url = format!("{}{TOKENS}/TKN-1234-1236", sb.base);
    let res = sb
        .http
        .put(&url)
        .bearer_auth(SECRET)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let problem: Value = res.json().await.unwrap();
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));
    let res = sb
        .http
        .put(&url)
        .bearer_auth(SECRET)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    let res = sb
        .http
        .put(&url)
        .bearer_auth(SECRET)
        .header("content-type", "application/json")
        .body(vec![b' '; 100_000])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let (status, problem) = sb
        .call("GET", "/public/v1/accounts/nothing-here", None)
        .await;
    assert_eq!((status, problem["status"].as_u64()), (404, Some(404)));
}

#[tokio::test]
async fn enable_and_disable_follow_the_state_diagram() {
    let sb = Sandbox::start().await;
    let path = format!("{TOKENS}/TKN-1234-1234");
    let (status, disabled) = sb.call("POST", &format!("{path}/disable"), None).await;
    assert_eq!(status, 200);
    assert_contract(
        "POST /public/v1/accounts/api-tokens/{id}/disable",
        200,
        &disabled,
    );
    assert_eq!(disabled["status"], "Disabled");
    let (status, problem) = sb.call("POST", &format!("{path}/disable"), None).await;
    assert_eq!(status, 400);
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("already disabled"));
    let (status, enabled) = sb.call("POST", &format!("{path}/enable"), None).await;
    assert_eq!((status, enabled["status"].as_str()), (200, Some("Active")));
    let (status, _) = sb.call("POST", &format!("{path}/enable"), None).await;
    assert_eq!(status, 400);
    let (status, problem) = sb
        .call("POST", &format!("{TOKENS}/TKN-0000-0000/enable"), None)
        .await;
    assert_eq!(status, 404);
    assert_contract(
        "POST /public/v1/accounts/api-tokens/{id}/enable",
        404,
        &problem,
    );
}

#[tokio::test]
async fn deleted_tokens_leave_lists_and_answer_404() {
    let sb = Sandbox::start().await;
    let path = format!("{TOKENS}/TKN-1234-1235");
    let (status, body) = sb.call("DELETE", &path, None).await;
    assert_eq!((status, body), (204, Value::Null));
    assert_eq!(sb.call("GET", &path, None).await.0, 404);
    assert_eq!(sb.call("DELETE", &path, None).await.0, 404);
    assert_eq!(
        sb.call("PUT", &path, Some(json!({"name": "x"}))).await.0,
        404
    );
    let (_, list) = sb.call("GET", &format!("{TOKENS}?limit=100"), None).await;
    assert_eq!(list["$meta"]["pagination"]["total"], 44);
    assert!(!names(&list).contains(&"Robot 2".to_string()));
}

#[tokio::test]
async fn create_answers_201_with_the_secret_and_platform_modules() {
    let sb = Sandbox::start().await;
    let body = json!({"account": {"id": "ACC-1234-5678"}, "name": "New robot", "description": null, "icon": null, "modules": [{"id": "MOD-1010"}]});
    let (status, created) = sb.call("POST", TOKENS, Some(body)).await;
    assert_eq!(status, 201);
    assert_contract("POST /public/v1/accounts/api-tokens", 201, &created);
    assert_eq!(created["status"], "Active");
    assert!(created["token"].as_str().unwrap().starts_with("idt:TKN-"));
    let ids: Vec<&str> = created["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"MOD-1010") && ids.contains(&"MOD-1017"),
        "{ids:?}"
    );
    let (status, problem) = sb
        .call("POST", TOKENS, Some(json!({"description": "no name"})))
        .await;
    assert_eq!(status, 400);
    assert_contract("POST /public/v1/accounts/api-tokens", 400, &problem);
    assert!(problem["errors"]["name"].is_array());
}

#[tokio::test]
async fn auth_needs_a_bearer_secret_of_an_active_token() {
    let sb = Sandbox::start().await;
    let (status, problem) = sb.call_as(None, "GET", TOKENS, None).await;
    assert_eq!((status, problem["status"].as_u64()), (401, Some(401)));
    assert_eq!(sb.call_as(Some("wrong"), "GET", TOKENS, None).await.0, 401);
    let (_, robot) = sb
        .call("GET", &format!("{TOKENS}/TKN-1234-1234"), None)
        .await;
    let secret = robot["token"].as_str().unwrap().to_string();
    let (status, _) = sb
        .call_as(Some(&secret), "GET", "/public/v1/accounts/modules", None)
        .await;
    assert_eq!(status, 200, "an Active token's secret is accepted");
    let (_, touched) = sb
        .call("GET", &format!("{TOKENS}/TKN-1234-1234"), None)
        .await;
    assert_ne!(
        touched["lastAccessAt"], robot["lastAccessAt"],
        "using a secret records the access"
    );
    sb.call("POST", &format!("{TOKENS}/TKN-1234-1234/disable"), None)
        .await;
    let (status, problem) = sb.call_as(Some(&secret), "GET", TOKENS, None).await;
    assert_eq!(status, 401);
    assert!(problem["detail"].as_str().unwrap().contains("disabled"));
}

#[tokio::test]
async fn modules_list_and_get() {
    let sb = Sandbox::start().await;
    let (status, list) = sb
        .call("GET", "/public/v1/accounts/modules?limit=100", None)
        .await;
    assert_eq!(status, 200);
    assert_contract("GET /public/v1/accounts/modules", 200, &list);
    assert!(list["$meta"]["pagination"]["total"].as_u64().unwrap() >= 30);
    let (_, locked) = sb
        .call(
            "GET",
            "/public/v1/accounts/modules?eq(settings.configurable,false)&limit=100",
            None,
        )
        .await;
    assert!(!locked["data"].as_array().unwrap().is_empty());
    let (status, module) = sb
        .call("GET", "/public/v1/accounts/modules/MOD-1001", None)
        .await;
    assert_eq!(status, 200);
    assert_contract("GET /public/v1/accounts/modules/{id}", 200, &module);
    let (status, problem) = sb
        .call("GET", "/public/v1/accounts/modules/MOD-0001", None)
        .await;
    assert_eq!(status, 404);
    assert_contract("GET /public/v1/accounts/modules/{id}", 404, &problem);
}

#[tokio::test]
async fn cors_allows_another_origin_with_a_bearer_header() {
    let sb = Sandbox::start().await;
    let res = sb
        .http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}{TOKENS}/TKN-1234-1234", sb.base),
        )
        .header("Origin", "http://127.0.0.1:9999")
        .header("Access-Control-Request-Method", "PUT")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    let methods = res.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(methods.contains("PUT"), "{methods}");
}

#[tokio::test]
async fn faults_fail_the_next_matching_request_and_the_log_records_bodies() {
    let sb = Sandbox::start().await;
    let fault = json!({"method": "PUT", "path": "/public/v1/accounts/api-tokens/TKN-1234-1236", "count": 1, "status": 503});
    assert_eq!(
        sb.control("POST", "/__sandbox/faults", Some(fault)).await.0,
        204
    );
    assert_eq!(
        sb.call("GET", &format!("{TOKENS}/TKN-1234-1236"), None)
            .await
            .0,
        200,
        "other requests pass"
    );
    let (status, problem) = sb
        .call(
            "PUT",
            &format!("{TOKENS}/TKN-1234-1236"),
            Some(json!({"name": "x1"})),
        )
        .await;
    assert_eq!((status, problem["status"].as_u64()), (503, Some(503)));
    assert_eq!(
        sb.call(
            "PUT",
            &format!("{TOKENS}/TKN-1234-1236"),
            Some(json!({"name": "x2"}))
        )
        .await
        .0,
        200,
        "only once"
    );
    let (_, log) = sb.control("GET", "/__sandbox/requests", None).await;
    let puts: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "PUT")
        .collect();
    assert_eq!(puts.len(), 2);
    assert_eq!(puts[1]["body"], r#"{"name":"x2"}"#);
    assert_eq!(
        (puts[0]["status"].as_u64(), puts[1]["status"].as_u64()),
        (Some(503), Some(200))
    );
    // A fault can answer a validation error the sandbox would not produce itself.
    let refuse =
        json!({"method": "PUT", "status": 400, "body": {"errors": {"name": ["Not here."]}}});
    sb.control("POST", "/__sandbox/faults", Some(refuse)).await;
    let (status, problem) = sb
        .call(
            "PUT",
            &format!("{TOKENS}/TKN-1234-1236"),
            Some(json!({"name": "x3"})),
        )
        .await;
    assert_eq!(status, 400);
    assert_contract(PUT, 400, &problem);
    assert_eq!(problem["errors"]["name"][0], "Not here.");
    // A dropped connection is a network error for the client.
    let drop = json!({"path": "/public/v1/accounts/modules", "drop": true});
    sb.control("POST", "/__sandbox/faults", Some(drop)).await;
    let res = sb
        .http
        .get(format!("{}/public/v1/accounts/modules", sb.base))
        .bearer_auth(SECRET)
        .send()
        .await;
    let failed = match res {
        Err(_) => true,
        Ok(r) => r.text().await.is_err(),
    };
    assert!(failed, "the connection was cut");
    assert_eq!(sb.control("POST", "/__sandbox/reset", None).await.0, 204);
    assert_eq!(
        sb.call("GET", &format!("{TOKENS}/TKN-1234-1236"), None)
            .await
            .1["name"],
        "Robot 3"
    );
}

#[tokio::test]
async fn the_control_api_is_off_unless_asked_for() {
    let sb = Sandbox::start_lenient().await;
    assert_eq!(sb.control("GET", "/__sandbox/requests", None).await.0, 404);
}
