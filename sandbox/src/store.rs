//! SQLite storage: schema, migrations and the token/module records as API JSON.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long a write waits for a file another process is writing before it gives up (and the
/// request is answered 503 with `Retry-After`).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(1);

pub mod audit;

/// Bumped when the schema changes; `migrate` upgrades older files in place.
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS account (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS modules (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, code TEXT NOT NULL,
  account_types TEXT NOT NULL, configurable INTEGER NOT NULL, is_default INTEGER NOT NULL,
  paid INTEGER NOT NULL, types TEXT NOT NULL, position INTEGER NOT NULL,
  obsolete INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, icon TEXT,
  status TEXT NOT NULL, secret TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL,
  last_access_at TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  created_by_name TEXT NOT NULL, updated_at TEXT, updated_by TEXT, updated_by_name TEXT,
  deleted INTEGER NOT NULL DEFAULT 0, revision INTEGER NOT NULL DEFAULT 1, extensions TEXT);
CREATE TABLE IF NOT EXISTS token_modules (
  token_id TEXT NOT NULL, module_id TEXT NOT NULL, filters TEXT,
  PRIMARY KEY (token_id, module_id));
CREATE INDEX IF NOT EXISTS tokens_live ON tokens (deleted);
";

/// Columns added after schema version 1 (v5 fields): `(table, column, definition)`, added to
/// an older file by [`Store::migrate`].
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("modules", "obsolete", "INTEGER NOT NULL DEFAULT 0"),
    ("tokens", "revision", "INTEGER NOT NULL DEFAULT 1"),
    ("tokens", "extensions", "TEXT"),
    ("token_modules", "filters", "TEXT"),
];

/// Every module's `revision`: the sandbox never changes a module, so each stays at its first.
const MODULE_REVISION: i64 = 1;

/// Who made a change: recorded in `audit.*.by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub name: String,
}

/// A module as stored, with what validation needs to know about it.
#[derive(Debug, Clone)]
pub struct ModuleRecord {
    pub id: String,
    pub name: String,
    pub description: String,
    pub code: String,
    pub account_types: Vec<String>,
    pub configurable: bool,
    pub is_default: bool,
    pub paid: bool,
    pub types: Vec<String>,
    /// `settings.obsolete` (v5): kept on the tokens that hold it, not to be granted anew.
    pub obsolete: bool,
}

impl ModuleRecord {
    /// The full module resource, with every documented field: the deprecated top-level
    /// `isEnabledByDefault`, `isConfigurable` and `paid` repeat `settings`, as on the platform.
    /// No demo module is shared between accounts or defines custom filters.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "description": self.description,
            "code": self.code, "accountTypes": self.account_types,
            "isEnabledByDefault": self.is_default, "isConfigurable": self.configurable,
            "paid": self.paid, "revision": MODULE_REVISION,
            "settings": self.settings(),
            "filters": {}
        })
    }

    /// `settings`, as the catalogue and a token's reference both carry it (v5).
    fn settings(&self) -> Value {
        json!({
            "configurable": self.configurable, "default": self.is_default,
            "paid": self.paid, "type": self.types, "sharedAccount": false,
            "obsolete": self.obsolete
        })
    }

    /// The module as embedded in a token (v5 `ModuleRef`), with the token's `filters` on it
    /// when it has a limit.
    pub fn to_ref_json(&self, filters: Option<Value>) -> Value {
        let mut reference = json!({
            "id": self.id, "name": self.name, "description": self.description,
            "revision": MODULE_REVISION, "settings": self.settings()
        });
        if let Some(filters) = filters {
            reference["filters"] = filters;
        }
        reference
    }
}

/// The fields a create or update writes; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct TokenChanges {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub icon: Option<Option<String>>,
    pub modules: Option<Vec<String>>,
    /// The `filters` of modules in `modules`, by module id, as the body sent them; a module
    /// not named here holds no limit after the change (see the README's v5 choices).
    pub module_filters: BTreeMap<String, Value>,
}

/// Rolls back the open transaction when dropped during a panic's unwinding.
struct RollbackOnDrop<'a>(&'a Connection);

impl Drop for RollbackOnDrop<'_> {
    fn drop(&mut self) {
        self.0.execute_batch("ROLLBACK").ok();
    }
}

/// Everything stored about a token when it is inserted.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub icon: Option<String>,
    pub status: String,
    pub secret: String,
    pub created_at: String,
    pub created_by: Actor,
    pub last_access_at: Option<String>,
    pub modules: Vec<String>,
    /// The `filters` of some of `modules`, by module id.
    pub module_filters: BTreeMap<String, Value>,
    /// `extensions` (v5), as the API shows them; `None` for none.
    pub extensions: Option<Value>,
}

/// A storage failure; the HTTP layer turns it into a 500 Problem Details.
pub type StoreResult<T> = Result<T, rusqlite::Error>;

/// The sandbox database.
pub struct Store {
    conn: Connection,
    /// Bumped after every committed change (shared with the read connection), so readers can
    /// keep a snapshot until something changes.
    generation: Arc<AtomicU64>,
}

impl Store {
    /// Opens (creating and migrating) the database at `path`; `:memory:` for a throwaway one.
    pub fn open(path: &str) -> StoreResult<Store> {
        let conn = Self::connect(path)?;
        let store = Store {
            conn,
            generation: Arc::default(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// WAL (readers never wait for the writer) and a busy timeout (a write waits a moment
    /// for another process's write instead of failing at once).
    fn connect(path: &str) -> StoreResult<Connection> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "WAL").ok();
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(conn)
    }

    /// A second connection to the same database file, for reads; `None` for an in-memory
    /// database (another connection would see another database).
    pub fn reader(&self) -> StoreResult<Option<Store>> {
        match self.conn.path() {
            Some(path) if !path.is_empty() => Ok(Some(Store {
                conn: Self::connect(path)?,
                generation: self.generation.clone(),
            })),
            _ => Ok(None),
        }
    }

    fn migrate(&self) -> StoreResult<()> {
        self.conn.execute_batch(SCHEMA)?;
        for (table, column, definition) in ADDED_COLUMNS {
            let present: bool = self.conn.query_row(
                "SELECT COUNT(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2",
                params![table, column],
                |r| r.get(0),
            )?;
            if !present {
                self.conn.execute_batch(&format!(
                    "ALTER TABLE {table} ADD COLUMN {column} {definition}"
                ))?;
            }
        }
        self.conn.execute_batch(audit::SCHEMA)?;
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![SCHEMA_VERSION.to_string()],
        )?;
        Ok(())
    }

    /// The shared counter behind [`Store::generation`], for readers that hold no connection.
    pub fn generation_counter(&self) -> Arc<AtomicU64> {
        self.generation.clone()
    }

    /// Changes whenever the data changes.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Called after a change is written (and again after its transaction commits), never
    /// before: a reader that sees the new generation must also see the new data.
    fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Whether the database holds no account yet (a fresh file).
    pub fn is_empty(&self) -> StoreResult<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM account", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Deletes everything (for `--seed` over an existing file and `/__sandbox/reset`).
    pub fn clear(&self) -> StoreResult<()> {
        self.conn.execute_batch(
            "DELETE FROM audit_records; DELETE FROM token_modules; DELETE FROM tokens; DELETE FROM modules;
             DELETE FROM users; DELETE FROM account;",
        )?;
        self.changed();
        Ok(())
    }

    /// Runs `f` in one transaction: everything it writes commits together, or nothing does
    /// (an error from `f`, a panic or a killed process leaves the file as it was).
    ///
    /// This is the one way data changes: every write route goes through
    /// [`AppState::write`](crate::state::AppState::write), which calls this, so code that must
    /// record something alongside a change (an audit record, say) adds its rows inside the same
    /// closure and shares the transaction. `BEGIN IMMEDIATE` takes the write lock up front, so a
    /// busy file is noticed before anything is read rather than half-way through.
    pub fn write<T, E: From<rusqlite::Error>>(
        &mut self,
        f: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        // Roll back if `f` panics, so the connection is never left inside a transaction.
        let guard = RollbackOnDrop(&self.conn);
        let result = f(self);
        std::mem::forget(guard);
        match result {
            Ok(v) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => {
                    self.changed();
                    Ok(v)
                }
                Err(e) => {
                    self.conn.execute_batch("ROLLBACK").ok();
                    Err(e.into())
                }
            },
            Err(e) => {
                self.conn.execute_batch("ROLLBACK").ok();
                Err(e)
            }
        }
    }

    pub fn insert_account(
        &self,
        id: &str,
        name: &str,
        kind: &str,
        status: &str,
    ) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO account (id, name, type, status) VALUES (?1, ?2, ?3, ?4)",
            params![id, name, kind, status],
        )?;
        Ok(())
    }

    pub fn insert_module(&self, m: &ModuleRecord, position: i64) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO modules (id, name, description, code, account_types, configurable,
               is_default, paid, types, position, obsolete)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
            params![
                m.id,
                m.name,
                m.description,
                m.code,
                serde_json::to_string(&m.account_types).unwrap_or_default(),
                m.configurable,
                m.is_default,
                m.paid,
                serde_json::to_string(&m.types).unwrap_or_default(),
                position,
                m.obsolete
            ],
        )?;
        self.changed();
        Ok(())
    }

    /// The account every token belongs to, as its API reference object.
    pub fn account(&self) -> StoreResult<Value> {
        self.conn.query_row(
            "SELECT id, name, type, status FROM account LIMIT 1",
            [],
            |r| {
                Ok(json!({
                    "id": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?,
                    "type": r.get::<_, String>(2)?, "status": r.get::<_, String>(3)?, "icon": null,
                    "revision": 1
                }))
            },
        )
    }

    /// All modules in catalogue order.
    pub fn modules(&self) -> StoreResult<Vec<ModuleRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, description, code, account_types, configurable, is_default, paid,
               types, obsolete FROM modules ORDER BY position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ModuleRecord {
                id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                code: r.get(3)?,
                account_types: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                configurable: r.get(5)?,
                is_default: r.get(6)?,
                paid: r.get(7)?,
                types: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
                obsolete: r.get(9)?,
            })
        })?;
        rows.collect()
    }

    /// Every live (not deleted) token as its full API resource, in creation order.
    pub fn tokens(&self) -> StoreResult<Vec<Value>> {
        self.tokens_where("deleted = 0", params![])
    }

    /// One live token, or `None` when it does not exist or was deleted.
    pub fn token(&self, id: &str) -> StoreResult<Option<Value>> {
        Ok(self
            .tokens_where("deleted = 0 AND id = ?1", params![id])?
            .pop())
    }

    fn tokens_where(
        &self,
        condition: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> StoreResult<Vec<Value>> {
        let account = self.account()?;
        let modules: HashMap<String, ModuleRecord> = self
            .modules()?
            .into_iter()
            .map(|m| (m.id.clone(), m))
            .collect();
        let mut token_modules: HashMap<String, Vec<Value>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT tm.token_id, tm.module_id, tm.filters FROM token_modules tm
                 JOIN modules m ON m.id = tm.module_id ORDER BY m.position",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (token_id, module_id): (String, String) = (r.get(0)?, r.get(1)?);
                let filters = r
                    .get::<_, Option<String>>(2)?
                    .and_then(|f| serde_json::from_str(&f).ok());
                if let Some(m) = modules.get(&module_id) {
                    token_modules
                        .entry(token_id)
                        .or_default()
                        .push(m.to_ref_json(filters));
                }
            }
        }
        let sql = format!(
            "SELECT id, name, description, icon, status, secret, last_access_at, created_at,
               created_by, created_by_name, updated_at, updated_by, updated_by_name, revision,
               extensions
             FROM tokens WHERE {condition} ORDER BY created_at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, |r| {
            let id: String = r.get(0)?;
            let mut audit = json!({
                "created": {"at": r.get::<_, String>(7)?,
                            "by": {"id": r.get::<_, String>(8)?, "name": r.get::<_, String>(9)?}}
            });
            if let Some(at) = r.get::<_, Option<String>>(10)? {
                audit["updated"] = json!({"at": at, "by": {
                    "id": r.get::<_, Option<String>>(11)?, "name": r.get::<_, Option<String>>(12)?}});
            }
            Ok(json!({
                "id": id,
                "name": r.get::<_, String>(1)?,
                "description": r.get::<_, Option<String>>(2)?,
                "icon": r.get::<_, Option<String>>(3)?,
                "status": r.get::<_, String>(4)?,
                "token": r.get::<_, String>(5)?,
                "lastAccessAt": r.get::<_, Option<String>>(6)?,
                "account": account,
                "modules": [],
                "audit": audit,
                "revision": r.get::<_, i64>(13)?,
                "extensions": r
                    .get::<_, Option<String>>(14)?
                    .and_then(|e| serde_json::from_str::<Value>(&e).ok())
                    .unwrap_or_else(|| json!([])),
            }))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let mut token = row?;
            if let Some(mods) = token["id"].as_str().and_then(|id| token_modules.remove(id)) {
                token["modules"] = Value::Array(mods);
            }
            out.push(token);
        }
        Ok(out)
    }

    /// Inserts a token with every stored field given (seeding and create). A new token has
    /// no `audit.updated`: creating is not an update, whatever fields the create sets.
    pub fn insert_token(&self, token: &NewToken) -> StoreResult<()> {
        let account_id: String =
            self.conn
                .query_row("SELECT id FROM account LIMIT 1", [], |r| r.get(0))?;
        self.conn.execute(
            "INSERT INTO tokens (id, name, description, icon, status, secret, account_id,
               last_access_at, created_at, created_by, created_by_name, updated_at, updated_by,
               updated_by_name, revision, extensions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, NULL, NULL, 1, ?12)",
            params![
                token.id,
                token.name,
                token.description,
                token.icon,
                token.status,
                token.secret,
                account_id,
                token.last_access_at,
                token.created_at,
                token.created_by.id,
                token.created_by.name,
                token.extensions.as_ref().map(Value::to_string)
            ],
        )?;
        self.replace_modules(&token.id, &token.modules, &token.module_filters)
    }

    /// Sets a token's modules to exactly `modules`, each with its `filters` from `filters`
    /// (none for a module not named there).
    fn replace_modules(
        &self,
        token_id: &str,
        modules: &[String],
        filters: &BTreeMap<String, Value>,
    ) -> StoreResult<()> {
        self.conn.execute(
            "DELETE FROM token_modules WHERE token_id = ?1",
            params![token_id],
        )?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO token_modules (token_id, module_id, filters)
             VALUES (?1, ?2, ?3)",
        )?;
        for module in modules {
            let module_filters = filters.get(module).map(Value::to_string);
            stmt.execute(params![token_id, module, module_filters])?;
        }
        self.changed();
        Ok(())
    }

    /// Applies `changes` to a live token and stamps `audit.updated`. Returns false when the
    /// token does not exist.
    pub fn update_token(
        &self,
        id: &str,
        changes: &TokenChanges,
        actor: &Actor,
        now: &str,
    ) -> StoreResult<bool> {
        if !self.exists(id)? {
            return Ok(false);
        }
        if let Some(name) = &changes.name {
            self.conn.execute(
                "UPDATE tokens SET name = ?2 WHERE id = ?1",
                params![id, name],
            )?;
        }
        if let Some(description) = &changes.description {
            self.conn.execute(
                "UPDATE tokens SET description = ?2 WHERE id = ?1",
                params![id, description],
            )?;
        }
        if let Some(icon) = &changes.icon {
            self.conn.execute(
                "UPDATE tokens SET icon = ?2 WHERE id = ?1",
                params![id, icon],
            )?;
        }
        if let Some(modules) = &changes.modules {
            self.replace_modules(id, modules, &changes.module_filters)?;
        }
        self.stamp_updated(id, actor, now)?;
        Ok(true)
    }

    /// Sets a live token's status and stamps `audit.updated`.
    pub fn set_status(&self, id: &str, status: &str, actor: &Actor, now: &str) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE tokens SET status = ?2 WHERE id = ?1",
            params![id, status],
        )?;
        self.stamp_updated(id, actor, now)
    }

    /// Marks a token deleted: it leaves every list and answers 404 from now on.
    pub fn delete_token(&self, id: &str, actor: &Actor, now: &str) -> StoreResult<bool> {
        if !self.exists(id)? {
            return Ok(false);
        }
        self.conn.execute(
            "UPDATE tokens SET deleted = 1, status = 'Deleted' WHERE id = ?1",
            params![id],
        )?;
        self.stamp_updated(id, actor, now)?;
        Ok(true)
    }

    /// Stamps `audit.updated` and counts one more `revision`: every write (update, enable,
    /// disable, delete) goes through here.
    fn stamp_updated(&self, id: &str, actor: &Actor, now: &str) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE tokens SET updated_at = ?2, updated_by = ?3, updated_by_name = ?4,
               revision = revision + 1 WHERE id = ?1",
            params![id, now, actor.id, actor.name],
        )?;
        self.changed();
        Ok(())
    }

    fn exists(&self, id: &str) -> StoreResult<bool> {
        self.conn
            .query_row(
                "SELECT 1 FROM tokens WHERE id = ?1 AND deleted = 0",
                params![id],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
    }

    /// The live token owning `secret`: its id, name and status.
    pub fn token_by_secret(&self, secret: &str) -> StoreResult<Option<(String, String, String)>> {
        self.conn
            .query_row(
                "SELECT id, name, status FROM tokens WHERE secret = ?1 AND deleted = 0",
                params![secret],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
    }

    /// Records that a token's secret was used just now.
    pub fn touch_last_access(&self, id: &str, now: &str) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE tokens SET last_access_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        self.changed();
        Ok(())
    }

    /// Whether a token id is already used (live or deleted).
    pub fn id_used(&self, id: &str) -> StoreResult<bool> {
        self.conn
            .query_row(
                "SELECT 1 FROM tokens WHERE id = ?1",
                params![id],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
    }
}
