//! Probation and official recognition (rules PRB-01 … PRB-05): the cell's review rounds and the
//! committee's decision as a small state machine over an append-only list of steps, and the
//! committee's deadline. PRB-06, the discipline a probationer may receive, is
//! `removal::check_discipline`. Pure functions over facts the caller gathers; refusals are
//! [`RuleViolation`]s naming their rule.

mod procedure;

pub use procedure::{
    CellReview, CommitteeDecision, DecidingBody, Decision, Position, RecognitionParams,
    ReviewOutcome, Step, check_cell_review, check_committee_decision, position,
    recognition_decision_due,
};

use crate::admission::RuleViolation;
