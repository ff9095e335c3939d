//! The applicant's schooling (ADM-03): lower secondary in general, primary in hardship areas
//! and for fishermen, literacy for elders and hamlet heads there with province-level consent.

use serde::{Deserialize, Serialize};

use super::{AdmissionParams, ProvincialConsent, RuleViolation};

/// General schooling completed, by diploma held, lowest first. Since QĐ 232 a certificate
/// "equivalent" to lower secondary no longer counts as it: record the diploma actually held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    /// Cannot read and write.
    None,
    /// Reads and writes, no primary diploma.
    Literate,
    /// Primary school (tiểu học).
    Primary,
    /// Lower secondary school (trung học cơ sở, THCS).
    LowerSecondary,
    /// Upper secondary school (trung học phổ thông) or higher.
    UpperSecondary,
}

impl EducationLevel {
    pub const ALL: &'static [EducationLevel] = &[
        Self::None,
        Self::Literate,
        Self::Primary,
        Self::LowerSecondary,
        Self::UpperSecondary,
    ];
    pub const CODES: &'static [&'static str] = &[
        "none",
        "literate",
        "primary",
        "lower_secondary",
        "upper_secondary",
    ];

    /// The stored code (`lower_secondary`).
    pub fn code(self) -> &'static str {
        let i = Self::ALL.iter().position(|l| *l == self).unwrap_or(0);
        Self::CODES[i]
    }

    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::CODES
            .iter()
            .position(|c| *c == code)
            .map(|i| Self::ALL[i])
    }

    /// The Vietnamese name used in refusal messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "chưa biết chữ",
            Self::Literate => "biết đọc, biết viết",
            Self::Primary => "tốt nghiệp tiểu học",
            Self::LowerSecondary => "tốt nghiệp trung học cơ sở",
            Self::UpperSecondary => "tốt nghiệp trung học phổ thông",
        }
    }
}

/// What ADM-03 looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EducationCase {
    pub level: EducationLevel,
    /// The commune's `hardship_area` flag: hardship, border, island, mountain or minority area.
    pub hardship_area: bool,
    /// A fisherman (ngư dân), for whom primary school suffices wherever he lives.
    pub fisherman: bool,
    /// A village elder or hamlet head (già làng, trưởng thôn, bản) in a hardship area.
    pub elder_or_hamlet_head: bool,
    /// The province-level consent an elder or hamlet head admitted on literacy needs.
    pub provincial_consent: Option<ProvincialConsent>,
}

/// ADM-03: the level the case needs and whether it is met.
pub fn check_education(
    case: &EducationCase,
    params: &AdmissionParams,
) -> Result<(), RuleViolation> {
    let relaxed = case.hardship_area || case.fisherman;
    let required = if relaxed {
        params.hardship_min_education.min(params.min_education)
    } else {
        params.min_education
    };
    if case.level >= required {
        return Ok(());
    }
    if case.hardship_area && case.elder_or_hamlet_head && case.level >= EducationLevel::Literate {
        return match &case.provincial_consent {
            Some(c) if !c.reference.trim().is_empty() => Ok(()),
            _ => Err(RuleViolation::LiteracyNeedsConsent),
        };
    }
    Err(RuleViolation::EducationTooLow {
        held: case.level,
        required,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn city_ward(level: EducationLevel) -> EducationCase {
        EducationCase {
            level,
            hardship_area: false,
            fisherman: false,
            elder_or_hamlet_head: false,
            provincial_consent: None,
        }
    }

    #[test]
    fn adm_03_education_codes_round_trip() {
        for level in EducationLevel::ALL {
            assert_eq!(EducationLevel::parse(level.code()), Some(*level));
        }
        assert_eq!(EducationLevel::parse("equivalent"), None);
    }

    #[test]
    fn adm_03_refuses_primary_schooling_in_a_city_ward() {
        let e = check_education(
            &city_ward(EducationLevel::Primary),
            &AdmissionParams::default(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            RuleViolation::EducationTooLow {
                held: EducationLevel::Primary,
                required: EducationLevel::LowerSecondary
            }
        );
        assert_eq!((e.rule(), e.code()), ("ADM-03", "education_too_low"));
        assert_eq!(
            check_education(
                &city_ward(EducationLevel::LowerSecondary),
                &AdmissionParams::default()
            ),
            Ok(())
        );
    }

    #[test]
    fn adm_03_accepts_a_fisherman_with_primary_schooling_in_a_coastal_hardship_commune() {
        let case = EducationCase {
            hardship_area: true,
            fisherman: true,
            ..city_ward(EducationLevel::Primary)
        };
        assert_eq!(check_education(&case, &AdmissionParams::default()), Ok(()));
        let literate = EducationCase {
            level: EducationLevel::Literate,
            ..case
        };
        assert!(check_education(&literate, &AdmissionParams::default()).is_err());
    }

    #[test]
    fn adm_03_an_elder_in_a_hardship_area_needs_literacy_and_consent() {
        let mut case = EducationCase {
            hardship_area: true,
            elder_or_hamlet_head: true,
            ..city_ward(EducationLevel::Literate)
        };
        let params = AdmissionParams::default();
        assert_eq!(
            check_education(&case, &params),
            Err(RuleViolation::LiteracyNeedsConsent)
        );
        case.provincial_consent = Some(ProvincialConsent {
            reference: "45-CV/TU".to_owned(),
            dated_on: NaiveDate::from_ymd_opt(2025, 5, 1).unwrap(),
        });
        assert_eq!(check_education(&case, &params), Ok(()));
        case.level = EducationLevel::None;
        assert!(check_education(&case, &params).is_err());
        // Outside a hardship area the elder exception does not apply.
        case.level = EducationLevel::Literate;
        case.hardship_area = false;
        assert!(check_education(&case, &params).is_err());
    }
}
