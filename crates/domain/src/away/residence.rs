//! AWY-04: members working in agencies or enterprises keep ties with the cell where they live,
//! which comments on them yearly (QĐ 213-QĐ/TW, HD 33-HD/BTCTW), with listed exceptions.

use serde::{Deserialize, Serialize};

use super::AwayParams;

/// What decides whether a member owes residence ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidenceFacts {
    /// Works in a state agency, public unit or enterprise (the members QĐ 213 covers).
    pub works_in_agency_or_enterprise: bool,
    /// Army or police living in barracks.
    pub barracks_based: bool,
    /// Months of full-time study the cadre is in, if any.
    pub full_time_study_months: Option<u32>,
    /// A student studying far from home.
    pub student_away_from_home: bool,
}

/// Why a member who would owe ties does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidenceTieException {
    Barracks,
    LongStudy,
    StudentAway,
}

/// The outcome of AWY-04 for one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "tie", content = "exception", rename_all = "snake_case")]
pub enum ResidenceTie {
    /// Does not work in an agency or enterprise: the residence cell is the member's own.
    NotApplicable,
    /// Keeps contact with the residence cell, which comments yearly.
    Required,
    Excepted(ResidenceTieException),
}

impl ResidenceTie {
    pub fn code(self) -> &'static str {
        match self {
            Self::NotApplicable => "not_applicable",
            Self::Required => "required",
            Self::Excepted(ResidenceTieException::Barracks) => "excepted_barracks",
            Self::Excepted(ResidenceTieException::LongStudy) => "excepted_long_study",
            Self::Excepted(ResidenceTieException::StudentAway) => "excepted_student_away",
        }
    }
}

/// AWY-04: whether the member owes residence ties, and the exception that lifts them.
pub fn residence_tie(facts: &ResidenceFacts, params: &AwayParams) -> ResidenceTie {
    if !facts.works_in_agency_or_enterprise && !facts.student_away_from_home {
        return ResidenceTie::NotApplicable;
    }
    if params.except_barracks && facts.barracks_based {
        ResidenceTie::Excepted(ResidenceTieException::Barracks)
    } else if facts
        .full_time_study_months
        .is_some_and(|m| m >= params.except_study_min_months)
    {
        ResidenceTie::Excepted(ResidenceTieException::LongStudy)
    } else if params.except_students_away && facts.student_away_from_home {
        ResidenceTie::Excepted(ResidenceTieException::StudentAway)
    } else if facts.works_in_agency_or_enterprise {
        ResidenceTie::Required
    } else {
        ResidenceTie::NotApplicable
    }
}

/// AWY-04: the yearly review of a member who owes ties lacks the residence cell's comment:
/// the warning.
pub fn residence_comment_missing(tie: ResidenceTie, has_residence_comment: bool) -> bool {
    tie == ResidenceTie::Required && !has_residence_comment
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker() -> ResidenceFacts {
        ResidenceFacts {
            works_in_agency_or_enterprise: true,
            barracks_based: false,
            full_time_study_months: None,
            student_away_from_home: false,
        }
    }

    #[test]
    fn awy_04_an_agency_member_owes_residence_ties_unless_excepted() {
        let p = AwayParams::default();
        assert_eq!(residence_tie(&worker(), &p), ResidenceTie::Required);
        assert!(residence_comment_missing(ResidenceTie::Required, false));
        assert!(!residence_comment_missing(ResidenceTie::Required, true));
        let soldier = ResidenceFacts {
            barracks_based: true,
            ..worker()
        };
        let t = residence_tie(&soldier, &p);
        assert_eq!(t, ResidenceTie::Excepted(ResidenceTieException::Barracks));
        assert!(!residence_comment_missing(t, false));
        assert_eq!(t.code(), "excepted_barracks");
        let study = |m| ResidenceFacts {
            full_time_study_months: Some(m),
            ..worker()
        };
        assert_eq!(
            residence_tie(&study(12), &p),
            ResidenceTie::Excepted(ResidenceTieException::LongStudy)
        );
        assert_eq!(residence_tie(&study(11), &p), ResidenceTie::Required);
        let student = ResidenceFacts {
            works_in_agency_or_enterprise: false,
            student_away_from_home: true,
            ..worker()
        };
        assert_eq!(
            residence_tie(&student, &p),
            ResidenceTie::Excepted(ResidenceTieException::StudentAway)
        );
        let farmer = ResidenceFacts {
            works_in_agency_or_enterprise: false,
            ..worker()
        };
        assert_eq!(residence_tie(&farmer, &p), ResidenceTie::NotApplicable);
        // Exceptions are settings: without the barracks exception the soldier owes ties.
        let strict = AwayParams {
            except_barracks: false,
            ..p
        };
        assert_eq!(residence_tie(&soldier, &strict), ResidenceTie::Required);
    }
}
