//! Loader and Loaded, the one way pages load: "Loading …" until the first answer; later loads
//! keep the last answer on screen, and a failure keeps it beside the error and a Retry.

use crate::support::*;
use futures_channel::oneshot;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use token_console::api::ApiError;
use token_console::components::loading::{Loaded, Loader};
use wasm_bindgen_test::wasm_bindgen_test;

type Answer = Result<String, ApiError>;

#[wasm_bindgen_test]
async fn the_last_answer_stays_while_loading_and_with_an_error_until_a_retry_succeeds() {
    let root = fresh_root();
    // Each load waits for the test to answer it.
    let waiting: Rc<RefCell<Option<oneshot::Sender<Answer>>>> = Rc::default();
    let answer = {
        let waiting = waiting.clone();
        move |a: Answer| {
            let sender = waiting.borrow_mut().take().expect("a load is waiting");
            sender.send(a).expect("the load still waits");
        }
    };
    let is_waiting = {
        let waiting = waiting.clone();
        move || waiting.borrow().is_some()
    };
    let slot: Rc<RefCell<Option<Loader<String>>>> = Rc::default();
    let _handle = leptos::mount::mount_to(root.clone(), {
        let slot = slot.clone();
        move || {
            let loader = Loader::new(
                None,
                {
                    let waiting = waiting.clone();
                    move || {
                        let (tx, rx) = oneshot::channel();
                        *waiting.borrow_mut() = Some(tx);
                        async move { rx.await.expect("answered") }
                    }
                },
                |_| true,
            );
            *slot.borrow_mut() = Some(loader);
            view! {
                <Loaded loader=loader what="the answers">
                    <p id="answer">{move || loader.value().get()}</p>
                </Loaded>
            }
        }
    });
    let loader = slot.borrow().expect("mounted");
    let inside = |selector: &str| all(&root, selector).first().and_then(|e| e.text_content());
    let text = || inside("#answer");
    let alert = || inside("[role=alert]");

    wait_for("the first load", &is_waiting).await;
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Loading the answers…"));
    assert!(loader.loading().get_untracked());
    answer(Ok("first".into()));
    wait_for("the first answer", || text().as_deref() == Some("first")).await;
    assert!(!loader.loading().get_untracked());

    loader.refetch();
    wait_for("the reload", &is_waiting).await;
    assert!(loader.loading().get_untracked());
    assert_eq!(text().as_deref(), Some("first"), "kept while loading");
    answer(Err(ApiError::Timeout(30)));
    wait_for("the error", || alert().is_some()).await;
    assert_eq!(text().as_deref(), Some("first"), "kept with the error");
    assert!(!loader.loading().get_untracked());

    button(&root, "Try again").click();
    wait_for("the retry", &is_waiting).await;
    assert!(alert().is_some(), "the error stays until an answer comes");
    answer(Ok("second".into()));
    wait_for("the retry's answer", || {
        text().as_deref() == Some("second") && alert().is_none()
    })
    .await;
}
