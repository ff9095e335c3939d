//! Instance settings kept in the database (for example the secret that signs CSRF tokens),
//! shared by every instance of a multi-instance deployment.

use crate::db::{StorageError, Tx, on};

const GET: &str = "SELECT value FROM app_setting WHERE key = $1";
const PUT: &str = "INSERT INTO app_setting (key, value) VALUES ($1, $2) \
     ON CONFLICT (key) DO UPDATE SET value = excluded.value";
const PUT_IF_ABSENT: &str =
    "INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING";

pub async fn get(tx: &mut Tx, key: &str) -> Result<Option<String>, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(GET).bind(key).fetch_optional(c).await)?)
}

/// Stores `value` unless the key has one, and returns the value in force.
pub async fn get_or_put(tx: &mut Tx, key: &str, value: &str) -> Result<String, StorageError> {
    on!(tx, c => sqlx::query(PUT_IF_ABSENT).bind(key).bind(value).execute(c).await.map(|r| r.rows_affected()))?;
    get(tx, key)
        .await?
        .ok_or_else(|| StorageError::corrupt(format!("setting {key} vanished")))
}

/// Stores `value` under `key`, replacing what was there.
pub async fn put(tx: &mut Tx, key: &str, value: &str) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(PUT).bind(key).bind(value).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
