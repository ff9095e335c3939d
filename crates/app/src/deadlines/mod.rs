//! Deadlines (issue 5, point 4): the open deadlines of the members and candidates in the
//! caller's scope on a day, with where each stands: the cell's review of each probationer
//! (PRB-01, PRB-02) until a review round gives a result, then the committee's decision on it
//! (PRB-03), and each candidate's awareness certificate before the cell vote (ADM-04),
//! admission decision (ADM-11) and ceremony (ADM-13), and the settlement of each lodged complaint (REM-06). Scope is resolved exactly as for statistics: a unit outside the caller's
//! scope is not found; without a unit an officer sees their own unit, an administrator (and
//! the CLI) the whole registry.

mod render;

use chibo_domain::calendar::{DeadlineStatus, status};
use chibo_domain::ids::MemberId;
use chibo_domain::recognition::Position;
use chibo_storage::candidates::{self as candidate_repo, StepRow};
use chibo_storage::db::prefix_range;
use chibo_storage::{paths, periods, recognition as recognition_repo};
use chrono::NaiveDate;
use serde::Serialize;

pub use render::{to_csv, to_json, to_table};

use crate::audit::By;
use crate::stats::scope_unit;
use crate::{App, AppError};

/// The state of a complaint lodged and not yet settled.
const COMPLAINT_LODGED: &str = "lodged";

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The cell's review of a probationer once probation ends (PRB-02).
    RecognitionReview,
    /// The committee's decision on the cell's resolution (PRB-03).
    RecognitionDecision,
    /// The last day a candidate's awareness-class certificate is valid for the cell vote
    /// (ADM-04), while the cell has not voted.
    AwarenessCertificate,
    /// The admission decision after the cell's resolution (ADM-11).
    AdmissionDecision,
    /// The admission ceremony after the decision is received (ADM-13).
    AdmissionCeremony,
    /// The cell's review of a member it helps, at the end of the help period (REM-09).
    ScreeningReview,
    /// The settlement of a lodged complaint against a removal or a disciplinary measure
    /// (REM-06: 90 working days locally, 180 centrally).
    ComplaintSettlement,
}

impl DeadlineKind {
    /// The code reports print (`recognition_review`).
    pub fn code(self) -> &'static str {
        match self {
            Self::RecognitionReview => "recognition_review",
            Self::RecognitionDecision => "recognition_decision",
            Self::AwarenessCertificate => "awareness_certificate",
            Self::AdmissionDecision => "admission_decision",
            Self::AdmissionCeremony => "admission_ceremony",
            Self::ScreeningReview => "screening_review",
            Self::ComplaintSettlement => "complaint_settlement",
        }
    }
}

/// Whom a deadline concerns, for links.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A member, by id.
    Member(i64),
    /// A candidate for admission, by key.
    Candidate(String),
}

impl Subject {
    /// The page of the subject: `/members/{id}` or `/candidates/{key}`.
    pub fn link(&self) -> String {
        match self {
            Self::Member(id) => format!("/members/{id}"),
            Self::Candidate(key) => format!("/candidates/{}", urlencoding_path(key)),
        }
    }
}

/// Candidate keys are ASCII letters, digits, '-', '_' and '.', safe in a path; anything else
/// (a key from an older import) is percent-encoded.
fn urlencoding_path(key: &str) -> String {
    key.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// One open deadline. Serialises to the JSON object of `chibo deadlines --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The member or candidate (for links; not part of the reports).
    #[serde(skip)]
    pub subject: Subject,
    /// The member's interchange key or the candidate's key.
    pub subject_key: String,
    pub subject_name: String,
    /// The member's cell on the day (the cell they left, when in transit), or the candidate's.
    pub unit_code: String,
    pub due_date: NaiveDate,
    pub status: DeadlineStatus,
}

/// The deadlines in scope that are due soon, due or overdue on `as_of` (those further away are
/// left out), by due date, unit code and subject key.
///
/// Recognition reviews: every member probationary on `as_of` — members in transit included,
/// under the cell they left, since the review still falls to a cell and the transfer does not
/// stop the clock — with the review due until a round gives a result, then the committee's
/// decision (see [`crate::recognition::open_deadline`]). Recognised members and those who left
/// are not probationary and so not listed.
///
/// Candidates: those whose cell lies in scope, each with the time limit of the stage they
/// reached (see [`crate::candidates`]): the certificate before the cell vote, the decision
/// after it, the ceremony after the decision.
///
/// Screening reviews: every member of the scope being helped (REM-09), due at the end of the
/// help period until the review is recorded (see [`crate::screening::list`]).
///
/// The warning window is the `due_soon_working_days` setting (GEN-03) on the administrators'
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
    // Read once: today's values for the lists, each case's own for its replay (GEN-03).
    let rules = crate::settings::timeline(&mut tx).await?;
    let settings = rules.on(crate::clock::today());
    let window = settings.due_soon_working_days;
    let range = match unit {
        None => Some(prefix_range("/")),
        Some(u) => paths::path_on(&mut tx, u, as_of)
            .await?
            .map(|p| prefix_range(p.as_str())),
    };
    let (probationers, (candidates, steps), certificates, screening, procedures) = match &range {
        Some(r) => (
            periods::probationers_on(&mut tx, as_of, r).await?,
            candidate_repo::in_subtree_with_steps(&mut tx, as_of, r).await?,
            candidate_repo::certificates_in_subtree(&mut tx, as_of, r).await?,
            crate::screening::rows_in(&mut tx, as_of, r, &rules).await?,
            crate::removal::open_in(&mut tx, as_of, r, &calendar, &rules).await?,
        ),
        // The unit did not exist on the day.
        None => (
            Vec::new(),
            (Vec::new(), Vec::new()),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ),
    };
    // Renewed certificates (ADM-04), the newest per candidate (they come by date).
    let renewed: std::collections::HashMap<i64, NaiveDate> = certificates.into_iter().collect();
    let mut recognition_steps = std::collections::HashMap::<i64, Vec<_>>::new();
    if !probationers.is_empty() {
        for row in recognition_repo::of_probationers(&mut tx).await? {
            recognition_steps
                .entry(row.member_id)
                .or_default()
                .push(row);
        }
    }
    tx.commit().await?;
    let mut out = Vec::with_capacity(probationers.len());
    for p in probationers {
        let position = match recognition_steps.get(&p.id) {
            Some(rows) => crate::recognition::position_of(rows)?,
            None => Position::AwaitingReview { round: 1 },
        };
        let Some((kind, due_date)) = crate::recognition::open_deadline(
            p.admitted_on,
            &position,
            &calendar,
            &settings.recognition,
        ) else {
            continue;
        };
        let status = status(due_date, as_of, window, &calendar);
        if status != DeadlineStatus::NotYetDue {
            out.push(Deadline {
                kind,
                subject: Subject::Member(p.id),
                subject_key: p.member_key,
                subject_name: p.full_name,
                unit_code: p.cell_code,
                due_date,
                status,
            });
        }
    }
    for r in screening {
        let Some(due_date) = r.review_due.filter(|_| r.decision.is_none()) else {
            continue;
        };
        let status = status(due_date, as_of, window, &calendar);
        if status != DeadlineStatus::NotYetDue {
            out.push(Deadline {
                kind: DeadlineKind::ScreeningReview,
                subject: Subject::Member(r.member_id),
                subject_key: r.member_key,
                subject_name: r.full_name,
                unit_code: r.unit_code,
                due_date,
                status,
            });
        }
    }
    let mut steps = steps.into_iter().peekable();
    for c in candidates {
        // Both lists are ordered by candidate id; a candidate's steps come in one run.
        let mut own: Vec<StepRow> = Vec::new();
        while let Some(s) = steps.next_if(|s| s.candidate_id <= c.id) {
            if s.candidate_id == c.id {
                own.push(s);
            }
        }
        let certificate = crate::candidates::newest_certificate(&own, renewed.get(&c.id).copied());
        let open =
            crate::candidates::open_deadlines(&own, certificate, &calendar, &settings.admission)?;
        for (kind, due_date) in open {
            let status = status(due_date, as_of, window, &calendar);
            if status != DeadlineStatus::NotYetDue {
                out.push(Deadline {
                    kind,
                    subject: Subject::Candidate(c.candidate_key.clone()),
                    subject_key: c.candidate_key.clone(),
                    subject_name: c.full_name.clone(),
                    unit_code: c.cell_code.clone(),
                    due_date,
                    status,
                });
            }
        }
    }
    // REM-06: lodged complaints, until settled.
    for c in procedures {
        let (COMPLAINT_LODGED, Some(due_date)) = (c.state, c.next_due) else {
            continue;
        };
        let status = status(due_date, as_of, window, &calendar);
        if status != DeadlineStatus::NotYetDue {
            out.push(Deadline {
                kind: DeadlineKind::ComplaintSettlement,
                subject: Subject::Member(c.member_id),
                subject_key: c.member_key,
                subject_name: c.full_name,
                unit_code: c.unit_code,
                due_date,
                status,
            });
        }
    }
    out.sort_by(|a, b| {
        (a.due_date, &a.unit_code, &a.subject_key, a.kind).cmp(&(
            b.due_date,
            &b.unit_code,
            &b.subject_key,
            b.kind,
        ))
    });
    Ok(out)
}

/// A deadline of one member or candidate, whatever its distance (shown on their page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MemberDeadline {
    pub kind: DeadlineKind,
    pub due_date: NaiveDate,
    pub status: DeadlineStatus,
}

/// The open deadlines of a member on `as_of` from their standing, admission day and recorded
/// recognition steps: while probationary, the recognition review or, once the cell resolved,
/// the committee's decision (on the administrators' working calendar, with the configured
/// warning window); otherwise none. The caller has already been allowed to see the member.
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
    let settings = crate::settings::load(app).await?;
    let window = settings.due_soon_working_days;
    let mut tx = app.db.read().await?;
    let rows = recognition_repo::of_member(&mut tx, id.0).await?;
    tx.commit().await?;
    let position = crate::recognition::position_of(&rows)?;
    Ok(
        crate::recognition::open_deadline(admitted_on, &position, &calendar, &settings.recognition)
            .map(|(kind, due_date)| MemberDeadline {
                kind,
                due_date,
                status: status(due_date, as_of, window, &calendar),
            })
            .into_iter()
            .collect(),
    )
}

/// The open deadline of a candidate with these steps on `as_of`, whatever its distance (the
/// certificate's validity, the decision or the ceremony; none before the certificate and
/// after the ceremony). The caller has already been allowed to see the candidate.
pub async fn of_candidate(
    app: &App,
    steps: &[StepRow],
    certificate: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<Vec<MemberDeadline>, AppError> {
    let calendar = crate::calendar::working_calendar(app).await?;
    let settings = crate::settings::load(app).await?;
    Ok(
        crate::candidates::open_deadlines(steps, certificate, &calendar, &settings.admission)?
            .into_iter()
            .map(|(kind, due_date)| MemberDeadline {
                kind,
                due_date,
                status: status(due_date, as_of, settings.due_soon_working_days, &calendar),
            })
            .collect(),
    )
}
