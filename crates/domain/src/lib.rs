//! Chibo's domain core: the party organisation tree, members and their life-cycle history,
//! the rule checks of the admission pipeline, transfers, exemptions, members working away and
//! cell meetings, and who may see or change what. Pure functions and validated types; no I/O.

pub mod access;
pub mod admission;
pub mod away;
pub mod calendar;
pub mod dates;
pub mod exemption;
pub mod fees;
pub mod field;
pub mod goals;
pub mod ids;
pub mod interchange;
pub mod meetings;
pub mod member;
pub mod month;
pub mod org;
pub mod person;
pub mod recognition;
pub mod removal;
pub mod stats;
pub mod text;
pub mod transfer;
pub mod warning;
