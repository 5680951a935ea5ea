//! The audit API (`/public/v1/audit/records`): the records about one object, newest first.
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

impl<'de> Deserialize<'de> for AuditEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(deserializer)?;
        // Read again from its text rather than from the `Value`: the text parser is in the
        // bundle anyway, a `Value` deserializer for the record's types would be extra code.
        let record = serde_json::from_str(&raw.to_string()).map_err(serde::de::Error::custom)?;
        Ok(AuditEntry { record, raw })
    }
}

/// The query string for a page of one object's records, newest first.
pub fn object_records_query(object_id: &str, offset: u64, limit: u64) -> String {
    format!(
        "eq(object.id,{})&order=-timestamp,-id&limit={limit}&offset={offset}",
        literal(object_id)
    )
}

/// A page of the records about `object_id` (a token id), newest first.
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
            "documents":{"apiToken":{"name":"b"},"apiTokenBefore":{"name":"a"}}}]}"#;
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

    #[test]
    fn a_record_without_documents_or_request_still_reads() {
        let entry: AuditEntry =
            serde_json::from_str(r#"{"id":"AUD-2","summary":"Something happened"}"#).unwrap();
        assert_eq!(entry.record.documents, None);
        assert_eq!(entry.record.actor, None);
    }

    #[test]
    fn the_object_id_is_a_quoted_literal() {
        assert_eq!(
            object_records_query("TKN-1),or(eq(type,Private)", 10, 5),
            "eq(object.id,%22TKN-1%29%2Cor%28eq%28type%2CPrivate%29%22)&order=-timestamp,-id&limit=5&offset=10"
        );
    }
}
