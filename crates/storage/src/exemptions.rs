//! Exemptions from party work and activities (`exemption_record`, rules EXM-01, EXM-02) and
//! the renewals of their planned end. The resumption is filled in once (audited).

use chibo_domain::ids::{MemberId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, fetch_for_ids, on};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ExemptionRow {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub reason: String,
    pub requested_on: NaiveDate,
    pub resolution_ref: String,
    pub resolution_on: NaiveDate,
    pub from_on: NaiveDate,
    pub to_on: Option<NaiveDate>,
    pub exempted_event_id: Option<i64>,
    pub resumed_on: Option<NaiveDate>,
    pub ended_event_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewExemption<'a> {
    pub member: MemberId,
    pub kind: &'a str,
    pub reason: &'a str,
    pub requested_on: NaiveDate,
    pub resolution_ref: &'a str,
    pub resolution_on: NaiveDate,
    pub from_on: NaiveDate,
    pub to_on: Option<NaiveDate>,
    pub exempted_event_id: Option<i64>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ExemptionRenewalRow {
    pub id: i64,
    pub exemption_id: i64,
    pub resolution_ref: String,
    pub decided_on: NaiveDate,
    pub to_on: Option<NaiveDate>,
}

macro_rules! select_sql {
    ($tail:literal) => {
        concat!(
            "SELECT id, member_id, kind, reason, requested_on, resolution_ref,
    resolution_on, from_on, to_on, exempted_event_id, resumed_on, ended_event_id
    FROM exemption_record",
            " ",
            $tail
        )
    };
}
const INSERT: &str = "INSERT INTO exemption_record (member_id, kind, reason, requested_on,
    resolution_ref, resolution_on, from_on, to_on, exempted_event_id, recorded_at, recorded_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
const RESUME: &str = "UPDATE exemption_record SET resumed_on = $2, ended_event_id = $3
    WHERE id = $1 AND resumed_on IS NULL";
const INSERT_RENEWAL: &str = "INSERT INTO exemption_renewal (exemption_id, resolution_ref,
    decided_on, to_on, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
const RENEWALS: &str = "SELECT id, exemption_id, resolution_ref, decided_on, to_on
    FROM exemption_renewal WHERE exemption_id = $1 ORDER BY decided_on, id";

pub async fn insert(tx: &mut Tx, e: &NewExemption<'_>) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(e.member.0).bind(e.kind).bind(e.reason).bind(e.requested_on)
        .bind(e.resolution_ref).bind(e.resolution_on).bind(e.from_on).bind(e.to_on)
        .bind(e.exempted_event_id).bind(e.recorded_at).bind(e.recorded_by.map(|u| u.0))
        .fetch_one(c).await)?)
}

/// A member's exemptions, newest first.
pub async fn of_member(tx: &mut Tx, member: MemberId) -> Result<Vec<ExemptionRow>, StorageError> {
    let q = select_sql!("WHERE member_id = $1 ORDER BY from_on DESC, id DESC");
    Ok(on!(tx, c => sqlx::query_as(q).bind(member.0).fetch_all(c).await)?)
}

/// The exemptions of each of `members`, by member, newest first.
pub async fn of_members(tx: &mut Tx, members: &[i64]) -> Result<Vec<ExemptionRow>, StorageError> {
    fetch_for_ids(
        tx,
        select_sql!("WHERE member_id IN"),
        "ORDER BY member_id, from_on DESC, id DESC",
        members,
    )
    .await
}

/// Records the resumption; `false` when it was already recorded.
pub async fn mark_resumed(
    tx: &mut Tx,
    id: i64,
    on: NaiveDate,
    event: Option<i64>,
) -> Result<bool, StorageError> {
    let done = on!(tx, c => sqlx::query(RESUME).bind(id).bind(on).bind(event)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn insert_renewal(
    tx: &mut Tx,
    exemption: i64,
    resolution_ref: &str,
    decided_on: NaiveDate,
    to_on: Option<NaiveDate>,
    recorded_at: DateTime<Utc>,
    recorded_by: Option<UserId>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_RENEWAL)
        .bind(exemption).bind(resolution_ref).bind(decided_on).bind(to_on).bind(recorded_at)
        .bind(recorded_by.map(|u| u.0))
        .fetch_one(c).await)?)
}

pub async fn renewals(
    tx: &mut Tx,
    exemption: i64,
) -> Result<Vec<ExemptionRenewalRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(RENEWALS).bind(exemption).fetch_all(c).await)?)
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<ExemptionRow>, StorageError> {
    let q = select_sql!("WHERE id = $1");
    Ok(on!(tx, c => sqlx::query_as(q).bind(id).fetch_optional(c).await)?)
}
