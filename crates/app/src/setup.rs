//! Preparing a database: migrations, reference data, instance secrets.

use chibo_storage::{calendar, fees, reference, settings, units};
use rand::RngCore;

use crate::{App, AppError};

/// Applies migrations and loads the reference data and, while the calendar is empty, the
/// shipped holidays (2020–2030) and, while none is stored, the shipped fee regimes; safe to run on every start.
pub async fn prepare(app: &App) -> Result<(), AppError> {
    app.db.migrate().await?;
    let mut tx = app.db.write().await?;
    reference::ensure_loaded(&mut tx).await?;
    calendar::ensure_loaded(&mut tx).await?;
    fees::ensure_rates_loaded(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the registry holds no units yet (a new installation).
pub async fn is_empty(app: &App) -> Result<bool, AppError> {
    let mut tx = app.db.read().await?;
    let n = units::count(&mut tx).await?;
    tx.commit().await?;
    Ok(n == 0)
}

/// A random secret kept in the database under `key`, created on first use, so every instance
/// of a deployment signs with the same one.
pub async fn secret(app: &App, key: &str) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let fresh: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut tx = app.db.write().await?;
    let value = settings::get_or_put(&mut tx, key, &fresh).await?;
    tx.commit().await?;
    Ok(value)
}

/// Whether the setting `key` exists.
pub async fn has_setting(app: &App, key: &str) -> Result<bool, AppError> {
    let mut tx = app.db.read().await?;
    let found = settings::get(&mut tx, key).await?.is_some();
    tx.commit().await?;
    Ok(found)
}
