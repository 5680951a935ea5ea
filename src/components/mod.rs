//! Views below the pages: they take plain props (no router, no fetching), so browser tests
//! can mount them on their own.

pub mod actions_menu;
pub mod audit_rows;
pub mod audit_trail;
pub mod bulk_bar;
pub mod bulk_dialog;
pub mod bulk_list;
pub mod confirm_dialog;
pub mod conflict_view;
pub mod copy_button;
pub mod create_wizard;
pub mod discard_dialog;
pub mod edit_form;
pub mod error_view;
pub mod escape;
pub mod field;
pub mod filter_bar;
pub mod format;
pub mod leave_guard;
pub mod loading;
pub mod modal;
pub mod pager;
pub mod secret_field;
pub mod startup_error;
pub mod status_badge;
pub mod table_toolbar;
pub mod toast;
pub mod token_details;
pub mod token_table;
