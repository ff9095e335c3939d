//! Why an admission check refused: the rule it enforces, a stable code and a Vietnamese
//! sentence for the user (issue 5: refused "with the reason and the rule ID").

use chrono::NaiveDate;

use super::{DossierItem, EducationLevel, Stage};
use crate::dates::format_vn as vn;

/// A refused admission check. `#[error]` texts are English, for logs; [`RuleViolation::message`]
/// is the Vietnamese sentence shown to users, [`RuleViolation::code`] the stable code APIs and
/// tests match on, and [`RuleViolation::rule`] the rule catalogue ID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleViolation {
    #[error(
        "ADM-01: {age_months} completed months at the cell vote, under the minimum {min_months}"
    )]
    UnderAge { age_months: u32, min_months: u32 },
    #[error(
        "ADM-01: {age_months} completed months at the cell vote, over {max_months}; needs the ADM-02 exception"
    )]
    OverAge { age_months: u32, max_months: u32 },
    #[error("ADM-02: an applicant over 60 must be healthy and respected")]
    Over60NotHealthyOrRespected,
    #[error("ADM-02: an applicant over 60 needs a ground (no party presence or a special need)")]
    Over60NoGround,
    #[error("ADM-02: an applicant over 60 needs the province-level standing committee's consent")]
    Over60NoConsent,
    #[error("ADM-02: the consent of {consent_on} is not before the decision of {decided_on}")]
    Over60ConsentNotBeforeDecision {
        consent_on: NaiveDate,
        decided_on: NaiveDate,
    },
    #[error("ADM-03: schooling {held:?} is below the required {required:?}")]
    EducationTooLow {
        held: EducationLevel,
        required: EducationLevel,
    },
    #[error("ADM-03: an elder or hamlet head admitted on literacy needs province-level consent")]
    LiteracyNeedsConsent,
    #[error("ADM-03: the applicant's schooling is not recorded")]
    EducationNotRecorded,
    #[error("ADM-04: no awareness-class certificate")]
    NoAwarenessCertificate,
    #[error("ADM-04: the certificate of {issued_on} is dated after the cell vote")]
    AwarenessCertificateAfterVote { issued_on: NaiveDate },
    #[error("ADM-04: the certificate of {issued_on} was valid until {valid_until}")]
    AwarenessCertificateExpired {
        issued_on: NaiveDate,
        valid_until: NaiveDate,
    },
    #[error("ADM-05: the sponsor is not an official member on the letter date")]
    SponsorNotOfficial,
    #[error("ADM-05: the sponsor belongs to another grassroots organisation")]
    SponsorOtherGrassroots,
    #[error("ADM-05: the sponsor is under discipline on the letter date")]
    SponsorUnderDiscipline,
    #[error(
        "ADM-05: the sponsor has known the applicant {months} of the {min_months} months needed"
    )]
    SponsorNotLongEnough { months: u32, min_months: u32 },
    #[error("ADM-06: {have} eligible sponsors, {need} needed")]
    TooFewSponsors { have: u32, need: u32 },
    #[error("ADM-06: the Youth Union endorses only its own members")]
    YouthEndorsementNotMember,
    #[error(
        "ADM-06: aged {age_years}, over the youth age {max_years} for a Youth Union endorsement"
    )]
    YouthEndorsementOverAge { age_years: u32, max_years: u32 },
    #[error("ADM-07: the background verification has no conclusion")]
    VerificationWithoutConclusion,
    #[error("ADM-08: no comment summary before the cell vote and no exception")]
    NoCommentSummary,
    #[error("ADM-09: {approvals} approvals of {base} official members, {needed} needed")]
    CellVoteShort {
        approvals: u32,
        needed: u32,
        base: u32,
    },
    #[error("ADM-10: {approvals} approvals of {size} committee members, {needed} needed")]
    CommitteeVoteShort {
        approvals: u32,
        needed: u32,
        size: u32,
    },
    #[error("{rule}: the vote counts do not add up")]
    VoteCountsInconsistent { rule: &'static str },
    #[error("ADM-12: a grassroots committee decides only with delegated admission power")]
    DecisionWithoutDelegation,
    #[error("ADM-15: the dossier lacks {missing:?}")]
    DossierIncomplete { missing: Vec<DossierItem> },
    #[error("ADM-13: the ceremony is after its due date {due_on} without the superior's consent")]
    CeremonyLate { due_on: NaiveDate },
    #[error("ADM-13: the ceremony is before the decision was received")]
    CeremonyBeforeDecision,
    #[error("ADM-14: stage {got:?} cannot be recorded now; expected {expected:?}")]
    StageOutOfOrder { expected: Option<Stage>, got: Stage },
    #[error("ADM-14: the step of {on} is before the previous step of {previous_on}")]
    StageDateBackwards {
        previous_on: NaiveDate,
        on: NaiveDate,
    },
    #[error("PRB-02: the resolution is dated before probation ends on {ends}")]
    ReviewBeforeProbationEnds { ends: NaiveDate },
    #[error("PRB-03: the step of {on} is before the previous step of {previous_on}")]
    RecognitionDateBackwards {
        previous_on: NaiveDate,
        on: NaiveDate,
    },
    #[error("PRB-03: the cell has not resolved on the probationer yet")]
    RecognitionNeedsReview,
    #[error("PRB-03: the cell has resolved; the committee decides next")]
    RecognitionAwaitingDecision,
    #[error("PRB-03: the recognition has already been decided")]
    RecognitionDecided,
    #[error("PRB-05: {rounds} rounds without two thirds either way; the superior decides")]
    RecognitionReferredToSuperior { rounds: u32 },
    #[error("PRB-05: after the rounds without two thirds only the superior decides")]
    SuperiorMustDecide,
}

impl RuleViolation {
    /// The rule catalogue ID (rules.md) the refusal enforces.
    pub fn rule(&self) -> &'static str {
        use RuleViolation as V;
        match self {
            V::UnderAge { .. } | V::OverAge { .. } => "ADM-01",
            V::Over60NotHealthyOrRespected
            | V::Over60NoGround
            | V::Over60NoConsent
            | V::Over60ConsentNotBeforeDecision { .. } => "ADM-02",
            V::EducationTooLow { .. } | V::LiteracyNeedsConsent | V::EducationNotRecorded => {
                "ADM-03"
            }
            V::NoAwarenessCertificate
            | V::AwarenessCertificateAfterVote { .. }
            | V::AwarenessCertificateExpired { .. } => "ADM-04",
            V::SponsorNotOfficial
            | V::SponsorOtherGrassroots
            | V::SponsorUnderDiscipline
            | V::SponsorNotLongEnough { .. } => "ADM-05",
            V::TooFewSponsors { .. }
            | V::YouthEndorsementNotMember
            | V::YouthEndorsementOverAge { .. } => "ADM-06",
            V::VerificationWithoutConclusion => "ADM-07",
            V::NoCommentSummary => "ADM-08",
            V::CellVoteShort { .. } => "ADM-09",
            V::CommitteeVoteShort { .. } => "ADM-10",
            V::DecisionWithoutDelegation => "ADM-12",
            V::DossierIncomplete { .. } => "ADM-15",
            V::VoteCountsInconsistent { rule } => rule,
            V::CeremonyLate { .. } | V::CeremonyBeforeDecision => "ADM-13",
            V::StageOutOfOrder { .. } | V::StageDateBackwards { .. } => "ADM-14",
            V::ReviewBeforeProbationEnds { .. } => "PRB-02",
            V::RecognitionDateBackwards { .. }
            | V::RecognitionNeedsReview
            | V::RecognitionAwaitingDecision
            | V::RecognitionDecided => "PRB-03",
            V::RecognitionReferredToSuperior { .. } | V::SuperiorMustDecide => "PRB-05",
        }
    }

    /// A stable snake_case code for APIs, logs and tests; never changes once released.
    pub fn code(&self) -> &'static str {
        use RuleViolation as V;
        match self {
            V::UnderAge { .. } => "under_age",
            V::OverAge { .. } => "over_age",
            V::Over60NotHealthyOrRespected => "over_60_not_healthy_or_respected",
            V::Over60NoGround => "over_60_no_ground",
            V::Over60NoConsent => "over_60_no_consent",
            V::Over60ConsentNotBeforeDecision { .. } => "over_60_consent_not_before_decision",
            V::EducationTooLow { .. } => "education_too_low",
            V::LiteracyNeedsConsent => "literacy_needs_consent",
            V::EducationNotRecorded => "education_not_recorded",
            V::NoAwarenessCertificate => "no_awareness_certificate",
            V::AwarenessCertificateAfterVote { .. } => "awareness_certificate_after_vote",
            V::AwarenessCertificateExpired { .. } => "awareness_certificate_expired",
            V::SponsorNotOfficial => "sponsor_not_official",
            V::SponsorOtherGrassroots => "sponsor_other_grassroots",
            V::SponsorUnderDiscipline => "sponsor_under_discipline",
            V::SponsorNotLongEnough { .. } => "sponsor_not_long_enough",
            V::TooFewSponsors { .. } => "too_few_sponsors",
            V::YouthEndorsementNotMember => "youth_endorsement_not_member",
            V::YouthEndorsementOverAge { .. } => "youth_endorsement_over_age",
            V::VerificationWithoutConclusion => "verification_without_conclusion",
            V::NoCommentSummary => "no_comment_summary",
            V::DecisionWithoutDelegation => "decision_without_delegation",
            V::DossierIncomplete { .. } => "dossier_incomplete",
            V::CellVoteShort { .. } => "cell_vote_short",
            V::CommitteeVoteShort { .. } => "committee_vote_short",
            V::VoteCountsInconsistent { .. } => "vote_counts_inconsistent",
            V::CeremonyLate { .. } => "ceremony_late",
            V::CeremonyBeforeDecision => "ceremony_before_decision",
            V::StageOutOfOrder { .. } => "stage_out_of_order",
            V::StageDateBackwards { .. } => "stage_date_backwards",
            V::ReviewBeforeProbationEnds { .. } => "review_before_probation_ends",
            V::RecognitionDateBackwards { .. } => "recognition_date_backwards",
            V::RecognitionNeedsReview => "recognition_needs_review",
            V::RecognitionAwaitingDecision => "recognition_awaiting_decision",
            V::RecognitionDecided => "recognition_decided",
            V::RecognitionReferredToSuperior { .. } => "referred_to_superior",
            V::SuperiorMustDecide => "superior_must_decide",
        }
    }

    /// The Vietnamese sentence shown to the user, ending with the rule ID.
    pub fn message(&self) -> String {
        use RuleViolation as V;
        let text = match self {
            V::UnderAge { age_months, min_months } => format!(
                "Chưa đủ 18 tuổi vào ngày chi bộ biểu quyết: mới {} tháng tuổi, cần đủ {} tháng.",
                age_months, min_months
            ),
            V::OverAge { age_months, max_months } => format!(
                "Quá 60 tuổi vào ngày chi bộ biểu quyết ({} tháng tuổi, tối đa {} tháng): chỉ xem xét kết nạp khi đủ điều kiện ngoại lệ (ADM-02).",
                age_months, max_months
            ),
            V::Over60NotHealthyOrRespected => {
                "Người trên 60 tuổi phải có sức khỏe và uy tín.".to_owned()
            }
            V::Over60NoGround => "Người trên 60 tuổi chỉ được xem xét ở nơi chưa có tổ chức đảng, chưa có đảng viên, hoặc khi có yêu cầu đặc biệt.".to_owned(),
            V::Over60NoConsent => "Người trên 60 tuổi cần có ý kiến đồng ý bằng văn bản của ban thường vụ cấp ủy cấp tỉnh.".to_owned(),
            V::Over60ConsentNotBeforeDecision { consent_on, decided_on } => format!(
                "Văn bản đồng ý ngày {} không có trước quyết định kết nạp ngày {}.",
                vn(*consent_on),
                vn(*decided_on)
            ),
            V::EducationTooLow { held, required } => format!(
                "Trình độ học vấn ({}) thấp hơn mức yêu cầu ({}).",
                held.label(),
                required.label()
            ),
            V::LiteracyNeedsConsent => "Già làng, trưởng thôn, bản chỉ biết đọc, biết viết cần có ý kiến đồng ý của ban thường vụ cấp ủy cấp tỉnh.".to_owned(),
            V::EducationNotRecorded => "Chưa ghi trình độ học vấn của người vào Đảng.".to_owned(),
            V::VerificationWithoutConclusion => {
                "Thẩm tra lý lịch phải có kết luận trước khi chứng nhận.".to_owned()
            }
            V::NoCommentSummary => "Chưa có bản tổng hợp ý kiến nhận xét của đoàn thể chính trị - xã hội và chi ủy nơi cư trú (5-KNĐ) trước khi chi bộ biểu quyết, và không có trường hợp ngoại lệ.".to_owned(),
            V::DecisionWithoutDelegation => "Đảng ủy cơ sở chỉ ra quyết định kết nạp khi được ủy quyền; nếu không, ban thường vụ cấp ủy cấp trên quyết định.".to_owned(),
            V::DossierIncomplete { missing } => format!(
                "Hồ sơ kết nạp chưa đủ, còn thiếu: {}.",
                missing
                    .iter()
                    .map(|i| i.label())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            V::NoAwarenessCertificate => {
                "Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng.".to_owned()
            }
            V::AwarenessCertificateAfterVote { issued_on } => format!(
                "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng cấp ngày {}, sau ngày chi bộ biểu quyết.",
                vn(*issued_on)
            ),
            V::AwarenessCertificateExpired { issued_on, valid_until } => format!(
                "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng cấp ngày {} chỉ có giá trị đến ngày {}.",
                vn(*issued_on),
                vn(*valid_until)
            ),
            V::SponsorNotOfficial => {
                "Người giới thiệu phải là đảng viên chính thức vào ngày viết giấy giới thiệu.".to_owned()
            }
            V::SponsorOtherGrassroots => {
                "Người giới thiệu phải sinh hoạt cùng tổ chức cơ sở đảng với người vào Đảng.".to_owned()
            }
            V::SponsorUnderDiscipline => {
                "Người giới thiệu đang trong thời hạn kỷ luật vào ngày viết giấy giới thiệu.".to_owned()
            }
            V::SponsorNotLongEnough { months, min_months } => format!(
                "Người giới thiệu mới cùng công tác, học tập hoặc cư trú với người vào Đảng {} tháng, cần ít nhất {} tháng.",
                months, min_months
            ),
            V::TooFewSponsors { have, need } => format!(
                "Có {} người giới thiệu đủ điều kiện, cần {} người.",
                have, need
            ),
            V::YouthEndorsementNotMember => {
                "Chỉ đoàn viên mới được Đoàn Thanh niên giới thiệu vào Đảng.".to_owned()
            }
            V::YouthEndorsementOverAge { age_years, max_years } => format!(
                "Đoàn viên {} tuổi, quá tuổi thanh niên ({} tuổi): nghị quyết giới thiệu của Đoàn không thay được một người giới thiệu.",
                age_years, max_years
            ),
            V::CellVoteShort { approvals, needed, base } => format!(
                "Chỉ có {} trên {} đảng viên chính thức tán thành, cần ít nhất {} (hai phần ba).",
                approvals, base, needed
            ),
            V::CommitteeVoteShort { approvals, needed, size } => format!(
                "Chỉ có {} trên tổng số {} cấp ủy viên tán thành, cần ít nhất {} (hai phần ba).",
                approvals, size, needed
            ),
            V::VoteCountsInconsistent { .. } => "Số liệu biểu quyết không khớp.".to_owned(),
            V::CeremonyLate { due_on } => format!(
                "Lễ kết nạp phải tổ chức chậm nhất ngày {}; tổ chức muộn hơn cần có ý kiến đồng ý của cấp trên.",
                vn(*due_on)
            ),
            V::CeremonyBeforeDecision => {
                "Lễ kết nạp không thể trước ngày nhận quyết định kết nạp.".to_owned()
            }
            V::StageOutOfOrder { expected: Some(expected), got } => format!(
                "Chưa thể ghi bước «{}»: bước tiếp theo phải là «{}».",
                got.label(),
                expected.label()
            ),
            V::StageOutOfOrder { expected: None, got } => format!(
                "Không thể ghi bước «{}»: quy trình kết nạp đã hoàn tất.",
                got.label()
            ),
            V::StageDateBackwards { previous_on, on } => format!(
                "Ngày {} trước ngày của bước trước ({}).",
                vn(*on),
                vn(*previous_on)
            ),
            V::ReviewBeforeProbationEnds { ends } => format!(
                "Nghị quyết của chi bộ không được ghi ngày trước ngày hết thời gian dự bị ({}).",
                vn(*ends)
            ),
            V::RecognitionDateBackwards { previous_on, on } => format!(
                "Ngày {} trước ngày của bước xét công nhận trước ({}).",
                vn(*on),
                vn(*previous_on)
            ),
            V::RecognitionNeedsReview => "Chi bộ chưa có nghị quyết đề nghị (đủ hai phần ba) về việc công nhận đảng viên chính thức.".to_owned(),
            V::RecognitionAwaitingDecision => "Chi bộ đã có nghị quyết; bước tiếp theo là quyết định của cấp ủy có thẩm quyền.".to_owned(),
            V::RecognitionDecided => "Việc công nhận đảng viên chính thức đã có quyết định.".to_owned(),
            V::RecognitionReferredToSuperior { rounds } => format!(
                "Chi bộ đã biểu quyết {} lần mà không bên nào đạt hai phần ba: không biểu quyết thêm, cấp ủy cấp trên xem xét, quyết định.",
                rounds
            ),
            V::SuperiorMustDecide => "Sau các lần biểu quyết không đạt hai phần ba, chỉ ban thường vụ cấp ủy cấp trên được quyết định.".to_owned(),
        };
        format!("{text} (Quy tắc {}.)", self.rule())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn one_of_each() -> Vec<RuleViolation> {
        use RuleViolation as V;
        let day = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
        vec![
            V::UnderAge {
                age_months: 215,
                min_months: 216,
            },
            V::OverAge {
                age_months: 721,
                max_months: 720,
            },
            V::Over60NotHealthyOrRespected,
            V::Over60NoGround,
            V::Over60NoConsent,
            V::Over60ConsentNotBeforeDecision {
                consent_on: day,
                decided_on: day,
            },
            V::EducationTooLow {
                held: EducationLevel::Primary,
                required: EducationLevel::LowerSecondary,
            },
            V::LiteracyNeedsConsent,
            V::EducationNotRecorded,
            V::VerificationWithoutConclusion,
            V::NoCommentSummary,
            V::DecisionWithoutDelegation,
            V::DossierIncomplete {
                missing: vec![DossierItem::Biography],
            },
            V::NoAwarenessCertificate,
            V::AwarenessCertificateAfterVote { issued_on: day },
            V::AwarenessCertificateExpired {
                issued_on: day,
                valid_until: day,
            },
            V::SponsorNotOfficial,
            V::SponsorOtherGrassroots,
            V::SponsorUnderDiscipline,
            V::SponsorNotLongEnough {
                months: 11,
                min_months: 12,
            },
            V::TooFewSponsors { have: 1, need: 2 },
            V::YouthEndorsementNotMember,
            V::YouthEndorsementOverAge {
                age_years: 31,
                max_years: 30,
            },
            V::CellVoteShort {
                approvals: 6,
                needed: 7,
                base: 10,
            },
            V::CommitteeVoteShort {
                approvals: 9,
                needed: 10,
                size: 15,
            },
            V::VoteCountsInconsistent { rule: "PRB-05" },
            V::CeremonyLate { due_on: day },
            V::CeremonyBeforeDecision,
            V::StageOutOfOrder {
                expected: Some(Stage::Application),
                got: Stage::CellVote,
            },
            V::StageDateBackwards {
                previous_on: day,
                on: day,
            },
            V::ReviewBeforeProbationEnds { ends: day },
            V::RecognitionDateBackwards {
                previous_on: day,
                on: day,
            },
            V::RecognitionNeedsReview,
            V::RecognitionAwaitingDecision,
            V::RecognitionDecided,
            V::RecognitionReferredToSuperior { rounds: 3 },
            V::SuperiorMustDecide,
        ]
    }

    #[test]
    fn every_refusal_has_a_distinct_code_a_rule_id_and_a_vietnamese_message_naming_it() {
        let all = one_of_each();
        let codes: BTreeSet<&str> = all.iter().map(RuleViolation::code).collect();
        assert_eq!(codes.len(), all.len());
        for v in &all {
            assert!(
                v.code()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            );
            assert!(v.rule().starts_with("ADM-") || v.rule().starts_with("PRB-"));
            assert!(v.message().ends_with(&format!("(Quy tắc {}.)", v.rule())));
            assert!(v.to_string().starts_with(v.rule()));
        }
    }
}
