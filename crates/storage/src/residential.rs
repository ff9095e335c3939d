//! Residential areas under communes and the cells that cover them (rule ORG-11).

use chibo_domain::ids::UnitId;
use chibo_domain::org::ResidentialUnitKind;
use chibo_domain::text::search_key;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on, unique};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AreaRow {
    pub id: i64,
    pub commune_code: String,
    pub name: String,
    pub kind: String,
    pub covering_unit_id: Option<i64>,
    pub covering_unit_code: Option<String>,
    pub covering_unit_name: Option<String>,
    /// Members living there today.
    pub resident_members: i64,
}

const INSERT: &str = "INSERT INTO residential_area (commune_code, name, search_key, kind, covering_unit_id, created_at)
    VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
const SET_COVER: &str = "UPDATE residential_area SET covering_unit_id = $2 WHERE id = $1";
// Areas with the cell covering each (its name today) and how many members live there.
macro_rules! area_select {
    () => {
        "SELECT a.id, a.commune_code, a.name, a.kind, a.covering_unit_id,
        u.code AS covering_unit_code, v.name AS covering_unit_name,
        (SELECT COUNT(*) FROM member m WHERE m.residential_area_id = a.id
            AND m.status IN ('probationary', 'official')) AS resident_members
        FROM residential_area a
        LEFT JOIN unit u ON u.id = a.covering_unit_id
        LEFT JOIN unit_version v ON v.unit_id = a.covering_unit_id
             AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to >= $1)"
    };
}
const OF_COMMUNE: &str = concat!(
    area_select!(),
    " WHERE a.commune_code = $2 ORDER BY a.search_key"
);
const GET: &str = concat!(area_select!(), " WHERE a.id = $2");

pub async fn insert(
    tx: &mut Tx,
    commune_code: &str,
    name: &str,
    kind: ResidentialUnitKind,
    covering: Option<UnitId>,
    at: DateTime<Utc>,
) -> Result<i64, StorageError> {
    on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(commune_code).bind(name).bind(search_key(name)).bind(kind.code())
        .bind(covering.map(|u| u.0)).bind(at)
        .fetch_one(c).await)
    .map_err(unique)
}

pub async fn set_cover(tx: &mut Tx, id: i64, covering: Option<UnitId>) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(SET_COVER).bind(id).bind(covering.map(|u| u.0)).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn of_commune(
    tx: &mut Tx,
    commune_code: &str,
    today: NaiveDate,
) -> Result<Vec<AreaRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(OF_COMMUNE).bind(today).bind(commune_code).fetch_all(c).await)?)
}

pub async fn get(tx: &mut Tx, id: i64, today: NaiveDate) -> Result<Option<AreaRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(GET).bind(today).bind(id).fetch_optional(c).await)?)
}
