//! Browser tests of the components, mounted with plain props into a fresh element and checked
//! through the DOM (roles, labels, aria-*), in headless Chromium via wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

mod support;

mod actions_menu;
mod audit_trail;
mod confirm_dialog;
mod create_wizard;
mod discard_dialog;
mod edit_form;
mod loading;
mod review_tools;
mod token_table;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
