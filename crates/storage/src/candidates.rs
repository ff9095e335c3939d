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
    #[sqlx(flatten)]
    pub education: Education,
}

/// A candidate's schooling and what relaxes the requirement (ADM-03); `level` is an
/// `EducationLevel` code, `None` until recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Education {
    #[sqlx(rename = "education_level")]
    pub level: Option<String>,
    pub hardship_area: bool,
    pub fisherman: bool,
    pub elder_or_hamlet_head: bool,
    #[sqlx(rename = "education_consent_ref")]
    pub consent_ref: Option<String>,
    #[sqlx(rename = "education_consent_on")]
    pub consent_on: Option<NaiveDate>,
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
    pub education: &'a Education,
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
    /// `false` for a vote without two thirds: recorded, but the stage is not reached.
    pub passed: bool,
}

/// A new step's columns; `seq` is assigned on insert.
#[derive(Debug, Clone, Serialize)]
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
    /// `false` for a failed vote; a `Default` step is not one.
    pub passed: bool,
}

impl Default for NewStep {
    fn default() -> Self {
        Self {
            stage: String::new(),
            effective_on: None,
            document_ref: None,
            approvals: None,
            vote_base: None,
            absent_exempted: None,
            received_on: None,
            due_on: None,
            detail: None,
            member_id: None,
            passed: true,
        }
    }
}

macro_rules! columns {
    () => {
        "SELECT id, candidate_key, cell_id, full_name, sex, birth_date, citizen_id, \
         youth_union_member, created_at, recorded_by, education_level, hardship_area, \
         fisherman, elder_or_hamlet_head, education_consent_ref, education_consent_on \
         FROM candidate "
    };
}
const BY_KEY: &str = concat!(columns!(), "WHERE candidate_key = $1");
const IN_CELL: &str = concat!(columns!(), "WHERE cell_id = $1 ORDER BY full_name, id");
const INSERT: &str = "INSERT INTO candidate (candidate_key, cell_id, full_name, sex, birth_date, \
     citizen_id, youth_union_member, created_at, recorded_by, education_level, hardship_area, \
     fisherman, elder_or_hamlet_head, education_consent_ref, education_consent_on) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";
const UPDATE_EDUCATION: &str = "UPDATE candidate SET education_level = $2, hardship_area = $3, \
     fisherman = $4, elder_or_hamlet_head = $5, education_consent_ref = $6, \
     education_consent_on = $7 WHERE id = $1";
const STEPS: &str = "SELECT id, candidate_id, seq, stage, effective_on, document_ref, approvals, \
     vote_base, absent_exempted, received_on, due_on, detail, member_id, recorded_at, recorded_by, \
     passed FROM candidate_step WHERE candidate_id = $1 ORDER BY seq";
const INSERT_STEP: &str = "INSERT INTO candidate_step (candidate_id, seq, stage, effective_on, \
     document_ref, approvals, vote_base, absent_exempted, received_on, due_on, detail, member_id, \
     recorded_at, recorded_by, passed) \
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 \
     FROM candidate_step WHERE candidate_id = $1 RETURNING id";

/// Inserts a candidate; `UniqueViolation` when the key is taken.
pub async fn insert(tx: &mut Tx, c: &NewCandidate<'_>) -> Result<i64, StorageError> {
    let id: i64 = on!(tx, conn => sqlx::query_scalar(INSERT)
        .bind(c.candidate_key).bind(c.cell_id).bind(c.full_name).bind(c.sex).bind(c.birth_date)
        .bind(c.citizen_id).bind(c.youth_union_member).bind(c.created_at).bind(c.recorded_by)
        .bind(&c.education.level).bind(c.education.hardship_area).bind(c.education.fisherman)
        .bind(c.education.elder_or_hamlet_head).bind(&c.education.consent_ref)
        .bind(c.education.consent_on)
        .fetch_one(conn).await)
    .map_err(unique)?;
    Ok(id)
}

/// Replaces a candidate's schooling record.
pub async fn update_education(tx: &mut Tx, id: i64, e: &Education) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(UPDATE_EDUCATION)
        .bind(id).bind(&e.level).bind(e.hardship_area).bind(e.fisherman)
        .bind(e.elder_or_hamlet_head).bind(&e.consent_ref).bind(e.consent_on)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
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
        .bind(at).bind(by).bind(s.passed)
        .fetch_one(c).await)?;
    Ok(id)
}

/// A candidate's steps in the order they were recorded.
pub async fn steps(tx: &mut Tx, candidate: i64) -> Result<Vec<StepRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(STEPS).bind(candidate).fetch_all(c).await)?)
}

/// Where a candidate stands, for the year-end forecast: the last stage reached (failed votes
/// left out), the day of the latest passed cell vote and the day the latest decision was received (its date when not given).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PipelinePosition {
    pub candidate_id: i64,
    pub stage: Option<String>,
    pub cell_vote_on: Option<NaiveDate>,
    pub decision_received_on: Option<NaiveDate>,
}

const PIPELINE_IN_SUBTREE: &str = "SELECT c.id AS candidate_id,
    (SELECT s.stage FROM candidate_step s WHERE s.candidate_id = c.id AND s.passed
        ORDER BY s.seq DESC LIMIT 1) AS stage,
    (SELECT s.effective_on FROM candidate_step s WHERE s.candidate_id = c.id
        AND s.stage = 'cell_vote' AND s.passed ORDER BY s.seq DESC LIMIT 1) AS cell_vote_on,
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

/// A candidate of a subtree with the code of their cell.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CandidateInUnit {
    pub id: i64,
    pub candidate_key: String,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub cell_code: String,
    /// The cell's name on the day (its latest name before it).
    pub cell_name: Option<String>,
}

// `IN (…)` rather than a join: a unit may hold two path rows on the day it moved.
const IN_SUBTREE: &str = "SELECT c.id, c.candidate_key, c.full_name, c.birth_date,
    cu.code AS cell_code,
    (SELECT v.name FROM unit_version v WHERE v.unit_id = c.cell_id AND v.valid_from <= $1
        ORDER BY v.valid_from DESC LIMIT 1) AS cell_name
    FROM candidate c JOIN unit cu ON cu.id = c.cell_id
    WHERE c.cell_id IN (SELECT u.unit_id FROM unit_path u
        WHERE u.path >= $2 AND u.path < $3
          AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1))
    ORDER BY c.id";
const STEPS_IN_SUBTREE: &str = "SELECT s.id, s.candidate_id, s.seq, s.stage, s.effective_on,
    s.document_ref, s.approvals, s.vote_base, s.absent_exempted, s.received_on, s.due_on,
    s.detail, s.member_id, s.recorded_at, s.recorded_by, s.passed
    FROM candidate_step s JOIN candidate c ON c.id = s.candidate_id
    WHERE c.cell_id IN (SELECT u.unit_id FROM unit_path u
        WHERE u.path >= $2 AND u.path < $3
          AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1))
    ORDER BY s.candidate_id, s.seq";

/// The candidates whose cell lies in the subtree `[range.0, range.1)` on `day`, and all their
/// steps (by candidate, in recorded order): two queries whatever the number of candidates.
pub async fn in_subtree_with_steps(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<(Vec<CandidateInUnit>, Vec<StepRow>), StorageError> {
    let candidates = on!(tx, c => sqlx::query_as(IN_SUBTREE)
        .bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?;
    let steps = on!(tx, c => sqlx::query_as(STEPS_IN_SUBTREE)
        .bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?;
    Ok((candidates, steps))
}

/// A dossier document recorded apart from a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub candidate_id: i64,
    /// A `DossierItem` code.
    pub item: String,
    pub document_ref: String,
    pub dated_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

const DOCUMENTS: &str = "SELECT id, candidate_id, item, document_ref, dated_on, recorded_at, \
     recorded_by FROM candidate_document WHERE candidate_id = $1 ORDER BY id";
const INSERT_DOCUMENT: &str = "INSERT INTO candidate_document (candidate_id, item, \
     document_ref, dated_on, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) \
     RETURNING id";

/// Appends a dossier document.
pub async fn insert_document(
    tx: &mut Tx,
    candidate: i64,
    item: &str,
    document_ref: &str,
    dated_on: NaiveDate,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    let id: i64 = on!(tx, c => sqlx::query_scalar(INSERT_DOCUMENT)
        .bind(candidate).bind(item).bind(document_ref).bind(dated_on).bind(at).bind(by)
        .fetch_one(c).await)?;
    Ok(id)
}

/// A candidate's dossier documents in the order they were recorded.
pub async fn documents(tx: &mut Tx, candidate: i64) -> Result<Vec<DocumentRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(DOCUMENTS).bind(candidate).fetch_all(c).await)?)
}

const CERTIFICATES_IN_SUBTREE: &str = "SELECT d.candidate_id, d.dated_on
    FROM candidate_document d JOIN candidate c ON c.id = d.candidate_id
    WHERE d.item = 'certificate' AND d.dated_on <= $1
      AND c.cell_id IN (SELECT u.unit_id FROM unit_path u
        WHERE u.path >= $2 AND u.path < $3
          AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1))
    ORDER BY d.candidate_id, d.dated_on";

/// The certificates recorded as dossier documents (a renewed awareness-class certificate,
/// ADM-04) of the candidates of the subtree on `day`, dated on or before it: (candidate id,
/// date), by candidate and date.
pub async fn certificates_in_subtree(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<(i64, NaiveDate)>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(CERTIFICATES_IN_SUBTREE)
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
