//! Demo data: a realistic client account with a module catalogue and many tokens, and an
//! audit history consistent with them (`history`).
//!
//! Deterministic (a fixed-seed generator), so screenshots and tests see the same data.

mod data;
mod history;

pub use data::{demo_actor, module_id, Rng, DEMO_ACCOUNT_ID, DEMO_MODULES, MAX_MODULES};

use crate::clock::iso;
use crate::store::{Actor, NewToken, Store, StoreResult, TokenChanges};
use chrono::{Duration, TimeZone, Utc};
use data::{catalogue_entry, MODULES, NAME_STEMS, USERS};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Fills an empty store with the demo account, modules and `token_count` tokens.
pub fn seed_demo(store: &mut Store, token_count: usize) -> StoreResult<()> {
    seed_demo_sized(store, token_count, DEMO_MODULES)
}

/// [`seed_demo`] with a catalogue of `module_count` modules (at most [`MAX_MODULES`]): the
/// demo catalogue cut short, or followed by generated configurable modules, so that paging
/// through more than a hundred modules can be tried. Tokens only use the demo catalogue's.
pub fn seed_demo_sized(
    store: &mut Store,
    token_count: usize,
    module_count: usize,
) -> StoreResult<()> {
    let module_count = module_count.min(MAX_MODULES);
    store.write(|s| {
        s.clear()?;
        s.insert_account(DEMO_ACCOUNT_ID, "Stark Industries", "Client", "Active")?;
        for i in 0..module_count {
            s.insert_module(&catalogue_entry(i), i as i64)?;
        }
        let client_modules: Vec<usize> = MODULES
            .iter()
            .take(module_count)
            .enumerate()
            .filter(|(_, m)| m.2.contains(&"Client") && m.3)
            .map(|(i, _)| i)
            .collect();
        let mut rng = Rng::new(0x5EED_2026);
        // Creation dates spread over the ~14 months before the demo's "today", whatever the count.
        let start = Utc
            .with_ymd_and_hms(2025, 9, 1, 9, 0, 0)
            .single()
            .unwrap_or_default();
        let end = Utc
            .with_ymd_and_hms(2026, 11, 20, 18, 0, 0)
            .single()
            .unwrap_or_default();
        let spacing = (600_000 / token_count.max(1) as i64).max(1);
        for n in 0..token_count {
            let id = format!("TKN-{:04}-{:04}", 1234 + n / 10_000, 1234 + n % 10_000);
            let name = match n {
                0..=2 => format!("Robot {}", n + 1),
                _ => format!(
                    "{} {}",
                    NAME_STEMS[n % NAME_STEMS.len()],
                    n / NAME_STEMS.len() + 1
                ),
            };
            let creator = USERS[rng.below(USERS.len() as u64) as usize];
            let created = start + Duration::minutes((n as i64) * spacing + rng.below(600) as i64);
            let since = (end - created).num_minutes().max(1) as u64;
            let last_access = match rng.below(5) {
                0 => None,
                _ => Some(iso(created + Duration::minutes(rng.below(since) as i64))),
            };
            let status = if rng.below(4) == 0 {
                "Disabled"
            } else {
                "Active"
            };
            let description = match rng.below(3) {
                0 => None,
                _ => Some(format!(
                    "Used by the {} integration. Owner: {}.",
                    name, creator.1
                )),
            };
            let module_count = match (n, client_modules.is_empty()) {
                (_, true) => 0,
                (0 | 1, false) => 1,
                _ => 1 + rng.below(5) as usize,
            };
            let mut modules: Vec<String> = (0..module_count)
                .map(|_| module_id(client_modules[rng.below(client_modules.len() as u64) as usize]))
                .collect();
            modules.sort();
            modules.dedup();
            let secret = format!("idt:{id}:{:016x}{:016x}", rng.next_u64(), rng.next_u64());
            s.insert_token(&NewToken {
                name,
                description,
                status: status.to_string(),
                secret,
                created_at: iso(created),
                created_by: Actor {
                    id: creator.0.to_string(),
                    name: creator.1.to_string(),
                },
                last_access_at: last_access,
                module_filters: buyer_limit(n, &modules),
                icon: icon(n, &id),
                extensions: extensions(n),
                modules,
                id,
            })?;
        }
        rename_with_long_names(s, token_count)?;
        history::seed_history(s)
    })
}

/// The v5 fields some demo tokens have, chosen by the token's number (not drawn from the
/// generator, so every other seeded value stays as it was): every fifth token from the fourth
/// (`TKN-1234-1237`) has its first module limited to one or two buyers.
fn buyer_limit(n: usize, modules: &[String]) -> BTreeMap<String, Value> {
    match modules.first() {
        Some(first) if n % 5 == 3 => {
            let buyers: Vec<String> = (1..=1 + n % 2)
                .map(|b| format!("BUY-1234-{:04}", 1000 + b))
                .collect();
            BTreeMap::from([(first.clone(), json!({ "group.buyers": buyers }))])
        }
        _ => BTreeMap::new(),
    }
}

/// Every ninth token from the fifth (`TKN-1234-1238`) has an icon: the relative path of its
/// image on the API (served by the sandbox, see `routes::icons`).
fn icon(n: usize, id: &str) -> Option<String> {
    (n % 9 == 4).then(|| format!("/public/v1/accounts/api-tokens/{id}/icon"))
}

/// Every eleventh token from the sixth (`TKN-1234-1239`) was installed by an extension.
fn extensions(n: usize) -> Option<Value> {
    (n % 11 == 5).then(|| {
        json!([{
            "id": "EXT-1234-0001", "name": "Adobe VIP Marketplace connector",
            "icon": null, "revision": 2, "status": "Public"
        }])
    })
}

/// Names of every length and script, as real accounts have them: the demo shows (and the tests
/// and screenshots see) how the app lays them out. Each replaces the name of one of the newest
/// tokens (the first page, newest first), so the number of tokens stays the same.
fn long_names() -> [(usize, String); 4] {
    // 255 characters without a space: the longest unbroken name the screenshots show.
    let unbroken: String = "Nightly-ERP-export-for-the-EMEA-finance-data-warehouse-"
        .chars()
        .cycle()
        .take(255)
        .collect();
    [
        // Without a space: 65 characters that no word break can split.
        (
            1,
            "ServiceNow-CMDB-synchronisation-token-for-EMEA-production-cluster".to_string(),
        ),
        (2, unbroken),
        // Right-to-left.
        (
            4,
            "مزامنة الفواتير الشهرية مع نظام تخطيط موارد المؤسسة – بيئة الإنتاج".to_string(),
        ),
        // Emoji and CJK.
        (
            6,
            "🚀 デプロイパイプライン本番環境用トークン 🔐 CI/CD".to_string(),
        ),
    ]
}

fn rename_with_long_names(s: &Store, token_count: usize) -> StoreResult<()> {
    for (from_newest, name) in long_names() {
        // Never one of the first three ("Robot 1-3"), which the docs and tests name.
        let Some(n) = token_count.checked_sub(from_newest).filter(|n| *n >= 3) else {
            continue;
        };
        let id = format!("TKN-{:04}-{:04}", 1234 + n / 10_000, 1234 + n % 10_000);
        // Renamed by a person at the demo's "today", as such names come about.
        s.update_token(
            &id,
            &TokenChanges {
                name: Some(name),
                ..TokenChanges::default()
            },
            &Actor {
                id: USERS[0].0.to_string(),
                name: USERS[0].1.to_string(),
            },
            "2026-11-20T17:00:00.000Z",
        )?;
    }
    Ok(())
}
