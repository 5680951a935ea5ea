//! `POST /public/v1/audit/records`: a client's own record (the app's "secret shown"), with the
//! server's actor and time, read back in the object's trail.

use crate::support::Sandbox;
use serde_json::json;

const RECORDS: &str = "/public/v1/audit/records";
const ROBOT_1: &str = "TKN-1234-1234";

#[tokio::test]
async fn a_created_record_is_answered_with_the_servers_actor_and_listed_in_the_trail() {
    let sb = Sandbox::start().await;
    let (status, created) = sb
        .call(
            "POST",
            RECORDS,
            Some(json!({
                "event": "platform.accounts.apiToken.secretShown",
                "summary": "API token secret shown",
                "details": "The secret of the API token TKN-1234-1234 (Robot 1) was shown.",
                "object": {"id": ROBOT_1, "name": "Robot 1", "objectType": "ApiToken"},
                "actor": {"id": "USR-forged", "name": "Someone else"},
            })),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert!(
        created["id"].as_str().unwrap().starts_with("AUD-"),
        "{created}"
    );
    // Who did it is the server's to say, whatever the body claims.
    assert_ne!(created["actor"]["name"], "Someone else", "{created}");
    assert_eq!(created["actor"]["account"]["id"], "ACC-1234-5678");
    assert!(created["timestamp"].as_str().is_some_and(|t| !t.is_empty()));
    let (_, trail) = sb
        .call(
            "GET",
            &format!("{RECORDS}?eq(object.id,{ROBOT_1})&order=-timestamp,-id&limit=1"),
            None,
        )
        .await;
    assert_eq!(trail["data"][0]["id"], created["id"], "{trail}");
    assert_eq!(
        trail["data"][0]["event"],
        "platform.accounts.apiToken.secretShown"
    );
}

#[tokio::test]
async fn a_record_without_event_or_object_or_with_unknown_fields_is_refused() {
    let sb = Sandbox::start().await;
    for body in [
        json!({"object": {"id": ROBOT_1}}),
        json!({"event": "x.y.z.shown", "object": {}}),
        json!({"event": "x.y.z.shown", "object": {"id": ROBOT_1}, "colour": "red"}),
        json!(["not", "an", "object"]),
    ] {
        let (status, problem) = sb.call("POST", RECORDS, Some(body.clone())).await;
        assert_eq!(status, 400, "{body} -> {problem}");
        assert!(problem["detail"].as_str().is_some(), "{problem}");
    }
}
