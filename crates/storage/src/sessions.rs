//! Server-side web sessions: the cookie holds only a random id; rows are keyed by its hash.

use crate::db::{StorageError, Tx, on};

const UPSERT: &str = "INSERT INTO web_session (id, data, expires_at_ms) VALUES ($1, $2, $3)
    ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at_ms = excluded.expires_at_ms";
const INSERT_NEW: &str = "INSERT INTO web_session (id, data, expires_at_ms) VALUES ($1, $2, $3)
    ON CONFLICT (id) DO NOTHING";
const LOAD: &str =
    "SELECT data, expires_at_ms FROM web_session WHERE id = $1 AND expires_at_ms > $2";
const DELETE: &str = "DELETE FROM web_session WHERE id = $1";
const DELETE_EXPIRED: &str = "DELETE FROM web_session WHERE expires_at_ms <= $1";

pub async fn save(
    tx: &mut Tx,
    id: &str,
    data: &str,
    expires_at_ms: i64,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(UPSERT).bind(id).bind(data).bind(expires_at_ms).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Inserts a new session; `false` if the id is already taken.
pub async fn create(
    tx: &mut Tx,
    id: &str,
    data: &str,
    expires_at_ms: i64,
) -> Result<bool, StorageError> {
    let done = on!(tx, c => sqlx::query(INSERT_NEW).bind(id).bind(data).bind(expires_at_ms).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// The data and expiry of an unexpired session.
pub async fn load(
    tx: &mut Tx,
    id: &str,
    now_ms: i64,
) -> Result<Option<(String, i64)>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(LOAD).bind(id).bind(now_ms).fetch_optional(c).await)?)
}

pub async fn delete(tx: &mut Tx, id: &str) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(DELETE).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_expired(tx: &mut Tx, now_ms: i64) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(DELETE_EXPIRED).bind(now_ms).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
