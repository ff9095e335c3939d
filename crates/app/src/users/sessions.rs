//! Storage of web sessions for the web layer's session store. Rows are keyed by the SHA-256
//! of the session id, so a copy of the database gives no usable session cookie.

use chibo_storage::sessions;
use sha2::{Digest, Sha256};

use crate::{App, AppError};

fn key(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Stores a new session; `false` if one with this id already exists.
pub async fn create(app: &App, id: &str, data: &str, expires_at_ms: i64) -> Result<bool, AppError> {
    let mut tx = app.db.write().await?;
    let created = sessions::create(&mut tx, &key(id), data, expires_at_ms).await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn save(app: &App, id: &str, data: &str, expires_at_ms: i64) -> Result<(), AppError> {
    let mut tx = app.db.write().await?;
    sessions::save(&mut tx, &key(id), data, expires_at_ms).await?;
    Ok(tx.commit().await?)
}

/// The data and expiry of an unexpired session.
pub async fn load(app: &App, id: &str, now_ms: i64) -> Result<Option<(String, i64)>, AppError> {
    let mut tx = app.db.read().await?;
    let data = sessions::load(&mut tx, &key(id), now_ms).await?;
    tx.commit().await?;
    Ok(data)
}

pub async fn delete(app: &App, id: &str) -> Result<(), AppError> {
    let mut tx = app.db.write().await?;
    sessions::delete(&mut tx, &key(id)).await?;
    Ok(tx.commit().await?)
}

pub async fn delete_expired(app: &App, now_ms: i64) -> Result<(), AppError> {
    let mut tx = app.db.write().await?;
    sessions::delete_expired(&mut tx, now_ms).await?;
    Ok(tx.commit().await?)
}
