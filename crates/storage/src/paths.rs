//! Path spans of units (see `chibo_domain::org::unit_spans`): derived data, rewritten for a
//! unit whenever its versions or its ancestors' change.

use chibo_domain::ids::UnitId;
use chibo_domain::org::{PathSpan, UnitPath};
use chrono::NaiveDate;

use crate::db::{StorageError, Tx, on};

#[derive(Debug, sqlx::FromRow)]
struct SpanRow {
    unit_id: i64,
    path: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
}

impl SpanRow {
    fn into_span(self) -> Result<PathSpan, StorageError> {
        Ok(PathSpan {
            unit: UnitId(self.unit_id),
            path: UnitPath::from_stored(&self.path)
                .ok_or_else(|| StorageError::corrupt(format!("path {}", self.path)))?,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
        })
    }
}

const SPANS: &str = "SELECT unit_id, path, valid_from, valid_to FROM unit_path WHERE unit_id = $1 ORDER BY valid_from";
const DELETE_SPANS: &str = "DELETE FROM unit_path WHERE unit_id = $1";
const INSERT_SPAN: &str = "INSERT INTO unit_path (unit_id, valid_from, valid_to, path, depth) VALUES ($1, $2, $3, $4, $5)";
// Every unit that ever stood below `unit` (its id appears inside their path), deepest last.
const DESCENDANTS_EVER: &str = "SELECT DISTINCT unit_id, depth FROM unit_path
    WHERE path LIKE '%/' || $1 || '/%' AND unit_id <> $2 ORDER BY depth, unit_id";
const PATH_ON: &str = "SELECT path FROM unit_path
    WHERE unit_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)";
// Valid on the day, else the last before it (interchange: an in-transit member counts under
// the last version of the cell they left), else the first.
const PATH_LATEST: &str = "SELECT path FROM unit_path WHERE unit_id = $1
    ORDER BY CASE WHEN valid_from <= $2 THEN 0 ELSE 1 END, valid_from DESC LIMIT 1";

pub async fn spans(tx: &mut Tx, unit: UnitId) -> Result<Vec<PathSpan>, StorageError> {
    let rows: Vec<SpanRow> = on!(tx, c => sqlx::query_as(SPANS).bind(unit.0).fetch_all(c).await)?;
    rows.into_iter().map(SpanRow::into_span).collect()
}

pub async fn replace_spans(
    tx: &mut Tx,
    unit: UnitId,
    spans: &[PathSpan],
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(DELETE_SPANS).bind(unit.0).execute(c).await.map(|r| r.rows_affected()))?;
    for s in spans {
        let depth = i64::try_from(s.path.depth()).unwrap_or(i64::MAX);
        on!(tx, c => sqlx::query(INSERT_SPAN)
            .bind(unit.0).bind(s.valid_from).bind(s.valid_to).bind(s.path.as_str()).bind(depth)
            .execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Units that stood below `unit` at any time, shallowest first, so recomputing their spans
/// in this order always finds the parent's spans already up to date.
pub async fn descendants_ever(tx: &mut Tx, unit: UnitId) -> Result<Vec<UnitId>, StorageError> {
    let rows: Vec<(i64, i64)> = on!(tx, c => sqlx::query_as(DESCENDANTS_EVER)
        .bind(unit.0.to_string()).bind(unit.0).fetch_all(c).await)?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter(|(id, _)| seen.insert(*id))
        .map(|(id, _)| UnitId(id))
        .collect())
}

/// The unit's path on `day`, if it existed then.
pub async fn path_on(
    tx: &mut Tx,
    unit: UnitId,
    day: NaiveDate,
) -> Result<Option<UnitPath>, StorageError> {
    let p: Option<String> =
        on!(tx, c => sqlx::query_scalar(PATH_ON).bind(unit.0).bind(day).fetch_optional(c).await)?;
    p.map(|p| UnitPath::from_stored(&p).ok_or_else(|| StorageError::corrupt(format!("path {p}"))))
        .transpose()
}

/// The unit's path on `day`, or the last one it had before (a dissolved unit keeps the place
/// it last had, so its former members stay in the right scope).
pub async fn latest_path(
    tx: &mut Tx,
    unit: UnitId,
    day: NaiveDate,
) -> Result<Option<UnitPath>, StorageError> {
    let p: Option<String> = on!(tx, c => sqlx::query_scalar(PATH_LATEST).bind(unit.0).bind(day).fetch_optional(c).await)?;
    p.map(|p| UnitPath::from_stored(&p).ok_or_else(|| StorageError::corrupt(format!("path {p}"))))
        .transpose()
}

const ALL_SPANS: &str =
    "SELECT unit_id, path, valid_from, valid_to FROM unit_path ORDER BY unit_id, valid_from";

/// Every span of every unit (imports hang their units from the registry's).
pub async fn all_spans(tx: &mut Tx) -> Result<Vec<PathSpan>, StorageError> {
    let rows: Vec<SpanRow> = on!(tx, c => sqlx::query_as(ALL_SPANS).fetch_all(c).await)?;
    rows.into_iter().map(SpanRow::into_span).collect()
}
