//! Web tests: the router in-process (`oneshot`), real sessions, CSRF and databases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod access;
mod api;
mod calendar;
mod client;
mod deadlines;
mod fees;
mod forms;
mod interchange;
mod ops;
mod session;
mod stats;
mod targets;
