//! The API's resources as typed data. Unknown fields are ignored (the API may add fields),
//! except on a token's module references, which keep them to send back (see [`ModuleRef`]);
//! fields a list omitted simply stay `None`/empty, so one type serves lists and single reads.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A token's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum TokenStatus {
    #[default]
    Active,
    Disabled,
    Deleted,
    /// A state this client does not know yet.
    #[serde(other)]
    Unknown,
}

impl TokenStatus {
    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            TokenStatus::Active => "Active",
            TokenStatus::Disabled => "Disabled",
            TokenStatus::Deleted => "Deleted",
            TokenStatus::Unknown => "Unknown",
        }
    }
}

/// `{id, name}` of a user, token or account that did something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Party {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One audit event: when, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AuditEvent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Party>,
}

/// The latest event of each kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Audit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<AuditEvent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<AuditEvent>,
}

/// The account a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AccountRef {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(rename = "type", default)]
    pub account_type: String,
    #[serde(default)]
    pub status: String,
}

/// A module as embedded in a token. The reference is kept as it was read (`raw`), with the
/// fields this client does not model (v5: `filters`, `revision`, `settings`, and whatever
/// comes next), so that a module the person keeps goes back in a PUT exactly as it was read:
/// a limit to some buyers is never lost by an edit. One built here (an added module) has no
/// `raw` and is sent as `{"id"}` (with its name and description, when given).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModuleRef {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Every field as read, `id`, `name` and `description` included; empty when not read.
    pub raw: Map<String, Value>,
}

impl ModuleRef {
    /// The buyers the token's access to this module is limited to (`filters.group.buyers`);
    /// empty when it is not limited.
    pub fn buyers(&self) -> Vec<&str> {
        self.raw
            .get("filters")
            .and_then(|f| f.get("group.buyers"))
            .and_then(Value::as_array)
            .map(|ids| ids.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether the platform marks the module obsolete (`settings.obsolete`, v5).
    pub fn obsolete(&self) -> bool {
        self.raw
            .get("settings")
            .and_then(|s| s.get("obsolete"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

// By hand rather than with `#[serde(flatten)]`, which would buffer every field through
// serde's private `Content` type first (more code, not measured here); this reuses the `Map`
// reader the audit records already bring into the bundle.
impl<'de> Deserialize<'de> for ModuleRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Map::deserialize(deserializer)?;
        let text = |key: &str| raw.get(key).and_then(Value::as_str).map(str::to_string);
        Ok(ModuleRef {
            id: text("id").ok_or_else(|| serde::de::Error::missing_field("id"))?,
            name: text("name").unwrap_or_default(),
            description: text("description"),
            raw,
        })
    }
}

impl Serialize for ModuleRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.raw.is_empty() {
            return self.raw.serialize(serializer);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        if !self.name.is_empty() {
            map.serialize_entry("name", &self.name)?;
        }
        if let Some(description) = &self.description {
            map.serialize_entry("description", description)?;
        }
        map.end()
    }
}

/// Resource metadata: which fields the server left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Meta {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<String>,
}

/// An API token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Token {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub icon: Option<String>,
    #[serde(default)]
    pub status: TokenStatus,
    #[serde(default)]
    pub modules: Vec<ModuleRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountRef>,
    /// The secret. Lists leave it out unless selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default)]
    pub last_access_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<Audit>,
    #[serde(rename = "$meta", default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// v5: one more on every change of the token; compared to detect concurrent edits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u64>,
    /// v5: the extensions the token belongs to (`null` or absent for none). Each is read as a
    /// reference of the same shape as a module's (`id`, `name`, the rest kept): one reader
    /// less in the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<ModuleRef>>,
}

impl Token {
    /// `audit.updated.at`: the version stamp used to detect concurrent edits when the API
    /// sends no `revision` (no ETag exists).
    pub fn updated_at(&self) -> Option<&str> {
        self.audit.as_ref()?.updated.as_ref()?.at.as_deref()
    }

    /// `audit.created`.
    pub fn created(&self) -> Option<&AuditEvent> {
        self.audit.as_ref()?.created.as_ref()
    }

    /// `audit.updated`.
    pub fn updated(&self) -> Option<&AuditEvent> {
        self.audit.as_ref()?.updated.as_ref()
    }
}

/// A module's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ModuleSettings {
    #[serde(default = "yes")]
    pub configurable: bool,
    #[serde(default)]
    pub default: bool,
    #[serde(default)]
    pub paid: bool,
    #[serde(rename = "type", default)]
    pub types: Vec<String>,
    /// v5: kept on tokens that hold it, not to be granted anew.
    #[serde(default)]
    pub obsolete: bool,
}

fn yes() -> bool {
    true
}

/// A module of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Module {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub account_types: Vec<String>,
    #[serde(default)]
    pub settings: Option<ModuleSettings>,
}

impl Module {
    /// Whether tokens of an account of this type may use the module. Compared without case:
    /// the platform's own documentation lists `["vendor","client","operations"]` for accounts
    /// whose type reads `Client` (account types are ASCII words).
    pub fn enabled_for(&self, account_type: &str) -> bool {
        self.account_types.is_empty()
            || self
                .account_types
                .iter()
                .any(|t| t.eq_ignore_ascii_case(account_type))
    }

    /// Whether people may add or remove the module (platform-managed ones are locked).
    pub fn configurable(&self) -> bool {
        self.settings.as_ref().is_none_or(|s| s.configurable)
    }

    /// Whether the platform marks the module obsolete: not offered for new grants.
    pub fn obsolete(&self) -> bool {
        self.settings.as_ref().is_some_and(|s| s.obsolete)
    }
}

/// `$meta.pagination` of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Pagination {
    #[serde(default)]
    pub offset: u64,
    #[serde(default)]
    pub limit: u64,
    #[serde(default)]
    pub total: Option<u64>,
}

/// `$meta` of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ListMeta {
    #[serde(default)]
    pub pagination: Pagination,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<String>,
}

/// A page of a collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    #[serde(rename = "$meta", default)]
    pub meta: ListMeta,
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
}

/// `{"id": ...}`: how the API references a module in request bodies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IdRef {
    pub id: String,
}

/// The body of `POST /accounts/api-tokens` (`CreateApiTokenDto`). The account is left out
/// when it is not known yet (an account without tokens): the API takes the caller's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateToken {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<IdRef>,
    pub name: String,
    pub description: Option<String>,
    pub icon: Option<String>,
    pub modules: Vec<IdRef>,
}

/// The body of `PUT /accounts/api-tokens/{id}` (`UpdateApiTokenDto`): a field that is `None`
/// is left out (unchanged on the server); `description: Some(None)` is sent as `null` (cleared);
/// `modules`, when present, is the complete new set: kept modules as they were read, added ones
/// as `{"id"}`. Read-only fields do not exist here, so they can never be sent. `model::delta`
/// builds the minimal one from an edit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct UpdateToken {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modules: Option<Vec<ModuleRef>>,
}

impl UpdateToken {
    /// Nothing to save.
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.description.is_none() && self.modules.is_none()
    }

    /// The JSON body.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// The module ids of `modules`, when the body changes them.
    pub fn module_ids(&self) -> Option<std::collections::BTreeSet<String>> {
        self.modules
            .as_ref()
            .map(|ms| ms.iter().map(|m| m.id.clone()).collect())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn account_types_match_whatever_their_case() {
        let module = Module {
            account_types: vec!["vendor".into(), "client".into(), "operations".into()],
            ..Module::default()
        };
        assert!(module.enabled_for("Client"));
        assert!(module.enabled_for("CLIENT"));
        assert!(!module.enabled_for("Clients"));
        assert!(Module::default().enabled_for("Client"));
    }

    #[test]
    fn list_item_without_audit_or_secret_parses_and_unknown_fields_are_ignored() {
        let json = r#"{"$meta":{"pagination":{"offset":0,"limit":10,"total":43},"omitted":["audit"]},
            "data":[{"id":"TKN-1","name":"Robot 1","status":"Active","brandNew":1,
                     "modules":[{"id":"MOD-1001","name":"Billing","extra":true}]}]}"#;
        let page: Page<Token> = serde_json::from_str(json).unwrap();
        assert_eq!(page.meta.pagination.total, Some(43));
        assert_eq!(page.meta.omitted, vec!["audit"]);
        assert_eq!(page.data[0].modules[0].name, "Billing");
        assert!(page.data[0].audit.is_none());
    }

    #[test]
    fn a_module_reference_keeps_every_field_it_was_read_with() {
        let read = serde_json::json!({
            "id": "MOD-1010", "name": "Billing", "description": null, "revision": 4,
            "filters": {"group.buyers": ["BUY-1", "BUY-2"]},
            "settings": {"obsolete": true}, "addedLater": [1, {"x": "y"}]
        });
        let m: ModuleRef = serde_json::from_str(&read.to_string()).unwrap();
        assert_eq!(m.buyers(), ["BUY-1", "BUY-2"]);
        assert!(m.obsolete());
        assert_eq!(m.description, None);
        assert_eq!(serde_json::to_value(&m).unwrap(), read);
        let added = ModuleRef {
            id: "MOD-1".into(),
            ..ModuleRef::default()
        };
        assert_eq!(serde_json::to_string(&added).unwrap(), r#"{"id":"MOD-1"}"#);
        assert!(serde_json::from_str::<ModuleRef>(r#"{"name":"no id"}"#).is_err());
    }

    #[test]
    fn unknown_status_does_not_fail_the_whole_list() {
        let t: Token = serde_json::from_str(r#"{"id":"TKN-1","status":"Frozen"}"#).unwrap();
        assert_eq!(t.status, TokenStatus::Unknown);
    }

    #[test]
    fn known_fields_round_trip() {
        let t = Token {
            id: "TKN-1".into(),
            name: "Robot".into(),
            description: Some("d".into()),
            status: TokenStatus::Disabled,
            modules: vec![serde_json::from_str(
                r#"{"id":"MOD-1001","name":"Billing","filters":{"group.buyers":["BUY-1"]}}"#,
            )
            .unwrap()],
            revision: Some(3),
            last_access_at: Some("2026-01-01T00:00:00.000Z".into()),
            audit: Some(Audit {
                created: Some(AuditEvent {
                    at: Some("2025-01-01T00:00:00.000Z".into()),
                    by: None,
                }),
                updated: None,
            }),
            ..Token::default()
        };
        let back: Token = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
    }
}
