//! Removal, discipline and leaving (rules REM-01, REM-05 … REM-10, PRB-06): grounds, and each
//! procedure as a small state machine over an append-only list of recorded steps that refuses
//! a step out of order or against a rule, naming the rule. Each procedure's end maps to the
//! member history event it produces (`removed`, `expelled`, `resigned`).

mod complaint;
mod discipline;
mod foreign_spouse;
mod ground;
mod leaving;
mod params;
mod procedure;
mod screening;
mod steps;
mod violation;

pub use complaint::{
    ComplaintLevel, ComplaintState, ComplaintStep, complaint_due, complaint_state, settlement_due,
};
pub use discipline::{
    DisciplineKind, check_discipline, check_discipline_complaint, discipline_complaint_due,
    in_force as discipline_in_force,
};
pub use foreign_spouse::{ForeignSpouseCase, ForeignSpouseFacts, classify_foreign_spouse};
pub use ground::RemovalGround;
pub use leaving::{LeaveState, LeaveStep, leave_state};
pub use params::RemovalParams;
pub use procedure::{RemovalState, RemovalStep, removal_state};
pub use screening::{
    ScreeningState, ScreeningStep, ScreeningVote, VoteMethod, not_completed_two_years,
    screening_state,
};
pub use steps::Recorded;
pub use violation::RemovalViolation;
