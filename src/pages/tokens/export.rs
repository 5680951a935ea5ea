//! Export the tokens that match the list's filters (all pages) as CSV or JSON, with progress
//! and Cancel. The file is offered as a download link that stays until the next export; its
//! name carries the account, the date and the filter.

use crate::api::dto::Token;
use crate::list::all_tokens::list_all_tokens;
use crate::list::export_filter::{filter_params, filter_words};
use crate::list::query::TokenListQuery;
use crate::model::export::{ExportContext, ExportFormat};
use crate::settings::Settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A finished export: the file's object URL (revoked when replaced), name and row count.
#[derive(Debug, Clone, PartialEq)]
struct ExportFile {
    url: String,
    name: String,
    rows: usize,
}

/// An object URL for `text`, as a file of `media_type`.
fn object_url(text: &str, media_type: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// What the export of `tokens` for `query` reflects, made now. The module filter is named as
/// the tokens name it (every exported token has that module).
fn context_of(query: &TokenListQuery, tokens: &[Token]) -> ExportContext {
    let module_name = query.filters.module.as_ref().and_then(|id| {
        tokens
            .iter()
            .flat_map(|t| &t.modules)
            .find(|m| &m.id == id)
            .map(|m| m.name.as_str())
    });
    ExportContext {
        exported_at: js_sys::Date::new_0().to_iso_string().into(),
        account_id: tokens
            .first()
            .and_then(|t| t.account.as_ref())
            .map(|a| a.id.clone()),
        filter: filter_params(query),
        filter_words: filter_words(query, module_name),
    }
}

/// Export buttons for the tokens matching `query` (its page and page size are ignored); off
/// while `total` says nothing matches.
#[component]
pub fn ExportButtons(
    #[prop(into)] query: Signal<TokenListQuery>,
    #[prop(into)] total: Signal<Option<u64>>,
) -> impl IntoView {
    let settings = Settings::get();
    let loaded = RwSignal::new((0usize, None::<u64>));
    let file = RwSignal::new(None::<ExportFile>);
    let failed = RwSignal::new(None::<String>);
    let export = Action::new_local(move |format: &ExportFormat| {
        let format = *format;
        let config = settings.config();
        let q = query.get_untracked();
        async move {
            let tokens = list_all_tokens(&config, &q, &|n, total| loaded.set((n, total)))
                .await
                .map_err(|e| e.to_string())?;
            let context = context_of(&q, &tokens);
            let url = object_url(&format.render(&tokens, &context), format.media_type())
                .ok_or_else(|| "The browser could not make the file.".to_string())?;
            Ok::<_, String>(ExportFile {
                url,
                name: format.file_name(&context),
                rows: tokens.len(),
            })
        }
    });
    let abort = StoredValue::new_local(None::<ActionAbortHandle>);
    let link = NodeRef::<leptos::html::A>::new();
    Effect::new(move |_| match export.value().get() {
        Some(Ok(new)) => {
            if let Some(old) = file.get_untracked() {
                let _ = web_sys::Url::revoke_object_url(&old.url);
            }
            failed.set(None);
            file.set(Some(new));
            // Start the download once the link is in the page.
            request_animation_frame(move || {
                if let Some(a) = link.get_untracked() {
                    a.unchecked_ref::<web_sys::HtmlElement>().click();
                }
            });
        }
        Some(Err(e)) => failed.set(Some(e)),
        None => {}
    });
    let start = move |format: ExportFormat| {
        loaded.set((0, None));
        failed.set(None);
        abort.set_value(Some(export.dispatch(format)));
    };
    let running = export.pending();
    let off = move || running.get() || total.get() == Some(0);
    view! {
        <div class="export-status" role="group" aria-label="Export">
            <button type="button" class="btn btn-ghost" disabled=off on:click=move |_| start(ExportFormat::Csv)>
                "Export CSV"
            </button>
            <button type="button" class="btn btn-ghost" disabled=off on:click=move |_| start(ExportFormat::Json)>
                "Export JSON"
            </button>
            <span role="status" aria-live="polite">
                {move || running.get().then(|| match loaded.get() {
                    (n, Some(total)) => format!("Exporting… {n} of {total} API tokens"),
                    _ => "Exporting…".to_string(),
                })}
                {move || failed.get().map(|e| format!("Export failed: {e}"))}
            </span>
            {move || running.get().then(|| view! {
                <button
                    type="button"
                    class="btn btn-ghost"
                    on:click=move |_| {
                        if let Some(handle) = abort.try_update_value(Option::take).flatten() {
                            handle.abort();
                        }
                    }
                >
                    "Cancel export"
                </button>
            })}
            {move || file.get().map(|f| view! {
                <a node_ref=link href=f.url.clone() download=f.name.clone() class="export-link">
                    {format!("Download {} ({} API tokens)", f.name, f.rows)}
                </a>
            })}
        </div>
    }
}
