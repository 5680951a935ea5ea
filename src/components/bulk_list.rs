//! The bulk dialog's list of selected tokens as HTML text: each token's name and id with what
//! happens to it, failures first (with their reason, which wraps). Written as one escaped string like the table rows
//! (`components::token_table::rows`): the items hold nothing interactive, and one string costs
//! far less wasm than a keyed `view!` per item. Every value from the API is escaped.

use crate::components::escape::escape_into;
use crate::model::bulk::{BulkItem, Outcome};

/// The `<li>` elements of `items`, the failed ones first; `waiting` says what will happen to a
/// token not started yet.
pub fn bulk_items_html(items: &[BulkItem], waiting: &str) -> String {
    let mut out = String::with_capacity(items.len() * 160);
    let failed = |i: &&BulkItem| matches!(i.outcome, Outcome::Failed(_));
    let ordered = items
        .iter()
        .filter(failed)
        .chain(items.iter().filter(|i| !failed(i)));
    for item in ordered {
        let (class, text) = match &item.outcome {
            Outcome::Waiting => ("muted", waiting.to_string()),
            Outcome::Failed(_) => ("bulk-failed", item.outcome.text()),
            Outcome::Done => ("bulk-done", item.outcome.text()),
            other => ("muted", other.text()),
        };
        out.push_str("<li><span>");
        escape_into(&mut out, &item.name);
        // The space outside the id's span: the id itself never breaks at its hyphens.
        out.push_str(" <span class=\"muted mono\">");
        escape_into(&mut out, &item.id);
        out.push_str("</span></span><span class=\"");
        out.push_str(class);
        out.push_str("\">");
        escape_into(&mut out, &text);
        out.push_str("</span></li>");
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn item(id: &str, name: &str, outcome: Outcome) -> BulkItem {
        BulkItem {
            id: id.into(),
            name: name.into(),
            outcome,
        }
    }

    /// Regression: a failure among hundreds of outcomes had to be scrolled to.
    #[test]
    fn failures_come_first_and_the_rest_keep_their_order() {
        let out = bulk_items_html(
            &[
                item("TKN-1", "a", Outcome::Done),
                item("TKN-2", "b", Outcome::Failed("x".into())),
                item("TKN-3", "c", Outcome::Done),
                item("TKN-4", "d", Outcome::Failed("y".into())),
            ],
            "",
        );
        let order: Vec<usize> = ["TKN-2", "TKN-4", "TKN-1", "TKN-3"]
            .iter()
            .map(|id| out.find(id).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    }

    #[test]
    fn each_token_reads_with_its_id_and_outcome() {
        let out = bulk_items_html(
            &[
                item("TKN-1", "Robot 1", Outcome::Waiting),
                item("TKN-2", "Robot 2", Outcome::Failed("HTTP 500".into())),
                item("TKN-3", "Robot 3", Outcome::Done),
                item("TKN-4", "Robot 4", Outcome::Unchanged("Already disabled")),
            ],
            "Will be disabled",
        );
        assert_eq!(
            out,
            "<li><span>Robot 2 <span class=\"muted mono\">TKN-2</span></span><span class=\"bulk-failed\">Failed: HTTP 500</span></li>\
             <li><span>Robot 1 <span class=\"muted mono\">TKN-1</span></span><span class=\"muted\">Will be disabled</span></li>\
             <li><span>Robot 3 <span class=\"muted mono\">TKN-3</span></span><span class=\"bulk-done\">Done</span></li>\
             <li><span>Robot 4 <span class=\"muted mono\">TKN-4</span></span><span class=\"muted\">Already disabled</span></li>"
        );
    }

    #[test]
    fn names_ids_and_reasons_cannot_become_markup() {
        let evil = "<img src=x onerror=alert(1)>";
        let out = bulk_items_html(&[item(evil, evil, Outcome::Failed(evil.into()))], "x");
        assert!(!out.contains("<img"));
        assert_eq!(out.matches("&lt;img").count(), 3);
    }
}
