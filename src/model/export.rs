//! Tokens as CSV and JSON files: id, name, description, status, modules, created by and at,
//! last access. Built from an explicit list of columns, so the secret (which a token read may
//! carry) can never reach a file.

use crate::api::dto::Token;
use serde::Serialize;

/// A file format the list exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    /// The file name offered for the download.
    pub fn file_name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "api-tokens.csv",
            ExportFormat::Json => "api-tokens.json",
        }
    }

    /// The file's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Json => "application/json",
        }
    }

    /// The whole file for `tokens`.
    pub fn render(self, tokens: &[Token]) -> String {
        match self {
            ExportFormat::Csv => to_csv(tokens),
            ExportFormat::Json => to_json(tokens),
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
    pub created_by_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub last_access_at: Option<String>,
}

impl ExportRow {
    /// The exported columns of `token`.
    pub fn of(token: &Token) -> ExportRow {
        let created = token.created();
        let by = created.and_then(|c| c.by.as_ref());
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
            created_by_id: by.map(|b| b.id.clone()),
            created_by: by.and_then(|b| b.name.clone()),
            created_at: created.and_then(|c| c.at.clone()),
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
    "createdBy",
    "createdById",
    "createdAt",
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

/// The CSV file: a header line, then one line per token (CRLF line ends, as RFC 4180 says).
/// Several modules are joined with `; `.
pub fn to_csv(tokens: &[Token]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for token in tokens {
        let row = ExportRow::of(token);
        let names: Vec<&str> = row.modules.iter().map(|m| m.name.as_str()).collect();
        let ids: Vec<&str> = row.modules.iter().map(|m| m.id.as_str()).collect();
        let (names, ids) = (names.join("; "), ids.join("; "));
        let fields: [&str; 10] = [
            row.id.as_str(),
            &row.name,
            row.description.as_deref().unwrap_or(""),
            &row.status,
            &names,
            &ids,
            row.created_by.as_deref().unwrap_or(""),
            row.created_by_id.as_deref().unwrap_or(""),
            row.created_at.as_deref().unwrap_or(""),
            row.last_access_at.as_deref().unwrap_or(""),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The JSON file: an array of [`ExportRow`]s (compact: the pretty printer would cost bundle
/// size, and JSON tools indent it for reading).
pub fn to_json(tokens: &[Token]) -> String {
    let rows: Vec<ExportRow> = tokens.iter().map(ExportRow::of).collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::dto::{Audit, AuditEvent, ModuleRef, Party, TokenStatus};
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
            audit: Some(Audit {
                created: Some(AuditEvent {
                    at: Some("2026-01-02T03:04:05.000Z".into()),
                    by: Some(Party {
                        id: "USR-1".into(),
                        name: Some("Sarah".into()),
                    }),
                }),
                updated: None,
            }),
            ..Token::default()
        }
    }

    #[test]
    fn csv_has_a_header_and_one_quoted_line_per_token() {
        assert_eq!(
            to_csv(&[sample()]),
            "id,name,description,status,modules,moduleIds,createdBy,createdById,createdAt,lastAccessAt\r\n\
             TKN-1,\"Robot, \"\"prod\"\"\",\"line 1\nline 2\",Disabled,Billing; Orders,MOD-1; MOD-2,Sarah,USR-1,2026-01-02T03:04:05.000Z,\r\n"
        );
    }

    #[test]
    fn json_lists_the_columns_and_never_the_secret() {
        let json = to_json(&[sample()]);
        assert!(!json.contains("secret") && !json.contains("idt:"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back,
            serde_json::json!([{
                "id": "TKN-1", "name": "Robot, \"prod\"", "description": "line 1\nline 2",
                "status": "Disabled",
                "modules": [{"id": "MOD-1", "name": "Billing"}, {"id": "MOD-2", "name": "Orders"}],
                "createdById": "USR-1", "createdBy": "Sarah",
                "createdAt": "2026-01-02T03:04:05.000Z", "lastAccessAt": null
            }])
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
