//! The audit API (`/public/v1/audit/records`): the records about one object, newest first,
//! with their details rendered (`render()`, as the official client asks).
//!
//! Each record is kept twice: typed, for the table, and as the JSON the server sent, for
//! "View details" (which shows the record as it is, including fields this client ignores).

use crate::api::client::{request, ApiConfig};
use crate::api::dto::Page;
use crate::api::error::ApiError;
use crate::api::fetch::Method;
use crate::api::rql::literal;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// Who did it: a user or an API token, with its account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct AuditActor {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// `request.api`: where the change came from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AuditApiRequest {
    #[serde(default)]
    pub ip: Option<String>,
    #[serde(default)]
    pub user_agent: Option<String>,
}

/// `request`: the technical context of the event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct AuditRequest {
    #[serde(default)]
    pub api: Option<AuditApiRequest>,
}

/// An audit record's fields this client reads.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct AuditRecord {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub event: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub details: String,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub actor: Option<AuditActor>,
    #[serde(default)]
    pub request: Option<AuditRequest>,
    /// Named snapshots of the objects involved; not every API sends them.
    #[serde(default)]
    pub documents: Option<Map<String, Value>>,
}

/// A record, typed, with the JSON it was read from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuditEntry {
    pub record: AuditRecord,
    pub raw: Value,
}

impl AuditEntry {
    /// Where the request came from, "Scotland, United Kingdom", from `request.api.geolocation`
    /// (read from the JSON: a typed field would add its own decoder to the bundle); empty when
    /// the record does not say.
    pub fn place(&self) -> String {
        let geo = &self.raw["request"]["api"]["geolocation"];
        [&geo["region"], &geo["countryName"]]
            .into_iter()
            .filter_map(Value::as_str)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl<'de> Deserialize<'de> for AuditEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(deserializer)?;
        // Read again from its text rather than from the `Value`: the text parser is in the
        // bundle anyway, a `Value` deserializer for the record's types would be extra code.
        let record = serde_json::from_str(&raw.to_string()).map_err(serde::de::Error::custom)?;
        Ok(AuditEntry { record, raw })
    }
}

/// The query string for a page of one object's records, newest first, details rendered.
pub fn object_records_query(object_id: &str, offset: u64, limit: u64) -> String {
    format!(
        "render()&eq(object.id,{})&order=-timestamp,-id&limit={limit}&offset={offset}",
        literal(object_id)
    )
}

/// Records about `object_id` (a token id), newest first, from `offset`. Ask for one more than
/// a page shows: the oldest row's change is known from the record before it.
pub async fn list_object_records(
    config: &ApiConfig,
    object_id: &str,
    offset: u64,
    limit: u64,
) -> Result<Page<AuditEntry>, ApiError> {
    let path = format!(
        "/audit/records?{}",
        object_records_query(object_id, offset, limit)
    );
    request(config, Method::Get, &path, None).await
}

/// The module a token needs to read the audit trail (the platform's "Settings > Audit trail").
pub const AUDIT_MODULE: &str = "Audit trail";

/// A 403 on audit records said in its own words: the connected API token may not read the
/// audit trail, and which module grants it (the server's detail follows, when it gave one).
/// Other errors pass unchanged.
pub fn explain_forbidden(error: ApiError) -> ApiError {
    let ApiError::Forbidden(mut problem) = error else {
        return error;
    };
    let ours = format!(
        "The connected API token may not read the audit trail: that takes the \u{201c}{AUDIT_MODULE}\u{201d} module. Add it to that API token, or connect with one that has it."
    );
    problem.detail = Some(match problem.detail.take() {
        Some(theirs) if !theirs.is_empty() => format!("{ours} The API said: {theirs}"),
        _ => ours,
    });
    ApiError::Client {
        status: 403,
        problem,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_record_keeps_its_json_and_reads_what_the_table_needs() {
        let json = r#"{"$meta":{"pagination":{"offset":0,"limit":10,"total":1}},"data":[{
            "id":"AUD-1","event":"platform.accounts.apiToken.updated","summary":"API token updated",
            "details":"d","timestamp":"2026-01-01T10:00:00.000Z","type":"Public","viewers":[],
            "actor":{"id":"USR-1","name":"Sarah","account":{"id":"ACC-1"}},
            "request":{"api":{"ip":"10.0.0.1","userAgent":"curl/8"}},
            "documents":{"apiToken":{"name":"b"},"actor":{"id":"USR-1"}}}]}"#;
        let page: Page<AuditEntry> = serde_json::from_str(json).unwrap();
        let entry = &page.data[0];
        assert_eq!(entry.record.summary, "API token updated");
        assert_eq!(
            entry
                .record
                .request
                .as_ref()
                .unwrap()
                .api
                .as_ref()
                .unwrap()
                .ip
                .as_deref(),
            Some("10.0.0.1")
        );
        assert_eq!(entry.raw["viewers"], serde_json::json!([]));
        assert_eq!(entry.record.documents.as_ref().unwrap().len(), 2);
    }

    /// The docs' example record, verbatim: every field the table shows is read.
    #[test]
    fn the_docs_example_record_reads() {
        let entry: AuditEntry = serde_json::from_str(include_str!(
            "../../tests/fixtures/audit-record-example.json"
        ))
        .unwrap();
        let r = &entry.record;
        assert_eq!(r.id, "AUD-0391-8050-9033-9920");
        assert_eq!(
            r.actor.as_ref().unwrap().name.as_deref(),
            Some("Reto Mayer")
        );
        let api = r.request.as_ref().unwrap().api.as_ref().unwrap();
        assert_eq!(api.ip.as_deref(), Some("89.00.0.00"));
        assert_eq!(entry.place(), "Scotland, United Kingdom");
        assert!(api
            .user_agent
            .as_deref()
            .unwrap()
            .ends_with("Firefox/131.0"));
    }

    #[test]
    fn a_record_without_documents_or_request_still_reads() {
        let entry: AuditEntry =
            serde_json::from_str(r#"{"id":"AUD-2","summary":"Something happened"}"#).unwrap();
        assert_eq!(entry.record.documents, None);
        assert_eq!(entry.record.actor, None);
    }

    /// Regression: a 403 read "You do not have permission to do this." with no hint that the
    /// connected token lacks the Audit trail module.
    #[test]
    fn a_403_on_records_names_the_module_that_grants_them() {
        let said = explain_forbidden(ApiError::from_response(403, "")).to_string();
        assert!(said.starts_with("The connected API token may not read the audit trail"));
        assert!(said.contains("\u{201c}Audit trail\u{201d} module"));
        let with_detail = explain_forbidden(ApiError::from_response(
            403,
            r#"{"title":"Forbidden","status":403,"detail":"Missing module."}"#,
        ));
        assert!(with_detail
            .to_string()
            .ends_with("The API said: Missing module."));
        let other = ApiError::from_response(500, "");
        assert_eq!(explain_forbidden(other.clone()), other);
    }

    #[test]
    fn the_object_id_is_a_quoted_literal() {
        assert_eq!(
            object_records_query("TKN-1),or(eq(type,Private)", 10, 5),
            "render()&eq(object.id,%22TKN-1%29%2Cor%28eq%28type%2CPrivate%29%22)&order=-timestamp,-id&limit=5&offset=10"
        );
    }
}
