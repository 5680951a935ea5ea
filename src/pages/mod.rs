//! One file per route. Pages read the URL, fetch through `api`, and hand plain props to the
//! components.

pub mod bulk_run;
pub mod create;
pub mod edit;
pub mod edit_save;
pub mod not_found;
pub mod settings;
pub mod token;
pub mod token_actions;
pub mod token_audit;
pub mod token_export;
pub mod tokens;
pub mod tokens_review;
