//! REM-01: the grounds on which a name is removed (xóa tên), which is not a disciplinary form.

use serde::{Deserialize, Serialize};

use crate::warning::WarningReason;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalGround {
    /// Abandoned party activity without good reason for 3 months in a year (REM-02).
    AbandonedActivity,
    /// Left fees unpaid without good reason for 3 months in a year (REM-02).
    UnpaidFees,
    /// Returned or destroyed the party card.
    CardReturnedOrDestroyed,
    /// No progress after 12 months of the cell's help (REM-09).
    NoProgressAfterHelp,
    /// Breached member standards two years running.
    StandardsBreachTwoYears,
    /// Failed the political standard.
    PoliticalStandardFailed,
    /// Naturalised abroad (REM-10).
    ForeignCitizenship,
}

impl RemovalGround {
    pub const ALL: &'static [RemovalGround] = &[
        Self::AbandonedActivity,
        Self::UnpaidFees,
        Self::CardReturnedOrDestroyed,
        Self::NoProgressAfterHelp,
        Self::StandardsBreachTwoYears,
        Self::PoliticalStandardFailed,
        Self::ForeignCitizenship,
    ];

    /// The codes of [`Self::ALL`], in order, for a refusal naming the allowed values.
    pub const CODES: &'static [&'static str] = &[
        "abandoned_activity",
        "unpaid_fees",
        "card_returned_or_destroyed",
        "no_progress_after_help",
        "standards_breach_two_years",
        "political_standard_failed",
        "foreign_citizenship",
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::AbandonedActivity => "abandoned_activity",
            Self::UnpaidFees => "unpaid_fees",
            Self::CardReturnedOrDestroyed => "card_returned_or_destroyed",
            Self::NoProgressAfterHelp => "no_progress_after_help",
            Self::StandardsBreachTwoYears => "standards_breach_two_years",
            Self::PoliticalStandardFailed => "political_standard_failed",
            Self::ForeignCitizenship => "foreign_citizenship",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|g| g.code() == code.trim())
    }

    /// The rule the ground comes from.
    pub fn rule(self) -> &'static str {
        match self {
            Self::NoProgressAfterHelp => "REM-09",
            Self::ForeignCitizenship => "REM-10",
            _ => "REM-01",
        }
    }

    /// The ground a `removal_review` warning row opens a case on; a lapsed contact (AWY-03)
    /// is no ground by itself.
    pub fn from_warning(reason: WarningReason) -> Option<Self> {
        match reason {
            WarningReason::UnexcusedAbsence => Some(Self::AbandonedActivity),
            WarningReason::UnpaidFees => Some(Self::UnpaidFees),
            WarningReason::NoContact => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AbandonedActivity => "Bỏ sinh hoạt đảng 3 tháng trong năm không có lý do",
            Self::UnpaidFees => "Không đóng đảng phí 3 tháng trong năm không có lý do",
            Self::CardReturnedOrDestroyed => "Trả lại hoặc hủy thẻ đảng viên",
            Self::NoProgressAfterHelp => "Không tiến bộ sau 12 tháng chi bộ giúp đỡ",
            Self::StandardsBreachTwoYears => "Hai năm liền vi phạm tư cách đảng viên",
            Self::PoliticalStandardFailed => "Không đủ tiêu chuẩn chính trị",
            Self::ForeignCitizenship => "Nhập quốc tịch nước ngoài",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rem_01_grounds_round_trip_and_only_counted_reasons_open_a_case() {
        for g in RemovalGround::ALL {
            assert_eq!(RemovalGround::parse(g.code()), Some(*g));
            assert!(g.rule().starts_with("REM-"));
        }
        let codes: Vec<&str> = RemovalGround::ALL.iter().map(|g| g.code()).collect();
        assert_eq!(codes, RemovalGround::CODES);
        // Removal of name is not discipline: no ground is a disciplinary form.
        assert_eq!(RemovalGround::parse("expulsion"), None);
        assert_eq!(
            RemovalGround::from_warning(WarningReason::UnpaidFees),
            Some(RemovalGround::UnpaidFees)
        );
        assert_eq!(
            RemovalGround::from_warning(WarningReason::UnexcusedAbsence),
            Some(RemovalGround::AbandonedActivity)
        );
        assert_eq!(RemovalGround::from_warning(WarningReason::NoContact), None);
    }
}
