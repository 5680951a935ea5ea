//! The edit dialog: its form ([`form`]), its keyboard use ([`keyboard`]), and the guarantee
//! that no edit is lost to faults, expiry, reloads or a second person ([`no_lost_edits`]).

mod form;
mod keyboard;
mod no_lost_edits;
mod picker;
