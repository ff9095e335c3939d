//! Issuing an official transfer letter (TRF-01, TRF-04): the letter's boxes are checked, the
//! member's `transfer_out` is appended on the letter's date with its destination, and from
//! that day the member is in transit (TRF-03), counted by the sending cell.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::calendar::{DEFAULT_DUE_SOON_WORKING_DAYS, Timeliness};
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::member::{EventKind, Status};
use chibo_domain::transfer::{
    LetterContent, MoveReason, official_transfer_start, validate_letter_content,
};
use chibo_storage::transfers::{self as repo, NewLetter};
use chibo_storage::{now, units};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{day, last_event_id, params};
use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

pub(super) const NUMBER_MAX: usize = 50;
pub(super) const OUTSIDE_MAX: usize = 200;

/// The letter as typed. The destination is a unit code of the registry or, for an
/// organisation outside it, its name as printed (exactly one of the two).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IssueInput {
    pub letter_number: String,
    pub issued_on: String,
    pub to_unit_code: Option<String>,
    pub to_outside: Option<String>,
    pub fees_paid_through: Option<String>,
    pub card_number: Option<String>,
    pub biography_number: Option<String>,
    pub cell_register_number: Option<String>,
    pub transfer_register_number: Option<String>,
    pub addressee: Option<String>,
    /// TRF-01: why the member moves (`new_post`, `retirement`, …) and from when.
    pub move_reason: Option<String>,
    pub move_on: Option<String>,
}

/// What issuing led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issued {
    pub letter_id: i64,
    /// TRF-01: the last day to start the transfer, when the move was given.
    pub start_due_on: Option<NaiveDate>,
    /// TRF-01: the letter came after that day.
    pub started_late: bool,
}

/// Issues the letter of a member of the caller's scope and puts them in transit.
pub async fn issue_letter(
    app: &App,
    actor: &Actor,
    id: MemberId,
    input: &IssueInput,
) -> Result<Issued, AppError> {
    let today = clock::today();
    let calendar = crate::calendar::working_calendar(app).await?;
    let mut tx = app.db.write().await?;
    let (row, paths, _) = find_member(&mut tx, actor, Permission::EditMembers, id, today).await?;
    let standing = match Status::from_code(&row.status) {
        Some(Status::Member(s)) => s,
        _ => {
            return Err(AppError::Transition(
                chibo_domain::member::TransitionError::NotAMember,
            ));
        }
    };
    let mut e = FieldErrors::new();
    let number = match optional_text(Some(&input.letter_number), NUMBER_MAX) {
        Ok(Some(n)) => Some(n),
        Ok(None) => {
            e.push("letter_number", Problem::Required);
            None
        }
        Err(p) => {
            e.push("letter_number", p);
            None
        }
    };
    let issued_on = e.take(
        "issued_on",
        effective_date_after(&input.issued_on, today, row.admitted_on),
    );
    let code = optional(input.to_unit_code.as_deref());
    let outside = e
        .take(
            "to_outside",
            optional_text(input.to_outside.as_deref(), OUTSIDE_MAX),
        )
        .flatten();
    let mut to_unit = None;
    match (code, &outside) {
        (None, None) => e.push("to_unit_code", Problem::Required),
        (Some(_), Some(_)) => e.push("to_outside", Problem::NotExpected),
        (None, Some(_)) => {}
        (Some(code), None) => {
            let unit =
                units::id_by_code(&mut tx, code)
                    .await?
                    .ok_or(AppError::NoSuchReference {
                        field: "to_unit_code",
                    })?;
            if let Some(on) = issued_on {
                match units::version_on(&mut tx, unit, on).await? {
                    None => e.push("to_unit_code", Problem::UnitNotValidOnDate),
                    Some(v) if !v.kind()?.holds_members() => {
                        e.push("to_unit_code", Problem::UnitHoldsNoMembers)
                    }
                    Some(_) => to_unit = Some(UnitId(unit.0)),
                }
            }
        }
    }
    // TRF-04: every box of the letter, named on error.
    let content = LetterContent {
        card_number: input.card_number.clone(),
        biography_number: input.biography_number.clone(),
        cell_register_number: input.cell_register_number.clone(),
        transfer_register_number: input.transfer_register_number.clone(),
        fees_paid_through: input.fees_paid_through.clone(),
        addressee: input.addressee.clone(),
    };
    let boxes = match validate_letter_content(&content, standing) {
        Ok(b) => Some(b),
        Err(errs) => {
            for f in errs {
                e.push(f.field, f.problem);
            }
            None
        }
    };
    let reason = match optional(input.move_reason.as_deref()) {
        None => None,
        Some(r) => e.take(
            "move_reason",
            MoveReason::parse(r).ok_or(Problem::NotOneOf {
                allowed: MoveReason::CODES,
            }),
        ),
    };
    let move_on = match optional(input.move_on.as_deref()) {
        None if reason.is_some() => {
            e.push("move_on", Problem::Required);
            None
        }
        None => None,
        Some(d) => e.take("move_on", day(d)),
    };
    let (Some(number), Some(issued_on), Some(boxes)) = (number, issued_on, boxes) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let p = params(&mut tx, issued_on).await?;
    // TRF-01: a late start is recorded and shown, not refused: the transfer still has to happen.
    let start = move_on.and_then(|m| {
        official_transfer_start(
            m,
            Some(issued_on),
            today,
            DEFAULT_DUE_SOON_WORKING_DAYS,
            &calendar,
            &p,
        )
    });
    let life = NewLife {
        kind: EventKind::TransferOut,
        on: issued_on,
        unit: to_unit,
        decision_ref: Some(number.clone()),
        reason: outside.clone(),
    };
    let before = chibo_storage::members::state(&mut tx, id).await?;
    let state = append_and_project(&mut tx, id, Append::Life(&[life]), Some(actor.user)).await?;
    let event = last_event_id(&mut tx, id).await?;
    // An official transfer ends a temporary one (the registry drops the host), so its record
    // stops listing the member at the host from the letter's date.
    for t in repo::temporaries_of(&mut tx, id).await? {
        if t.returned_on.is_none() {
            repo::mark_returned(&mut tx, t.id, issued_on.max(t.from_on), None).await?;
        }
    }
    let fees = boxes.fees_paid_through.to_string();
    let content_json = serde_json::to_string(&boxes)
        .map_err(|e| AppError::Internal(format!("letter content: {e}")))?;
    let letter_id = repo::insert_letter(
        &mut tx,
        &NewLetter {
            member: id,
            kind: "official",
            letter_number: &number,
            issued_on,
            from_unit: UnitId(row.cell_id),
            to_unit,
            to_outside: outside.as_deref(),
            fees_paid_through: Some(&fees),
            content: &content_json,
            move_reason: reason.map(|r| r.code()),
            move_on,
            start_due_on: start.map(|s| s.0),
            out_event_id: Some(event),
            recorded_at: now(),
            recorded_by: Some(actor.user),
        },
    )
    .await?;
    let issued = Issued {
        letter_id,
        start_due_on: start.map(|s| s.0),
        started_late: start.is_some_and(|s| s.1 == Timeliness::Late),
    };
    #[derive(Serialize)]
    struct After<'a> {
        letter_id: i64,
        letter_number: &'a str,
        issued_on: NaiveDate,
        to_unit: Option<i64>,
        to_outside: Option<&'a str>,
        fees_paid_through: &'a str,
        event_id: i64,
        state: &'a chibo_domain::member::MemberState,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::TransferIssue,
        About::member(id, &row.full_name, audit_path(&paths)),
        before.as_ref(),
        Some(&After {
            letter_id,
            letter_number: &number,
            issued_on,
            to_unit: to_unit.map(|u| u.0),
            to_outside: outside.as_deref(),
            fees_paid_through: &fees,
            event_id: event,
            state: &state,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(issued)
}
