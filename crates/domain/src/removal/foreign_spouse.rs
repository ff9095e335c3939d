//! REM-10: a member settling abroad with a foreign spouse (QĐ 127-QĐ/TW, 2004; whether it is
//! still in force is unconfirmed): applies to leave, else is considered for removal, and is
//! removed once naturalised abroad.

use serde::{Deserialize, Serialize};

use super::RemovalGround;

/// The facts the classification turns on, as recorded for the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignSpouseFacts {
    pub settled_abroad_with_foreign_spouse: bool,
    pub applied_to_leave: bool,
    pub foreign_citizenship: bool,
}

/// REM-10: what the case calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForeignSpouseCase {
    /// Not a foreign-spouse case.
    NotApplicable,
    /// The member applied: handled as leaving on request (REM-08).
    LeaveOnRequest,
    /// Neither applied nor naturalised: considered for removal.
    RemovalConsidered,
    /// Naturalised abroad: removed (REM-05 on [`RemovalGround::ForeignCitizenship`]).
    RemovalCase,
}

impl ForeignSpouseCase {
    pub fn code(self) -> &'static str {
        match self {
            Self::NotApplicable => "not_applicable",
            Self::LeaveOnRequest => "leave_on_request",
            Self::RemovalConsidered => "removal_considered",
            Self::RemovalCase => "removal_case",
        }
    }

    /// The removal ground of a case that leads to removal.
    pub fn removal_ground(self) -> Option<RemovalGround> {
        match self {
            Self::RemovalCase => Some(RemovalGround::ForeignCitizenship),
            _ => None,
        }
    }
}

/// REM-10: naturalisation abroad decides the case whatever else holds, since it is the ground
/// for removal; otherwise an application leads to leaving on request.
pub fn classify_foreign_spouse(f: &ForeignSpouseFacts) -> ForeignSpouseCase {
    if f.foreign_citizenship {
        ForeignSpouseCase::RemovalCase
    } else if !f.settled_abroad_with_foreign_spouse {
        ForeignSpouseCase::NotApplicable
    } else if f.applied_to_leave {
        ForeignSpouseCase::LeaveOnRequest
    } else {
        ForeignSpouseCase::RemovalConsidered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(settled: bool, applied: bool, citizen: bool) -> ForeignSpouseFacts {
        ForeignSpouseFacts {
            settled_abroad_with_foreign_spouse: settled,
            applied_to_leave: applied,
            foreign_citizenship: citizen,
        }
    }

    #[test]
    fn rem_10_foreign_citizenship_recorded_opens_a_removal_case() {
        let case = classify_foreign_spouse(&facts(true, false, true));
        assert_eq!(case, ForeignSpouseCase::RemovalCase);
        assert_eq!(
            case.removal_ground(),
            Some(RemovalGround::ForeignCitizenship)
        );
        assert_eq!(
            classify_foreign_spouse(&facts(true, true, false)),
            ForeignSpouseCase::LeaveOnRequest
        );
        assert_eq!(
            classify_foreign_spouse(&facts(true, false, false)),
            ForeignSpouseCase::RemovalConsidered
        );
        assert_eq!(
            classify_foreign_spouse(&facts(false, false, false)),
            ForeignSpouseCase::NotApplicable
        );
        assert_eq!(ForeignSpouseCase::RemovalConsidered.removal_ground(), None);
    }
}
