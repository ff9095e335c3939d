//! Yearly admission targets (`admission_target`, rule TGT-03): one per unit and year, a count
//! of admissions or a share of the unit's members on 1 January in hundredths of a percent.

use chibo_domain::ids::UnitId;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// What a target asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetValue {
    /// This many admissions in the year.
    Count(i64),
    /// This share of the unit's members on 1 January, in hundredths of a percent (350 = 3.50 %).
    PercentHundredths(i32),
}

/// A stored target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdmissionTarget {
    pub unit_id: i64,
    pub year: i32,
    pub value: TargetValue,
    pub set_at: DateTime<Utc>,
    pub set_by: String,
}

type Row = (i64, i32, Option<i64>, Option<i32>, DateTime<Utc>, String);

const GET: &str = "SELECT unit_id, year, target_count, percent_hundredths, set_at, set_by \
     FROM admission_target WHERE unit_id = $1 AND year = $2";
const OF_YEAR: &str = "SELECT unit_id, year, target_count, percent_hundredths, set_at, set_by \
     FROM admission_target WHERE year = $1 ORDER BY unit_id";

const UPSERT: &str = "INSERT INTO admission_target \
     (unit_id, year, target_count, percent_hundredths, set_at, set_by) \
     VALUES ($1, $2, $3, $4, $5, $6) \
     ON CONFLICT (unit_id, year) DO UPDATE SET target_count = excluded.target_count, \
     percent_hundredths = excluded.percent_hundredths, set_at = excluded.set_at, \
     set_by = excluded.set_by";

fn target(
    (unit_id, year, count, percent, set_at, set_by): Row,
) -> Result<AdmissionTarget, StorageError> {
    let value = match (count, percent) {
        (Some(n), None) => TargetValue::Count(n),
        (None, Some(p)) => TargetValue::PercentHundredths(p),
        _ => {
            return Err(StorageError::corrupt(format!(
                "admission target of unit {unit_id} in {year}: not exactly one of count and percent"
            )));
        }
    };
    Ok(AdmissionTarget {
        unit_id,
        year,
        value,
        set_at,
        set_by,
    })
}

/// The target of `unit` in `year`, if one is set.
pub async fn get(
    tx: &mut Tx,
    unit: UnitId,
    year: i32,
) -> Result<Option<AdmissionTarget>, StorageError> {
    let row: Option<Row> =
        on!(tx, c => sqlx::query_as(GET).bind(unit.0).bind(year).fetch_optional(c).await)?;
    row.map(target).transpose()
}

/// Every target of `year`, by unit id.
pub async fn of_year(tx: &mut Tx, year: i32) -> Result<Vec<AdmissionTarget>, StorageError> {
    let rows: Vec<Row> = on!(tx, c => sqlx::query_as(OF_YEAR).bind(year).fetch_all(c).await)?;
    rows.into_iter().map(target).collect()
}

/// Sets the target of its unit and year, replacing the one there was.
pub async fn upsert(tx: &mut Tx, t: &AdmissionTarget) -> Result<(), StorageError> {
    let (count, percent) = match t.value {
        TargetValue::Count(n) => (Some(n), None),
        TargetValue::PercentHundredths(p) => (None, Some(p)),
    };
    on!(tx, c => sqlx::query(UPSERT).bind(t.unit_id).bind(t.year).bind(count).bind(percent)
        .bind(t.set_at).bind(&t.set_by).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many targets are stored (all years).
pub async fn count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM admission_target").fetch_one(c).await)?,
    )
}
