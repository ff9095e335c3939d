//! EXM-01: exemption needs the member's own request and a ground: old age or poor health.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ExemptCondition, ExemptionParams, ExemptionViolation};
use crate::dates::completed_years;
use crate::person::Sex;

/// The facts the cell weighs on an exemption request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionRequest {
    /// The member asked, in writing or orally; nobody is exempted on another's initiative.
    pub requested: bool,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    /// Months of treatment so far.
    pub treatment_months: u32,
    /// Medical records showing poor health.
    pub has_medical_records: bool,
}

/// Which grounds hold, for the resolution's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionGrounds {
    pub old_age: bool,
    pub poor_health: bool,
}

/// EXM-01 on `on` (the cell's meeting): the grounds that hold, or why the request fails.
/// "Above working age" is read as having reached the retirement age in completed years (a
/// man of 60 qualifies), the reading under which that age ends working life.
pub fn check_qualifies(
    request: &ExemptionRequest,
    on: NaiveDate,
    params: &ExemptionParams,
) -> Result<ExemptionGrounds, ExemptionViolation> {
    if !request.requested {
        return Err(ExemptionViolation::NotRequested);
    }
    let age_years = completed_years(request.birth_date, on);
    let min_age_years = match request.sex {
        Sex::Male => params.age_male_years,
        Sex::Female => params.age_female_years,
    };
    let grounds = ExemptionGrounds {
        old_age: age_years >= min_age_years,
        poor_health: request.treatment_months >= params.illness_min_months
            || request.has_medical_records,
    };
    match params.condition {
        ExemptCondition::AgeOrHealth if grounds.old_age || grounds.poor_health => Ok(grounds),
        ExemptCondition::AgeAndHealth if grounds.old_age && grounds.poor_health => Ok(grounds),
        ExemptCondition::AgeAndHealth if grounds.old_age || grounds.poor_health => {
            Err(ExemptionViolation::NeedsAgeAndHealth)
        }
        _ => Err(ExemptionViolation::NoGround {
            age_years,
            min_age_years,
            treatment_months: request.treatment_months,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn request(birth: NaiveDate, sex: Sex, treatment_months: u32) -> ExemptionRequest {
        ExemptionRequest {
            requested: true,
            birth_date: birth,
            sex,
            treatment_months,
            has_medical_records: false,
        }
    }

    #[test]
    fn exm_01_a_man_of_67_who_asks_qualifies_and_one_who_does_not_ask_does_not() {
        let p = ExemptionParams::default();
        let on = d(2025, 10, 1);
        let man = request(d(1958, 5, 1), Sex::Male, 0);
        assert_eq!(
            check_qualifies(&man, on, &p),
            Ok(ExemptionGrounds {
                old_age: true,
                poor_health: false
            })
        );
        let silent = ExemptionRequest {
            requested: false,
            ..man
        };
        let e = check_qualifies(&silent, on, &p).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("EXM-01", "not_requested"));
        assert!(e.message().ends_with("(Quy tắc EXM-01.)"));
    }

    #[test]
    fn exm_01_a_woman_of_50_with_2_months_of_treatment_does_not_qualify() {
        let p = ExemptionParams::default();
        let on = d(2025, 10, 1);
        let woman = request(d(1975, 3, 1), Sex::Female, 2);
        assert_eq!(
            check_qualifies(&woman, on, &p),
            Err(ExemptionViolation::NoGround {
                age_years: 50,
                min_age_years: 55,
                treatment_months: 2
            })
        );
        // Three months of treatment, or medical records, make poor health.
        let ill = request(d(1975, 3, 1), Sex::Female, 3);
        assert!(check_qualifies(&ill, on, &p).is_ok());
        let records = ExemptionRequest {
            has_medical_records: true,
            ..woman
        };
        assert!(check_qualifies(&records, on, &p).is_ok());
        // Old age by sex: a woman of 55 qualifies, a man of 55 does not.
        assert!(check_qualifies(&request(d(1970, 9, 30), Sex::Female, 0), on, &p).is_ok());
        assert!(check_qualifies(&request(d(1970, 9, 30), Sex::Male, 0), on, &p).is_err());
    }

    #[test]
    fn exm_01_with_age_and_health_required_one_ground_is_not_enough() {
        let p = ExemptionParams {
            condition: ExemptCondition::AgeAndHealth,
            ..ExemptionParams::default()
        };
        let on = d(2025, 10, 1);
        assert_eq!(
            check_qualifies(&request(d(1958, 5, 1), Sex::Male, 0), on, &p),
            Err(ExemptionViolation::NeedsAgeAndHealth)
        );
        assert!(check_qualifies(&request(d(1958, 5, 1), Sex::Male, 4), on, &p).is_ok());
        assert_eq!(
            ExemptCondition::parse(p.condition.code()),
            Some(p.condition)
        );
    }
}
