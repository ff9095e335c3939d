//! MTG-04: a good-quality meeting (HD 12/2018): attendance above 85%, no unexcused absence,
//! at least 90 minutes, prepared content and draft resolution, broad participation, respected
//! principles and complete minutes. The test names every criterion that failed.

use serde::{Deserialize, Serialize};

use super::{AttendanceTally, MeetingParams, MeetingRecord};

/// One criterion of MTG-04.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityCriterion {
    Attendance,
    NoUnexcusedAbsence,
    Duration,
    PreparedContent,
    DraftResolution,
    BroadParticipation,
    PrinciplesRespected,
    MinutesComplete,
}

impl QualityCriterion {
    pub fn code(self) -> &'static str {
        match self {
            Self::Attendance => "attendance",
            Self::NoUnexcusedAbsence => "no_unexcused_absence",
            Self::Duration => "duration",
            Self::PreparedContent => "prepared_content",
            Self::DraftResolution => "draft_resolution",
            Self::BroadParticipation => "broad_participation",
            Self::PrinciplesRespected => "principles_respected",
            Self::MinutesComplete => "minutes_complete",
        }
    }

    /// The Vietnamese name of the criterion, for the failed-criteria list.
    pub fn label(self) -> &'static str {
        match self {
            Self::Attendance => "Tỷ lệ đảng viên dự họp trên 85%",
            Self::NoUnexcusedAbsence => "Không có đảng viên vắng mặt không lý do",
            Self::Duration => "Thời gian sinh hoạt từ 90 phút trở lên",
            Self::PreparedContent => "Chuẩn bị nội dung chu đáo",
            Self::DraftResolution => "Có dự thảo nghị quyết",
            Self::BroadParticipation => "Nhiều đảng viên tham gia phát biểu",
            Self::PrinciplesRespected => "Thực hiện đúng các nguyên tắc sinh hoạt đảng",
            Self::MinutesComplete => "Biên bản ghi đầy đủ",
        }
    }
}

/// MTG-04: the criteria `record` fails with attendance `tally`; empty means good quality.
pub fn quality_failures(
    record: &MeetingRecord,
    tally: &AttendanceTally,
    params: &MeetingParams,
) -> Vec<QualityCriterion> {
    use QualityCriterion as C;
    let c = &record.conduct;
    let minutes_written = record
        .minutes
        .as_deref()
        .is_some_and(|m| !m.trim().is_empty());
    [
        (C::Attendance, tally.above_pct(params.min_attendance_pct)),
        (
            C::NoUnexcusedAbsence,
            tally.unexcused <= params.max_unexcused,
        ),
        (
            C::Duration,
            record.duration_minutes >= params.min_duration_min,
        ),
        (C::PreparedContent, c.prepared_content),
        (C::DraftResolution, c.draft_resolution),
        (C::BroadParticipation, c.broad_participation),
        (C::PrinciplesRespected, c.principles_respected),
        (C::MinutesComplete, c.minutes_complete && minutes_written),
    ]
    .into_iter()
    .filter(|(_, ok)| !ok)
    .map(|(criterion, _)| criterion)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::record::tests::{d, meeting};

    fn tally(base: u32, present: u32, excused: u32, unexcused: u32) -> AttendanceTally {
        AttendanceTally {
            base,
            present,
            excused,
            unexcused,
        }
    }

    #[test]
    fn mtg_04_base_20_with_18_present_2_excused_and_95_minutes_is_good() {
        let p = MeetingParams::default();
        let m = meeting(d(2025, 10, 10));
        assert!(quality_failures(&m, &tally(20, 18, 2, 0), &p).is_empty());
        // One of the absences unexcused: not good.
        assert_eq!(
            quality_failures(&m, &tally(20, 18, 1, 1), &p),
            [QualityCriterion::NoUnexcusedAbsence]
        );
        // 17 of 20 is exactly 85%: not above it.
        assert_eq!(
            quality_failures(&m, &tally(20, 17, 3, 0), &p),
            [QualityCriterion::Attendance]
        );
        let lower = MeetingParams {
            min_attendance_pct: 80,
            ..p
        };
        assert!(quality_failures(&m, &tally(20, 17, 3, 0), &lower).is_empty());
    }

    #[test]
    fn mtg_04_every_failed_criterion_is_named() {
        let p = MeetingParams::default();
        let mut m = meeting(d(2025, 10, 10));
        m.duration_minutes = 89;
        m.conduct = Default::default();
        let failed = quality_failures(&m, &tally(0, 0, 0, 0), &p);
        assert_eq!(
            failed,
            [
                QualityCriterion::Attendance,
                QualityCriterion::Duration,
                QualityCriterion::PreparedContent,
                QualityCriterion::DraftResolution,
                QualityCriterion::BroadParticipation,
                QualityCriterion::PrinciplesRespected,
                QualityCriterion::MinutesComplete,
            ]
        );
        assert!(
            failed
                .iter()
                .all(|c| !c.code().is_empty() && !c.label().is_empty())
        );
        // Minutes ticked complete but empty are not complete.
        let mut m = meeting(d(2025, 10, 10));
        m.minutes = Some(" ".to_owned());
        assert_eq!(
            quality_failures(&m, &tally(20, 20, 0, 0), &p),
            [QualityCriterion::MinutesComplete]
        );
    }
}
