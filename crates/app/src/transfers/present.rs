//! Presenting the letter at the receiving cell (TRF-02): recorded by the receiver, whose scope
//! must hold the letter's destination. The member's `transfer_in` is appended into that cell on
//! the day of presentation, which ends the transit; a letter presented after the limit needs
//! the member's explanation of the delay.

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::calendar::Timeliness;
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::member::EventKind;
use chibo_domain::transfer::{ClosureKind, TransferLetter};
use chibo_storage::transfers::{self as repo, LetterClosure, LetterRow};
use chibo_storage::{now, units};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{domain_letter, last_event_id, params};
use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::unit_path;
use crate::{App, AppError, clock};

const EXPLANATION_MAX: usize = 1000;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PresentInput {
    pub presented_on: String,
    /// TRF-02: why the letter came late; required when it did.
    pub late_explanation: Option<String>,
}

/// The outcome of a presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Presented {
    pub due_on: NaiveDate,
    pub days_taken: u32,
    pub late: bool,
}

/// A letter on its way to a cell of the caller's scope, with TRF-02 as seen today.
#[derive(Debug, Clone, Serialize)]
pub struct Incoming {
    pub letter: LetterRow,
    pub due_on: Option<NaiveDate>,
    pub days_in_transit: u32,
    pub overdue: bool,
}

/// An open official letter addressed to a unit the caller may edit members of; otherwise
/// not found, so a letter elsewhere does not reveal itself.
async fn receivable(
    tx: &mut chibo_storage::Tx,
    actor: &Actor,
    letter: i64,
    today: NaiveDate,
) -> Result<(LetterRow, UnitId), AppError> {
    let row = repo::letter(tx, letter).await?.ok_or(AppError::NotFound)?;
    let to = row.to_unit_id.ok_or(AppError::NotFound)?;
    let path = unit_path(tx, UnitId(to), today).await?;
    authorize(actor, Permission::EditMembers, Target::Unit(&path))?;
    if row.kind != "official" || row.closed_on.is_some() {
        return Err(AppError::NotFound);
    }
    Ok((row, UnitId(to)))
}

/// Records the presentation of letter `letter` at its receiving cell.
pub async fn present_letter(
    app: &App,
    actor: &Actor,
    letter: i64,
    input: &PresentInput,
) -> Result<Presented, AppError> {
    let today = clock::today();
    let calendar = crate::calendar::working_calendar(app).await?;
    let mut tx = app.db.write().await?;
    let (row, to) = receivable(&mut tx, actor, letter, today).await?;
    let mut e = FieldErrors::new();
    let on = e.take(
        "presented_on",
        effective_date_after(&input.presented_on, today, row.issued_on),
    );
    let explanation = e
        .take(
            "late_explanation",
            optional_text(input.late_explanation.as_deref(), EXPLANATION_MAX),
        )
        .flatten();
    let Some(on) = on else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    match units::version_on(&mut tx, to, on).await? {
        Some(v) if v.kind()?.holds_members() => {}
        Some(_) => e.push("presented_on", Problem::UnitHoldsNoMembers),
        None => e.push("presented_on", Problem::UnitNotValidOnDate),
    }
    let p = params(&mut tx, row.issued_on).await?;
    let seen = TransferLetter {
        presented_on: Some(on),
        ..domain_letter(&row)
    }
    .presentation(on, &calendar, &p)
    .ok_or_else(|| AppError::Internal("presentation due date out of range".into()))?;
    // TRF-02: late is accepted only with the member's explanation.
    if seen.explanation_required() && explanation.is_none() {
        e.push("late_explanation", Problem::Required);
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let member = MemberId(row.member_id);
    let before = chibo_storage::members::state(&mut tx, member).await?;
    let life = NewLife {
        kind: EventKind::TransferIn,
        on,
        unit: Some(to),
        decision_ref: Some(row.letter_number.clone()),
        reason: explanation.clone(),
    };
    let state =
        append_and_project(&mut tx, member, Append::Life(&[life]), Some(actor.user)).await?;
    let event = last_event_id(&mut tx, member).await?;
    let closed = repo::close_letter(
        &mut tx,
        row.id,
        &LetterClosure {
            presented_on: Some(on),
            late_explanation: explanation.as_deref(),
            in_event_id: Some(event),
            closed_on: on,
            closure_kind: ClosureKind::Received.code(),
            confirmation_ref: None,
            closed_at: now(),
            closed_by: Some(actor.user),
        },
    )
    .await?;
    if !closed {
        return Err(AppError::NotFound);
    }
    let presented = Presented {
        due_on: seen.due_on,
        days_taken: seen.days_taken,
        late: seen.timeliness == Timeliness::Late,
    };
    let path = unit_path(&mut tx, to, today).await?;
    #[derive(Serialize)]
    struct After<'a> {
        letter_id: i64,
        presented: &'a Presented,
        late_explanation: Option<&'a str>,
        event_id: i64,
        state: &'a chibo_domain::member::MemberState,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::TransferPresent,
        About::member(member, &row.full_name, Some(path.as_str().to_owned())),
        before.as_ref(),
        Some(&After {
            letter_id: row.id,
            presented: &presented,
            late_explanation: explanation.as_deref(),
            event_id: event,
            state: &state,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(presented)
}

/// The open letters addressed to cells the caller may receive members into, oldest first,
/// with their TRF-02 standing today.
pub async fn incoming(app: &App, actor: &Actor) -> Result<Vec<Incoming>, AppError> {
    let today = clock::today();
    let calendar = crate::calendar::working_calendar(app).await?;
    let mut tx = app.db.read().await?;
    let rules = crate::settings::timeline(&mut tx).await?;
    let mut out = Vec::new();
    for row in repo::in_transit_on(&mut tx, today).await? {
        let Some(to) = row.to_unit_id else { continue };
        let path = unit_path(&mut tx, UnitId(to), today).await?;
        if authorize(actor, Permission::EditMembers, Target::Unit(&path)).is_err() {
            continue;
        }
        let letter = domain_letter(&row);
        let p = rules.on(row.issued_on).transfer;
        out.push(Incoming {
            due_on: letter.presentation_due(&calendar, &p),
            days_in_transit: letter.days_in_transit(today),
            overdue: letter.on_screening_list(today, &calendar, &p),
            letter: row,
        });
    }
    tx.commit().await?;
    Ok(out)
}
