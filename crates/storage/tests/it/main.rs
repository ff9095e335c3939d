//! Storage tests, each run on both engines against real databases.

mod reference;
mod schema;
mod tree;
