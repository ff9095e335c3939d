//! The configurable values of the admission rules (those marked "configurable: yes" in the
//! rule catalogue), with the catalogue's defaults.

use serde::{Deserialize, Serialize};

use super::EducationLevel;

/// Settings of the admission checks. `Default` gives the rule catalogue's values; a deployment
/// loads the values in force on the event's date (GEN-03) and passes them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdmissionParams {
    /// ADM-01: youngest age on the day of the cell vote, in completed months (18 years).
    pub min_age_months: u32,
    /// ADM-01: oldest age without the ADM-02 exception, in completed months, inclusive (60 years).
    pub max_age_months: u32,
    /// ADM-03: the schooling an applicant needs in general (lower secondary, THCS).
    pub min_education: EducationLevel,
    /// ADM-03: the schooling that suffices in hardship areas and for fishermen (primary).
    pub hardship_min_education: EducationLevel,
    /// ADM-04: how long an awareness-class certificate stays valid, in months.
    pub awareness_cert_valid_months: u32,
    /// ADM-05: how long a sponsor must have worked, studied or lived with the applicant by
    /// the letter date, in completed months.
    pub sponsor_min_months_together: u32,
    /// ADM-06: sponsors needed without an endorsement.
    pub sponsors_required: u32,
    /// ADM-06: sponsors needed beside a Youth Union or trade-union endorsement.
    pub sponsors_with_endorsement: u32,
    /// ADM-06: oldest age, in completed years, at which the Youth Union may endorse.
    pub youth_age_max_years: u32,
    /// ADM-09: leave exempted members who are absent out of the cell vote's base.
    pub exclude_absent_exempted: bool,
    /// ADM-11: working days for the admission decision after the cell resolution.
    pub admission_decision_wd: u32,
    /// ADM-11: the most working days the decision may be extended by.
    pub admission_extension_wd: u32,
    /// ADM-13: working days for the ceremony after the decision is received.
    pub ceremony_wd: u32,
    /// PRB-05: vote rounds on a probationer before the superior decides.
    pub max_vote_rounds: u32,
}

impl Default for AdmissionParams {
    fn default() -> Self {
        Self {
            min_age_months: 216,
            max_age_months: 720,
            min_education: EducationLevel::LowerSecondary,
            hardship_min_education: EducationLevel::Primary,
            awareness_cert_valid_months: 60,
            sponsor_min_months_together: 12,
            sponsors_required: 2,
            sponsors_with_endorsement: 1,
            youth_age_max_years: 30,
            exclude_absent_exempted: false,
            admission_decision_wd: 60,
            admission_extension_wd: 30,
            ceremony_wd: 30,
            max_vote_rounds: 3,
        }
    }
}
