//! Web tests: the router in-process (`oneshot`), real sessions, CSRF and databases.

mod access;
mod api;
mod client;
mod forms;
mod ops;
mod session;
