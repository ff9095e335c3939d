//! Storage tests, each run on both engines against real databases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod calendar;
mod reference;
mod schema;
mod stats;
mod tree;
