//! The working-day calendar's entries (`calendar_entry`): one holiday, day off or make-up
//! working day per date, seeded from the shipped data and edited by administrators.

use chibo_domain::calendar::{CalendarEntry, DayKind, shipped_calendar};
use chrono::NaiveDate;

use crate::db::{StorageError, Tx, on};

const COUNT: &str = "SELECT COUNT(*) FROM calendar_entry";
const LIST: &str = "SELECT date, kind, name FROM calendar_entry ORDER BY date";
const LIST_RANGE: &str =
    "SELECT date, kind, name FROM calendar_entry WHERE date >= $1 AND date <= $2 ORDER BY date";
const GET: &str = "SELECT date, kind, name FROM calendar_entry WHERE date = $1";
const UPSERT: &str = "INSERT INTO calendar_entry (date, kind, name) VALUES ($1, $2, $3) \
     ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name";
const DELETE: &str = "DELETE FROM calendar_entry WHERE date = $1";

type Row = (NaiveDate, String, String);

fn entry((date, kind, name): Row) -> Result<CalendarEntry, StorageError> {
    let kind = DayKind::from_code(&kind)
        .ok_or_else(|| StorageError::corrupt(format!("calendar kind {kind} on {date}")))?;
    Ok(CalendarEntry { date, kind, name })
}

pub async fn count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(COUNT).fetch_one(c).await)?)
}

/// Every entry in date order, or those of one year.
pub async fn list(tx: &mut Tx, year: Option<i32>) -> Result<Vec<CalendarEntry>, StorageError> {
    let rows: Vec<Row> = match year.and_then(year_bounds) {
        Some((from, to)) => {
            on!(tx, c => sqlx::query_as(LIST_RANGE).bind(from).bind(to).fetch_all(c).await)?
        }
        None => on!(tx, c => sqlx::query_as(LIST).fetch_all(c).await)?,
    };
    rows.into_iter().map(entry).collect()
}

fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

pub async fn get(tx: &mut Tx, date: NaiveDate) -> Result<Option<CalendarEntry>, StorageError> {
    let row: Option<Row> = on!(tx, c => sqlx::query_as(GET).bind(date).fetch_optional(c).await)?;
    row.map(entry).transpose()
}

/// Adds the entry, or replaces the one of its date.
pub async fn upsert(tx: &mut Tx, e: &CalendarEntry) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(UPSERT).bind(e.date).bind(e.kind.code()).bind(&e.name)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes the entry of `date`; whether there was one.
pub async fn delete(tx: &mut Tx, date: NaiveDate) -> Result<bool, StorageError> {
    let n =
        on!(tx, c => sqlx::query(DELETE).bind(date).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Loads the shipped entries (Vietnam, 2020–2030) when the table is empty, as the reference
/// data are; whether it did.
pub async fn ensure_loaded(tx: &mut Tx) -> Result<bool, StorageError> {
    if count(tx).await? > 0 {
        return Ok(false);
    }
    let shipped = shipped_calendar()
        .map_err(|e| StorageError::corrupt(format!("shipped holidays: {e:?}")))?;
    for e in shipped.entries() {
        upsert(tx, e).await?;
    }
    Ok(true)
}
