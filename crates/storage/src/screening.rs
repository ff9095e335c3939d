//! Screening cases (REM-09) and their append-only steps (`screening_case`, `screening_step`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ScreeningStepRow {
    pub id: i64,
    pub case_id: i64,
    pub seq: i64,
    pub kind: String,
    pub effective_on: NaiveDate,
    pub official_members: Option<i64>,
    pub exempted: Option<i64>,
    pub approvals: Option<i64>,
    pub vote_method: Option<String>,
    pub responsible_member: Option<String>,
    pub progress: Option<bool>,
    pub decision_ref: Option<String>,
}

/// A new step's columns; `seq` is assigned on insert.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewScreeningStep {
    pub kind: &'static str,
    pub effective_on: Option<NaiveDate>,
    pub official_members: Option<i64>,
    pub exempted: Option<i64>,
    pub approvals: Option<i64>,
    pub vote_method: Option<&'static str>,
    pub responsible_member: Option<String>,
    pub progress: Option<bool>,
    pub decision_ref: Option<String>,
}

const LATEST_CASE: &str =
    "SELECT id FROM screening_case WHERE member_id = $1 ORDER BY id DESC LIMIT 1";
const INSERT_CASE: &str = "INSERT INTO screening_case (member_id, opened_on, recorded_at, \
     recorded_by) VALUES ($1, $2, $3, $4) RETURNING id";
const STEPS: &str = "SELECT id, case_id, seq, kind, effective_on, official_members, exempted, \
     approvals, vote_method, responsible_member, progress, decision_ref FROM screening_step \
     WHERE case_id = $1 ORDER BY seq";
const INSERT_STEP: &str = "INSERT INTO screening_step (case_id, seq, kind, effective_on, \
     official_members, exempted, approvals, vote_method, responsible_member, progress, \
     decision_ref, recorded_at, recorded_by) \
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 \
     FROM screening_step WHERE case_id = $1 RETURNING id";

/// The member's latest case, if any.
pub async fn latest_case(tx: &mut Tx, member: i64) -> Result<Option<i64>, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(LATEST_CASE).bind(member).fetch_optional(c).await)?)
}

/// Opens a case for the member.
pub async fn open_case(
    tx: &mut Tx,
    member: i64,
    opened_on: NaiveDate,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_CASE)
        .bind(member).bind(opened_on).bind(at).bind(by)
        .fetch_one(c).await)?)
}

/// A case's steps, in order.
pub async fn steps(tx: &mut Tx, case: i64) -> Result<Vec<ScreeningStepRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(STEPS).bind(case).fetch_all(c).await)?)
}

/// Appends a step after the case's last one.
pub async fn insert_step(
    tx: &mut Tx,
    case: i64,
    s: &NewScreeningStep,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_STEP)
        .bind(case).bind(s.kind).bind(s.effective_on).bind(s.official_members)
        .bind(s.exempted).bind(s.approvals).bind(s.vote_method)
        .bind(&s.responsible_member).bind(s.progress).bind(&s.decision_ref)
        .bind(at).bind(by)
        .fetch_one(c).await)?)
}

/// A step of a member's latest screening case opened by `as_of`, with the member and the cell
/// the list shows them under.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScopedStepRow {
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub cell_code: String,
    #[sqlx(flatten)]
    pub step: ScreeningStepRow,
}

// The latest case per member opened by $1, its steps by $1, for members whose last period
// begun by $1 lies in the subtree [$2, $3): members on $1, and members whose membership the
// case's removal decision ended by $1 (under the cell they left, on its last day).
const IN_SUBTREE: &str = "SELECT m.id AS member_id, m.member_key, m.full_name, \
     cu.code AS cell_code, s.id, s.case_id, s.seq, s.kind, s.effective_on, s.official_members, \
     s.exempted, s.approvals, s.vote_method, s.responsible_member, s.progress, s.decision_ref \
     FROM screening_step s \
     JOIN screening_case c ON c.id = s.case_id \
     JOIN member m ON m.id = c.member_id \
     JOIN membership_period p ON p.member_id = m.id \
     JOIN unit cu ON cu.id = p.cell_id \
     JOIN unit_path u ON u.unit_id = p.cell_id \
     WHERE c.id = (SELECT MAX(c2.id) FROM screening_case c2 \
                   WHERE c2.member_id = c.member_id AND c2.opened_on <= $1) \
       AND s.effective_on <= $1 \
       AND p.valid_from = (SELECT MAX(q.valid_from) FROM membership_period q \
                           WHERE q.member_id = m.id AND q.valid_from <= $1) \
       AND (p.valid_to IS NULL OR p.valid_to >= $1 \
            OR EXISTS (SELECT 1 FROM screening_step r WHERE r.case_id = c.id \
                       AND r.kind = 'removal_decided' AND r.effective_on <= $1)) \
       AND u.path >= $2 AND u.path < $3 \
       AND u.valid_from <= CASE WHEN p.valid_to < $1 THEN p.valid_to ELSE $1 END \
       AND (u.valid_to IS NULL \
            OR u.valid_to >= CASE WHEN p.valid_to < $1 THEN p.valid_to ELSE $1 END) \
     ORDER BY cu.code, m.member_key, m.id, s.seq";

/// The screening steps of the subtree `[lo, hi)` on `day` (see `IN_SUBTREE`), by cell code,
/// member key and step: one query for the whole scope.
pub async fn in_subtree(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<ScopedStepRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(IN_SUBTREE)
        .bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?)
}
