//! Why a transfer step was refused: the rule, a stable code and a Vietnamese sentence, as
//! admission's `RuleViolation` does.

use chrono::NaiveDate;

use crate::dates::format_vn as vn;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransferViolation {
    #[error("TRF-05: the temporary transfer ends on {until}, before it starts on {from}")]
    EndsBeforeStart { from: NaiveDate, until: NaiveDate },
    #[error("TRF-05: {months} months is under the minimum {min_months} for a temporary transfer")]
    TemporaryTooShort { months: u32, min_months: u32 },
    #[error(
        "TRF-05: {months} months exceeds the temporary limit ({max_months} months); an official transfer is suggested"
    )]
    TemporaryTooLong { months: u32, max_months: u32 },
    #[error("TRF-05: the renewal to {until} does not extend the transfer ending {current_until}")]
    RenewalNotLater {
        current_until: NaiveDate,
        until: NaiveDate,
    },
    #[error("TRF-05: the temporary transfer ended on {returned_on}")]
    AlreadyReturned { returned_on: NaiveDate },
    #[error("TRF-05: the return on {on} is before the transfer started on {from}")]
    ReturnBeforeStart { from: NaiveDate, on: NaiveDate },
}

impl TransferViolation {
    /// The rule catalogue ID (rules.md) the refusal enforces.
    pub fn rule(&self) -> &'static str {
        "TRF-05"
    }

    /// A stable snake_case code for APIs, logs and tests.
    pub fn code(&self) -> &'static str {
        use TransferViolation as V;
        match self {
            V::EndsBeforeStart { .. } => "ends_before_start",
            V::TemporaryTooShort { .. } => "temporary_too_short",
            V::TemporaryTooLong { .. } => "temporary_too_long",
            V::RenewalNotLater { .. } => "renewal_not_later",
            V::AlreadyReturned { .. } => "already_returned",
            V::ReturnBeforeStart { .. } => "return_before_start",
        }
    }

    /// The Vietnamese sentence shown to the user, ending with the rule ID.
    pub fn message(&self) -> String {
        use TransferViolation as V;
        let text = match self {
            V::EndsBeforeStart { from, until } => format!(
                "Ngày kết thúc ({}) trước ngày bắt đầu sinh hoạt tạm thời ({}).",
                vn(*until),
                vn(*from)
            ),
            V::TemporaryTooShort { months, min_months } => format!(
                "Thời gian {} tháng, dưới mức tối thiểu {} tháng để chuyển sinh hoạt đảng tạm thời.",
                months, min_months
            ),
            V::TemporaryTooLong { months, max_months } => format!(
                "Thời gian {} tháng vượt giới hạn sinh hoạt tạm thời ({} tháng): đề nghị chuyển sinh hoạt đảng chính thức.",
                months, max_months
            ),
            V::RenewalNotLater {
                current_until,
                until,
            } => format!(
                "Gia hạn đến ngày {} không dài hơn thời hạn hiện tại ({}).",
                vn(*until),
                vn(*current_until)
            ),
            V::AlreadyReturned { returned_on } => format!(
                "Đảng viên đã trở về sinh hoạt tại chi bộ gốc ngày {}.",
                vn(*returned_on)
            ),
            V::ReturnBeforeStart { from, on } => format!(
                "Ngày trở về ({}) trước ngày bắt đầu sinh hoạt tạm thời ({}).",
                vn(*on),
                vn(*from)
            ),
        };
        format!("{text} (Quy tắc {}.)", self.rule())
    }
}
