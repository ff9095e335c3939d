//! Chibo's storage layer: the database handle over SQLite or PostgreSQL, chosen by URL, with
//! one SQL set for both; embedded migrations; and a repository module per concept. The only
//! crate that names sqlx.

pub mod audit;
pub mod away;
pub mod bulk;
pub mod calendar;
pub mod candidates;
pub mod db;
pub mod discipline;
pub mod events;
pub mod exemptions;
pub mod export;
pub mod fees;
pub mod jobs;
pub mod meetings;
pub mod members;
pub mod paths;
pub mod periods;
pub mod recognition;
pub mod reference;
pub mod removal;
pub mod residential;
pub mod rule_settings;
pub mod schema;
pub mod screening;
pub mod sessions;
pub mod settings;
pub mod stats;
pub mod targets;
pub mod transfers;
pub mod units;
pub mod users;

pub use db::{Db, Engine, StorageError, Tx, now};
