//! Fee exemptions (FEE-03) and hardship reductions (FEE-04): the months a member owes nothing
//! or less, each backed by a ground or a decision.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{FeeParams, FeeViolation};
use crate::dates::add_months;
use crate::month::{MonthSpan, YearMonth};

/// FEE-03: why a member pays nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionGround {
    /// 50 or more years of party age.
    PartyAge50,
    /// Receives the monthly social pension allowance (trợ cấp hưu trí xã hội).
    SocialPensionAllowance,
    /// Lives in a poor or near-poor household.
    PoorHousehold,
    /// Has an illness on the list of serious illnesses.
    SeriousIllness,
}

impl ExemptionGround {
    pub const ALL: &'static [ExemptionGround] = &[
        Self::PartyAge50,
        Self::SocialPensionAllowance,
        Self::PoorHousehold,
        Self::SeriousIllness,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::PartyAge50 => "party_age_50",
            Self::SocialPensionAllowance => "social_pension_allowance",
            Self::PoorHousehold => "poor_household",
            Self::SeriousIllness => "serious_illness",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|g| g.code() == code.trim())
    }
}

/// A FEE-03 exemption over a run of months (open-ended while the ground lasts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeExemption {
    pub ground: ExemptionGround,
    pub span: MonthSpan,
}

/// FEE-03: the exemption for 50 years of party age, counted from the admission decision date
/// (glossary: tuổi đảng). The milestone month is still due and nothing from the next one: the
/// catalogue's reading of the start month, itself unconfirmed. `None` past chrono's range.
pub fn party_age_exemption(
    admission_decided_on: NaiveDate,
    params: &FeeParams,
) -> Option<FeeExemption> {
    let milestone = add_months(
        admission_decided_on,
        params.exempt_party_age_years.checked_mul(12)?,
    )?;
    Some(FeeExemption {
        ground: ExemptionGround::PartyAge50,
        span: MonthSpan {
            from: YearMonth::of(milestone).next()?,
            to: None,
        },
    })
}

/// FEE-04: a hardship decision granting a reduction (100 = exemption) for a bounded run of
/// months. Build with [`FeeReduction::new`]; billing checks stored ones again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeReduction {
    /// The deciding committee's decision number.
    pub decision_ref: String,
    pub percent: u32,
    pub from: YearMonth,
    pub to: YearMonth,
}

impl FeeReduction {
    pub fn new(
        decision_ref: &str,
        percent: u32,
        from: YearMonth,
        to: YearMonth,
        params: &FeeParams,
    ) -> Result<Self, FeeViolation> {
        let r = Self {
            decision_ref: decision_ref.trim().to_owned(),
            percent,
            from,
            to,
        };
        r.check(params)?;
        Ok(r)
    }

    /// FEE-04: a decision reference, an allowed percentage, and at most
    /// `reduction_max_months` months, `to` not before `from`.
    pub fn check(&self, params: &FeeParams) -> Result<(), FeeViolation> {
        if self.decision_ref.trim().is_empty() {
            return Err(FeeViolation::ReductionWithoutDecision);
        }
        if !params.reduction_options_pct.contains(&self.percent) {
            return Err(FeeViolation::ReductionPercentNotAllowed {
                percent: self.percent,
            });
        }
        let months = self.from.months_until(self.to) + 1;
        if months < 1 {
            return Err(FeeViolation::ReductionEndsBeforeStart {
                from: self.from,
                to: self.to,
            });
        }
        if months > i64::from(params.reduction_max_months) {
            return Err(FeeViolation::ReductionTooLong {
                months: u32::try_from(months).unwrap_or(u32::MAX),
                max_months: params.reduction_max_months,
            });
        }
        Ok(())
    }

    pub fn covers(&self, m: YearMonth) -> bool {
        self.from <= m && m <= self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn fee_03_fifty_years_reached_on_3_february_2026_exempts_from_march() {
        let decided = NaiveDate::from_ymd_opt(1976, 2, 3).unwrap();
        let e = party_age_exemption(decided, &FeeParams::default()).unwrap();
        assert_eq!(e.ground, ExemptionGround::PartyAge50);
        assert!(!e.span.contains(ym(2026, 2)));
        assert!(e.span.contains(ym(2026, 3)));
        // A day later the milestone falls in the same month: still exempt only from March.
        let later = party_age_exemption(
            NaiveDate::from_ymd_opt(1976, 2, 28).unwrap(),
            &FeeParams::default(),
        )
        .unwrap();
        assert_eq!(later.span.from, ym(2026, 3));
    }

    #[test]
    fn fee_03_grounds_round_trip_through_their_codes() {
        for g in ExemptionGround::ALL {
            assert_eq!(ExemptionGround::parse(g.code()), Some(*g));
        }
        assert_eq!(ExemptionGround::parse("rich"), None);
    }

    #[test]
    fn fee_04_a_reduction_runs_at_most_twelve_months() {
        let p = FeeParams::default();
        assert!(FeeReduction::new("12-QĐ/ĐU", 50, ym(2026, 3), ym(2027, 2), &p).is_ok());
        let e = FeeReduction::new("12-QĐ/ĐU", 50, ym(2026, 3), ym(2027, 3), &p).unwrap_err();
        assert_eq!(
            e,
            FeeViolation::ReductionTooLong {
                months: 13,
                max_months: 12
            }
        );
        assert_eq!((e.rule(), e.code()), ("FEE-04", "reduction_too_long"));
    }

    #[test]
    fn fee_04_only_the_listed_percentages_with_a_decision_are_granted() {
        let p = FeeParams::default();
        for pct in [30, 50, 70, 100] {
            assert!(FeeReduction::new("7-QĐ", pct, ym(2026, 3), ym(2026, 3), &p).is_ok());
        }
        assert_eq!(
            FeeReduction::new("7-QĐ", 40, ym(2026, 3), ym(2026, 3), &p),
            Err(FeeViolation::ReductionPercentNotAllowed { percent: 40 })
        );
        assert_eq!(
            FeeReduction::new("  ", 50, ym(2026, 3), ym(2026, 3), &p),
            Err(FeeViolation::ReductionWithoutDecision)
        );
        assert_eq!(
            FeeReduction::new("7-QĐ", 50, ym(2026, 3), ym(2026, 2), &p),
            Err(FeeViolation::ReductionEndsBeforeStart {
                from: ym(2026, 3),
                to: ym(2026, 2)
            })
        );
    }
}
