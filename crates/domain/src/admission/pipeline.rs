//! The candidate pipeline (ADM-14): the stages a candidate passes in order, from the cell's
//! list of outstanding non-members to the admission ceremony, and the rule that a stage is
//! recorded only after the one before it, on a date not earlier than that one's.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::RuleViolation;

/// One stage of the pipeline, in order. The dossier of ADM-14 is split into the application
/// and the sponsor letters, each with its own date and documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// On the cell's list of outstanding non-members (quần chúng ưu tú).
    Outstanding,
    /// Holds the party-awareness class certificate; the step's date is the issue date.
    AwarenessClass,
    /// The application (1-KNĐ) filed.
    Application,
    /// The sponsor letters (3-KNĐ) and any endorsement (4-KNĐ).
    Sponsors,
    /// The background verification (2-KNĐ) concluded.
    Verified,
    /// The cell's resolution (6-KNĐ).
    CellVote,
    /// The grassroots committee's resolution (8-KNĐ).
    CommitteeVote,
    /// The admission decision (9-KNĐ).
    Decided,
    /// The admission ceremony: the candidate becomes a probationary member.
    Ceremony,
}

impl Stage {
    pub const ALL: &'static [Stage] = &[
        Self::Outstanding,
        Self::AwarenessClass,
        Self::Application,
        Self::Sponsors,
        Self::Verified,
        Self::CellVote,
        Self::CommitteeVote,
        Self::Decided,
        Self::Ceremony,
    ];
    pub const CODES: &'static [&'static str] = &[
        "outstanding",
        "awareness_class",
        "application",
        "sponsors",
        "verified",
        "cell_vote",
        "committee_vote",
        "decided",
        "ceremony",
    ];

    pub fn code(self) -> &'static str {
        Self::CODES[self.index()]
    }

    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::CODES
            .iter()
            .position(|c| *c == code)
            .map(|i| Self::ALL[i])
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The stage that follows, `None` after the ceremony.
    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self.index() + 1).copied()
    }

    /// The Vietnamese name of the stage.
    pub fn label(self) -> &'static str {
        match self {
            Self::Outstanding => "Quần chúng ưu tú",
            Self::AwarenessClass => "Lớp bồi dưỡng nhận thức về Đảng",
            Self::Application => "Đơn xin vào Đảng",
            Self::Sponsors => "Giấy giới thiệu",
            Self::Verified => "Thẩm tra lý lịch",
            Self::CellVote => "Chi bộ biểu quyết",
            Self::CommitteeVote => "Đảng ủy cơ sở biểu quyết",
            Self::Decided => "Quyết định kết nạp",
            Self::Ceremony => "Lễ kết nạp",
        }
    }
}

/// ADM-14: `next` on `on` may follow the last recorded stage `last` (with its date): it must be
/// the stage right after it (the first stage when nothing is recorded), on a date not before.
pub fn check_next_stage(
    last: Option<(Stage, NaiveDate)>,
    next: Stage,
    on: NaiveDate,
) -> Result<(), RuleViolation> {
    let expected = match last {
        None => Some(Stage::Outstanding),
        Some((stage, _)) => stage.next(),
    };
    if expected != Some(next) {
        return Err(RuleViolation::StageOutOfOrder {
            expected,
            got: next,
        });
    }
    if let Some((_, previous_on)) = last
        && on < previous_on
    {
        return Err(RuleViolation::StageDateBackwards { previous_on, on });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn stages_run_in_the_order_of_adm_14_and_codes_round_trip() {
        let mut s = Stage::Outstanding;
        let mut seen = vec![s];
        while let Some(n) = s.next() {
            assert!(n > s);
            seen.push(n);
            s = n;
        }
        assert_eq!(seen, Stage::ALL);
        for st in Stage::ALL {
            assert_eq!(Stage::parse(st.code()), Some(*st));
        }
        assert_eq!(Stage::parse("nope"), None);
    }

    #[test]
    fn adm_14_each_stage_follows_the_previous_one() {
        assert_eq!(
            check_next_stage(None, Stage::Outstanding, d(2025, 1, 1)),
            Ok(())
        );
        let last = Some((Stage::AwarenessClass, d(2025, 2, 1)));
        assert_eq!(
            check_next_stage(last, Stage::Application, d(2025, 2, 1)),
            Ok(())
        );
        let e = check_next_stage(last, Stage::CellVote, d(2025, 3, 1)).unwrap_err();
        assert_eq!(
            e,
            RuleViolation::StageOutOfOrder {
                expected: Some(Stage::Application),
                got: Stage::CellVote
            }
        );
        assert_eq!((e.rule(), e.code()), ("ADM-14", "stage_out_of_order"));
        assert!(e.message().contains("Đơn xin vào Đảng"));
        assert_eq!(
            check_next_stage(None, Stage::Application, d(2025, 1, 1)),
            Err(RuleViolation::StageOutOfOrder {
                expected: Some(Stage::Outstanding),
                got: Stage::Application
            })
        );
        let done = Some((Stage::Ceremony, d(2025, 5, 1)));
        assert_eq!(
            check_next_stage(done, Stage::Ceremony, d(2025, 5, 2)),
            Err(RuleViolation::StageOutOfOrder {
                expected: None,
                got: Stage::Ceremony
            })
        );
    }

    #[test]
    fn adm_14_dates_do_not_go_backwards() {
        let last = Some((Stage::Application, d(2025, 3, 10)));
        let e = check_next_stage(last, Stage::Sponsors, d(2025, 3, 9)).unwrap_err();
        assert_eq!(
            e,
            RuleViolation::StageDateBackwards {
                previous_on: d(2025, 3, 10),
                on: d(2025, 3, 9)
            }
        );
        assert_eq!(e.rule(), "ADM-14");
        assert!(e.message().contains("10/03/2025"));
    }
}
