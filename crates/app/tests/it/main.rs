//! Application service tests, each run on SQLite and on the real PostgreSQL server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod audit;
mod calendar;
mod candidates;
mod check;
mod deadlines;
mod demo;
mod fees;
mod interchange;
mod members;
mod org;
mod stats;
mod stats_oracle;
mod support;
mod synth;
mod targets;
mod users;
