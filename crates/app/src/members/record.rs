//! Recording a life-cycle event and correcting one. Both are appends: the history is never
//! edited (rule GEN-04).

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::optional_text;
use chibo_domain::ids::{EventId, MemberId};
use chibo_storage::events;
use serde::{Deserialize, Serialize};

use super::event_input::EventInput;
use super::{Append, append_and_project};
use crate::audit::{self, About, Action, By};
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

/// Records an event for a member in the caller's scope. An arrival (`transfer_in`) or a
/// re-admission also needs the receiving cell to be in the caller's scope (see
/// `EventInput::check`).
pub async fn record_event(
    app: &App,
    actor: &Actor,
    id: MemberId,
    input: &EventInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _granted) =
        find_member(&mut tx, actor, Permission::EditMembers, id, today).await?;
    let checked = input.check(&mut tx, actor, today, row.birth_date).await?;
    let before = chibo_storage::members::state(&mut tx, id).await?;
    let events = [checked.life];
    let state = append_and_project(&mut tx, id, Append::Life(&events), Some(actor.user)).await?;
    let about = About::member(id, &row.full_name, audit_path(&paths));
    #[derive(Serialize)]
    struct Recorded<'a> {
        event: &'a super::NewLife,
        state: &'a chibo_domain::member::MemberState,
    }
    let after = Recorded {
        event: &events[0],
        state: &state,
    };
    audit::record(
        &mut tx,
        By::User(actor),
        Action::EventRecord,
        about,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct VoidInput {
    pub reason: Option<String>,
}

/// Voids one of the member's events with a correcting entry. Refused when the history
/// without it would not replay (for example voiding an admission that later events need).
pub async fn void_event(
    app: &App,
    actor: &Actor,
    id: MemberId,
    event: EventId,
    input: &VoidInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _granted) =
        find_member(&mut tx, actor, Permission::EditMembers, id, today).await?;
    let reason =
        optional_text(input.reason.as_deref(), 500).map_err(|p| AppError::field("reason", p))?;
    let history = events::history(&mut tx, id).await?;
    let target = history
        .iter()
        .find(|e| e.id == event.0)
        .ok_or(AppError::NotFound)?;
    let already = history.iter().any(|e| e.voids_event_id == Some(event.0));
    if target.kind == events::VOID_KIND || already {
        return Err(AppError::NotFound);
    }
    let before = chibo_storage::members::state(&mut tx, id).await?;
    let state = append_and_project(
        &mut tx,
        id,
        Append::Void {
            target: event,
            reason: reason.as_deref(),
        },
        Some(actor.user),
    )
    .await?;
    let about = About::member(id, &row.full_name, audit_path(&paths));
    #[derive(Serialize)]
    struct Voided<'a> {
        voided: &'a events::EventRow,
        reason: Option<&'a str>,
        state: &'a chibo_domain::member::MemberState,
    }
    let after = Voided {
        voided: target,
        reason: reason.as_deref(),
        state: &state,
    };
    audit::record(
        &mut tx,
        By::User(actor),
        Action::EventVoid,
        about,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
