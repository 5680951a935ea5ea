//! One module per route; a route's parts live in its folder (`tokens/`: the list, its review
//! tools, bulk runs and export; `token/`: the details, the row and page actions, the audit
//! trail; `edit/`: the edit dialog, its save and its kept drafts). Pages read the URL, fetch
//! through `api` and `list`, and hand plain props to the components.

pub mod create;
pub mod edit;
pub mod not_found;
pub mod settings;
pub mod token;
pub mod tokens;
