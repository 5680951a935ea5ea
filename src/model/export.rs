//! Tokens as CSV and JSON files: id, name, description, status, modules, account, created and
//! updated by and at, last access. Built from an explicit list of columns, so the secret (which
//! a token read may carry) can never reach a file. Each file says what it reflects: its name
//! carries the account, the date and the filter; the JSON file records the filter and time.

use crate::api::dto::Token;
use serde::Serialize;

/// A file format the list exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// What an export reflects: when it was made, for which account, with which filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportContext {
    /// When the export was made (ISO 8601, UTC).
    pub exported_at: String,
    /// The account the tokens belong to.
    pub account_id: Option<String>,
    /// The list's filter as its URL writes it (`("status", "Disabled")`).
    pub filter: Vec<(&'static str, String)>,
    /// The filter in words, for the file name (`["billing", "unused-90d"]`).
    pub filter_words: Vec<String>,
}

/// `text` as a piece of a file name: ASCII letters and digits in lower case, every other run
/// of characters one `-`, at most 40 characters.
fn file_name_part(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(40);
    out.trim_end_matches('-').to_string()
}

impl ExportFormat {
    /// The file name offered for the download:
    /// `api-tokens_ACC-1234-5678_2026-12-03_billing-unused-90d.csv` (no filter part when the
    /// list is not filtered), so that files of different reviews do not overwrite each other.
    pub fn file_name(self, context: &ExportContext) -> String {
        // The account id as the platform writes it (`ACC-1234-5678`), nothing else from it.
        let account: Option<String> = context.account_id.as_ref().map(|id| {
            id.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect()
        });
        let date = context.exported_at.get(..10).map(str::to_string);
        let filter = Some(file_name_part(&context.filter_words.join(" ")));
        let mut name = "api-tokens".to_string();
        for part in [account, date, filter].into_iter().flatten() {
            if !part.is_empty() {
                name.push('_');
                name.push_str(&part);
            }
        }
        name.push_str(match self {
            ExportFormat::Csv => ".csv",
            ExportFormat::Json => ".json",
        });
        name
    }

    /// The file's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Json => "application/json",
        }
    }

    /// The whole file for `tokens`.
    pub fn render(self, tokens: &[Token], context: &ExportContext) -> String {
        match self {
            ExportFormat::Csv => to_csv(tokens),
            ExportFormat::Json => to_json(tokens, context),
        }
    }
}

/// A module in an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedModule {
    pub id: String,
    pub name: String,
}

/// One token as exported: the columns of the file, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRow {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub status: String,
    pub modules: Vec<ExportedModule>,
    pub account_id: Option<String>,
    pub account: Option<String>,
    pub created_by_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub updated_by_id: Option<String>,
    pub updated_by: Option<String>,
    pub updated_at: Option<String>,
    pub last_access_at: Option<String>,
}

impl ExportRow {
    /// The exported columns of `token`.
    pub fn of(token: &Token) -> ExportRow {
        let created = token.created();
        let by = created.and_then(|c| c.by.as_ref());
        let updated = token.updated();
        let updated_by = updated.and_then(|u| u.by.as_ref());
        ExportRow {
            id: token.id.clone(),
            name: token.name.clone(),
            description: token.description.clone(),
            status: token.status.label().to_string(),
            modules: token
                .modules
                .iter()
                .map(|m| ExportedModule {
                    id: m.id.clone(),
                    name: m.name.clone(),
                })
                .collect(),
            account_id: token.account.as_ref().map(|a| a.id.clone()),
            account: token.account.as_ref().map(|a| a.name.clone()),
            created_by_id: by.map(|b| b.id.clone()),
            created_by: by.and_then(|b| b.name.clone()),
            created_at: created.and_then(|c| c.at.clone()),
            updated_by_id: updated_by.map(|b| b.id.clone()),
            updated_by: updated_by.and_then(|b| b.name.clone()),
            updated_at: updated.and_then(|u| u.at.clone()),
            last_access_at: token.last_access_at.clone(),
        }
    }
}

const CSV_HEADER: &[&str] = &[
    "id",
    "name",
    "description",
    "status",
    "modules",
    "moduleIds",
    "account",
    "accountId",
    "createdBy",
    "createdById",
    "createdAt",
    "updatedBy",
    "updatedById",
    "updatedAt",
    "lastAccessAt",
];

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes
/// doubled. A value that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
/// first) is prefixed with `'` so it stays text.
pub fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The CSV file: a UTF-8 byte order mark (without it, Excel reads the file in the system's
/// code page and garbles "García", Arabic or Japanese), a header line, then one line per token
/// (CRLF line ends, as RFC 4180 says). Several modules are joined with `; `.
pub fn to_csv(tokens: &[Token]) -> String {
    let mut out = format!("\u{feff}{}", CSV_HEADER.join(","));
    out.push_str("\r\n");
    for token in tokens {
        let row = ExportRow::of(token);
        let names: Vec<&str> = row.modules.iter().map(|m| m.name.as_str()).collect();
        let ids: Vec<&str> = row.modules.iter().map(|m| m.id.as_str()).collect();
        let (names, ids) = (names.join("; "), ids.join("; "));
        let text = |o: &Option<String>| o.as_deref().unwrap_or("").to_string();
        let fields: [String; 15] = [
            row.id.clone(),
            row.name.clone(),
            text(&row.description),
            row.status.clone(),
            names,
            ids,
            text(&row.account),
            text(&row.account_id),
            text(&row.created_by),
            text(&row.created_by_id),
            text(&row.created_at),
            text(&row.updated_by),
            text(&row.updated_by_id),
            text(&row.updated_at),
            text(&row.last_access_at),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The JSON file: when it was made, the account, the filter, and the [`ExportRow`]s as
/// `tokens` (compact: the pretty printer would cost bundle size, and JSON tools indent it).
pub fn to_json(tokens: &[Token], context: &ExportContext) -> String {
    // Written around the rows' own text: a `serde_json::Value` for four fields would add its
    // serializer to the bundle.
    let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let filter: Vec<String> = context
        .filter
        .iter()
        .map(|(k, v)| format!("{}:{}", text(k), text(v)))
        .collect();
    let rows: Vec<ExportRow> = tokens.iter().map(ExportRow::of).collect();
    format!(
        "{{\"exportedAt\":{},\"accountId\":{},\"filter\":{{{}}},\"tokens\":{}}}",
        text(&context.exported_at),
        context
            .account_id
            .as_deref()
            .map_or("null".to_string(), text),
        filter.join(","),
        serde_json::to_string(&rows).unwrap_or_else(|_| "[]".to_string())
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::dto::{AccountRef, Audit, AuditEvent, ModuleRef, Party, TokenStatus};
    use proptest::prelude::*;

    fn sample() -> Token {
        Token {
            id: "TKN-1".into(),
            name: "Robot, \"prod\"".into(),
            description: Some("line 1\nline 2".into()),
            status: TokenStatus::Disabled,
            token: Some("idt:TKN-1:secret".into()),
            modules: vec![
                ModuleRef {
                    id: "MOD-1".into(),
                    name: "Billing".into(),
                    ..ModuleRef::default()
                },
                ModuleRef {
                    id: "MOD-2".into(),
                    name: "Orders".into(),
                    ..ModuleRef::default()
                },
            ],
            last_access_at: None,
            account: Some(AccountRef {
                id: "ACC-1234-5678".into(),
                name: "Stark Industries".into(),
                ..AccountRef::default()
            }),
            audit: Some(Audit {
                created: Some(AuditEvent {
                    at: Some("2026-01-02T03:04:05.000Z".into()),
                    by: Some(Party {
                        id: "USR-1".into(),
                        name: Some("Sarah".into()),
                    }),
                }),
                updated: Some(AuditEvent {
                    at: Some("2026-02-03T04:05:06.000Z".into()),
                    by: Some(Party {
                        id: "USR-2".into(),
                        name: Some("García".into()),
                    }),
                }),
            }),
            ..Token::default()
        }
    }

    fn context() -> ExportContext {
        ExportContext {
            exported_at: "2026-12-03T10:11:12.000Z".into(),
            account_id: Some("ACC-1234-5678".into()),
            filter: vec![("module", "MOD-1010".into()), ("lastAccess", "90d".into())],
            filter_words: vec!["Billing".into(), "unused-90d".into()],
        }
    }

    /// Regression: without a byte order mark Excel garbled "García"; the account and the last
    /// change (at, by) were not in the file.
    #[test]
    fn csv_starts_with_a_bom_and_has_a_header_and_one_quoted_line_per_token() {
        assert_eq!(
            to_csv(&[sample()]),
            "\u{feff}id,name,description,status,modules,moduleIds,account,accountId,createdBy,createdById,createdAt,updatedBy,updatedById,updatedAt,lastAccessAt\r\n\
             TKN-1,\"Robot, \"\"prod\"\"\",\"line 1\nline 2\",Disabled,Billing; Orders,MOD-1; MOD-2,Stark Industries,ACC-1234-5678,Sarah,USR-1,2026-01-02T03:04:05.000Z,García,USR-2,2026-02-03T04:05:06.000Z,\r\n"
        );
    }

    /// Regression: every file was named `api-tokens.csv`, whatever the account or filter.
    #[test]
    fn file_names_carry_the_account_the_date_and_the_filter() {
        assert_eq!(
            ExportFormat::Csv.file_name(&context()),
            "api-tokens_ACC-1234-5678_2026-12-03_billing-unused-90d.csv"
        );
        let unfiltered = ExportContext {
            filter_words: Vec::new(),
            ..context()
        };
        assert_eq!(
            ExportFormat::Json.file_name(&unfiltered),
            "api-tokens_ACC-1234-5678_2026-12-03.json"
        );
        let odd = ExportContext {
            account_id: Some("ACC/../1".into()),
            filter_words: vec!["by-\"García\" & co".into()],
            ..context()
        };
        assert_eq!(
            ExportFormat::Csv.file_name(&odd),
            "api-tokens_ACC1_2026-12-03_by-garc-a-co.csv"
        );
    }

    #[test]
    fn json_records_the_time_and_filter_lists_the_columns_and_never_the_secret() {
        let json = to_json(&[sample()], &context());
        assert!(!json.contains("secret") && !json.contains("idt:"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back,
            serde_json::json!({
                "exportedAt": "2026-12-03T10:11:12.000Z",
                "accountId": "ACC-1234-5678",
                "filter": {"module": "MOD-1010", "lastAccess": "90d"},
                "tokens": [{
                    "id": "TKN-1", "name": "Robot, \"prod\"", "description": "line 1\nline 2",
                    "status": "Disabled",
                    "modules": [{"id": "MOD-1", "name": "Billing"}, {"id": "MOD-2", "name": "Orders"}],
                    "accountId": "ACC-1234-5678", "account": "Stark Industries",
                    "createdById": "USR-1", "createdBy": "Sarah",
                    "createdAt": "2026-01-02T03:04:05.000Z",
                    "updatedById": "USR-2", "updatedBy": "García",
                    "updatedAt": "2026-02-03T04:05:06.000Z", "lastAccessAt": null
                }]
            })
        );
        assert!(!to_csv(&[sample()]).contains("idt:"));
    }

    #[test]
    fn a_formula_stays_text() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("plain"), "plain");
    }

    /// Reads one CSV record back (RFC 4180 quoting), for the round-trip property.
    fn parse_fields(line: &str) -> Vec<String> {
        let mut fields = vec![String::new()];
        let mut chars = line.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (false, '"') => quoted = true,
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    fields.last_mut().unwrap().push('"');
                }
                (true, '"') => quoted = false,
                (false, ',') => fields.push(String::new()),
                (_, c) => fields.last_mut().unwrap().push(c),
            }
        }
        fields
    }

    proptest! {
        #[test]
        fn any_name_reads_back_as_one_field(name in "\\PC{0,30}|[\",\\n\\r=+@ -]{0,10}") {
            let field = csv_field(&name);
            let back = parse_fields(&field);
            prop_assert_eq!(back.len(), 1);
            let expected = if name.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{name}")
            } else {
                name.clone()
            };
            prop_assert_eq!(&back[0], &expected);
        }
    }
}
