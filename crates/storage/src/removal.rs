//! Removal of name (REM-05), complaints (REM-06, REM-07) and leaving on request (REM-08):
//! cases and their append-only steps (`removal_case`, `removal_step`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// One case: a removal, a request to leave, or a complaint (contesting a removal case, a
/// disciplinary measure or a screening's removal decision).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub member_id: i64,
    pub procedure: String,
    pub contests_case_id: Option<i64>,
    pub contests_discipline_id: Option<i64>,
    pub contests_screening_id: Option<i64>,
    pub opened_on: NaiveDate,
}

/// A case with its member, for lists across a subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ScopedCaseRow {
    pub id: i64,
    pub member_id: i64,
    pub procedure: String,
    pub contests_case_id: Option<i64>,
    pub contests_discipline_id: Option<i64>,
    pub contests_screening_id: Option<i64>,
    pub opened_on: NaiveDate,
    pub member_key: String,
    pub full_name: String,
    pub unit_code: String,
}

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StepRow {
    pub id: i64,
    pub case_id: i64,
    pub seq: i64,
    pub kind: String,
    pub effective_on: NaiveDate,
    pub ground: Option<String>,
    pub base: Option<i64>,
    pub approvals: Option<i64>,
    pub decision_ref: Option<String>,
    pub reasons: Option<String>,
    pub standards_breach: Option<bool>,
    pub level: Option<String>,
    pub decision_stands: Option<bool>,
}

/// A new step's columns; `seq` is assigned on insert.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewStep {
    pub kind: &'static str,
    pub effective_on: Option<NaiveDate>,
    pub ground: Option<&'static str>,
    pub base: Option<i64>,
    pub approvals: Option<i64>,
    pub decision_ref: Option<String>,
    pub reasons: Option<String>,
    pub standards_breach: Option<bool>,
    pub level: Option<&'static str>,
    pub decision_stands: Option<bool>,
}

/// What a new case refers to.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Contests {
    pub case_id: Option<i64>,
    pub discipline_id: Option<i64>,
    /// The screening case whose removal decision is contested (REM-09, then REM-06).
    pub screening_id: Option<i64>,
}

macro_rules! case_columns {
    () => {
        "c.id, c.member_id, c.procedure, c.contests_case_id, c.contests_discipline_id, \
         c.contests_screening_id, c.opened_on"
    };
}
macro_rules! step_columns {
    () => {
        "s.id, s.case_id, s.seq, s.kind, s.effective_on, s.ground, s.base, s.approvals, \
         s.decision_ref, s.reasons, s.standards_breach, s.level, s.decision_stands"
    };
}
// The member's cell on $1 lies in the path range [$2, $3).
macro_rules! cell_in_range {
    () => {
        " JOIN unit_path p ON p.unit_id = m.cell_id AND p.valid_from <= $1 \
          AND (p.valid_to IS NULL OR p.valid_to >= $1) \
          WHERE p.path >= $2 AND p.path < $3"
    };
}
const CASES_OF: &str = concat!(
    "SELECT ",
    case_columns!(),
    " FROM removal_case c WHERE c.member_id = $1 ORDER BY c.id"
);
const STEPS_OF: &str = concat!(
    "SELECT ",
    step_columns!(),
    " FROM removal_step s JOIN removal_case c ON c.id = s.case_id \
     WHERE c.member_id = $1 ORDER BY s.case_id, s.seq"
);
const CASES_IN_SUBTREE: &str = concat!(
    "SELECT ",
    case_columns!(),
    ", m.member_key, m.full_name, u.code AS unit_code \
     FROM removal_case c JOIN member m ON m.id = c.member_id JOIN unit u ON u.id = m.cell_id",
    cell_in_range!(),
    " ORDER BY u.code, m.member_key, c.id"
);
const STEPS_IN_SUBTREE: &str = concat!(
    "SELECT ",
    step_columns!(),
    " FROM removal_step s JOIN removal_case c ON c.id = s.case_id \
     JOIN member m ON m.id = c.member_id",
    cell_in_range!(),
    " ORDER BY s.case_id, s.seq"
);
const INSERT_CASE: &str = "INSERT INTO removal_case (member_id, procedure, contests_case_id, \
     contests_discipline_id, contests_screening_id, opened_on, recorded_at, recorded_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
const INSERT_STEP: &str = "INSERT INTO removal_step (case_id, seq, kind, effective_on, ground, \
     base, approvals, decision_ref, reasons, standards_breach, level, decision_stands, \
     recorded_at, recorded_by) \
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 \
     FROM removal_step WHERE case_id = $1 RETURNING id";

/// The member's cases, oldest first.
pub async fn cases_of(tx: &mut Tx, member: i64) -> Result<Vec<CaseRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(CASES_OF).bind(member).fetch_all(c).await)?)
}

/// The steps of the member's cases, by case and order.
pub async fn steps_of(tx: &mut Tx, member: i64) -> Result<Vec<StepRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(STEPS_OF).bind(member).fetch_all(c).await)?)
}

/// The cases of the members whose cell on `day` lies in the path range `[lo, hi)`, with the
/// member's key, name and cell code, by cell code, member key and case.
pub async fn cases_in_subtree(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<ScopedCaseRow>, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_as(CASES_IN_SUBTREE).bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?,
    )
}

/// The steps of the cases of the members in the path range on `day`, by case and order.
pub async fn steps_in_subtree(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<StepRow>, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_as(STEPS_IN_SUBTREE).bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?,
    )
}

/// Opens a case for the member.
pub async fn open_case(
    tx: &mut Tx,
    member: i64,
    procedure: &'static str,
    contests: Contests,
    opened_on: NaiveDate,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_CASE)
        .bind(member).bind(procedure).bind(contests.case_id).bind(contests.discipline_id)
        .bind(contests.screening_id)
        .bind(opened_on).bind(at).bind(by)
        .fetch_one(c).await)?)
}

/// Appends a step after the case's last one.
pub async fn insert_step(
    tx: &mut Tx,
    case: i64,
    s: &NewStep,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_STEP)
        .bind(case).bind(s.kind).bind(s.effective_on).bind(s.ground).bind(s.base)
        .bind(s.approvals).bind(&s.decision_ref).bind(&s.reasons).bind(s.standards_breach)
        .bind(s.level).bind(s.decision_stands)
        .bind(at).bind(by)
        .fetch_one(c).await)?)
}
