//! Administrative reference units (rule ORG-02), shipped with the binary and loaded once.

use chibo_domain::org::{CommuneKind, ProvinceKind};
use chibo_domain::text::search_key;
use chrono::NaiveDate;
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

const ADMIN_UNITS_CSV: &str = include_str!("../data/admin-units-2025.csv");

/// The day the 2025 reorganisation took effect.
pub fn reorganisation_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Province {
    pub code: String,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Commune {
    pub code: String,
    pub province_code: String,
    pub name: String,
    pub kind: String,
}

/// One row of the shipped reference file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct AdminUnitRow {
    pub province_code: String,
    pub province_name: String,
    pub province_type: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_type: String,
}

/// The reference file's rows.
pub fn admin_unit_rows() -> Result<Vec<AdminUnitRow>, StorageError> {
    let mut reader = csv::Reader::from_reader(ADMIN_UNITS_CSV.as_bytes());
    reader
        .deserialize()
        .collect::<Result<Vec<AdminUnitRow>, _>>()
        .map_err(|e| StorageError::corrupt(format!("admin-units file: {e}")))
}

const COUNT_PROVINCES: &str = "SELECT COUNT(*) FROM province";
const INSERT_PROVINCE: &str =
    "INSERT INTO province (code, name, kind, valid_from) VALUES ($1, $2, $3, $4)";
const INSERT_COMMUNE: &str =
    "INSERT INTO commune (code, province_code, name, search_key, kind, valid_from)
    VALUES ($1, $2, $3, $4, $5, $6)";

/// Loads the 34 provinces and 3,321 communes unless they are already there.
pub async fn ensure_loaded(tx: &mut Tx) -> Result<bool, StorageError> {
    let n: i64 = on!(tx, c => sqlx::query_scalar(COUNT_PROVINCES).fetch_one(c).await)?;
    if n > 0 {
        return Ok(false);
    }
    let rows = admin_unit_rows()?;
    let day = reorganisation_day();
    let mut seen = std::collections::HashSet::new();
    for r in &rows {
        if seen.insert(r.province_code.clone()) {
            let kind = ProvinceKind::from_label(&r.province_type).ok_or_else(|| {
                StorageError::corrupt(format!("province type {}", r.province_type))
            })?;
            on!(tx, c => sqlx::query(INSERT_PROVINCE)
                .bind(&r.province_code).bind(&r.province_name).bind(kind.code()).bind(day)
                .execute(c).await.map(|r| r.rows_affected()))?;
        }
    }
    for r in &rows {
        let kind = CommuneKind::from_label(&r.unit_type)
            .ok_or_else(|| StorageError::corrupt(format!("commune type {}", r.unit_type)))?;
        on!(tx, c => sqlx::query(INSERT_COMMUNE)
            .bind(&r.unit_code).bind(&r.province_code).bind(&r.unit_name)
            .bind(search_key(&r.unit_name)).bind(kind.code()).bind(day)
            .execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(true)
}

const LIST_PROVINCES: &str = "SELECT code, name, kind FROM province ORDER BY name";
const GET_PROVINCE: &str = "SELECT code, name, kind FROM province WHERE code = $1";
const GET_COMMUNE: &str = "SELECT code, province_code, name, kind FROM commune WHERE code = $1";
const COMMUNES_OF: &str = "SELECT code, province_code, name, kind FROM commune WHERE province_code = $1 ORDER BY search_key";
const SEARCH_COMMUNES: &str = "SELECT code, province_code, name, kind FROM commune
    WHERE search_key LIKE '%' || $1 || '%' ORDER BY search_key LIMIT $2";
const COUNT_COMMUNES: &str = "SELECT COUNT(*) FROM commune";

pub async fn provinces(tx: &mut Tx) -> Result<Vec<Province>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(LIST_PROVINCES).fetch_all(c).await)?)
}

pub async fn province(tx: &mut Tx, code: &str) -> Result<Option<Province>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(GET_PROVINCE).bind(code).fetch_optional(c).await)?)
}

pub async fn commune(tx: &mut Tx, code: &str) -> Result<Option<Commune>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(GET_COMMUNE).bind(code).fetch_optional(c).await)?)
}

pub async fn communes_of(tx: &mut Tx, province_code: &str) -> Result<Vec<Commune>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(COMMUNES_OF).bind(province_code).fetch_all(c).await)?)
}

pub async fn search_communes(
    tx: &mut Tx,
    query: &str,
    limit: i64,
) -> Result<Vec<Commune>, StorageError> {
    let q = search_key(query);
    Ok(on!(tx, c => sqlx::query_as(SEARCH_COMMUNES).bind(&q).bind(limit).fetch_all(c).await)?)
}

pub async fn commune_count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(COUNT_COMMUNES).fetch_one(c).await)?)
}

const COMMUNE_CODES: &str = "SELECT code FROM commune";
const PROVINCE_CODES: &str = "SELECT code FROM province";

/// The codes of every commune and every province.
pub async fn codes(tx: &mut Tx) -> Result<(Vec<String>, Vec<String>), StorageError> {
    let communes = on!(tx, c => sqlx::query_scalar(COMMUNE_CODES).fetch_all(c).await)?;
    let provinces = on!(tx, c => sqlx::query_scalar(PROVINCE_CODES).fetch_all(c).await)?;
    Ok((communes, provinces))
}
