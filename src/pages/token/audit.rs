//! The Audit trail tab of the details page: loads a page of the token's records when the tab
//! is opened, and again whenever the token changes (a save, enable or disable made in the
//! app), so the new record shows without a reload. It reads one record past the page, the
//! one the oldest row's change is computed from. A 403 (the connected API token lacks the
//! module) is explained here; the rest of the page does not depend on it.

use crate::api::audit::{explain_forbidden, list_object_records, AuditEntry};
use crate::components::audit_trail::{AuditRecordDialog, AuditTrailTable};
use crate::components::loading::{Loaded, Loader};
use crate::components::pager::Pager;
use crate::model::pagination::{offset_of, PageInfo};
use crate::settings::Settings;
use leptos::prelude::*;

/// The token's audit trail. `version` changes whenever the token does (its `audit.updated.at`
/// and status), which reloads the records.
#[component]
pub fn TokenAuditTab(
    #[prop(into)] token_id: Signal<String>,
    #[prop(into)] version: Signal<String>,
) -> impl IntoView {
    let settings = Settings::get();
    let offset = RwSignal::new(0u64);
    let limit = RwSignal::new(10u64);
    let loader = Loader::new(
        None,
        move || {
            let (id, offset, limit) = (token_id.get(), offset.get(), limit.get());
            version.track();
            let config = settings.config();
            // The page's place goes with its records, for the pager's numbers.
            async move {
                let page = list_object_records(&config, &id, offset, limit + 1)
                    .await
                    .map_err(explain_forbidden)?;
                Ok((offset, limit, page))
            }
        },
        |_| true,
    );
    let records = loader.value();
    let entries = Signal::derive(move || {
        records.with(|r| {
            r.as_ref()
                .map(|(_, _, p)| p.data.clone())
                .unwrap_or_default()
        })
    });
    let empty = Memo::new(move |_| entries.with(Vec::is_empty));
    // The numbers of the records on screen: while another page loads, they stay with them.
    let info = Signal::derive(move || {
        records.with(|r| {
            r.as_ref().map(|(offset, limit, p)| {
                PageInfo::new(
                    *offset,
                    *limit,
                    (p.data.len() as u64).min(*limit),
                    p.meta.pagination.total,
                )
            })
        })
    });
    let open = RwSignal::new(None::<AuditEntry>);
    let on_page =
        Callback::new(move |page: u64| offset.set(offset_of(page, limit.get_untracked())));
    let on_size = Callback::new(move |size: u64| {
        limit.set(size);
        offset.set(0);
    });
    // The last answer stays on screen while a new page or a refresh loads, and with an error.
    view! {
        <Loaded loader=loader what="the audit trail">
            {move || if empty.get() {
                view! { <p class="muted">"Nothing has been recorded about this API token yet."</p> }.into_any()
            } else {
                view! {
                    <AuditTrailTable
                        entries=entries
                        rows=Signal::derive(move || limit.get() as usize)
                        on_view=Callback::new(move |e| open.set(Some(e)))
                    />
                    <Pager info=info size=limit on_page=on_page on_size=on_size />
                }.into_any()
            }}
        </Loaded>
        {move || open.get().map(|entry| view! {
            <AuditRecordDialog entry=entry on_close=Callback::new(move |_| open.set(None)) />
        })}
    }
}
