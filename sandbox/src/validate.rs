//! Validation of create and update bodies, with the delta semantics of the platform:
//! omitted = unchanged, `null` clears a nullable field, `modules` replaces the whole set.

use crate::problem::Problem;
use crate::store::{ModuleRecord, TokenChanges};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Longest token name accepted, in characters. The platform documents no limit; this one is
/// generous on purpose (see the README), and the app must never be stricter.
pub const NAME_MAX: usize = 255;
/// Longest description accepted, in characters (chosen like [`NAME_MAX`]).
pub const DESCRIPTION_MAX: usize = 2000;

const READ_ONLY: &[&str] = &[
    "id",
    "status",
    "token",
    "audit",
    "account",
    "lastAccessAt",
    "$meta",
    "revision",
    "extensions",
];
const UPDATABLE: &[&str] = &["name", "description", "icon", "modules"];

/// How unknown and read-only body fields are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// Accept and ignore them, as the platform's docs say read-only fields are (the default).
    #[default]
    Lenient,
    /// Reject them with a 400 (`--strict`: the project's end-to-end suite runs this way to
    /// prove the app never sends them).
    Strict,
}

/// What validation needs to know about the account and the token being changed.
pub struct Context<'a> {
    pub modules: &'a [ModuleRecord],
    pub account_type: &'a str,
    /// The token's current module ids (empty for a create).
    pub current_modules: &'a [String],
    /// The `filters` the token's current modules hold, by module id (empty for a create).
    pub current_filters: &'a BTreeMap<String, Value>,
}

impl Context<'_> {
    fn module(&self, id: &str) -> Option<&ModuleRecord> {
        self.modules.iter().find(|m| m.id == id)
    }

    fn available(&self, m: &ModuleRecord) -> bool {
        m.account_types.iter().any(|t| t == self.account_type)
    }
}

/// Parses and checks an update body.
pub fn update_body(
    body: &Value,
    strictness: Strictness,
    ctx: &Context,
) -> Result<TokenChanges, Problem> {
    let map = as_object(body)?;
    let mut problem = Problem::validation();
    check_fields(map, UPDATABLE, strictness, &mut problem);
    let mut changes = TokenChanges::default();
    if let Some(name) = map.get("name") {
        changes.name = check_name(name, &mut problem);
    }
    if let Some(description) = map.get("description") {
        changes.description = Some(nullable_text(
            description,
            "description",
            DESCRIPTION_MAX,
            &mut problem,
        ));
    }
    if let Some(icon) = map.get("icon") {
        changes.icon = Some(nullable_text(icon, "icon", ICON_MAX, &mut problem));
    }
    if let Some(modules) = map.get("modules") {
        let (ids, filters) = check_modules(modules, ctx, strictness, &mut problem);
        changes.modules = Some(ids);
        changes.module_filters = filters;
    }
    if problem.has_errors() {
        Err(problem)
    } else {
        Ok(changes)
    }
}

/// Parses and checks a create body. `account_id` is the only account the caller may use.
pub fn create_body(
    body: &Value,
    strictness: Strictness,
    ctx: &Context,
    account_id: &str,
) -> Result<TokenChanges, Problem> {
    let map = as_object(body)?;
    let mut problem = Problem::validation();
    check_fields(
        map,
        &["account", "name", "description", "icon", "modules"],
        strictness,
        &mut problem,
    );
    if let Some(account) = map.get("account") {
        match account.get("id").and_then(Value::as_str) {
            Some(id) if id == account_id => {}
            Some(id) => {
                problem = problem.field(
                    "account",
                    format!("You cannot create tokens for account {id}."),
                );
            }
            None => problem = problem.field("account", "Account must be an object with an `id`."),
        }
    }
    let name = match map.get("name") {
        Some(name) => check_name(name, &mut problem),
        None => {
            problem = problem.field("name", "Name is required.");
            None
        }
    };
    let mut changes = TokenChanges {
        name,
        ..TokenChanges::default()
    };
    if let Some(description) = map.get("description") {
        changes.description = Some(nullable_text(
            description,
            "description",
            DESCRIPTION_MAX,
            &mut problem,
        ));
    }
    if let Some(icon) = map.get("icon") {
        changes.icon = Some(nullable_text(icon, "icon", ICON_MAX, &mut problem));
    }
    // A new token gets the platform-managed modules enabled by default; the client's list
    // decides only the configurable ones.
    let managed_defaults: Vec<String> = ctx
        .modules
        .iter()
        .filter(|m| !m.configurable && m.is_default && ctx.available(m))
        .map(|m| m.id.clone())
        .collect();
    let new_token = Context {
        current_modules: &managed_defaults,
        ..*ctx
    };
    let (modules, filters) = match map.get("modules") {
        Some(modules) => check_modules(modules, &new_token, strictness, &mut problem),
        None => (managed_defaults.clone(), BTreeMap::new()),
    };
    changes.modules = Some(modules);
    changes.module_filters = filters;
    if problem.has_errors() {
        Err(problem)
    } else {
        Ok(changes)
    }
}

fn as_object(body: &Value) -> Result<&Map<String, Value>, Problem> {
    body.as_object()
        .ok_or_else(|| Problem::bad_request("The request body must be a JSON object."))
}

fn check_fields(
    map: &Map<String, Value>,
    allowed: &[&str],
    strictness: Strictness,
    problem: &mut Problem,
) {
    if strictness == Strictness::Lenient {
        return;
    }
    for key in map.keys() {
        if allowed.contains(&key.as_str()) {
            continue;
        }
        let message = if READ_ONLY.contains(&key.as_str()) {
            format!("`{key}` is read-only and cannot be set.")
        } else {
            format!("`{key}` is not a field of this request.")
        };
        problem.push(key, message);
    }
}

/// Longest icon accepted (a URL or a `data:` URI), in characters.
const ICON_MAX: usize = 32 * 1024;

/// Bidirectional embeddings, overrides and isolates: they make text display in another order
/// than it is stored (`evil\u{202E}exe.txt`), so they are refused in names and descriptions.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check_name(value: &Value, problem: &mut Problem) -> Option<String> {
    let message = match value {
        Value::String(s) if s.trim().is_empty() => "Name is required.".to_string(),
        Value::String(s) if s.trim().chars().count() > NAME_MAX => {
            format!("Name must be at most {NAME_MAX} characters.")
        }
        Value::String(s) if s.chars().any(char::is_control) => {
            "Name must not contain control characters (line breaks, tabs, NUL, ...).".to_string()
        }
        Value::String(s) if s.chars().any(is_bidi_control) => {
            "Name must not contain bidirectional override characters.".to_string()
        }
        Value::String(s) => return Some(s.trim().to_string()),
        Value::Null => "Name is required.".to_string(),
        _ => "Name must be a string.".to_string(),
    };
    problem.push("name", message);
    None
}

fn nullable_text(value: &Value, field: &str, max: usize, problem: &mut Problem) -> Option<String> {
    let message = match value {
        Value::Null => return None,
        Value::String(s) if s.chars().count() > max => {
            format!("{} must be at most {max} characters.", capitalise(field))
        }
        Value::String(s) if s.contains('\0') || s.chars().any(is_bidi_control) => format!(
            "{} must not contain NUL or bidirectional override characters.",
            capitalise(field)
        ),
        Value::String(s) => return Some(s.clone()),
        _ => format!("{} must be a string or null.", capitalise(field)),
    };
    problem.push(field, message);
    None
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The fields of a module reference in a body (v5 `ModuleRef`): a client may send a module
/// back as it read it. Only `id` and `filters` are taken; the others describe the module and
/// are the catalogue's.
const MODULE_REF_FIELDS: &[&str] = &[
    "id",
    "name",
    "description",
    "revision",
    "filters",
    "settings",
];
/// The documented keys of a module's `filters` (v5 `Filters`).
const FILTER_KEYS: &[&str] = &["group.buyers"];

/// Checks `modules` and returns the new set with the `filters` each module was sent with.
fn check_modules(
    value: &Value,
    ctx: &Context,
    strictness: Strictness,
    problem: &mut Problem,
) -> (Vec<String>, BTreeMap<String, Value>) {
    let mut errors = Vec::new();
    let items: &[Value] = match value {
        Value::Null => &[],
        Value::Array(items) => items,
        _ => {
            errors.push("Modules must be an array of objects with an `id`.".to_string());
            &[]
        }
    };
    let mut ids = BTreeSet::new();
    let mut filters = BTreeMap::new();
    for item in items {
        let id = item.get("id").and_then(Value::as_str);
        let extra = item
            .as_object()
            .map(|o| o.keys().any(|k| !MODULE_REF_FIELDS.contains(&k.as_str())))
            .unwrap_or(false);
        match id {
            None => errors.push("Each module must be an object with a string `id`.".to_string()),
            Some(_) if extra && strictness == Strictness::Strict => errors.push(format!(
                "A module reference may only contain {}.",
                MODULE_REF_FIELDS.join(", ")
            )),
            Some(id) => {
                ids.insert(id.to_string());
                match check_filters(item.get("filters"), strictness) {
                    Ok(Some(f)) => {
                        filters.insert(id.to_string(), f);
                    }
                    Ok(None) => {
                        filters.remove(id);
                    }
                    Err(e) => errors.push(format!("Module {id}: {e}")),
                }
            }
        }
    }
    for id in &ids {
        match ctx.module(id) {
            None => errors.push(format!("Module {id} does not exist.")),
            Some(m) if !ctx.available(m) => errors.push(format!(
                "Module {id} ({}) is not enabled for {} accounts.",
                m.name, ctx.account_type
            )),
            Some(m) if !m.configurable && !ctx.current_modules.contains(id) => {
                errors.push(format!(
                    "Module {id} ({}) is managed by the platform and cannot be added.",
                    m.name
                ))
            }
            Some(_) => {}
        }
    }
    // Platform-managed modules are not the client's to change: the token keeps the ones it
    // has whether the list names them or not.
    // Platform-managed modules are not the client's to change: the token keeps the ones it
    // has whether the list names them or not, with their limits.
    let managed = ctx
        .current_modules
        .iter()
        .filter(|id| ctx.module(id).is_some_and(|m| !m.configurable));
    for id in managed {
        ids.insert(id.clone());
        match ctx.current_filters.get(id) {
            Some(f) => filters.insert(id.clone(), f.clone()),
            None => filters.remove(id),
        };
    }
    for e in errors {
        problem.push("modules", e);
    }
    (ids.into_iter().collect(), filters)
}

/// A module reference's `filters`: absent or `null` is no limit; otherwise an object whose
/// values are lists of ids (`{"group.buyers": ["BUY-..."]}`). `--strict` refuses keys the
/// schema does not name.
fn check_filters(value: Option<&Value>, strictness: Strictness) -> Result<Option<Value>, String> {
    let map = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(map)) => map,
        Some(_) => return Err("`filters` must be an object or null.".to_string()),
    };
    for (key, ids) in map {
        if strictness == Strictness::Strict && !FILTER_KEYS.contains(&key.as_str()) {
            return Err(format!("`filters.{key}` is not a filter of this API."));
        }
        let all_text = ids
            .as_array()
            .is_some_and(|ids| ids.iter().all(Value::is_string));
        if !all_text {
            return Err(format!("`filters.{key}` must be an array of ids."));
        }
    }
    Ok(Some(Value::Object(map.clone())))
}
