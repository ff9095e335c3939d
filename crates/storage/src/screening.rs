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
