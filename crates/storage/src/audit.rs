//! The audit log: append-only (no UPDATE or DELETE of it exists in the code base). Each row
//! carries the path of the unit it concerns, so officers see the rows of their subtree.

use chibo_domain::ids::UserId;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// A row to append.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    pub at: DateTime<Utc>,
    pub user: Option<UserId>,
    pub username: &'a str,
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: Option<String>,
    pub target_label: Option<String>,
    pub unit_path: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub username: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
    pub target_label: Option<String>,
    pub unit_path: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// Which rows to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only rows whose unit lies in `[lo, hi)`; `None` for all rows (administrators).
    pub range: Option<(String, String)>,
    pub username: Option<String>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: i64,
    pub offset: i64,
}

const INSERT: &str = "INSERT INTO audit_log (at, user_id, username, action, target_kind, target_id,
    target_label, unit_path, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
macro_rules! list_where {
    () => {
        " FROM audit_log
        WHERE ($1 OR (unit_path >= $2 AND unit_path < $3))
          AND ($4 = '' OR username = $4)
          AND ($5 = '' OR action = $5)
          AND at >= $6 AND at <= $7"
    };
}
const LIST: &str = concat!(
    "SELECT id, at, user_id, username, action, target_kind, target_id, target_label, unit_path, before_json, after_json",
    list_where!(),
    " ORDER BY at DESC, id DESC LIMIT $8 OFFSET $9"
);
const LIST_COUNT: &str = concat!("SELECT COUNT(*)", list_where!());
const COUNT_ACTION: &str = "SELECT COUNT(*) FROM audit_log WHERE action = $1";

pub async fn append(tx: &mut Tx, a: &NewAudit<'_>) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(INSERT)
        .bind(a.at).bind(a.user.map(|u| u.0)).bind(a.username).bind(a.action).bind(a.target_kind)
        .bind(&a.target_id).bind(&a.target_label).bind(&a.unit_path).bind(&a.before).bind(&a.after)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn list(tx: &mut Tx, f: &AuditFilter) -> Result<(Vec<AuditRow>, i64), StorageError> {
    let all = f.range.is_none();
    let (lo, hi) = f.range.clone().unwrap_or_default();
    let user = f.username.clone().unwrap_or_default();
    let action = f.action.clone().unwrap_or_default();
    // Bounds both engines store the same way (chrono's extremes are outside PostgreSQL's range).
    let from = f.from.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let until = f
        .until
        .or_else(|| DateTime::from_timestamp(253_402_300_799, 0))
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let rows = on!(tx, c => sqlx::query_as(LIST)
        .bind(all).bind(&lo).bind(&hi).bind(&user).bind(&action).bind(from).bind(until)
        .bind(f.limit).bind(f.offset)
        .fetch_all(c).await)?;
    let total: i64 = on!(tx, c => sqlx::query_scalar(LIST_COUNT)
        .bind(all).bind(&lo).bind(&hi).bind(&user).bind(&action).bind(from).bind(until)
        .fetch_one(c).await)?;
    Ok((rows, total))
}

pub async fn count_action(tx: &mut Tx, action: &str) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(COUNT_ACTION).bind(action).fetch_one(c).await)?)
}
