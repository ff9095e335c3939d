//! The quality assessment of one meeting: MTG-04's failed criteria over the attendance fixed
//! when it was taken, and MTG-05's grade where the meeting was scored.

use chibo_domain::meetings::{
    AttendanceTally, FullMarks, MeetingGrade, MeetingParams, MeetingScore, QualityCriterion, grade,
    quality_failures, tally,
};
use chibo_storage::meetings::{AttendanceRow, MeetingRow};
use serde::Serialize;

use super::{base_members, to_record};
use crate::AppError;

/// The assessment of a meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quality {
    /// MTG-04: empty means good quality.
    pub failures: Vec<QualityCriterion>,
    pub good: bool,
    /// MTG-05: the grade, where the four parts were scored.
    pub grade: Option<MeetingGrade>,
    pub score_total: Option<u32>,
    /// Present over base, `None` before attendance is taken or with an empty base.
    pub attendance_rate: Option<f64>,
}

/// The score stored with the meeting, when all four parts are.
pub(crate) fn score_of(row: &MeetingRow) -> Option<MeetingScore> {
    let part = |v: Option<i64>| v.and_then(|p| u32::try_from(p).ok());
    Some(MeetingScore {
        preparation: part(row.score_preparation)?,
        attendance: part(row.score_attendance)?,
        conduct: part(row.score_conduct)?,
        conclusion: part(row.score_conclusion)?,
        full_marks: FullMarks {
            attendance: row.full_attendance,
            duration: row.full_duration,
            participation: row.full_participation,
            minutes: row.full_minutes,
        },
    })
}

/// MTG-04, MTG-05: the tally over the stored base and the assessment. Before attendance is
/// taken the tally is empty, so the attendance criterion fails rather than every member
/// counting as absent.
pub fn assess(
    row: &MeetingRow,
    lines: &[AttendanceRow],
    params: &MeetingParams,
) -> Result<(AttendanceTally, Quality), AppError> {
    let score = score_of(row);
    let grade = score.as_ref().and_then(|s| grade(s, params).ok());
    let record = to_record(row, lines, grade)?;
    let t = if row.attendance_taken_at.is_some() {
        tally(&record, &base_members(lines), params)
    } else {
        AttendanceTally::default()
    };
    let failures = quality_failures(&record, &t, params);
    Ok((
        t,
        Quality {
            good: failures.is_empty(),
            failures,
            grade,
            score_total: score.map(|s| s.preparation + s.attendance + s.conduct + s.conclusion),
            attendance_rate: t.rate(),
        },
    ))
}
