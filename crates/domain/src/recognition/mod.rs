//! Probation and official recognition (rules PRB-01 … PRB-06): the cell's review rounds and the
//! committee's decision as a small state machine over an append-only list of steps, the
//! committee's deadline, and the discipline a probationer may receive. Pure functions over
//! facts the caller gathers; refusals are [`RuleViolation`]s naming their rule.

mod discipline;
mod procedure;

pub use discipline::{DisciplineKind, check_probationer_discipline};
pub use procedure::{
    CellReview, CommitteeDecision, DecidingBody, Decision, Position, RecognitionParams,
    ReviewOutcome, Step, check_cell_review, check_committee_decision, position,
    recognition_decision_due,
};

use crate::admission::RuleViolation;
