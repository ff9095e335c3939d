//! Warning reasons and levels (REM-03), with the codes the warning report prints.

use serde::{Deserialize, Serialize};

use super::WarningParams;

/// Why a member is on the warning report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningReason {
    /// REM-02: months with an unexcused absence from the cell's meetings.
    UnexcusedAbsence,
    /// REM-02: months whose fee was not paid by its deadline.
    UnpaidFees,
    /// AWY-03: a member working away out of contact.
    NoContact,
}

impl WarningReason {
    pub const ALL: &'static [WarningReason] =
        &[Self::UnexcusedAbsence, Self::UnpaidFees, Self::NoContact];

    pub fn code(self) -> &'static str {
        match self {
            Self::UnexcusedAbsence => "unexcused_absence",
            Self::UnpaidFees => "unpaid_fees",
            Self::NoContact => "no_contact",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::UnexcusedAbsence => "Bỏ sinh hoạt đảng không có lý do",
            Self::UnpaidFees => "Không đóng đảng phí",
            Self::NoContact => "Đi làm ăn xa không giữ liên lạc",
        }
    }
}

/// How far a count has gone (REM-03), in escalating order:
/// - `notice` (nhắc nhở): the cell secretary and the member are told, from the first month;
/// - `warning` (cảnh báo): the grassroots committee is told, from `threshold − margin` months;
/// - `removal_review` (xem xét xóa tên): a removal case opens, at `threshold` months (REM-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningLevel {
    Notice,
    Warning,
    RemovalReview,
}

impl WarningLevel {
    pub const ALL: &'static [WarningLevel] = &[Self::Notice, Self::Warning, Self::RemovalReview];

    pub fn code(self) -> &'static str {
        match self {
            Self::Notice => "notice",
            Self::Warning => "warning",
            Self::RemovalReview => "removal_review",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|l| l.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Notice => "Nhắc nhở (bí thư chi bộ và đảng viên)",
            Self::Warning => "Cảnh báo (cấp ủy cơ sở)",
            Self::RemovalReview => "Xem xét xóa tên",
        }
    }
}

/// REM-03: the level `count` counted months reach; `None` at zero. Monotone in `count`.
pub fn level_for(count: u32, params: &WarningParams) -> Option<WarningLevel> {
    if count == 0 {
        None
    } else if count >= params.threshold {
        Some(WarningLevel::RemovalReview)
    } else if count >= params.threshold.saturating_sub(params.margin) {
        Some(WarningLevel::Warning)
    } else {
        Some(WarningLevel::Notice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rem_03_first_month_notifies_second_warns_the_committee_third_opens_a_review() {
        let p = WarningParams::default();
        assert_eq!(level_for(0, &p), None);
        assert_eq!(level_for(1, &p), Some(WarningLevel::Notice));
        assert_eq!(level_for(2, &p), Some(WarningLevel::Warning));
        assert_eq!(level_for(3, &p), Some(WarningLevel::RemovalReview));
        // Without a margin the committee hears only at the threshold itself.
        let p0 = WarningParams { margin: 0, ..p };
        assert_eq!(level_for(2, &p0), Some(WarningLevel::Notice));
        let wide = WarningParams {
            threshold: 5,
            margin: 2,
            ..p
        };
        assert_eq!(level_for(2, &wide), Some(WarningLevel::Notice));
        assert_eq!(level_for(3, &wide), Some(WarningLevel::Warning));
        assert_eq!(level_for(4, &wide), Some(WarningLevel::Warning));
    }

    #[test]
    fn reasons_and_levels_round_trip_through_their_codes() {
        for r in WarningReason::ALL {
            assert_eq!(WarningReason::parse(r.code()), Some(*r));
        }
        for l in WarningLevel::ALL {
            assert_eq!(WarningLevel::parse(l.code()), Some(*l));
        }
        assert_eq!(WarningLevel::parse("alarm"), None);
    }

    proptest! {
        #[test]
        fn level_is_monotone_in_the_count(a in 0u32..40, b in 0u32..40, threshold in 1u32..13, margin in 0u32..13) {
            let p = WarningParams { threshold, margin, ..WarningParams::default() };
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(level_for(lo, &p) <= level_for(hi, &p));
            prop_assert_eq!(level_for(hi, &p) == Some(WarningLevel::RemovalReview), hi >= threshold);
        }
    }
}
