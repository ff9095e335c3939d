//! Disciplinary measures (`discipline`), append-only.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// One recorded measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DisciplineRow {
    pub id: i64,
    pub member_id: i64,
    /// A `DisciplineKind` code.
    pub kind: String,
    pub decided_on: NaiveDate,
    pub decision_ref: String,
    pub reason: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

const INSERT: &str = "INSERT INTO discipline (member_id, kind, decided_on, decision_ref, reason, \
     recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
const OF_MEMBER: &str = "SELECT id, member_id, kind, decided_on, decision_ref, reason, \
     recorded_at, recorded_by FROM discipline WHERE member_id = $1 ORDER BY decided_on, id";

/// Appends a measure; its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Tx,
    member: i64,
    kind: &str,
    decided_on: NaiveDate,
    decision_ref: &str,
    reason: Option<&str>,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    let id: i64 = on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(member).bind(kind).bind(decided_on).bind(decision_ref).bind(reason).bind(at).bind(by)
        .fetch_one(c).await)?;
    Ok(id)
}

/// A member's measures, oldest first.
pub async fn of_member(tx: &mut Tx, member: i64) -> Result<Vec<DisciplineRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(OF_MEMBER).bind(member).fetch_all(c).await)?)
}
