//! The working-day calendar (rule GEN-01) as administrators keep it: the holidays, days off
//! and make-up working days stored in `calendar_entry` (seeded with the shipped 2020–2030
//! data at setup), and the [`WorkingCalendar`] deadlines are counted on.
//!
//! Holidays change no headcount, so these writes leave the statistics change log alone.

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::calendar::{CalendarEntry, DayKind, EntryProblem, WorkingCalendar};
use chibo_domain::dates::parse_date;
use chibo_domain::field::{FieldErrors, Problem};
use chibo_storage::calendar as repo;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::{self, About, Action, By};
use crate::{App, AppError};

/// An entry as typed in the form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CalendarInput {
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub date: String,
    /// `holiday`, `day_off` or `makeup_workday`.
    pub kind: String,
    pub name: String,
}

/// The kinds' codes, for the "not one of" message.
pub const KIND_CODES: &[&str] = &["holiday", "day_off", "makeup_workday"];

/// The calendar deadlines are counted on: every stored entry. Anyone's use case may read it.
pub async fn working_calendar(app: &App) -> Result<WorkingCalendar, AppError> {
    let mut tx = app.db.read().await?;
    let entries = repo::list(&mut tx, None).await?;
    tx.commit().await?;
    WorkingCalendar::new(entries).map_err(|e| AppError::Internal(e.to_string()))
}

fn allow(actor: &Actor) -> Result<(), AppError> {
    authorize(actor, Permission::ManageCalendar, Target::System)?;
    Ok(())
}

/// The entries of `year` (all of them when `None`), in date order; administrators only.
pub async fn list(
    app: &App,
    actor: &Actor,
    year: Option<i32>,
) -> Result<Vec<CalendarEntry>, AppError> {
    allow(actor)?;
    let mut tx = app.db.read().await?;
    let entries = repo::list(&mut tx, year).await?;
    tx.commit().await?;
    Ok(entries)
}

/// Checks a typed entry with the domain's rules; every bad field is reported.
pub fn validate(input: &CalendarInput) -> Result<CalendarEntry, AppError> {
    let mut e = FieldErrors::new();
    let date = e.take(
        "date",
        parse_date(&input.date).map_err(|_| Problem::InvalidDate),
    );
    let kind = e.take(
        "kind",
        DayKind::from_code(input.kind.trim()).ok_or(Problem::NotOneOf {
            allowed: KIND_CODES,
        }),
    );
    if input.name.trim().is_empty() {
        e.push("name", Problem::Required);
    }
    let (Some(date), Some(kind), true) = (date, kind, e.is_empty()) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    CalendarEntry::new(date, kind, &input.name).map_err(|p| match p {
        EntryProblem::MakeupOnWeekday { .. } => AppError::field("date", Problem::MakeupNotWeekend),
        EntryProblem::EmptyName => AppError::field("name", Problem::Required),
        other => AppError::Internal(other.to_string()),
    })
}

fn about(date: NaiveDate, name: &str) -> About {
    About {
        kind: "calendar",
        id: Some(date.to_string()),
        label: Some(name.to_owned()),
        unit_path: None,
    }
}

/// Adds the entry of a date or replaces it; administrators only, audited with before and after.
pub async fn save(
    app: &App,
    actor: &Actor,
    input: &CalendarInput,
) -> Result<CalendarEntry, AppError> {
    allow(actor)?;
    let entry = validate(input)?;
    let mut tx = app.db.write().await?;
    let before = repo::get(&mut tx, entry.date).await?;
    repo::upsert(&mut tx, &entry).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::CalendarSave,
        about(entry.date, &entry.name),
        before.as_ref(),
        Some(&entry),
    )
    .await?;
    tx.commit().await?;
    Ok(entry)
}

/// Removes the entry of `date` (the day follows the week again); administrators only, audited.
/// A date without an entry is not found.
pub async fn delete(app: &App, actor: &Actor, date: NaiveDate) -> Result<CalendarEntry, AppError> {
    allow(actor)?;
    let mut tx = app.db.write().await?;
    let before = repo::get(&mut tx, date).await?.ok_or(AppError::NotFound)?;
    repo::delete(&mut tx, date).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::CalendarDelete,
        about(date, &before.name),
        Some(&before),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(before)
}
