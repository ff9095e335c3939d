//! Web tests: the router in-process (`oneshot`), real sessions, CSRF and databases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod access;
mod api;
mod away;
mod calendar;
mod candidates;
mod client;
mod deadlines;
mod fees;
mod forms;
mod interchange;
mod meetings;
mod ops;
mod recognition;
mod removal;
mod screening;
mod session;
mod settings;
mod stats;
mod targets;
mod transfers;
mod warnings;
