//! Units and their effective-dated versions.

use chibo_domain::ids::UnitId;
use chibo_domain::org::{UnitKind, UnitName, UnitVersion};
use chibo_domain::text::{search_key, text_sort_key};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on, unique};

/// A unit as it stood on some day: its version then, with its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct UnitRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub admin_unit_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl UnitRow {
    pub fn unit(&self) -> UnitId {
        UnitId(self.id)
    }

    pub fn kind(&self) -> Result<UnitKind, StorageError> {
        UnitKind::parse(&self.kind)
            .map_err(|_| StorageError::corrupt(format!("unit kind {}", self.kind)))
    }

    pub fn to_version(&self) -> Result<UnitVersion, StorageError> {
        Ok(UnitVersion {
            unit: self.unit(),
            parent: self.parent_id.map(UnitId),
            name: UnitName::parse(&self.name)
                .map_err(|_| StorageError::corrupt(format!("unit name {}", self.name)))?,
            kind: self.kind()?,
            admin_unit_code: self.admin_unit_code.clone(),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
        })
    }
}

const INSERT_UNIT: &str = "INSERT INTO unit (code, created_at) VALUES ($1, $2) RETURNING id";
const UNIT_ID_BY_CODE: &str = "SELECT id FROM unit WHERE code = $1";
const UNIT_CODE: &str = "SELECT code FROM unit WHERE id = $1";
const INSERT_VERSION: &str = "INSERT INTO unit_version
    (unit_id, valid_from, valid_to, parent_id, name, search_key, sort_key, kind, admin_unit_code, recorded_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
const CLOSE_VERSION: &str =
    "UPDATE unit_version SET valid_to = $3 WHERE unit_id = $1 AND valid_from = $2";
const VERSIONS: &str =
    "SELECT u.id, u.code, v.name, v.kind, v.parent_id, v.admin_unit_code, v.valid_from, v.valid_to
    FROM unit_version v JOIN unit u ON u.id = v.unit_id
    WHERE v.unit_id = $1 ORDER BY v.valid_from";
const VERSION_ON: &str =
    "SELECT u.id, u.code, v.name, v.kind, v.parent_id, v.admin_unit_code, v.valid_from, v.valid_to
    FROM unit_version v JOIN unit u ON u.id = v.unit_id
    WHERE v.unit_id = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)";
// The version valid on the day, or failing that the last one before it, or the first one.
const LATEST_VERSION: &str =
    "SELECT u.id, u.code, v.name, v.kind, v.parent_id, v.admin_unit_code, v.valid_from, v.valid_to
    FROM unit_version v JOIN unit u ON u.id = v.unit_id
    WHERE v.unit_id = $1
    ORDER BY CASE WHEN v.valid_from <= $2 THEN 0 ELSE 1 END, v.valid_from DESC LIMIT 1";
const CHILDREN_ON: &str =
    "SELECT u.id, u.code, v.name, v.kind, v.parent_id, v.admin_unit_code, v.valid_from, v.valid_to
    FROM unit_version v JOIN unit u ON u.id = v.unit_id
    WHERE v.parent_id = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
    ORDER BY v.sort_key";
const ROOTS_ON: &str =
    "SELECT u.id, u.code, v.name, v.kind, v.parent_id, v.admin_unit_code, v.valid_from, v.valid_to
    FROM unit_version v JOIN unit u ON u.id = v.unit_id
    WHERE v.parent_id IS NULL AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to >= $1)
    ORDER BY v.sort_key";
const COUNT_CHILDREN_ON: &str = "SELECT COUNT(*) FROM unit_version
    WHERE parent_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)";
const CHILDREN_AFTER: &str = "SELECT COUNT(*) FROM unit_version
    WHERE parent_id = $1 AND (valid_to IS NULL OR valid_to >= $2)";
const SEARCH_ON: &str = "SELECT u.id, u.code, v.name, v.kind, v.parent_id, v.admin_unit_code, v.valid_from, v.valid_to
    FROM unit_version v JOIN unit u ON u.id = v.unit_id
    JOIN unit_path p ON p.unit_id = v.unit_id AND p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1)
    WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to >= $1)
      AND p.path >= $2 AND p.path < $3
      AND (v.search_key LIKE '%' || $4 || '%' OR lower(u.code) = $4)
      AND ($5 = '' OR v.kind = $5)
    ORDER BY v.sort_key LIMIT $6";
const INSERT_LINK: &str =
    "INSERT INTO unit_link (from_unit_id, to_unit_id, kind, effective_on) VALUES ($1, $2, $3, $4)";
const LINKS_FROM: &str =
    "SELECT l.to_unit_id AS other_id, u.code AS other_code, l.kind, l.effective_on FROM unit_link l
    JOIN unit u ON u.id = l.to_unit_id WHERE l.from_unit_id = $1";
const LINKS_TO: &str = "SELECT l.from_unit_id AS other_id, u.code AS other_code, l.kind, l.effective_on FROM unit_link l
    JOIN unit u ON u.id = l.from_unit_id WHERE l.to_unit_id = $1";
const COUNT_UNITS: &str = "SELECT COUNT(*) FROM unit";

/// A link between two units, seen from one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct UnitLink {
    pub other_id: i64,
    pub other_code: String,
    pub kind: String,
    pub effective_on: NaiveDate,
}

/// Creates a unit with the given code; `UniqueViolation` if the code is taken.
pub async fn insert_unit(
    tx: &mut Tx,
    code: &str,
    at: DateTime<Utc>,
) -> Result<UnitId, StorageError> {
    let id: i64 =
        on!(tx, c => sqlx::query_scalar(INSERT_UNIT).bind(code).bind(at).fetch_one(c).await)
            .map_err(unique)?;
    Ok(UnitId(id))
}

pub async fn id_by_code(tx: &mut Tx, code: &str) -> Result<Option<UnitId>, StorageError> {
    let id: Option<i64> =
        on!(tx, c => sqlx::query_scalar(UNIT_ID_BY_CODE).bind(code).fetch_optional(c).await)?;
    Ok(id.map(UnitId))
}

pub async fn code_of(tx: &mut Tx, unit: UnitId) -> Result<Option<String>, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(UNIT_CODE).bind(unit.0).fetch_optional(c).await)?)
}

pub async fn insert_version(
    tx: &mut Tx,
    v: &UnitVersion,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let name = v.name.as_str();
    on!(tx, c => sqlx::query(INSERT_VERSION)
        .bind(v.unit.0).bind(v.valid_from).bind(v.valid_to).bind(v.parent.map(|p| p.0))
        .bind(name).bind(search_key(name)).bind(text_sort_key(name)).bind(v.kind.code())
        .bind(&v.admin_unit_code).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))
    .map_err(unique)?;
    Ok(())
}

/// Sets the last day of a version (closing it when the unit is renamed, moved or ended).
pub async fn close_version(
    tx: &mut Tx,
    unit: UnitId,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(CLOSE_VERSION).bind(unit.0).bind(valid_from).bind(valid_to).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn versions(tx: &mut Tx, unit: UnitId) -> Result<Vec<UnitRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(VERSIONS).bind(unit.0).fetch_all(c).await)?)
}

pub async fn version_on(
    tx: &mut Tx,
    unit: UnitId,
    day: NaiveDate,
) -> Result<Option<UnitRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(VERSION_ON).bind(unit.0).bind(day).fetch_optional(c).await)?)
}

/// The version valid on `day`, else the last one before it, else the first: how a unit is
/// named when it is shown for a day it did not exist on.
pub async fn latest_version(
    tx: &mut Tx,
    unit: UnitId,
    day: NaiveDate,
) -> Result<Option<UnitRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(LATEST_VERSION).bind(unit.0).bind(day).fetch_optional(c).await)?)
}

/// The units directly under `parent` on `day` (the roots when `parent` is `None`).
pub async fn children_on(
    tx: &mut Tx,
    parent: Option<UnitId>,
    day: NaiveDate,
) -> Result<Vec<UnitRow>, StorageError> {
    Ok(match parent {
        Some(p) => {
            on!(tx, c => sqlx::query_as(CHILDREN_ON).bind(p.0).bind(day).fetch_all(c).await)?
        }
        None => on!(tx, c => sqlx::query_as(ROOTS_ON).bind(day).fetch_all(c).await)?,
    })
}

pub async fn child_count_on(
    tx: &mut Tx,
    parent: UnitId,
    day: NaiveDate,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar(COUNT_CHILDREN_ON).bind(parent.0).bind(day).fetch_one(c).await)?,
    )
}

/// How many versions of other units stand under `parent` on `day` or later.
pub async fn children_from(
    tx: &mut Tx,
    parent: UnitId,
    day: NaiveDate,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar(CHILDREN_AFTER).bind(parent.0).bind(day).fetch_one(c).await)?,
    )
}

/// Units valid on `day` inside the subtree `[lo, hi)` whose name contains `query` (folded)
/// or whose code is `query`, optionally of one kind.
pub async fn search_on(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
    query: &str,
    kind: Option<UnitKind>,
    limit: i64,
) -> Result<Vec<UnitRow>, StorageError> {
    let q = search_key(query);
    let kind = kind.map(UnitKind::code).unwrap_or("");
    Ok(on!(tx, c => sqlx::query_as(SEARCH_ON)
        .bind(day).bind(&range.0).bind(&range.1).bind(&q).bind(kind).bind(limit)
        .fetch_all(c).await)?)
}

pub async fn insert_link(
    tx: &mut Tx,
    from: UnitId,
    to: UnitId,
    kind: &str,
    on_day: NaiveDate,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(INSERT_LINK).bind(from.0).bind(to.0).bind(kind).bind(on_day).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Links from `unit` to others (successors) and from others to it (predecessors).
pub async fn links(
    tx: &mut Tx,
    unit: UnitId,
) -> Result<(Vec<UnitLink>, Vec<UnitLink>), StorageError> {
    let from = on!(tx, c => sqlx::query_as(LINKS_FROM).bind(unit.0).fetch_all(c).await)?;
    let to = on!(tx, c => sqlx::query_as(LINKS_TO).bind(unit.0).fetch_all(c).await)?;
    Ok((from, to))
}

pub async fn count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(COUNT_UNITS).fetch_one(c).await)?)
}

const ALL_IDS: &str = "SELECT id FROM unit ORDER BY id";

pub async fn all_ids(tx: &mut Tx) -> Result<Vec<UnitId>, StorageError> {
    let ids: Vec<i64> = on!(tx, c => sqlx::query_scalar(ALL_IDS).fetch_all(c).await)?;
    Ok(ids.into_iter().map(UnitId).collect())
}

const ALL_VERSIONS: &str =
    "SELECT u.id, u.code, v.name, v.kind, v.parent_id, v.admin_unit_code, v.valid_from, v.valid_to
    FROM unit_version v JOIN unit u ON u.id = v.unit_id ORDER BY u.id, v.valid_from";

/// Every version of every unit, grouped by unit (imports check their file against them).
pub async fn all_versions(tx: &mut Tx) -> Result<Vec<UnitRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(ALL_VERSIONS).fetch_all(c).await)?)
}
