//! Deterministic demonstration data: a realistic tree built from the administrative units
//! file (with the 2025 reorganisation as re-parented unit versions), Vietnamese names, and
//! full event histories from 1975 to today, plus one demo account per role.

mod candidates;
mod generate;
mod meetings;
mod party_life;
mod write;

pub use candidates::add_candidates;
pub use generate::{DemoArea, DemoData, DemoEvent, DemoMember, DemoUnit, DemoVersion, generate};
pub use write::{DEMO_PASSWORD, DemoLogin, DemoReport, write};

/// Members a fresh installation gets when `chibo serve` finds an empty database.
pub const DEFAULT_MEMBERS: usize = 2_000;
/// The seed used unless another is given, so every fresh start shows the same data.
pub const DEFAULT_SEED: u64 = 2026;
