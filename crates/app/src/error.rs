//! The errors of the application layer. Delivery layers map each to a status code and a
//! Vietnamese sentence; storage errors are logged with an incident id and never shown.

use chibo_domain::access::{Denied, Permission};
use chibo_domain::admission::RuleViolation;
use chibo_domain::away::AwayViolation;
use chibo_domain::exemption::ExemptionViolation;
use chibo_domain::fees::FeeViolation;
use chibo_domain::field::{FieldError, Problem};
use chibo_domain::member::TransitionError;
use chibo_domain::org::TreeError;
use chibo_domain::transfer::TransferViolation;
use chibo_storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Missing, or outside the caller's scope (existence is not revealed).
    #[error("not found")]
    NotFound,
    /// Visible, but the caller's role may not do this.
    #[error("forbidden: {0:?}")]
    Forbidden(Permission),
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// A unit named in a field that does not exist or is outside the caller's scope; the two
    /// are answered alike so that existence does not leak.
    #[error("no such unit in scope: {field}")]
    NoSuchReference { field: &'static str },
    /// A life-cycle event that cannot follow the member's history.
    #[error("event refused: {0}")]
    Transition(TransitionError),
    #[error("tree change refused: {0}")]
    Tree(TreeError),
    /// An admission rule check refused the step; carries the rule ID and the reason.
    #[error("rule check refused: {0}")]
    Rule(RuleViolation),
    /// A transfer or exemption rule refused the step (TRF-*, EXM-*).
    #[error("rule check refused: {0}")]
    Refused(Refusal),
    /// A party-fee rule (FEE-01 … FEE-05, GEN-03) refused the record or the computation.
    #[error("fee rule refused: {0}")]
    Fee(FeeViolation),
    #[error("wrong username or password")]
    BadCredentials,
    #[error("too many failed logins; retry in {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    pub fn field(field: &'static str, problem: Problem) -> Self {
        Self::Invalid(vec![FieldError::new(field, problem)])
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        match d {
            Denied::OutOfScope => Self::NotFound,
            Denied::Forbidden(p) => Self::Forbidden(p),
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        Self::Invalid(errors)
    }
}

impl From<TreeError> for AppError {
    fn from(e: TreeError) -> Self {
        Self::Tree(e)
    }
}

impl From<RuleViolation> for AppError {
    fn from(v: RuleViolation) -> Self {
        Self::Rule(v)
    }
}

/// A refusal by a rule outside admission: its ID, a stable code and the Vietnamese sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{rule} {code}: {message}")]
pub struct Refusal {
    pub rule: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl From<chibo_domain::removal::RemovalViolation> for AppError {
    fn from(v: chibo_domain::removal::RemovalViolation) -> Self {
        Self::Refused(Refusal {
            rule: v.rule(),
            code: v.code(),
            message: v.message(),
        })
    }
}

impl From<TransferViolation> for AppError {
    fn from(v: TransferViolation) -> Self {
        Self::Refused(Refusal {
            rule: v.rule(),
            code: v.code(),
            message: v.message(),
        })
    }
}

impl From<ExemptionViolation> for AppError {
    fn from(v: ExemptionViolation) -> Self {
        Self::Refused(Refusal {
            rule: v.rule(),
            code: v.code(),
            message: v.message(),
        })
    }
}

impl From<AwayViolation> for AppError {
    fn from(v: AwayViolation) -> Self {
        Self::Refused(Refusal {
            rule: v.rule(),
            code: v.code(),
            message: v.message(),
        })
    }
}

impl From<TransitionError> for AppError {
    fn from(e: TransitionError) -> Self {
        Self::Transition(e)
    }
}

impl From<FeeViolation> for AppError {
    fn from(v: FeeViolation) -> Self {
        Self::Fee(v)
    }
}
