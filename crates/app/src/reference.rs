//! Administrative reference units for forms and pickers (public data, no scope needed).

use chibo_storage::reference::{self, Commune, Province};

use crate::{App, AppError};

pub async fn provinces(app: &App) -> Result<Vec<Province>, AppError> {
    let mut tx = app.db.read().await?;
    let rows = reference::provinces(&mut tx).await?;
    tx.commit().await?;
    Ok(rows)
}

pub async fn search_communes(app: &App, query: &str) -> Result<Vec<Commune>, AppError> {
    let mut tx = app.db.read().await?;
    let rows = reference::search_communes(&mut tx, query, 30).await?;
    tx.commit().await?;
    Ok(rows)
}
