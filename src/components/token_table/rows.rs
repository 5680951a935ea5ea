//! The token table's body as HTML text, built in one pass.
//!
//! Why not a `view!` per row: a page of 100 rows is ~4,000 DOM nodes. Built node by node from
//! wasm, each node, attribute and text costs calls across the JS boundary and reactive
//! bookkeeping (~50 ms per page change on the benchmark machine); handed to the browser as one
//! string, its HTML parser builds the same nodes natively in a few milliseconds. The rows hold
//! nothing interactive but links and the menu buttons, whose clicks the table handles for all
//! rows at once. Every value from the API is escaped ([`escape_into`]).

use super::selectors::{
    menu_button_id, MENU_BUTTON_CLASS, ROW_ATTR, SELECT_CLASS, TOKEN_ATTR, TOKEN_LINK_CLASS,
};
use crate::api::dto::{Token, TokenStatus};
use crate::components::escape::escape_into;
use crate::components::format::DateWords;
use crate::model::labels::{initials, modules_label};

/// The `<tr>` elements of `tokens`, in order. `href` gives a token's link from its id; a
/// selection checkbox comes first in each row when `selected` is given (it says whether a
/// token id is selected).
pub fn rows_html_with_selection(
    tokens: &[Token],
    href: &dyn Fn(&str) -> String,
    dates: &dyn DateWords,
    selected: Option<&dyn Fn(&str) -> bool>,
) -> String {
    // ~1.3 KB of markup per row; one allocation for a typical page.
    let mut out = String::with_capacity(tokens.len() * 1500);
    for (index, token) in tokens.iter().enumerate() {
        write_row(&mut out, index, token, href, dates, selected);
    }
    out
}

fn write_row(
    out: &mut String,
    index: usize,
    token: &Token,
    href: &dyn Fn(&str) -> String,
    dates: &dyn DateWords,
    selected: Option<&dyn Fn(&str) -> bool>,
) {
    let text = |out: &mut String, s: &str| escape_into(out, s);
    let (module_avatar, module_text) = modules_label(token);
    let module_id = match token.modules.as_slice() {
        [only] => only.id.as_str(),
        _ => "",
    };
    let created = token.created();
    let created_at = created.and_then(|c| c.at.as_deref());
    let creator = created.and_then(|c| c.by.as_ref());
    let last_access = token.last_access_at.as_deref();
    let last_access_full = dates.date_time(last_access);

    out.push_str("<tr>");
    if let Some(selected) = selected {
        out.push_str("<td class=\"col-select\"><input type=\"checkbox\" class=\"");
        out.push_str(SELECT_CLASS);
        out.push_str("\" ");
        out.push_str(ROW_ATTR);
        out.push_str("=\"");
        out.push_str(&index.to_string());
        out.push_str(if selected(&token.id) {
            "\" checked aria-label=\"Select "
        } else {
            "\" aria-label=\"Select "
        });
        text(out, &token.name);
        out.push_str("\"></td>");
    }
    out.push_str("<td class=\"col-name\"><div class=\"cell-main\"><span class=\"avatar\" aria-hidden=\"true\">");
    text(out, &initials(&token.name));
    // A name of any length and script: shown on two lines at most (`clamp-2`), in full in the
    // link's title; `dir=auto` lays a right-to-left name out as such.
    out.push_str("</span><div><a class=\"clamp-2 ");
    out.push_str(TOKEN_LINK_CLASS);
    out.push_str("\" dir=\"auto\" href=\"");
    text(out, &href(&token.id));
    out.push_str("\" title=\"");
    text(out, &token.name);
    out.push_str("\">");
    text(out, &token.name);
    out.push_str("</a><div class=\"muted mono\">");
    text(out, &token.id);
    out.push_str("</div></div></div></td>");

    // "4 modules" names them in its title (a pointer's hover, a reader's description).
    out.push_str("<td class=\"col-modules\" title=\"");
    for (i, m) in token.modules.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        text(out, &m.name);
    }
    out.push_str("\"><div class=\"cell-main\"><span class=\"avatar\" aria-hidden=\"true\">");
    text(out, &module_avatar);
    out.push_str("</span><div><div>");
    text(out, &module_text);
    out.push_str("</div><div class=\"muted mono\">");
    text(out, module_id);
    out.push_str("</div></div></div></td>");

    out.push_str("<td class=\"col-creator\"><div>");
    text(out, creator.and_then(|c| c.name.as_deref()).unwrap_or("—"));
    out.push_str("</div><div class=\"muted mono\">");
    text(out, creator.map(|c| c.id.as_str()).unwrap_or(""));
    out.push_str("</div></td>");

    out.push_str("<td class=\"col-created\"><div>");
    text(out, &dates.date(created_at));
    out.push_str("</div><div class=\"muted\">");
    text(out, &dates.time(created_at));
    out.push_str("</div></td>");

    out.push_str("<td class=\"col-access\" title=\"");
    text(out, &last_access_full);
    out.push_str("\"><div>");
    text(out, &dates.ago(last_access));
    out.push_str("</div><div class=\"muted\">");
    if last_access.is_some() {
        text(out, &last_access_full);
    }
    out.push_str("</div></td>");

    out.push_str(if token.status == TokenStatus::Active {
        "<td class=\"col-status\"><span class=\"badge badge-active\">"
    } else {
        "<td class=\"col-status\"><span class=\"badge\">"
    });
    out.push_str(token.status.label());
    out.push_str("</span></td>");

    // The menu button of the WAI-ARIA menu button pattern; the table opens the menu.
    out.push_str(
        "<td class=\"col-actions\"><div class=\"menu\"><button type=\"button\" class=\"btn-icon ",
    );
    out.push_str(MENU_BUTTON_CLASS);
    out.push_str("\" id=\"");
    out.push_str(&menu_button_id(index));
    out.push_str("\" ");
    out.push_str(ROW_ATTR);
    out.push_str("=\"");
    out.push_str(&index.to_string());
    out.push_str("\" ");
    out.push_str(TOKEN_ATTR);
    out.push_str("=\"");
    text(out, &token.id);
    out.push_str("\" aria-haspopup=\"menu\" aria-expanded=\"false\" aria-label=\"Actions for ");
    text(out, &token.name);
    out.push_str("\" title=\"Actions for ");
    text(out, &token.name);
    out.push_str("\">•••</button></div></td></tr>");
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::dto::TokenStatus;
    use crate::test_support::token;
    use crate::test_support::FixedDates;

    fn row(id: &str, name: &str, status: TokenStatus) -> Token {
        Token {
            id: id.into(),
            status,
            ..token(name, None, &["MOD-1"])
        }
    }

    fn html(tokens: &[Token]) -> String {
        rows_html_with_selection(tokens, &|id| format!("/tokens/{id}"), &FixedDates, None)
    }

    #[test]
    fn one_row_per_token_with_link_status_and_menu_button() {
        let out = html(&[
            row("TKN-1", "Robot 1", TokenStatus::Active),
            row("TKN-2", "Robot 2", TokenStatus::Disabled),
        ]);
        assert_eq!(out.matches("<tr>").count(), 2);
        assert_eq!(out.matches("</tr>").count(), 2);
        assert!(out.contains(
            "<a class=\"clamp-2 token-link\" dir=\"auto\" href=\"/tokens/TKN-1\" title=\"Robot 1\">"
        ));
        assert!(out.contains("<span class=\"badge badge-active\">Active</span>"));
        assert!(out.contains("<span class=\"badge\">Disabled</span>"));
        assert!(out.contains("id=\"row-actions-1\" data-row=\"1\" data-token=\"TKN-2\""));
        assert!(out.contains("aria-label=\"Actions for Robot 2\""));
        assert!(out.contains("aria-haspopup=\"menu\" aria-expanded=\"false\""));
    }

    #[test]
    fn values_from_the_api_cannot_become_markup() {
        let out = html(&[row(
            "TKN-\"><script>x</script>",
            "<img src=x onerror=alert(1)> 'quoted' \"double\" & more",
            TokenStatus::Active,
        )]);
        assert!(!out.contains("<img"));
        assert!(!out.contains("<script"));
        assert!(out.contains(
            "&lt;img src=x onerror=alert(1)&gt; &#39;quoted&#39; &quot;double&quot; &amp; more"
        ));
        assert!(out.contains("href=\"/tokens/TKN-&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
        // Every attribute value is still closed where the markup closes it.
        assert_eq!(out.matches("<tr>").count(), 1);
        assert_eq!(out.matches("<td").count(), 7);
    }

    #[test]
    fn a_selection_column_comes_first_with_named_checkboxes() {
        let tokens = [
            row("TKN-1", "Robot <1>", TokenStatus::Active),
            row("TKN-2", "Robot 2", TokenStatus::Active),
        ];
        let out = rows_html_with_selection(
            &tokens,
            &|id| format!("/tokens/{id}"),
            &FixedDates,
            Some(&|id| id == "TKN-2"),
        );
        assert!(out.starts_with(
            "<tr><td class=\"col-select\"><input type=\"checkbox\" class=\"row-select\" data-row=\"0\" aria-label=\"Select Robot &lt;1&gt;\"></td>"
        ));
        assert!(out.contains(
            "<input type=\"checkbox\" class=\"row-select\" data-row=\"1\" checked aria-label=\"Select Robot 2\">"
        ));
        assert_eq!(out.matches("<td").count(), 16);
        assert!(!html(&tokens).contains("checkbox"));
    }

    /// Regression: the Modules column said "+4 4 modules" with no way to see which.
    #[test]
    fn the_modules_cell_names_every_module_in_its_title() {
        let mut t = row("TKN-4", "Robot 4", TokenStatus::Active);
        t.modules = ["Billing", "Orders & <Quotes>", "Catalog"]
            .iter()
            .map(|name| crate::api::dto::ModuleRef {
                name: name.to_string(),
                ..Default::default()
            })
            .collect();
        assert!(html(&[t]).contains(
            "<td class=\"col-modules\" title=\"Billing, Orders &amp; &lt;Quotes&gt;, Catalog\">"
        ));
    }

    #[test]
    fn never_accessed_and_missing_audit_read_as_such() {
        let mut t = row("TKN-3", "Robot 3", TokenStatus::Active);
        t.last_access_at = None;
        t.audit = None;
        let out = html(&[t]);
        assert!(out.contains(
            "<td class=\"col-access\" title=\"—\"><div>Never</div><div class=\"muted\"></div></td>"
        ));
        assert!(out.contains(
            "<td class=\"col-creator\"><div>—</div><div class=\"muted mono\"></div></td>"
        ));
    }
}
