//! The Audit trail tab of the details page: loads a page of the token's records when the tab
//! is opened, and again whenever the token changes (a save, enable or disable made in the
//! app), so the new record shows without a reload.

use crate::api::audit::{list_object_records, AuditEntry};
use crate::components::audit_trail::{AuditRecordDialog, AuditTrailTable};
use crate::components::error_view::ErrorPanel;
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
    let records = LocalResource::new(move || {
        let (id, offset, limit) = (token_id.get(), offset.get(), limit.get());
        version.track();
        let config = settings.config();
        async move { list_object_records(&config, &id, offset, limit).await }
    });
    let open = RwSignal::new(None::<AuditEntry>);
    let on_page =
        Callback::new(move |page: u64| offset.set(offset_of(page, limit.get_untracked())));
    let on_size = Callback::new(move |size: u64| {
        limit.set(size);
        offset.set(0);
    });
    // The last answer stays on screen while a new page or a refresh loads.
    view! {
        {move || match records.get() {
                    None => view! { <p class="loading" role="status">"Loading the audit trail…"</p> }.into_any(),
                    Some(Ok(page)) if page.data.is_empty() => view! {
                        <p class="muted">"Nothing has been recorded about this API token yet."</p>
                    }.into_any(),
                    Some(Ok(page)) => {
                        let rows = page.data.len() as u64;
                        let info = PageInfo::new(offset.get_untracked(), limit.get_untracked(), rows, page.meta.pagination.total);
                        view! {
                            <AuditTrailTable entries=Signal::stored(page.data) on_view=Callback::new(move |e| open.set(Some(e))) />
                            <Pager info=Signal::stored(info) size=limit on_page=on_page on_size=on_size />
                        }.into_any()
                    }
                    Some(Err(e)) => view! {
                        <ErrorPanel error=e on_retry=Callback::new(move |_| records.refetch()) />
                    }.into_any(),
        }}
        {move || open.get().map(|entry| view! {
            <AuditRecordDialog entry=entry on_close=Callback::new(move |_| open.set(None)) />
        })}
    }
}
