//! Closing a transfer to an organisation outside the registry by its recorded confirmation
//! (the returned slip). Nobody here receives the member, so the sending side closes it.
//!
//! Counting: interchange v1 has no event for leaving the registry, and its in-transit rule
//! (a `transfer_out` with no later `transfer_in`) cannot tell a confirmed transfer from an
//! open one. The confirmation therefore closes the letter, which takes the member off the
//! in-transit list and the screening list from that day; the registry history keeps its
//! `transfer_out` unchanged, so exports and the interchange statistics read exactly as
//! interchange.md prescribes.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::transfer::ClosureKind;
use chibo_storage::now;
use chibo_storage::transfers::{self as repo, LetterClosure};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::audit::{self, About, Action, By};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

const REF_MAX: usize = 100;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ConfirmInput {
    pub confirmed_on: String,
    /// The confirmation's reference (number and date of the returned slip).
    pub confirmation_ref: String,
}

/// Closes the open letter `letter` to an outside organisation; the sender's act.
pub async fn confirm_outside(
    app: &App,
    actor: &Actor,
    letter: i64,
    input: &ConfirmInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let row = repo::letter(&mut tx, letter)
        .await?
        .ok_or(AppError::NotFound)?;
    let member = MemberId(row.member_id);
    let (_, paths, _) = find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    if row.kind != "official" || row.to_outside.is_none() || row.closed_on.is_some() {
        return Err(AppError::NotFound);
    }
    let mut e = FieldErrors::new();
    let on = e.take(
        "confirmed_on",
        effective_date_after(&input.confirmed_on, today, row.issued_on),
    );
    let reference = match optional_text(Some(&input.confirmation_ref), REF_MAX) {
        Ok(Some(r)) => Some(r),
        Ok(None) => {
            e.push("confirmation_ref", Problem::Required);
            None
        }
        Err(p) => {
            e.push("confirmation_ref", p);
            None
        }
    };
    let (Some(on), Some(reference)) = (on, reference) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let closed = repo::close_letter(
        &mut tx,
        row.id,
        &LetterClosure {
            presented_on: None,
            late_explanation: None,
            in_event_id: None,
            closed_on: on,
            closure_kind: ClosureKind::Confirmed.code(),
            confirmation_ref: Some(&reference),
            closed_at: now(),
            closed_by: Some(actor.user),
        },
    )
    .await?;
    if !closed {
        return Err(AppError::NotFound);
    }
    #[derive(Serialize)]
    struct Closed<'a> {
        letter_id: i64,
        closed_on: NaiveDate,
        closure_kind: &'a str,
        confirmation_ref: &'a str,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::TransferConfirm,
        About::member(member, &row.full_name, audit_path(&paths)),
        Some(&row),
        Some(&Closed {
            letter_id: row.id,
            closed_on: on,
            closure_kind: ClosureKind::Confirmed.code(),
            confirmation_ref: &reference,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
