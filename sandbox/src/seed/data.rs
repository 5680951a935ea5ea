//! The demo data itself: the account, its people (the administrator the demo secret acts
//! as among them), the module catalogue, token name stems, and the fixed-seed generator.

use crate::store::{Actor, ModuleRecord};

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

pub(super) const MODULES: &[ModuleSeed] = &[
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

pub(super) const USERS: &[(&str, &str)] = &[
    ("USR-1234-1210-2143", "John Smith"),
    ("USR-1234-1240-2141", "Andy Anderson"),
    ("USR-1234-1250-2233", "Sarah Sanderson"),
    ("USR-1234-1260-3301", "Priya Patel"),
    ("USR-1234-1270-4410", "Mateo García"),
    ("USR-1234-1280-5521", "Chen Wei"),
];

pub(super) const NAME_STEMS: &[&str] = &[
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

/// The administrator the demo secret acts as.
pub fn demo_actor() -> Actor {
    Actor {
        id: "USR-1234-1250-2233".into(),
        name: "Sarah Sanderson".into(),
    }
}

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
pub(super) fn catalogue_entry(index: usize) -> ModuleRecord {
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
        description,
        account_types: types.iter().map(|t| t.to_string()).collect(),
        configurable,
        is_default: default,
        paid,
        types: vec!["Marketplace".to_string()],
        obsolete: OBSOLETE.contains(&name.as_str()),
        name,
    }
}

/// Modules the platform marks obsolete (v5 `settings.obsolete`): tokens that hold them keep
/// them, new grants are not offered.
const OBSOLETE: &[&str] = &["Cloud subscription V1"];

/// The module catalogue's ids: `MOD-1001`, `MOD-1002`, ...
pub fn module_id(index: usize) -> String {
    format!("MOD-{:04}", 1001 + index)
}

/// How many modules the demo catalogue has unless asked for another size.
pub const DEMO_MODULES: usize = MODULES.len();
/// The most modules a catalogue can have (ids are `MOD-` and four digits).
pub const MAX_MODULES: usize = 8_999;
