//! EXM-03: what exemption changes. An exempted member skips assigned work, meetings and the
//! quality rating, but stays a member: counted in the headcount, keeps party age and badges,
//! pays dues unless a fee exemption applies, and can be disciplined.

use serde::{Deserialize, Serialize};

/// Whether the member is placed in the year's quality classification (CLS-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Rated,
    /// Outside the classification's numerator and denominator.
    NotRated,
}

impl Rating {
    pub fn code(self) -> &'static str {
        match self {
            Self::Rated => "rated",
            Self::NotRated => "not_rated",
        }
    }
}

/// EXM-03, MTG-03: an exempted member owes no meetings, so is not in the attendance base.
pub fn in_attendance_base(exempted: bool) -> bool {
    !exempted
}

/// EXM-03, REM-09: votes counted over attending members (screening) leave exempted members
/// out. The admission vote's base is ADM-09's own setting (`cell_vote_base`), which keeps
/// them by default; this function does not override it.
pub fn in_vote_base(exempted: bool) -> bool {
    !exempted
}

/// EXM-03, CLS-05: exempted members are "not rated".
pub fn rating(exempted: bool) -> Rating {
    if exempted {
        Rating::NotRated
    } else {
        Rating::Rated
    }
}

/// EXM-03: exemption from activity is not exemption from dues; only a fee exemption (FEE-03,
/// decided by the fee rules and passed in) stops the bill.
pub fn owes_dues(fee_exempt: bool) -> bool {
    !fee_exempt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exm_03_an_exempted_member_is_outside_the_attendance_base_and_rating_but_still_billed() {
        assert!(!in_attendance_base(true));
        assert!(in_attendance_base(false));
        assert!(!in_vote_base(true));
        assert!(in_vote_base(false));
        assert_eq!(rating(true), Rating::NotRated);
        assert_eq!(rating(true).code(), "not_rated");
        assert_eq!(rating(false), Rating::Rated);
        // Still billed, whatever the exemption, unless FEE-03 applies.
        assert!(owes_dues(false));
        assert!(!owes_dues(true));
    }
}
