//! The first load: the first list request leaves from `index.html` while the wasm downloads,
//! and the app uses its answer instead of asking again (index.html's inline script, and the
//! app's early start and prefetch), at the root and under a sub-path.

use token_e2e::{fail, network, run, run_hosted, Feature, Flow, Harness, Hosting};

const LIST: &str = "/public/v1/accounts/api-tokens";

/// Waits until the app has decoded its first page of tokens (the `list-parsed` mark of
/// src/boot/prefetch.rs; set with or without rows).
async fn first_list(h: &Harness) -> Flow {
    h.until("the first list", || async {
        let v = h
            .client
            .execute(
                "return performance.getEntriesByName('list-parsed').length > 0;",
                vec![],
            )
            .await
            .ok()?;
        (v == serde_json::json!(true)).then_some(())
    })
    .await
}

/// Fails unless the app took the answer of the request `index.html` sent (its `list-early`
/// mark, set only when that request's URL and bearer are exactly the app's).
async fn took_the_early_answer(h: &Harness) -> Flow {
    let v = h
        .client
        .execute(
            "return performance.getEntriesByName('list-early').length;",
            vec![],
        )
        .await?;
    if v != serde_json::json!(1) {
        return Err(fail(
            "the app did not take the answer of index.html's request",
        ));
    }
    Ok(())
}

/// Fails unless the sandbox received exactly one list request.
fn one_list_request(h: &Harness) -> Flow {
    let lists: Vec<String> = h
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path == LIST)
        .map(|r| format!("{}?{}", r.path, r.query.clone().unwrap_or_default()))
        .collect();
    if lists.len() != 1 {
        return Err(fail(format!(
            "expected one list request on a cold load, got {lists:#?}"
        )));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_load_sends_one_list_request_before_the_wasm_and_a_repeat_visit_before_config_json() {
    run("early-list", |h| {
        Box::pin(async move {
            if h.leaves_out(Feature::NetworkEmulation, "the slow-connection load order") {
                return Ok(());
            }
            // A slow connection, so that "before the wasm has downloaded" means something.
            network::emulate(&h.client, network::SLOW_4G).await?;
            network::cold(&h.client).await?;
            h.clear_requests();
            // URL state the inline script must read exactly as the app does.
            h.open("/tokens?q=robot&status=Active&sort=-name&size=25")
                .await?;
            first_list(h).await?;
            took_the_early_answer(h).await?;
            one_list_request(h)?;
            let (sent, wasm_downloaded) = list_sent_and_received(h, ".wasm").await?;
            match (sent, wasm_downloaded) {
                (Some(sent), Some(downloaded)) if sent < downloaded => {}
                _ => {
                    return Err(fail(format!(
                        "the list request should leave before the wasm has downloaded: \
                         sent at {sent:?} ms, wasm downloaded at {wasm_downloaded:?} ms"
                    )))
                }
            }

            // A repeat visit: the list leaves at once with the last visit's config.json,
            // without waiting for config.json's own round trip.
            h.clear_requests();
            h.open("/tokens?q=robot&status=Active&sort=-name&size=25")
                .await?;
            first_list(h).await?;
            took_the_early_answer(h).await?;
            one_list_request(h)?;
            let (sent, config_received) = list_sent_and_received(h, "/config.json").await?;
            match (sent, config_received) {
                (Some(sent), Some(received)) if sent < received => Ok(()),
                _ => Err(fail(format!(
                    "on a repeat visit the list request should not wait for config.json: \
                     sent at {sent:?} ms, config.json received at {config_received:?} ms"
                ))),
            }
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_early_request_is_used_under_a_sub_path_with_the_api_on_another_origin() {
    run_hosted("early-list-hosted", Hosting::SubPathCrossOrigin, |h| {
        Box::pin(async move {
            if h.leaves_out(Feature::NetworkEmulation, "the cold-cache early request") {
                return Ok(());
            }
            network::cold(&h.client).await?;
            h.clear_requests();
            // A search with RQL's special characters: the script must quote it as the app does.
            // (Not a sort by last access: that one is read in two parts, with no early request.)
            h.open("/tokens?q=R%22o*b%5C(o)t,&sort=createdBy").await?;
            first_list(h).await?;
            took_the_early_answer(h).await?;
            one_list_request(h)
        })
    })
    .await;
}

/// From Resource Timing: when the list request left, and when the resource whose URL ends with
/// `other` finished arriving (ms after navigation start; `None` when there was no such request).
async fn list_sent_and_received(
    h: &Harness,
    other: &str,
) -> Result<(Option<f64>, Option<f64>), Box<dyn std::error::Error + Send + Sync>> {
    let times = h
        .client
        .execute(
            "const all = performance.getEntriesByType('resource');
             const list = all.find(e => e.name.includes('/api-tokens'));
             const other = all.find(e => e.name.endsWith(arguments[0]));
             return [list?.requestStart ?? null, other?.responseEnd ?? null];",
            vec![other.into()],
        )
        .await?;
    Ok((times[0].as_f64(), times[1].as_f64()))
}
