//! Sponsors (ADM-05) and how many an applicant needs (ADM-06): two official members, or one
//! beside a Youth Union (youth age) or base trade-union endorsement resolution.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AdmissionParams, RuleViolation};
use crate::dates::{completed_months, completed_years};
use crate::member::Standing;

/// Why a sponsor is a replacement, which waives the months-together condition (ADM-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplacementReason {
    /// The first sponsor moved to another organisation.
    SponsorMoved,
    /// The first sponsor was disciplined.
    SponsorDisciplined,
}

/// One sponsor (người giới thiệu) as recorded on the sponsor letter's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    /// The date of the sponsor letter (3-KNĐ), the day the conditions are judged on.
    pub letter_on: NaiveDate,
    /// The sponsor's standing on `letter_on`; `None` when not a member then.
    pub standing: Option<Standing>,
    /// Belongs to the applicant's grassroots organisation on `letter_on`.
    pub same_grassroots: bool,
    /// Since when the sponsor has worked, studied or lived in one area with the applicant.
    pub together_since: NaiveDate,
    /// Serving a disciplinary measure on `letter_on`.
    pub under_discipline: bool,
    /// Set when this sponsor replaces one who moved or was disciplined.
    pub replaces: Option<ReplacementReason>,
}

/// ADM-05: one sponsor's eligibility on the letter date.
pub fn check_sponsor(sponsor: &Sponsor, params: &AdmissionParams) -> Result<(), RuleViolation> {
    if sponsor.standing != Some(Standing::Official) {
        return Err(RuleViolation::SponsorNotOfficial);
    }
    if !sponsor.same_grassroots {
        return Err(RuleViolation::SponsorOtherGrassroots);
    }
    if sponsor.under_discipline {
        return Err(RuleViolation::SponsorUnderDiscipline);
    }
    let months = completed_months(sponsor.together_since, sponsor.letter_on);
    if sponsor.replaces.is_none() && months < params.sponsor_min_months_together {
        return Err(RuleViolation::SponsorNotLongEnough {
            months,
            min_months: params.sponsor_min_months_together,
        });
    }
    Ok(())
}

/// The body whose resolution stands in for one sponsor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndorsingBody {
    YouthUnion,
    TradeUnion,
}

/// An endorsement resolution (nghị quyết giới thiệu, 4-KNĐ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endorsement {
    pub body: EndorsingBody,
    /// The resolution's date, on which the applicant's youth age is judged.
    pub resolved_on: NaiveDate,
}

/// ADM-05 for each sponsor, then ADM-06: `sponsors_required` eligible sponsors, or
/// `sponsors_with_endorsement` beside an endorsement that counts. A Youth Union endorsement
/// counts for a union member of at most `youth_age_max_years` completed years on its date; a
/// base trade-union endorsement counts for anyone. The first refusal is returned.
pub fn check_sponsors(
    applicant_born_on: NaiveDate,
    youth_union_member: bool,
    sponsors: &[Sponsor],
    endorsement: Option<&Endorsement>,
    params: &AdmissionParams,
) -> Result<(), RuleViolation> {
    for s in sponsors {
        check_sponsor(s, params)?;
    }
    let have = u32::try_from(sponsors.len()).unwrap_or(u32::MAX);
    if have >= params.sponsors_required {
        return Ok(());
    }
    let Some(endorsement) = endorsement else {
        return Err(RuleViolation::TooFewSponsors {
            have,
            need: params.sponsors_required,
        });
    };
    if endorsement.body == EndorsingBody::YouthUnion {
        if !youth_union_member {
            return Err(RuleViolation::YouthEndorsementNotMember);
        }
        let age_years = completed_years(applicant_born_on, endorsement.resolved_on);
        if age_years > params.youth_age_max_years {
            return Err(RuleViolation::YouthEndorsementOverAge {
                age_years,
                max_years: params.youth_age_max_years,
            });
        }
    }
    if have >= params.sponsors_with_endorsement {
        Ok(())
    } else {
        Err(RuleViolation::TooFewSponsors {
            have,
            need: params.sponsors_with_endorsement,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn sponsor(together_since: NaiveDate, letter_on: NaiveDate) -> Sponsor {
        Sponsor {
            letter_on,
            standing: Some(Standing::Official),
            same_grassroots: true,
            together_since,
            under_discipline: false,
            replaces: None,
        }
    }

    #[test]
    fn adm_05_refuses_a_sponsor_who_has_known_the_applicant_11_months() {
        let params = AdmissionParams::default();
        let e = check_sponsor(&sponsor(d(2024, 5, 1), d(2025, 4, 15)), &params).unwrap_err();
        assert_eq!(
            e,
            RuleViolation::SponsorNotLongEnough {
                months: 11,
                min_months: 12
            }
        );
        assert_eq!((e.rule(), e.code()), ("ADM-05", "sponsor_not_long_enough"));
        assert_eq!(
            check_sponsor(&sponsor(d(2024, 4, 15), d(2025, 4, 15)), &params),
            Ok(())
        );
    }

    #[test]
    fn adm_05_accepts_a_replacement_sponsor_known_3_months() {
        let replacement = Sponsor {
            replaces: Some(ReplacementReason::SponsorMoved),
            ..sponsor(d(2025, 2, 20), d(2025, 5, 20))
        };
        assert_eq!(
            check_sponsor(&replacement, &AdmissionParams::default()),
            Ok(())
        );
    }

    #[test]
    fn adm_05_a_sponsor_is_an_official_member_of_the_same_grassroots_not_disciplined() {
        let params = AdmissionParams::default();
        let ok = sponsor(d(2020, 1, 1), d(2025, 4, 15));
        for (s, want) in [
            (
                Sponsor {
                    standing: Some(Standing::Probationary),
                    ..ok.clone()
                },
                RuleViolation::SponsorNotOfficial,
            ),
            (
                Sponsor {
                    standing: None,
                    ..ok.clone()
                },
                RuleViolation::SponsorNotOfficial,
            ),
            (
                Sponsor {
                    same_grassroots: false,
                    ..ok.clone()
                },
                RuleViolation::SponsorOtherGrassroots,
            ),
            (
                Sponsor {
                    under_discipline: true,
                    ..ok.clone()
                },
                RuleViolation::SponsorUnderDiscipline,
            ),
        ] {
            assert_eq!(check_sponsor(&s, &params), Err(want));
        }
    }

    fn youth_endorsement(on: NaiveDate) -> Endorsement {
        Endorsement {
            body: EndorsingBody::YouthUnion,
            resolved_on: on,
        }
    }

    #[test]
    fn adm_06_a_youth_union_member_of_22_needs_one_sponsor_and_the_endorsement() {
        let params = AdmissionParams::default();
        let on = d(2025, 4, 15);
        let one = [sponsor(d(2020, 1, 1), on)];
        let born_22 = d(2003, 1, 1);
        let endorsement = youth_endorsement(on);
        assert_eq!(
            check_sponsors(born_22, true, &one, Some(&endorsement), &params),
            Ok(())
        );
        let e = check_sponsors(born_22, true, &one, None, &params).unwrap_err();
        assert_eq!(e, RuleViolation::TooFewSponsors { have: 1, need: 2 });
        assert_eq!((e.rule(), e.code()), ("ADM-06", "too_few_sponsors"));
        assert_eq!(
            check_sponsors(born_22, true, &[], Some(&endorsement), &params),
            Err(RuleViolation::TooFewSponsors { have: 0, need: 1 })
        );
    }

    #[test]
    fn adm_06_a_youth_union_member_of_31_is_incomplete_with_one_sponsor() {
        let params = AdmissionParams::default();
        let on = d(2025, 4, 15);
        let one = [sponsor(d(2020, 1, 1), on)];
        assert_eq!(
            check_sponsors(
                d(1994, 1, 1),
                true,
                &one,
                Some(&youth_endorsement(on)),
                &params
            ),
            Err(RuleViolation::YouthEndorsementOverAge {
                age_years: 31,
                max_years: 30
            })
        );
        // Still 30 until the 31st birthday.
        assert_eq!(
            check_sponsors(
                d(1994, 4, 16),
                true,
                &one,
                Some(&youth_endorsement(on)),
                &params
            ),
            Ok(())
        );
        assert_eq!(
            check_sponsors(
                d(2003, 1, 1),
                false,
                &one,
                Some(&youth_endorsement(on)),
                &params
            ),
            Err(RuleViolation::YouthEndorsementNotMember)
        );
    }

    #[test]
    fn adm_06_a_trade_union_endorsement_stands_in_for_one_sponsor_at_any_age() {
        let params = AdmissionParams::default();
        let on = d(2025, 4, 15);
        let one = [sponsor(d(2020, 1, 1), on)];
        let endorsement = Endorsement {
            body: EndorsingBody::TradeUnion,
            resolved_on: on,
        };
        assert_eq!(
            check_sponsors(d(1980, 1, 1), false, &one, Some(&endorsement), &params),
            Ok(())
        );
        let two = [sponsor(d(2020, 1, 1), on), sponsor(d(2021, 1, 1), on)];
        assert_eq!(
            check_sponsors(d(1980, 1, 1), false, &two, None, &params),
            Ok(())
        );
    }

    #[test]
    fn adm_06_an_ineligible_sponsor_is_refused_under_adm_05() {
        let on = d(2025, 4, 15);
        let two = [sponsor(d(2020, 1, 1), on), sponsor(d(2024, 5, 1), on)];
        let e = check_sponsors(
            d(1980, 1, 1),
            false,
            &two,
            None,
            &AdmissionParams::default(),
        )
        .unwrap_err();
        assert_eq!(e.rule(), "ADM-05");
    }
}
