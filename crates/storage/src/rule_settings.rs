//! Versions of the rule settings (`rule_setting_version`, GEN-03), append-only: each value is
//! in force from its `valid_from` until the next version of the same key.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// One stored version of a rule value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RuleVersionRow {
    pub id: i64,
    pub key: String,
    pub value: String,
    pub valid_from: NaiveDate,
    pub set_at: DateTime<Utc>,
    pub set_by: String,
}

const INSERT: &str = "INSERT INTO rule_setting_version (key, value, valid_from, set_at, set_by) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";
const ALL: &str = "SELECT id, key, value, valid_from, set_at, set_by FROM rule_setting_version";

/// Appends a version; its id.
pub async fn insert(
    tx: &mut Tx,
    key: &str,
    value: &str,
    valid_from: NaiveDate,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StorageError> {
    let id: i64 = on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(key).bind(value).bind(valid_from).bind(at).bind(by)
        .fetch_one(c).await)?;
    Ok(id)
}

/// Every version, by key (bytewise), then effective date, then the order they were set in
/// (sorted here: the table is small, and PostgreSQL's collation would not order keys bytewise).
pub async fn all(tx: &mut Tx) -> Result<Vec<RuleVersionRow>, StorageError> {
    let mut rows: Vec<RuleVersionRow> = on!(tx, c => sqlx::query_as(ALL).fetch_all(c).await)?;
    rows.sort_by(|a, b| (&a.key, a.valid_from, a.id).cmp(&(&b.key, b.valid_from, b.id)));
    Ok(rows)
}
