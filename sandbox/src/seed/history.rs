//! A plausible audit history for the demo tokens, consistent with their seeded state: each
//! token was created by its creator, and some were renamed, had their modules changed, or
//! were disabled (and some enabled again) before arriving where the demo shows them.
//!
//! Deterministic like the rest of the demo data.

use super::data::{demo_actor, Rng};
use crate::audit_trail::{self, Context, RequestMeta, TokenEvent};
use crate::clock::iso;
use crate::store::{Actor, Store, StoreResult, TokenChanges};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

/// Where the demo's people work from: address, user agent and where the address is
/// (country code, country, region), as the platform's records say it.
const CLIENTS: &[(&str, &str, (&str, &str, &str))] = &[
    ("203.0.113.24", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", ("ES", "Spain", "Catalonia")),
    ("198.51.100.7", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:132.0) Gecko/20100101 Firefox/132.0", ("GB", "United Kingdom", "Scotland")),
    ("192.0.2.113", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", ("DE", "Germany", "Bavaria")),
    ("203.0.113.91", "python-requests/2.32.3", ("NL", "Netherlands", "North Holland")),
];

/// The demo's "now": the last history event happens before it.
fn demo_end() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-20T18:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn at_fraction(from: DateTime<Utc>, to: DateTime<Utc>, per_mille: i64) -> DateTime<Utc> {
    from + (to - from) * (per_mille as i32) / 1000
}

/// A token's seeded past: its state when created, then each change as the fields it set.
struct Plan {
    initial: Value,
    changes: Vec<(TokenEvent, Value)>,
}

/// Records the history of every live token; stamps `audit.updated` with its last change.
pub(super) fn seed_history(store: &Store) -> StoreResult<()> {
    let mut rng = Rng::new(0xA0D1_7000);
    let offered: Vec<Value> = store
        .modules()?
        .iter()
        .filter(|m| m.configurable && m.account_types.iter().any(|t| t == "Client"))
        .map(|m| m.to_ref_json(None))
        .collect();
    let end = demo_end();
    let admin = demo_actor();
    for token in store.tokens()? {
        let created_at = token["audit"]["created"]["at"]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(end);
        let by = &token["audit"]["created"]["by"];
        let creator = Actor {
            id: by["id"].as_str().unwrap_or_default().into(),
            name: by["name"].as_str().unwrap_or_default().into(),
        };
        let client = CLIENTS[rng.below(CLIENTS.len() as u64) as usize];
        let (code, country, region) = client.2;
        let request = RequestMeta {
            ip: Some(client.0.into()),
            geolocation: Some(
                json!({"countryCode": code, "countryName": country, "region": region}),
            ),
            user_agent: Some(client.1.into()),
        };
        let plan = plan(&token, &offered, &mut rng);
        let created = iso(created_at);
        let ctx = Context {
            actor: &creator,
            request: &request,
            at: &created,
        };
        audit_trail::record(store, TokenEvent::Created, None, Some(&plan.initial), &ctx)?;
        let mut state = plan.initial;
        let mut last = None;
        let count = plan.changes.len() as i64;
        for (i, (event, fields)) in plan.changes.into_iter().enumerate() {
            // Spread the changes over the token's life, in order.
            let slot = 1000 * (i as i64 + 1) / (count + 1) - rng.below(60) as i64;
            let at = iso(at_fraction(created_at, end, slot));
            let actor = if rng.below(2) == 0 { &creator } else { &admin };
            let before = state.clone();
            if let (Some(target), Some(fields)) = (state.as_object_mut(), fields.as_object()) {
                target.extend(fields.clone());
            }
            state["audit"]["updated"] =
                json!({"at": at, "by": {"id": actor.id, "name": actor.name}});
            let ctx = Context {
                actor,
                request: &request,
                at: &at,
            };
            audit_trail::record(store, event, Some(&before), Some(&state), &ctx)?;
            last = Some((actor.clone(), at));
        }
        if let Some((actor, at)) = last {
            let id = token["id"].as_str().unwrap_or_default();
            // No field changes: this only stamps `audit.updated` with the last change.
            store.update_token(id, &TokenChanges::default(), &actor, &at)?;
        }
    }
    Ok(())
}

/// Which changes led to `token`'s seeded state: a rename, new modules, disabling (and for
/// some active tokens, disabling and enabling again).
fn plan(token: &Value, offered: &[Value], rng: &mut Rng) -> Plan {
    let mut initial = token.clone();
    if let Some(map) = initial.as_object_mut() {
        map.remove("audit");
        map.insert("lastAccessAt".into(), Value::Null);
    }
    initial["audit"] = json!({"created": token["audit"]["created"]});
    initial["status"] = json!("Active");
    let mut changes = Vec::new();
    let name = token["name"].as_str().unwrap_or_default();
    if rng.below(3) == 0 {
        initial["name"] = json!(format!("{name} (staging)"));
        changes.push((TokenEvent::Updated, json!({"name": name})));
    }
    let modules = token["modules"].as_array().cloned().unwrap_or_default();
    if rng.below(2) == 0 && !offered.is_empty() {
        let mut earlier = modules.clone();
        if earlier.len() > 1 {
            earlier.pop();
        }
        let extra = &offered[rng.below(offered.len() as u64) as usize];
        if !modules.iter().any(|m| m["id"] == extra["id"]) {
            earlier.push(extra.clone());
        }
        if earlier != modules {
            initial["modules"] = Value::Array(earlier);
            changes.push((TokenEvent::Updated, json!({"modules": modules})));
        }
    }
    if token["status"] == "Disabled" {
        changes.push((TokenEvent::Disabled, json!({"status": "Disabled"})));
    } else if rng.below(4) == 0 {
        changes.push((TokenEvent::Disabled, json!({"status": "Disabled"})));
        changes.push((TokenEvent::Enabled, json!({"status": "Active"})));
    }
    Plan { initial, changes }
}
