//! Candidates for admission (`candidate`) and the append-only steps of their pipeline
//! (`candidate_step`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on, unique};

/// A candidate as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CandidateRow {
    pub id: i64,
    pub candidate_key: String,
    pub cell_id: i64,
    pub full_name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub citizen_id: Option<String>,
    pub youth_union_member: bool,
    pub created_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

/// A new candidate's columns.
#[derive(Debug, Clone)]
pub struct NewCandidate<'a> {
    pub candidate_key: &'a str,
    pub cell_id: i64,
    pub full_name: &'a str,
    pub sex: &'a str,
    pub birth_date: NaiveDate,
    pub citizen_id: Option<&'a str>,
    pub youth_union_member: bool,
    pub created_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StepRow {
    pub id: i64,
    pub candidate_id: i64,
    pub seq: i64,
    pub stage: String,
    pub effective_on: NaiveDate,
    pub document_ref: Option<String>,
    pub approvals: Option<i64>,
    pub vote_base: Option<i64>,
    pub absent_exempted: Option<i64>,
    pub received_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub detail: Option<String>,
    pub member_id: Option<i64>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

/// A new step's columns; `seq` is assigned on insert.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewStep {
    pub stage: String,
    pub effective_on: Option<NaiveDate>,
    pub document_ref: Option<String>,
    pub approvals: Option<i64>,
    pub vote_base: Option<i64>,
    pub absent_exempted: Option<i64>,
    pub received_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub detail: Option<String>,
    pub member_id: Option<i64>,
}

macro_rules! columns {
    () => {
        "SELECT id, candidate_key, cell_id, full_name, sex, birth_date, citizen_id, \
         youth_union_member, created_at, recorded_by FROM candidate "
    };
}
const BY_KEY: &str = concat!(columns!(), "WHERE candidate_key = $1");
const IN_CELL: &str = concat!(columns!(), "WHERE cell_id = $1 ORDER BY full_name, id");
const INSERT: &str = "INSERT INTO candidate (candidate_key, cell_id, full_name, sex, birth_date, \
     citizen_id, youth_union_member, created_at, recorded_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
const STEPS: &str = "SELECT id, candidate_id, seq, stage, effective_on, document_ref, approvals, \
     vote_base, absent_exempted, received_on, due_on, detail, member_id, recorded_at, recorded_by \
     FROM candidate_step WHERE candidate_id = $1 ORDER BY seq";
const INSERT_STEP: &str = "INSERT INTO candidate_step (candidate_id, seq, stage, effective_on, \
     document_ref, approvals, vote_base, absent_exempted, received_on, due_on, detail, member_id, \
     recorded_at, recorded_by) \
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 \
     FROM candidate_step WHERE candidate_id = $1 RETURNING id";

/// Inserts a candidate; `UniqueViolation` when the key is taken.
pub async fn insert(tx: &mut Tx, c: &NewCandidate<'_>) -> Result<i64, StorageError> {
    let id: i64 = on!(tx, conn => sqlx::query_scalar(INSERT)
        .bind(c.candidate_key).bind(c.cell_id).bind(c.full_name).bind(c.sex).bind(c.birth_date)
        .bind(c.citizen_id).bind(c.youth_union_member).bind(c.created_at).bind(c.recorded_by)
        .fetch_one(conn).await)
    .map_err(unique)?;
    Ok(id)
}

pub async fn by_key(tx: &mut Tx, key: &str) -> Result<Option<CandidateRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(BY_KEY).bind(key).fetch_optional(c).await)?)
}

/// The candidates of a cell, by name.
pub async fn in_cell(tx: &mut Tx, cell: i64) -> Result<Vec<CandidateRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(IN_CELL).bind(cell).fetch_all(c).await)?)
}

/// Appends a step after the candidate's last one.
pub async fn insert_step(
    tx: &mut Tx,
    candidate: i64,
    s: &NewStep,
    date: NaiveDate,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    let id: i64 = on!(tx, c => sqlx::query_scalar(INSERT_STEP)
        .bind(candidate).bind(&s.stage).bind(date).bind(&s.document_ref)
        .bind(s.approvals).bind(s.vote_base).bind(s.absent_exempted)
        .bind(s.received_on).bind(s.due_on).bind(&s.detail).bind(s.member_id)
        .bind(at).bind(by)
        .fetch_one(c).await)?;
    Ok(id)
}

/// A candidate's steps in the order they were recorded.
pub async fn steps(tx: &mut Tx, candidate: i64) -> Result<Vec<StepRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(STEPS).bind(candidate).fetch_all(c).await)?)
}

/// Where a candidate stands, for the year-end forecast: the last stage recorded, the day of the
/// latest cell vote and the day the latest decision was received (its date when not given).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PipelinePosition {
    pub candidate_id: i64,
    pub stage: Option<String>,
    pub cell_vote_on: Option<NaiveDate>,
    pub decision_received_on: Option<NaiveDate>,
}

const PIPELINE_IN_SUBTREE: &str = "SELECT c.id AS candidate_id,
    (SELECT s.stage FROM candidate_step s WHERE s.candidate_id = c.id
        ORDER BY s.seq DESC LIMIT 1) AS stage,
    (SELECT s.effective_on FROM candidate_step s WHERE s.candidate_id = c.id
        AND s.stage = 'cell_vote' ORDER BY s.seq DESC LIMIT 1) AS cell_vote_on,
    (SELECT COALESCE(s.received_on, s.effective_on) FROM candidate_step s
        WHERE s.candidate_id = c.id AND s.stage = 'decided'
        ORDER BY s.seq DESC LIMIT 1) AS decision_received_on
    FROM candidate c JOIN unit_path u ON u.unit_id = c.cell_id
    WHERE u.path >= $2 AND u.path < $3
      AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1)
    ORDER BY c.id";

/// The candidates whose cell lies in the subtree `[range.0, range.1)` on `day`, with where
/// each stands.
pub async fn pipeline_in_subtree(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<PipelinePosition>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(PIPELINE_IN_SUBTREE)
        .bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?)
}

/// A card of the pipeline board: a candidate, their cell and their last step.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BoardRow {
    pub candidate_key: String,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub cell_code: String,
    pub cell_name: Option<String>,
    pub stage: Option<String>,
    pub stage_on: Option<NaiveDate>,
    /// The latest cell vote's day, and the day the latest decision was received (its date when
    /// not given): where the ADM-11 and ADM-13 time limits run from.
    pub cell_vote_on: Option<NaiveDate>,
    pub decision_received_on: Option<NaiveDate>,
}

// `IN (…)` rather than a join: a unit may hold two path rows on the day it moved.
const BOARD_IN_SUBTREE: &str = "SELECT c.candidate_key, c.full_name, c.birth_date,
    un.code AS cell_code,
    (SELECT v.name FROM unit_version v WHERE v.unit_id = c.cell_id AND v.valid_from <= $1
        ORDER BY v.valid_from DESC LIMIT 1) AS cell_name,
    (SELECT s.stage FROM candidate_step s WHERE s.candidate_id = c.id
        ORDER BY s.seq DESC LIMIT 1) AS stage,
    (SELECT s.effective_on FROM candidate_step s WHERE s.candidate_id = c.id
        ORDER BY s.seq DESC LIMIT 1) AS stage_on,
    (SELECT s.effective_on FROM candidate_step s WHERE s.candidate_id = c.id
        AND s.stage = 'cell_vote' ORDER BY s.seq DESC LIMIT 1) AS cell_vote_on,
    (SELECT COALESCE(s.received_on, s.effective_on) FROM candidate_step s
        WHERE s.candidate_id = c.id AND s.stage = 'decided'
        ORDER BY s.seq DESC LIMIT 1) AS decision_received_on
    FROM candidate c JOIN unit un ON un.id = c.cell_id
    WHERE c.cell_id IN (SELECT u.unit_id FROM unit_path u
        WHERE u.path >= $2 AND u.path < $3
          AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1))
    ORDER BY c.full_name, c.id";

/// The candidates whose cell lies in the subtree `[range.0, range.1)` on `day`, by name, each
/// with the last stage recorded and its date.
pub async fn board_in_subtree(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<BoardRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(BOARD_IN_SUBTREE)
        .bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?)
}

const KEY_OF_MEMBER: &str = "SELECT c.candidate_key FROM candidate c \
     JOIN candidate_step s ON s.candidate_id = c.id WHERE s.member_id = $1 \
     ORDER BY s.id LIMIT 1";

/// The key of the candidate whose ceremony created `member`, if any.
pub async fn key_of_member(tx: &mut Tx, member: i64) -> Result<Option<String>, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(KEY_OF_MEMBER).bind(member).fetch_optional(c).await)?)
}
