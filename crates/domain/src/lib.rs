//! Chibo's domain core: the party organisation tree, members and their life-cycle history,
//! the rule checks of the admission pipeline, and who may see or change what. Pure functions
//! and validated types; no I/O.

pub mod access;
pub mod admission;
pub mod calendar;
pub mod dates;
pub mod field;
pub mod ids;
pub mod interchange;
pub mod member;
pub mod org;
pub mod person;
pub mod recognition;
pub mod stats;
pub mod text;
