//! Why a removal, discipline, leaving or screening step was refused: the rule, a stable code
//! and a Vietnamese sentence, as admission's `RuleViolation` does.

use chrono::NaiveDate;

use crate::dates::format_vn as vn;

use super::DisciplineKind;

/// A refused step. `#[error]` texts are English, for logs; [`RemovalViolation::message`] is
/// the Vietnamese sentence shown to users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemovalViolation {
    #[error("{rule}: step {step} cannot follow {state}")]
    StepOutOfOrder {
        rule: &'static str,
        state: &'static str,
        step: &'static str,
    },
    #[error("{rule}: the step of {on} is before the previous step of {previous_on}")]
    StepDateBackwards {
        rule: &'static str,
        previous_on: NaiveDate,
        on: NaiveDate,
    },
    #[error("{rule}: the procedure is closed")]
    ProcedureClosed { rule: &'static str },
    #[error("{rule}: a decision needs its reference")]
    DecisionWithoutReference { rule: &'static str },
    #[error("{rule}: the vote counts do not add up")]
    VoteCountsInconsistent { rule: &'static str },
    #[error("REM-05: no self-review and {requests} of {needed} requests unanswered")]
    SelfReviewMissing { requests: u32, needed: u32 },
    #[error("REM-06: complaint lodged after its due date {due_on}")]
    ComplaintLate { due_on: NaiveDate },
    #[error("REM-07: complaint against discipline lodged after its due date {due_on}")]
    DisciplineComplaintLate { due_on: NaiveDate },
    #[error("PRB-06: a probationary member cannot be given {kind:?}")]
    ProbationerDiscipline { kind: DisciplineKind },
    #[error("REM-08: a request to leave needs written reasons")]
    LeaveUnreasoned,
    #[error("REM-08: a member who breached the standards cannot leave on request")]
    LeaveWithStandardsBreach,
    #[error("REM-08: the request waits until the open discipline case closes")]
    LeaveHeldForDiscipline,
    #[error("REM-09: the screening vote must be a secret ballot")]
    ScreeningNotSecretBallot,
    #[error(
        "REM-09: {approvals} approvals of {base} official members not exempted, {needed} needed"
    )]
    ScreeningVoteShort {
        approvals: u32,
        needed: u32,
        base: u32,
    },
    #[error("REM-09: a help plan names the member responsible")]
    ResponsibleMemberMissing,
    #[error("REM-09: the review cannot come before {review_from}")]
    ReviewTooEarly { review_from: NaiveDate },
}

impl RemovalViolation {
    /// The rule catalogue ID (rules.md) the refusal enforces.
    pub fn rule(&self) -> &'static str {
        use RemovalViolation as V;
        match self {
            V::StepOutOfOrder { rule, .. }
            | V::StepDateBackwards { rule, .. }
            | V::ProcedureClosed { rule }
            | V::DecisionWithoutReference { rule }
            | V::VoteCountsInconsistent { rule } => rule,
            V::SelfReviewMissing { .. } => "REM-05",
            V::ComplaintLate { .. } => "REM-06",
            V::DisciplineComplaintLate { .. } => "REM-07",
            V::ProbationerDiscipline { .. } => "PRB-06",
            V::LeaveUnreasoned | V::LeaveWithStandardsBreach | V::LeaveHeldForDiscipline => {
                "REM-08"
            }
            V::ScreeningNotSecretBallot
            | V::ScreeningVoteShort { .. }
            | V::ResponsibleMemberMissing
            | V::ReviewTooEarly { .. } => "REM-09",
        }
    }

    /// A stable snake_case code for APIs, logs and tests; never changes once released.
    pub fn code(&self) -> &'static str {
        use RemovalViolation as V;
        match self {
            V::StepOutOfOrder { .. } => "step_out_of_order",
            V::StepDateBackwards { .. } => "step_date_backwards",
            V::ProcedureClosed { .. } => "procedure_closed",
            V::DecisionWithoutReference { .. } => "decision_without_reference",
            V::VoteCountsInconsistent { .. } => "vote_counts_inconsistent",
            V::SelfReviewMissing { .. } => "self_review_missing",
            V::ComplaintLate { .. } => "complaint_late",
            V::DisciplineComplaintLate { .. } => "discipline_complaint_late",
            V::ProbationerDiscipline { .. } => "probationer_discipline",
            V::LeaveUnreasoned => "leave_unreasoned",
            V::LeaveWithStandardsBreach => "leave_with_standards_breach",
            V::LeaveHeldForDiscipline => "leave_held_for_discipline",
            V::ScreeningNotSecretBallot => "screening_not_secret_ballot",
            V::ScreeningVoteShort { .. } => "screening_vote_short",
            V::ResponsibleMemberMissing => "responsible_member_missing",
            V::ReviewTooEarly { .. } => "review_too_early",
        }
    }

    /// The Vietnamese sentence shown to the user, ending with the rule ID.
    pub fn message(&self) -> String {
        use RemovalViolation as V;
        let text = match self {
            V::StepOutOfOrder { state, step, .. } => format!(
                "Không thể ghi bước «{step}» khi hồ sơ đang ở bước «{state}»: sai trình tự."
            ),
            V::StepDateBackwards {
                previous_on, on, ..
            } => format!(
                "Ngày {} trước ngày của bước trước ({}).",
                vn(*on),
                vn(*previous_on)
            ),
            V::ProcedureClosed { .. } => "Quy trình đã kết thúc, không ghi thêm bước.".to_owned(),
            V::DecisionWithoutReference { .. } => {
                "Quyết định phải ghi số, ký hiệu văn bản.".to_owned()
            }
            V::VoteCountsInconsistent { .. } => "Số liệu biểu quyết không khớp.".to_owned(),
            V::SelfReviewMissing { requests, needed } => format!(
                "Đảng viên chưa tự kiểm điểm; chi bộ mới yêu cầu {requests} lần, cần {needed} lần không thực hiện mới được xem xét."
            ),
            V::ComplaintLate { due_on } => format!(
                "Quá thời hạn khiếu nại (chậm nhất ngày {}): không thụ lý.",
                vn(*due_on)
            ),
            V::DisciplineComplaintLate { due_on } => format!(
                "Quá thời hạn khiếu nại quyết định kỷ luật (chậm nhất ngày {}): không thụ lý.",
                vn(*due_on)
            ),
            V::ProbationerDiscipline { kind } => format!(
                "Đảng viên dự bị chỉ bị khiển trách hoặc cảnh cáo, không thể «{}».",
                kind.label()
            ),
            V::LeaveUnreasoned => {
                "Xin ra khỏi Đảng phải có đơn bằng văn bản nêu rõ lý do.".to_owned()
            }
            V::LeaveWithStandardsBreach => {
                "Đảng viên vi phạm tư cách không được giải quyết xin ra khỏi Đảng.".to_owned()
            }
            V::LeaveHeldForDiscipline => {
                "Đang xem xét kỷ luật: chỉ giải quyết đơn xin ra khỏi Đảng sau khi kết thúc."
                    .to_owned()
            }
            V::ScreeningNotSecretBallot => "Chi bộ phải biểu quyết bằng phiếu kín.".to_owned(),
            V::ScreeningVoteShort {
                approvals,
                needed,
                base,
            } => format!(
                "Chỉ có {approvals} trên {base} đảng viên chính thức (trừ đảng viên được miễn sinh hoạt) tán thành, cần ít nhất {needed} (hai phần ba)."
            ),
            V::ResponsibleMemberMissing => "Phải phân công đảng viên giúp đỡ.".to_owned(),
            V::ReviewTooEarly { review_from } => format!(
                "Chưa hết thời gian giúp đỡ: chỉ xem xét từ ngày {}.",
                vn(*review_from)
            ),
        };
        format!("{text} (Quy tắc {}.)", self.rule())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_removal_refusal_has_a_distinct_code_a_rule_id_and_a_vietnamese_message_naming_it() {
        use RemovalViolation as V;
        let day = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
        let all = vec![
            V::StepOutOfOrder {
                rule: "REM-05",
                state: "opened",
                step: "decided",
            },
            V::StepDateBackwards {
                rule: "REM-05",
                previous_on: day,
                on: day,
            },
            V::ProcedureClosed { rule: "REM-05" },
            V::DecisionWithoutReference { rule: "REM-05" },
            V::VoteCountsInconsistent { rule: "REM-05" },
            V::SelfReviewMissing {
                requests: 2,
                needed: 3,
            },
            V::ComplaintLate { due_on: day },
            V::DisciplineComplaintLate { due_on: day },
            V::ProbationerDiscipline {
                kind: DisciplineKind::Expulsion,
            },
            V::LeaveUnreasoned,
            V::LeaveWithStandardsBreach,
            V::LeaveHeldForDiscipline,
            V::ScreeningNotSecretBallot,
            V::ScreeningVoteShort {
                approvals: 1,
                needed: 2,
                base: 3,
            },
            V::ResponsibleMemberMissing,
            V::ReviewTooEarly { review_from: day },
        ];
        let codes: BTreeSet<&str> = all.iter().map(RemovalViolation::code).collect();
        assert_eq!(codes.len(), all.len());
        for v in &all {
            assert!(
                v.code()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_')
            );
            assert!(v.rule().starts_with("REM-") || v.rule() == "PRB-06");
            assert!(v.message().ends_with(&format!("(Quy tắc {}.)", v.rule())));
            assert!(v.to_string().starts_with(v.rule()));
        }
    }
}
