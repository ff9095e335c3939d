//! Ending a period away: the member is back.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::member::EventKind;
use chibo_storage::{away as repo, now};
use serde::{Deserialize, Serialize};

use super::declare::latest_event;
use super::open_period;
use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EndInput {
    /// The day the member came back.
    pub on: String,
    pub decision_ref: Option<String>,
}

/// Appends `working_away_end` on the day of return and closes the open record. A member away
/// in the registry without a record (recorded before records existed) is still brought back.
pub async fn end(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &EndInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let period = open_period(&mut tx, member).await?;
    let mut e = FieldErrors::new();
    let not_before = period.as_ref().map_or(row.admitted_on, |p| p.since);
    let on = e.take("on", effective_date_after(&input.on, today, not_before));
    let decision_ref = e.take(
        "decision_ref",
        optional_text(input.decision_ref.as_deref(), 100),
    );
    let (Some(on), Some(decision_ref)) = (on, decision_ref) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let life = [NewLife {
        kind: EventKind::WorkingAwayEnd,
        on,
        unit: None,
        decision_ref,
        reason: None,
    }];
    // The registry judges the event (refused when the member is not away).
    append_and_project(&mut tx, member, Append::Life(&life), Some(actor.user)).await?;
    let (event_id, _) = latest_event(&mut tx, member, EventKind::WorkingAwayEnd)
        .await?
        .ok_or_else(|| AppError::Internal("working_away_end not appended".into()))?;
    if let Some(p) = &period {
        repo::end(&mut tx, p.id, on, event_id, now()).await?;
    }
    #[derive(Serialize)]
    struct Ended {
        period_id: Option<i64>,
        ended_on: chrono::NaiveDate,
        end_event_id: i64,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::AwayEnd,
        About::member(member, &row.full_name, audit_path(&paths)),
        period.as_ref(),
        Some(&Ended {
            period_id: period.as_ref().map(|p| p.id),
            ended_on: on,
            end_event_id: event_id,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
