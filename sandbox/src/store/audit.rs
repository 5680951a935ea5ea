//! The audit records table: one row per recorded event, the record kept as the API's JSON.
//!
//! Records are written by the same transaction as the change they describe (see
//! `crate::audit_trail`), so a change and its record exist together or not at all.

use super::{Store, StoreResult};
use rusqlite::{params, OptionalExtension};
use serde_json::Value;

/// Created with the rest of the schema; `seq` gives records their ids and a stable order.
pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS audit_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, object_id TEXT NOT NULL,
  timestamp TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_records_object ON audit_records (object_id);
";

/// An audit record id in the platform's shape (`AUD-1000-0000-0000-0042`), from its sequence.
fn record_id(seq: i64) -> String {
    let n = 1_000_000_000_000_000 + seq.max(0) as u64;
    format!(
        "AUD-{:04}-{:04}-{:04}-{:04}",
        n / 1_000_000_000_000,
        n / 100_000_000 % 10_000,
        n / 10_000 % 10_000,
        n % 10_000
    )
}

impl Store {
    /// Stores `record` (everything but its `id`, which is assigned here) and returns its id.
    pub fn insert_audit_record(&self, mut record: Value) -> StoreResult<String> {
        let object_id = record["object"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let timestamp = record["timestamp"].as_str().unwrap_or_default().to_string();
        let seq: i64 = self.conn.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_records",
            [],
            |r| r.get(0),
        )?;
        let id = record_id(seq);
        record["id"] = Value::String(id.clone());
        self.conn.execute(
            "INSERT INTO audit_records (seq, id, object_id, timestamp, record)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![seq, id, object_id, timestamp, record.to_string()],
        )?;
        self.changed();
        Ok(id)
    }

    /// Every record, or only those about `object_id`, oldest first.
    pub fn audit_records(&self, object_id: Option<&str>) -> StoreResult<Vec<Value>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT record FROM audit_records WHERE ?1 IS NULL OR object_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![object_id], |r| r.get::<_, String>(0))?;
        rows.map(|row| row.map(|text| serde_json::from_str(&text).unwrap_or(Value::Null)))
            .collect()
    }

    /// One record by id.
    pub fn audit_record(&self, id: &str) -> StoreResult<Option<Value>> {
        self.conn
            .query_row(
                "SELECT record FROM audit_records WHERE id = ?1",
                params![id],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .map(|found| found.and_then(|text| serde_json::from_str(&text).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::record_id;

    #[test]
    fn record_ids_have_the_platforms_shape_and_follow_the_sequence() {
        assert_eq!(record_id(1), "AUD-1000-0000-0000-0001");
        assert_eq!(record_id(123_456_789), "AUD-1000-0001-2345-6789");
    }
}
