//! `index.html`'s early list request is the very URL the app composes (native test only).
//!
//! Generated list states (every sort and direction, status, search and review filter, page and
//! page size, the deployment's page size) are written into the page URL as the app writes it.
//! Each URL is then read twice: by `index.html`'s inline script, run in Node with a stub of the
//! browser objects it touches, and by the app (`list::url`, `list::token_page`). Both must send
//! the same request, or agree that there is no single one (a sort by last access). "N days ago"
//! is counted from one pinned instant on both sides.

use crate::api::{self, ApiConfig};
use crate::list::filters::{LastAccess, ReviewFilters};
use crate::list::query::{SortField, TokenListQuery};
use crate::list::{token_page, url};
use crate::model::pagination::PAGE_SIZES;
use crate::test_support::percent_decode;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// The instant both sides count "N days ago" from: 2026-11-23T17:00:00Z.
const NOW_MS: i64 = 1_795_453_200_000;
/// Where the app is served, and the API it talks to.
const SITE: &str = "https://tools.example.com";
const API: &str = "https://api.example.com";
const BEARER: &str = "secret-bearer";

/// Runs the inline script of `index.html` once per case (in one Node process) and prints, per
/// case, the URL of the list request it sent (`null` for none). The script may fetch only
/// `config.json` besides, and what it reports as sent must be what it fetched.
const HARNESS: &str = r#"
const vm = require("node:vm");
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
(async () => {
  const out = [];
  for (const c of input.cases) {
    const fetched = [];
    const store = (entries) => {
      const map = new Map(Object.entries(entries));
      return {
        getItem: (k) => (map.has(k) ? map.get(k) : null),
        setItem: (k, v) => map.set(k, String(v)),
      };
    };
    const pinned = input.nowMs;
    class PinnedDate extends Date {
      constructor(...args) { super(...(args.length ? args : [pinned])); }
      static now() { return pinned; }
    }
    const context = {
      location: new URL(c.href),
      document: { baseURI: input.base },
      localStorage: store({}),
      sessionStorage: store({ "token-console.bearer": input.bearer }),
      URL, URLSearchParams, AbortController, Date: PinnedDate,
      setTimeout: () => 0,
      fetch: (resource) => {
        fetched.push(String(resource));
        const text = resource === "config.json" ? c.config : "{}";
        return Promise.resolve({ ok: true, status: 200, text: async () => text });
      },
    };
    context.window = context;
    vm.runInNewContext(input.script, context);
    const started = await context.tokenConsoleEarly;
    const list = started && started.list;
    const others = fetched.filter((u) => u !== "config.json");
    const url = list ? list.url : null;
    if (JSON.stringify(others) !== JSON.stringify(url === null ? [] : [url])) {
      throw new Error(`case ${c.href}: reported ${url}, fetched ${JSON.stringify(others)}`);
    }
    out.push(url);
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"#;

/// The text of `index.html`'s inline script (its one `<script>` without attributes).
fn early_script() -> String {
    let html = include_str!("../../index.html");
    let start = html
        .find("<script>")
        .expect("index.html has its inline script")
        + 8;
    let end = start + html[start..].find("</script>").expect("the script ends");
    html[start..end].to_string()
}

/// One generated case: a list state and the deployment's configured page size.
#[derive(Debug, Clone)]
struct Case {
    query: TokenListQuery,
    configured_size: Option<u64>,
}

impl Case {
    /// The deployment's `config.json`.
    fn config(&self) -> Value {
        json!({ "apiBaseUrl": API, "pageSize": self.configured_size })
    }

    /// The page size the app falls back to (`settings::initial`).
    fn default_size(&self) -> u64 {
        self.configured_size
            .filter(|n| PAGE_SIZES.contains(n))
            .unwrap_or(10)
    }

    /// The address bar as the app writes it for this state.
    fn href(&self) -> String {
        let params = url::to_params(&self.query, self.default_size());
        format!("{SITE}/tokens{}", url::query_suffix(&params))
    }

    /// The list request the app sends for the page at `href` (as `boot::prefetch` reads it),
    /// or `None` when the page is read in parts.
    fn app_request(&self) -> Option<String> {
        let href = self.href();
        let params: HashMap<String, String> = href
            .split_once('?')
            .map(|(_, q)| q.split('&').collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .map(|kv| {
                let (k, v) = kv.split_once('=').expect("key=value");
                (k.to_string(), percent_decode(v))
            })
            .collect();
        let query = url::from_params(|k| params.get(k).cloned(), self.default_size());
        let config = ApiConfig {
            base_url: API.to_string(),
            ..ApiConfig::default()
        };
        let path = token_page::single_request_path(&query)?;
        if query.filters.last_access.is_none() {
            // The clock does not enter: the very path the app asks for.
            assert_eq!(path, api::list_tokens_path(&query.to_query_string()));
        }
        Some(config.url(&api::list_tokens_path(&query.to_query_string_at(NOW_MS))))
    }
}

/// What `index.html`'s script sends for each case, in one Node process.
fn script_requests(cases: &[Case]) -> Vec<Option<String>> {
    let input = json!({
        "script": early_script(),
        "base": format!("{SITE}/"),
        "bearer": BEARER,
        "nowMs": NOW_MS,
        "cases": cases.iter().map(|c| json!({
            "href": c.href(),
            "config": c.config().to_string(),
        })).collect::<Vec<_>>(),
    });
    let mut node = Command::new("node")
        .arg("-e")
        .arg(HARNESS)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (the README's requirements include it)");
    node.stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("the cases reach node");
    let output = node.wait_with_output().expect("node finishes");
    assert!(
        output.status.success(),
        "the script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("a JSON array of URLs")
}

/// Asserts both sides agree on every case, naming the first that does not.
fn assert_parity(cases: &[Case]) -> Result<(), TestCaseError> {
    let sent = script_requests(cases);
    prop_assert_eq!(sent.len(), cases.len());
    for (case, script) in cases.iter().zip(sent) {
        let app = case.app_request();
        prop_assert_eq!(&script, &app, "page {}", case.href());
    }
    Ok(())
}

/// Text with what needs escaping or encoding: quotes, stars, backslashes, parens, commas, RQL
/// and URL syntax, white space at the ends (also the kinds only some languages trim), unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{1,12}",
        "[\"'*\\\\(),&=+%#?/ a-z]{1,12}",
        "\\PC{1,16}",
        "[ \t\n\u{a0}\u{3000}\u{feff}\u{85}\u{2028}]{0,2}[a-z\"*\\\\é日本]{0,6}[ \t\n\u{a0}\u{3000}\u{feff}\u{85}\u{2028}]{0,2}",
    ]
}

/// A calendar date as the date picker writes it.
fn date() -> impl Strategy<Value = String> {
    (1990u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn last_access() -> impl Strategy<Value = Option<LastAccess>> {
    prop_oneof![
        Just(None),
        Just(Some(LastAccess::Never)),
        prop_oneof![Just(30u32), Just(90), 1u32..=3650]
            .prop_map(|d| Some(LastAccess::NotUsedForDays(d))),
        date().prop_map(|d| Some(LastAccess::NotUsedSince(d))),
    ]
}

fn sort() -> impl Strategy<Value = SortField> {
    prop_oneof![
        Just(SortField::Name),
        Just(SortField::CreatedBy),
        Just(SortField::Created),
        Just(SortField::LastAccess),
        Just(SortField::Status),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    let status = prop_oneof![
        Just(None),
        Just(Some(api::dto::TokenStatus::Active)),
        Just(Some(api::dto::TokenStatus::Disabled)),
    ];
    let module = prop_oneof![
        Just(None),
        "MOD-[0-9]{4}".prop_map(Some),
        text().prop_filter("set", |t| !t.is_empty()).prop_map(Some)
    ];
    let filters = (module, text(), last_access()).prop_map(|(module, created_by, last_access)| {
        ReviewFilters {
            module,
            created_by,
            last_access,
        }
    });
    let size = proptest::sample::select(PAGE_SIZES.to_vec());
    let configured = prop_oneof![
        Just(None),
        Just(Some(7u64)),
        proptest::sample::select(PAGE_SIZES.to_vec()).prop_map(Some)
    ];
    (
        text(),
        status,
        filters,
        sort(),
        any::<bool>(),
        1u64..=500,
        size,
        configured,
    )
        .prop_map(
            |(search, status, filters, sort, descending, page, limit, configured_size)| Case {
                query: TokenListQuery {
                    search,
                    status,
                    filters,
                    sort,
                    descending,
                    accessed: None,
                    offset: (page - 1) * limit,
                    limit,
                },
                configured_size,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn the_early_request_is_the_url_the_app_composes(cases in proptest::collection::vec(case(), 1..120)) {
        assert_parity(&cases)?;
    }
}

#[test]
fn a_sort_by_last_access_has_no_early_request_on_either_side() {
    let cases: Vec<Case> = [false, true]
        .map(|descending| Case {
            query: TokenListQuery {
                sort: SortField::LastAccess,
                descending,
                ..TokenListQuery::default()
            },
            configured_size: None,
        })
        .to_vec();
    for case in &cases {
        assert_eq!(case.app_request(), None);
    }
    assert_parity(&cases).unwrap();
}
