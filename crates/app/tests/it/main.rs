//! Application service tests, each run on SQLite and on the real PostgreSQL server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod admission_walk;
mod audit;
mod away;
mod calendar;
mod candidate_board;
mod candidates;
mod check;
mod deadlines;
mod demo;
mod discipline;
mod exemptions;
mod fees;
mod interchange;
mod meetings;
mod members;
mod org;
mod recognition;
mod removal;
mod screening;
mod settings;
mod stats;
mod stats_oracle;
mod support;
mod synth;
mod targets;
mod transfers;
mod users;
mod warnings;
