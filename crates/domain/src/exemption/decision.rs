//! EXM-02: the cell decides an exemption by resolution, entered in its resolution book and
//! reported to the superior; the member resumes whenever they ask.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ExemptionViolation;

/// The two exemptions of the glossary: full (EXM, old age or health) and temporary (AWY-01,
/// a member away for a while).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionKind {
    Full,
    Temporary,
}

impl ExemptionKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Temporary => "temporary",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "full" => Some(Self::Full),
            "temporary" => Some(Self::Temporary),
            _ => None,
        }
    }
}

/// The cell's decision as recorded (the `exempted` event's decision reference and date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionDecision {
    /// Number and date of the cell's resolution, as entered in the resolution book.
    pub resolution_ref: String,
    pub decided_on: NaiveDate,
    /// The day the superior was informed.
    pub superior_informed_on: Option<NaiveDate>,
}

/// EXM-02: a decision without the resolution's reference is refused; it returns the trimmed
/// reference to store.
pub fn check_decision(resolution_ref: &str) -> Result<String, ExemptionViolation> {
    let r = resolution_ref.trim();
    if r.is_empty() {
        Err(ExemptionViolation::NoResolution)
    } else {
        Ok(r.to_owned())
    }
}

/// EXM-02: resuming needs nothing but the member's own request (no ground, no waiting time).
pub fn check_resume(requested_by_member: bool) -> Result<(), ExemptionViolation> {
    if requested_by_member {
        Ok(())
    } else {
        Err(ExemptionViolation::ResumeNotRequested)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exm_02_a_decision_needs_the_cell_resolution_reference() {
        assert_eq!(
            check_decision("  05-NQ/CB ngày 10/10/2025 "),
            Ok("05-NQ/CB ngày 10/10/2025".to_owned())
        );
        let e = check_decision("   ").unwrap_err();
        assert_eq!((e.rule(), e.code()), ("EXM-02", "no_resolution"));
        assert!(e.message().contains("nghị quyết"));
    }

    #[test]
    fn exm_02_the_member_resumes_on_their_own_request() {
        assert_eq!(check_resume(true), Ok(()));
        assert_eq!(
            check_resume(false),
            Err(ExemptionViolation::ResumeNotRequested)
        );
        for k in [ExemptionKind::Full, ExemptionKind::Temporary] {
            assert_eq!(ExemptionKind::parse(k.code()), Some(k));
        }
    }
}
