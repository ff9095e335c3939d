//! Why a working-away step was refused: the rule, a stable code and a Vietnamese sentence.

use chrono::NaiveDate;

use crate::dates::format_vn as vn;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AwayViolation {
    #[error("AWY-01: the exemption ends on {until}, before it starts on {from}")]
    EndsBeforeStart { from: NaiveDate, until: NaiveDate },
    #[error(
        "AWY-01: {months} months of temporary exemption reaches the limit of {max_months}; propose a transfer"
    )]
    TransferDue { months: u32, max_months: u32 },
}

impl AwayViolation {
    pub fn rule(&self) -> &'static str {
        "AWY-01"
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::EndsBeforeStart { .. } => "ends_before_start",
            Self::TransferDue { .. } => "transfer_due",
        }
    }

    pub fn message(&self) -> String {
        let text = match self {
            Self::EndsBeforeStart { from, until } => format!(
                "Ngày kết thúc tạm miễn ({}) trước ngày bắt đầu ({}).",
                vn(*until),
                vn(*from)
            ),
            Self::TransferDue { months, max_months } => format!(
                "Tạm miễn sinh hoạt {} tháng, không được từ {} tháng trở lên: đề nghị chuyển sinh hoạt đảng.",
                months, max_months
            ),
        };
        format!("{text} (Quy tắc {}.)", self.rule())
    }
}
