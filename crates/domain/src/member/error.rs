//! Why an event cannot follow the history before it. Each names the rule it enforces.

use chrono::NaiveDate;

use super::EventKind;
use crate::ids::EventId;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TransitionError {
    /// interchange: a valid history starts with `admitted`.
    #[error("a history must start with an admission")]
    MustStartWithAdmission,
    /// interchange: only an `admitted` (re-admission) follows an event that leaves the party.
    #[error("the person is no longer a member")]
    NotAMember,
    #[error("the person is already a member")]
    AlreadyMember,
    /// interchange: `recognized` only follows `admitted`.
    #[error("only a probationary member can be recognised or not recognised")]
    NotProbationary,
    /// PRB-01: probation lasts 12 months; recognition takes effect at its end (PRB-04).
    #[error("probation runs until {ends}")]
    ProbationNotOver { ends: NaiveDate },
    /// PRB-06: a probationary member can be reprimanded or warned, never expelled.
    #[error("a probationary member cannot be expelled")]
    ProbationerExpelled,
    #[error("the member is in transit between organisations")]
    InTransit,
    /// interchange: `transfer_in` follows `transfer_out`.
    #[error("the member is not in transit")]
    NotInTransit,
    #[error("the member is already on a temporary transfer")]
    AlreadyTemporarilyOut,
    #[error("the member is not on a temporary transfer")]
    NotTemporarilyOut,
    #[error("the member is already exempted")]
    AlreadyExempted,
    #[error("the member is not exempted")]
    NotExempted,
    #[error("the member is already working away")]
    AlreadyWorkingAway,
    #[error("the member is not working away")]
    NotWorkingAway,
    #[error("a {kind:?} event needs a unit")]
    UnitRequired { kind: EventKind },
    #[error("a {kind:?} event takes no unit")]
    UnitNotExpected { kind: EventKind },
    #[error("the member already belongs to that cell")]
    SameCell,
}

/// A history that does not replay: the first event that fails and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {event} cannot be applied: {error}")]
pub struct ReplayError {
    pub event: EventId,
    pub error: TransitionError,
}
