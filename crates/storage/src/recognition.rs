//! The append-only steps of a probationer's official recognition (`recognition_step`): the
//! cell's review rounds and the committee's decision.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// `kind` of a cell review round.
pub const CELL_REVIEW: &str = "cell_review";
/// `kind` of the committee's decision.
pub const COMMITTEE_DECISION: &str = "committee_decision";

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RecognitionStepRow {
    pub id: i64,
    pub member_id: i64,
    pub seq: i64,
    pub kind: String,
    pub effective_on: NaiveDate,
    pub document_ref: Option<String>,
    pub approvals: Option<i64>,
    pub removal_votes: Option<i64>,
    pub vote_base: Option<i64>,
    pub absent_exempted: Option<i64>,
    pub outcome: String,
    pub round: Option<i32>,
    pub deciding_body: Option<String>,
    pub extended: bool,
    pub due_on: Option<NaiveDate>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

/// A new step's columns; `seq` is assigned on insert.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewRecognitionStep {
    pub kind: &'static str,
    pub effective_on: Option<NaiveDate>,
    pub document_ref: Option<String>,
    pub approvals: Option<i64>,
    pub removal_votes: Option<i64>,
    pub vote_base: Option<i64>,
    pub absent_exempted: Option<i64>,
    pub outcome: &'static str,
    pub round: Option<i32>,
    pub deciding_body: Option<&'static str>,
    pub extended: bool,
    pub due_on: Option<NaiveDate>,
}

macro_rules! columns {
    () => {
        "SELECT s.id, s.member_id, s.seq, s.kind, s.effective_on, s.document_ref, s.approvals, \
         s.removal_votes, s.vote_base, s.absent_exempted, s.outcome, s.round, s.deciding_body, \
         s.extended, s.due_on, s.recorded_at, s.recorded_by FROM recognition_step s "
    };
}

const OF_MEMBER: &str = concat!(columns!(), "WHERE s.member_id = $1 ORDER BY s.seq");
// Only probationers have an open procedure; their steps are few.
const OF_PROBATIONERS: &str = concat!(
    columns!(),
    "JOIN member m ON m.id = s.member_id WHERE m.status = 'probationary' \
     ORDER BY s.member_id, s.seq"
);
const INSERT: &str = "INSERT INTO recognition_step (member_id, seq, kind, effective_on, \
     document_ref, approvals, removal_votes, vote_base, absent_exempted, outcome, round, \
     deciding_body, extended, due_on, recorded_at, recorded_by) \
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
     $14, $15 FROM recognition_step WHERE member_id = $1 RETURNING id";

/// Appends a step after the member's last one.
pub async fn insert(
    tx: &mut Tx,
    member: i64,
    s: &NewRecognitionStep,
    date: NaiveDate,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    let id: i64 = on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(member).bind(s.kind).bind(date).bind(&s.document_ref)
        .bind(s.approvals).bind(s.removal_votes).bind(s.vote_base).bind(s.absent_exempted)
        .bind(s.outcome).bind(s.round).bind(s.deciding_body).bind(s.extended).bind(s.due_on)
        .bind(at).bind(by)
        .fetch_one(c).await)?;
    Ok(id)
}

/// A member's steps in the order they were recorded.
pub async fn of_member(tx: &mut Tx, member: i64) -> Result<Vec<RecognitionStepRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(OF_MEMBER).bind(member).fetch_all(c).await)?)
}

/// The steps of every member who is probationary now, by member and order recorded.
pub async fn of_probationers(tx: &mut Tx) -> Result<Vec<RecognitionStepRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(OF_PROBATIONERS).fetch_all(c).await)?)
}
