//! The party-building goals the boards are measured against (rules TGT-01, TGT-02): the yearly
//! admission rate band and the quality and hamlet-coverage goals. Local targets (TGT-03) are a
//! unit's own numbers, kept by the application's targets module.

use serde::{Deserialize, Serialize};

/// The goal values, with the rule catalogue's defaults (all configurable, GEN-03).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalParams {
    /// TGT-01: admissions per year as a share of membership, in hundredths of a percent
    /// (300 = 3 %, 400 = 4 %).
    pub admission_rate_min_bp: u32,
    pub admission_rate_max_bp: u32,
    /// TGT-02: the share of organisations and members rated good or better must be over this
    /// percentage.
    pub good_or_better_min_percent: u32,
    /// TGT-02: every hamlet has a resident member from this year, a cell from that one.
    pub member_in_every_hamlet_from: i32,
    pub cell_in_every_hamlet_from: i32,
}

impl Default for GoalParams {
    fn default() -> Self {
        Self {
            admission_rate_min_bp: 300,
            admission_rate_max_bp: 400,
            good_or_better_min_percent: 90,
            member_in_every_hamlet_from: 2025,
            cell_in_every_hamlet_from: 2030,
        }
    }
}

/// Where a year's admission rate stands against the TGT-01 band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatePosition {
    Below,
    Within,
    Above,
}

/// TGT-01: the admission rate, admitted ÷ members at year end (STA-05's default base), in
/// hundredths of a percent rounded half up, and where it stands in the band. `None` without
/// members to divide by.
pub fn admission_rate(
    admitted: u64,
    base_members: u64,
    params: &GoalParams,
) -> Option<(u64, RatePosition)> {
    if base_members == 0 {
        return None;
    }
    let bp = (admitted * 10_000 * 2 + base_members) / (base_members * 2);
    let position = if bp < u64::from(params.admission_rate_min_bp) {
        RatePosition::Below
    } else if bp > u64::from(params.admission_rate_max_bp) {
        RatePosition::Above
    } else {
        RatePosition::Within
    };
    Some((bp, position))
}

/// TGT-02: whether "over 90 %" of those rated were rated good or better.
pub fn quality_goal_met(good_or_better: u64, rated: u64, params: &GoalParams) -> bool {
    rated > 0 && good_or_better * 100 > rated * u64::from(params.good_or_better_min_percent)
}

/// A hamlet-coverage goal of TGT-02 not met in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageShortfall {
    /// Hamlets without a resident member, from the member goal's year.
    HamletsWithoutMember { count: u64 },
    /// Hamlets without a cell, from the cell goal's year.
    HamletsWithoutCell { count: u64 },
}

/// TGT-02: the coverage goals in force in `year` that `hamlets` (with so many having a member
/// and a cell) fall short of.
pub fn coverage_shortfalls(
    year: i32,
    hamlets: u64,
    with_member: u64,
    with_cell: u64,
    params: &GoalParams,
) -> Vec<CoverageShortfall> {
    let mut out = Vec::new();
    if year >= params.member_in_every_hamlet_from && with_member < hamlets {
        out.push(CoverageShortfall::HamletsWithoutMember {
            count: hamlets - with_member,
        });
    }
    if year >= params.cell_in_every_hamlet_from && with_cell < hamlets {
        out.push(CoverageShortfall::HamletsWithoutCell {
            count: hamlets - with_cell,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn tgt_01_dong_thap_2023_is_inside_the_band_and_a_low_or_high_rate_is_not() {
        let p = GoalParams::default();
        // rules.md: 2,564 admitted of 64,403 members at year end → 3.98 % → inside.
        assert_eq!(
            admission_rate(2_564, 64_403, &p),
            Some((398, RatePosition::Within))
        );
        assert_eq!(
            admission_rate(1_000, 64_403, &p),
            Some((155, RatePosition::Below))
        );
        assert_eq!(
            admission_rate(3_000, 64_403, &p),
            Some((466, RatePosition::Above))
        );
        assert_eq!(admission_rate(5, 0, &p), None);
    }

    #[test]
    fn tgt_02_quality_needs_over_ninety_percent_good_or_better() {
        let p = GoalParams::default();
        assert!(quality_goal_met(91, 100, &p));
        assert!(!quality_goal_met(90, 100, &p));
        assert!(!quality_goal_met(0, 0, &p));
    }

    #[test]
    fn tgt_02_hamlets_without_a_cell_are_flagged_against_the_2030_goal_only() {
        let p = GoalParams::default();
        // rules.md: 131 of 141 hamlets with a cell (92.9 %) → flagged against the 2030 goal.
        assert_eq!(
            coverage_shortfalls(2030, 141, 141, 131, &p),
            vec![CoverageShortfall::HamletsWithoutCell { count: 10 }]
        );
        assert!(coverage_shortfalls(2029, 141, 141, 131, &p).is_empty());
        // Quỳnh Lưu: 19 of 141 hamlets with no resident member, past the 2025 goal.
        assert_eq!(
            coverage_shortfalls(2025, 141, 122, 141, &p),
            vec![CoverageShortfall::HamletsWithoutMember { count: 19 }]
        );
        assert!(coverage_shortfalls(2031, 141, 141, 141, &p).is_empty());
    }

    proptest! {
        #[test]
        fn tgt_01_the_rate_is_monotone_in_the_admissions(
            a in 0u64..100_000, b in 0u64..100_000, base in 1u64..1_000_000,
        ) {
            let p = GoalParams::default();
            let (lo, hi) = (a.min(b), a.max(b));
            let (r_lo, _) = admission_rate(lo, base, &p).unwrap();
            let (r_hi, _) = admission_rate(hi, base, &p).unwrap();
            prop_assert!(r_lo <= r_hi);
        }
    }
}
