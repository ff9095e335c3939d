//! Deadlines (issue 5, point 4): the open deadlines of the members in the caller's scope on a
//! day, with where each stands. This slice lists the cell's review of each probationer
//! (PRB-01, PRB-02). Scope is resolved exactly as for statistics: a unit outside the caller's
//! scope is not found; without a unit an officer sees their own unit, an administrator (and
//! the CLI) the whole registry.

mod render;

use chibo_domain::calendar::{DEFAULT_DUE_SOON_WORKING_DAYS, DeadlineStatus, status};
use chibo_domain::member::recognition_review_due;
use chibo_storage::db::prefix_range;
use chibo_storage::{paths, periods};
use chrono::NaiveDate;
use serde::Serialize;

pub use render::{to_csv, to_json, to_table};

use crate::audit::By;
use crate::stats::scope_unit;
use crate::{App, AppError};

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The cell's review of a probationer once probation ends (PRB-02).
    RecognitionReview,
}

impl DeadlineKind {
    /// The code reports print (`recognition_review`).
    pub fn code(self) -> &'static str {
        match self {
            Self::RecognitionReview => "recognition_review",
        }
    }
}

/// One open deadline. Serialises to the JSON object of `chibo deadlines --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The member's interchange key.
    pub subject_key: String,
    pub subject_name: String,
    /// The member's cell on the day (the cell they left, when in transit).
    pub unit_code: String,
    pub due_date: NaiveDate,
    pub status: DeadlineStatus,
}

/// The deadlines in scope that are due soon, due or overdue on `as_of` (those further away are
/// left out), by due date, unit code and subject key.
///
/// Recognition reviews: every member probationary on `as_of` — members in transit included,
/// under the cell they left, since the review still falls to a cell and the transfer does not
/// stop the clock. Recognised members and those who left are not probationary and so not
/// listed. The warning window is [`DEFAULT_DUE_SOON_WORKING_DAYS`] on the administrators'
/// working calendar (`calendar_entry`, seeded with the shipped holidays).
pub async fn list(
    app: &App,
    by: By<'_>,
    as_of: NaiveDate,
    unit: Option<&str>,
) -> Result<Vec<Deadline>, AppError> {
    let unit = scope_unit(app, by, unit).await?;
    let calendar = crate::calendar::working_calendar(app).await?;
    let mut tx = app.db.read().await?;
    let range = match unit {
        None => Some(prefix_range("/")),
        Some(u) => paths::path_on(&mut tx, u, as_of)
            .await?
            .map(|p| prefix_range(p.as_str())),
    };
    let probationers = match &range {
        Some(r) => periods::probationers_on(&mut tx, as_of, r).await?,
        None => Vec::new(), // the unit did not exist on the day
    };
    tx.commit().await?;
    let mut out: Vec<Deadline> = probationers
        .into_iter()
        .filter_map(|p| {
            let due_date = recognition_review_due(p.admitted_on, &calendar)?;
            let status = status(due_date, as_of, DEFAULT_DUE_SOON_WORKING_DAYS, &calendar);
            (status != DeadlineStatus::NotYetDue).then_some(Deadline {
                kind: DeadlineKind::RecognitionReview,
                subject_key: p.member_key,
                subject_name: p.full_name,
                unit_code: p.cell_code,
                due_date,
                status,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.due_date, &a.unit_code, &a.subject_key).cmp(&(b.due_date, &b.unit_code, &b.subject_key))
    });
    Ok(out)
}
