//! Deadlines (issue 5, point 4): the open deadlines of the members in the caller's scope on a
//! day, with where each stands: the cell's review of each probationer (PRB-01, PRB-02) until
//! a review round gives a result, then the committee's decision on it (PRB-03). Scope is resolved exactly as for statistics: a unit outside the caller's
//! scope is not found; without a unit an officer sees their own unit, an administrator (and
//! the CLI) the whole registry.

mod render;

use chibo_domain::calendar::{DEFAULT_DUE_SOON_WORKING_DAYS, DeadlineStatus, status};
use chibo_domain::ids::MemberId;
use chibo_domain::recognition::Position;
use chibo_storage::db::prefix_range;
use chibo_storage::{paths, periods, recognition as steps_repo};
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
    /// The committee's decision on the cell's resolution (PRB-03).
    RecognitionDecision,
}

impl DeadlineKind {
    /// The code reports print (`recognition_review`).
    pub fn code(self) -> &'static str {
        match self {
            Self::RecognitionReview => "recognition_review",
            Self::RecognitionDecision => "recognition_decision",
        }
    }
}

/// One open deadline. Serialises to the JSON object of `chibo deadlines --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The member's id (for links; not part of the reports).
    #[serde(skip)]
    pub member_id: i64,
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
/// Recognition: every member probationary on `as_of` — members in transit included, under the
/// cell they left, since the review still falls to a cell and the transfer does not stop the
/// clock — with the review due until a round gives a result, then the committee's decision
/// (see [`crate::recognition::open_deadline`]). Recognised members and those who left are not
/// probationary and so not listed. The warning window is [`DEFAULT_DUE_SOON_WORKING_DAYS`] on the administrators'
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
    let mut steps = std::collections::HashMap::<i64, Vec<_>>::new();
    if !probationers.is_empty() {
        for row in steps_repo::of_probationers(&mut tx).await? {
            steps.entry(row.member_id).or_default().push(row);
        }
    }
    tx.commit().await?;
    let mut out = Vec::with_capacity(probationers.len());
    for p in probationers {
        let position = match steps.get(&p.id) {
            Some(rows) => crate::recognition::position_of(rows)?,
            None => Position::AwaitingReview { round: 1 },
        };
        let Some((kind, due_date)) =
            crate::recognition::open_deadline(p.admitted_on, &position, &calendar)
        else {
            continue;
        };
        let status = status(due_date, as_of, DEFAULT_DUE_SOON_WORKING_DAYS, &calendar);
        if status != DeadlineStatus::NotYetDue {
            out.push(Deadline {
                kind,
                member_id: p.id,
                subject_key: p.member_key,
                subject_name: p.full_name,
                unit_code: p.cell_code,
                due_date,
                status,
            });
        }
    }
    out.sort_by(|a, b| {
        (a.due_date, &a.unit_code, &a.subject_key).cmp(&(b.due_date, &b.unit_code, &b.subject_key))
    });
    Ok(out)
}

/// A deadline of one member, whatever its distance (shown on the member's page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MemberDeadline {
    pub kind: DeadlineKind,
    pub due_date: NaiveDate,
    pub status: DeadlineStatus,
}

/// The open deadlines of a member on `as_of` from their standing, admission day and recorded
/// recognition steps: while probationary, the recognition review or, once the cell resolved,
/// the committee's decision (on the administrators' working calendar, with the default warning
/// window); otherwise none. The caller has already been allowed to see the member.
pub async fn of_member(
    app: &App,
    id: MemberId,
    standing: &str,
    admitted_on: NaiveDate,
    as_of: NaiveDate,
) -> Result<Vec<MemberDeadline>, AppError> {
    if standing != "probationary" {
        return Ok(Vec::new());
    }
    let calendar = crate::calendar::working_calendar(app).await?;
    let mut tx = app.db.read().await?;
    let rows = steps_repo::of_member(&mut tx, id.0).await?;
    tx.commit().await?;
    let position = crate::recognition::position_of(&rows)?;
    Ok(
        crate::recognition::open_deadline(admitted_on, &position, &calendar)
            .map(|(kind, due_date)| MemberDeadline {
                kind,
                due_date,
                status: status(due_date, as_of, DEFAULT_DUE_SOON_WORKING_DAYS, &calendar),
            })
            .into_iter()
            .collect(),
    )
}
