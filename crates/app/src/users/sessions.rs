//! Storage of web sessions for the web layer's session store.

use chibo_storage::sessions;

use crate::{App, AppError};

pub async fn create(app: &App, id: &str, data: &str, expires_at_ms: i64) -> Result<bool, AppError> {
    let mut tx = app.db.write().await?;
    let created = sessions::create(&mut tx, id, data, expires_at_ms).await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn save(app: &App, id: &str, data: &str, expires_at_ms: i64) -> Result<(), AppError> {
    let mut tx = app.db.write().await?;
    sessions::save(&mut tx, id, data, expires_at_ms).await?;
    Ok(tx.commit().await?)
}

pub async fn load(app: &App, id: &str, now_ms: i64) -> Result<Option<String>, AppError> {
    let mut tx = app.db.read().await?;
    let data = sessions::load(&mut tx, id, now_ms).await?;
    tx.commit().await?;
    Ok(data)
}

pub async fn delete(app: &App, id: &str) -> Result<(), AppError> {
    let mut tx = app.db.write().await?;
    sessions::delete(&mut tx, id).await?;
    Ok(tx.commit().await?)
}

pub async fn delete_expired(app: &App, now_ms: i64) -> Result<(), AppError> {
    let mut tx = app.db.write().await?;
    sessions::delete_expired(&mut tx, now_ms).await?;
    Ok(tx.commit().await?)
}
