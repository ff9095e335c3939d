//! Declaring a member working away, and updating the details of the record.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::member::EventKind;
use chibo_storage::away as repo;
use chibo_storage::{Tx, events, now};
use serde::Serialize;

use super::details::{AwayInput, check_details};
use super::open_period;
use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

/// The id of the member's latest `kind` event still in force (not voided).
pub(super) async fn latest_event(
    tx: &mut Tx,
    member: MemberId,
    kind: EventKind,
) -> Result<Option<(i64, chrono::NaiveDate)>, AppError> {
    let history = events::history(tx, member).await?;
    Ok(history
        .iter()
        .filter(|e| e.kind == kind.code())
        .filter(|e| !history.iter().any(|v| v.voids_event_id == Some(e.id)))
        .max_by_key(|e| e.seq)
        .map(|e| (e.id, e.effective_on)))
}

/// Declares the member working away from `since`: appends `working_away_start` to the
/// registry (refused when the member is not in the party or already away) and opens the
/// record. A member already away in the registry (an event recorded before this record
/// existed) gets the record attached to that event, from its day. AWY-02: until the cell
/// grants a temporary exemption, the member's absences count as unexcused.
pub async fn declare(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &AwayInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let mut e = FieldErrors::new();
    let since = e.take(
        "since",
        effective_date_after(&input.since, today, row.admitted_on),
    );
    let decision_ref = e.take(
        "decision_ref",
        optional_text(input.decision_ref.as_deref(), 100),
    );
    let details = check_details(&mut tx, actor, input, today, &mut e).await?;
    let (Some(since), Some(decision_ref), Some(details)) = (since, decision_ref, details) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    if open_period(&mut tx, member).await?.is_some() {
        return Err(AppError::Transition(
            chibo_domain::member::TransitionError::AlreadyWorkingAway,
        ));
    }
    let attached = if row.working_away {
        latest_event(&mut tx, member, EventKind::WorkingAwayStart).await?
    } else {
        None
    };
    let (event_id, since) = match attached {
        Some(found) => found,
        None => {
            let life = [NewLife {
                kind: EventKind::WorkingAwayStart,
                on: since,
                unit: None,
                decision_ref: decision_ref.clone(),
                reason: None,
            }];
            append_and_project(&mut tx, member, Append::Life(&life), Some(actor.user)).await?;
            let id = latest_event(&mut tx, member, EventKind::WorkingAwayStart)
                .await?
                .ok_or_else(|| AppError::Internal("working_away_start not appended".into()))?;
            (id.0, since)
        }
    };
    let at = now();
    let id = repo::insert(
        &mut tx,
        member.0,
        since,
        &details,
        event_id,
        at,
        Some(actor.user.0),
    )
    .await?;
    #[derive(Serialize)]
    struct Declared<'a> {
        period_id: i64,
        since: chrono::NaiveDate,
        start_event_id: i64,
        details: &'a repo::Details,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::AwayDeclare,
        About::member(member, &row.full_name, audit_path(&paths)),
        None::<&()>,
        Some(&Declared {
            period_id: id,
            since,
            start_event_id: event_id,
            details: &details,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Rewrites the details of the member's open record (where, employer, contact, groups).
pub async fn update(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &AwayInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let period = open_period(&mut tx, member)
        .await?
        .ok_or(AppError::Transition(
            chibo_domain::member::TransitionError::NotWorkingAway,
        ))?;
    let mut e = FieldErrors::new();
    let details = check_details(&mut tx, actor, input, today, &mut e).await?;
    let Some(details) = details.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    repo::update(&mut tx, period.id, &details, now()).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::AwayUpdate,
        About::member(member, &row.full_name, audit_path(&paths)),
        Some(&period),
        Some(&details),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
