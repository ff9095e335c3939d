//! Administrative reference units for forms and pickers (public data, no scope needed).

use chibo_storage::reference::{self, Commune, Province};
use chibo_storage::residential::{self, AreaRow};

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

/// The residential areas of a commune (names and covering cells, no personal data).
pub async fn residential_areas(app: &App, commune_code: &str) -> Result<Vec<AreaRow>, AppError> {
    let mut tx = app.db.read().await?;
    let rows = residential::of_commune(&mut tx, commune_code.trim(), crate::clock::today()).await?;
    tx.commit().await?;
    Ok(rows)
}
