//! The applicant's age on the day of the cell vote (ADM-01) and the over-60 exception (ADM-02).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AdmissionParams, RuleViolation};
use crate::dates::completed_months;

/// ADM-01: the applicant's age in completed months on `vote_on` when it lies in the window
/// (at least `min_age_months`, at most `max_age_months`: 60 years and some days still pass).
/// Over the window the refusal is [`RuleViolation::OverAge`]; [`check_over_60_exception`]
/// may then let the applicant proceed.
pub fn check_age(
    born_on: NaiveDate,
    vote_on: NaiveDate,
    params: &AdmissionParams,
) -> Result<u32, RuleViolation> {
    let age_months = completed_months(born_on, vote_on);
    if age_months < params.min_age_months {
        Err(RuleViolation::UnderAge {
            age_months,
            min_months: params.min_age_months,
        })
    } else if age_months > params.max_age_months {
        Err(RuleViolation::OverAge {
            age_months,
            max_months: params.max_age_months,
        })
    } else {
        Ok(age_months)
    }
}

/// ADM-02: why an applicant over 60 may still be admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Over60Ground {
    /// Lives or works where there is no party organisation or no party member.
    NoPartyPresence,
    /// A special need recognised by the superior.
    SpecialNeed,
}

impl Over60Ground {
    pub const CODES: &'static [&'static str] = &["no_party_presence", "special_need"];

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "no_party_presence" => Some(Self::NoPartyPresence),
            "special_need" => Some(Self::SpecialNeed),
            _ => None,
        }
    }
}

/// The province-level standing committee's prior written consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvincialConsent {
    /// The consent document's number or reference, as written on it.
    pub reference: String,
    pub dated_on: NaiveDate,
}

/// The recorded conditions of the over-60 exception (HD 01 §1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Over60Exception {
    pub healthy_and_respected: bool,
    pub ground: Option<Over60Ground>,
    pub consent: Option<ProvincialConsent>,
}

/// ADM-02: an applicant over the age window proceeds only with every condition recorded and a
/// consent dated before the admission decision of `decided_on` (strictly before: "prior").
/// Before a decision exists, pass the day the decision would be signed.
pub fn check_over_60_exception(
    exception: Option<&Over60Exception>,
    decided_on: NaiveDate,
) -> Result<(), RuleViolation> {
    let e = exception.ok_or(RuleViolation::Over60NoConsent)?;
    if !e.healthy_and_respected {
        return Err(RuleViolation::Over60NotHealthyOrRespected);
    }
    if e.ground.is_none() {
        return Err(RuleViolation::Over60NoGround);
    }
    let consent = e
        .consent
        .as_ref()
        .filter(|c| !c.reference.trim().is_empty())
        .ok_or(RuleViolation::Over60NoConsent)?;
    if consent.dated_on >= decided_on {
        return Err(RuleViolation::Over60ConsentNotBeforeDecision {
            consent_on: consent.dated_on,
            decided_on,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p() -> AdmissionParams {
        AdmissionParams::default()
    }

    #[test]
    fn adm_01_refuses_an_applicant_one_day_short_of_18() {
        let e = check_age(d(2007, 3, 11), d(2025, 3, 10), &p()).unwrap_err();
        assert_eq!(
            e,
            RuleViolation::UnderAge {
                age_months: 215,
                min_months: 216
            }
        );
        assert_eq!((e.rule(), e.code()), ("ADM-01", "under_age"));
        assert!(e.message().contains("Chưa đủ 18 tuổi"));
        assert!(e.message().contains("ADM-01"));
    }

    #[test]
    fn adm_01_accepts_an_applicant_18_on_the_vote_day() {
        assert_eq!(check_age(d(2007, 3, 10), d(2025, 3, 10), &p()), Ok(216));
    }

    #[test]
    fn adm_01_accepts_60_years_and_refuses_721_months() {
        assert_eq!(check_age(d(1965, 3, 10), d(2025, 3, 10), &p()), Ok(720));
        assert_eq!(check_age(d(1965, 2, 11), d(2025, 3, 10), &p()), Ok(720));
        assert_eq!(
            check_age(d(1965, 2, 9), d(2025, 3, 10), &p()),
            Err(RuleViolation::OverAge {
                age_months: 721,
                max_months: 720
            })
        );
    }

    fn full_exception(consent_on: NaiveDate) -> Over60Exception {
        Over60Exception {
            healthy_and_respected: true,
            ground: Some(Over60Ground::NoPartyPresence),
            consent: Some(ProvincialConsent {
                reference: "123-CV/TU".to_owned(),
                dated_on: consent_on,
            }),
        }
    }

    #[test]
    fn adm_02_blocks_an_over_60_applicant_until_a_prior_consent_is_attached() {
        // Born 1964-01-15, vote 2025-06-10: over 60.
        assert!(matches!(
            check_age(d(1964, 1, 15), d(2025, 6, 10), &p()),
            Err(RuleViolation::OverAge { .. })
        ));
        let decided_on = d(2025, 7, 20);
        let e = check_over_60_exception(None, decided_on).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("ADM-02", "over_60_no_consent"));
        let mut without = full_exception(d(2025, 5, 1));
        without.consent = None;
        assert_eq!(
            check_over_60_exception(Some(&without), decided_on),
            Err(RuleViolation::Over60NoConsent)
        );
        assert_eq!(
            check_over_60_exception(Some(&full_exception(decided_on)), decided_on),
            Err(RuleViolation::Over60ConsentNotBeforeDecision {
                consent_on: decided_on,
                decided_on
            })
        );
        assert_eq!(
            check_over_60_exception(Some(&full_exception(d(2025, 5, 1))), decided_on),
            Ok(())
        );
    }

    #[test]
    fn adm_02_needs_health_respect_and_a_ground() {
        let decided_on = d(2025, 7, 20);
        let mut e = full_exception(d(2025, 5, 1));
        e.ground = None;
        assert_eq!(
            check_over_60_exception(Some(&e), decided_on),
            Err(RuleViolation::Over60NoGround)
        );
        e.ground = Some(Over60Ground::SpecialNeed);
        e.healthy_and_respected = false;
        assert_eq!(
            check_over_60_exception(Some(&e), decided_on),
            Err(RuleViolation::Over60NotHealthyOrRespected)
        );
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0i64..40_000).prop_map(|n| d(1920, 1, 1) + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn adm_01_agrees_with_completed_months(born in any_day(), vote in any_day()) {
            let months = completed_months(born, vote);
            let params = p();
            match check_age(born, vote, &params) {
                Ok(m) => prop_assert!(m == months && (216..=720).contains(&m)),
                Err(RuleViolation::UnderAge { age_months, .. }) => prop_assert!(age_months == months && months < 216),
                Err(RuleViolation::OverAge { age_months, .. }) => prop_assert!(age_months == months && months > 720),
                Err(other) => prop_assert!(false, "unexpected {other:?}"),
            }
        }
    }
}
