//! Application service tests, each run on SQLite and on the real PostgreSQL server.

mod audit;
mod check;
mod demo;
mod members;
mod org;
mod support;
mod users;
