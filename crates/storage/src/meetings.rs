//! Cell meetings (`meeting`, `meeting_attendance`, `meeting_vote`; rules MTG-01 … MTG-06):
//! the record of each sitting, the presence of every member of the roster on the day with the
//! place in the attendance base fixed when it was taken, and the votes on its resolutions.

use chibo_domain::ids::{MemberId, UnitId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// The fields of a meeting that a form or the API sets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MeetingFields {
    pub cell_id: i64,
    pub kind: String,
    pub thematic: bool,
    pub topic: Option<String>,
    pub held_on: NaiveDate,
    /// HH:MM.
    pub started_at: Option<String>,
    pub duration_minutes: i64,
    pub online: bool,
    pub chair_id: Option<i64>,
    pub recorder_id: Option<i64>,
    /// One item per line.
    pub agenda: String,
    pub minutes: Option<String>,
    pub resolution: Option<String>,
    pub prepared_content: bool,
    pub draft_resolution: bool,
    pub broad_participation: bool,
    pub principles_respected: bool,
    pub minutes_complete: bool,
    pub score_preparation: Option<i64>,
    pub score_attendance: Option<i64>,
    pub score_conduct: Option<i64>,
    pub score_conclusion: Option<i64>,
    pub full_attendance: bool,
    pub full_duration: bool,
    pub full_participation: bool,
    pub full_minutes: bool,
}

/// A stored meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub cell_id: i64,
    pub kind: String,
    pub thematic: bool,
    pub topic: Option<String>,
    pub held_on: NaiveDate,
    pub started_at: Option<String>,
    pub duration_minutes: i64,
    pub online: bool,
    pub chair_id: Option<i64>,
    pub recorder_id: Option<i64>,
    pub agenda: String,
    pub minutes: Option<String>,
    pub resolution: Option<String>,
    pub prepared_content: bool,
    pub draft_resolution: bool,
    pub broad_participation: bool,
    pub principles_respected: bool,
    pub minutes_complete: bool,
    pub score_preparation: Option<i64>,
    pub score_attendance: Option<i64>,
    pub score_conduct: Option<i64>,
    pub score_conclusion: Option<i64>,
    pub full_attendance: bool,
    pub full_duration: bool,
    pub full_participation: bool,
    pub full_minutes: bool,
    pub attendance_taken_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

/// One line of a meeting's attendance, with the member's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AttendanceRow {
    pub meeting_id: i64,
    pub member_id: i64,
    pub full_name: String,
    /// `present`, `excused`, `unexcused`; `None` for a member outside the base not marked.
    pub presence: Option<String>,
    pub reason: Option<String>,
    pub in_base: bool,
    /// `own`, `arrival`, `exempted`, `temporarily_exempted`, `temporarily_out`, `in_transit`.
    pub base_role: String,
}

/// A line to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewAttendance {
    pub member_id: i64,
    pub presence: Option<String>,
    pub reason: Option<String>,
    pub in_base: bool,
    pub base_role: String,
}

/// A vote on one of the meeting's resolutions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct VoteRow {
    pub subject: String,
    pub approvals: i64,
    pub against: i64,
    pub abstain: i64,
}

/// A member concerned by a cell's meetings on a day: its own (in transit from it included)
/// and those temporarily transferred to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RosterRow {
    pub member_id: i64,
    pub full_name: String,
    pub standing: String,
    pub cell_id: i64,
    pub in_transit: bool,
    pub transit_to_id: Option<i64>,
    pub temp_host_id: Option<i64>,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
    pub valid_from: NaiveDate,
}

macro_rules! columns {
    () => {
        "SELECT id, cell_id, kind, thematic, topic, held_on, started_at, \
     duration_minutes, online, chair_id, recorder_id, agenda, minutes, resolution, \
     prepared_content, draft_resolution, broad_participation, principles_respected, \
     minutes_complete, score_preparation, score_attendance, score_conduct, score_conclusion, \
     full_attendance, full_duration, full_participation, full_minutes, attendance_taken_at, \
     created_at, recorded_by, updated_at FROM meeting "
    };
}

const INSERT: &str = "INSERT INTO meeting (cell_id, kind, thematic, topic, held_on, started_at, \
     duration_minutes, online, chair_id, recorder_id, agenda, minutes, resolution, \
     prepared_content, draft_resolution, broad_participation, principles_respected, \
     minutes_complete, score_preparation, score_attendance, score_conduct, score_conclusion, \
     full_attendance, full_duration, full_participation, full_minutes, created_at, recorded_by, \
     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
     $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $27) RETURNING id";

const UPDATE: &str = "UPDATE meeting SET cell_id = $1, kind = $2, thematic = $3, topic = $4, \
     held_on = $5, started_at = $6, duration_minutes = $7, online = $8, chair_id = $9, \
     recorder_id = $10, agenda = $11, minutes = $12, resolution = $13, prepared_content = $14, \
     draft_resolution = $15, broad_participation = $16, principles_respected = $17, \
     minutes_complete = $18, score_preparation = $19, score_attendance = $20, \
     score_conduct = $21, score_conclusion = $22, full_attendance = $23, full_duration = $24, \
     full_participation = $25, full_minutes = $26, updated_at = $27 WHERE id = $28";

macro_rules! attendance_columns {
    () => {
        "SELECT a.meeting_id, a.member_id, m.full_name, a.presence, a.reason, \
     a.in_base, a.base_role FROM meeting_attendance a JOIN member m ON m.id = a.member_id "
    };
}

const ROSTER: &str = "SELECT m.id AS member_id, m.full_name, p.standing, p.cell_id, \
     p.in_transit, p.transit_to_id, p.temp_host_id, p.exempted, p.working_away, p.admitted_on, \
     p.valid_from FROM membership_period p JOIN member m ON m.id = p.member_id \
     WHERE (p.cell_id = $1 OR p.temp_host_id = $1) AND p.valid_from <= $2 \
     AND (p.valid_to IS NULL OR p.valid_to >= $2) ORDER BY m.sort_key, m.id";

macro_rules! bind_fields {
    ($q:expr, $f:expr) => {
        $q.bind($f.cell_id)
            .bind(&$f.kind)
            .bind($f.thematic)
            .bind(&$f.topic)
            .bind($f.held_on)
            .bind(&$f.started_at)
            .bind($f.duration_minutes)
            .bind($f.online)
            .bind($f.chair_id)
            .bind($f.recorder_id)
            .bind(&$f.agenda)
            .bind(&$f.minutes)
            .bind(&$f.resolution)
            .bind($f.prepared_content)
            .bind($f.draft_resolution)
            .bind($f.broad_participation)
            .bind($f.principles_respected)
            .bind($f.minutes_complete)
            .bind($f.score_preparation)
            .bind($f.score_attendance)
            .bind($f.score_conduct)
            .bind($f.score_conclusion)
            .bind($f.full_attendance)
            .bind($f.full_duration)
            .bind($f.full_participation)
            .bind($f.full_minutes)
    };
}

/// Inserts a meeting; its id.
pub async fn insert(
    tx: &mut Tx,
    f: &MeetingFields,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => bind_fields!(sqlx::query_scalar(INSERT), f).bind(at).bind(by)
        .fetch_one(c).await)?,
    )
}

/// Rewrites a meeting's fields.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    f: &MeetingFields,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    on!(tx, c => bind_fields!(sqlx::query(UPDATE), f).bind(at).bind(id)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<MeetingRow>, StorageError> {
    const Q: &str = concat!(columns!(), "WHERE id = $1");
    Ok(on!(tx, c => sqlx::query_as(Q).bind(id).fetch_optional(c).await)?)
}

/// The meetings of `cell` held from `from` to `to`, by day.
pub async fn of_cell(
    tx: &mut Tx,
    cell: UnitId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MeetingRow>, StorageError> {
    const Q: &str = concat!(
        columns!(),
        "WHERE cell_id = $1 AND held_on >= $2 AND held_on <= $3 ORDER BY held_on, id"
    );
    Ok(on!(tx, c => sqlx::query_as(Q).bind(cell.0).bind(from).bind(to).fetch_all(c).await)?)
}

/// The attendance of a meeting: the base first, then by name.
pub async fn attendance(tx: &mut Tx, meeting: i64) -> Result<Vec<AttendanceRow>, StorageError> {
    const Q: &str = concat!(
        attendance_columns!(),
        "WHERE a.meeting_id = $1 ORDER BY a.in_base DESC, m.sort_key, m.id"
    );
    Ok(on!(tx, c => sqlx::query_as(Q).bind(meeting).fetch_all(c).await)?)
}

/// The attendance of every meeting of `cell` held from `from` to `to`.
pub async fn attendance_of_cell(
    tx: &mut Tx,
    cell: UnitId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<AttendanceRow>, StorageError> {
    const Q: &str = concat!(
        attendance_columns!(),
        "JOIN meeting g ON g.id = a.meeting_id \
         WHERE g.cell_id = $1 AND g.held_on >= $2 AND g.held_on <= $3 ORDER BY a.meeting_id"
    );
    Ok(on!(tx, c => sqlx::query_as(Q).bind(cell.0).bind(from).bind(to).fetch_all(c).await)?)
}

/// Replaces a meeting's attendance and marks it taken at `at`.
pub async fn replace_attendance(
    tx: &mut Tx,
    meeting: i64,
    lines: &[NewAttendance],
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query("DELETE FROM meeting_attendance WHERE meeting_id = $1")
        .bind(meeting).execute(c).await.map(|r| r.rows_affected()))?;
    for l in lines {
        on!(tx, c => sqlx::query("INSERT INTO meeting_attendance \
            (meeting_id, member_id, presence, reason, in_base, base_role) \
            VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(meeting).bind(l.member_id).bind(&l.presence).bind(&l.reason).bind(l.in_base)
            .bind(&l.base_role).execute(c).await.map(|r| r.rows_affected()))?;
    }
    on!(tx, c => sqlx::query("UPDATE meeting SET attendance_taken_at = $1 WHERE id = $2")
        .bind(at).bind(meeting).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The votes of a meeting, in order.
pub async fn votes(tx: &mut Tx, meeting: i64) -> Result<Vec<VoteRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(
        "SELECT subject, approvals, against, abstain FROM meeting_vote WHERE meeting_id = $1 ORDER BY seq")
        .bind(meeting).fetch_all(c).await)?)
}

/// Replaces the votes of a meeting.
pub async fn replace_votes(
    tx: &mut Tx,
    meeting: i64,
    votes: &[VoteRow],
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query("DELETE FROM meeting_vote WHERE meeting_id = $1")
        .bind(meeting).execute(c).await.map(|r| r.rows_affected()))?;
    for (seq, v) in (1_i64..).zip(votes) {
        on!(tx, c => sqlx::query("INSERT INTO meeting_vote \
            (meeting_id, seq, subject, approvals, against, abstain) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(meeting).bind(seq).bind(&v.subject).bind(v.approvals).bind(v.against)
            .bind(v.abstain).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Everyone concerned by `cell`'s meetings on `day`: members whose record it holds (in
/// transit from it too) and temporary arrivals, with their state then.
pub async fn roster(
    tx: &mut Tx,
    cell: UnitId,
    day: NaiveDate,
) -> Result<Vec<RosterRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(ROSTER).bind(cell.0).bind(day).fetch_all(c).await)?)
}

/// The days from `from` to `to` of meetings at which `member` was in the base and absent
/// without a reason (REM-02 counts the months of these).
pub async fn unexcused_days(
    tx: &mut Tx,
    member: MemberId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NaiveDate>, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(
        "SELECT g.held_on FROM meeting_attendance a JOIN meeting g ON g.id = a.meeting_id \
         WHERE a.member_id = $1 AND a.in_base AND a.presence = 'unexcused' \
         AND g.held_on >= $2 AND g.held_on <= $3 ORDER BY g.held_on")
        .bind(member.0).bind(from).bind(to).fetch_all(c).await)?)
}

/// Every unexcused absence from `from` to `to`: member and meeting day (for the early-warning
/// sweep over the registry).
pub async fn unexcused_absences(
    tx: &mut Tx,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i64, NaiveDate)>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(
        "SELECT a.member_id, g.held_on FROM meeting_attendance a JOIN meeting g ON g.id = a.meeting_id \
         WHERE a.in_base AND a.presence = 'unexcused' AND g.held_on >= $1 AND g.held_on <= $2 \
         ORDER BY a.member_id, g.held_on")
        .bind(from).bind(to).fetch_all(c).await)?)
}

/// Units valid on `day` inside the subtree `[lo, hi)`, with their path then (to group them
/// under the children of the subtree's root).
pub async fn units_in_subtree(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<(i64, String, String, String)>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(
        "SELECT u.id, u.code, v.kind, p.path FROM unit_path p JOIN unit u ON u.id = p.unit_id \
         JOIN unit_version v ON v.unit_id = p.unit_id AND v.valid_from <= $1 \
              AND (v.valid_to IS NULL OR v.valid_to >= $1) \
         WHERE p.path >= $2 AND p.path < $3 AND p.valid_from <= $1 \
              AND (p.valid_to IS NULL OR p.valid_to >= $1) ORDER BY p.path")
        .bind(day).bind(&range.0).bind(&range.1).fetch_all(c).await)?)
}

/// How many meetings are stored.
pub async fn count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM meeting").fetch_one(c).await)?)
}
