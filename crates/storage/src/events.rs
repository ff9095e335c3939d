//! Member history rows. Insert and read only: there is no UPDATE or DELETE of this table in
//! the code base; a correction is a new row of kind `void` (rule GEN-04).

use chibo_domain::ids::{EventId, MemberId, UnitId, UserId};
use chibo_domain::member::{EntryBody, EventKind, HistoryEntry, LifeEvent};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// The stored kind of a correcting row.
pub const VOID_KIND: &str = "void";

/// A history row with what the timeline shows beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub member_id: i64,
    pub seq: i64,
    pub kind: String,
    pub effective_on: NaiveDate,
    pub unit_id: Option<i64>,
    pub unit_code: Option<String>,
    pub voids_event_id: Option<i64>,
    pub decision_ref: Option<String>,
    pub reason: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
    pub recorded_by_name: Option<String>,
}

impl EventRow {
    pub fn to_entry(&self) -> Result<HistoryEntry, StorageError> {
        let body = if self.kind == VOID_KIND {
            let target = self.voids_event_id.ok_or_else(|| {
                StorageError::corrupt(format!("void event {} names no target", self.id))
            })?;
            EntryBody::Void {
                target: EventId(target),
            }
        } else {
            let kind = EventKind::parse(&self.kind)
                .map_err(|_| StorageError::corrupt(format!("event kind {}", self.kind)))?;
            EntryBody::Life(LifeEvent {
                kind,
                on: self.effective_on,
                unit: self.unit_id.map(UnitId),
            })
        };
        Ok(HistoryEntry {
            id: EventId(self.id),
            seq: self.seq,
            recorded_at: self.recorded_at,
            body,
        })
    }
}

/// A row to append.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub member: MemberId,
    pub kind: &'a str,
    pub effective_on: NaiveDate,
    pub unit: Option<UnitId>,
    pub voids: Option<EventId>,
    pub decision_ref: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<UserId>,
}

const NEXT_SEQ: &str = "SELECT COALESCE(MAX(seq), 0) + 1 FROM member_event WHERE member_id = $1";
const INSERT: &str = "INSERT INTO member_event
    (member_id, seq, kind, effective_on, unit_id, voids_event_id, decision_ref, reason, recorded_at, recorded_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
const HISTORY: &str = "SELECT e.id, e.member_id, e.seq, e.kind, e.effective_on, e.unit_id, u.code AS unit_code,
    e.voids_event_id, e.decision_ref, e.reason, e.recorded_at, e.recorded_by, a.username AS recorded_by_name
    FROM member_event e
    LEFT JOIN unit u ON u.id = e.unit_id
    LEFT JOIN app_user a ON a.id = e.recorded_by
    WHERE e.member_id = $1 ORDER BY e.effective_on, e.seq";
const COUNT: &str = "SELECT COUNT(*) FROM member_event";

/// Appends a row with the member's next sequence number.
pub async fn append(tx: &mut Tx, e: &NewEvent<'_>) -> Result<EventId, StorageError> {
    let seq: i64 = on!(tx, c => sqlx::query_scalar(NEXT_SEQ).bind(e.member.0).fetch_one(c).await)?;
    let id: i64 = on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(e.member.0).bind(seq).bind(e.kind).bind(e.effective_on).bind(e.unit.map(|u| u.0))
        .bind(e.voids.map(|v| v.0)).bind(e.decision_ref).bind(e.reason).bind(e.recorded_at)
        .bind(e.recorded_by.map(|u| u.0))
        .fetch_one(c).await)?;
    Ok(EventId(id))
}

/// A member's whole history in the order it takes effect.
pub async fn history(tx: &mut Tx, member: MemberId) -> Result<Vec<EventRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(HISTORY).bind(member.0).fetch_all(c).await)?)
}

pub async fn count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(COUNT).fetch_one(c).await)?)
}
