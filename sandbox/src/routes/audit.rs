//! `/public/v1/audit/records`: list and get audit records (RQL, `order`, `select`, paging,
//! `render()` to fill the details templates).

use super::Rql;
use crate::audit_trail::{render, rendered};
use crate::listing::{self, Collection};
use crate::problem::Problem;
use crate::query_slot;
use crate::rql::{CompareOp, Filter, Literal};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::Value;
use std::sync::Arc;

/// The audit record collection's fields (`AuditRecord` in the audit OpenAPI excerpt).
pub const RECORDS: Collection = Collection {
    fields: &[
        "id",
        "event",
        "summary",
        "details",
        "object",
        "timestamp",
        "actor",
        "type",
        "request",
        "documents",
        "viewers",
        "$meta",
    ],
    omitted_by_default: &[],
};

pub async fn list(
    State(state): State<Arc<AppState>>,
    Rql(query): Rql,
) -> Result<Json<Value>, Problem> {
    // An object's trail (the app's tab) reads only that object's rows; the full filter still
    // runs over them below. The whole trail comes from a snapshot kept until the next change.
    let object = query.filter.as_ref().and_then(required_object_id);
    let light = query_slot::is_light(&query);
    query_slot::compute(&state, light, move |state, budget| {
        let records = match object {
            Some(object) => Arc::new(state.reader().audit_records(Some(&object))?),
            None => state.audit_records()?,
        };
        let render_details = query.render;
        let mut page = listing::list_within(&records, &RECORDS, &query, budget)?;
        if render_details {
            render_page(&mut page, &records);
        }
        Ok(page)
    })
    .await
    .map(Json)
}

pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Rql(query): Rql,
) -> Result<Json<Value>, Problem> {
    let record = state
        .read(move |store| {
            store
                .audit_record(&id)?
                .ok_or_else(|| Problem::not_found("Audit record", &id))
        })
        .await?;
    let record = if query.render {
        rendered(record)
    } else {
        record
    };
    Ok(Json(listing::project(
        record,
        &listing::omitted_fields(&RECORDS, &query),
    )))
}

/// Fills the details of every record of a list answer, from its documents (looked up among
/// `records` when `select` left them out of the answer).
fn render_page(page: &mut Value, records: &[Value]) {
    let Some(items) = page["data"].as_array_mut() else {
        return;
    };
    for item in items {
        let Some(template) = item["details"].as_str() else {
            continue;
        };
        let text = match item.get("documents") {
            Some(documents) => render(template, documents),
            None => {
                let source = records.iter().find(|r| r["id"] == item["id"]);
                render(template, source.map_or(&Value::Null, |r| &r["documents"]))
            }
        };
        item["details"] = Value::String(text);
    }
}

/// The object id every match must have, when the filter says so at its top level
/// (`eq(object.id,X)`, alone or inside a top-level `and`).
fn required_object_id(filter: &Filter) -> Option<String> {
    match filter {
        Filter::Compare {
            op: CompareOp::Eq,
            field,
            value: Literal::Text { value, .. },
        } if field == "object.id" => Some(value.clone()),
        Filter::And(items) => items.iter().find_map(required_object_id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rql::parse_query;

    fn filter_of(raw: &str) -> Filter {
        parse_query(raw).unwrap().filter.unwrap()
    }

    #[test]
    fn an_object_filter_at_the_top_narrows_the_read() {
        assert_eq!(
            required_object_id(&filter_of("eq(object.id,TKN-1234-1234)")).as_deref(),
            Some("TKN-1234-1234")
        );
        assert_eq!(
            required_object_id(&filter_of("and(eq(event,x),eq(object.id,\"TKN-1\"))")).as_deref(),
            Some("TKN-1")
        );
    }

    #[test]
    fn an_object_filter_under_or_or_not_does_not() {
        assert_eq!(
            required_object_id(&filter_of("or(eq(object.id,A),eq(object.id,B))")),
            None
        );
        assert_eq!(required_object_id(&filter_of("not(eq(object.id,A))")), None);
    }
}
