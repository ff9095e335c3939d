//! Versioned fee rates (GEN-03): each regime with its source text and validity dates; a month
//! is billed under the regime in force on its first day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{FeeCategory, FeeViolation};
use crate::month::YearMonth;

/// Which month's income an insured member's percentage is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseMonth {
    /// QĐ 01/2026: the previous month's insurance salary base (February's base bills March).
    Previous,
    /// The billed month's own salary, as the catalogue states QĐ 342's "1% of salary".
    Same,
}

/// A flat monthly amount for a category (FEE-01 students; FEE-02's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlatAmount {
    pub category: FeeCategory,
    pub amount_dong: u64,
}

/// One fee regime: rates in basis points (1% = 100) so 0.5% is exact, flat amounts in đồng.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateVersion {
    /// Stable key of the regime, e.g. `qd_01_2026`.
    pub key: String,
    /// The text the rates come from, as cited to users.
    pub source_ref: String,
    pub valid_from: NaiveDate,
    /// Last day in force; `None` while current.
    pub valid_to: Option<NaiveDate>,
    /// FEE-01: share of the insured member's base, in basis points.
    pub insured_bp: u32,
    pub insured_base: BaseMonth,
    /// FEE-01: share of the pension, in basis points.
    pub pension_bp: u32,
    /// Flat amounts by category; a flat category not listed cannot be billed (FEE-02).
    pub flat: Vec<FlatAmount>,
}

impl RateVersion {
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    /// The flat amount for `category`, if this regime sets one.
    pub fn flat_amount(&self, category: FeeCategory) -> Option<u64> {
        self.flat
            .iter()
            .find(|f| f.category == category)
            .map(|f| f.amount_dong)
    }
}

/// `bp` basis points of `base_dong` in whole đồng. The texts give percentages but no rounding;
/// we round half up to the đồng (0.5 đồng and more goes up), the smallest unit that can be
/// collected, so a fee is never below the exact share by more than half a đồng.
pub fn percent_of(base_dong: u64, bp: u32) -> u64 {
    let exact = u128::from(base_dong) * u128::from(bp);
    u64::try_from((exact + 5_000) / 10_000).unwrap_or(u64::MAX)
}

/// All the regimes, no two in force on the same day (GEN-03). Only [`FeeSchedule::new`] builds
/// one (serde too, as a list of regimes), so a month never finds two rates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<RateVersion>", into = "Vec<RateVersion>")]
pub struct FeeSchedule {
    versions: Vec<RateVersion>,
}

impl FeeSchedule {
    /// Refuses regimes whose validity overlaps or ends before it starts.
    pub fn new(mut versions: Vec<RateVersion>) -> Result<Self, FeeViolation> {
        versions.sort_by_key(|v| v.valid_from);
        for v in &versions {
            if v.valid_to.is_some_and(|to| to < v.valid_from) {
                return Err(FeeViolation::RateEndsBeforeStart { key: v.key.clone() });
            }
        }
        for pair in versions.windows(2) {
            if let [a, b] = pair
                && a.valid_to.is_none_or(|to| to >= b.valid_from)
            {
                return Err(FeeViolation::RatesOverlap {
                    first: a.key.clone(),
                    second: b.key.clone(),
                });
            }
        }
        Ok(Self { versions })
    }

    pub fn versions(&self) -> &[RateVersion] {
        &self.versions
    }

    /// GEN-03: the regime in force on `month`'s first day.
    pub fn for_month(&self, month: YearMonth) -> Result<&RateVersion, FeeViolation> {
        let day = month.first_day();
        self.versions
            .iter()
            .find(|v| v.in_force_on(day))
            .ok_or(FeeViolation::NoRateInForce { month })
    }
}

impl TryFrom<Vec<RateVersion>> for FeeSchedule {
    type Error = FeeViolation;
    fn try_from(versions: Vec<RateVersion>) -> Result<Self, FeeViolation> {
        Self::new(versions)
    }
}

impl From<FeeSchedule> for Vec<RateVersion> {
    fn from(s: FeeSchedule) -> Self {
        s.versions
    }
}

/// The regimes Chibo ships. QĐ 342 (28/12/2010) applied from 2011-01-01 until QĐ 01/2026
/// (signed 2026-02-03); the catalogue's GEN-03 example starts the new rates on 2026-03-01,
/// and the start date is among its least certain points, so a deployment may replace this.
/// QĐ 342's flat amounts were set by provinces within 2,000–30,000 đồng, so its table ships
/// empty (FEE-02); QĐ 01/2026 sets only the students' 5,000 đồng (FEE-01).
pub fn shipped_schedule() -> FeeSchedule {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let versions = vec![
        RateVersion {
            key: "qd_342_2010".to_owned(),
            source_ref: "Quy định 342-QĐ/TW ngày 28/12/2010 về chế độ đảng phí".to_owned(),
            valid_from: day(2011, 1, 1),
            valid_to: Some(day(2026, 2, 28)),
            insured_bp: 100,
            insured_base: BaseMonth::Same,
            pension_bp: 50,
            flat: Vec::new(),
        },
        RateVersion {
            key: "qd_01_2026".to_owned(),
            source_ref: "Quy định 01-QĐ/TW ngày 03/02/2026 về chế độ đảng phí".to_owned(),
            valid_from: day(2026, 3, 1),
            valid_to: None,
            insured_bp: 100,
            insured_base: BaseMonth::Previous,
            pension_bp: 50,
            flat: vec![FlatAmount {
                category: FeeCategory::Student,
                amount_dong: 5_000,
            }],
        },
    ];
    // Two hand-written, non-overlapping regimes; `new` only sorts and checks them.
    FeeSchedule { versions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn shipped_regimes_pass_the_overlap_check() {
        let shipped = shipped_schedule();
        assert_eq!(FeeSchedule::new(shipped.versions().to_vec()), Ok(shipped));
    }

    #[test]
    fn gen_03_january_2026_uses_qd_342_and_march_2026_uses_qd_01_2026() {
        let s = shipped_schedule();
        assert_eq!(s.for_month(ym(2026, 1)).unwrap().key, "qd_342_2010");
        assert_eq!(s.for_month(ym(2026, 2)).unwrap().key, "qd_342_2010");
        assert_eq!(s.for_month(ym(2026, 3)).unwrap().key, "qd_01_2026");
        let e = s.for_month(ym(2010, 12)).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("GEN-03", "no_rate_in_force"));
    }

    #[test]
    fn gen_03_overlapping_regimes_are_refused() {
        let mut versions = shipped_schedule().versions().to_vec();
        versions[0].valid_to = Some(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(
            FeeSchedule::new(versions),
            Err(FeeViolation::RatesOverlap {
                first: "qd_342_2010".to_owned(),
                second: "qd_01_2026".to_owned()
            })
        );
    }

    #[test]
    fn gen_03_a_regime_ending_before_it_starts_is_refused() {
        let mut versions = shipped_schedule().versions().to_vec();
        versions[1].valid_to = Some(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
        let e = FeeSchedule::try_from(versions).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("GEN-03", "rate_ends_before_start"));
    }

    #[test]
    fn fee_01_percentages_are_exact_and_round_half_up_to_the_dong() {
        assert_eq!(percent_of(12_500_000, 100), 125_000);
        assert_eq!(percent_of(6_000_000, 50), 30_000);
        assert_eq!(percent_of(12_345_650, 100), 123_457); // 123,456.5 goes up
        assert_eq!(percent_of(12_345_649, 100), 123_456); // 123,456.49 goes down
    }

    proptest! {
        #[test]
        fn percent_of_is_within_half_a_dong_of_the_exact_share(base in 0u64..10_000_000_000, bp in 0u32..10_000) {
            let fee = percent_of(base, bp);
            let exact_x2 = 2 * u128::from(base) * u128::from(bp); // twice the share, in 1/10,000 đồng
            let fee_x2 = 2 * u128::from(fee) * 10_000;
            prop_assert!(fee_x2 + 10_000 > exact_x2 && fee_x2 <= exact_x2 + 10_000);
        }
    }
}
