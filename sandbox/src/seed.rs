//! Demo data: a realistic client account with a module catalogue and many tokens.
//!
//! Deterministic (a fixed-seed generator), so screenshots and tests see the same data.

use crate::store::{Actor, ModuleRecord, NewToken, Store, StoreResult, TokenChanges};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// The account every demo token belongs to.
pub const DEMO_ACCOUNT_ID: &str = "ACC-1234-5678";

/// A catalogue entry: (name, description, account types, configurable, default, paid).
type ModuleSeed = (
    &'static str,
    &'static str,
    &'static [&'static str],
    bool,
    bool,
    bool,
);

const MODULES: &[ModuleSeed] = &[
    ("365EA + Unified Support", "The Microsoft 365 EA with Unified Support Dashboard provides an overview for Microsoft 365 EA customers who purchased our unified support service.", &["Client"], true, false, false),
    ("Access management", "Manage the access to your account", &["Client", "Vendor", "Operations"], true, true, false),
    ("Account management", "Manage the licensees and other account objects", &["Client", "Vendor", "Operations"], true, true, false),
    ("Azure Simple", "Simplify and Accelerate your Transformation to the Cloud with AzureSimple", &["Client"], true, false, false),
    ("Marketplace", "Buy and manage subscription licenses", &["Client"], true, true, false),
    ("Cloud cost optimization", "The Cloud Cost Optimization module allows organizations to deliver optimization to their cloud infrastructure, and deliver savings.", &["Client"], true, false, true),
    ("Cloud subscription V1", "Cloud subscriptions allow you to purchase new subscriptions, add new subscriptions to your tenant, and manage your existing ones.", &["Client"], true, false, false),
    ("Compliance check (paid)", "Show results of the EULA - check service", &["Client"], true, false, true),
    ("User management - non - standard (paid)", "Manage users beyond the standard roles, with custom permissions", &["Client"], true, false, true),
    ("Billing", "Statements, invoices, journals and credit memos", &["Client", "Vendor", "Operations"], true, true, false),
    ("Orders", "Place, track and approve purchase orders", &["Client", "Operations"], true, true, false),
    ("Agreements", "View and manage agreements with your vendors", &["Client", "Operations"], true, false, false),
    ("Subscriptions", "Track subscriptions, renewals and term changes", &["Client", "Operations"], true, false, false),
    ("Assets", "Inventory of purchased assets across your licensees", &["Client"], true, false, false),
    ("Catalog", "Browse products, items and price lists", &["Client", "Vendor", "Operations"], true, false, false),
    ("Notifications", "Configure messages, categories and subscribers", &["Client", "Vendor", "Operations"], true, false, false),
    ("Audit trail", "Search the record of changes made in the account", &["Client", "Vendor", "Operations"], false, true, false),
    ("Reporting", "Scheduled and on-demand reports about spend and usage", &["Client", "Operations"], true, false, false),
    ("Spotlight", "Recommendations about expiring, unused and over-provisioned licenses", &["Client"], true, false, true),
    ("Licensee management", "Create licensees and manage their eligibility", &["Client"], true, false, false),
    ("Buyer management", "Maintain buyers, their addresses and contacts", &["Client", "Operations"], true, false, false),
    ("Request management", "Raise and follow service requests", &["Client"], true, false, false),
    ("Quotes", "Ask for quotes and convert them into orders", &["Client"], true, false, false),
    ("Extensions", "Install and configure platform extensions", &["Vendor", "Operations"], true, false, false),
    ("Product management", "Define products, items and parameters for sale", &["Vendor"], true, false, false),
    ("Price lists", "Publish price lists to the marketplace", &["Vendor", "Operations"], true, false, false),
    ("Listings", "Decide where and to whom products are offered", &["Vendor", "Operations"], true, false, false),
    ("Journals", "Upload and reconcile billing journals", &["Vendor", "Operations"], true, false, false),
    ("Helpdesk", "Case management for support teams", &["Operations"], true, false, false),
    ("Integration API", "Programmatic access for ERP and procurement integrations", &["Client", "Vendor", "Operations"], false, true, false),
    ("Software Lifecycle Management", "Track software versions and end-of-support dates", &["Client"], true, false, true),
    ("Adobe VIP Marketplace", "Order and manage Adobe VIP Marketplace subscriptions", &["Client"], true, false, false),
    ("Microsoft CSP", "Manage Microsoft Cloud Solution Provider subscriptions", &["Client"], true, false, false),
    ("AWS Essentials", "Consolidated billing and governance for AWS accounts", &["Client"], true, false, true),
    ("Google Workspace", "Order and manage Google Workspace licenses", &["Client"], true, false, false),
    ("Statements (legacy)", "Old statement viewer kept for reference", &["Client"], false, false, false),
];

const USERS: &[(&str, &str)] = &[
    ("USR-1234-1210-2143", "John Smith"),
    ("USR-1234-1240-2141", "Andy Anderson"),
    ("USR-1234-1250-2233", "Sarah Sanderson"),
    ("USR-1234-1260-3301", "Priya Patel"),
    ("USR-1234-1270-4410", "Mateo García"),
    ("USR-1234-1280-5521", "Chen Wei"),
];

const NAME_STEMS: &[&str] = &[
    "ERP sync",
    "Billing export",
    "CI pipeline",
    "Procurement bot",
    "Reporting job",
    "ServiceNow connector",
    "Power BI refresh",
    "License harvester",
    "Backup agent",
    "Order intake",
    "Invoice mailer",
    "Partner portal",
    "Audit reader",
];

/// A tiny deterministic generator (xorshift64*): demo data must be the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// The `index`th module of the demo catalogue.
fn catalogue_entry(index: usize) -> ModuleRecord {
    let (name, description, types, configurable, default, paid) = match MODULES.get(index) {
        Some(&(name, description, types, configurable, default, paid)) => (
            name.to_string(),
            description.to_string(),
            types,
            configurable,
            default,
            paid,
        ),
        None => (
            format!("Extension module {}", index + 1),
            format!(
                "A generated module (number {}) of a large catalogue",
                index + 1
            ),
            &["Client", "Vendor", "Operations"][..],
            true,
            false,
            index.is_multiple_of(7),
        ),
    };
    ModuleRecord {
        id: module_id(index),
        code: name
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        name,
        description,
        account_types: types.iter().map(|t| t.to_string()).collect(),
        configurable,
        is_default: default,
        paid,
        types: vec!["Marketplace".to_string()],
    }
}

/// Formats a timestamp the way the API does: ISO-8601 UTC with milliseconds.
pub fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The module catalogue's ids: `MOD-1001`, `MOD-1002`, ...
pub fn module_id(index: usize) -> String {
    format!("MOD-{:04}", 1001 + index)
}

/// How many modules the demo catalogue has unless asked for another size.
pub const DEMO_MODULES: usize = MODULES.len();
/// The most modules a catalogue can have (ids are `MOD-` and four digits).
pub const MAX_MODULES: usize = 8_999;

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
                id,
                name,
                description,
                icon: None,
                status: status.to_string(),
                secret,
                created_at: iso(created),
                created_by: Actor {
                    id: creator.0.to_string(),
                    name: creator.1.to_string(),
                },
                last_access_at: last_access,
                modules,
            })?;
        }
        rename_with_long_names(s, token_count)?;
        Ok(())
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
