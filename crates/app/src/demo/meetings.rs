//! A few past meetings of the secretary's demo cell, with attendance, so the meeting pages are
//! not empty. Deterministic: the days are the 10th of the three months before today's, the
//! marks follow each member's place in the roster.

use chibo_domain::access::Actor;
use chrono::{Datelike, Months, NaiveDate};

use crate::meetings::{self, AttendanceInput, AttendanceLine, MeetingInput, VoteInput};
use crate::{App, AppError, clock};

/// `away_unexcused`: members away without a temporary exemption, absent without excuse
/// (AWY-02).
pub(super) async fn add_meetings(
    app: &App,
    secretary: &Actor,
    cell: &str,
    away_unexcused: &[i64],
) -> Result<(), AppError> {
    let today = clock::today();
    let Some(this_month) = NaiveDate::from_ymd_opt(today.year(), today.month(), 10) else {
        return Ok(());
    };
    // Oldest first: 120 minutes (also the quarter's thematic topic), 100, then a short one.
    for (back, minutes, thematic) in [(3, 120, true), (2, 100, false), (1, 80, false)] {
        let Some(day) = this_month.checked_sub_months(Months::new(back)) else {
            continue;
        };
        // Chair and recorder from the roster of that day (a small demo cell changes).
        let people = meetings::roster_on(app, secretary, cell, day).await?;
        let (Some(chair), Some(recorder)) = (people.first(), people.get(1).or(people.first()))
        else {
            continue;
        };
        let input = MeetingInput {
            cell: cell.to_owned(),
            kind: "regular".into(),
            thematic,
            topic: thematic.then(|| "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh".into()),
            held_on: day.format("%d/%m/%Y").to_string(),
            started_at: Some("19:30".into()),
            duration_minutes: minutes.to_string(),
            chair: Some(chair.0.to_string()),
            recorder: Some(recorder.0.to_string()),
            agenda: "Đánh giá kết quả thực hiện nghị quyết tháng trước\nThông tin thời sự\nTriển khai nhiệm vụ tháng tới".into(),
            minutes: Some("Chi bộ thảo luận, thống nhất các nội dung; ý kiến phát biểu được ghi đầy đủ.".into()),
            resolution: Some("Thống nhất nghị quyết tháng.".into()),
            prepared_content: true,
            draft_resolution: true,
            broad_participation: true,
            principles_respected: true,
            minutes_complete: true,
            votes: vec![VoteInput {
                subject: "Thông qua nghị quyết tháng".into(),
                approvals: people.len().to_string(),
                against: "0".into(),
                abstain: "0".into(),
            }],
            ..MeetingInput::default()
        };
        let id = meetings::create(app, secretary, &input).await?;
        let view = meetings::get(app, secretary, id).await?;
        let lines = view
            .roster
            .iter()
            .filter(|l| l.in_base)
            .enumerate()
            .map(|(i, l)| {
                let (presence, reason) = match (i + back as usize) % 9 {
                    _ if away_unexcused.contains(&l.member_id) => ("unexcused", None),
                    4 => ("excused", Some("Đi công tác".to_owned())),
                    7 if back == 3 => ("unexcused", None),
                    _ => ("present", None),
                };
                AttendanceLine {
                    member_id: l.member_id,
                    presence: presence.into(),
                    reason,
                }
            })
            .collect();
        meetings::record_attendance(app, secretary, id, &AttendanceInput { lines }).await?;
    }
    Ok(())
}
